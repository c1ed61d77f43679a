import { rm } from 'node:fs/promises';

export default async function globalTeardown() {
  const dir = process.env.PAMOJA_TEST_PGLITE_TEMPLATE_DIR;
  if (dir && process.env.PAMOJA_TEST_PGLITE_TEMPLATE_DIR_REMOVE === 'true') {
    await rm(dir, { recursive: true, force: true });
  }
}
