import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { LOG_START, type RecordedEvent } from '@pamoja/contracts';
import {
  ANY,
  CHECKPOINT_SCHEMA,
  FreshReads,
  ProjectionRunner,
  readCheckpoint,
  type Projection,
  type SqlQueryable,
} from '@pamoja/event-store';
import { headReaching, newEvent, openPostgresTestStore } from '../event-store/contract/harness.js';

/*
 * A projection catching up on PostgreSQL applies a page in one transaction with its checkpoint: until that
 * transaction commits, another connection sees neither the page's rows nor the checkpoint, so a lookup that waits
 * for its read model (FreshReads) or a command that waits for its own writes (waitFor) keeps waiting.
 */
describe('a page of a projection catching up on PostgreSQL', () => {
  it('is seen, rows and checkpoint, only once its transaction has committed', async () => {
    const { store, cleanup } = await openPostgresTestStore('projection_pages');
    const id = randomUUID().replaceAll('-', '');
    const name = `test.pages-${id}`;
    const schema = `pages_${id}`;
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered = (): void => undefined;
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const insert = (tx: SqlQueryable, e: RecordedEvent) =>
      tx.query(`INSERT INTO ${schema}.seen (event_id) VALUES ($1) ON CONFLICT DO NOTHING`, [e.eventId]);
    const projection: Projection = {
      name,
      schema,
      filter: { streamPrefixes: [`paged-${id}`] },
      migrations: [{ version: 1, name: 'seen', up: (s) => `CREATE TABLE ${s}.seen (event_id text PRIMARY KEY);` }],
      reset: async (tx) => {
        await tx.query(`TRUNCATE ${schema}.seen`);
      },
      apply: async (tx, e) => {
        await insert(tx, e);
      },
      applyPage: async (tx, events) => {
        for (const e of events) await insert(tx, e);
        // The page is written; its transaction stays open until the test lets it go.
        entered();
        await held;
      },
    };
    const seen = async (): Promise<number> =>
      (await store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${schema}.seen`))[0]?.n ?? 0;
    const runner = new ProjectionRunner(store, store.db, [projection]);
    try {
      const written = await store.appendToStream(`paged-${id}-a`, [newEvent(), newEvent(), newEvent()], {
        expectedRevision: ANY,
      });
      // The head once it shows these writes: another test's open transaction may hold the horizon back a moment.
      const head = await headReaching(store, written.position);
      await runner.start();
      await inside;

      expect(await seen()).toBe(0);
      expect(await readCheckpoint(store.db, name)).toEqual(LOG_START);
      const fresh = new FreshReads(store.db, name, { head: () => store.headPosition() });
      let answered = false;
      const answer = fresh
        .read(seen, (n) => n === 3)
        .then((n) => {
          answered = true;
          return n;
        });
      expect(await runner.waitFor(head, 300)).toBe(false);
      expect(answered).toBe(false);

      release();
      expect(await answer).toBe(3);
      expect(await runner.waitFor(head, 5000)).toBe(true);
      expect(await readCheckpoint(store.db, name)).toEqual(head);
    } finally {
      release();
      await runner.stop();
      await store.db.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await store.db.query(`DELETE FROM ${CHECKPOINT_SCHEMA}.checkpoints WHERE projection = $1`, [name]);
      await cleanup();
    }
  });
});
