// The services the tests started because nothing answered (libs/testing started-services.ts records them
// in the run directory): stopped at the end of the run by the global teardown.
import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Stops each recorded service once; sets a failing exit code when one does not stop. `say` writes what is
 * done (the run's output by default).
 */
export async function stopStartedServices(runDir, say = (line) => process.stdout.write(`${line}\n`)) {
  const dir = join(runDir, 'started-services');
  const files = await readdir(dir).catch(() => []);
  const byScript = new Map();
  for (const file of files) {
    const service = JSON.parse(await readFile(join(dir, file), 'utf8'));
    byScript.set(`${service.stopScript} ${JSON.stringify(service.env)}`, service);
  }
  for (const service of byScript.values()) {
    say(`Stopping ${service.name}, which the tests started (${service.stopScript})`);
    const stopped = spawnSync('bash', [service.stopScript], {
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, ...service.env },
    });
    if (stopped.status !== 0) {
      say(`${service.name} did not stop: ${(stopped.stderr || stopped.stdout).trim()}`);
      process.exitCode = 1;
    }
  }
}
