// Server mode on one machine, with one command (`npm run start:server`, which builds first):
//
//   1. PostgreSQL must answer at DATABASE_URL; the database is created when it is missing.
//   2. Kafka: the local broker is started with infra/kafka/start.sh and its topics provisioned with
//      infra/kafka/provision.sh, unless KAFKA_BROKERS points at another cluster.
//   3. The seven services, the relay and the gateway run as child processes, one port each:
//        gateway BASE, referrals BASE+1, sites BASE+2, investigations BASE+3, prosecutions BASE+4,
//        assistance BASE+5, coordination BASE+6, relay BASE+7, integrations BASE+8
//        (BASE = PAMOJA_BASE_PORT, default 4000)
//      The gateway serves the joint API at BASE/graphql, where the embedded app (`npm start`) serves it.
//   4. Waits until every GET /health/ready answers 200, then prints the URLs and how to get a token.
//
// Ctrl-C (SIGINT) or SIGTERM stops the services and the relay gracefully (SIGKILL after 20 s), then the
// broker if this script started it; a broker that was already running is left running
// (infra/kafka/stop.sh stops it). A second Ctrl-C stops everything at once.
//
// Environment: DATABASE_URL (postgres://postgres@127.0.0.1:5432/pamoja), KAFKA_BROKERS (127.0.0.1:KAFKA_PORT),
// KAFKA_PORT (9092), KAFKA_TOPIC_PREFIX, PAMOJA_BASE_PORT (4000), PAMOJA_DATA_DIR (data/server: the
// development token issuer's key, shared by every service), LOG_LEVEL (info), RELAY_BATCH_SIZE,
// PAMOJA_START_TIMEOUT (seconds, 180), and what the services read (PAMOJA_JWKS_URL, ...).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SERVICES = ['referrals', 'sites', 'investigations', 'prosecutions', 'assistance', 'coordination', 'integrations'];
// The relay keeps BASE+7 (where it was before the integrations service came); that service is on BASE+8.
const PORT_OFFSET = {
  referrals: 1,
  sites: 2,
  investigations: 3,
  prosecutions: 4,
  assistance: 5,
  coordination: 6,
  relay: 7,
  integrations: 8,
};
const SERVICE_MAIN = join(ROOT, 'dist/apps/agency-service/src/main.js');
const RELAY_MAIN = join(ROOT, 'dist/apps/relay/src/main.js');
const GATEWAY_MAIN = join(ROOT, 'dist/apps/gateway/src/main.js');
const KAFKA_SCRIPTS = join(ROOT, 'infra/kafka');
const STOP_TIMEOUT_MS = 20_000;

const env = process.env;
const color = process.stdout.isTTY && !env.NO_COLOR;
const paint = (code, text) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
const bold = (text) => paint('1', text);
const red = (text) => paint('1;31', text);
const say = (text) => process.stdout.write(`${paint('36', 'server-mode')} | ${text}\n`);

class StartError extends Error {}

function integerSetting(name, fallback, { min = 1, max = 65535 } = {}) {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new StartError(`${name} must be an integer from ${min} to ${max}, not ${text}`);
  }
  return value;
}

function settings() {
  const basePort = integerSetting('PAMOJA_BASE_PORT', 4000, { max: 65535 - Math.max(...Object.values(PORT_OFFSET)) });
  const kafkaPort = integerSetting('KAFKA_PORT', 9092);
  const databaseUrl = env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/pamoja';
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) throw new StartError('DATABASE_URL must be a postgres:// URL');
  const brokers = (env.KAFKA_BROKERS || `127.0.0.1:${kafkaPort}`)
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b !== '');
  // The local broker of infra/kafka, or a cluster that someone else runs.
  const localBroker = brokers.every((b) => b === `127.0.0.1:${kafkaPort}` || b === `localhost:${kafkaPort}`);
  const dataDirText = env.PAMOJA_DATA_DIR || 'data/server';
  const dataDir = isAbsolute(dataDirText) ? dataDirText : resolve(process.cwd(), dataDirText);
  const processes = [
    ...SERVICES.map((service) => ({
      name: service,
      service,
      port: basePort + PORT_OFFSET[service],
      main: SERVICE_MAIN,
    })),
    { name: 'relay', service: undefined, port: basePort + PORT_OFFSET.relay, main: RELAY_MAIN },
    { name: 'gateway', service: undefined, port: basePort, main: GATEWAY_MAIN, gateway: true },
  ];
  return {
    basePort,
    kafkaPort,
    databaseUrl,
    brokers,
    localBroker,
    topicPrefix: env.KAFKA_TOPIC_PREFIX || undefined,
    dataDir,
    processes,
    startTimeoutMs: integerSetting('PAMOJA_START_TIMEOUT', 180, { max: 3600 }) * 1000,
  };
}

/** A URL without its password, for messages. */
function displayUrl(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

function portOpen(port, host = '127.0.0.1', timeoutMs = 1000) {
  return new Promise((resolvePromise) => {
    const socket = connect({ port, host });
    const done = (open) => {
      socket.destroy();
      resolvePromise(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Makes sure PostgreSQL answers and the database exists (created when missing). */
async function ensureDatabase(databaseUrl) {
  const url = new URL(databaseUrl);
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'postgres';
  const tryConnect = async (target) => {
    const client = new pg.Client({ connectionString: target, connectionTimeoutMillis: 5000 });
    try {
      await client.connect();
      return client;
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  };
  let client;
  try {
    client = await tryConnect(databaseUrl);
  } catch (error) {
    if (error?.code !== '3D000') {
      throw new StartError(
        `PostgreSQL does not answer at ${displayUrl(databaseUrl)}: ${error?.message ?? error}\n` +
          '  Start PostgreSQL, or set DATABASE_URL (e.g. postgres://user:password@host:5432/pamoja).',
      );
    }
    // The server answers but the database does not exist: create it from the maintenance database.
    const maintenance = new URL(databaseUrl);
    maintenance.pathname = '/postgres';
    let admin;
    try {
      admin = await tryConnect(maintenance.toString());
      await admin.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
      say(`created database ${database}`);
    } catch (createError) {
      if (createError?.code !== '42P04') {
        throw new StartError(
          `database ${database} does not exist and could not be created: ${createError?.message ?? createError}`,
        );
      }
    } finally {
      await admin?.end().catch(() => undefined);
    }
    client = await tryConnect(databaseUrl);
  }
  const [{ server_version: version }] = (await client.query('SHOW server_version')).rows;
  await client.end();
  say(`PostgreSQL ${version}: ${displayUrl(databaseUrl)}`);
}

/** Runs a script of infra/kafka with its output prefixed; throws when it fails. */
function runKafkaScript(script, args = []) {
  const result = spawnSync('bash', [join(KAFKA_SCRIPTS, script), ...args], { encoding: 'utf8', env });
  for (const line of `${result.stdout ?? ''}${result.stderr ?? ''}`.split('\n')) {
    if (line.trim() !== '') say(line);
  }
  if (result.error) throw new StartError(`infra/kafka/${script} could not run: ${result.error.message}`);
  if (result.status !== 0) throw new StartError(`infra/kafka/${script} failed (exit code ${result.status})`);
}

/** The topics file for provision.sh: infra/kafka/topics.txt, its names behind KAFKA_TOPIC_PREFIX if set. */
function topicsFile(config) {
  const listed = join(KAFKA_SCRIPTS, 'topics.txt');
  if (!config.topicPrefix) return listed;
  const prefixed = readFileSync(listed, 'utf8')
    .split('\n')
    .map((line) => {
      const content = line.replace(/#.*/, '').trim();
      return content === '' ? line : `${config.topicPrefix}.${content}`;
    })
    .join('\n');
  const file = join(config.dataDir, `topics.${config.topicPrefix}.txt`);
  writeFileSync(file, prefixed);
  return file;
}

/** Starts the local broker unless one answers already; returns whether this script started it. */
async function ensureKafka(config) {
  if (!config.localBroker) {
    const [host, port] = config.brokers[0].split(':');
    const reachable = await portOpen(Number(port), host, 3000);
    say(
      `Kafka: ${config.brokers.join(',')} (not started here; its topics must exist: ` +
        'KAFKA_BROKERS=... infra/kafka/provision.sh)' +
        (reachable ? '' : red(`\n  WARNING: ${config.brokers[0]} does not answer; the services will keep retrying`)),
    );
    return false;
  }
  let started = false;
  if (await portOpen(config.kafkaPort)) {
    say(`Kafka: a broker already answers on 127.0.0.1:${config.kafkaPort}; using it (it is left running on exit)`);
  } else {
    say(`Kafka: starting the local broker on 127.0.0.1:${config.kafkaPort} (infra/kafka/start.sh)`);
    runKafkaScript('start.sh');
    started = true;
  }
  try {
    runKafkaScript('provision.sh', [topicsFile(config)]);
  } catch (error) {
    if (started) runKafkaScript('stop.sh');
    throw error;
  }
  return started;
}

const LEVELS = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
const LEVEL_COLORS = { 40: '33', 50: '31', 60: '1;31' };
const LEFT_OUT = new Set(['level', 'time', 'pid', 'hostname', 'name', 'context', 'msg', 'req', 'res', 'responseTime']);

/** A pino JSON line made readable (level, context, message, other fields compact); other lines as they are. */
function formatLine(line) {
  if (!line.startsWith('{')) return line;
  let entry;
  try {
    entry = JSON.parse(line);
  } catch {
    return line;
  }
  if (typeof entry !== 'object' || entry === null || typeof entry.level !== 'number') return line;
  const level = (LEVELS[entry.level] ?? String(entry.level)).padEnd(5);
  const parts = [LEVEL_COLORS[entry.level] ? paint(LEVEL_COLORS[entry.level], level) : level];
  if (entry.context) parts.push(`[${entry.context}]`);
  if (entry.req && entry.res) {
    parts.push(`${entry.req.method} ${entry.req.url} ${entry.res.statusCode} ${entry.responseTime ?? '?'} ms`);
  }
  if (entry.msg !== undefined) parts.push(typeof entry.msg === 'string' ? entry.msg : JSON.stringify(entry.msg));
  const rest = Object.fromEntries(Object.entries(entry).filter(([key]) => !LEFT_OUT.has(key)));
  const stack = rest.err?.stack;
  if (stack) delete rest.err;
  if (Object.keys(rest).length > 0) parts.push(JSON.stringify(rest));
  return stack ? `${parts.join(' ')}\n${stack}` : parts.join(' ');
}

function pipeLines(stream, prefix, write) {
  createInterface({ input: stream }).on('line', (line) => {
    for (const part of formatLine(line).split('\n')) write(`${prefix} | ${part}\n`);
  });
}

function childEnv(config, proc) {
  const childEnvironment = {
    ...env,
    PAMOJA_MODE: 'server',
    PORT: String(proc.port),
    DATABASE_URL: config.databaseUrl,
    KAFKA_BROKERS: config.brokers.join(','),
    PAMOJA_DATA_DIR: config.dataDir,
    LOG_LEVEL: env.LOG_LEVEL || 'info',
  };
  if (proc.gateway) {
    childEnvironment.PAMOJA_SUBGRAPHS = config.processes
      .filter((p) => p.service)
      .map((p) => `${p.service}=http://127.0.0.1:${p.port}/graphql`)
      .join(',');
  }
  if (proc.service) childEnvironment.PAMOJA_SERVICE = proc.service;
  else delete childEnvironment.PAMOJA_SERVICE;
  if (!config.topicPrefix) delete childEnvironment.KAFKA_TOPIC_PREFIX;
  // The relay logs through Nest's console logger, in colour unless told otherwise.
  if (!color) childEnvironment.NO_COLOR = '1';
  return childEnvironment;
}

async function healthy(port) {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(3000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

const sleep = (ms) => new Promise((resolvePromise) => setTimeout(resolvePromise, ms));

/**
 * The settings this script uses itself and hands on to every process (the topic prefix names the topics it
 * provisions), checked by the processes' own rules (the built configuration schema) before anything is created: a
 * value the services would refuse at start is refused here, naming the variable, with nothing provisioned.
 */
async function checkSharedSettings() {
  const { CONFIG_VARIABLES } = await import(join(ROOT, 'dist/libs/platform/config/src/environment.js'));
  for (const name of ['KAFKA_TOPIC_PREFIX']) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    const checked = CONFIG_VARIABLES[name].type.safeParse(value);
    if (!checked.success) {
      throw new StartError(`${name} ${checked.error.issues.map((issue) => issue.message).join('; ')}`);
    }
  }
}

async function main() {
  // Output piped to a program that ends first (e.g. `| head`) must not take the services down with it.
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);
  const config = settings();
  for (const file of [SERVICE_MAIN, RELAY_MAIN, GATEWAY_MAIN]) {
    if (!existsSync(file)) throw new StartError(`${relative(ROOT, file)} is missing: run npm run build first`);
  }
  await checkSharedSettings();
  for (const proc of config.processes) {
    if (await portOpen(proc.port)) {
      throw new StartError(
        `port ${proc.port} (for ${proc.name}) is already in use: stop what runs there, or set PAMOJA_BASE_PORT ` +
          `(the gateway on BASE, the services on BASE+1 to BASE+${config.processes.length - 1})`,
      );
    }
  }
  mkdirSync(config.dataDir, { recursive: true });
  await ensureDatabase(config.databaseUrl);
  const startedBroker = await ensureKafka(config);

  const width = Math.max(...config.processes.map((p) => p.name.length));
  const children = new Map();
  let stopping = false;
  let ready = false;
  let startFailure;

  const stopBroker = () => {
    if (!startedBroker) {
      if (config.localBroker)
        say('the Kafka broker keeps running (it was running before): infra/kafka/stop.sh stops it');
      return;
    }
    say('stopping the Kafka broker this script started (infra/kafka/stop.sh)');
    try {
      runKafkaScript('stop.sh');
    } catch (error) {
      say(red(error.message));
    }
  };

  const running = () => [...children.values()].filter((c) => c.exitCode === null && c.signalCode === null);

  /** SIGTERM to every child, SIGKILL after STOP_TIMEOUT_MS (or at once when forced). */
  const stopChildren = async (force = false) => {
    for (const child of running()) child.kill(force ? 'SIGKILL' : 'SIGTERM');
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    while (running().length > 0 && Date.now() < deadline) await sleep(100);
    for (const child of running()) {
      say(red(`${child.pamojaName} did not stop within ${STOP_TIMEOUT_MS / 1000} s: SIGKILL`));
      child.kill('SIGKILL');
    }
    while (running().length > 0) await sleep(50);
  };

  let firstSignalAt = 0;
  const shutdown = async (signal) => {
    if (stopping) {
      // The same Ctrl-C can arrive twice (the terminal and npm); a second one a moment later means "now".
      if (Date.now() - firstSignalAt > 1000) {
        say(red('stopping at once (SIGKILL)'));
        for (const child of running()) child.kill('SIGKILL');
      }
      return;
    }
    stopping = true;
    firstSignalAt = Date.now();
    say(`${signal}: stopping the gateway, the services and the relay (Ctrl-C again to kill them at once)`);
    await stopChildren();
    stopBroker();
    say('stopped');
    process.exit(ready ? 0 : 1);
  };
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, (s) => void shutdown(s));
  // If this script ends any other way, the children (in their own process groups) must not outlive it.
  process.on('exit', () => {
    for (const child of running()) child.kill('SIGKILL');
  });

  for (const proc of config.processes) {
    const child = spawn(process.execPath, [proc.main], {
      cwd: ROOT,
      env: childEnv(config, proc),
      stdio: ['ignore', 'pipe', 'pipe'],
      // Own process group: Ctrl-C reaches this script only, which stops the children in order.
      detached: true,
    });
    child.pamojaName = proc.name;
    children.set(proc.name, child);
    const prefix = paint('36', proc.name.padEnd(width));
    pipeLines(child.stdout, prefix, (text) => process.stdout.write(text));
    pipeLines(child.stderr, prefix, (text) => process.stderr.write(text));
    child.on('exit', (code, signal) => {
      if (stopping) {
        // Nest ends itself with the SIGTERM it received once it has closed: that is a clean stop.
        const clean = signal === 'SIGTERM' || code === 0;
        say(`${proc.name} stopped${clean ? '' : signal ? ` (${signal})` : ` (exit code ${code})`}`);
        return;
      }
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      if (!ready) {
        startFailure ??= `${proc.name} ${how} while starting (its log is above)`;
        return;
      }
      const line = '!'.repeat(100);
      process.stderr.write(
        `\n${red(line)}\n${red(`!!! ${proc.name} (port ${proc.port}) ${how}.`)}\n` +
          `${red('!!! The others keep running; its part of server mode is DOWN until you restart npm run start:server.')}\n` +
          `${red(line)}\n\n`,
      );
      if (running().length === 0) {
        say(red('every service has stopped'));
        stopping = true;
        stopBroker();
        process.exit(1);
      }
    });
  }
  say(`started ${config.processes.map((p) => `${p.name} (pid ${children.get(p.name).pid})`).join(', ')}`);

  // Every /health/ready must answer 200.
  const pending = new Set(config.processes.map((p) => p.name));
  const deadline = Date.now() + config.startTimeoutMs;
  while (pending.size > 0 && !stopping) {
    if (startFailure) break;
    if (Date.now() > deadline) {
      startFailure = `not healthy within ${config.startTimeoutMs / 1000} s: ${[...pending].join(', ')}`;
      break;
    }
    for (const proc of config.processes) {
      if (pending.has(proc.name) && (await healthy(proc.port))) {
        pending.delete(proc.name);
        say(`${proc.name} is healthy (${pending.size} to go)`);
      }
    }
    if (pending.size > 0) await sleep(500);
  }
  if (stopping) return;
  if (startFailure) {
    stopping = true;
    say(red(`server mode could not start: ${startFailure}`));
    await stopChildren();
    stopBroker();
    process.exit(1);
  }
  ready = true;

  const relativeDataDir = relative(process.cwd(), config.dataDir) || '.';
  const dataDirArg = relativeDataDir.startsWith('..') ? config.dataDir : relativeDataDir;
  const rows = config.processes.map((p) => [
    p.name,
    p.service || p.gateway
      ? `http://localhost:${p.port}/graphql${p.gateway ? '  <- the joint API' : ''}`
      : '(no GraphQL: publishes the log to Kafka)',
    `http://localhost:${p.port}/health/ready`,
  ]);
  const widths = [0, 1, 2].map((i) =>
    Math.max(...rows.map((r) => r[i].length), ['service', 'GraphQL', 'health'][i].length),
  );
  const table = [['service', 'GraphQL', 'health'], ...rows]
    .map((r) => `  ${r.map((cell, i) => cell.padEnd(widths[i])).join('   ')}`.trimEnd())
    .join('\n');
  const toolEnv =
    `DATABASE_URL=${displayUrl(config.databaseUrl)} KAFKA_BROKERS=${config.brokers.join(',')}` +
    (config.topicPrefix ? ` KAFKA_TOPIC_PREFIX=${config.topicPrefix}` : '');
  const tokenCommand = `PAMOJA_DATA_DIR=${dataDirArg.includes(' ') ? `'${dataDirArg}'` : dataDirArg} npm run --silent token --`;
  process.stdout.write(
    `\n${bold('Pamoja server mode is up')}\n` +
      `  database  ${displayUrl(config.databaseUrl)}\n` +
      `  Kafka     ${config.brokers.join(',')}${config.topicPrefix ? ` (topics under ${config.topicPrefix}.)` : ''}` +
      `${startedBroker ? ' (started here; stopped on exit)' : ''}\n` +
      `  data      ${config.dataDir} (development token issuer key)\n\n` +
      `${table}\n\n` +
      (env.PAMOJA_JWKS_URL
        ? `Tokens: from your identity provider (PAMOJA_JWKS_URL=${env.PAMOJA_JWKS_URL}).\n`
        : 'Tokens (development issuer; one key for every service):\n' +
          `  NGO=$(${tokenCommand} --agency ngo-kivu-hope --type first_responder --role field_worker)\n` +
          `  COORD=$(${tokenCommand} --agency aplt-nk --type coordination_body --role coordinator)\n`) +
      `Dead letters: ${toolEnv} npm run deadletters -- list\n` +
      `Rebuild the joint cases from Kafka (coordination stopped): ${toolEnv} PAMOJA_MODE=server npm run projections -- rebuild coordination.joint-cases --from-topics\n` +
      'Stop: Ctrl-C\n\n',
  );
}

try {
  await main();
} catch (error) {
  process.stderr.write(`${red('server-mode: ERROR:')} ${error instanceof StartError ? error.message : error?.stack}\n`);
  process.exit(1);
}
