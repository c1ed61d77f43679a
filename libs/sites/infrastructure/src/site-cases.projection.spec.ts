import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { type AgencyType, type RecordedEvent } from '@pamoja/contracts';
import {
  CHECKPOINT_MIGRATIONS,
  CHECKPOINT_SCHEMA,
  migrate,
  PgliteDatabase,
  writeCheckpoint,
} from '@pamoja/event-store';
import { type InvestigationsShared } from '@pamoja/investigations/contracts';
import { MalformedSharedEventError } from '@pamoja/messaging';
import { type ReferralsShared } from '@pamoja/referrals/contracts';
import { siteIdForCode } from '@pamoja/sites/application';
import { type SitesShared } from '@pamoja/sites/contracts';
import { SITE_CASES_READ_SCHEMA, siteCasesProjection } from './site-cases.projection.js';
import { SITES_READ_SCHEMA, sitesRegistryProjection } from './sites-registry.projection.js';
import { SqlSitesReadModel } from './sql-sites-read-model.js';

const CASE = 'c0a80000-0000-4000-8000-000000000001';
const SITE_CODE = 'NK-MAS-014';
const SITE_ID = siteIdForCode(SITE_CODE);
let position = 0;

const AT = '2026-03-01T08:00:00.000Z';

/** The rest of each type's shared data, as the catalogue publishes it: the events below name their own ids. */
interface Rest {
  readonly ReferralSubmitted: ReferralsShared<'ReferralSubmitted'>;
  readonly SiteIncidentReported: SitesShared<'SiteIncidentReported'>;
  readonly InvestigationOpened: InvestigationsShared<'InvestigationOpened'>;
}
const REST: Rest = {
  ReferralSubmitted: {
    referralId: 'r',
    jointCaseId: null,
    jointCase: 'joined',
    subjectIsChild: null,
    childProtectionBasis: false,
    siteCode: null,
    indicators: [],
    childLabourFlags: [],
    urgency: 'routine',
    fromAgencyId: 'ngo-kivu-hope',
    fromAgencyType: 'first_responder',
    toAgencyId: 'pnc-masisi',
    toAgencyType: 'police',
    submittedAt: AT,
    dueBy: AT,
  },
  SiteIncidentReported: {
    incidentId: 'i',
    siteId: 'site',
    jointCaseId: null,
    source: 'field_agent',
    reportedAt: AT,
    byAgencyId: 'saemape-goma',
  },
  InvestigationOpened: {
    investigationId: 'v',
    jointCaseId: CASE,
    referralId: null,
    siteCode: null,
    offences: [],
    leadAgencyId: 'pnc-masisi',
    leadAgencyType: 'police',
    openedAt: AT,
  },
};

/** An event as another agency receives it (shared: the user withheld), at the next log position. */
function shared<T extends keyof Rest>(
  type: T,
  streamId: string,
  occurredAt: string,
  data: Partial<Rest[T]>,
  agency: { id: string; type: AgencyType } = { id: 'ngo-kivu-hope', type: 'first_responder' },
): RecordedEvent {
  position += 1;
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    streamId,
    streamRevision: 0,
    transactionId: position,
    globalPosition: position,
    recordedAt: new Date(occurredAt),
    data: { ...REST[type], ...data },
    metadata: {
      actor: { userId: 'withheld', agencyId: agency.id, agencyType: agency.type, roles: ['field_worker'] },
      correlationId: randomUUID(),
      causationId: null,
      jointCaseId: CASE,
      occurredAt,
    },
  };
}

// As the catalogue shares them: the referral's site code is `siteCode`, no free text.
const referral = shared('ReferralSubmitted', 'referral-r1', '2026-03-02T08:00:00.000Z', {
  referralId: 'r1',
  jointCaseId: CASE,
  siteCode: SITE_CODE,
});
const incident = shared(
  'SiteIncidentReported',
  'incident-i1',
  '2026-03-01T08:00:00.000Z',
  { incidentId: 'i1', siteId: SITE_ID, jointCaseId: CASE, source: 'sms' },
  { id: 'saemape-goma', type: 'mining_authority' },
);
const laterWork = shared(
  'InvestigationOpened',
  'investigation-v1',
  '2026-03-09T08:00:00.000Z',
  { investigationId: 'v1' },
  { id: 'pnc-masisi', type: 'police' },
);

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

describe('the site-cases projection', () => {
  let db: PgliteDatabase;

  beforeAll(async () => {
    db = await PgliteDatabase.open();
    await migrate(db, CHECKPOINT_SCHEMA, CHECKPOINT_MIGRATIONS);
    await migrate(db, SITES_READ_SCHEMA, sitesRegistryProjection.migrations);
    await migrate(db, SITE_CASES_READ_SCHEMA, siteCasesProjection.migrations);
  });

  afterAll(async () => {
    await db.close();
  });

  beforeEach(async () => {
    await db.transaction((tx) => siteCasesProjection.reset(tx));
  });

  const apply = (events: readonly RecordedEvent[]) =>
    db.transaction(async (tx) => {
      for (const event of events) await siteCasesProjection.apply(tx, event);
    });
  const cases = () => new SqlSitesReadModel(db).siteCases({ siteId: SITE_ID, limit: 10 });

  it('links a case to the site from its first link, and follows the case to its last activity', async () => {
    await apply([referral, incident, laterWork]);
    expect(await cases()).toEqual([
      {
        siteId: SITE_ID,
        jointCaseId: CASE,
        firstLinkedAt: new Date('2026-03-01T08:00:00.000Z'),
        linkedVia: 'incident',
        linkedBySubjectId: 'i1',
        linkedByAgencyId: 'saemape-goma',
        linkedByAgencyType: 'mining_authority',
        lastActivityAt: new Date('2026-03-09T08:00:00.000Z'),
      },
    ]);
  });

  it('gives the same rows whatever order the events arrive in, and a redelivered event changes nothing', async () => {
    await apply([referral, incident, laterWork]);
    const expected = await cases();
    for (const order of permutations([referral, incident, laterWork])) {
      await db.transaction((tx) => siteCasesProjection.reset(tx));
      await apply([...order, ...order.slice().reverse()]);
      expect(await cases()).toEqual(expected);
    }
  });

  it('gives the same rows applied a page at a time, in any order and redelivered, as one event at a time', async () => {
    const secondReferral = shared('ReferralSubmitted', 'referral-r3', '2026-03-01T08:00:00.000Z', {
      referralId: 'r3',
      jointCaseId: CASE,
      siteCode: SITE_CODE,
    });
    const events = [referral, incident, laterWork, secondReferral];
    // Every column of both tables, those the read model does not show included.
    const rows = async () => ({
      siteCases: await db.query(`SELECT * FROM ${SITE_CASES_READ_SCHEMA}.site_cases ORDER BY site_id, joint_case_id`),
      activity: await db.query(`SELECT * FROM ${SITE_CASES_READ_SCHEMA}.case_activity ORDER BY joint_case_id`),
    });
    await apply(events);
    const expected = await rows();
    const applyPages = (pages: readonly (readonly RecordedEvent[])[]) =>
      db.transaction(async (tx) => {
        for (const page of pages) await siteCasesProjection.applyPage?.(tx, page);
      });
    for (const order of permutations(events)) {
      for (const pages of [[order], [order.slice(0, 2), order.slice(1)], order.map((e) => [e])]) {
        await db.transaction((tx) => siteCasesProjection.reset(tx));
        await applyPages(pages);
        expect({ order: order.map((e) => e.eventId), rows: await rows() }).toEqual({
          order: order.map((e) => e.eventId),
          rows: expected,
        });
      }
    }
    // The incident and the second referral link the case at the same instant: the smaller event id is first.
    expect(expected.siteCases).toMatchObject([
      { site_code: SITE_CODE, first_link_event_id: [incident, secondReferral].map((e) => e.eventId).sort()[0] },
    ]);
  });

  it('refuses a referral as the log holds it (site.code): it reads only what the catalogue shares', async () => {
    const fromLog = { ...referral, data: { referralId: 'r1', jointCaseId: CASE, site: { code: SITE_CODE } } };
    await expect(apply([fromLog])).rejects.toThrow(MalformedSharedEventError);
    expect(await cases()).toEqual([]);
  });

  it('ignores events outside any joint case and referrals naming no site', async () => {
    const noSite = shared('ReferralSubmitted', 'referral-r2', '2026-03-03T08:00:00.000Z', {
      referralId: 'r2',
      jointCaseId: CASE,
      siteCode: null,
    });
    const noCase = { ...incident, eventId: randomUUID(), metadata: { ...incident.metadata, jointCaseId: null } };
    await apply([noSite, { ...noCase, data: { ...(noCase.data as object), jointCaseId: null } }]);
    expect(await cases()).toEqual([]);
  });
});

describe('the registry migration that adds the timeline', () => {
  it('empties the registry and forgets its checkpoint, so the runner replays the log into it', async () => {
    const db = await PgliteDatabase.open();
    try {
      await migrate(db, CHECKPOINT_SCHEMA, CHECKPOINT_MIGRATIONS);
      await migrate(
        db,
        SITES_READ_SCHEMA,
        sitesRegistryProjection.migrations.filter((m) => m.version === 1),
      );
      await db.query(
        `INSERT INTO ${SITES_READ_SCHEMA}.sites (site_id, code, name, province, territory, minerals, latitude,
           longitude, status, registered_at, registered_by_agency_id, revision, updated_at)
         VALUES ('s1', 'NK-MAS-001', 'Pit', 'north_kivu', 'masisi', '{coltan}', -1.6, 28.8, 'blue', now(), 'a', 0, now())`,
      );
      await db.transaction((tx) => writeCheckpoint(tx, 'sites.registry', { transactionId: 9, globalPosition: 9 }));
      await db.transaction((tx) => writeCheckpoint(tx, 'other', { transactionId: 9, globalPosition: 9 }));

      expect(
        await migrate(
          db,
          SITES_READ_SCHEMA,
          sitesRegistryProjection.migrations.filter((m) => m.version <= 2),
        ),
      ).toEqual([2]);
      expect(await db.query(`SELECT * FROM ${SITES_READ_SCHEMA}.sites`)).toEqual([]);
      const checkpoints = await db.query<{ projection: string }>(
        `SELECT projection FROM ${CHECKPOINT_SCHEMA}.checkpoints`,
      );
      expect(checkpoints.map((c) => c.projection)).toEqual(['other']);
    } finally {
      await db.close();
    }
  });

  it('migration 3 (ICGLR ids, classifications) empties the registry and its timeline and forgets its checkpoint', async () => {
    const db = await PgliteDatabase.open();
    try {
      await migrate(db, CHECKPOINT_SCHEMA, CHECKPOINT_MIGRATIONS);
      await migrate(
        db,
        SITES_READ_SCHEMA,
        sitesRegistryProjection.migrations.filter((m) => m.version <= 2),
      );
      await db.query(
        `INSERT INTO ${SITES_READ_SCHEMA}.timeline (event_id, site_id, occurred_at, kind, agency_id, agency_type)
         VALUES ('e1', 's1', now(), 'registered', 'a', 'mining_authority')`,
      );
      await db.transaction((tx) => writeCheckpoint(tx, 'sites.registry', { transactionId: 9, globalPosition: 9 }));

      expect(await migrate(db, SITES_READ_SCHEMA, sitesRegistryProjection.migrations)).toEqual([3]);
      expect(await db.query(`SELECT * FROM ${SITES_READ_SCHEMA}.timeline`)).toEqual([]);
      expect(await db.query(`SELECT * FROM ${SITES_READ_SCHEMA}.classifications`)).toEqual([]);
      expect(await db.query(`SELECT projection FROM ${CHECKPOINT_SCHEMA}.checkpoints`)).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('migrates a database without checkpoints too', async () => {
    const db = await PgliteDatabase.open();
    try {
      expect(await migrate(db, SITES_READ_SCHEMA, sitesRegistryProjection.migrations)).toEqual([1, 2, 3]);
    } finally {
      await db.close();
    }
  });
});
