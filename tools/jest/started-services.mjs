// The services the tests started because nothing answered (libs/testing started-services.ts records them
// in the run directory): stopped at the end of the run by the global teardown.
import { spawnSync } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Stops each recorded service once; sets a failing exit code when one does not stop. */
export async function stopStartedServices(runDir) {
  const dir = join(runDir, 'started-services');
  const files = await readdir(dir).catch(() => []);
  const byScript = new Map();
  for (const file of files) {
    const service = JSON.parse(await readFile(join(dir, file), 'utf8'));
    byScript.set(`${service.stopScript} ${JSON.stringify(service.env)}`, service);
  }
  for (const service of byScript.values()) {
    process.stdout.write(`\nStopping ${service.name}, which the tests started (${service.stopScript})\n`);
    const stopped = spawnSync('bash', [service.stopScript], {
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, ...service.env },
    });
    if (stopped.status !== 0) {
      process.stderr.write(`${service.name} did not stop: ${stopped.stderr || stopped.stdout}\n`);
      process.exitCode = 1;
    }
  }
}
