// The run's scratch directory, for what workers share: the copy of an initdb'd PGlite cluster that
// tools/jest/pglite.ts makes once (and only if a test creates a PGlite database). Removed at teardown.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default async function globalSetup() {
  process.env.PAMOJA_TEST_PGLITE_TEMPLATE_DIR = await mkdtemp(join(tmpdir(), 'pamoja-jest-'));
}
