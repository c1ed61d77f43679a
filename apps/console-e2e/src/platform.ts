import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  rmdirSync,
  statSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root: the browser tests run the platform and the console as built there. */
export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

const CONSOLE_PAGE = join(ROOT, 'dist', 'console', 'index.html');
const BUILD_LOCK = join(tmpdir(), 'pamoja-console-e2e-build.lock');

function newestSource(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function consoleIsCurrent(): boolean {
  return existsSync(CONSOLE_PAGE) && statSync(CONSOLE_PAGE).mtimeMs > newestSource(join(ROOT, 'apps', 'console'));
}

function runBuild(args: readonly string[]): void {
  const result = spawnSync(process.execPath, ['tools/build.mjs', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (result.status !== 0) {
    throw new Error(
      `node tools/build.mjs ${args.join(' ')} failed (${String(result.status)}):\n${result.stdout}${result.stderr}`,
    );
  }
}

/**
 * Builds the platform when its sources are newer than dist/ (as `npm start` does), and the console
 * when dist/console is missing or older than its sources. Test files run in parallel workers: one
 * builds at a time, the others wait and find it built.
 */
export async function buildIfStale(): Promise<void> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch {
      // A lock left by a build that died more than five minutes ago is stale.
      const held = statSync(BUILD_LOCK, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 300_000) rmdirSync(BUILD_LOCK);
      if (Date.now() > deadline) throw new Error(`another build held ${BUILD_LOCK} for five minutes`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    runBuild(['--if-stale']);
    if (!consoleIsCurrent()) runBuild([]);
    if (!existsSync(CONSOLE_PAGE)) throw new Error(`the build made no ${CONSOLE_PAGE}`);
  } finally {
    rmdirSync(BUILD_LOCK);
  }
}

/**
 * A copy of the built console for this test file's platform (PAMOJA_CONSOLE_DIR), so that a rebuild
 * of dist/console while the tests run changes nothing under them. Taken again if it caught a build
 * half way (a page whose scripts are missing).
 */
async function copyOfConsole(into: string): Promise<string> {
  const copy = join(into, 'console');
  for (let attempt = 0; attempt < 20; attempt++) {
    rmSync(copy, { recursive: true, force: true });
    try {
      cpSync(join(ROOT, 'dist', 'console'), copy, { recursive: true });
      const page = readFileSync(join(copy, 'index.html'), 'utf8');
      const assets = [...page.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1] ?? '');
      if (assets.length > 0 && assets.every((asset) => existsSync(join(copy, asset)))) return copy;
    } catch {
      // Caught while dist/console was being rebuilt: take it again.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('dist/console stayed incomplete: run `node tools/build.mjs`');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

export interface RunningPlatform {
  /** e.g. http://127.0.0.1:41234: the console at `/`, GraphQL at /graphql. */
  readonly base: string;
  /** What the platform printed last, for a failure's message. */
  readonly output: () => string;
  readonly stop: () => Promise<void>;
}

export interface PlatformOptions {
  /** The port to serve on (an identity provider's client allows only some); a free one by default. */
  readonly port?: number;
  /** Settings besides the environment's (`PAMOJA_OIDC_ISSUER`); undefined removes one the environment has. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The platform as `npm start` runs it, on a free port and an empty data directory of its own. */
export async function startPlatform(options: PlatformOptions = {}): Promise<RunningPlatform> {
  const port = options.port ?? (await freePort());
  const workDir = mkdtempSync(join(tmpdir(), 'pamoja-console-e2e-'));
  const dataDir = join(workDir, 'data');
  mkdirSync(dataDir);
  const consoleDir = await copyOfConsole(workDir);
  const base = `http://127.0.0.1:${port}`;
  let output = '';
  const settings: Record<string, string | undefined> = {
    ...process.env,
    PORT: String(port),
    PAMOJA_DATA_DIR: dataDir,
    PAMOJA_CONSOLE_DIR: consoleDir,
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  const env = Object.fromEntries(
    Object.entries(settings).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  const child: ChildProcess = spawn(process.execPath, ['dist/apps/platform/src/main.js'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    // The platform lets go of its database before it removes its pid file.
    for (let i = 0; i < 50 && existsSync(join(dataDir, 'pamoja.pid')); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    rmSync(workDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`the platform exited with ${child.exitCode} before it was healthy:\n${output}`);
    }
    try {
      const health = await fetch(`${base}/health/ready`);
      if (health.status === 200) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`GET ${base}/health/ready did not answer 200 within 90 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { base, output: () => output, stop };
}
