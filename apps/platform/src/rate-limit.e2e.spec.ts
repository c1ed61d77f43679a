import { describe, expect, it } from '@jest/globals';
import { useTestPlatform } from '@pamoja/testing';
import { EmbeddedPlatformModule } from './app.module.js';

/** One user's flood is refused with HTTP 429 and RATE_LIMITED, before anything runs; other users go on. */
describe('rate limit per user', () => {
  const platform = useTestPlatform({
    root: (config) => EmbeddedPlatformModule.forRoot(config),
    serviceName: 'pamoja-rate-e2e',
    env: { PAMOJA_RATE_LIMIT_PER_MINUTE: '6', PAMOJA_RATE_LIMIT_BURST: '3' },
  });
  const claims = { agencyId: 'pnc-masisi', agencyType: 'police' as const, roles: ['investigator'] };
  const police = platform.as({ ...claims, userId: 'opj-1' });
  const otherOfficer = platform.as({ ...claims, userId: 'opj-2' });

  it('refuses the operation after the burst, says when to retry, and leaves other users alone', async () => {
    const query = '{ incomingReferrals { nodes { referralId } } }';
    for (let i = 0; i < 3; i += 1) expect((await police.request(query)).errors).toBeUndefined();
    const response = await fetch(platform.graphqlUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await platform.tokenFor({ ...claims, userId: 'opj-1' })}`,
      },
      body: JSON.stringify({ query }),
    });
    expect(response.status).toBe(429);
    const body = (await response.json()) as { errors?: { message: string; extensions?: Record<string, unknown> }[] };
    expect(body.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: 10 });
    expect(body.errors?.[0]?.message).toMatch(/retry in 10 s/);
    expect((await otherOfficer.request(query)).errors).toBeUndefined();
  });
});
