/*
 * Today's platform starts on the data of every earlier release and finds it as that release left it.
 *
 * For every fixture directory under tools/upgrade/fixtures/ (one per release, made by `npm run
 * fixtures:upgrade` at release time and never changed after), twice — the embedded data directory, and the
 * PostgreSQL dump loaded with psql into a new database:
 *  1. today's platform starts on it (its migrations run, its projections catch up) and answers every recorded
 *     query exactly as the old release did, with the clock where the fixture left it;
 *  2. the built `npm run verify` finds every hash chain intact, and the first events of the log fold into
 *     the digest recorded at fixture time (the old log is there, unchanged);
 *  3. the built `npm run projections -- rebuild --all` empties every read model and replays the log, and the
 *     platform then answers the same again: the read models equal their rebuild (but for the timeline
 *     cursors' sequence numbers, see RENUMBERED_BY_A_REBUILD).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PGlite } from '@electric-sql/pglite';
import { createTemporaryDatabase } from '@pamoja/testing';
import { buildIfStale, repositoryRoot } from '../readme/built-platform.js';
import {
  compareAnswers,
  decompressArchive,
  describeDifferences,
  EMBEDDED_ARCHIVE,
  FIXTURE_TARGETS,
  type FixtureExpectations,
  type FixtureManifest,
  type FixtureTarget,
} from './fixture-format.js';
import { FixtureClock, startFixturePlatform, type FixturePlatform } from './fixture-platform.js';

const ROOT = repositoryRoot();
const FIXTURES = join(ROOT, 'tools', 'upgrade', 'fixtures');
const RELEASES = existsSync(FIXTURES)
  ? readdirSync(FIXTURES, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort()
  : [];

/**
 * What a rebuild of the read models may change in the answers, and why: the one difference the rebuild
 * comparison allows. A timeline entry's `position` (its cursor) ends with the row's number in the coordination
 * timeline table, a sequence a rebuild does not restart: the entries, their order and the rest of the cursor
 * are the same, the numbers new. (A client resuming with a cursor taken before a rebuild gets the entry at the
 * cursor once more.)
 */
const RENUMBERED_BY_A_REBUILD: Readonly<Record<string, string>> = {
  'jointCase.case.timeline.nodes.*.position': 'the timeline sequence number at the end of the cursor is not restarted',
};

/**
 * Server mode's agency services started on the restored PostgreSQL database, as `npm run start:server` starts
 * them, and the recorded queries each serves (its context's). Only those that use no other agency's events:
 * the others read those from Kafka, whose topics a restored database does not bring back (the relay would
 * publish the log again first); they are covered by the embedded app over the same database.
 */
const SERVER_MODE_SERVICES = {
  referrals: ['referralAsSender', 'incomingReferralsOfPolice', 'assistanceReferral'],
} as const;

interface CliRun {
  readonly code: number | null;
  readonly output: string;
}

/** A built command-line tool of today's release, as an operator runs it. */
function runBuiltCli(name: string, env: Readonly<Record<string, string>>, args: readonly string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'apps', 'platform', 'src', `${name}.cli.js`), ...args], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'error', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, output });
    });
  });
}

async function copyKeys(from: string, to: string): Promise<void> {
  for (const name of await readdir(from)) await copyFile(join(from, name), join(to, name));
}

/** Every recorded query, asked of the running platform with a token carrying the recorded claims. */
async function answersOf(
  platform: FixturePlatform,
  expected: FixtureExpectations,
  only?: readonly string[],
): Promise<Record<string, unknown>> {
  const answers: Record<string, unknown> = {};
  for (const query of expected.queries) {
    if (only && !only.includes(query.name)) continue;
    const client = await platform.clientFor(query.as);
    const result = await client.request(query.query, { ...query.variables });
    answers[query.name] = result.errors?.length ? { errors: result.errors.map((e) => e.message) } : result.data;
  }
  return answers;
}

it('finds at least one release fixture to upgrade from', () => {
  expect(RELEASES.length).toBeGreaterThan(0);
});

describe.each(RELEASES)('upgrading from release %s', (release) => {
  const dir = join(FIXTURES, release);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as FixtureManifest;
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as FixtureExpectations;
  const volatile = Object.keys(expected.volatile);

  beforeAll(async () => {
    await buildIfStale(ROOT);
  }, 300_000);

  it('is the fixture of the release its directory names', () => {
    expect(manifest.release).toBe(release);
    expect(expected.release).toBe(release);
    expect(Object.keys(manifest.targets).sort()).toEqual([...FIXTURE_TARGETS].sort());
  });

  describe.each(FIXTURE_TARGETS)('%s', (target: FixtureTarget) => {
    const recorded = expected.answers[target];
    const log = manifest.targets[target];
    let dataDir: string;
    let databaseUrl: string | undefined;
    let dropDatabase: (() => Promise<void>) | undefined;
    /** What the tools are told: the data directory (keys, PGlite), and the database in server mode. */
    let toolEnv: Record<string, string>;

    beforeAll(async () => {
      dataDir = await mkdtemp(join(tmpdir(), `pamoja-upgrade-${release}-${target}-`));
      await copyKeys(join(dir, target, 'keys'), dataDir);
      if (target === 'embedded') {
        // The data directory as the old release left it: PGlite's archive unpacked where the platform looks.
        const archive = decompressArchive(await readFile(join(dir, 'embedded', EMBEDDED_ARCHIVE)));
        const db = await PGlite.create({
          dataDir: join(dataDir, 'pglite'),
          loadDataDir: new Blob([new Uint8Array(archive)]),
        });
        await db.close();
        toolEnv = { PAMOJA_DATA_DIR: dataDir };
      } else {
        const database = await createTemporaryDatabase(`pamoja_upgrade_${release.replace(/\W/g, '_')}`);
        dropDatabase = database.drop;
        databaseUrl = database.url;
        const load = spawnSync(
          'psql',
          [
            '--quiet',
            '--no-psqlrc',
            '-v',
            'ON_ERROR_STOP=1',
            '-d',
            database.url,
            '-f',
            join(dir, 'postgres', 'dump.sql'),
          ],
          { encoding: 'utf8' },
        );
        if (load.status !== 0) throw new Error(`psql could not load the dump: ${load.error?.message ?? load.stderr}`);
        toolEnv = { PAMOJA_MODE: 'server', DATABASE_URL: database.url, PAMOJA_DATA_DIR: dataDir };
      }
    }, 120_000);

    afterAll(async () => {
      await dropDatabase?.();
      await rm(dataDir, { recursive: true, force: true });
    }, 60_000);

    const start = (): Promise<FixturePlatform> =>
      startFixturePlatform({
        dataDir,
        ...(databaseUrl === undefined ? {} : { databaseUrl }),
        clock: new FixtureClock(manifest.clockAt),
      });

    it('starts on the old data and answers every recorded query as the old release did', async () => {
      const platform = await start();
      try {
        const answers = await answersOf(platform, expected);
        expect(describeDifferences(compareAnswers(recorded, answers, volatile))).toBe('');
        // The comparison can fail: the same answers with one value changed are reported, at that place.
        const [first] = expected.queries;
        if (!first) throw new Error('the fixture records no query');
        const altered = JSON.parse(JSON.stringify(answers)) as Record<string, unknown>;
        altered[first.name] = { ...(altered[first.name] as object), tampered: true };
        expect(compareAnswers(recorded, altered, volatile)).toEqual([
          { query: first.name, path: `${first.name}.tampered`, recorded: undefined, actual: true },
        ]);
      } finally {
        await platform.stop();
      }
    }, 180_000);

    if (target === 'postgres') {
      it.each(Object.entries(SERVER_MODE_SERVICES))(
        "starts server mode's %s service on the old database, which answers its queries as recorded",
        async (service, names) => {
          if (databaseUrl === undefined) throw new Error('the dump was not loaded');
          const served = expected.queries
            .filter((q) => (names as readonly string[]).includes(q.name))
            .map((q) => q.name);
          const platform = await startFixturePlatform({
            dataDir,
            databaseUrl,
            clock: new FixtureClock(manifest.clockAt),
            service: service as keyof typeof SERVER_MODE_SERVICES,
          });
          try {
            const answers = await answersOf(platform, expected, served);
            const wanted = Object.fromEntries(served.map((name) => [name, recorded[name]]));
            expect(describeDifferences(compareAnswers(wanted, answers, volatile))).toBe('');
          } finally {
            await platform.stop();
          }
        },
        120_000,
      );
    }

    it('keeps the old log: every chain intact, and its first events fold into the recorded digest', async () => {
      const run = await runBuiltCli('verify', toolEnv, ['--expect', `${log.events}:${log.digest}`]);
      expect(run.output).toContain('INTACT');
      expect(run.output).toContain('digests kept outside compared: 1');
      expect(run.code).toBe(0);
    }, 120_000);

    it('has read models equal to their rebuild from the log', async () => {
      const rebuild = await runBuiltCli('projections', toolEnv, ['rebuild', '--all']);
      expect(rebuild.code).toBe(0);
      expect(rebuild.output).toMatch(/rebuilt from \d+ events/);
      const platform = await start();
      try {
        const answers = await answersOf(platform, expected);
        const allowed = [...volatile, ...Object.keys(RENUMBERED_BY_A_REBUILD)];
        expect(describeDifferences(compareAnswers(recorded, answers, allowed))).toBe('');
      } finally {
        await platform.stop();
      }
    }, 300_000);
  });
});
