import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type NewEvent } from '@pamoja/contracts';
import { NO_STREAM, PostgresDatabase, SqlEventStore, Upcasters } from '@pamoja/event-store';
import { loadConfig } from '@pamoja/platform/config';
import { startRelay, type RelayProcess } from '@pamoja/platform/kafka';
import { createTemporaryDatabase, createTestTopics, TEST_KAFKA_BROKERS, type TestTopics } from '@pamoja/testing';

/** An event the catalogue shares: the relay must publish it. */
function accepted(): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'ReferralAccepted',
    schemaVersion: 1,
    data: { referralId: randomUUID(), byAgencyId: 'pnc-masisi', acceptedAt: '2026-11-27T08:00:00.000Z', note: null },
    metadata: {
      actor: { userId: 'opj-1', agencyId: 'pnc-masisi', agencyType: 'police', roles: ['investigator'] },
      correlationId: randomUUID(),
      causationId: null,
      jointCaseId: randomUUID(),
      occurredAt: '2026-11-27T08:00:00.000Z',
    },
  };
}

async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await sleep(200);
  }
}

/** The relay's lag as Prometheus scrapes it (undefined when the series is absent). */
async function relayLag(relay: RelayProcess): Promise<number | undefined> {
  const response = await fetch(`${relay.url}/metrics`);
  expect(response.status).toBe(200);
  const line = (await response.text()).split('\n').find((l) => l.startsWith('pamoja_relay_lag_positions{'));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

async function readiness(relay: RelayProcess): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${relay.url}/health/ready`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("the relay's lag and readiness", () => {
  let database: { url: string; drop: () => Promise<void> };
  let dataDir: string;
  let db: PostgresDatabase;
  let store: SqlEventStore;
  let topics: TestTopics | undefined;

  beforeAll(async () => {
    database = await createTemporaryDatabase('pamoja_relay_ops');
    dataDir = await mkdtemp(join(tmpdir(), 'pamoja-relay-ops-'));
    db = new PostgresDatabase({ connectionString: database.url });
    store = await SqlEventStore.open(db);
  });

  afterAll(async () => {
    await store.close();
    await db.close();
    await topics?.drop();
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const configOf = (env: Record<string, string>) =>
    loadConfig(
      { DATABASE_URL: database.url, PAMOJA_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent', ...env },
      { mode: 'server', serviceName: 'pamoja-relay-ops' },
    );

  it('reports what it has not published while the broker is away, and is not ready; ready again with lag 0 once it publishes', async () => {
    await store.appendToStream(`referral-${randomUUID()}`, [accepted()], { expectedRevision: NO_STREAM });
    await store.appendToStream(`referral-${randomUUID()}`, [accepted()], { expectedRevision: NO_STREAM });

    // No broker where this relay looks: nothing can be published.
    const stranded = await startRelay(configOf({ KAFKA_BROKERS: '127.0.0.1:1' }), new Upcasters(), {
      probeIntervalMs: 200,
    });
    try {
      await eventually('the relay to lead', () => Promise.resolve(stranded.role() === 'leading'));
      await eventually('the relay to count what it has not published', async () => {
        return ((await relayLag(stranded)) ?? 0) >= 2;
      });
      await eventually('the relay to be not ready', async () => (await readiness(stranded)).status === 503);
      expect((await readiness(stranded)).body).toMatchObject({
        status: 'error',
        details: { broker: { status: 'down' } },
      });
      const live = await fetch(`${stranded.url}/health/live`);
      expect(live.status).toBe(200);
    } finally {
      await stranded.stop();
    }

    topics = await createTestTopics();
    const relay = await startRelay(
      configOf({ KAFKA_BROKERS: TEST_KAFKA_BROKERS.join(','), KAFKA_TOPIC_PREFIX: topics.prefix }),
      new Upcasters(),
    );
    try {
      await eventually('the relay to lead', () => Promise.resolve(relay.role() === 'leading'));
      await eventually('the relay to publish everything', async () => (await relayLag(relay)) === 0);
      await eventually('the relay to be ready', async () => (await readiness(relay)).status === 200);
      expect((await readiness(relay)).body).toMatchObject({
        status: 'ok',
        details: { database: { status: 'up' }, broker: { status: 'up' }, relay: { status: 'up', behind: 0 } },
      });
      expect(relay.relay.status().published).toBe(2);
    } finally {
      await relay.stop();
    }
  });
});
