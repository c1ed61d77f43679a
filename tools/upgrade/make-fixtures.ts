/*
 * `npm run fixtures:upgrade`: makes the upgrade fixture of the current release (package.json's version) in
 * tools/upgrade/fixtures/<release>/ — an embedded data directory and a PostgreSQL dump, each filled with the
 * same small case history through the GraphQL API, with the answers of a set of queries as recorded now.
 * upgrade.e2e.spec.ts then starts every later release on it. See docs/upgrading.md and fixture-format.ts.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { format, resolveConfig } from 'prettier';
import {
  EVENT_STORE,
  PgliteDatabase,
  PostgresDatabase,
  SqlEventStore,
  verifyLog,
  type EventStore,
  type SqlDatabase,
} from '@pamoja/event-store';
import { DEMO_AGENCIES, registerAgencies } from '@pamoja/platform/directory';
import { type GraphqlClient } from '@pamoja/platform/graphql';
import {
  compressArchive,
  EMBEDDED_ARCHIVE,
  FIXTURE_TARGETS,
  type FixtureExpectations,
  type FixtureLog,
  type FixtureManifest,
  type FixtureQuery,
  type FixtureTarget,
} from './fixture-format.js';
import { FixtureClock, startFixturePlatform } from './fixture-platform.js';
import { ACTORS, FIXTURE_CLOCK_START, fixtureQueries, runScenario, type ActorName } from './fixture-scenario.js';

const USAGE = `usage: npm run fixtures:upgrade [-- --out <dir>] [-- --database-url <postgres://...>]
  Makes the upgrade fixture of this release (package.json's version) in tools/upgrade/fixtures/<release>/:
  an embedded data directory and a PostgreSQL dump with the same case history, and the answers to expect.
  --out <dir>             another directory (it must not exist)
  --database-url <url>    a PostgreSQL server database to create the temporary database from
                          (default DATABASE_URL, else postgres://postgres@127.0.0.1:5432/postgres)
An existing fixture directory is never overwritten: old fixtures are what old installations hold.`;

class UsageError extends Error {}

/** The repository's root: the nearest folder above this file holding nx.json (from tools/ or dist/tools/). */
function repositoryRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

/** The data directory's files beside the database: the keys (a lock file or PGlite's own are not kept). */
async function copyKeyFiles(dataDir: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  for (const entry of await readdir(dataDir, { withFileTypes: true })) {
    if (!entry.isFile() || entry.name.endsWith('.lock') || entry.name.startsWith('.')) continue;
    await copyFile(join(dataDir, entry.name), join(to, entry.name));
  }
}

async function logOf(db: SqlDatabase): Promise<FixtureLog> {
  const store = await SqlEventStore.open(db);
  try {
    const report = await verifyLog(store);
    if (!report.intact) throw new Error(`the fixture's log does not verify: ${report.firstBreak?.description ?? ''}`);
    return { events: report.events, head: report.head, digest: report.digest };
  } finally {
    await store.close();
  }
}

/** Runs the scenario on a started platform and records the answers of the fixture's queries. */
async function fill(
  target: FixtureTarget,
  options: { dataDir: string; databaseUrl?: string },
  log: (line: string) => void,
): Promise<{ queries: FixtureQuery[]; answers: Record<string, unknown>; clockAt: string }> {
  const clock = new FixtureClock(FIXTURE_CLOCK_START);
  const platform = await startFixturePlatform({ ...options, clock });
  try {
    // The demonstration directory: the platform refuses tokens and handoffs of unknown agencies.
    await registerAgencies(platform.app.get<EventStore>(EVENT_STORE, { strict: false }), DEMO_AGENCIES, clock.now());
    const clients = {} as Record<ActorName, GraphqlClient>;
    for (const name of Object.keys(ACTORS) as ActorName[]) clients[name] = await platform.clientFor(ACTORS[name]);
    const outcome = await runScenario(clients, clock);
    log(`${target}: ${outcome.commands} commands sent (joint case ${outcome.jointCaseId})`);
    const queries = fixtureQueries(outcome);
    const answers: Record<string, unknown> = {};
    for (const query of queries) {
      const client = await platform.clientFor(query.as);
      const result = await client.request(query.query, { ...query.variables });
      if (result.errors?.length || !result.data) {
        throw new Error(`query ${query.name} failed: ${JSON.stringify(result.errors ?? result.status)}`);
      }
      answers[query.name] = result.data;
    }
    return { queries, answers, clockAt: clock.now().toISOString() };
  } finally {
    await platform.stop();
  }
}

/** Every JSON file of the fixture as the repository's format check wants it (the same JSON values). */
async function formatJsonFiles(dir: string): Promise<void> {
  for (const path of Object.keys(await sizesOf(dir))) {
    if (!path.endsWith('.json')) continue;
    const file = join(dir, path);
    const options = (await resolveConfig(file)) ?? {};
    await writeFile(file, await format(await readFile(file, 'utf8'), { ...options, filepath: file }));
  }
}

async function sizesOf(dir: string): Promise<Record<string, number>> {
  const sizes: Record<string, number> = {};
  const walk = async (current: string): Promise<void> => {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) await walk(path);
      else sizes[relative(dir, path)] = (await stat(path)).size;
    }
  };
  await walk(dir);
  return sizes;
}

async function makeEmbedded(out: string, log: (line: string) => void) {
  const dataDir = await mkdtemp(join(tmpdir(), 'pamoja-fixture-embedded-'));
  try {
    const filled = await fill('embedded', { dataDir }, log);
    const db = await PgliteDatabase.open(join(dataDir, 'pglite'));
    const fixtureLog = await logOf(db).finally(() => db.close());
    // PGlite's own archive of its data directory (what a site's data directory holds), compressed with Brotli:
    // 45 MB of cluster files, 5.4 MB as PGlite's gzip, 2 MB this way.
    const pglite = await PGlite.create({ dataDir: join(dataDir, 'pglite') });
    const archive = await pglite.dumpDataDir('none').finally(() => pglite.close());
    const tar = Buffer.from(await archive.arrayBuffer());
    await mkdir(join(out, 'embedded'), { recursive: true });
    await writeFile(join(out, 'embedded', EMBEDDED_ARCHIVE), compressArchive(tar));
    await copyKeyFiles(dataDir, join(out, 'embedded', 'keys'));
    await formatJsonFiles(join(out, 'embedded', 'keys'));
    return { ...filled, log: fixtureLog, files: await sizesOf(join(out, 'embedded')) };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function makePostgres(out: string, serverUrl: string, log: (line: string) => void) {
  const name = `pamoja_fixture_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const dataDir = await mkdtemp(join(tmpdir(), 'pamoja-fixture-postgres-'));
  try {
    const filled = await fill('postgres', { dataDir, databaseUrl: url.toString() }, log);
    const db = new PostgresDatabase({ connectionString: url.toString(), applicationName: 'pamoja-fixtures' });
    const fixtureLog = await logOf(db).finally(() => db.close());
    await mkdir(join(out, 'postgres'), { recursive: true });
    const dump = spawnSync('pg_dump', ['--no-owner', '--no-privileges', '--format=plain', url.toString()], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    if (dump.status !== 0) throw new Error(`pg_dump failed: ${dump.error?.message ?? dump.stderr}`);
    await writeFile(join(out, 'postgres', 'dump.sql'), dump.stdout);
    await copyKeyFiles(dataDir, join(out, 'postgres', 'keys'));
    await formatJsonFiles(join(out, 'postgres', 'keys'));
    return { ...filled, log: fixtureLog, files: await sizesOf(join(out, 'postgres')) };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { out: { type: 'string' }, 'database-url': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0] ?? ''}`);
  const root = repositoryRoot();
  const { version: release } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  const out = values.out ?? join(root, 'tools', 'upgrade', 'fixtures', release);
  if (existsSync(out)) {
    throw new UsageError(
      `--out: ${out} exists; a fixture is never changed once made (remove it yourself only if it was never committed)`,
    );
  }
  const serverUrl =
    values['database-url'] ?? process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  if (!/^postgres(ql)?:\/\//.test(serverUrl)) throw new UsageError(`--database-url must be a postgres:// URL`);
  // Before the minute the embedded half takes: the PostgreSQL half needs a server that answers.
  const probe = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5000 });
  try {
    await probe.connect();
    await probe.query('SELECT 1');
  } catch (error) {
    throw new UsageError(
      `--database-url: PostgreSQL does not answer at ${new URL(serverUrl).host} ` +
        `(${error instanceof Error ? error.message : String(error)})`,
    );
  } finally {
    await probe.end().catch(() => undefined);
  }
  const createdAt = new Date().toISOString();
  const log = (line: string): void => {
    process.stdout.write(`${line}\n`);
  };
  log(`Making the upgrade fixture of release ${release} in ${out}`);
  const partial = `${out}.partial-${process.pid}`;
  try {
    const embedded = await makeEmbedded(partial, log);
    const postgres = await makePostgres(partial, serverUrl, log);
    const made = { embedded, postgres } satisfies Record<FixtureTarget, unknown>;
    const manifest: FixtureManifest = {
      release,
      createdAt,
      clockFrom: FIXTURE_CLOCK_START,
      clockAt: embedded.clockAt,
      targets: Object.fromEntries(
        FIXTURE_TARGETS.map((t) => [t, { ...made[t].log, files: made[t].files }]),
      ) as FixtureManifest['targets'],
    };
    const expected: FixtureExpectations = {
      release,
      volatile: {},
      queries: embedded.queries,
      answers: { embedded: embedded.answers, postgres: postgres.answers },
    };
    await writeFile(join(partial, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await writeFile(join(partial, 'expected.json'), `${JSON.stringify(expected, null, 2)}\n`);
    await formatJsonFiles(partial);
    await mkdir(dirname(out), { recursive: true });
    await rename(partial, out);
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    throw error;
  }
  for (const [path, size] of Object.entries(await sizesOf(out))) log(`  ${path}  ${(size / 1024).toFixed(1)} KiB`);
}

try {
  await main();
  process.exit(0);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const usage = error instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'));
  process.stderr.write(usage ? `${message}\n${USAGE}\n` : `fixtures:upgrade failed: ${message}\n`);
  process.exit(usage ? 2 : 1);
}
