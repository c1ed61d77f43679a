/**
 * Writes docs/asyncapi.json: the AsyncAPI 3 document of every Kafka topic and integration event,
 * generated from the integration-event definitions (libs/messaging).
 *
 *   npm run asyncapi
 *
 * CI checks that the committed file equals a fresh generation (tools/asyncapi.spec.ts).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { DEFAULT_CATALOGUE, generateAsyncApi } from '@pamoja/messaging';

/** Run from the repository root (as `npm run` does): the same path from the sources and from dist/. */
export const ASYNCAPI_PATH = resolve('docs/asyncapi.json');

/** The document as committed: pretty-printed the way the repository's Prettier settings print JSON. */
export async function renderAsyncApi(): Promise<string> {
  const options = (await resolveConfig(ASYNCAPI_PATH)) ?? {};
  return format(JSON.stringify(generateAsyncApi(DEFAULT_CATALOGUE), null, 2), { ...options, parser: 'json' });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(ASYNCAPI_PATH, await renderAsyncApi());
  console.log('wrote docs/asyncapi.json');
}
