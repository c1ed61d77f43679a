/**
 * Memory of the embedded platform: the peak of `npm run seed` on a new data directory, then the platform's resident
 * memory on that directory, idle after its start and steady after a round of reads, against the targets.
 *
 *   npm run bench:memory                          (the seed on a new temporary data directory, then the platform
 *                                                  on what the seed left)
 *   npm run bench:memory -- --data-dir <dir> --label "100k events"
 *                                                 (the same, and the platform on an existing data directory too, e.g.
 *                                                  a log of 100k events: the platform's target is judged on it. It must
 *                                                  not be in use; it is opened as `npm start` opens it, which
 *                                                  registers the demonstration directory if the log has none)
 *   npm run bench:memory -- --no-seed --data-dir <dir>   (the platform on that directory only)
 *   npm run bench:memory -- --idle 10 --reads 20  (seconds idle after the start, seconds of reads; defaults 10, 20)
 *   npm run bench:memory -- --start-timeout 300   (seconds the platform has to start before the bench gives up)
 *   npm run bench:memory -- --no-variants         (the platform only as `npm start` runs it)
 *   BENCH_STRICT=1                               (exit 1 when a target is missed)
 *
 * Every process runs as its npm script runs it (node on the built files in dist/), in a child process of this one,
 * so that the bench's own memory counts nowhere. Resident memory is read from /proc/<pid>/status every 50 ms for the
 * process and every process it started: VmRSS summed over them, and each one's VmHWM (the kernel's high-water mark,
 * which catches a peak between two samples). Linux only.
 *
 * Writes its section of docs/benchmarks.md (see bench-report.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_AUDIENCE } from '@pamoja/platform/config';
import { issueDevToken, loadOrCreateDevIssuer } from '@pamoja/platform/auth';
import { GraphqlClient } from '@pamoja/platform/graphql';
import { PGLITE_SHARED_BUFFERS } from '@pamoja/event-store';
import {
  formatMs,
  loadRow,
  machineRows,
  percentile,
  renderConsoleReport,
  workspaceRoot,
  writeReportSection,
  type Table,
  type Target,
} from './bench-report.js';

const TARGET_MB = 600;
const SAMPLE_MS = 50;
const SETTLE_SECONDS = 5;
/** A V8 option for the platform's process that `npm start` does not give (yet): measured beside the default. */
const SMALL_YOUNG_GENERATION = '--max-semi-space-size=16';

const { values: args } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    idle: { type: 'string', default: '10' },
    'start-timeout': { type: 'string', default: '300' },
    reads: { type: 'string', default: '20' },
    label: { type: 'string' },
    'no-seed': { type: 'boolean', default: false },
    'no-variants': { type: 'boolean', default: false },
  },
});
const IDLE_SECONDS = Number(args.idle);
const START_SECONDS = Number(args['start-timeout']);
const READ_SECONDS = Number(args.reads);
const STRICT = process.env.BENCH_STRICT === '1';

// ---------------------------------------------------------------------------------------------------------------
// Resident memory of a process tree, from /proc
// ---------------------------------------------------------------------------------------------------------------

const MB = 1024;

/** VmRSS and VmHWM of one process in kB; undefined once it is gone. */
function statusOf(pid: number): { rss: number; hwm: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const field = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);
  return { rss: field('VmRSS'), hwm: field('VmHWM') };
}

/** The process and every descendant, through /proc/<pid>/task/<tid>/children. */
function tree(pid: number): number[] {
  const found = [pid];
  for (let i = 0; i < found.length; i++) {
    const current = found[i] ?? pid;
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${current}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      try {
        const children = readFileSync(`/proc/${current}/task/${tid}/children`, 'utf8').trim();
        if (children) found.push(...children.split(/\s+/).map(Number));
      } catch {
        // the task ended meanwhile
      }
    }
  }
  return found;
}

interface MemorySample {
  readonly at: number;
  /** VmRSS summed over the tree, kB. */
  readonly rss: number;
}

/** Samples a process tree until stopped: the samples, the highest sum, and each process's own VmHWM. */
class TreeSampler {
  readonly samples: MemorySample[] = [];
  private readonly hwm = new Map<number, number>();
  private readonly timer: NodeJS.Timeout;
  private readonly started = performance.now();

  constructor(private readonly pid: number) {
    this.sample();
    this.timer = setInterval(() => {
      this.sample();
    }, SAMPLE_MS);
  }

  private sample(): void {
    let rss = 0;
    for (const pid of tree(this.pid)) {
      const status = statusOf(pid);
      if (!status) continue;
      rss += status.rss;
      this.hwm.set(pid, Math.max(this.hwm.get(pid) ?? 0, status.hwm));
    }
    if (rss > 0) this.samples.push({ at: performance.now() - this.started, rss });
  }

  /** Resident memory now (a fresh sample), kB. */
  now(): number {
    this.sample();
    return this.samples.at(-1)?.rss ?? 0;
  }

  /** The highest sample since `from` (ms since the start), kB. */
  maxSince(from: number): number {
    return Math.max(0, ...this.samples.filter((s) => s.at >= from).map((s) => s.rss));
  }

  elapsed(): number {
    return performance.now() - this.started;
  }

  processes(): number {
    return this.hwm.size;
  }

  /** The peak: the highest sum sampled, or one process's own high-water mark if that is higher. */
  peak(): number {
    return Math.max(this.maxSince(0), ...this.hwm.values());
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

function mb(kb: number): string {
  return `${Math.round(kb / MB).toLocaleString('en-US')} MB`;
}

// ---------------------------------------------------------------------------------------------------------------
// The processes, as their npm scripts run them
// ---------------------------------------------------------------------------------------------------------------

const ROOT = workspaceRoot();
const SEED_ENTRY = path.join(ROOT, 'dist/apps/platform/src/seed.cli.js');
const PLATFORM_ENTRY = path.join(ROOT, 'dist/apps/platform/src/main.js');

function childEnv(dataDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'development',
    PAMOJA_DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'warn',
    // One user sends a few hundred queries a minute: the per-user limit is not what is measured.
    PAMOJA_RATE_LIMIT_PER_MINUTE: '0',
    NO_COLOR: '1',
  };
}

function exited(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else
      child.once('exit', (code, signal) => {
        resolve(code ?? (signal ? 128 : 1));
      });
  });
}

interface SeedFigures {
  readonly peakKb: number;
  readonly endKb: number;
  readonly seconds: number;
  readonly processes: number;
  readonly summary: string;
}

async function runSeed(dataDir: string): Promise<SeedFigures> {
  const child = spawn(process.execPath, [SEED_ENTRY], {
    cwd: ROOT,
    env: childEnv(dataDir),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const sampler = new TreeSampler(child.pid ?? 0);
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const code = await exited(child);
  sampler.stop();
  if (code !== 0) throw new Error(`the seed exited with code ${code}:\n${output.slice(-4000)}`);
  const last = sampler.samples.at(-1);
  return {
    peakKb: sampler.peak(),
    endKb: last?.rss ?? 0,
    seconds: sampler.elapsed() / 1000,
    processes: sampler.processes(),
    summary: /^Seeded .*$/m.exec(output)?.[0] ?? '',
  };
}

interface PlatformFigures {
  readonly variant: string;
  readonly startPeakKb: number;
  readonly idleKb: number;
  readonly readsPeakKb: number;
  readonly steadyKb: number;
  readonly overallPeakKb: number;
  readonly startSeconds: number;
  readonly reads: number;
  readonly readErrors: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly processes: number;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Starts the platform, waits for the line that gives its URL. */
async function startPlatform(
  dataDir: string,
  nodeFlags: readonly string[],
): Promise<{ child: ChildProcess; sampler: TreeSampler; graphqlUrl: string; output: () => string }> {
  const child = spawn(process.execPath, [...nodeFlags, PLATFORM_ENTRY], {
    cwd: ROOT,
    env: childEnv(dataDir),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const sampler = new TreeSampler(child.pid ?? 0);
  let output = '';
  const graphqlUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      // A platform still starting may not answer SIGTERM (its event loop busy): it must not outlive the bench.
      child.kill('SIGKILL');
      reject(new Error(`the platform did not start in ${START_SECONDS} s:\n${output.slice(-4000)}`));
    }, START_SECONDS * 1000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      const url = /GraphQL: (\S+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the platform exited with code ${String(code)} before it started:\n${output.slice(-4000)}`));
    });
  });
  return { child, sampler, graphqlUrl, output: () => output };
}

async function stopPlatform(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = exited(child);
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await done;
  clearTimeout(timer);
}

// What a coordinator's console asks: every case page by page, a few cases in full, the dashboards and lists.
const CASES = `query Cases($after: String) { jointCases(filter: { first: 100, after: $after }) {
  nodes { jointCaseId stage assistanceStage missedDeadlines lastActivityAt }
  pageInfo { endCursor hasNextPage } } }`;
const CASE = `query Case($id: ID!) { case(id: $id) { jointCaseId stage agencyIds
  timeline(first: 200) { nodes { eventId summary agencyId occurredAt } } } }`;
const LISTS = [
  `{ escalations(filter: { openOnly: false, first: 200 }) { nodes { subjectId kind agencyId resolvedAt } } }`,
  `{ mineSites(filter: { first: 100 }) { nodes { siteId code status openIncidentCount } } }`,
  `{ caseStageCounts { stage count } }`,
  `{ mineSiteStatusCounts { status count } }`,
  `{ handoffStatistics { submitted accepted declined open overdue } }`,
  `{ agencies { agencyId name agencyType } }`,
];
/** Pages of cases read per round: the whole list on a small log, its first 2,000 cases on a large one. */
const MAX_CASE_PAGES = 20;

async function coordinatorClient(graphqlUrl: string, dataDir: string): Promise<GraphqlClient> {
  const keys = await loadOrCreateDevIssuer(dataDir);
  const token = await issueDevToken(
    keys,
    { userId: 'aplt-nk-user', agencyId: 'aplt-nk', agencyType: 'coordination_body', roles: ['coordinator'] },
    { audience: DEFAULT_AUDIENCE },
  );
  return new GraphqlClient(graphqlUrl).as(token);
}

/** Reads for `seconds`: rounds of the console's queries, one at a time. */
async function readFor(
  client: GraphqlClient,
  seconds: number,
): Promise<{ latencies: number[]; errors: number; firstError?: string }> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const deadline = performance.now() + seconds * 1000;
  const timed = async (query: string, variables: Record<string, unknown> = {}): Promise<unknown> => {
    const t0 = performance.now();
    const result = await client.request(query, variables);
    latencies.push(performance.now() - t0);
    if (result.errors?.length || !result.data) {
      errors++;
      firstError ??= JSON.stringify(result.errors ?? result.status).slice(0, 300);
    }
    return result.data;
  };
  while (performance.now() < deadline) {
    const ids: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < MAX_CASE_PAGES && performance.now() < deadline; page++) {
      const data = (await timed(CASES, after ? { after } : {})) as
        | {
            jointCases: {
              nodes: { jointCaseId: string }[];
              pageInfo: { endCursor: string | null; hasNextPage: boolean };
            };
          }
        | undefined;
      if (!data) break;
      ids.push(...data.jointCases.nodes.map((n) => n.jointCaseId));
      if (!data.jointCases.pageInfo.hasNextPage) break;
      after = data.jointCases.pageInfo.endCursor;
    }
    for (const id of ids.slice(0, 20)) {
      if (performance.now() >= deadline) break;
      await timed(CASE, { id });
    }
    for (const query of LISTS) {
      if (performance.now() >= deadline) break;
      await timed(query);
    }
  }
  return { latencies, errors, ...(firstError ? { firstError } : {}) };
}

async function measurePlatform(
  dataDir: string,
  variant: string,
  nodeFlags: readonly string[],
): Promise<PlatformFigures> {
  process.stdout.write(`platform (${variant}): starting\n`);
  const { child, sampler, graphqlUrl, output } = await startPlatform(dataDir, nodeFlags);
  try {
    const startSeconds = sampler.elapsed() / 1000;
    const startPeakKb = sampler.peak();
    process.stdout.write(`platform (${variant}): up in ${startSeconds.toFixed(1)} s, idle for ${IDLE_SECONDS} s\n`);
    await sleep(IDLE_SECONDS * 1000);
    const idleKb = sampler.now();
    const readsFrom = sampler.elapsed();
    process.stdout.write(`platform (${variant}): reading for ${READ_SECONDS} s\n`);
    const client = await coordinatorClient(graphqlUrl, dataDir);
    const reads = await readFor(client, READ_SECONDS);
    if (reads.errors > 0)
      process.stdout.write(`  ${reads.errors} reads failed, the first: ${reads.firstError ?? ''}\n`);
    const readsPeakKb = sampler.maxSince(readsFrom);
    await sleep(SETTLE_SECONDS * 1000);
    const steadyKb = sampler.now();
    return {
      variant,
      startPeakKb,
      idleKb,
      readsPeakKb,
      steadyKb,
      overallPeakKb: sampler.peak(),
      startSeconds,
      reads: reads.latencies.length,
      readErrors: reads.errors,
      p50Ms: percentile(reads.latencies, 50),
      p95Ms: percentile(reads.latencies, 95),
      processes: sampler.processes(),
    };
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${output().slice(-2000)}`);
  } finally {
    sampler.stop();
    await stopPlatform(child);
  }
}

/** Events on the log and the size of PGlite's files: what the figures were measured on. */
function dataDirFacts(dataDir: string): string {
  const du = (dir: string): number => {
    let total = 0;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      total += entry.isDirectory() ? du(full) : entry.isFile() ? statSize(full) : 0;
    }
    return total;
  };
  const pglite = path.join(dataDir, 'pglite');
  return existsSync(pglite) ? `${(du(pglite) / 1024 ** 2).toFixed(0)} MB of PGlite files` : 'no PGlite files';
}

function statSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Run
// ---------------------------------------------------------------------------------------------------------------

/** The platform's rows on one data directory: as `npm start` runs it, and with the variant's flag. */
async function measureDirectory(dataDir: string, variants: readonly [string, string[]][]): Promise<PlatformFigures[]> {
  const figures: PlatformFigures[] = [];
  for (const [variant, flags] of variants) figures.push(await measurePlatform(dataDir, variant, flags));
  return figures;
}

function platformTable(title: string, platforms: readonly PlatformFigures[]): Table {
  return {
    title,
    columns: [
      'Process',
      'Start',
      'Peak while starting',
      `Idle, ${IDLE_SECONDS} s after start`,
      'Peak while reading',
      `Steady, ${SETTLE_SECONDS} s after the reads`,
      'Reads (errors)',
      'Read p50',
      'Read p95',
    ],
    rows: platforms.map((p) => [
      p.variant,
      `${p.startSeconds.toFixed(1)} s`,
      mb(p.startPeakKb),
      mb(p.idleKb),
      mb(p.readsPeakKb),
      mb(p.steadyKb),
      `${p.reads} (${p.readErrors})`,
      formatMs(p.p50Ms),
      formatMs(p.p95Ms),
    ]),
    align: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  };
}

async function main(): Promise<void> {
  if (process.platform !== 'linux') throw new Error('bench:memory reads /proc: Linux only');
  for (const entry of [SEED_ENTRY, PLATFORM_ENTRY]) {
    if (!existsSync(entry)) throw new Error(`${entry} is missing: build first (npm run build)`);
  }
  const given = args['data-dir'] === undefined ? undefined : path.resolve(args['data-dir']);
  if (given !== undefined && !existsSync(path.join(given, 'pglite', 'PG_VERSION'))) {
    throw new Error(`${given} holds no PGlite database (no pglite/PG_VERSION)`);
  }
  const runsSeed = !args['no-seed'];
  if (!runsSeed && given === undefined) throw new Error('--no-seed leaves nothing to measure without --data-dir');
  const date = new Date();
  const environment: [string, string][] = [...machineRows(), loadRow()];
  const variants: [string, string[]][] = [['as `npm start` runs it', []]];
  if (!args['no-variants']) variants.push([`with \`node ${SMALL_YOUNG_GENERATION}\``, [SMALL_YOUNG_GENERATION]]);
  const temporary = runsSeed ? await mkdtemp(path.join(os.tmpdir(), 'pamoja-bench-memory-')) : undefined;
  try {
    const tables: Table[] = [];
    const targets: Target[] = [];
    const notes: string[] = [];
    // The target's platform: on the given directory when there is one, else on the seed's.
    let target: { platform: PlatformFigures; facts: string } | undefined;

    if (temporary !== undefined) {
      const seedDir = path.join(temporary, 'data');
      process.stdout.write(`seed: into a new data directory (${seedDir})\n`);
      const seed = await runSeed(seedDir);
      process.stdout.write(`seed: peak ${mb(seed.peakKb)} in ${seed.seconds.toFixed(1)} s\n`);
      tables.push({
        title: '`npm run seed` on a new data directory',
        columns: ['Peak RSS', 'Last sample before exit', 'Processes', 'Duration'],
        rows: [[mb(seed.peakKb), mb(seed.endKb), String(seed.processes), `${seed.seconds.toFixed(1)} s`]],
        align: ['right', 'right', 'right', 'right'],
      });
      targets.push({
        description: `\`npm run seed\` peaks under ${TARGET_MB} MB`,
        actual: mb(seed.peakKb),
        met: seed.peakKb < TARGET_MB * MB,
      });
      if (seed.summary) notes.push(seed.summary.replace(seedDir, '<new data directory>'));
      const facts = `the seed's log, ${dataDirFacts(seedDir)}`;
      const platforms = await measureDirectory(seedDir, variants);
      tables.push(platformTable(`The embedded platform (\`npm start\`) on ${facts}`, platforms));
      if (platforms[0]) target = { platform: platforms[0], facts };
    }
    if (given !== undefined) {
      const facts = `${args.label ?? 'the given data directory'}, ${dataDirFacts(given)}`;
      const platforms = await measureDirectory(given, variants);
      tables.push(platformTable(`The embedded platform (\`npm start\`) on ${facts}`, platforms));
      if (platforms[0]) target = { platform: platforms[0], facts };
    }
    if (target) {
      const { platform, facts } = target;
      targets.push({
        description: `embedded platform steady RSS ≤ ${TARGET_MB} MB (${facts})`,
        actual: `${mb(platform.steadyKb)} (peak while reading ${mb(platform.readsPeakKb)})`,
        met: platform.steadyKb <= TARGET_MB * MB && platform.readsPeakKb <= TARGET_MB * MB,
      });
    }
    if (given === undefined) {
      notes.push(
        "The platform target is set for a log of 100k events: this run measured it on the seed's log only " +
          '(`-- --data-dir <dir> --label "100k events"` measures it on such a directory as well).',
      );
    }

    const report = {
      id: 'memory',
      title: 'Memory of the embedded platform (bench:memory)',
      command: `npm run bench:memory${given === undefined ? '' : ` -- --data-dir <dir>${args.label ? ` --label "${args.label}"` : ''}`}`,
      date,
      environment: [...environment, ['PGlite buffer pool (shared_buffers)', PGLITE_SHARED_BUFFERS] as [string, string]],
      method: [
        'Resident memory (RSS) read from `/proc/<pid>/status` every 50 ms, summed over the process and any it ' +
          "starts; a peak is the highest sum or the process's own `VmHWM`, whichever is higher. Each process runs in " +
          'a child of the bench, on the built files, as its npm script runs it. The seed runs on a new temporary data ' +
          'directory (PostgreSQL initdb included); the platform then starts on a data directory, idles, and answers ' +
          "a coordinator's reads one at a time: every case page by page (up to 2,000), 20 cases with their " +
          'timeline, the escalations, sites, stage counts, handoff statistics and the directory, over and over. ' +
          'Read latencies are there to show what the platform was doing; on a shared machine they are noisy.',
        'The second row of each platform table is the platform with a smaller young generation ' +
          `(\`${SMALL_YOUNG_GENERATION}\`: V8's semi-space, which otherwise grows to 64 MB, twice), a flag only the ` +
          'command line can give.',
      ],
      tables,
      targets,
      notes,
    };
    process.stdout.write(`\n${renderConsoleReport(report)}\n`);
    const file = await writeReportSection(report);
    process.stdout.write(`\nwrote the memory section of ${file}\n`);
    if (STRICT && targets.some((t) => !t.met)) process.exitCode = 1;
  } finally {
    if (temporary) await rm(temporary, { recursive: true, force: true });
  }
}

await main();
