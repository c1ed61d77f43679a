import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { buildSchema, parse, validate } from 'graphql';
import { cliProgram, runCli } from '@pamoja/platform/cli';
import { checkLoopbackUrl, type LoadReport } from './load.js';
import * as operations from './operations.js';
import { loadProgram } from './program.js';

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
