/**
 * Shared by every bench (bench:store, bench:pipeline, bench:gateway, ...): machine facts, timing helpers,
 * console and Markdown tables, and docs/benchmarks.md, where each bench owns one section between markers
 * and replaces only that section, so benches never overwrite each other's figures.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// ---------------------------------------------------------------------------------------------------------------
// Machine
// ---------------------------------------------------------------------------------------------------------------

export interface MachineInfo {
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly platform: string;
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.type()} ${os.release()} (${os.arch()})`,
  };
}

/** The machine's load when a benchmark starts, as a row: a figure means little without it. */
export function loadRow(): [string, string] {
  return [
    'Load average at start',
    `${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} (1 / 5 / 15 min)`,
  ];
}

/** The machine facts as rows for a report's environment list. */
export function machineRows(machine: MachineInfo = machineInfo()): [string, string][] {
  return [
    ['CPU', machine.cpuModel],
    ['Cores', String(machine.cores)],
    ['Memory', `${machine.memoryGiB} GiB`],
    ['Node.js', machine.node],
    ['OS', machine.platform],
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Timing
// ---------------------------------------------------------------------------------------------------------------

export interface TimedRun {
  /** Operations completed inside the measured window. */
  readonly operations: number;
  /** Units of work (e.g. events) those operations carried. */
  readonly units: number;
  readonly seconds: number;
  /** Per-operation latencies in milliseconds, unsorted. */
  readonly latenciesMs: number[];
}

export interface TimedRunOptions {
  readonly workers: number;
  readonly seconds: number;
  /** Untimed run first, to warm connections, caches and the JIT. */
  readonly warmupSeconds?: number;
}

/**
 * Runs `workers` loops concurrently, each calling `operation(worker, iteration)` back to back until the window
 * closes; `operation` resolves with the number of units it carried. Throws the first error of any worker.
 */
export async function runTimed(
  options: TimedRunOptions,
  operation: (worker: number, iteration: number) => Promise<number>,
): Promise<TimedRun> {
  let iteration = 0;
  const loop = async (seconds: number, record: boolean): Promise<TimedRun> => {
    const latenciesMs: number[] = [];
    let operations = 0;
    let units = 0;
    const started = performance.now();
    const deadline = started + seconds * 1000;
    const worker = async (w: number): Promise<void> => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const carried = await operation(w, iteration++);
        if (record) latenciesMs.push(performance.now() - t0);
        operations++;
        units += carried;
      }
    };
    await Promise.all(Array.from({ length: options.workers }, (_, w) => worker(w)));
    return { operations, units, seconds: (performance.now() - started) / 1000, latenciesMs };
  };
  if (options.warmupSeconds && options.warmupSeconds > 0) await loop(options.warmupSeconds, false);
  return loop(options.seconds, true);
}

/** Adds up runs of the same work: operations, units, time and latencies. */
export function combineRuns(runs: readonly TimedRun[]): TimedRun {
  return {
    operations: runs.reduce((sum, r) => sum + r.operations, 0),
    units: runs.reduce((sum, r) => sum + r.units, 0),
    seconds: runs.reduce((sum, r) => sum + r.seconds, 0),
    latenciesMs: runs.flatMap((r) => r.latenciesMs),
  };
}

export interface InterleavedOptions extends TimedRunOptions {
  /** The window is cut into this many slices per side, alternating A, B, B, A, A, B, ... (default 4). */
  readonly rounds?: number;
}

/**
 * Measures a candidate `a` against a baseline `b` in alternating slices of the same total window, so that noise
 * from the rest of the machine falls on both sides alike. Each side is warmed up first.
 */
export async function runInterleaved(
  options: InterleavedOptions,
  a: (worker: number, iteration: number) => Promise<number>,
  b: (worker: number, iteration: number) => Promise<number>,
): Promise<[TimedRun, TimedRun]> {
  const [runA, runB] = await runInterleavedAll(options, [a, b]);
  if (!runA || !runB) throw new Error('an interleaved run lost a side');
  return [runA, runB];
}

/**
 * Like `runInterleaved`, for any number of sides: each round runs every side once, starting with a different side
 * each round, so background load and warm caches fall on all sides alike.
 */
export async function runInterleavedAll(
  options: InterleavedOptions,
  sides: readonly ((worker: number, iteration: number) => Promise<number>)[],
): Promise<TimedRun[]> {
  const rounds = Math.max(sides.length, options.rounds ?? 4);
  const slice = { workers: options.workers, seconds: options.seconds / rounds };
  if (options.warmupSeconds && options.warmupSeconds > 0) {
    for (const side of sides) await runTimed({ workers: options.workers, seconds: options.warmupSeconds }, side);
  }
  const runs: { side: (worker: number, iteration: number) => Promise<number>; slices: TimedRun[] }[] = sides.map(
    (side) => ({ side, slices: [] }),
  );
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < runs.length; k++) {
      const run = runs[(round + k) % runs.length];
      if (run) run.slices.push(await runTimed(slice, run.side));
    }
  }
  return runs.map((r) => combineRuns(r.slices));
}

/** Times one piece of work. */
export async function timeIt<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const started = performance.now();
  const result = await work();
  return { result, seconds: (performance.now() - started) / 1000 };
}

/** The p-th percentile (0-100) by nearest rank; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

// ---------------------------------------------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------------------------------------------

export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond)) return 'n/a';
  return Math.round(perSecond).toLocaleString('en-US');
}

export function formatRatio(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : 'n/a';
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  return ms < 10 ? `${ms.toFixed(2)} ms` : `${ms.toFixed(1)} ms`;
}

export type Cell = string | number;

export interface Table {
  readonly title?: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  /** Per column; numbers default to right, text to left. */
  readonly align?: readonly ('left' | 'right')[];
}

function cellText(cell: Cell | undefined): string {
  if (cell === undefined) return '';
  return typeof cell === 'number' ? formatRate(cell) : cell;
}

function alignments(table: Table): ('left' | 'right')[] {
  return table.columns.map((_, c) => {
    const given = table.align?.[c];
    if (given) return given;
    return table.rows.length > 0 && table.rows.every((row) => typeof row[c] === 'number') ? 'right' : 'left';
  });
}

export function renderConsoleTable(table: Table): string {
  const align = alignments(table);
  const text = table.rows.map((row) => table.columns.map((_, c) => cellText(row[c])));
  const widths = table.columns.map((heading, c) =>
    Math.max(heading.length, ...text.map((row) => (row[c] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, c) => {
        const width = widths[c] ?? 0;
        return align[c] === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const out = [line(table.columns), widths.map((w) => '-'.repeat(w)).join('  '), ...text.map(line)];
  if (table.title) out.unshift(table.title);
  return out.join('\n');
}

function escapeMarkdown(cell: string): string {
  return cell.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

export function renderMarkdownTable(table: Table): string {
  const align = alignments(table);
  const row = (cells: readonly string[]): string => `| ${cells.map(escapeMarkdown).join(' | ')} |`;
  const out = [
    row(table.columns),
    `|${align.map((a) => (a === 'right' ? ' ---: ' : ' --- ')).join('|')}|`,
    ...table.rows.map((r) => row(table.columns.map((_, c) => cellText(r[c])))),
  ];
  if (table.title) out.unshift(`**${table.title}**`, '');
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Reports
// ---------------------------------------------------------------------------------------------------------------

export interface Target {
  readonly description: string;
  readonly actual: string;
  readonly met: boolean;
}

export interface BenchReport {
  /** Section key in docs/benchmarks.md, e.g. `store`; lower-case letters, digits and dashes. */
  readonly id: string;
  readonly title: string;
  /** How to reproduce, e.g. `npm run bench:store`. */
  readonly command: string;
  readonly date: Date;
  /** Machine and software versions, in order. */
  readonly environment: readonly (readonly [string, string])[];
  /** Paragraphs printed before the tables: what was measured, and how. */
  readonly method?: readonly string[];
  readonly tables: readonly Table[];
  readonly targets: readonly Target[];
  readonly notes?: readonly string[];
}

export function renderConsoleReport(report: BenchReport): string {
  const out: string[] = [`== ${report.title} (${report.date.toISOString()})`, ''];
  const width = Math.max(...report.environment.map(([k]) => k.length));
  for (const [key, value] of report.environment) out.push(`${key.padEnd(width)}  ${value}`);
  for (const table of report.tables) out.push('', renderConsoleTable(table));
  if (report.targets.length > 0) {
    out.push(
      '',
      renderConsoleTable({
        title: 'Targets',
        columns: ['Target', 'Actual', 'Result'],
        rows: report.targets.map((t) => [t.description, t.actual, t.met ? 'met' : 'MISSED']),
      }),
    );
  }
  for (const note of report.notes ?? []) out.push('', `note: ${note}`);
  return out.join('\n');
}

export function renderMarkdownSection(report: BenchReport): string {
  const out: string[] = [
    `## ${report.title}`,
    '',
    `Generated by \`${report.command}\` on ${report.date.toISOString().slice(0, 10)} (${report.date.toISOString()}). ` +
      'Rerun the command to replace this section; other sections are left alone.',
    '',
    '| Environment | |',
    '| --- | --- |',
    ...report.environment.map(([k, v]) => `| ${escapeMarkdown(k)} | ${escapeMarkdown(v)} |`),
  ];
  for (const paragraph of report.method ?? []) out.push('', paragraph);
  for (const table of report.tables) out.push('', renderMarkdownTable(table));
  if (report.targets.length > 0) {
    out.push(
      '',
      renderMarkdownTable({
        title: 'Targets',
        columns: ['Target', 'Actual', 'Result'],
        rows: report.targets.map((t) => [t.description, t.actual, t.met ? '✅ met' : '❌ missed']),
      }),
    );
  }
  if (report.notes && report.notes.length > 0) {
    out.push('', ...report.notes.map((note) => `- ${note}`));
  }
  return out.join('\n');
}

const SECTION_ID = /^[a-z0-9][a-z0-9-]*$/;

const DOC_HEADER = `# Benchmarks

Figures measured by the benches in \`tools/bench\`. Each bench writes only its own section, between its
\`<!-- bench:<id>:start -->\` and \`<!-- bench:<id>:end -->\` markers; text outside the markers is kept.
Numbers depend on the machine: compare ratios measured in the same run rather than absolute rates across machines.
`;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces the section `id` in `doc` (or appends it); everything else in `doc` is kept byte for byte. */
export function replaceSection(doc: string, id: string, markdown: string): string {
  if (!SECTION_ID.test(id)) throw new Error(`invalid bench section id: ${JSON.stringify(id)}`);
  const start = `<!-- bench:${id}:start -->`;
  const end = `<!-- bench:${id}:end -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const existing = new RegExp(`${escapeRegExp(start)}[\\s\\S]*?${escapeRegExp(end)}`);
  if (existing.test(doc)) return doc.replace(existing, () => block);
  const base = doc.trim().length === 0 ? DOC_HEADER : doc;
  return `${base.trimEnd()}\n\n${block}\n`;
}

/** The workspace root: the nearest folder above this file (or the working directory) holding nx.json. */
export function workspaceRoot(): string {
  for (const start of [path.dirname(fileURLToPath(import.meta.url)), process.cwd()]) {
    let dir = start;
    for (;;) {
      if (existsSync(path.join(dir, 'nx.json'))) return dir;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return process.cwd();
}

/** docs/benchmarks.md of the workspace, or BENCH_REPORT_FILE when set. */
export function benchmarksDocPath(): string {
  return process.env.BENCH_REPORT_FILE ?? path.join(workspaceRoot(), 'docs', 'benchmarks.md');
}

/** Writes the report's section into docs/benchmarks.md (created if missing); returns the file's path. */
export async function writeReportSection(report: BenchReport, file = benchmarksDocPath()): Promise<string> {
  let doc = '';
  try {
    doc = await readFile(file, 'utf8');
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const next = replaceSection(doc, report.id, renderMarkdownSection(report));
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, next, 'utf8');
  await rename(temporary, file);
  return file;
}
