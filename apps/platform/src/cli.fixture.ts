import { spawn } from 'node:child_process';

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a built command-line tool (`dist/apps/platform/src/<name>.cli.js`) as an operator would, against the
 * database at `databaseUrl` in server mode: its exit code and what it printed. `env` adds to or overrides the
 * environment (e.g. the log kept in KurrentDB).
 */
export function runBuiltCli(
  name: string,
  databaseUrl: string,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`dist/apps/platform/src/${name}.cli.js`, ...args], {
      env: { ...process.env, PAMOJA_MODE: 'server', DATABASE_URL: databaseUrl, LOG_LEVEL: 'error', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}
