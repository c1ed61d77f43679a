// Stops every service the tests started (a broker or Keycloak that was already running when the run began
// is not on the list and is left alone), then removes the run's scratch directories.
import { rm } from 'node:fs/promises';
import { stopStartedServices } from './started-services.mjs';

export default async function globalTeardown() {
  const runDir = process.env.PAMOJA_TEST_RUN_DIR;
  if (runDir) {
    await stopStartedServices(runDir);
    await rm(runDir, { recursive: true, force: true });
  }
  const dir = process.env.PAMOJA_TEST_PGLITE_TEMPLATE_DIR;
  if (dir && process.env.PAMOJA_TEST_PGLITE_TEMPLATE_DIR_REMOVE === 'true') {
    await rm(dir, { recursive: true, force: true });
  }
}
