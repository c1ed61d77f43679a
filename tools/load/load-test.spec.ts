import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { buildSchema, parse, validate } from 'graphql';
import { cliProgram, runCli } from '@pamoja/platform/cli';
import { askAgainWhileNotFound, checkLoopbackUrl, READS, type LoadReport, type Outcome } from './load.js';
import * as operations from './operations.js';
import { loadProgram } from './program.js';
import { BreakdownRecorder, partsOf, renderBreakdown } from './time-breakdown.js';

/** Runs `npm run load -- <argv>` in-process: what it printed, its exit code, and whether a run took place. */
async function load(argv: readonly string[]): Promise<{ output: string; exitCode: number; ran: boolean }> {
  let output = '';
  let ran = false;
  const program = loadProgram(
    cliProgram('load', 'test').configureOutput({
      writeOut: (text) => (output += text),
      writeErr: (text) => (output += text),
    }),
    (_report: LoadReport) => {
      ran = true;
    },
    (text) => (output += text),
  );
  await runCli(program, argv);
  const exitCode = Number(process.exitCode ?? 0);
  return { output, exitCode, ran };
}

afterEach(() => {
  process.exitCode = undefined;
});

describe('the load test refuses what is not a local platform', () => {
  it.each([
    'http://192.0.2.10:4000/graphql',
    'http://example.org/graphql',
    'http://10.0.0.1:4000/graphql',
    'http://[2001:db8::1]:4000/graphql',
    'http://127.example.org/graphql',
  ])('refuses %s, naming its host, and sends nothing', async (url) => {
    const { output, exitCode, ran } = await load(['--url', url, '--seconds', '1', '--warmup', '0']);
    expect(exitCode).toBe(2);
    expect(ran).toBe(false);
    expect(output).toContain(`the host ${new URL(url).hostname} is not loopback`);
    expect(output).toContain('npm run load -- --help');
  });

  it('refuses a scheme other than http(s) and text that is no URL', async () => {
    expect((await load(['--url', 'ftp://127.0.0.1/graphql'])).output).toContain('only http: and https:');
    expect((await load(['--url', 'localhost:4000'])).exitCode).toBe(2);
  });

  it('accepts the loopback addresses: 127.0.0.0/8, ::1 and localhost', () => {
    for (const url of [
      'http://127.0.0.1:4000/graphql',
      'http://127.1.2.3:4000/graphql',
      'http://[::1]:4000/graphql',
      'http://localhost:4000/graphql',
      'https://LOCALHOST/graphql',
    ]) {
      expect(checkLoopbackUrl(url).toString()).toBe(new URL(url).toString());
    }
  });

  it('refuses a measured window longer than 600 s, and a rate that is not a number', async () => {
    const long = await load(['--seconds', '601']);
    expect(long.exitCode).toBe(2);
    expect(long.output).toContain('--seconds must be between 1 and 600, not 601');
    const rate = await load(['--rate', 'fast']);
    expect(rate.exitCode).toBe(2);
    expect(rate.output).toContain('--rate must be a number, not fast');
    expect(long.ran || rate.ran).toBe(false);
  });
});

describe("the load test's operations", () => {
  const schema = buildSchema(readFileSync(join(process.cwd(), 'docs/api/schema.graphql'), 'utf8'));

  it.each(Object.entries(operations))('%s is valid against the published API', (_name, document) => {
    expect(validate(schema, parse(document)).map((e) => e.message)).toEqual([]);
  });
});

describe('a case page opened before its case reached the coordination service', () => {
  const notFound: Outcome = { ok: false, code: 'NOT_FOUND', message: 'Joint case not found' };
  const found: Outcome = { ok: true, data: { jointCase: { id: 'case-1' } } };
  /** An ask that answers the given outcomes in turn, the last one from then on; and the times it was asked. */
  const answers = (...outcomes: Outcome[]): { ask: () => Promise<Outcome>; asked: () => number } => {
    let n = 0;
    return {
      ask: () => Promise.resolve(outcomes[Math.min(n++, outcomes.length - 1)] ?? notFound),
      asked: () => n,
    };
  };

  it('asks a NOT_FOUND again, as the console does, and counts the answer that came', async () => {
    const { ask, asked } = answers(notFound, notFound, found);
    let again = 0;
    const outcome = await askAgainWhileNotFound(ask, 8000, () => again++);
    expect(outcome).toEqual(found);
    expect(asked()).toBe(3);
    expect(again).toBe(2);
  });

  it('gives up after its window: a case that never comes is an error, NOT_FOUND', async () => {
    const { ask, asked } = answers(notFound);
    // 250 ms, then 500 would end after 750: past a window of 600 ms, so two asks.
    const outcome = await askAgainWhileNotFound(ask, 600);
    expect(outcome.code).toBe('NOT_FOUND');
    expect(asked()).toBe(2);
  });

  it('asks any other error, and anything with no window, once', async () => {
    const refused = answers({ ok: false, code: 'FORBIDDEN' }, found);
    expect((await askAgainWhileNotFound(refused.ask, 8000)).code).toBe('FORBIDDEN');
    expect(refused.asked()).toBe(1);
    const queue = answers(notFound, found);
    expect((await askAgainWhileNotFound(queue.ask, 0)).code).toBe('NOT_FOUND');
    expect(queue.asked()).toBe(1);
  });

  it('does so for the joint case read only, for as long as the console case page does', () => {
    const page = readFileSync(join(process.cwd(), 'apps/console/src/features/case/CasePage.tsx'), 'utf8');
    const consoleMs = Number(/const NOT_FOUND_RETRY_MS = (\d+);/.exec(page)?.[1]);
    expect(READS.filter((r) => r.notFoundRetryMs !== undefined).map((r) => [r.name, r.notFoundRetryMs])).toEqual([
      ['case', consoleMs],
    ]);
  });
});

describe('where the time went', () => {
  const phases = (header: string): Map<string, number> =>
    new Map(
      header.split(', ').map((part) => {
        const [name = '', dur = ''] = part.split(';dur=');
        return [name, Number(dur)];
      }),
    );

  it("splits an answer's time into its phases, the rest of the server's total and the client's queueing", () => {
    const parts = partsOf(
      60,
      phases('checks;dur=2, store;dur=10, wait;dur=5, audit;dur=3, gateway;dur=4, total;dur=40'),
    );
    expect(parts).toEqual({ checks: 2, store: 10, wait: 5, audit: 3, gateway: 4, rest: 16, queueing: 20 });
  });

  it('counts a phase the request did not go through as 0, never a part below 0, and nothing without a total', () => {
    // The embedded app has no gateway; a read has no store nor wait. The header rounds to 0.1 ms.
    expect(partsOf(30.05, phases('store;dur=20.1, total;dur=30.1'))).toEqual({
      checks: 0,
      store: 20.1,
      wait: 0,
      audit: 0,
      gateway: 0,
      rest: expect.closeTo(10, 5) as unknown as number,
      queueing: 0,
    });
    expect(partsOf(25, phases('store;dur=20.1, audit;dur=10, total;dur=30'))?.rest).toBe(0);
    expect(partsOf(25, phases('store;dur=20'))).toBeUndefined();
  });

  it('gives the p50 and p99 of each part per operation and for every command, and counts answers without timing', () => {
    const recorder = new BreakdownRecorder();
    // acceptReferral: store 1..100 ms, the rest 5 ms, queueing 10 ms.
    for (let i = 1; i <= 100; i++)
      recorder.add('acceptReferral', i + 15, `store;dur=${String(i)}, total;dur=${String(i + 5)}`);
    // submitReferral: through the gateway, 3 ms of it, and a wait.
    for (let i = 0; i < 10; i++)
      recorder.add('submitReferral', 50, 'checks;dur=4, wait;dur=6, gateway;dur=3, total;dur=20');
    recorder.add('submitReferral', 30_000, undefined);
    const report = recorder.report();

    expect(report.withoutTiming).toBe(1);
    expect(report.operations.map((o) => [o.operation, o.count])).toEqual([
      ['acceptReferral', 100],
      ['submitReferral', 10],
    ]);
    const [accept, submit] = report.operations;
    expect(accept?.parts.store).toEqual({ p50Ms: 50, p99Ms: 99 });
    expect(accept?.parts.rest).toEqual({ p50Ms: 5, p99Ms: 5 });
    expect(accept?.parts.queueing).toEqual({ p50Ms: 10, p99Ms: 10 });
    expect(accept?.parts.gateway).toEqual({ p50Ms: 0, p99Ms: 0 });
    expect(accept?.latency).toEqual({ p50Ms: 65, p99Ms: 114 });
    expect(submit?.parts).toMatchObject({
      checks: { p50Ms: 4, p99Ms: 4 },
      wait: { p50Ms: 6, p99Ms: 6 },
      gateway: { p50Ms: 3, p99Ms: 3 },
      rest: { p50Ms: 7, p99Ms: 7 },
      queueing: { p50Ms: 30, p99Ms: 30 },
    });
    expect(report.all).toMatchObject({ operation: 'all commands', count: 110 });
    expect(report.all?.parts.checks).toEqual({ p50Ms: 0, p99Ms: 4 });

    const table = renderBreakdown(report);
    expect(table).toContain('where the time went (commands), ms, p50 / p99');
    expect(table).toMatch(/acceptReferral\s+100\s+65\.0 \/ 114\.0\s+0\.0 \/ 0\.0\s+50\.0 \/ 99\.0/);
    expect(table).toContain('1 answers had no Server-Timing');
  });

  it('says so when no answer carried the header', () => {
    expect(renderBreakdown(new BreakdownRecorder().report())).toContain('no answer carried a Server-Timing header');
  });
});
