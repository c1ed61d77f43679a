import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { compareLogPositions, type Actor, type NewEvent } from '@pamoja/contracts';
import { NO_STREAM, PostgresDatabase, ProjectionRunner, readCheckpoint, SqlEventStore } from '@pamoja/event-store';
import { createTemporaryDatabase } from '@pamoja/testing';
import { caseReferencesProjection, REFERENCES_SCHEMA } from '@pamoja/platform/references';

/*
 * Server mode on a real PostgreSQL: two services append to the one log at the same time and each numbers
 * it under its own checkpoint on the one table, as they run. They must agree on every reference, with no
 * gap and no repeat, and neither may stop on a disagreement.
 */

const FIELD: Actor = { userId: 'u1', agencyId: 'fr-ushindi', agencyType: 'first_responder', roles: [] };
const POLICE: Actor = { userId: 'u2', agencyId: 'pnc-masisi', agencyType: 'police', roles: [] };
const YEAR = new Intl.DateTimeFormat('en-GB', { timeZone: 'Africa/Lubumbashi', year: 'numeric' }).format(new Date());

function referral(actor: Actor, jointCaseId: string): { streamId: string; event: NewEvent } {
  const referralId = randomUUID();
  return {
    streamId: `referral-${referralId}`,
    event: {
      eventId: randomUUID(),
      type: 'ReferralSubmitted',
      schemaVersion: 2,
      data: { referralId, site: { code: null, description: 'near the river' } },
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

describe('case references with two services writing and numbering the one log at once', () => {
  let drop: (() => Promise<void>) | undefined;
  const services: { db: PostgresDatabase; store: SqlEventStore; runner: ProjectionRunner }[] = [];

  beforeAll(async () => {
    const database = await createTemporaryDatabase('references');
    drop = database.drop;
    for (const name of ['referrals', 'assistance']) {
      const db = new PostgresDatabase({ connectionString: database.url, applicationName: name, poolSize: 6 });
      const store = await SqlEventStore.open(db);
      const runner = new ProjectionRunner(store, db, [caseReferencesProjection(`${name}.case-references`)]);
      services.push({ db, store, runner });
    }
    // One at a time: both create the one schema.
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

  it('gives N cases opened at once N consecutive references, and N referrals into one case R1 to RN, the same for both', async () => {
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
      const intoShared = referral(POLICE, sharedCase);
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
    // It does not hold up commands (readYourWrites is off): wait for each service's checkpoint to pass the head.
    for (const name of ['referrals', 'assistance']) {
      const caughtUp = async () =>
        compareLogPositions(await readCheckpoint(a.db, `${name}.case-references`), head) >= 0;
      const deadline = Date.now() + 30_000;
      while (!(await caughtUp()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await caughtUp()).toBe(true);
    }
    for (const { runner } of services) expect(runner.status().map((s) => s.state)).not.toContain('failing');

    const rows = await a.db.query<{ record_key: string; reference: string }>(
      `SELECT r.record_key, r.reference FROM ${REFERENCES_SCHEMA}.record_references r
       ORDER BY r.transaction_id, r.global_position, r.record_key`,
    );
    const cases = rows.filter((r) => r.record_key.startsWith('case-')).map((r) => r.reference);
    // In the log's order: consecutive ordinals from 1, the shared case first.
    expect(cases).toEqual(Array.from({ length: N + 1 }, (_, i) => `CD-${YEAR}-${String(i + 1).padStart(5, '0')}`));
    const sharedReference = cases[0] ?? '';
    const intoShared = rows
      .filter((r) => r.record_key.startsWith('referral-') && r.reference.startsWith(`${sharedReference}-R`))
      .map((r) => r.reference);
    expect(intoShared).toEqual(Array.from({ length: N + 1 }, (_, i) => `${sharedReference}-R${String(i + 1)}`));
    expect(new Set(rows.map((r) => r.reference)).size).toBe(rows.length);

    // Each service counted every series itself, and they agree.
    const counters = await a.db.query<{ writer: string; series: string; last_value: number }>(
      `SELECT writer, series, last_value FROM ${REFERENCES_SCHEMA}.counters WHERE series IN ($1, $2)
       ORDER BY series, writer`,
      [`CD-${YEAR}`, `${sharedReference}-R`],
    );
    expect(counters.map((c) => [c.writer, c.series, c.last_value])).toEqual([
      ['assistance.case-references', `CD-${YEAR}`, N + 1],
      ['referrals.case-references', `CD-${YEAR}`, N + 1],
      ['assistance.case-references', `${sharedReference}-R`, N + 1],
      ['referrals.case-references', `${sharedReference}-R`, N + 1],
    ]);
  });
});
