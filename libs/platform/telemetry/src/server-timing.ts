import { AsyncLocalStorage } from 'node:async_hooks';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';

/** The response header that tells a client where its request's time went (W3C Server Timing). */
export const SERVER_TIMING_HEADER = 'Server-Timing';

/**
 * The phases a request's time is split into, in the order the header lists them. `total` runs from the request's
 * arrival (its body read) to its answer's headers; what the named phases leave of it is the rest of the HTTP,
 * GraphQL and policy work (parsing, the token, validation, serialising the answer).
 */
export const SERVER_TIMING_PHASES = {
  /** A command's checks before it is decided: the directory's agencies and sites, the case's persons. */
  checks: 'checks',
  /** Deciding a command and appending its events (reading the stream, encryption, the append's transaction). */
  store: 'store',
  /** Waiting for the service's read models to reach what the command wrote (read-your-writes). */
  wait: 'wait',
  /** Writing the audit entries of the request (and waiting for their batch). */
  audit: 'audit',
} as const;
export type ServerTimingPhase = (typeof SERVER_TIMING_PHASES)[keyof typeof SERVER_TIMING_PHASES];

/** The time a request has spent in each phase so far, in milliseconds. */
class RequestTimings {
  private readonly spent = new Map<ServerTimingPhase, number>();
  readonly startedAt = performance.now();

  add(phase: ServerTimingPhase, ms: number): void {
    this.spent.set(phase, (this.spent.get(phase) ?? 0) + ms);
  }

  /** `checks;dur=1.2, store;dur=3.4, …, total;dur=12.0`: only the phases the request went through. */
  header(): string {
    const parts = [...this.spent].map(([phase, ms]) => `${phase};dur=${ms.toFixed(1)}`);
    parts.push(`total;dur=${(performance.now() - this.startedAt).toFixed(1)}`);
    return parts.join(', ');
  }
}

const current = new AsyncLocalStorage<RequestTimings>();

/**
 * Runs `work` and adds its duration to `phase` of the request it is part of; outside a request (a platform
 * command, a consumer) it only runs it.
 */
export async function timedPhase<T>(phase: ServerTimingPhase, work: () => Promise<T>): Promise<T> {
  const timings = current.getStore();
  if (!timings) return work();
  const started = performance.now();
  try {
    return await work();
  } finally {
    timings.add(phase, performance.now() - started);
  }
}

/**
 * Express (or plain Node) middleware: each request gets its timings, and its answer a `Server-Timing` header with
 * the phases it went through and its total, written just before the headers go. Durations only, never what was
 * asked or answered. Mounted after the body is read, like the tracing middleware, so the timings follow the
 * request through its resolvers.
 */
export function serverTiming(
  options: { ignore?: (path: string) => boolean } = {},
): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  return (req, res, next) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (options.ignore?.(path)) {
      next();
      return;
    }
    const timings = new RequestTimings();
    // writeHead's overloads cannot be restated in a wrapper; the arguments are passed on untouched.
    const writeHead = res.writeHead.bind(res) as (...passed: unknown[]) => ServerResponse;
    const withTiming = (...args: unknown[]): ServerResponse => {
      if (!res.headersSent) res.setHeader(SERVER_TIMING_HEADER, timings.header());
      return writeHead(...args);
    };
    res.writeHead = withTiming;
    current.run(timings, next);
  };
}

/** The phases of a `Server-Timing` header value, in milliseconds (for clients that measure: the load test, benches). */
export function parseServerTiming(value: string | null | undefined): Map<string, number> {
  const phases = new Map<string, number>();
  for (const part of (value ?? '').split(',')) {
    const [name, ...params] = part.trim().split(';');
    const duration = params.map((p) => p.trim()).find((p) => p.startsWith('dur='));
    if (!name || !duration) continue;
    const ms = Number(duration.slice(4));
    if (Number.isFinite(ms)) phases.set(name, (phases.get(name) ?? 0) + ms);
  }
  return phases;
}
