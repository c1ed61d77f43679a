import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { loadOrCreateDevIssuer } from './dev-issuer.js';

describe('the development issuer’s key', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pamoja-dev-issuer-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('is one key for services starting together on a new data directory, none of them reading it half written', async () => {
    // As server mode starts its services at once: each loads or creates the key at the same moment.
    // Some arrive while the first one is writing it.
    const keys = await Promise.all(
      Array.from({ length: 48 }, async (_, i) => {
        await sleep(i % 6);
        return loadOrCreateDevIssuer(join(dataDir, 'server'));
      }),
    );
    expect(new Set(keys.map((k) => JSON.stringify(k.publicJwk))).size).toBe(1);
    // Only the key is left, readable by its owner alone.
    expect(await readdir(join(dataDir, 'server'))).toEqual(['dev-issuer-key.json']);
    expect((await stat(join(dataDir, 'server', 'dev-issuer-key.json'))).mode & 0o777).toBe(0o600);
    // And it is the one a later start loads.
    expect((await loadOrCreateDevIssuer(join(dataDir, 'server'))).publicJwk).toEqual(keys[0]?.publicJwk);
  });
});
