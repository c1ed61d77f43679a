import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';

/**
 * A service the tests started because nothing answered (a developer's local Kafka broker or Keycloak),
 * recorded so that the run's global teardown (tools/jest/global-teardown.mjs) stops it when the run ends.
 * A service that was already running is never recorded, so it is left alone. Outside a jest run (no run
 * directory) nothing is recorded: whoever started the service stops it.
 */
export interface StartedService {
  readonly name: string;
  /** The script that stops it, relative to the repository root (e.g. infra/kafka/stop.sh). */
  readonly stopScript: string;
  /** The environment the start script was given (ports, run directory), for the stop script. */
  readonly env: Readonly<Record<string, string>>;
}

export const TEST_RUN_DIR_VARIABLE = 'PAMOJA_TEST_RUN_DIR';

export function recordStartedService(service: StartedService): void {
  const runDir = process.env[TEST_RUN_DIR_VARIABLE];
  if (!runDir) return;
  const dir = join(runDir, 'started-services');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${service.name}-${randomUUID()}.json`), JSON.stringify(service));
}
