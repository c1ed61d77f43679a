import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { type AgencyType, type RecordedEvent } from '@pamoja/contracts';
import { type JointCaseEvent } from '@pamoja/coordination/domain';
import { migrate, PgliteDatabase, type SqlQueryable } from '@pamoja/event-store';
import { ProjectionSpecification, sharedFromLog, type ProjectionEvent } from '@pamoja/testing';
import { COORDINATION_READ_SCHEMA as s, jointCaseProjection } from './joint-case.projection.js';
import { SqlJointCaseReadModel } from './sql-joint-case-read-model.js';

const CASE = 'c0a80000-0000-4000-8000-0000000000c1';
const NGO = { id: 'ngo-kivu-hope', type: 'first_responder' } as const;
const POLICE = { id: 'pnc-masisi', type: 'police' } as const;
const USHINDI = { id: 'ushindi', type: 'assistance_provider' } as const;
const SAEMAPE = { id: 'saemape-goma', type: 'mining_authority' } as const;
const PARQUET = { id: 'parquet-goma', type: 'prosecutor' } as const;

let position = 0;

type Shared<T extends JointCaseEvent['type']> = Extract<JointCaseEvent, { readonly type: T }>['data'];

const AT = '2026-03-01T08:00:00.000Z';

/**
 * The rest of each type's shared data, as the catalogue publishes it (the projection reads only checked
 * data): no site code, and ids the events below replace with their own.
 */
const REST: { readonly [T in JointCaseEvent['type']]?: Shared<T> } = {
  ReferralSubmitted: {
    referralId: 'r',
    jointCaseId: CASE,
    jointCase: 'joined',
    subjectIsChild: null,
    childProtectionBasis: false,
    siteCode: null,
    indicators: [],
    childLabourFlags: [],
    urgency: 'routine',
    fromAgencyId: NGO.id,
    fromAgencyType: NGO.type,
    toAgencyId: POLICE.id,
    toAgencyType: POLICE.type,
    submittedAt: AT,
    dueBy: AT,
  },
  ReferralAccepted: { referralId: 'r', byAgencyId: POLICE.id, acceptedAt: AT },
  ReferralRevoked: { referralId: 'r', byAgencyId: NGO.id, revokedAt: AT },
  ReferralDeadlineMissed: {
    referralId: 'r',
    dueBy: AT,
    missedAt: AT,
    toAgencyId: POLICE.id,
    escalatedTo: 'coordination_body',
  },
  InvestigationOpened: {
    investigationId: 'v',
    jointCaseId: CASE,
    referralId: null,
    siteCode: null,
    offences: [],
    leadAgencyId: POLICE.id,
    leadAgencyType: POLICE.type,
    openedAt: AT,
  },
  EvidenceRecorded: {
    investigationId: 'v',
    evidenceId: 'ev',
    kind: 'document',
    sha256: 'ab'.repeat(32),
    collectedAt: AT,
    custodianAgencyId: POLICE.id,
  },
  VictimRegistered: {
    assistanceId: 'a',
    jointCaseId: CASE,
    assistingAgencyId: USHINDI.id,
    registeredAt: AT,
    isChild: false,
    formsOfExploitation: [],
  },
  AssistanceClosed: { assistanceId: 'a', byAgencyId: USHINDI.id, closedAt: AT, reason: 'goals_met' },
  SiteIncidentReported: {
    incidentId: 'i',
    siteId: 'site',
    jointCaseId: CASE,
    source: 'field_agent',
    reportedAt: AT,
    byAgencyId: SAEMAPE.id,
  },
  CaseFileReceived: {
    prosecutionId: 'p',
    jointCaseId: CASE,
    caseFileId: 'f',
    investigationId: 'v',
    fromPoliceAgencyId: POLICE.id,
    officeAgencyId: PARQUET.id,
    receivedAt: AT,
    suspects: [],
  },
};

/** An event as the coordination body receives it (shared: the user withheld), at the next log position. */
function shared<T extends JointCaseEvent['type']>(
  type: T,
  streamId: string,
  occurredAt: string,
  data: Partial<Shared<T>>,
  agency: { id: string; type: AgencyType },
): RecordedEvent {
  position += 1;
  return {
    eventId: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    type,
    schemaVersion: 1,
    streamId,
    streamRevision: 0,
    // Several events may share a transaction: the log orders them by (transaction, position).
    transactionId: 1000 + Math.ceil(position / 2),
    globalPosition: position,
    recordedAt: new Date(occurredAt),
    data: { ...REST[type], ...data },
    metadata: {
      actor: { userId: 'withheld', agencyId: agency.id, agencyType: agency.type, roles: ['officer'] },
      correlationId: '11111111-2222-4333-8444-555555555555',
      causationId: null,
      jointCaseId: CASE,
      occurredAt,
    },
  };
}

/** One case as five agencies work on it, in log order. */
const LOG: readonly RecordedEvent[] = [
  shared(
    'ReferralSubmitted',
    'referral-r1',
    '2026-03-01T08:00:00.000Z',
    { referralId: 'r1', siteCode: 'NK-MAS-014' },
    NGO,
  ),
  shared('ReferralAccepted', 'referral-r1', '2026-03-01T09:00:00.000Z', { referralId: 'r1' }, POLICE),
  shared(
    'InvestigationOpened',
    'investigation-v1',
    '2026-03-02T08:00:00.000Z',
    { investigationId: 'v1', siteCode: 'NK-MAS-027' },
    POLICE,
  ),
  shared('VictimRegistered', 'assistance-a1', '2026-03-02T10:00:00.000Z', { assistanceId: 'a1' }, USHINDI),
  shared('AssistanceClosed', 'assistance-a1', '2026-03-03T10:00:00.000Z', { assistanceId: 'a1' }, USHINDI),
  // A second assistance file reopens the case's assistance.
  shared('VictimRegistered', 'assistance-a2', '2026-03-04T10:00:00.000Z', { assistanceId: 'a2' }, USHINDI),
  shared('SiteIncidentReported', 'incident-i1', '2026-03-04T11:00:00.000Z', { incidentId: 'i1' }, SAEMAPE),
  shared('ReferralSubmitted', 'referral-r0', '2026-03-05T08:00:00.000Z', { referralId: 'r0', siteCode: null }, SAEMAPE),
  shared(
    'ReferralDeadlineMissed',
    'referral-r0',
    '2026-03-07T08:00:00.000Z',
    {
      referralId: 'r0',
      toAgencyId: POLICE.id,
      dueBy: '2026-03-07T08:00:00.000Z',
      missedAt: '2026-03-07T08:00:00.000Z',
    },
    { id: 'pamoja-deadline-watcher', type: 'coordination_body' },
  ),
  shared('ReferralAccepted', 'referral-r0', '2026-03-08T08:00:00.000Z', { referralId: 'r0' }, POLICE),
  shared('ReferralRevoked', 'referral-r0', '2026-03-09T08:00:00.000Z', { referralId: 'r0' }, SAEMAPE),
  shared('CaseFileReceived', 'prosecution-p1', '2026-03-10T08:00:00.000Z', { caseFileId: 'f1' }, PARQUET),
  shared('EvidenceRecorded', 'investigation-v2', '2026-03-10T09:00:00.000Z', { investigationId: 'v2' }, POLICE),
];

type Row = Record<string, unknown>;

/** Every row of the read model in a comparable form; lists kept in the order stored. */
async function state(db: SqlQueryable): Promise<Record<string, Row[]>> {
  const read = async (sql: string) =>
    (await db.query<Row>(sql)).map((row) => {
      const out: Row = {};
      for (const [key, value] of Object.entries(row)) {
        // The order rows arrived in, by design (live feeds resume after it).
        if (key === 'seq') continue;
        out[key] = value instanceof Date ? value.toISOString() : typeof value === 'bigint' ? Number(value) : value;
      }
      return out;
    });
  return {
    jointCases: await read(`SELECT * FROM ${s}.joint_cases ORDER BY joint_case_id`),
    timeline: await read(`SELECT * FROM ${s}.timeline ORDER BY event_id`),
    escalations: await read(`SELECT * FROM ${s}.escalations ORDER BY event_id`),
  };
}

/** A reproducible shuffle (a small linear congruential generator), so that a failure can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let x = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('the joint-case projection', () => {
  let db: PgliteDatabase;

  beforeAll(async () => {
    db = await PgliteDatabase.open();
    await migrate(db, s, jointCaseProjection.migrations);
  });

  afterAll(async () => {
    await db.close();
  });

  beforeEach(async () => {
    await db.transaction((tx) => jointCaseProjection.reset(tx));
  });

  const apply = (events: readonly RecordedEvent[]) =>
    db.transaction(async (tx) => {
      for (const event of events) await jointCaseProjection.apply(tx, event);
    });

  it('lists agencies and linked work in the order they joined the case, by log position', async () => {
    await apply(LOG);
    const view = await new SqlJointCaseReadModel(db).byId(CASE);
    expect(view).toMatchObject({
      stage: 'in_prosecution',
      assistanceStage: 'registered',
      siteCode: 'NK-MAS-014',
      referralIds: ['r1', 'r0'],
      investigationIds: ['v1', 'v2'],
      prosecutionIds: ['p1'],
      assistanceIds: ['a1', 'a2'],
      incidentIds: ['i1'],
      agencyIds: [NGO.id, POLICE.id, USHINDI.id, SAEMAPE.id, 'pamoja-deadline-watcher', PARQUET.id],
      missedDeadlines: 1,
      openedAt: new Date('2026-03-01T08:00:00.000Z'),
      lastActivityAt: new Date('2026-03-10T09:00:00.000Z'),
    });
    const [escalation] = await new SqlJointCaseReadModel(db).escalations({ openOnly: false, limit: 10 });
    expect(escalation?.resolvedAt).toEqual(new Date('2026-03-08T08:00:00.000Z'));
  });

  it('stores the same rows whatever order the events arrive in, and a redelivered event changes nothing', async () => {
    await apply(LOG);
    const expected = await state(db);
    const orders = [[...LOG].reverse(), ...Array.from({ length: 12 }, (_, i) => shuffled(LOG, i + 1))];
    for (const order of orders) {
      await db.transaction((tx) => jointCaseProjection.reset(tx));
      await apply([...order, ...shuffled(order, 99)]);
      expect({ order: order.map((e) => e.globalPosition), state: await state(db) }).toEqual({
        order: order.map((e) => e.globalPosition),
        state: expected,
      });
    }
  });

  const applyPages = (pages: readonly (readonly RecordedEvent[])[]) =>
    db.transaction(async (tx) => {
      for (const page of pages) await jointCaseProjection.applyPage?.(tx, page);
    });

  it('leaves the same rows applied a page at a time as one event at a time, whatever the pages', async () => {
    await apply(LOG);
    const expected = await state(db);
    for (let size = 1; size <= LOG.length; size += 1) {
      // Pages of `size` events, each starting two events back (a redelivery reaching past the checkpoint).
      const pages: RecordedEvent[][] = [];
      for (let start = 0; start < LOG.length; start += size)
        pages.push(LOG.slice(Math.max(0, start - 2), start + size));
      await db.transaction((tx) => jointCaseProjection.reset(tx));
      await applyPages(pages);
      expect({ size, state: await state(db) }).toEqual({ size, state: expected });
    }
    // One page in any order (the lists and stages do not depend on the order one event at a time either).
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      await db.transaction((tx) => jointCaseProjection.reset(tx));
      await applyPages([shuffled(LOG, seed)]);
      expect({ seed, state: await state(db) }).toEqual({ seed, state: expected });
    }
  });

  it('folds the assistance stage of a page over the timeline as it stood at the last event that moves it', async () => {
    const closedThenReopened = LOG.filter((e) => e.streamId.startsWith('assistance-'));
    expect(closedThenReopened.map((e) => e.type)).toEqual(
      expect.arrayContaining(['VictimRegistered', 'AssistanceClosed']),
    );
    await apply(LOG);
    const oneByOne = (await new SqlJointCaseReadModel(db).byId(CASE))?.assistanceStage;
    await db.transaction((tx) => jointCaseProjection.reset(tx));
    await applyPages([LOG]);
    expect((await new SqlJointCaseReadModel(db).byId(CASE))?.assistanceStage).toBe(oneByOne);
    expect(oneByOne).toBe('registered');
  });

  it('is applied in two transactions as in one: each list is computed from what was seen, not appended to', async () => {
    await apply(LOG);
    const expected = await state(db);
    await db.transaction((tx) => jointCaseProjection.reset(tx));
    const late = LOG.filter((_, i) => i % 3 === 0);
    await apply(LOG.filter((_, i) => i % 3 !== 0));
    await apply(late);
    expect(await state(db)).toEqual(expected);
  });
});

describe('the joint-case migration that orders the lists by log position', () => {
  it('recomputes the lists of existing cases from their timeline, and keeps their site code', async () => {
    const db = await PgliteDatabase.open();
    try {
      await migrate(
        db,
        s,
        jointCaseProjection.migrations.filter((m) => m.version <= 3),
      );
      // As the projection used to store it live: the lists in the order the topics delivered.
      await db.query(
        `INSERT INTO ${s}.joint_cases (joint_case_id, stage, assistance_stage, site_code, referral_ids,
           investigation_ids, agency_ids, opened_at, last_activity_at)
         VALUES ($1, 'under_investigation', 'none', 'NK-MAS-014', '{r2,r1}', '{v1}', '{pnc-masisi,ngo-kivu-hope}',
           '2026-03-01T08:00:00Z', '2026-03-02T08:00:00Z')`,
        [CASE],
      );
      const timeline: [string, number, number, string, string, string][] = [
        ['e3', 12, 3, 'InvestigationOpened', 'investigation-v1', 'pnc-masisi'],
        ['e2', 11, 2, 'ReferralSubmitted', 'referral-r2', 'ngo-kivu-hope'],
        ['e1', 11, 1, 'ReferralSubmitted', 'referral-r1', 'ngo-kivu-hope'],
        ['e4', 13, 4, 'ReferralAccepted', 'referral-r1', 'pnc-masisi'],
      ];
      for (const [eventId, transactionId, globalPosition, type, streamId, agencyId] of timeline) {
        await db.query(
          `INSERT INTO ${s}.timeline (event_id, joint_case_id, transaction_id, global_position, event_type, stream_id,
             agency_id, agency_type, roles, occurred_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'police', '{officer}', '2026-03-01T08:00:00Z')`,
          [eventId, CASE, transactionId, globalPosition, type, streamId, agencyId],
        );
      }

      expect(
        await migrate(
          db,
          s,
          jointCaseProjection.migrations.filter((m) => m.version <= 4),
        ),
      ).toEqual([4]);
      expect(await new SqlJointCaseReadModel(db).byId(CASE)).toMatchObject({
        siteCode: 'NK-MAS-014',
        referralIds: ['r1', 'r2'],
        investigationIds: ['v1'],
        prosecutionIds: [],
        agencyIds: ['ngo-kivu-hope', 'pnc-masisi'],
      });
      // The site code named by a later event does not replace the case's.
      await db.transaction((tx) =>
        jointCaseProjection.apply(tx, {
          ...(LOG[2] as RecordedEvent),
          eventId: '00000000-0000-4000-8000-00000000ffff',
          transactionId: 20,
          globalPosition: 20,
        }),
      );
      expect(await new SqlJointCaseReadModel(db).byId(CASE)).toMatchObject({ siteCode: 'NK-MAS-014' });
    } finally {
      await db.close();
    }
  });
});

describe('the joint-case projection, fed the log through the catalogue', () => {
  const CASE_ID = 'c0a80000-0000-4000-8000-0000000000c7';
  const ngo = { userId: 'fw-1', agencyId: NGO.id, agencyType: NGO.type, roles: ['field_worker'] };
  const police = { userId: 'officer-1', agencyId: POLICE.id, agencyType: POLICE.type, roles: ['officer'] };
  const ushindi = { userId: 'sw-1', agencyId: USHINDI.id, agencyType: USHINDI.type, roles: ['case_worker'] };

  /** Events as their contexts' logs record them (the user named); the projection sees them as shared. */
  const submitted: ProjectionEvent = {
    type: 'ReferralSubmitted',
    schemaVersion: 2,
    streamId: 'referral-r1',
    actor: ngo,
    jointCaseId: CASE_ID,
    occurredAt: '2026-03-01T08:00:00.000Z',
    data: {
      referralId: 'r1',
      jointCaseId: CASE_ID,
      jointCase: 'opened',
      subject: { isChild: false, personId: null },
      childProtectionBasis: false,
      site: { code: 'NK-MAS-014', description: null },
      indicators: ['debt_bondage'],
      childLabourFlags: [],
      urgency: 'urgent',
      fromAgencyId: NGO.id,
      fromAgencyType: NGO.type,
      toAgencyId: POLICE.id,
      toAgencyType: POLICE.type,
      submittedAt: '2026-03-01T08:00:00.000Z',
      dueBy: '2026-03-03T08:00:00.000Z',
      summary: 'Diggers held for a debt.',
    },
  };
  const missed: ProjectionEvent = {
    type: 'ReferralDeadlineMissed',
    streamId: 'referral-r1',
    actor: {
      userId: 'pamoja-deadline-watcher',
      agencyId: 'pamoja-platform',
      agencyType: 'coordination_body',
      roles: ['system'],
    },
    jointCaseId: CASE_ID,
    occurredAt: '2026-03-03T08:00:05.000Z',
    data: {
      referralId: 'r1',
      dueBy: '2026-03-03T08:00:00.000Z',
      missedAt: '2026-03-03T08:00:05.000Z',
      toAgencyId: POLICE.id,
      escalatedTo: 'coordination_body',
    },
  };
  const accepted: ProjectionEvent = {
    type: 'ReferralAccepted',
    streamId: 'referral-r1',
    actor: police,
    jointCaseId: CASE_ID,
    occurredAt: '2026-03-04T08:00:00.000Z',
    data: { referralId: 'r1', byAgencyId: POLICE.id, acceptedAt: '2026-03-04T08:00:00.000Z', note: 'Team sent.' },
  };
  const opened: ProjectionEvent = {
    type: 'InvestigationOpened',
    streamId: 'investigation-v1',
    actor: police,
    jointCaseId: CASE_ID,
    occurredAt: '2026-03-05T08:00:00.000Z',
    data: {
      investigationId: 'v1',
      jointCaseId: CASE_ID,
      referralId: 'r1',
      siteCode: 'NK-MAS-014',
      offences: ['forced_labour'],
      leadAgencyId: POLICE.id,
      leadAgencyType: POLICE.type,
      leadOfficerId: 'officer-1',
      openedAt: '2026-03-05T08:00:00.000Z',
    },
  };

  const spec = ProjectionSpecification.for(sharedFromLog(jointCaseProjection), {
    readModel: (db) => new SqlJointCaseReadModel(db),
  });

  it('opens the case with its first referral, and moves it under investigation with the police', () =>
    spec
      .given(submitted, accepted)
      .when(opened)
      .then(async (cases) => {
        expect(await cases.byId(CASE_ID)).toMatchObject({
          stage: 'under_investigation',
          siteCode: 'NK-MAS-014',
          referralIds: ['r1'],
          investigationIds: ['v1'],
          agencyIds: [NGO.id, POLICE.id],
          openedAt: new Date('2026-03-01T08:00:00.000Z'),
          lastActivityAt: new Date('2026-03-05T08:00:00.000Z'),
        });
      }));

  it('escalates a missed deadline to the coordination body until the referral is answered', async () => {
    await spec
      .given(submitted)
      .when(missed)
      .then(async (cases) => {
        expect(await cases.escalations({ openOnly: true, limit: 10 })).toMatchObject([
          { jointCaseId: CASE_ID, subjectId: 'r1', agencyId: POLICE.id, resolvedAt: null },
        ]);
        expect(await cases.byId(CASE_ID)).toMatchObject({ missedDeadlines: 1 });
      });
    await spec
      .given(submitted, missed)
      .when(accepted)
      .then(async (cases) => {
        expect(await cases.escalations({ openOnly: true, limit: 10 })).toEqual([]);
        expect(await cases.escalations({ openOnly: false, limit: 10 })).toMatchObject([
          { subjectId: 'r1', resolvedAt: new Date('2026-03-04T08:00:00.000Z') },
        ]);
      });
  });

  it('shows a withheld protection measure only as a notice, without what was done', () =>
    spec
      .given(submitted)
      .when({
        type: 'ProtectionMeasureApplied',
        streamId: 'assistance-a1',
        actor: ushindi,
        jointCaseId: CASE_ID,
        occurredAt: '2026-03-06T08:00:00.000Z',
        data: {
          assistanceId: 'a1',
          measureId: 'm1',
          measure: 'safe_house',
          description: 'Moved to the house in Sake',
          byAgencyId: USHINDI.id,
          appliedAt: '2026-03-06T08:00:00.000Z',
          reviewBy: '2026-03-13T08:00:00.000Z',
          consentGivenBy: 'self',
        },
      })
      .then(async (cases) => {
        const timeline = await cases.timeline(
          CASE_ID,
          { limit: 10 },
          { types: ['ReferralSubmitted', 'RestrictedActivityRecorded'], ownAgencyId: 'cpc-nord-kivu', ownTypes: [] },
        );
        expect(timeline.map((e) => [e.eventType, e.agencyId, e.category])).toEqual([
          ['ReferralSubmitted', NGO.id, null],
          ['RestrictedActivityRecorded', USHINDI.id, 'protection'],
        ]);
        expect(JSON.stringify(timeline)).not.toMatch(/Sake|safe_house/);
      }));
});
