import { expect } from '@jest/globals';
import { type Actor, type RecordedEvent } from '@pamoja/contracts';
import {
  type AnnexIICategory,
  type IncidentLevel,
  type MineSiteEvent,
  type MineSiteStatus,
  mineSiteStreamId,
  type RecommendableSiteStatus,
  type SiteIncidentEvent,
  siteIncidentStreamId,
} from '@pamoja/sites/domain';
import { pageSweepOnPostgres, type ProjectionEvent, recordEvents } from '@pamoja/testing';
import { sitesRegistryProjection } from './sites-registry.projection.js';

const SAEMAPE: Actor = {
  userId: 'inspector-1',
  agencyId: 'saemape-goma',
  agencyType: 'mining_authority',
  roles: ['inspector'],
};

const at = (day: number, hour = 8): string =>
  `2026-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;

const siteEvent = (event: MineSiteEvent): ProjectionEvent => ({
  ...event,
  streamId: mineSiteStreamId(event.data.siteId),
  actor: SAEMAPE,
});
const incidentEvent = (event: SiteIncidentEvent): ProjectionEvent => ({
  ...event,
  streamId: siteIncidentStreamId(event.data.incidentId),
  actor: SAEMAPE,
});

const registered = (siteId: string, code: string, day: number): ProjectionEvent =>
  siteEvent({
    type: 'MineSiteRegistered',
    schemaVersion: 1,
    data: {
      siteId,
      code,
      name: `Pit ${code}`,
      province: 'north_kivu',
      territory: 'masisi',
      minerals: ['coltan', 'cassiterite'],
      latitude: -1.5512345678901,
      longitude: 28.8812345678901,
      status: 'blue',
      registeredAt: at(day),
      byAgencyId: SAEMAPE.agencyId,
    },
  });
const inspected = (siteId: string, day: number, recommended: RecommendableSiteStatus): ProjectionEvent =>
  siteEvent({
    type: 'MineSiteInspected',
    schemaVersion: 1,
    data: {
      siteId,
      inspectedAt: at(day),
      inspectingAgency: 'Joint validation team',
      findings: `Findings of day ${day}`,
      indicatorsObserved: recommended === 'green' ? [] : ['child_at_site_under_15', 'armed_presence'],
      recommendedStatus: recommended,
      recordedAt: at(day + 2),
      byAgencyId: SAEMAPE.agencyId,
    },
  });
const statusChanged = (
  siteId: string,
  from: MineSiteStatus,
  to: MineSiteStatus,
  day: number,
  reason: string | null,
): ProjectionEvent =>
  siteEvent({
    type: 'MineSiteStatusChanged',
    schemaVersion: 1,
    data: {
      siteId,
      from,
      to,
      reason,
      remediationDeadline: to === 'yellow' ? at(day + 20) : null,
      changedAt: at(day, 10),
      byAgencyId: SAEMAPE.agencyId,
    },
  });
const icglr = (siteId: string, icglrId: string, previousIcglrId: string | null, day: number): ProjectionEvent =>
  siteEvent({
    type: 'MineSiteIcglrIdRecorded',
    schemaVersion: 1,
    data: { siteId, icglrId, previousIcglrId, recordedAt: at(day, 11), byAgencyId: SAEMAPE.agencyId },
  });
const reported = (incidentId: string, siteId: string, day: number, jointCaseId: string | null): ProjectionEvent =>
  incidentEvent({
    type: 'SiteIncidentReported',
    schemaVersion: 1,
    data: {
      incidentId,
      siteId,
      jointCaseId,
      source: 'whistle_blower',
      description: `Report ${incidentId}`,
      reportedAt: at(day, 9),
      byAgencyId: SAEMAPE.agencyId,
    },
  });
const classified = (
  incidentId: string,
  level: IncidentLevel,
  previousLevel: IncidentLevel | null,
  day: number,
  category: AnnexIICategory | null,
): ProjectionEvent =>
  incidentEvent({
    type: 'SiteIncidentClassified',
    schemaVersion: 2,
    data: { incidentId, level, previousLevel, category, classifiedAt: at(day, 12), byAgencyId: SAEMAPE.agencyId },
  });
const closed = (incidentId: string, day: number): ProjectionEvent =>
  incidentEvent({
    type: 'SiteIncidentClosed',
    schemaVersion: 1,
    data: { incidentId, summary: `Closed ${incidentId}`, closedAt: at(day, 15), byAgencyId: SAEMAPE.agencyId },
  });

/**
 * Every kind of event of three sites and their incidents interleaved, several events of one kind and key in a row,
 * events whose row is not there (a site never registered, an incident never reported), and events delivered twice.
 */
const RECORDED: RecordedEvent[] = recordEvents([
  registered('site-a', 'NK-MAS-001', 1),
  registered('site-b', 'NK-MAS-002', 1),
  inspected('site-a', 2, 'yellow'),
  statusChanged('site-a', 'blue', 'yellow', 3, 'Children seen carrying ore'),
  reported('i1', 'site-a', 3, 'case-1'),
  icglr('site-a', 'CDNK0000001', null, 4),
  classified('i1', 2, null, 4, 'forced_labour'),
  inspected('site-b', 4, 'green'),
  reported('i3', 'site-b', 5, null),
  classified('i1', 1, 2, 5, 'worst_forms_of_child_labour'),
  statusChanged('site-b', 'blue', 'green', 6, null),
  statusChanged('site-a', 'yellow', 'red', 6, '   '),
  statusChanged('site-a', 'red', 'yellow', 7, 'Armed men left'),
  // Neither the incident nor the site is in the registry: no row changes, the inspection and timeline are kept.
  classified('i9', 3, null, 7, null),
  statusChanged('site-z', 'blue', 'green', 7, null),
  inspected('site-z', 7, 'green'),
  reported('i2', 'site-a', 8, 'case-1'),
  closed('i1', 9),
  icglr('site-a', 'CDNK0000002', 'CDNK0000001', 9),
  registered('site-c', 'NK-MAS-003', 9),
  classified('i3', 3, null, 10, null),
  closed('i3', 10),
  closed('i9', 10),
  statusChanged('site-c', 'blue', 'yellow', 11, null),
  classified('i2', 2, null, 11, 'non_state_armed_groups'),
  inspected('site-a', 12, 'green'),
  inspected('site-c', 12, 'red'),
  icglr('site-c', 'CDNK0000003', null, 12),
]);

const nth = (n: number): RecordedEvent => {
  const event = RECORDED[n];
  if (!event) throw new Error(`no event ${n}`);
  return event;
};

/** The log as delivered: some events again later (a retried batch), among events of the same site or incident. */
const LOG: RecordedEvent[] = [
  ...RECORDED.slice(0, 20),
  nth(3), // site-a to yellow, after site-a moved on
  nth(17), // i1 closed
  ...RECORDED.slice(20, 25),
  nth(0), // site-a registered
  nth(9), // i1 reclassified
  nth(6), // i1 first classified, after its reclassification
  ...RECORDED.slice(25),
  nth(2), // site-a's first inspection, after its last
  nth(5), // site-a's first ICGLR id, after its correction
  nth(4), // i1 reported
];

// A page at a time leaves the rows of one event at a time (ADR 0036), on PostgreSQL.
pageSweepOnPostgres(sitesRegistryProjection, {
  log: LOG,
  tables: ['sites', 'inspections', 'incidents', 'icglr_ids', 'classifications', 'timeline'],
  live: (rows) => {
    const sites = rows.sites as { site_id: string; status: string; icglr_id: string | null; revision: number }[];
    expect(sites.map((s) => [s.site_id, s.status, s.icglr_id])).toEqual([
      ['site-a', 'yellow', 'CDNK0000002'],
      ['site-b', 'green', null],
      ['site-c', 'yellow', 'CDNK0000003'],
    ]);
    const incidents = rows.incidents as { incident_id: string; level: number | null; closed_at: Date | null }[];
    expect(incidents.map((i) => [i.incident_id, i.level, i.closed_at !== null])).toEqual([
      ['i1', 1, true],
      ['i2', 2, false],
      ['i3', 3, true],
    ]);
    const inspections = rows.inspections as { site_id: string }[];
    expect(inspections.map((i) => i.site_id)).toContain('site-z');
    const classifications = rows.classifications as { incident_id: string; level: number }[];
    expect(classifications.map((c) => [c.incident_id, c.level])).toEqual([
      ['i1', 2],
      ['i1', 1],
      ['i2', 2],
      ['i3', 3],
    ]);
    const timeline = rows.timeline as { kind: string; incident_id: string | null; level: number | null }[];
    // The closure carries the level the incident had then; an incident the registry never had leaves no entry.
    expect(timeline.filter((e) => e.kind === 'incident_closed').map((e) => [e.incident_id, e.level])).toEqual([
      ['i1', 1],
      ['i3', 3],
    ]);
  },
});
