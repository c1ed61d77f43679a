import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from '@jest/globals';
import { type NewEvent } from '@pamoja/contracts';
import { NO_STREAM, PgliteDatabase, readCheckpoint, SqlEventStore } from '@pamoja/event-store';
import { DEFAULT_CATALOGUE } from '@pamoja/messaging';
import { type MessagePublisher, type OutgoingMessage } from './publisher.js';
import { EventRelay, RELAY_CHECKPOINT } from './relay.js';

/** A broker stand-in: records what it acknowledged; fails while `down`, or the next `failures` publishes. */
class FlakyPublisher implements MessagePublisher {
  readonly acknowledged: OutgoingMessage[] = [];
  down = false;
  failures = 0;
  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    await sleep(1);
    if (this.down || this.failures > 0) {
      this.failures = Math.max(0, this.failures - 1);
      throw new Error('broker unreachable');
    }
    this.acknowledged.push(...messages);
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

function accepted(referralId: string, jointCaseId: string): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'ReferralAccepted',
    schemaVersion: 1,
    data: { referralId, byAgencyId: 'pnc-masisi', acceptedAt: '2026-11-27T08:00:00.000Z', note: 'seen at pit 4' },
    metadata: {
      actor: { userId: 'opj-1', agencyId: 'pnc-masisi', agencyType: 'police', roles: ['investigator'] },
      correlationId: randomUUID(),
      causationId: null,
      jointCaseId,
      occurredAt: '2026-11-27T08:00:00.000Z',
    },
  };
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe('the relay', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  });

  async function setUp(batchSize: number, probe?: { answers: 'yes' | 'no' | 'never' }) {
    const db = await PgliteDatabase.open();
    const store = await SqlEventStore.open(db);
    const publisher = new FlakyPublisher();
    const relay = new EventRelay(store, db, publisher, DEFAULT_CATALOGUE, {
      batchSize,
      retryDelayMs: 10,
      maxRetryDelayMs: 50,
      ...(probe
        ? {
            probe: () =>
              probe.answers === 'yes'
                ? Promise.resolve()
                : probe.answers === 'no'
                  ? Promise.reject(new Error('connection refused'))
                  : new Promise<void>(() => undefined),
            probeIntervalMs: 20,
            probeTimeoutMs: 50,
          }
        : {}),
    });
    cleanups.push(async () => {
      await relay.stop();
      await store.close();
      await db.close();
    });
    const append = async (count: number) => {
      for (let i = 0; i < count; i += 1) {
        const referralId = randomUUID();
        await store.appendToStream(`referral-${referralId}`, [accepted(referralId, randomUUID())], {
          expectedRevision: NO_STREAM,
        });
      }
    };
    return { db, store, publisher, relay, append };
  }

  it('publishes every shared event once, in log order, and checkpoints only what the broker acknowledged', async () => {
    const { db, publisher, relay, append } = await setUp(7);
    await append(30);
    publisher.down = true;
    await relay.start();
    // It says so as soon as its first publish fails: waited for, not assumed within a fixed time (a loaded
    // machine took longer than 200 ms).
    await until('the relay to report failing', () => relay.status().state === 'failing');
    expect(publisher.acknowledged).toHaveLength(0);
    expect(await readCheckpoint(db, RELAY_CHECKPOINT)).toEqual({ transactionId: 0, globalPosition: 0 });

    // The broker comes back: the relay recovers by itself (it used to keep failing on the old batch).
    publisher.down = false;
    await append(10);
    await until('every event published', () => publisher.acknowledged.length === 40);
    const positions = publisher.acknowledged.map((m) => Number(m.headers['ce_globalposition']));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(publisher.acknowledged.map((m) => m.headers['ce_id'])).size).toBe(40);
    expect(relay.status()).toMatchObject({ state: 'running', published: 40 });
    // The free-text note never leaves the agency.
    expect(publisher.acknowledged.some((m) => m.value.toString('utf8').includes('pit 4'))).toBe(false);
  });

  it('retries a batch that failed part-way through a catch-up without losing or reordering the rest', async () => {
    const { publisher, relay, append } = await setUp(5);
    await append(23);
    publisher.failures = 3;
    await relay.start();
    await until('every event published', () => publisher.acknowledged.length >= 23);
    await sleep(100);
    const ids = publisher.acknowledged.map((m) => m.headers['ce_id']);
    expect(ids).toHaveLength(23);
    expect(new Set(ids).size).toBe(23);
    const positions = publisher.acknowledged.map((m) => Number(m.headers['ce_globalposition']));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('reports failing while idle when the broker stops answering its probe, and running again when it answers', async () => {
    const probe = { answers: 'yes' as 'yes' | 'no' | 'never' };
    const { publisher, relay, append } = await setUp(10, probe);
    await relay.start();
    await append(3);
    await until('the events published', () => publisher.acknowledged.length === 3);
    expect(relay.status()).toMatchObject({ state: 'running', lastError: undefined });

    // Nothing to publish: only the probe can tell.
    probe.answers = 'no';
    await until('the relay to report failing', () => relay.status().state === 'failing', 2000);
    expect(relay.status().lastError).toMatch(/broker unreachable: connection refused/);
    probe.answers = 'yes';
    await until('the relay to report running', () => relay.status().state === 'running', 2000);
    expect(relay.status().lastError).toBeUndefined();

    // A broker that accepts the connection and never answers counts as gone after the probe's timeout.
    probe.answers = 'never';
    await until('the relay to report failing', () => relay.status().state === 'failing', 2000);
    expect(relay.status().lastError).toMatch(/did not answer within 50 ms/);
    probe.answers = 'yes';
    await append(2);
    await until('the relay to publish again', () => publisher.acknowledged.length === 5, 2000);
    await until('the relay to report running', () => relay.status().state === 'running', 2000);

    await relay.stop();
    expect(relay.status().state).toBe('stopped');
  });
});
