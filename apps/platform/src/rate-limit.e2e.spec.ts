import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { issueDevToken, loadConfig, loadOrCreateDevIssuer, startService, type StartedService } from '@pamoja/platform';
import { GraphqlTestClient } from '@pamoja/testing';
import { EmbeddedPlatformModule } from './app.module.js';

/** One user's flood is refused with HTTP 429 and RATE_LIMITED, before anything runs; other users go on. */
describe('rate limit per user', () => {
  let dataDir: string;
  let service: StartedService;
  let police: GraphqlTestClient;
  let otherOfficer: GraphqlTestClient;
  let url: string;
  let policeToken: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pamoja-rate-'));
    const config = loadConfig(
      {
        PAMOJA_DATA_DIR: dataDir,
        PORT: '0',
        LOG_LEVEL: 'silent',
        PAMOJA_RATE_LIMIT_PER_MINUTE: '6',
        PAMOJA_RATE_LIMIT_BURST: '3',
      },
      { mode: 'embedded', serviceName: 'pamoja-rate-e2e' },
    );
    service = await startService(EmbeddedPlatformModule.forRoot(config), config, { handleSignals: false });
    const keys = await loadOrCreateDevIssuer(dataDir);
    const claims = { agencyId: 'pnc-masisi', agencyType: 'police' as const, roles: ['investigator'] };
    policeToken = await issueDevToken(keys, { ...claims, userId: 'opj-1' });
    url = `${service.url}/graphql`;
    police = new GraphqlTestClient(url).as(policeToken);
    otherOfficer = new GraphqlTestClient(url).as(await issueDevToken(keys, { ...claims, userId: 'opj-2' }));
  }, 60_000);

  afterAll(async () => {
    await service.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses the operation after the burst, says when to retry, and leaves other users alone', async () => {
    const query = '{ incomingReferrals { nodes { referralId } } }';
    for (let i = 0; i < 3; i += 1) expect((await police.request(query)).errors).toBeUndefined();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${policeToken}` },
      body: JSON.stringify({ query }),
    });
    expect(response.status).toBe(429);
    const body = (await response.json()) as { errors?: { message: string; extensions?: Record<string, unknown> }[] };
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: 10 });
    expect(body.errors?.[0]?.message).toMatch(/retry in 10 s/);
    expect((await otherOfficer.request(query)).errors).toBeUndefined();
  });
});
