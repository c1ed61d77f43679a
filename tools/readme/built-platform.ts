/**
 * The built platform as `npm start` runs it (`node dist/apps/platform/src/main.js`), on a port and a data
 * directory of its own, for what must test the real thing: the README walkthrough's spec, bench:console.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

/** The repository's root: the nearest folder above this file holding nx.json (from tools/ or dist/tools/). */
export function repositoryRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

/** `node tools/build.mjs --if-stale`: builds the server and the console when a source is newer than dist/. */
export function buildIfStale(root = repositoryRoot()): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['tools/build.mjs', '--if-stale'],
      { cwd: root, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`node tools/build.mjs --if-stale failed: ${error.message}\n${stdout}${stderr}`));
        else resolve();
      },
    );
  });
}

/** A TCP port nothing listens on now (the platform binds it a moment later). */
export function freePort(): Promise<number> {
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

export interface BuiltPlatform {
  readonly port: number;
  /** `http://localhost:<port>`. */
  readonly url: string;
  readonly dataDir: string;
  /** The environment the platform runs with; `npm run token` with it reads the same issuer key. */
  readonly env: NodeJS.ProcessEnv;
  /** What the platform printed so far (stdout and stderr). */
  output(): string;
  /** Stops the platform (SIGTERM, then SIGKILL after 15 s) and removes its data directory. */
  stop(): Promise<void>;
}

export interface BuiltPlatformOptions {
  readonly root?: string;
  /** More environment (`LOG_LEVEL`, `PAMOJA_RATE_LIMIT_PER_MINUTE`, ...). */
  readonly env?: Readonly<Record<string, string>>;
  readonly startTimeoutMs?: number;
}

/** Starts `dist/apps/platform/src/main.js` on a free port with a new temporary data directory. */
export async function startBuiltPlatform(options: BuiltPlatformOptions = {}): Promise<BuiltPlatform> {
  const root = options.root ?? repositoryRoot();
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'pamoja-built-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    PAMOJA_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    NO_COLOR: '1',
    ...options.env,
  };
  const child = spawn(process.execPath, ['dist/apps/platform/src/main.js'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const url = `http://localhost:${port}`;
  const platform: BuiltPlatform = {
    port,
    url,
    dataDir,
    env,
    output: () => output,
    stop: async () => {
      await stopChild(child);
      // The platform lets go of its data directory (PGlite, the lock) before it exits; be sure.
      for (let i = 0; i < 50 && existsSync(join(dataDir, 'pamoja.pid')); i++) await sleep(100);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  const deadline = Date.now() + (options.startTimeoutMs ?? 120_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await rm(dataDir, { recursive: true, force: true });
      throw new Error(
        `the platform exited (${String(child.exitCode ?? child.signalCode)}) before it was up:\n${output}`,
      );
    }
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
      if (response.ok) return platform;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await platform.stop();
      throw new Error(`the platform did not answer /health/ready on port ${port} in time:\n${output}`);
    }
    await sleep(250);
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => {
      resolve(true);
    }, 15_000);
  });
  const killed = await Promise.race([exited.then(() => false), late]);
  clearTimeout(timer);
  if (killed) {
    child.kill('SIGKILL');
    await exited;
  }
}
