/**
 * The load test against the platform as `npm start` runs it (built, on a free port, with a temporary data
 * directory): a short run at a low rate, driven through its command line. Every kind of step of a case and every
 * read must have been sent and have succeeded, and the WebSocket subscribers must have received the referrals and
 * the timeline entries. Nothing here is about speed: the figures are the load test's to print, not the test's.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { cliProgram, runCli } from '@pamoja/platform/cli';
import { buildIfStale, repositoryRoot, startBuiltPlatform, type BuiltPlatform } from '../readme/built-platform.js';
import { CASE_STEPS, READS, type LoadReport } from './load.js';
import { loadProgram } from './program.js';

describe('the load test against the embedded platform', () => {
  let platform: BuiltPlatform | undefined;
  let report: LoadReport | undefined;
  let output = '';

  beforeAll(async () => {
    await buildIfStale(repositoryRoot());
    platform = await startBuiltPlatform();
  }, 300_000);

  afterAll(async () => {
    await platform?.stop();
  }, 60_000);

  afterEach(() => {
    // The run's own verdict (the achieved rate depends on the machine) is not this test's.
    process.exitCode = undefined;
  });

  it('walks cases from referral to hearing with assistance, reads the queues and the joint case, and hears the events', async () => {
    if (!platform) throw new Error('the platform did not start');
    const program = loadProgram(
      cliProgram('load', 'test'),
      (result) => {
        report = result;
      },
      (text) => {
        output += text;
      },
    );
    await runCli(program, [
      '--url',
      `http://127.0.0.1:${String(platform.port)}/graphql`,
      '--data-dir',
      platform.dataDir,
      // Low enough for a busy machine: a case takes twelve steps one after the other, and some must reach the
      // hearing within the window.
      '--rate',
      '3',
      '--seconds',
      '15',
      '--warmup',
      '5',
      '--think',
      '100',
      '--clients',
      '4',
      '--subscribers',
      '5',
      // Every case started in the window goes on to its last step, however slow the machine: the steps checked
      // below are then all sent, instead of depending on how far a case gets within 15 s.
      '--finish-cases',
      '--json',
    ]);
    if (!report) throw new Error(`the load test did not report:\n${output}\n${platform.output()}`);
    const ran = report;

    // Printed as JSON, as --json says.
    expect(JSON.parse(output)).toMatchObject({ url: ran.url, errorCount: ran.errorCount });

    expect(ran.errors).toEqual([]);
    const byName = new Map(ran.operations.map((o) => [`${o.kind}:${o.operation}`, o]));
    for (const step of CASE_STEPS) {
      expect({ step, ...byName.get(`command:${step}`) }).toMatchObject({ step, errors: 0, count: expect.any(Number) });
      expect(byName.get(`command:${step}`)?.count).toBeGreaterThan(0);
    }
    for (const read of [...READS.map((r) => r.name), 'referral']) {
      expect({ read, ...byName.get(`read:${read}`) }).toMatchObject({ read, errors: 0 });
      expect(byName.get(`read:${read}`)?.count).toBeGreaterThan(0);
    }
    expect(ran.commands.sent).toBeGreaterThan(0);
    expect(ran.commands.succeeded).toBe(ran.commands.sent);
    expect(ran.reads.succeeded).toBe(ran.reads.sent);
    expect(ran.finishCases).toBe(true);
    expect(ran.cases.completed).toBeGreaterThan(0);

    // The live queues and the case pages saw what was done, each command's event after its answer.
    expect(ran.events['sub referralReceived']).toBeGreaterThan(0);
    expect(ran.events['sub caseTimelineEntryAdded']).toBeGreaterThan(0);
    expect(byName.get('subscription:sub referralReceived')?.count).toBeGreaterThan(0);
    expect(byName.get('subscription:sub caseTimelineEntryAdded')?.count).toBeGreaterThan(0);
    expect(ran.eventsMissing).toBe(0);

    // Where the commands' time went: every answer carried the platform's Server-Timing, every step is in it.
    expect(ran.timeBreakdown.withoutTiming).toBe(0);
    expect(ran.timeBreakdown.operations.map((o) => o.operation).sort()).toEqual([...CASE_STEPS].sort());
    expect(ran.timeBreakdown.all?.count).toBe(ran.commandsOverall.count);
    expect(ran.timeBreakdown.all?.parts.store.p50Ms).toBeGreaterThan(0);
  }, 120_000);
});
