import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { type NewEvent } from '@pamoja/contracts';
import { ANY, type EventStore, type ReadAllOptions } from '../event-store.port.js';
import { PgliteDatabase } from './pglite-database.js';
import { SqlEventStore } from './sql-event-store.js';
import { SqlSubscription } from './sql-subscription.js';

function event(type: string): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: 1,
    data: {},
    metadata: {
      actor: { userId: 'u1', agencyId: 'ngo-1', agencyType: 'first_responder', roles: ['field_worker'] },
      correlationId: randomUUID(),
      causationId: null,
      jointCaseId: null,
      occurredAt: '2026-01-01T00:00:00.000Z',
    },
  };
}

describe('a subscription to the log on SQL', () => {
  let db: PgliteDatabase;
  let store: SqlEventStore;

  beforeEach(async () => {
    db = await PgliteDatabase.open();
    store = await SqlEventStore.open(db, { pollIntervalMs: 50 });
  });

  afterEach(async () => {
    await store.close();
    await db.close();
  });

  it('reads the next page while the handler applies the one before, and hands each event over once, in order', async () => {
    const types = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
    for (const type of types) await store.appendToStream(`s-${type}`, [event(type)], { expectedRevision: ANY });
    const reads: (ReadAllOptions | undefined)[] = [];
    const spy = new Proxy(store, {
      get(target, property, receiver) {
        if (property === 'readAll') {
          return (options?: ReadAllOptions) => {
            reads.push(options);
            return target.readAll(options);
          };
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    }) as EventStore;
    const delivered: string[] = [];
    const readsWhenHandled: number[] = [];
    const state = { caughtUp: false };
    const subscription = new SqlSubscription(
      spy,
      new EventEmitter(),
      {
        batchSize: 3,
        onEvents: async (events) => {
          // Let a read started before the handler get under way, as it would while a transaction runs.
          await new Promise((resolve) => setTimeout(resolve, 30));
          readsWhenHandled.push(reads.length);
          delivered.push(...events.map((e) => e.type));
        },
        onCaughtUp: () => {
          state.caughtUp = true;
        },
      },
      50,
    );
    while (!state.caughtUp) await new Promise((resolve) => setTimeout(resolve, 10));
    await subscription.stop();
    expect(delivered).toEqual(types);
    // While the first page (A, B, C) was handled, the second had already been asked for; and so on.
    expect(readsWhenHandled).toEqual([2, 3, 4]);
    // Each page was read from where the one before it ended.
    const all = (await store.readAll()).events;
    const at = (index: number) => ({
      transactionId: all[index]?.transactionId,
      globalPosition: all[index]?.globalPosition,
    });
    expect([reads[1]?.after, reads[2]?.after]).toEqual([at(2), at(5)]);
  });
});
