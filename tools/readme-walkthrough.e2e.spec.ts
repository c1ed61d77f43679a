/**
 * The README's walkthrough, run as written. Its blocks are taken from README.md by their markers (HTML
 * comments, see tools/readme/walkthrough.ts): the quick start's setup is checked to be `npm ci` then
 * `npm start`, which this spec stands in for (the checkout is installed; it builds if stale and starts
 * `node dist/apps/platform/src/main.js` on a free port with a temporary data directory); then every `run`
 * block goes through bash in the README's order, `localhost:4000` pointed at that port and `npm run token`
 * at that data directory. Each answer must have no GraphQL errors, match the answer the README shows after
 * it, and do its part: the referral submitted, seen in the police's queue, accepted, and on the coordination
 * body's timeline of the joint case. A snippet that stops working fails the test that names it.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildIfStale, repositoryRoot, startBuiltPlatform, type BuiltPlatform } from './readme/built-platform.js';
import {
  answerMismatches,
  commandsOf,
  extractWalkthrough,
  jsonValuesIn,
  shellSession,
  withPort,
  type ShellSession,
  type WalkthroughBlock,
} from './readme/walkthrough.js';

const root = repositoryRoot();
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const blocks = extractWalkthrough(readme);
const runs = blocks.filter((b) => b.kind === 'run');
const answers = new Map(blocks.filter((b) => b.kind === 'answer').map((b) => [b.name, b]));

/** What the walkthrough has shown so far, from the answers. */
const seen: {
  referralId?: string;
  jointCaseId?: string;
  submitted?: string;
  inQueue?: string;
  accepted?: string;
  onTimeline?: string;
} = {};

type Data = Record<string, unknown>;

function label(block: WalkthroughBlock): string {
  return `README.md:${block.line} snippet "${block.name}"`;
}

function record(value: unknown): Data {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Data) : {};
}

function list(value: unknown): Data[] {
  return Array.isArray(value) ? value.map(record) : [];
}

/** What each answer must show, by the field it answers; a problem as a sentence, or nothing. */
function checkAnswer(field: string, value: unknown, snippet: string): string[] {
  const answer = record(value);
  switch (field) {
    case 'submitReferral': {
      if (answer['status'] !== 'SUBMITTED')
        return [`submitReferral.status is ${String(answer['status'])}, not SUBMITTED`];
      if (typeof answer['referralId'] !== 'string' || typeof answer['jointCaseId'] !== 'string') {
        return ['submitReferral gives no referralId and jointCaseId'];
      }
      seen.referralId = answer['referralId'];
      seen.jointCaseId = answer['jointCaseId'];
      seen.submitted = snippet;
      return [];
    }
    case 'incomingReferrals': {
      const node = list(answer['nodes']).find((n) => n['referralId'] === seen.referralId);
      if (!node) return [`the referral ${String(seen.referralId)} is not among incomingReferrals.nodes`];
      seen.inQueue = snippet;
      return [];
    }
    case 'acceptReferral': {
      if (answer['referralId'] !== seen.referralId)
        return [`acceptReferral answers for ${String(answer['referralId'])}`];
      if (answer['status'] !== 'ACCEPTED')
        return [`acceptReferral.status is ${String(answer['status'])}, not ACCEPTED`];
      seen.accepted = snippet;
      return [];
    }
    case 'case': {
      if (answer['jointCaseId'] !== seen.jointCaseId) return [`case.jointCaseId is ${String(answer['jointCaseId'])}`];
      const problems: string[] = [];
      const referral = list(answer['referrals']).find((r) => r['referralId'] === seen.referralId);
      if (referral && referral['status'] !== 'ACCEPTED') {
        problems.push(`the case shows the referral ${String(referral['status'])}, not ACCEPTED`);
      }
      const timeline = record(answer['timeline']);
      const entries = [...list(timeline['nodes']), ...list(timeline['edges']).map((e) => record(e['node']))];
      const types = entries.map((e) => e['eventType']);
      for (const wanted of ['ReferralSubmitted', 'ConsentRecorded', 'ReferralAccepted']) {
        if (!types.includes(wanted))
          problems.push(`the timeline has no ${wanted} entry (it has ${JSON.stringify(types)})`);
      }
      if (problems.length === 0) seen.onTimeline = snippet;
      return problems;
    }
    default:
      return [];
  }
}

describe('the README walkthrough, run as written', () => {
  let platform: BuiltPlatform | undefined;
  let shell: ShellSession | undefined;
  let workDir: string | undefined;
  let failed: string | undefined;

  beforeAll(async () => {
    await buildIfStale(root);
    platform = await startBuiltPlatform({ root });
    workDir = await mkdtemp(join(tmpdir(), 'pamoja-readme-'));
    shell = shellSession({
      cwd: root,
      // As in a reader's terminal: the node that runs this spec first on the PATH, the platform's data directory.
      env: {
        ...platform.env,
        PATH: `${dirname(process.execPath)}${delimiter}${process.env['PATH'] ?? ''}`,
      },
      stateFile: join(workDir, 'variables.sh'),
    });
  }, 600_000);

  afterAll(async () => {
    await platform?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  }, 60_000);

  it('has a setup block, then the snippets of a referral from submission to the joint case', () => {
    const setup = blocks.find((b) => b.kind === 'setup');
    expect(setup).toBeDefined();
    const commands = commandsOf(setup?.code ?? '');
    // What this spec stands in for: an installed checkout, then the platform as `npm start` runs it.
    expect(commands).toEqual(['npm ci', 'npm start']);
    expect(runs.length).toBeGreaterThan(0);
    expect(readme).toContain('http://localhost:4000/');
  });

  it('serves the console at / with a development sign-in, as the quick start says', async () => {
    if (!platform) throw new Error('the platform did not start');
    const page = await fetch(`${platform.url}/`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const config = (await (await fetch(`${platform.url}/auth/config`)).json()) as { signIn?: string };
    expect(config.signIn).toBe('development');
  });

  for (const block of runs) {
    it(`${label(block)} runs and answers as the README says`, async () => {
      if (failed) throw new Error(`not run: ${failed} failed before it`);
      if (!platform || !shell) throw new Error('the platform did not start');
      failed = label(block);
      const result = await shell.run(withPort(block.code, platform.port));
      const context = `\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
      if (result.code !== 0) throw new Error(`${label(block)} exited with ${String(result.code)}${context}`);
      for (const [name, value] of Object.entries(result.variables)) {
        if (value.trim() === '') throw new Error(`${label(block)} left ${name} empty${context}`);
      }
      const { values, other } = jsonValuesIn(result.stdout);
      if (other !== '') throw new Error(`${label(block)} printed something that is not JSON: ${other}${context}`);
      const problems: string[] = [];
      for (const value of values) {
        const body = record(value);
        if (body['errors'] !== undefined) problems.push(`GraphQL errors: ${JSON.stringify(body['errors'])}`);
        else if (body['data'] === undefined || body['data'] === null) problems.push('an answer without data');
        for (const [field, answer] of Object.entries(record(body['data']))) {
          problems.push(...checkAnswer(field, answer, label(block)));
        }
      }
      const shown = answers.get(block.name);
      if (shown && problems.length === 0) {
        if (values.length !== 1) {
          problems.push(`README.md:${shown.line} shows one answer; the snippet printed ${values.length}`);
        } else {
          const mismatches = answerMismatches(JSON.parse(shown.code), values[0]);
          problems.push(...mismatches.map((m) => `not the answer README.md:${shown.line} shows: ${m}`));
        }
      }
      if (problems.length > 0) throw new Error(`${label(block)}:\n  ${problems.join('\n  ')}${context}`);
      failed = undefined;
    }, 180_000);
  }

  it('took a referral from the NGO to the police and onto the coordination body’s timeline', () => {
    expect({
      'the referral submitted by': seen.submitted,
      'seen in the police queue by': seen.inQueue,
      'accepted by': seen.accepted,
      'on the coordination body’s timeline by': seen.onTimeline,
    }).toEqual({
      'the referral submitted by': expect.any(String),
      'seen in the police queue by': expect.any(String),
      'accepted by': expect.any(String),
      'on the coordination body’s timeline by': expect.any(String),
    });
  });
});
