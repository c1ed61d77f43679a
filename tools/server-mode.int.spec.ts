/**
 * `npm run start:server` (tools/server-mode.mjs) refuses a setting the services would refuse, before it creates
 * a database, provisions a topic or starts a process: it names the variable and the rule, and exits 1.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIfStale, repositoryRoot } from './readme/built-platform.js';

const root = repositoryRoot();

function startServerMode(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['tools/server-mode.mjs'], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server mode neither refused nor exited within 60 s:\n${output}`));
    }, 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('starting server mode with a setting the services refuse', () => {
  let dataDir: string;
  beforeAll(() => buildIfStale(root), 600_000);
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pamoja-server-mode-settings-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it.each([
    ['a dot, which the services refuse in a prefix', 'sud.kivu'],
    ['upper case and a space', 'Sud Kivu'],
  ])('refuses a topic prefix with %s, naming it, before creating anything', async (_why, prefix) => {
    const { code, output } = await startServerMode({
      KAFKA_TOPIC_PREFIX: prefix,
      PAMOJA_DATA_DIR: dataDir,
      // Nothing listens here: had it gone on, it would have failed later and differently.
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/pamoja_never_created',
      KAFKA_BROKERS: '127.0.0.1:1',
      PAMOJA_BASE_PORT: '4880',
    });
    expect(code).toBe(1);
    expect(output).toContain(
      `KAFKA_TOPIC_PREFIX must be up to 40 lower-case letters, digits and dashes, not ${prefix}`,
    );
    // No topics file, no issuer key, nothing in its data directory.
    expect(await readdir(dataDir)).toEqual([]);
  });
});
