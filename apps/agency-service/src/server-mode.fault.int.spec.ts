import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { COORDINATION_READ_SCHEMA } from '@pamoja/coordination/infrastructure';
import { EVENT_STORE, PostgresDatabase, type EventStore } from '@pamoja/event-store';
import { submit, submitInput, useTestDeployment, type GraphqlTestClient } from '@pamoja/testing';
import {
  embeddedJointCaseState,
  eventually,
  expectedTimelineLength,
  jointCaseState,
  timelineLength,
} from './server-mode.fixture.js';
import { AgencyServiceModule, type AgencyServiceName } from './service.module.js';

/**
 * Faults against a real broker of this test's own (another port and data directory, so stopping it
 * disturbs no other test): the relay killed at random points, the broker stopped for 30 seconds, both
 * while commands keep coming. Nothing acknowledged may be lost, and the coordination body's view must end
 * equal to embedded mode's view of the same log.
 */
const PORT = process.env['FAULT_KAFKA_PORT'] ?? '19092';
const CONTROLLER_PORT = process.env['FAULT_KAFKA_CONTROLLER_PORT'] ?? '19093';
const BROKERS = [`127.0.0.1:${PORT}`];

describe('server mode under faults', () => {
  let runDir: string;
  let db: PostgresDatabase;
  let store: EventStore;
  let ngo: GraphqlTestClient;
  let relayChild: ChildProcess | undefined;

  // In reverse order of creation at the end; what beforeAll never reached is not there to clean.
  const deployment = useTestDeployment<AgencyServiceName>(
    {
      root: (config, name) => AgencyServiceModule.forRoot(config, name),
      serviceName: (name) => `pamoja-${name}-fault`,
      env: async (d) => {
        // The relay runs from the build, as in production.
        const build = spawnSync(process.execPath, ['tools/build.mjs', '--if-stale'], { encoding: 'utf8' });
        if (build.status !== 0) throw new Error(`build failed:\n${build.stderr}`);
        runDir = await mkdtemp(join(tmpdir(), 'pamoja-fault-kafka-'));
        d.onStop(() => rm(runDir, { recursive: true, force: true }));
        d.onStop(() => broker('stop'));
        await broker('start');
        return {
          // One user sends commands as fast as the service answers: a load generator, not a user to limit.
          PAMOJA_RATE_LIMIT_PER_MINUTE: '0',
        };
      },
      kafka: { brokers: BROKERS },
    },
    300_000,
  );

  const brokerEnv = () => ({
    ...process.env,
    KAFKA_PORT: PORT,
    KAFKA_CONTROLLER_PORT: CONTROLLER_PORT,
    KAFKA_RUN_DIR: runDir,
    KAFKA_HEAP_OPTS: '-Xms128m -Xmx384m',
  });
  // Asynchronous: the services under test run in this process and must keep answering meanwhile.
  const broker = async (action: 'start' | 'stop') => {
    const child = spawn('bash', [`infra/kafka/${action}.sh`], { env: brokerEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    if (code !== 0) throw new Error(`infra/kafka/${action}.sh failed:\n${output}`);
  };

  /** The relay as its own process, so that it can be killed like a real one; its health on `port` if given. */
  const startRelayProcess = (port = 0): ChildProcess => {
    const child = spawn(process.execPath, ['dist/apps/relay/src/main.js'], {
      env: {
        ...process.env,
        DATABASE_URL: deployment.databaseUrl,
        KAFKA_BROKERS: BROKERS.join(','),
        KAFKA_TOPIC_PREFIX: deployment.topics.prefix,
        PORT: String(port),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    relayChild = child;
    return child;
  };
  const killRelay = async (signal: NodeJS.Signals) => {
    const child = relayChild;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  };

  /** A port nothing listens on now. */
  const freePort = async (): Promise<number> => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    await new Promise((resolve) => server.close(resolve));
    if (typeof address !== 'object' || !address) throw new Error('no port');
    return address.port;
  };

  /** The relay's GET /health: the HTTP status and `status`, or `unreachable` while it does not answer. */
  const relayHealth = async (port: number): Promise<{ code: number; status: string; lastError?: string }> => {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2000) });
      const body = (await response.json()) as { status: string; lastError?: string };
      return { code: response.status, ...body };
    } catch {
      return { code: 0, status: 'unreachable' };
    }
  };

  /** Referrals submitted one after another until stopped; returns the ids of those acknowledged. */
  const commandsFlowing = () => {
    const acknowledged: string[] = [];
    const failures: string[] = [];
    const state = { running: true };
    const done = (async () => {
      while (state.running) {
        try {
          acknowledged.push((await submit(ngo, submitInput())).referralId);
        } catch (error) {
          failures.push(String(error));
        }
        await sleep(40);
      }
    })();
    return {
      acknowledged,
      failures: () => failures,
      stop: async () => {
        state.running = false;
        await done;
      },
    };
  };

  const everyAcknowledgedCommandVisible = async (referralIds: readonly string[]) => {
    const rows = await db.query<{ stream_id: string }>(
      `SELECT DISTINCT stream_id FROM ${COORDINATION_READ_SCHEMA}.timeline WHERE stream_id = ANY($1::text[])`,
      [referralIds.map((id) => `referral-${id}`)],
    );
    return rows.length === referralIds.length;
  };

  const caughtUp = (timeoutMs: number) =>
    eventually(
      'the coordination service to have every shared event of the log',
      async () => (await timelineLength(db)) === (await expectedTimelineLength(store)),
      timeoutMs,
      async () => ({ timeline: await timelineLength(db), expected: await expectedTimelineLength(store) }),
    );

  beforeAll(async () => {
    for (const name of ['referrals', 'coordination'] as const) await deployment.start(name);
    const referrals = deployment.service('referrals');
    db = new PostgresDatabase({ connectionString: deployment.databaseUrl });
    deployment.onStop(() => db.close());
    // First at the end: the relay process, which beforeAll does not start.
    deployment.onStop(() => killRelay('SIGTERM'));
    store = referrals.get<EventStore>(EVENT_STORE);
    ngo = referrals.as({
      userId: 'fr-9',
      agencyId: 'ngo-kivu-hope',
      agencyType: 'first_responder',
      roles: ['field_worker'],
    });
  }, 300_000);

  it('loses nothing when the relay is killed at random points 20 times while commands flow', async () => {
    const flow = commandsFlowing();
    for (let kill = 0; kill < 20; kill += 1) {
      startRelayProcess();
      // From the middle of its start-up to well into publishing.
      await sleep(300 + Math.floor(Math.random() * 2200));
      await killRelay('SIGKILL');
    }
    await flow.stop();
    startRelayProcess();
    await caughtUp(90_000);
    expect(flow.failures()).toEqual([]);
    expect(flow.acknowledged.length).toBeGreaterThan(50);
    expect(await everyAcknowledgedCommandVisible(flow.acknowledged)).toBe(true);
    expect(await jointCaseState(db)).toEqual(await embeddedJointCaseState(store));
  }, 240_000);

  it('keeps taking commands while the broker is down for 30 seconds, then drains the backlog without a restart', async () => {
    // A relay whose health this test watches, on a port of its own.
    await killRelay('SIGTERM');
    const healthPort = await freePort();
    startRelayProcess(healthPort);
    await eventually('the relay to report running', async () => (await relayHealth(healthPort)).code === 200, 60_000);
    const flow = commandsFlowing();
    await sleep(2000);
    expect(await relayHealth(healthPort)).toMatchObject({ code: 200, status: 'running' });
    await broker('stop');
    const stoppedAt = Date.now();
    const whileDown = flow.acknowledged.length;
    // The relay says it is failing within 10 s of losing the broker, and keeps saying so while it is down.
    const seen: { at: number; code: number; status: string }[] = [];
    while (Date.now() - stoppedAt < 30_000) {
      const health = await relayHealth(healthPort);
      seen.push({ at: Date.now() - stoppedAt, code: health.code, status: health.status });
      await sleep(250);
    }
    const firstFailing = seen.find((h) => h.code === 503 && h.status === 'failing');
    expect(firstFailing?.at ?? Infinity).toBeLessThanOrEqual(10_000);
    expect(seen.filter((h) => h.at > 10_000 && !(h.code === 503 && h.status === 'failing'))).toEqual([]);
    // Commands are stored whatever Kafka does: the log is the system of record.
    expect(flow.acknowledged.length).toBeGreaterThan(whileDown + 50);
    await broker('start');
    const startedAt = Date.now();
    // And ok again once it is back, by itself.
    await eventually(
      'the relay to report running again',
      async () => (await relayHealth(healthPort)).code === 200,
      30_000,
      () => relayHealth(healthPort),
    );
    process.stdout.write(
      `relay health: failing ${String(firstFailing?.at)} ms after the broker stopped, ok ${Date.now() - startedAt} ms after it started\n`,
    );
    expect(await relayHealth(healthPort)).toMatchObject({ code: 200, status: 'running' });
    await sleep(3000);
    await flow.stop();
    await caughtUp(120_000);
    expect(flow.failures()).toEqual([]);
    expect(await everyAcknowledgedCommandVisible(flow.acknowledged)).toBe(true);
    expect(await jointCaseState(db)).toEqual(await embeddedJointCaseState(store));
    // The same relay process and the same services did it: none was restarted.
    expect(relayChild?.exitCode).toBeNull();
  }, 240_000);
});
