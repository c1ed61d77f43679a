// Smoke test of server mode (`npm run start:server`, after the build): tools/server-mode.mjs runs every agency
// service, the relay and the gateway on a fresh database, data directory and topic prefix, against a Kafka
// broker that is already running. A referral is submitted by a first responder and accepted by the police
// through the gateway; the joint case then appears through the gateway, with its timeline from the
// coordination service (log → relay → Kafka → coordination's consumer) and its referral from the referrals
// service. SIGTERM must then stop every process. The database, the prefixed
// topics and consumer groups and the data directory are removed afterwards, on failure too.
//
// Environment: DATABASE_URL (its server only: a database of its own is created and dropped), KAFKA_BROKERS
// (127.0.0.1:KAFKA_PORT), KAFKA_PORT (9092), SMOKE_SERVER_BASE_PORT (4800: the gateway there, the services on
// 4801 to 4807).
// The broker is neither started nor stopped here (infra/kafka/start.sh starts one).
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import kafkajs from 'kafkajs';
import pg from 'pg';
import { checkConsoleServed } from './smoke-console.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const START_TIMEOUT_MS = 120_000;
const JOINT_CASE_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 30_000;
const SERVICES = ['referrals', 'sites', 'investigations', 'prosecutions', 'assistance', 'coordination', 'integrations'];

const basePort = Number(process.env.SMOKE_SERVER_BASE_PORT || '4800');
// server-mode.mjs: the gateway on BASE, the services on BASE+1 to BASE+6 in this order, the relay on BASE+7,
// the integrations service on BASE+8.
const ports = {
  gateway: basePort,
  ...Object.fromEntries([...SERVICES.slice(0, 6), 'relay', 'integrations'].map((name, i) => [name, basePort + 1 + i])),
};
const kafkaPort = process.env.KAFKA_PORT || '9092';
const brokers = (process.env.KAFKA_BROKERS || `127.0.0.1:${kafkaPort}`)
  .split(',')
  .map((b) => b.trim())
  .filter((b) => b !== '');
// What server-mode.mjs treats as the local broker: it provisions the (prefixed) topics there itself.
const localBroker = brokers.every((b) => b === `127.0.0.1:${kafkaPort}` || b === `localhost:${kafkaPort}`);

const run = randomBytes(4).toString('hex');
const database = `pamoja_smoke_server_${run}`;
const topicPrefix = `smoke-${run}`;
const dataDir = mkdtempSync(join(tmpdir(), 'pamoja-smoke-server-'));
const adminUrl = new URL(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
adminUrl.pathname = '/postgres';
const databaseUrl = new URL(adminUrl);
databaseUrl.pathname = `/${database}`;

const startedAt = performance.now();
const seconds = (since = startedAt) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const say = (text) => console.log(`smoke-server: ${text}`);
function fail(message) {
  console.error(`smoke-server: FAILED: ${message}`);
  process.exitCode = 1;
}

// Ctrl-C or SIGTERM: stop waiting and clean up (a second one ends this script at once).
const interrupted = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => interrupted.abort(new Error(`interrupted by ${signal}`)));
}
function sleep(ms) {
  return new Promise((resolvePromise, reject) => {
    if (interrupted.signal.aborted) {
      reject(interrupted.signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(interrupted.signal.reason);
    };
    const timer = setTimeout(() => {
      interrupted.signal.removeEventListener('abort', onAbort);
      resolvePromise();
    }, ms);
    interrupted.signal.addEventListener('abort', onAbort, { once: true });
  });
}

function portOpen(port) {
  return new Promise((resolvePromise) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const done = (open) => {
      socket.destroy();
      resolvePromise(open);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function healthStatus(port) {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(3000) });
    return response.status;
  } catch {
    return 'no answer';
  }
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** infra/kafka/topics.txt, each name behind the prefix: what server-mode.mjs provisions. */
function listedTopics() {
  return readFileSync(join(ROOT, 'infra/kafka/topics.txt'), 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter((line) => line !== '')
    .map((line) => {
      const [name, partitions, retention] = line.split(/\s+/);
      return { topic: `${topicPrefix}.${name}`, numPartitions: Number(partitions), retention };
    });
}

const kafka = new kafkajs.Kafka({
  clientId: 'pamoja-smoke-server',
  brokers,
  logLevel: kafkajs.logLevel.NOTHING,
  connectionTimeout: 5000,
  retry: { retries: 2 },
});
const admin = kafka.admin();
let adminConnected = false;
let databaseCreated = false;
let server;
let output = '';
let childPids = [];

async function graphql(port, token, query, variables = {}) {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.any([AbortSignal.timeout(15_000), interrupted.signal]),
  });
  return response.json();
}

async function graphqlOk(port, token, query, variables) {
  const body = await graphql(port, token, query, variables);
  if (body.errors) throw new Error(`GraphQL on port ${port}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** Resolves with [code, signal] when server-mode.mjs has exited, or undefined after ms. */
function serverExit(ms) {
  if (server.exitCode !== null || server.signalCode !== null) {
    return Promise.resolve([server.exitCode, server.signalCode]);
  }
  return new Promise((resolvePromise) => {
    const timer = setTimeout(() => resolvePromise(undefined), ms);
    server.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolvePromise([code, signal]);
    });
  });
}

async function startServerMode() {
  for (const [name, port] of Object.entries(ports)) {
    if (await portOpen(port)) {
      throw new Error(`port ${port} (for ${name}) is already in use: set SMOKE_SERVER_BASE_PORT (BASE to BASE+7)`);
    }
  }
  await admin.connect().catch((error) => {
    throw new Error(
      `no Kafka broker answers at ${brokers.join(',')} (${error.message}): start one (infra/kafka/start.sh)`,
    );
  });
  adminConnected = true;
  if (!localBroker) {
    // server-mode.mjs provisions only its local broker: the topics of another cluster are created here.
    await admin.createTopics({
      topics: listedTopics().map(({ topic, numPartitions, retention }) => ({
        topic,
        numPartitions,
        configEntries: [{ name: 'retention.ms', value: retention }],
      })),
    });
  }
  const client = new pg.Client({ connectionString: adminUrl.toString(), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${database}"`);
    databaseCreated = true;
  } finally {
    await client.end();
  }
  say(
    `database ${database}, topics under ${topicPrefix}. on ${brokers.join(',')}, data ${dataDir}, ` +
      `ports ${ports.gateway} to ${ports.relay}`,
  );

  // The development token issuer of the data directory signs the tokens, whatever this shell is set up for.
  const unset = new Set(['PAMOJA_JWKS_URL', 'PAMOJA_JWT_ISSUER', 'PAMOJA_JWT_AUDIENCE', 'PAMOJA_SERVICE', 'PORT']);
  const env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !unset.has(name))),
    DATABASE_URL: databaseUrl.toString(),
    KAFKA_BROKERS: brokers.join(','),
    KAFKA_TOPIC_PREFIX: topicPrefix,
    PAMOJA_BASE_PORT: String(basePort),
    PAMOJA_DATA_DIR: dataDir,
    PAMOJA_START_TIMEOUT: String(START_TIMEOUT_MS / 1000 - 10),
    LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
    NO_COLOR: '1',
  };
  const startAt = performance.now();
  server = spawn(process.execPath, [join(ROOT, 'tools/server-mode.mjs')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group: a Ctrl-C here reaches this script, which stops server mode with SIGTERM.
    detached: true,
  });
  // "started referrals (pid 123), sites (pid 124), ...": the processes to check (or kill) when it ends.
  const collect = (chunk) => {
    output += chunk;
    const started = childPids.length === 0 && /server-mode \| started (.*)\n/.exec(output);
    if (started) {
      childPids = [...started[1].matchAll(/(\S+) \(pid (\d+)\)/g)].map(([, name, pid]) => ({ name, pid: Number(pid) }));
    }
  };
  server.stdout.on('data', collect);
  server.stderr.on('data', collect);

  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!output.includes('Pamoja server mode is up')) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`server-mode.mjs exited with ${server.exitCode ?? server.signalCode} while starting`);
    }
    if (Date.now() > deadline) throw new Error(`server mode did not report ready within ${START_TIMEOUT_MS / 1000} s`);
    await sleep(250);
  }
  const names = childPids.map((c) => c.name).join(',');
  const started = [...SERVICES, 'relay', 'gateway'];
  if (names !== started.join(',')) {
    throw new Error(`expected ${started.join(', ')} to be started, server-mode.mjs reported: ${names}`);
  }
  say(`server mode is up in ${seconds(startAt)}: ${childPids.map((c) => `${c.name} ${c.pid}`).join(', ')}`);

  for (const [name, port] of Object.entries(ports)) {
    const status = await healthStatus(port);
    if (status !== 200) throw new Error(`${name} GET /health/ready on port ${port}: ${status}`);
  }
  if (localBroker) {
    // The broker answered before the start: server-mode.mjs must use it, and leave it running.
    if (!output.includes('a broker already answers on')) {
      throw new Error('server-mode.mjs did not use the running broker');
    }
  }
  const existing = new Set(await admin.listTopics());
  const missing = listedTopics().filter(({ topic }) => !existing.has(topic));
  if (missing.length > 0) throw new Error(`topics not provisioned: ${missing.map((t) => t.topic).join(', ')}`);
  say(`every GET /health/ready answers 200; ${listedTopics().length} topics under ${topicPrefix}. provisioned`);
}

async function handOffAndFollow() {
  const auth = await import(pathToFileURL(join(ROOT, 'dist/libs/platform/auth/src/index.js')).href);
  const keys = await auth.loadOrCreateDevIssuer(dataDir);
  const token = (agencyId, agencyType, role) =>
    auth.issueDevToken(keys, { userId: `${agencyId}-smoke`, agencyId, agencyType, roles: [role] });
  const ngo = await token('ngo-kivu-hope', 'first_responder', 'field_worker');
  const police = await token('pnc-masisi', 'police', 'investigator');
  const coordinator = await token('aplt-nk', 'coordination_body', 'coordinator');

  const handoffAt = performance.now();
  const { submitReferral: submitted } = await graphqlOk(
    ports.gateway,
    ngo,
    `
      mutation ($input: SubmitReferralInput!) {
        submitReferral(input: $input) {
          referralId
          jointCaseId
          status
          revision
        }
      }
    `,
    {
      // An adult's own consent to the police and an assistance provider, for help and an investigation.
      input: {
        commandId: randomUUID(),
        subject: { isChild: null },
        consent: {
          givenBy: 'SELF',
          agencyTypes: ['POLICE', 'ASSISTANCE_PROVIDER'],
          purposes: ['ASSISTANCE', 'INVESTIGATION'],
        },
        site: { code: 'NK-MAS-014' },
        indicators: ['DEBT_BONDAGE', 'RETENTION_OF_IDENTITY_DOCUMENTS'],
        childLabourFlags: ['CHILD_IN_HAZARDOUS_WORK'],
        urgency: 'URGENT',
        toAgencyId: 'pnc-masisi',
        toAgencyType: 'POLICE',
        dueBy: new Date(Date.now() + 48 * 3600_000).toISOString(),
        summary: 'Server mode smoke test: diggers at pit 3 say the team leader keeps their voter cards.',
      },
    },
  );
  if (submitted.status !== 'SUBMITTED' || submitted.revision !== 1 || !submitted.jointCaseId) {
    throw new Error(`unexpected submission: ${JSON.stringify(submitted)}`);
  }
  const { referralId, jointCaseId } = submitted;
  const { acceptReferral: accepted } = await graphqlOk(
    ports.gateway,
    police,
    `
      mutation ($input: AcceptReferralInput!) {
        acceptReferral(input: $input) {
          status
          revision
        }
      }
    `,
    // Revision 1: the submission recorded the referral and the consent.
    { input: { commandId: randomUUID(), referralId, expectedRevision: 1, note: 'OPJ assigned' } },
  );
  if (accepted.status !== 'ACCEPTED' || accepted.revision !== 2) {
    throw new Error(`unexpected acceptance: ${JSON.stringify(accepted)}`);
  }
  say(`referral ${referralId} submitted by ngo-kivu-hope and accepted by pnc-masisi (joint case ${jointCaseId})`);

  // The coordination service learns of it only through Kafka: the relay publishes, its consumer projects.
  // The gateway asks it for the case and the referrals service for its part, with the coordinator's token.
  const expected = ['ReferralSubmitted', 'ReferralAccepted'];
  const deadline = Date.now() + JOINT_CASE_TIMEOUT_MS;
  let last;
  for (;;) {
    const body = await graphql(
      ports.gateway,
      coordinator,
      `
        query ($id: ID!) {
          case(id: $id) {
            jointCaseId
            referralIds
            referrals {
              referralId
              status
            }
            timeline {
              nodes {
                eventType
                agencyId
              }
            }
          }
        }
      `,
      { id: jointCaseId },
    );
    const notFound = body.errors?.every((e) => e.extensions?.code === 'NOT_FOUND');
    if (body.errors && !notFound) throw new Error(`case query: ${JSON.stringify(body.errors)}`);
    last = body.data?.case ?? undefined;
    const types = last?.timeline?.nodes?.map((e) => e.eventType) ?? [];
    const referral = last?.referrals?.find((r) => r.referralId === referralId);
    if (
      last?.referralIds.includes(referralId) &&
      referral?.status === 'ACCEPTED' &&
      expected.every((t) => types.includes(t))
    )
      break;
    if (Date.now() > deadline) {
      throw new Error(
        `the joint case did not reach the coordination service within ${JOINT_CASE_TIMEOUT_MS / 1000} s; ` +
          `last seen: ${last ? JSON.stringify(last) : 'NOT_FOUND'}`,
      );
    }
    await sleep(250);
  }
  say(
    `the gateway shows joint case ${jointCaseId} ${seconds(handoffAt)} after the submission: ` +
      last.timeline.nodes.map((e) => `${e.agencyId}:${e.eventType}`).join(', '),
  );

  const relayHealth = await healthStatus(ports.relay);
  if (relayHealth !== 200) throw new Error(`relay GET /health/ready on port ${ports.relay}: ${relayHealth}`);
  say('relay GET /health/ready answers 200');
}

async function stopServerMode() {
  const stopAt = performance.now();
  server.kill('SIGTERM');
  const exit = await serverExit(STOP_TIMEOUT_MS);
  if (!exit) throw new Error(`server-mode.mjs did not exit within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM`);
  const [code, signal] = exit;
  if (code !== 0) throw new Error(`server-mode.mjs exited with ${code ?? signal} after SIGTERM`);
  const problems = [];
  for (const { name, pid } of childPids) {
    if (pidAlive(pid)) problems.push(`${name} (pid ${pid}) is still running`);
    // server-mode.mjs reports a stop that was not clean as "<name> stopped (<signal or exit code>)".
    else if (!new RegExp(`\\| ${name} stopped\\n`).test(output)) problems.push(`${name} did not stop cleanly`);
  }
  if (output.includes('did not stop within')) problems.push('server-mode.mjs had to SIGKILL a process');
  for (const [name, port] of Object.entries(ports)) {
    if (await portOpen(port)) problems.push(`port ${port} (${name}) still answers`);
  }
  if (output.includes('stopping the Kafka broker')) problems.push('server-mode.mjs stopped the Kafka broker');
  if (problems.length > 0) throw new Error(`after SIGTERM: ${problems.join('; ')}`);
  // The broker it did not start keeps running.
  await admin.listTopics();
  say(`SIGTERM: server-mode.mjs and its ${childPids.length} processes stopped cleanly in ${seconds(stopAt)}`);
}

/** Stops what is left of server mode after a failure: SIGTERM, then SIGKILL for anything still running. */
async function killServerMode() {
  if (server && server.exitCode === null && server.signalCode === null) {
    server.kill('SIGTERM');
    if (!(await serverExit(25_000))) {
      server.kill('SIGKILL');
      await serverExit(5000);
    }
  }
  // Orphans of a server-mode.mjs that did not get to stop them (only our own node processes).
  for (const { pid } of childPids) {
    try {
      if (pidAlive(pid) && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(join(ROOT, 'dist'))) {
        process.kill(pid, 'SIGKILL');
      }
    } catch {
      // already gone
    }
  }
}

async function cleanUp() {
  const attempt = async (what, action) => {
    try {
      await action();
    } catch (error) {
      fail(`cleanup: ${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  if (adminConnected) {
    await attempt('consumer groups', async () => {
      const { groups } = await admin.listGroups();
      const ours = groups.map((g) => g.groupId).filter((id) => id.startsWith(`${topicPrefix}.`));
      if (ours.length > 0) await admin.deleteGroups(ours);
    });
    await attempt('topics', async () => {
      const ours = (await admin.listTopics()).filter((topic) => topic.startsWith(`${topicPrefix}.`));
      if (ours.length > 0) await admin.deleteTopics({ topics: ours, timeout: 15_000 });
    });
  }
  await admin.disconnect().catch(() => undefined);
  if (databaseCreated) {
    await attempt(`drop database ${database}`, async () => {
      const client = new pg.Client({ connectionString: adminUrl.toString(), connectionTimeoutMillis: 5000 });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    });
  }
  rmSync(dataDir, { recursive: true, force: true });
}

try {
  await startServerMode();
  await handOffAndFollow();
  await checkConsoleServed(`http://127.0.0.1:${ports.gateway}`);
  say('the gateway serves the console at /, with its development sign-in');
  await stopServerMode();
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
  if (output !== '') {
    const lines = output.trimEnd().split('\n');
    const shown = lines.slice(-300);
    console.error(
      `--- server-mode.mjs output${shown.length < lines.length ? ` (last ${shown.length} lines)` : ''} ---\n` +
        `${shown.join('\n')}\n--- end of server-mode.mjs output ---`,
    );
  }
} finally {
  await killServerMode();
  await cleanUp();
}
if (process.exitCode) {
  console.error(`smoke-server: FAILED after ${seconds()}`);
} else {
  say(`passed in ${seconds()} (database, topics, consumer groups and data directory removed)`);
}
// kafkajs and pg may hold timers a little longer; the verdict is in.
process.exit(process.exitCode ?? 0);
