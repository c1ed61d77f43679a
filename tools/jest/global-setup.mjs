// The run's scratch directories, for what workers share:
// - PAMOJA_TEST_RUN_DIR: the services tests started because nothing answered (libs/testing
//   started-services.ts), which the teardown stops;
// - the copy of an initdb'd PGlite cluster that tools/jest/pglite.ts makes once (and only if a test creates
//   a PGlite database). Removed at teardown, unless PAMOJA_TEST_PGLITE_TEMPLATE_DIR was given: then the copy
//   is kept there for the next runs.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default async function globalSetup() {
  process.env.PAMOJA_TEST_RUN_DIR = await mkdtemp(join(tmpdir(), 'pamoja-jest-run-'));
  if (process.env.PAMOJA_TEST_PGLITE_TEMPLATE_DIR) return;
  process.env.PAMOJA_TEST_PGLITE_TEMPLATE_DIR = await mkdtemp(join(tmpdir(), 'pamoja-jest-'));
  process.env.PAMOJA_TEST_PGLITE_TEMPLATE_DIR_REMOVE = 'true';
}
