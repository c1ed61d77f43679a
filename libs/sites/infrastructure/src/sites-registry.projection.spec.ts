import { describe, expect, it } from '@jest/globals';
import { type Actor } from '@pamoja/contracts';
import { siteIdForCode } from '@pamoja/sites/application';
import {
  type AnnexIICategory,
  mineSiteStreamId,
  siteIncidentStreamId,
  type MineSiteEvent,
  type SiteIncidentEvent,
} from '@pamoja/sites/domain';
import { ProjectionSpecification, sharedFromLog, type ProjectionEvent } from '@pamoja/testing';
import { siteCasesProjection } from './site-cases.projection.js';
import { sitesRegistryProjection } from './sites-registry.projection.js';
import { SqlSitesReadModel } from './sql-sites-read-model.js';

const SAEMAPE: Actor = {
  userId: 'inspector-1',
  agencyId: 'saemape-goma',
  agencyType: 'mining_authority',
  roles: ['inspector'],
};
const SITE = 'site-nk-mas-014';
const NOW = new Date('2026-04-01T08:00:00.000Z');

const siteEvent = (event: MineSiteEvent): ProjectionEvent => ({
  ...event,
  streamId: mineSiteStreamId(event.data.siteId),
  actor: SAEMAPE,
});

const incidentEvent = (event: SiteIncidentEvent, jointCaseId: string | null = null): ProjectionEvent => ({
  ...event,
  streamId: siteIncidentStreamId(event.data.incidentId),
  actor: SAEMAPE,
  jointCaseId,
});

const registered = (siteId = SITE, code = 'NK-MAS-014', territory: 'masisi' | 'walikale' = 'masisi') =>
  siteEvent({
    type: 'MineSiteRegistered',
    schemaVersion: 1,
    data: {
      siteId,
      code,
      name: 'Rubaya pit 14',
      province: 'north_kivu',
      territory,
      minerals: ['coltan'],
      latitude: -1.55,
      longitude: 28.88,
      status: 'blue',
      registeredAt: '2026-01-10T08:00:00.000Z',
      byAgencyId: SAEMAPE.agencyId,
    },
  });

const yellow = siteEvent({
  type: 'MineSiteStatusChanged',
  schemaVersion: 1,
  data: {
    siteId: SITE,
    from: 'blue',
    to: 'yellow',
    reason: 'Children seen carrying ore',
    remediationDeadline: '2026-03-01T00:00:00.000Z',
    changedAt: '2026-02-01T08:00:00.000Z',
    byAgencyId: SAEMAPE.agencyId,
  },
});

const reported = (incidentId: string, reportedAt = '2026-03-01T08:00:00.000Z') =>
  incidentEvent(
    {
      type: 'SiteIncidentReported',
      schemaVersion: 1,
      data: {
        incidentId,
        siteId: SITE,
        jointCaseId: 'case-1',
        source: 'sms',
        description: 'Armed men at the pit',
        reportedAt,
        byAgencyId: SAEMAPE.agencyId,
      },
    },
    'case-1',
  );

const classified = (
  incidentId: string,
  level: 1 | 2 | 3,
  previousLevel: 1 | 2 | 3 | null,
  classifiedAt: string,
  category: AnnexIICategory | null = null,
) =>
  incidentEvent(
    {
      type: 'SiteIncidentClassified',
      schemaVersion: 2,
      data: { incidentId, level, previousLevel, category, classifiedAt, byAgencyId: SAEMAPE.agencyId },
    },
    'case-1',
  );

describe('the sites registry projection', () => {
  // The site's timeline also lists the joint cases linked to it, from the site-cases read model.
  const spec = ProjectionSpecification.for(sitesRegistryProjection, {
    alongside: [sharedFromLog(siteCasesProjection)],
    readModel: (db) => new SqlSitesReadModel(db),
  });

  it('registers a site, blue, findable by id, by code and by territory', () =>
    spec
      .given(registered('site-other', 'NK-WAL-001', 'walikale'))
      .when(registered())
      .then(async (sites) => {
        expect(await sites.mineSite({ code: 'NK-MAS-014' }, NOW)).toMatchObject({
          siteId: SITE,
          status: 'blue',
          openIncidentCount: 0,
          highestOpenIncidentLevel: null,
        });
        expect((await sites.mineSite({ siteId: SITE }, NOW))?.code).toBe('NK-MAS-014');
        const masisi = await sites.mineSites({ territory: 'masisi', limit: 10, now: NOW });
        expect(masisi.map((s) => s.code)).toEqual(['NK-MAS-014']);
      }));

  it('reads the registry for the site feed as it stood at a cut-off: ids, statuses and classifications by then', () => {
    const icglr = (icglrId: string, recordedAt: string) =>
      siteEvent({
        type: 'MineSiteIcglrIdRecorded',
        schemaVersion: 1,
        data: { siteId: SITE, icglrId, previousIcglrId: null, recordedAt, byAgencyId: SAEMAPE.agencyId },
      });
    return spec
      .given(registered(), registered('site-other', 'NK-WAL-001', 'walikale'), yellow)
      .when(
        icglr('CDNK0000001', '2026-01-20T08:00:00.000Z'),
        icglr('CDNK0000002', '2026-03-20T08:00:00.000Z'),
        reported('i1', '2026-02-10T08:00:00.000Z'),
        classified('i1', 2, null, '2026-02-11T08:00:00.000Z', 'forced_labour'),
        classified('i1', 1, 2, '2026-03-11T08:00:00.000Z', 'worst_forms_of_child_labour'),
        reported('i2', '2026-02-10T09:00:00.000Z'),
        classified('i2', 2, null, '2026-02-12T08:00:00.000Z', 'forced_labour'),
        reported('i3', '2026-02-10T10:00:00.000Z'),
      )
      .then(async (sites) => {
        const before = await sites.siteFeed(new Date('2026-03-01T00:00:00.000Z'));
        expect(before.sites.map((s) => [s.code, s.icglrId])).toEqual([
          ['NK-MAS-014', 'CDNK0000001'],
          ['NK-WAL-001', null],
        ]);
        expect(before.statuses.filter((s) => s.siteId === SITE).map((s) => s.status)).toEqual(['blue', 'yellow']);
        // i1 counts as it was classified then (level 2, forced labour); i3, not classified, not at all.
        expect(before.incidentCounts).toEqual([{ siteId: SITE, category: 'forced_labour', level: 2, count: 2 }]);
        const after = await sites.siteFeed(new Date('2026-04-01T00:00:00.000Z'), 'NK-MAS-014');
        expect(after.sites.map((s) => s.icglrId)).toEqual(['CDNK0000002']);
        expect(after.incidentCounts).toEqual([
          { siteId: SITE, category: 'forced_labour', level: 2, count: 1 },
          { siteId: SITE, category: 'worst_forms_of_child_labour', level: 1, count: 1 },
        ]);
        expect((await sites.siteFeed(new Date('2026-01-01T00:00:00.000Z'))).sites).toEqual([]);
        expect((await sites.mineSite({ siteId: SITE }, NOW))?.icglrId).toBe('CDNK0000002');
      });
  });

  it('shows a yellow site as overdue for remediation once its deadline passed', () =>
    spec
      .given(registered())
      .when(yellow)
      .then(async (sites) => {
        expect(await sites.mineSite({ siteId: SITE }, new Date('2026-02-15T08:00:00.000Z'))).toMatchObject({
          status: 'yellow',
          statusReason: 'Children seen carrying ore',
          remediationOverdue: false,
        });
        expect(await sites.mineSite({ siteId: SITE }, NOW)).toMatchObject({ remediationOverdue: true });
      }));

  it("counts a site's open incidents and the most serious level, until they are closed", async () => {
    await spec
      .given(registered(), reported('i1'), reported('i2'))
      .when(
        classified('i1', 2, null, '2026-03-01T10:00:00.000Z'),
        classified('i2', 1, null, '2026-03-01T11:00:00.000Z'),
      )
      .then(async (sites) => {
        expect(await sites.mineSite({ siteId: SITE }, NOW)).toMatchObject({
          openIncidentCount: 2,
          highestOpenIncidentLevel: 1,
        });
        const open = await sites.siteIncidents({ siteId: SITE, openOnly: true, limit: 10, now: NOW });
        expect(open.map((i) => [i.incidentId, i.level, i.status])).toEqual([
          ['i2', 1, 'open'],
          ['i1', 2, 'open'],
        ]);
      });
    await spec
      .given(registered(), reported('i1'), classified('i1', 1, null, '2026-03-01T10:00:00.000Z'))
      .when(
        incidentEvent(
          {
            type: 'SiteIncidentClosed',
            schemaVersion: 1,
            data: {
              incidentId: 'i1',
              summary: 'Armed men left; children referred.',
              closedAt: '2026-03-10T08:00:00.000Z',
              byAgencyId: SAEMAPE.agencyId,
            },
          },
          'case-1',
        ),
      )
      .then(async (sites) => {
        expect(await sites.mineSite({ siteId: SITE }, NOW)).toMatchObject({ openIncidentCount: 0 });
        expect(await sites.siteIncidents({ siteId: SITE, openOnly: true, limit: 10, now: NOW })).toEqual([]);
        expect(await sites.mineSites({ withOpenIncidents: true, limit: 10, now: NOW })).toEqual([]);
      });
  });

  it("keeps the site's timeline in the order things happened, an inspection recorded late included", () =>
    spec
      .given(registered(), yellow)
      .when(
        siteEvent({
          type: 'MineSiteInspected',
          schemaVersion: 1,
          data: {
            siteId: SITE,
            inspectedAt: '2026-01-20T08:00:00.000Z',
            inspectingAgency: 'SAEMAPE Goma',
            findings: 'Minors at the washing basins',
            indicatorsObserved: ['child_at_site_under_15'],
            recommendedStatus: 'yellow',
            recordedAt: '2026-02-05T08:00:00.000Z',
            byAgencyId: SAEMAPE.agencyId,
          },
        }),
        reported('i1', '2026-03-01T08:00:00.000Z'),
        classified('i1', 2, null, '2026-03-01T10:00:00.000Z'),
        classified('i1', 1, 2, '2026-03-02T10:00:00.000Z'),
      )
      .then(async (sites) => {
        const timeline = await sites.siteTimeline({ siteId: SITE, limit: 20 });
        expect(timeline.map((e) => [e.kind, e.toStatus ?? e.level])).toEqual([
          ['registered', 'blue'],
          ['inspected', 'yellow'],
          ['status_changed', 'yellow'],
          ['incident_reported', null],
          ['case_linked', null],
          ['incident_classified', 2],
          ['incident_classified', 1],
        ]);
        // Free text users wrote never reaches the timeline.
        expect(JSON.stringify(timeline)).not.toMatch(/Minors|Children seen|Armed men/);
      }));
});

describe('the site-cases projection', () => {
  const CASE = 'c0a80000-0000-4000-8000-0000000000c9';
  const CODE = 'NK-MAS-014';
  const NGO: Actor = {
    userId: 'fw-1',
    agencyId: 'ngo-kivu-hope',
    agencyType: 'first_responder',
    roles: ['field_worker'],
  };
  const POLICE: Actor = { userId: 'officer-1', agencyId: 'pnc-masisi', agencyType: 'police', roles: ['officer'] };

  /** A referral as the referrals log records it: the site is `site.code`; the catalogue shares it as `siteCode`. */
  const referral = (
    referralId: string,
    siteCode: string | null,
    jointCaseId: string | null = CASE,
  ): ProjectionEvent => ({
    type: 'ReferralSubmitted',
    schemaVersion: 2,
    streamId: `referral-${referralId}`,
    actor: NGO,
    jointCaseId,
    occurredAt: '2026-03-02T08:00:00.000Z',
    data: {
      referralId,
      jointCaseId,
      jointCase: 'opened',
      subject: { isChild: false, personId: null },
      childProtectionBasis: false,
      site: { code: siteCode, description: siteCode === null ? 'A pit near Rubaya' : null },
      indicators: ['debt_bondage'],
      childLabourFlags: [],
      urgency: 'urgent',
      fromAgencyId: NGO.agencyId,
      fromAgencyType: 'first_responder',
      toAgencyId: POLICE.agencyId,
      toAgencyType: 'police',
      submittedAt: '2026-03-02T08:00:00.000Z',
      dueBy: '2026-03-04T08:00:00.000Z',
      summary: 'Diggers held for a debt.',
    },
  });

  const investigationOpened: ProjectionEvent = {
    type: 'InvestigationOpened',
    streamId: 'investigation-v1',
    actor: POLICE,
    jointCaseId: CASE,
    occurredAt: '2026-03-09T08:00:00.000Z',
    data: {
      investigationId: 'v1',
      jointCaseId: CASE,
      referralId: 'r1',
      siteCode: CODE,
      offences: ['forced_labour'],
      leadAgencyId: POLICE.agencyId,
      leadAgencyType: 'police',
      leadOfficerId: POLICE.userId,
      openedAt: '2026-03-09T08:00:00.000Z',
    },
  };

  // A shared read model: it sees the other contexts' events as the catalogue shares them.
  const spec = ProjectionSpecification.for(sharedFromLog(siteCasesProjection), {
    alongside: [sitesRegistryProjection],
    readModel: (db) => new SqlSitesReadModel(db),
  });

  it('links a joint case to the site its referral names, and follows the case to its last activity', () =>
    spec
      .given(referral('r1', CODE))
      .when(investigationOpened)
      .then(async (sites) => {
        expect(await sites.siteCases({ siteId: siteIdForCode(CODE), limit: 10 })).toEqual([
          {
            siteId: siteIdForCode(CODE),
            jointCaseId: CASE,
            firstLinkedAt: new Date('2026-03-02T08:00:00.000Z'),
            linkedVia: 'referral',
            linkedBySubjectId: 'r1',
            linkedByAgencyId: NGO.agencyId,
            linkedByAgencyType: 'first_responder',
            lastActivityAt: new Date('2026-03-09T08:00:00.000Z'),
          },
        ]);
        expect(await sites.siteCaseCount(siteIdForCode(CODE))).toBe(1);
      }));

  it('links nothing for a referral that names no registered site, or is outside any joint case', () =>
    spec
      .given(referral('r1', null))
      .when(referral('r2', CODE, null))
      .then(async (sites) => {
        expect(await sites.siteCaseCount(siteIdForCode(CODE))).toBe(0);
      }));
});
