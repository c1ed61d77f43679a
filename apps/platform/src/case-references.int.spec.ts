import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { compareLogPositions, type Actor, type NewEvent, type RecordedEvent } from '@pamoja/contracts';
import {
  NO_STREAM,
  PostgresDatabase,
  ProjectionRunner,
  readCheckpoint,
  SqlEventStore,
  type Projection,
} from '@pamoja/event-store';
import { createTemporaryDatabase } from '@pamoja/testing';
import { caseMembershipCopy, caseMembershipProjection } from '@pamoja/platform/membership';
import { caseReferencesCopy, caseReferencesProjection } from '@pamoja/platform/references';

/*
 * Server mode on a real PostgreSQL: the read models every process keeps from the whole log (case membership and
 * case references), kept by two services at once, each in its own copy under its own checkpoint, as they run.
 * The copies must be the same, every reference the same in both, with no gap and no repeat, and a service must
 * never wait on the other's transactions.
 */

const FIELD: Actor = { userId: 'u1', agencyId: 'fr-ushindi', agencyType: 'first_responder', roles: [] };
const POLICE: Actor = { userId: 'u2', agencyId: 'pnc-masisi', agencyType: 'police', roles: [] };
const YEAR = new Intl.DateTimeFormat('en-GB', { timeZone: 'Africa/Lubumbashi', year: 'numeric' }).format(new Date());
const SERVICES = ['pamoja-referrals', 'pamoja-assistance'] as const;

function referral(actor: Actor, jointCaseId: string, to: Actor = POLICE): { streamId: string; event: NewEvent } {
  const referralId = randomUUID();
  return {
    streamId: `referral-${referralId}`,
    event: {
      eventId: randomUUID(),
      type: 'ReferralSubmitted',
      schemaVersion: 2,
      data: {
        referralId,
        toAgencyId: to.agencyId,
        toAgencyType: to.agencyType,
        site: { code: null, description: 'near the river' },
      },
      metadata: {
        actor,
        correlationId: randomUUID(),
        causationId: null,
        jointCaseId,
        occurredAt: new Date().toISOString(),
      },
    },
  };
}

/** The read models a service keeps from the whole log, in its own copies. */
function copiesOf(service: string): Projection[] {
  return [caseMembershipProjection(caseMembershipCopy(service)), caseReferencesProjection(caseReferencesCopy(service))];
}

/** Every row of a copy's tables but the counters' writer (the copy's own name), in a stable order. */
async function contentOf(db: PostgresDatabase, schema: string): Promise<Record<string, string[]>> {
  const tables = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = $1 AND table_name <> 'schema_migrations' ORDER BY 1`,
    [schema],
  );
  const content: Record<string, string[]> = {};
  for (const { name } of tables) {
    const rows = await db.query<{ row: string }>(
      `SELECT (to_jsonb(t) - 'writer')::text AS row FROM ${schema}.${name} t`,
    );
    content[name] = rows.map((r) => r.row).sort();
  }
  return content;
}

describe('the read models every service keeps from the log, with two services writing and reading it at once', () => {
  let drop: (() => Promise<void>) | undefined;
  const services: { name: string; db: PostgresDatabase; store: SqlEventStore; runner: ProjectionRunner }[] = [];

  beforeAll(async () => {
    const database = await createTemporaryDatabase('references');
    drop = database.drop;
    for (const name of SERVICES) {
      const db = new PostgresDatabase({ connectionString: database.url, applicationName: name, poolSize: 6 });
      const store = await SqlEventStore.open(db);
      const runner = new ProjectionRunner(store, db, copiesOf(name));
      services.push({ name, db, store, runner });
    }
    // One at a time: both create the checkpoints' schema.
    for (const { runner } of services) await runner.migrate();
    await Promise.all(services.map(({ runner }) => runner.start()));
  });

  afterAll(async () => {
    for (const { runner, store, db } of services) {
      await runner.stop();
      await store.close();
      await db.close();
    }
    await drop?.();
  });

  it('gives N cases opened at once N consecutive references, and N referrals into one case R1 to RN, the same in both copies', async () => {
    const N = 30;
    const [a, b] = services;
    if (!a || !b) throw new Error('two services');
    const sharedCase = randomUUID();
    // The case exists first; then both services append new cases and referrals into it, all at once.
    const opening = referral(FIELD, sharedCase);
    await a.store.appendToStream(opening.streamId, [opening.event], { expectedRevision: NO_STREAM });
    const appends = Array.from({ length: N }, (_, i) => {
      const service = i % 2 === 0 ? a : b;
      const newCase = referral(FIELD, randomUUID());
      const intoShared = referral(POLICE, sharedCase, FIELD);
      return [
        service.store.appendToStream(newCase.streamId, [newCase.event], { expectedRevision: NO_STREAM }),
        service.store.appendToStream(intoShared.streamId, [intoShared.event], { expectedRevision: NO_STREAM }),
      ];
    }).flat();
    await Promise.all(appends);

    // Every event appended (the store's head is its safe horizon, which other services' transactions hold back).
    const readable = async () => (await a.store.readAll({ maxCount: 10 * N })).events;
    let events = await readable();
    for (const deadline = Date.now() + 10_000; events.length < 2 * N + 1 && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      events = await readable();
    }
    expect(events).toHaveLength(2 * N + 1);
    const last = events[events.length - 1];
    if (!last) throw new Error('no events');
    const head = { transactionId: last.transactionId, globalPosition: last.globalPosition };
    // They do not hold up commands (readYourWrites is off): wait for each copy's checkpoint to pass the head.
    for (const { name } of services) {
      for (const copy of [caseMembershipCopy(name), caseReferencesCopy(name)]) {
        const caughtUp = async () => compareLogPositions(await readCheckpoint(a.db, copy.projection), head) >= 0;
        const deadline = Date.now() + 30_000;
        while (!(await caughtUp()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
        expect(await caughtUp()).toBe(true);
      }
    }
    for (const { runner } of services) expect(runner.status().map((s) => s.state)).not.toContain('failing');

    const referencesOf = (service: string) =>
      a.db.query<{ record_key: string; reference: string }>(
        `SELECT r.record_key, r.reference FROM ${caseReferencesCopy(service).schema}.record_references r
         ORDER BY r.transaction_id, r.global_position, r.record_key`,
      );
    const rows = await referencesOf(a.name);
    const cases = rows.filter((r) => r.record_key.startsWith('case-')).map((r) => r.reference);
    // In the log's order: consecutive ordinals from 1, the shared case first.
    expect(cases).toEqual(Array.from({ length: N + 1 }, (_, i) => `CD-${YEAR}-${String(i + 1).padStart(5, '0')}`));
    const sharedReference = cases[0] ?? '';
    const intoShared = rows
      .filter((r) => r.record_key.startsWith('referral-') && r.reference.startsWith(`${sharedReference}-R`))
      .map((r) => r.reference);
    expect(intoShared).toEqual(Array.from({ length: N + 1 }, (_, i) => `${sharedReference}-R${String(i + 1)}`));
    expect(new Set(rows.map((r) => r.reference)).size).toBe(rows.length);
    // The other service numbered every record alike.
    expect(await referencesOf(b.name)).toEqual(rows);

    // The copies are the same, table by table, membership included (every party of the shared case).
    const membershipA = await contentOf(a.db, caseMembershipCopy(a.name).schema);
    // Each referral: its author's record and its receiver's referral.
    expect(membershipA['parties']).toHaveLength(2 * (2 * N + 1));
    expect(await contentOf(b.db, caseMembershipCopy(b.name).schema)).toEqual(membershipA);
    expect(await contentOf(b.db, caseReferencesCopy(b.name).schema)).toEqual(
      await contentOf(a.db, caseReferencesCopy(a.name).schema),
    );
  });
});

describe('a service applying an event while another holds the same event uncommitted', () => {
  let drop: (() => Promise<void>) | undefined;
  let referrals: PostgresDatabase;
  let assistance: PostgresDatabase;

  beforeAll(async () => {
    const database = await createTemporaryDatabase('copies');
    drop = database.drop;
    referrals = new PostgresDatabase({ connectionString: database.url, applicationName: SERVICES[0], poolSize: 2 });
    assistance = new PostgresDatabase({ connectionString: database.url, applicationName: SERVICES[1], poolSize: 2 });
    const store = await SqlEventStore.open(referrals);
    await new ProjectionRunner(store, referrals, [...copiesOf(SERVICES[0]), ...copiesOf(SERVICES[1])]).migrate();
    await store.close();
  });

  afterAll(async () => {
    await referrals.close();
    await assistance.close();
    await drop?.();
  });

  /** The same event as both services read it from the log: a referral that opens its case. */
  function opening(position: number): RecordedEvent {
    const { streamId, event } = referral(FIELD, randomUUID());
    return {
      ...event,
      streamId,
      streamRevision: 0,
      transactionId: position,
      globalPosition: position,
      recordedAt: new Date(),
    };
  }

  /**
   * Applies `event` to `first` in a transaction left open, then to `second` in another connection with a lock
   * timeout of two seconds; commits the first once the second has answered. Returns how long the second took,
   * or its error.
   */
  async function whileHeld(
    first: readonly Projection[],
    second: readonly Projection[],
    event: RecordedEvent,
  ): Promise<{ ms: number; error?: string }> {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    let applied: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (applied = resolve));
    const holder = referrals.transaction(async (tx) => {
      for (const p of first) await p.apply(tx, event);
      applied();
      await released;
    });
    await held;
    const started = performance.now();
    try {
      await assistance.transaction(async (tx) => {
        await tx.query(`SET LOCAL lock_timeout = '2s'`);
        for (const p of second) await p.apply(tx, event);
      });
      return { ms: performance.now() - started };
    } catch (error: unknown) {
      return { ms: performance.now() - started, error: error instanceof Error ? error.message : String(error) };
    } finally {
      release();
      await holder;
    }
  }

  it('does not wait: each service writes its own copy, and both end the same', async () => {
    const event = opening(1_000);
    const outcome = await whileHeld(copiesOf(SERVICES[0]), copiesOf(SERVICES[1]), event);
    expect(outcome.error).toBeUndefined();
    expect(outcome.ms).toBeLessThan(1_000);
    for (const read of [caseMembershipCopy, caseReferencesCopy]) {
      expect(await contentOf(assistance, read(SERVICES[1]).schema)).toEqual(
        await contentOf(referrals, read(SERVICES[0]).schema),
      );
    }
  });

  it('would wait, were the two services to write one table (the design this replaces): the check above can fail', async () => {
    const event = opening(2_000);
    // The second service under a checkpoint of its own, but on the first one's tables.
    const sharing = [caseMembershipCopy, caseReferencesCopy].map((copyOf) => ({
      projection: `${SERVICES[1]}.on-the-other-table`,
      schema: copyOf(SERVICES[0]).schema,
    }));
    const [membership, references] = sharing;
    if (!membership || !references) throw new Error('two copies');
    const outcome = await whileHeld(
      copiesOf(SERVICES[0]),
      [caseMembershipProjection(membership), caseReferencesProjection(references)],
      event,
    );
    expect(outcome.error).toMatch(/lock timeout/);
    expect(outcome.ms).toBeGreaterThanOrEqual(1_900);
  });
});
