import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import {
  DEADLINE_WATCHER_ACTOR,
  NotAPartyError,
  personIdIntroducedBy,
  type Actor,
  type NewEvent,
  type RecordedEvent,
} from '@pamoja/contracts';
import {
  CHECKPOINT_MIGRATIONS,
  CHECKPOINT_SCHEMA,
  migrate,
  NO_STREAM,
  PgliteDatabase,
  SqlEventStore,
  writeCheckpoint,
} from '@pamoja/event-store';
import {
  caseMembershipCopy,
  caseMembershipProjection,
  MEMBERSHIP_SCHEMA,
  SqlCaseMembership,
} from './case-membership.js';
import { MembershipGuardedEventStore } from './membership-guard.js';

const CASE = 'c0a80000-0000-4000-8000-0000000000aa';
const FIELD: Actor = { userId: 'u1', agencyId: 'fr-ushindi', agencyType: 'first_responder', roles: [] };
const NGO: Actor = { userId: 'u2', agencyId: 'ngo-tumaini', agencyType: 'assistance_provider', roles: [] };
const POLICE: Actor = { userId: 'u3', agencyId: 'pnc-masisi', agencyType: 'police', roles: [] };
const PARQUET: Actor = { userId: 'u4', agencyId: 'parquet-goma', agencyType: 'prosecutor', roles: [] };
const APLTP: Actor = { userId: 'u5', agencyId: 'apltp-nk', agencyType: 'coordination_body', roles: [] };
const MINING: Actor = { userId: 'u6', agencyId: 'saemape-nk', agencyType: 'mining_authority', roles: [] };

let position = 0;
function event(
  type: string,
  streamId: string,
  actor: Actor,
  data: Record<string, unknown>,
  streamRevision = 0,
): RecordedEvent {
  position += 1;
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    streamId,
    streamRevision,
    transactionId: position,
    globalPosition: position,
    recordedAt: new Date('2026-03-01T08:00:00.000Z'),
    data,
    metadata: {
      actor,
      correlationId: randomUUID(),
      causationId: null,
      jointCaseId: CASE,
      occurredAt: new Date(Date.UTC(2026, 2, 1, 8, position)).toISOString(),
    },
  };
}

const toNgo = event('ReferralSubmitted', 'referral-r1', FIELD, {
  referralId: 'r1',
  subject: { isChild: false },
  toAgencyId: NGO.agencyId,
  toAgencyType: 'assistance_provider',
});
const toPolice = event('ReferralSubmitted', 'referral-r2', FIELD, {
  referralId: 'r2',
  subject: { isChild: false, personId: personIdIntroducedBy('r1') },
  toAgencyId: POLICE.agencyId,
  toAgencyType: 'police',
});
const policeDeclines = event('ReferralDeclined', 'referral-r2', POLICE, { referralId: 'r2' }, 1);
const registered = event('VictimRegistered', 'assistance-a1', NGO, {
  assistanceId: 'a1',
  personId: personIdIntroducedBy('r1'),
  assistingAgencyId: NGO.agencyId,
});
const caseFile = event(
  'CaseFileTransmitted',
  'investigation-v1',
  POLICE,
  { caseFileId: 'f1', toProsecutorOfficeId: PARQUET.agencyId },
  3,
);
const admitted = event('CasePartyAdmitted', `case-${CASE}`, APLTP, {
  decisionId: 'd1',
  agencyId: MINING.agencyId,
  agencyType: 'mining_authority',
});
const missed = event('ReferralDeadlineMissed', 'referral-r1', DEADLINE_WATCHER_ACTOR, { referralId: 'r1' }, 2);

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

describe('case membership, from the log', () => {
  let db: PgliteDatabase;
  const projection = caseMembershipProjection();
  let membership: SqlCaseMembership;

  beforeAll(async () => {
    db = await PgliteDatabase.open();
    await migrate(db, CHECKPOINT_SCHEMA, CHECKPOINT_MIGRATIONS);
    await migrate(db, MEMBERSHIP_SCHEMA, projection.migrations);
    membership = new SqlCaseMembership(db, caseMembershipCopy());
  });

  afterAll(async () => {
    await db.close();
  });

  beforeEach(async () => {
    await db.transaction((tx) => projection.reset(tx));
  });

  const apply = (events: readonly RecordedEvent[]) =>
    db.transaction(async (tx) => {
      for (const e of events) await projection.apply(tx, e);
    });
  const parties = async () => (await membership.partiesOf(CASE))?.map((p) => p.agencyId) ?? null;

  it('knows no case before anything is recorded on it', async () => {
    expect(await membership.partiesOf(CASE)).toBeNull();
  });

  it('makes parties of the agency that opened the case and of each agency a party referred it to', async () => {
    await apply([toNgo, toPolice]);
    expect(await parties()).toEqual([FIELD.agencyId, NGO.agencyId, POLICE.agencyId].sort());
    expect(await membership.casesOf(NGO.agencyId)).toEqual([CASE]);
    expect(await membership.casesOf(PARQUET.agencyId)).toEqual([]);
  });

  it('ends a referral’s ground when its receiver declines it', async () => {
    await apply([toNgo, toPolice, policeDeclines]);
    expect(await parties()).toEqual([FIELD.agencyId, NGO.agencyId].sort());
  });

  it('admits the office a case file was sent to, and an agency by the coordination body’s decision, never the platform itself', async () => {
    await apply([toNgo, caseFile, admitted, missed]);
    expect(await parties()).toEqual([FIELD.agencyId, MINING.agencyId, NGO.agencyId, PARQUET.agencyId].sort());
    // The coordination body's own decision does not make it a party: its mandate is not membership.
    expect(await membership.casesOf(APLTP.agencyId)).toEqual([]);
  });

  it('gives the consent of a person to the agency that met them and to the one that assists them, to no one else', async () => {
    await apply([toNgo, toPolice, registered]);
    const person = personIdIntroducedBy('r1');
    expect(await membership.keepsConsentOf(person, FIELD.agencyId)).toBe(true);
    expect(await membership.keepsConsentOf(person, NGO.agencyId)).toBe(true);
    // The police received the person by a forward: they did not meet them, and do not keep their consent.
    expect(await membership.keepsConsentOf(person, POLICE.agencyId)).toBe(false);
  });

  it('is a function of the log: the same parties whatever order a batch arrives in, and a redelivery changes nothing', async () => {
    const events = [toNgo, toPolice, registered, admitted];
    await apply(events);
    const expected = await parties();
    for (const order of permutations(events)) {
      await db.transaction((tx) => projection.reset(tx));
      await apply([...order, ...order]);
      expect(await parties()).toEqual(expected);
    }
  });
});

describe('case membership applied a page at a time (catch-up, rebuild)', () => {
  let db: PgliteDatabase;
  const projection = caseMembershipProjection();

  beforeAll(async () => {
    db = await PgliteDatabase.open();
    await migrate(db, MEMBERSHIP_SCHEMA, projection.migrations);
  });

  afterAll(async () => {
    await db.close();
  });

  const rows = async () => ({
    cases: await db.query(`SELECT * FROM ${MEMBERSHIP_SCHEMA}.cases ORDER BY 1`),
    parties: await db.query(`SELECT * FROM ${MEMBERSHIP_SCHEMA}.parties ORDER BY 1, 2, 4, 5`),
    persons: await db.query(`SELECT * FROM ${MEMBERSHIP_SCHEMA}.persons ORDER BY 1, 2`),
    keepers: await db.query(`SELECT * FROM ${MEMBERSHIP_SCHEMA}.consent_keepers ORDER BY 1, 2`),
  });
  const reset = () => db.transaction((tx) => projection.reset(tx));

  // Where the order matters: a person registered by an assisting agency who is not one of the case's (no consent
  // from that), a referral declined and another sent to the same agency, one revoked before
  // the agency has any other ground.
  const introduced = personIdIntroducedBy('p1');
  const log = [
    event('VictimRegistered', 'assistance-a8', NGO, {
      assistanceId: 'a8',
      personId: personIdIntroducedBy('elsewhere'),
      assistingAgencyId: 'ngo-heri',
    }),
    event('ReferralSubmitted', 'referral-p1', FIELD, {
      referralId: 'p1',
      subject: { isChild: true },
      toAgencyId: POLICE.agencyId,
      toAgencyType: 'police',
    }),
    event('ReferralDeclined', 'referral-p1', POLICE, { referralId: 'p1' }, 1),
    event('ReferralSubmitted', 'referral-p2', FIELD, {
      referralId: 'p2',
      subject: { isChild: true, personId: introduced },
      toAgencyId: POLICE.agencyId,
      toAgencyType: 'police',
    }),
    event('ReferralSubmitted', 'referral-p3', FIELD, {
      referralId: 'p3',
      subject: { isChild: true, personId: introduced },
      toAgencyId: NGO.agencyId,
      toAgencyType: 'assistance_provider',
    }),
    event('VictimRegistered', 'assistance-a9', NGO, { personId: introduced, assistingAgencyId: NGO.agencyId }),
    event('ReferralRevoked', 'referral-p2', FIELD, { referralId: 'p2' }, 1),
    event('ReferralSubmitted', 'referral-p4', FIELD, {
      referralId: 'p4',
      subject: { isChild: true, personId: introduced },
      toAgencyId: POLICE.agencyId,
      toAgencyType: 'police',
    }),
    caseFile,
    admitted,
    missed,
  ];

  it('leaves the rows one event at a time leaves, whatever the pages, and a page delivered again changes nothing', async () => {
    await reset();
    await db.transaction(async (tx) => {
      for (const e of log) await projection.apply(tx, e);
    });
    const expected = await rows();
    // What the log says, so that the comparison is about something: the police's referrals p1 (declined) and p2
    // (revoked) ended, p4 open; consent kept by the agency that met the child and by the one assisting them, not by
    // the agency that registered someone who is not one of the case's.
    expect(
      expected.parties.filter((p) => p['agency_id'] === POLICE.agencyId).map((p) => p['ended_at'] === null),
    ).toEqual([false, false, true]);
    expect(expected.keepers.map((k) => [k['agency_id'], k['ground']])).toEqual([
      [FIELD.agencyId, 'met'],
      [NGO.agencyId, 'assists'],
    ]);

    for (let size = 1; size <= log.length; size++) {
      await reset();
      for (let at = 0; at < log.length; at += size) {
        const page = log.slice(at, at + size);
        await db.transaction((tx) => projection.applyPage?.(tx, page) ?? Promise.resolve());
      }
      expect({ size, rows: await rows() }).toEqual({ size, rows: expected });
      // A page that starts with events already applied (a redelivery after a retry), then the whole log again.
      await db.transaction(
        (tx) => projection.applyPage?.(tx, log.slice(Math.max(0, log.length - size - 2))) ?? Promise.resolve(),
      );
      await db.transaction((tx) => projection.applyPage?.(tx, log) ?? Promise.resolve());
      expect({ size, rows: await rows() }).toEqual({ size, rows: expected });
    }
  });
});

describe('the copy each process keeps', () => {
  it('is the one of today in the embedded app, and a schema and a checkpoint of its own for each service', () => {
    expect(caseMembershipCopy()).toEqual({ projection: 'platform.case-membership', schema: MEMBERSHIP_SCHEMA });
    expect(caseMembershipCopy('pamoja-referrals')).toEqual({
      projection: 'pamoja-referrals.own-case-membership',
      schema: 'membership_read_pamoja_referrals',
    });
    const services = ['pamoja-referrals', 'pamoja-sites', 'pamoja-coordination', 'Pamoja Assistance'];
    const schemas = services.map((s) => caseMembershipCopy(s).schema);
    expect(new Set(schemas).size).toBe(services.length);
    expect(schemas).toContain('membership_read_pamoja_assistance');
  });

  it('refuses a service name that gives no schema, naming it', () => {
    expect(() => caseMembershipCopy('--')).toThrow(/serviceName "--"/);
    expect(() => caseMembershipCopy('x'.repeat(60))).toThrow(/serviceName "x+" .*at most 47/);
  });

  it('keeps each copy apart: what one service applies, another does not read', async () => {
    const db = await PgliteDatabase.open();
    try {
      const referrals = caseMembershipCopy('pamoja-referrals');
      const sites = caseMembershipCopy('pamoja-sites');
      for (const copy of [referrals, sites]) await migrate(db, copy.schema, caseMembershipProjection(copy).migrations);
      await db.transaction((tx) => caseMembershipProjection(referrals).apply(tx, toNgo));
      expect((await new SqlCaseMembership(db, referrals).partiesOf(CASE))?.map((p) => p.agencyId)).toEqual([
        FIELD.agencyId,
        NGO.agencyId,
      ]);
      expect(await new SqlCaseMembership(db, sites).partiesOf(CASE)).toBeNull();
    } finally {
      await db.close();
    }
  });
});

describe('the membership guard on the store', () => {
  let db: PgliteDatabase;
  let store: MembershipGuardedEventStore;
  const projection = caseMembershipProjection();

  beforeAll(async () => {
    db = await PgliteDatabase.open();
    await migrate(db, CHECKPOINT_SCHEMA, CHECKPOINT_MIGRATIONS);
    await migrate(db, MEMBERSHIP_SCHEMA, projection.migrations);
    const inner = await SqlEventStore.open(db);
    store = new MembershipGuardedEventStore(
      inner,
      new SqlCaseMembership(db, caseMembershipCopy(), { head: () => inner.headPosition() }),
    );
  });

  afterAll(async () => {
    await store.close();
    await db.close();
  });

  /** Projects everything appended so far, as the running platform's projection does. */
  const catchUp = async () => {
    const { events, checkedUpTo } = await store.readAll();
    await db.transaction(async (tx) => {
      await projection.reset(tx);
      for (const e of events) await projection.apply(tx, e);
      await writeCheckpoint(tx, projection.name, checkedUpTo);
    });
  };

  const record = (streamId: string, actor: Actor, type = 'RecordOpened'): NewEvent => ({
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    data: {
      referralId: streamId.slice('referral-'.length),
      toAgencyId: NGO.agencyId,
      toAgencyType: 'assistance_provider',
    },
    metadata: {
      actor,
      correlationId: randomUUID(),
      causationId: null,
      jointCaseId: CASE,
      occurredAt: new Date().toISOString(),
    },
  });

  it('lets the first record open a case, then refuses a new record in it from a non-party and writes nothing', async () => {
    await store.appendToStream('referral-g1', [record('referral-g1', FIELD, 'ReferralSubmitted')], {
      expectedRevision: NO_STREAM,
    });
    await catchUp();
    const before = await store.headPosition();
    await expect(
      store.appendToStream('assistance-x1', [record('assistance-x1', MINING)], { expectedRevision: NO_STREAM }),
    ).rejects.toBeInstanceOf(NotAPartyError);
    expect(await store.headPosition()).toEqual(before);
    // The agency the case was referred to may.
    await store.appendToStream('assistance-x2', [record('assistance-x2', NGO)], { expectedRevision: NO_STREAM });
  });

  it('waits for the read model to reach the log before it refuses: a party just referred is never refused for lag', async () => {
    const CASE_2 = randomUUID();
    const referral: NewEvent = {
      ...record('referral-g2', FIELD, 'ReferralSubmitted'),
      data: { referralId: 'g2', toAgencyId: POLICE.agencyId, toAgencyType: 'police' },
      metadata: { ...record('referral-g2', FIELD).metadata, jointCaseId: CASE_2 },
    };
    await store.appendToStream('referral-g2', [referral], { expectedRevision: NO_STREAM });
    await catchUp();
    const forward: NewEvent = {
      ...record('referral-g3', FIELD, 'ReferralSubmitted'),
      data: { referralId: 'g3', toAgencyId: PARQUET.agencyId, toAgencyType: 'prosecutor' },
      metadata: { ...record('referral-g3', FIELD).metadata, jointCaseId: CASE_2 },
    };
    await store.appendToStream('referral-g3', [forward], { expectedRevision: NO_STREAM });
    // The prosecutor's office acts before the projection saw the referral to it: the guard waits for it.
    const acting = store.appendToStream(
      'investigation-g4',
      [{ ...record('investigation-g4', PARQUET), metadata: { ...record('x', PARQUET).metadata, jointCaseId: CASE_2 } }],
      { expectedRevision: NO_STREAM },
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    await catchUp();
    await expect(acting).resolves.toMatchObject({ idempotentReplay: false });
  });

  it('lets the platform itself and the coordination body’s decisions through, and records already in the case', async () => {
    await store.appendToStream(`case-${CASE}`, [record(`case-${CASE}`, APLTP, 'CasePartyAdmitted')], {
      expectedRevision: NO_STREAM,
    });
    await store.appendToStream(
      'referral-g1',
      [record('referral-g1', DEADLINE_WATCHER_ACTOR, 'ReferralDeadlineMissed')],
      {
        expectedRevision: 0,
      },
    );
  });
});
