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
  // The rows one event at a time leaves, pinned: what every page size is then compared with.
  live: (rows) => {
    const iso = (value: unknown): string | null => (value instanceof Date ? value.toISOString().slice(5, 13) : null);
    const sites = rows.sites as Record<string, unknown>[];
    // Each status change and id behind the row's revision is kept, one already reflected (delivered again) is not.
    expect(
      sites.map((s) => [
        s.site_id,
        s.status,
        s.status_reason,
        iso(s.status_changed_at),
        iso(s.remediation_deadline),
        s.icglr_id,
        Number(s.revision),
        iso(s.updated_at),
      ]),
    ).toEqual([
      ['site-a', 'yellow', 'Armed men left', '03-07T10', '03-27T08', 'CDNK0000002', 7, '03-14T08'],
      ['site-b', 'green', null, '03-06T10', null, null, 2, '03-06T10'],
      ['site-c', 'yellow', null, '03-11T10', '03-31T08', 'CDNK0000003', 3, '03-12T11'],
    ]);
    const incidents = rows.incidents as Record<string, unknown>[];
    expect(
      incidents.map((i) => [
        i.incident_id,
        i.site_id,
        i.level,
        i.category,
        iso(i.classified_at),
        iso(i.closed_at),
        i.summary,
        iso(i.close_by),
        Number(i.revision),
      ]),
    ).toEqual([
      ['i1', 'site-a', 1, 'worst_forms_of_child_labour', '03-05T12', '03-09T15', 'Closed i1', '09-03T09', 3],
      ['i2', 'site-a', 2, 'non_state_armed_groups', '03-11T12', null, null, '09-08T09', 1],
      ['i3', 'site-b', 3, null, '03-10T12', '03-10T15', 'Closed i3', '09-05T09', 2],
    ]);
    const inspections = rows.inspections as Record<string, unknown>[];
    expect(inspections.map((i) => [i.site_id, Number(i.revision), i.recommended_status])).toEqual([
      ['site-a', 1, 'yellow'],
      ['site-a', 7, 'green'],
      ['site-b', 1, 'green'],
      ['site-c', 2, 'red'],
      ['site-z', 1, 'green'],
    ]);
    const icglrIds = rows.icglr_ids as Record<string, unknown>[];
    expect(icglrIds.map((i) => [i.site_id, Number(i.revision), i.icglr_id])).toEqual([
      ['site-a', 3, 'CDNK0000001'],
      ['site-a', 6, 'CDNK0000002'],
      ['site-c', 3, 'CDNK0000003'],
    ]);
    const classifications = rows.classifications as Record<string, unknown>[];
    expect(classifications.map((c) => [c.incident_id, c.site_id, c.level, c.category])).toEqual([
      ['i1', 'site-a', 2, 'forced_labour'],
      ['i1', 'site-a', 1, 'worst_forms_of_child_labour'],
      ['i2', 'site-a', 2, 'non_state_armed_groups'],
      ['i3', 'site-b', 3, null],
    ]);
    // One entry per event the registry knew of, with the incident's site and joint case; never a reason's text.
    // An incident the registry never had leaves no entry, and an ICGLR id none.
    const timeline = rows.timeline as Record<string, unknown>[];
    expect(
      timeline.map((e) => [
        e.site_id,
        e.kind,
        e.incident_id,
        e.joint_case_id,
        e.from_status,
        e.to_status,
        e.level,
        e.previous_level,
        e.detail,
        iso(e.at),
      ]),
    ).toEqual([
      ['site-a', 'registered', null, null, null, 'blue', null, null, 'NK-MAS-001', null],
      ['site-b', 'registered', null, null, null, 'blue', null, null, 'NK-MAS-002', null],
      ['site-a', 'inspected', null, null, null, 'yellow', null, null, 'Joint validation team', '03-04T08'],
      ['site-a', 'status_changed', null, null, 'blue', 'yellow', null, null, 'reason', '03-23T08'],
      ['site-a', 'incident_reported', 'i1', 'case-1', null, null, null, null, 'whistle_blower', null],
      ['site-a', 'incident_classified', 'i1', 'case-1', null, null, 2, null, null, null],
      ['site-b', 'inspected', null, null, null, 'green', null, null, 'Joint validation team', '03-06T08'],
      ['site-b', 'incident_reported', 'i3', null, null, null, null, null, 'whistle_blower', null],
      ['site-a', 'incident_classified', 'i1', 'case-1', null, null, 1, 2, null, null],
      ['site-b', 'status_changed', null, null, 'blue', 'green', null, null, null, null],
      ['site-a', 'status_changed', null, null, 'yellow', 'red', null, null, null, null],
      ['site-a', 'status_changed', null, null, 'red', 'yellow', null, null, 'reason', '03-27T08'],
      ['site-z', 'status_changed', null, null, 'blue', 'green', null, null, null, null],
      ['site-z', 'inspected', null, null, null, 'green', null, null, 'Joint validation team', '03-09T08'],
      ['site-a', 'incident_reported', 'i2', 'case-1', null, null, null, null, 'whistle_blower', null],
      ['site-a', 'incident_closed', 'i1', 'case-1', null, null, 1, null, null, null],
      ['site-c', 'registered', null, null, null, 'blue', null, null, 'NK-MAS-003', null],
      ['site-b', 'incident_classified', 'i3', null, null, null, 3, null, null, null],
      ['site-b', 'incident_closed', 'i3', null, null, null, 3, null, null, null],
      ['site-c', 'status_changed', null, null, 'blue', 'yellow', null, null, null, '03-31T08'],
      ['site-a', 'incident_classified', 'i2', 'case-1', null, null, 2, null, null, null],
      ['site-a', 'inspected', null, null, null, 'green', null, null, 'Joint validation team', '03-14T08'],
      ['site-c', 'inspected', null, null, null, 'red', null, null, 'Joint validation team', '03-14T08'],
    ]);
  },
});
