import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { compareLogPositions, type EventMetadata, type LogPosition, type NewEvent } from '@pamoja/contracts';
import { ANY, NO_STREAM } from '../event-store.port.js';
import { chainHash, eventContentSql, eventHashSql, storedContentSql } from '../sql/event-hash.js';
import { EVENT_STORE_MIGRATIONS } from '../sql/event-store.migrations.js';
import { migrate } from '../sql/migrations.js';
import { SqlEventStore } from '../sql/sql-event-store.js';
import { bytesOf, readLogCheckpoints } from './log-checkpoints.js';
import { verifyLog, type LogBreak } from './verify-log.js';

/** A fresh store in a schema of its own; `cleanup` drops the schema and closes the store. */
export interface OpenedIntegrityStore {
  readonly store: SqlEventStore;
  readonly cleanup: () => Promise<void>;
}

function metadata(): EventMetadata {
  return {
    actor: { userId: randomUUID(), agencyId: 'ngo-kivu-hope', agencyType: 'first_responder', roles: ['field_worker'] },
    correlationId: randomUUID(),
    causationId: null,
    jointCaseId: randomUUID(),
    occurredAt: new Date().toISOString(),
  };
}

function event(type: string, n: number): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    // Non-ASCII text and a decimal with a trailing zero: the canonical text must keep both as stored.
    data: { n, note: `Témoin ${n} à Rubaya`, amount: 1.5, tags: ['a', 'b'], nested: { z: 1, a: null } },
    metadata: metadata(),
  };
}

/**
 * Waits until the readers' head has reached everything appended so far. On a shared PostgreSQL server another
 * client's open transaction holds the horizon back for a while (ADR 0003), and checkpoints stop at that head.
 */
export async function settle(store: SqlEventStore): Promise<void> {
  const [last] = await store.db.query<{ transaction_id: number; global_position: number }>(
    `SELECT transaction_id::text::bigint AS transaction_id, global_position FROM ${store.schema}.events
     ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
  );
  if (!last) return;
  const target = { transactionId: last.transaction_id, globalPosition: last.global_position };
  for (let i = 0; i < 1500 && compareLogPositions(await store.headPosition(), target) < 0; i++) await sleep(20);
}

interface Fixture {
  readonly a: string;
  readonly b: string;
  readonly c: string;
  readonly d: string;
  /** Events up to the checkpoint, and in all. */
  readonly checkpointed: number;
  readonly total: number;
}

/**
 * Streams A, B, C (single-event appends, interleaved) at revisions 0-2 and D (one batch of 4), a checkpoint, then
 * A 3-5 one by one and B 3-5 as one batch; C and D are not appended to after the checkpoint.
 */
async function writeFixture(store: SqlEventStore): Promise<Fixture> {
  const id = randomUUID().slice(0, 8);
  const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((s) => `case-${s}-${id}`) as [string, string, string, string];
  for (let r = 0; r <= 2; r++) {
    for (const stream of [a, b, c]) {
      await store.appendToStream(stream, [event('Step', r)], { expectedRevision: r === 0 ? NO_STREAM : r - 1 });
    }
  }
  await store.appendToStream(
    d,
    [0, 1, 2, 3].map((n) => event('Batched', n)),
    { expectedRevision: NO_STREAM },
  );
  await settle(store);
  const taken = await store.takeCheckpoint();
  expect(taken?.created).toBe(true);
  for (let r = 3; r <= 5; r++) await store.appendToStream(a, [event('Step', r)], { expectedRevision: r - 1 });
  await store.appendToStream(
    b,
    [3, 4, 5].map((n) => event('Batched', n)),
    { expectedRevision: 2 },
  );
  await settle(store);
  return { a, b, c, d, checkpointed: 13, total: 19 };
}

async function positionOf(store: SqlEventStore, streamId: string, revision: number): Promise<LogPosition> {
  const rows = await store.db.query<{ transaction_id: number; global_position: number }>(
    `SELECT transaction_id::text::bigint AS transaction_id, global_position FROM ${store.schema}.events
     WHERE stream_id = $1 AND stream_revision = $2`,
    [streamId, revision],
  );
  const row = rows[0];
  if (!row) throw new Error(`no event ${streamId}@${revision}`);
  return { transactionId: row.transaction_id, globalPosition: row.global_position };
}

function expectBreak(found: LogBreak | undefined, expected: Partial<LogBreak>): void {
  expect(found).toBeDefined();
  expect(found).toMatchObject(expected);
}

/** The hash chains, checkpoints and verifier, on one adapter. */
export function describeLogIntegrity(name: string, open: () => Promise<OpenedIntegrityStore>): void {
  describe(`log integrity (${name})`, () => {
    let opened: OpenedIntegrityStore | undefined;
    const fresh = async (): Promise<SqlEventStore> => {
      opened = await open();
      return opened.store;
    };
    afterEach(async () => {
      await opened?.cleanup();
      opened = undefined;
    });

    describe('hash chains', () => {
      it('chains every stream over its stored rows, for single and batch appends', async () => {
        const store = await fresh();
        const f = await writeFixture(store);
        const rows = await store.db.query<{
          stream_id: string;
          stream_revision: number;
          hash: Uint8Array;
          content: string;
        }>(
          `SELECT e.stream_id, e.stream_revision, e.hash, ${storedContentSql('e')} AS content
           FROM ${store.schema}.events e ORDER BY e.stream_id, e.stream_revision`,
        );
        expect(rows).toHaveLength(f.total);
        let previous: { stream: string; hash: Buffer } | undefined;
        for (const row of rows) {
          const base = previous && previous.stream === row.stream_id ? previous.hash : Buffer.alloc(0);
          const hash = bytesOf(row.hash);
          expect(hash).toHaveLength(32);
          expect(hash.toString('hex')).toBe(chainHash(base, row.content).toString('hex'));
          previous = { stream: row.stream_id, hash };
        }
        // The canonical content is the stored row: non-ASCII and a decimal as stored, recorded_at in µs.
        const d0 = rows.find((r) => r.stream_id === f.d && r.stream_revision === 0);
        expect(d0?.content).toContain('"Témoin 0 à Rubaya"');
        expect(d0?.content).toContain('"amount": 1.5');
        expect(d0?.content).toMatch(new RegExp(`^\\["${f.d}", 0, "[0-9a-f-]{36}", "Batched", 1, \\d{16}, \\{`));
      });

      it('verifies an intact log, counting its events, streams and checkpoints', async () => {
        const store = await fresh();
        const f = await writeFixture(store);
        const progress: number[] = [];
        const report = await verifyLog(store, { batchSize: 5, onProgress: (p) => progress.push(p.events) });
        expect(report.breaks).toEqual([]);
        expect(report.intact).toBe(true);
        expect(report.firstBreak).toBeUndefined();
        expect(report.events).toBe(f.total);
        expect(report.streams).toBe(4);
        expect(report.checkpoints).toBe(1);
        expect(report.eventsAfterLastCheckpoint).toBe(f.total - f.checkpointed);
        expect(progress).toEqual([5, 10, 15, 19]);
      });

      it('keeps chains and revisions intact under concurrent writers', async () => {
        const store = await fresh();
        const shared = `case-shared-${randomUUID()}`;
        const writers = Array.from({ length: 8 }, (_, w) => async () => {
          const own = `case-own-${w}-${randomUUID()}`;
          for (let i = 0; i < 6; i++) {
            await store.appendToStream(shared, [event('Shared', i)], { expectedRevision: ANY });
            await store.appendToStream(own, [event('Own', i), event('Own', i + 100)], { expectedRevision: ANY });
          }
        });
        const checkpoints = Promise.all([store.takeCheckpoint(), store.takeCheckpoint()]);
        await Promise.all([...writers.map((w) => w()), checkpoints]);
        await settle(store);
        await store.takeCheckpoint();
        const report = await verifyLog(store);
        expect(report.breaks).toEqual([]);
        expect(report.events).toBe(8 * 6 * 3);
        expect(report.streams).toBe(9);
        expect(await store.streamRevision(shared)).toBe(8 * 6 - 1);
      });
    });

    describe('checkpoints', () => {
      it('are taken up to the head, idempotent when nothing is new, and extend one another', async () => {
        const store = await fresh();
        expect(await store.takeCheckpoint()).toBeUndefined();
        const f = await writeFixture(store);
        const head = await store.headPosition();
        const again = await store.takeCheckpoint();
        expect(again?.created).toBe(true);
        expect(again?.checkpoint).toMatchObject({ seq: 2, eventCount: f.total, position: head });
        expect(again?.checkpoint.streamHeads).toEqual({ [f.a]: 5, [f.b]: 5 });
        const same = await store.takeCheckpoint();
        expect(same).toMatchObject({ created: false, checkpoint: { seq: 2, digest: again?.checkpoint.digest } });
        // The digest of the whole log, folded in one go by the verifier, is the one the second checkpoint extended.
        const report = await verifyLog(store);
        expect(report.digest).toBe(again?.checkpoint.digest);
        expect(await readLogCheckpoints(store)).toHaveLength(2);
      });

      it('are taken once when processes race for the next one', async () => {
        const store = await fresh();
        await writeFixture(store);
        await store.appendToStream(`case-x-${randomUUID()}`, [event('More', 1)], { expectedRevision: NO_STREAM });
        await settle(store);
        const results = await Promise.all([store.takeCheckpoint(), store.takeCheckpoint(), store.takeCheckpoint()]);
        const seqs = results.map((r) => r?.checkpoint.seq);
        expect(new Set(seqs)).toEqual(new Set([2]));
        expect(results.filter((r) => r?.created)).toHaveLength(1);
        expect(await readLogCheckpoints(store)).toHaveLength(2);
        expect((await verifyLog(store)).intact).toBe(true);
      });
    });

    describe('finds the first broken link after one row was changed directly in the database', () => {
      it('UPDATE of a middle event’s data, before the checkpoint: content altered', async () => {
        const store = await fresh();
        const f = await writeFixture(store);
        const position = await positionOf(store, f.b, 1);
        await store.db.query(
          `UPDATE ${store.schema}.events SET data = jsonb_set(data, '{note}', '"changed"')
           WHERE stream_id = $1 AND stream_revision = 1`,
          [f.b],
        );
        const report = await verifyLog(store);
        expect(report.intact).toBe(false);
        expectBreak(report.firstBreak, { kind: 'content_altered', streamId: f.b, streamRevision: 1, position });
        expect(report.firstBreak?.description).toContain(`${f.b} revision 1`);
        expect(report.firstBreak?.expected).not.toBe(report.firstBreak?.found);
        expect(report.breakCount).toBe(1);
      });

      it('UPDATE of a middle event’s metadata, after the checkpoint: content altered', async () => {
        const store = await fresh();
        const f = await writeFixture(store);
        const position = await positionOf(store, f.a, 4);
        await store.db.query(
          `UPDATE ${store.schema}.events SET metadata = metadata || '{"correlationId": "forged"}'
           WHERE stream_id = $1 AND stream_revision = 4`,
          [f.a],
        );
        const report = await verifyLog(store);
        expectBreak(report.firstBreak, { kind: 'content_altered', streamId: f.a, streamRevision: 4, position });
        expect(report.breakCount).toBe(1);
      });

      it('UPDATE of recorded_at by one microsecond: content altered', async () => {
        const store = await fresh();
        const f = await writeFixture(store);
        await store.db.query(
          `UPDATE ${store.schema}.events SET recorded_at = recorded_at + interval '1 microsecond'
           WHERE stream_id = $1 AND stream_revision = 2`,
          [f.d],
        );
        const report = await verifyLog(store);
        expectBreak(report.firstBreak, { kind: 'content_altered', streamId: f.d, streamRevision: 2 });
      });

      it('UPDATE of a middle event’s hash: hash altered (and the checkpoint over it no longer matches)', async () => {
        const store = await fresh();
        const f = await writeFixture(store);
        const position = await positionOf(store, f.a, 1);
        await store.db.query(
          `UPDATE ${store.schema}.events SET hash = sha256(hash) WHERE stream_id = $1 AND stream_revision = 1`,
          [f.a],
        );
        const report = await verifyLog(store);
        expectBreak(report.firstBreak, { kind: 'hash_altered', streamId: f.a, streamRevision: 1, position });
        expect(report.breaks.map((b) => b.kind)).toEqual(['hash_altered', 'checkpoint_digest_mismatch']);
      });

      it('UPDATE of the hash of a stream’s last event under a checkpoint: hash altered, told by the checkpoint', async () => {
        const store = await fresh();
        const f = await writeFixture(store);
        await store.db.query(
          `UPDATE ${store.schema}.events SET hash = sha256(hash) WHERE stream_id = $1 AND stream_revision = 2`,
          [f.c],
        );
        const report = await verifyLog(store);
        expectBreak(report.firstBreak, { kind: 'hash_altered', streamId: f.c, streamRevision: 2 });
      });

      it('DELETE of a middle event: revision missing', async () => {
        const store = await fresh();
        const f = await writeFixture(store);
        const position = await positionOf(store, f.b, 5);
        await store.db.query(`DELETE FROM ${store.schema}.events WHERE stream_id = $1 AND stream_revision = 4`, [f.b]);
        const report = await verifyLog(store);
        expectBreak(report.firstBreak, {
          kind: 'revision_missing',
          streamId: f.b,
          streamRevision: 5,
          position,
          expected: 'revision 4',
          found: 'revision 5',
        });
      });

      it('DELETE of a middle event before the checkpoint: revision missing, and the checkpoint counts one less', async () => {
        const store = await fresh();
        const f = await writeFixture(store);
        await store.db.query(`DELETE FROM ${store.schema}.events WHERE stream_id = $1 AND stream_revision = 1`, [f.a]);
        const report = await verifyLog(store);
        expectBreak(report.firstBreak, { kind: 'revision_missing', streamId: f.a, expected: 'revision 1' });
        expect(report.breaks.map((b) => b.kind)).toContain('events_missing_before_checkpoint');
      });

      it('DELETE of the tail of a stream a checkpoint covered: stream tail missing', async () => {
        const store = await fresh();
        const f = await writeFixture(store);
        await store.db.query(`DELETE FROM ${store.schema}.events WHERE stream_id = $1 AND stream_revision = 2`, [f.c]);
        const report = await verifyLog(store);
        expectBreak(report.firstBreak, {
          kind: 'stream_tail_missing',
          streamId: f.c,
          streamRevision: 2,
          checkpointSeq: 1,
          expected: 'revision 2',
          found: 'revision 1',
        });
        expect(report.breaks.map((b) => b.kind)).toContain('events_missing_before_checkpoint');
      });

      it('INSERT of a forged event, correctly chained, placed before the checkpoint: event added', async () => {
        const store = await fresh();
        const f = await writeFixture(store);
        const [checkpoint] = await readLogCheckpoints(store);
        const s = store.schema;
        const content = eventContentSql({
          streamId: '$1',
          revision: '3',
          eventId: 'x.id',
          eventType: "'ConfessionWithdrawn'",
          schemaVersion: '1',
          recordedAt: 'x.at',
          data: `'{}'`,
          metadata: 'prev.metadata',
        });
        await store.db.query(
          `INSERT INTO ${s}.events (global_position, transaction_id, stream_id, stream_revision, event_id, event_type,
             schema_version, data, metadata, recorded_at, hash)
           OVERRIDING SYSTEM VALUE
           SELECT $2, $3::text::xid8, $1, 3, x.id, 'ConfessionWithdrawn', 1, '{}', prev.metadata, x.at,
                  ${eventHashSql('prev.hash', content)}
           FROM ${s}.events prev, (SELECT gen_random_uuid() AS id, prev_at.recorded_at AS at
                                   FROM ${s}.events prev_at WHERE prev_at.stream_id = $1 AND prev_at.stream_revision = 2) x
           WHERE prev.stream_id = $1 AND prev.stream_revision = 2`,
          [f.c, checkpoint?.position.globalPosition, String(checkpoint?.position.transactionId)],
        );
        const report = await verifyLog(store);
        expectBreak(report.firstBreak, {
          kind: 'events_added_before_checkpoint',
          streamId: f.c,
          streamRevision: 3,
          checkpointSeq: 1,
        });
        // The forged event itself chains: only the checkpoint tells it was not there.
        expect(report.breaks.map((b) => b.kind)).toEqual([
          'events_added_before_checkpoint',
          'events_added_before_checkpoint',
        ]);
        expect(report.breaks[1]).toMatchObject({
          expected: `${f.checkpointed} events`,
          found: `${f.checkpointed + 1} events`,
        });
      });

      it('INSERT of a forged event without a valid hash: content or hash altered at that event', async () => {
        const store = await fresh();
        await writeFixture(store);
        const forged = `case-forged-${randomUUID()}`;
        await store.db.query(
          `INSERT INTO ${store.schema}.events (stream_id, stream_revision, event_id, event_type, schema_version, data,
             metadata, hash)
           VALUES ($1, 0, gen_random_uuid(), 'ReferralAccepted', 1, '{}', '{}', $2)`,
          [forged, randomBytes(32)],
        );
        await settle(store);
        const report = await verifyLog(store);
        expectBreak(report.firstBreak, { kind: 'content_or_hash_altered', streamId: forged, streamRevision: 0 });
      });

      it('DELETE at the end of the log after the last checkpoint: found only against a reader that processed it', async () => {
        const store = await fresh();
        const f = await writeFixture(store);
        const last = await store.headPosition();
        await store.db.query(`DELETE FROM ${store.schema}.events WHERE stream_id = $1 AND stream_revision = 5`, [f.b]);
        // Beyond the checkpoints a removed tail leaves no trace in the database's own records (docs/security.md).
        expect((await verifyLog(store)).intact).toBe(true);
        const report = await verifyLog(store, {
          witnesses: [{ name: 'projection referrals.handoffs', position: last }],
        });
        expect(report.intact).toBe(false);
        expectBreak(report.firstBreak, { kind: 'log_truncated', position: last });
        expect(report.firstBreak?.description).toContain('referrals.handoffs');
      });

      it('a rewrite of a whole stream and of the checkpoints: found only against a digest kept elsewhere', async () => {
        const store = await fresh();
        const f = await writeFixture(store);
        const [kept] = await readLogCheckpoints(store);
        if (!kept) throw new Error('no checkpoint');
        const s = store.schema;
        // The attacker changes an event, recomputes the stream's chain and replaces the checkpoints.
        await store.db.query(
          `UPDATE ${s}.events SET data = '{"n": 0, "note": "nothing happened"}'
          WHERE stream_id = $1 AND stream_revision = 0`,
          [f.c],
        );
        for (let r = 0; r <= 2; r++) {
          await store.db.query(
            `UPDATE ${s}.events e SET hash = ${eventHashSql(
              `coalesce((SELECT p.hash FROM ${s}.events p WHERE p.stream_id = e.stream_id
                           AND p.stream_revision = e.stream_revision - 1), ''::bytea)`,
              storedContentSql('e'),
            )} WHERE e.stream_id = $1 AND e.stream_revision = $2`,
            [f.c, r],
          );
        }
        await store.db.query(`DELETE FROM ${s}.log_checkpoints`);
        await store.takeCheckpoint();
        expect((await verifyLog(store)).intact).toBe(true);
        const report = await verifyLog(store, {
          expectedDigests: [{ eventCount: kept.eventCount, digest: kept.digest }],
        });
        expect(report.intact).toBe(false);
        expectBreak(report.firstBreak, { kind: 'expected_digest_mismatch' });
      });
    });
  });
}

/** A database written before the hash chains existed gets its chains from the migration, and verifies. */
export function describeChainBackfill(name: string, open: () => Promise<OpenedIntegrityStore>): void {
  describe(`chain backfill (${name})`, () => {
    it('chains the rows written before the migration, and later appends chain on', async () => {
      const opened = await open();
      const db = opened.store.db;
      const schema = `legacy_${randomUUID().replaceAll('-', '')}`;
      let legacy: SqlEventStore | undefined;
      try {
        await migrate(
          db,
          schema,
          EVENT_STORE_MIGRATIONS.filter((m) => m.version === 1),
        );
        const stream = `case-legacy-${randomUUID()}`;
        for (let r = 0; r < 3; r++) {
          const e = event('Legacy', r);
          // As the store appended before: recorded_at from the column's default.
          await db.query(
            `INSERT INTO ${schema}.events (stream_id, stream_revision, event_id, event_type, schema_version, data, metadata)
             VALUES ($1, $2, $3, $4, 1, $5::jsonb, $6::jsonb)`,
            [stream, r, e.eventId, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata)],
          );
        }
        legacy = await SqlEventStore.open(db, { schema });
        expect((await verifyLog(legacy)).breaks).toEqual([]);
        await legacy.appendToStream(stream, [event('After', 3)], { expectedRevision: 2 });
        await settle(legacy);
        await legacy.takeCheckpoint();
        const report = await verifyLog(legacy);
        expect(report).toMatchObject({ intact: true, events: 4, streams: 1, checkpoints: 1 });
        await db.query(`UPDATE ${schema}.events SET data = '{}' WHERE stream_id = $1 AND stream_revision = 0`, [
          stream,
        ]);
        expect((await verifyLog(legacy)).firstBreak).toMatchObject({ kind: 'content_altered', streamRevision: 0 });
      } finally {
        await legacy?.dropSchema();
        await legacy?.close();
        await opened.cleanup();
      }
    });
  });
}
