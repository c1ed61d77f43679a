/**
 * Where a command's time went: each answer's `Server-Timing` phases (the platform's checks, store, wait for the
 * read models, audit, and the gateway's own time in server mode), the rest of the server's total (the HTTP,
 * GraphQL and policy work) and what the client saw beyond the server's total (waiting for a connection, the
 * network, the load generator's event loop), as p50 and p99 per operation.
 */
import { parseServerTiming } from '@pamoja/platform/telemetry';
import { percentile, renderConsoleTable, type Table } from '../bench/bench-report.js';

/** The phases the platform names in its `Server-Timing` header (`gateway` only through the gateway). */
export const NAMED_PHASES = ['checks', 'store', 'wait', 'audit', 'gateway'] as const;

/**
 * The parts of an answer's time: the named phases; `rest`, the server's total less the named phases; `queueing`,
 * the client's latency less the server's total.
 */
export const BREAKDOWN_PARTS = [...NAMED_PHASES, 'rest', 'queueing'] as const;
export type BreakdownPart = (typeof BREAKDOWN_PARTS)[number];

export type AnswerParts = Readonly<Record<BreakdownPart, number>>;

/**
 * One answer's time in parts, from its latency at the client and its `Server-Timing` phases; undefined when the
 * answer carried no server total (a platform without the header, an answer that never came). A phase the request
 * did not go through counts as 0. Rounding in the header (0.1 ms) never makes a part negative.
 */
export function partsOf(latencyMs: number, phases: ReadonlyMap<string, number>): AnswerParts | undefined {
  const total = phases.get('total');
  if (total === undefined) return undefined;
  const named = Object.fromEntries(NAMED_PHASES.map((phase) => [phase, phases.get(phase) ?? 0])) as Record<
    (typeof NAMED_PHASES)[number],
    number
  >;
  const namedSum = NAMED_PHASES.reduce((sum, phase) => sum + named[phase], 0);
  return { ...named, rest: Math.max(0, total - namedSum), queueing: Math.max(0, latencyMs - total) };
}

export interface PartFigures {
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface OperationBreakdown {
  readonly operation: string;
  /** Answers with a `Server-Timing` total. */
  readonly count: number;
  /** Their latency at the client (from when the operation was due). */
  readonly latency: PartFigures;
  /** Each part's own percentiles: the p99s of the parts do not add up to the p99 of the latency. */
  readonly parts: Readonly<Record<BreakdownPart, PartFigures>>;
}

export interface TimeBreakdown {
  /** Per command operation, by name. */
  readonly operations: readonly OperationBreakdown[];
  /** Every command together; undefined when no answer carried the header. */
  readonly all: OperationBreakdown | undefined;
  /** Measured answers without a `Server-Timing` total (timeouts, network errors, a platform without it). */
  readonly withoutTiming: number;
}

interface Answer {
  readonly latencyMs: number;
  readonly parts: AnswerParts;
}

const figures = (values: readonly number[]): PartFigures => ({
  p50Ms: percentile(values, 50),
  p99Ms: percentile(values, 99),
});

function breakdownOf(operation: string, answers: readonly Answer[]): OperationBreakdown {
  return {
    operation,
    count: answers.length,
    latency: figures(answers.map((a) => a.latencyMs)),
    parts: Object.fromEntries(
      BREAKDOWN_PARTS.map((part) => [part, figures(answers.map((a) => a.parts[part]))]),
    ) as Record<BreakdownPart, PartFigures>,
  };
}

/** Collects the answers of a run, operation by operation, and sums them up. */
export class BreakdownRecorder {
  private readonly answers = new Map<string, Answer[]>();
  private missing = 0;

  /** An answer to `operation` that took `latencyMs` at the client, with its `Server-Timing` header (if any). */
  add(operation: string, latencyMs: number, serverTiming: string | undefined): void {
    const parts = partsOf(latencyMs, parseServerTiming(serverTiming));
    if (!parts) {
      this.missing++;
      return;
    }
    const list = this.answers.get(operation);
    if (list) list.push({ latencyMs, parts });
    else this.answers.set(operation, [{ latencyMs, parts }]);
  }

  report(): TimeBreakdown {
    const names = [...this.answers.keys()].sort((a, b) => a.localeCompare(b));
    const every = names.flatMap((name) => this.answers.get(name) ?? []);
    return {
      operations: names.map((name) => breakdownOf(name, this.answers.get(name) ?? [])),
      all: every.length > 0 ? breakdownOf('all commands', every) : undefined,
      withoutTiming: this.missing,
    };
  }
}

const cell = (f: PartFigures): string =>
  Number.isFinite(f.p50Ms) ? `${f.p50Ms.toFixed(1)} / ${f.p99Ms.toFixed(1)}` : 'n/a';

/** The breakdown as a table (ms, p50 / p99 per cell): a row per operation, then every command. */
export function breakdownTable(breakdown: TimeBreakdown, title = 'where the time went (commands)'): Table {
  const rows = [...breakdown.operations, ...(breakdown.all ? [breakdown.all] : [])].map((o) => [
    o.operation,
    String(o.count),
    cell(o.latency),
    ...BREAKDOWN_PARTS.map((part) => cell(o.parts[part])),
  ]);
  return {
    title: `${title}, ms, p50 / p99`,
    columns: ['operation', 'answers', 'latency', ...BREAKDOWN_PARTS],
    rows,
    align: ['left', 'right', 'right', ...BREAKDOWN_PARTS.map(() => 'right' as const)],
  };
}

/** What the parts of the breakdown are, in a sentence or two. */
export const BREAKDOWN_LEGEND =
  "From the answers' Server-Timing: checks before a command is decided, store (deciding and appending), wait " +
  '(for the read models), audit, gateway (its own time, server mode), rest (the server total less those: HTTP, ' +
  "GraphQL, policy); queueing is the client's latency less the server total (waiting for a connection, the " +
  'network, the event loops). Each part has its own percentiles: they do not add up to the latency.';

/** The breakdown as a console table, with the legend. */
export function renderBreakdown(breakdown: TimeBreakdown, title = 'where the time went (commands)'): string {
  if (!breakdown.all) return `${title}: no answer carried a Server-Timing header`;
  return [
    renderConsoleTable(breakdownTable(breakdown, title)),
    '',
    BREAKDOWN_LEGEND +
      (breakdown.withoutTiming > 0 ? ` ${String(breakdown.withoutTiming)} answers had no Server-Timing.` : ''),
  ].join('\n');
}
