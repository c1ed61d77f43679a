import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { ASYNCAPI_PATH, renderAsyncApi } from './asyncapi.js';

describe('docs/asyncapi.json', () => {
  it('is up to date with the integration-event definitions (run `npm run asyncapi` after changing a mapping)', async () => {
    expect(readFileSync(ASYNCAPI_PATH, 'utf8')).toBe(await renderAsyncApi());
  });
});
