import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { issueDevToken } from '@pamoja/platform/auth';
import { GraphqlClient } from '@pamoja/platform/graphql';
import {
  clientCredentialsToken,
  ensureKeycloak,
  KEYCLOAK_DEMO_PASSWORD,
  KEYCLOAK_INTEGRATOR,
  keycloakIssuer,
  signInWithCodeFlow,
  useTestPlatform,
} from '@pamoja/testing';
import { EmbeddedPlatformModule } from './app.module.js';

/**
 * The platform behind a real identity provider (the realm of infra/keycloak): people sign in with
 * Authorization Code and PKCE, an integrator with client credentials; the agency and its type come from the
 * directory, so a suspension stops a provider's tokens at once too; development tokens are refused.
 */

const INCOMING = '{ incomingReferrals { nodes { referralId } } }';
const AGENCIES = '{ agencies { agencyId } }';
const SUSPEND = `mutation($input: SuspendAgencyInput!) { suspendAgency(input: $input) { agency { status } } }`;
const REINSTATE = `mutation($input: ReinstateAgencyInput!) { reinstateAgency(input: $input) { agency { status } } }`;

async function signedIn(username: string): Promise<string> {
  const result = await signInWithCodeFlow({ username, password: KEYCLOAK_DEMO_PASSWORD });
  if (!result.signedIn) throw new Error(`${username} could not sign in: ${result.page.slice(0, 300)}`);
  return result.tokens.access_token;
}

describe('sign-in through the identity provider (OpenID Connect)', () => {
  const platform = useTestPlatform(
    {
      root: (config) => EmbeddedPlatformModule.forRoot(config),
      serviceName: 'pamoja-oidc-e2e',
      env: { PAMOJA_OIDC_ISSUER: keycloakIssuer(), PAMOJA_RATE_LIMIT_PER_MINUTE: '0' },
    },
    180_000,
  );
  const client = (token: string) => new GraphqlClient(platform.graphqlUrl, token);

  beforeAll(async () => {
    await ensureKeycloak();
  }, 480_000);

  it("accepts a person's token from the provider, as the directory knows their agency", async () => {
    const police = client(await signedIn('bahati.opj'));
    const { errors } = await police.request(INCOMING);
    expect(errors).toBeUndefined();
    // The coordination body's queue is not a police unit's, whatever the token carries.
    const { errors: refused } = await police.request('{ escalations { nodes { escalationId } } }');
    expect(refused?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('authenticates an integrator by client credentials, with only what the policy gives integrators', async () => {
    const tokens = await clientCredentialsToken(KEYCLOAK_INTEGRATOR);
    const { errors } = await client(tokens.access_token).request(INCOMING);
    // Signed in (not UNAUTHENTICATED); the case API is not an integrator's.
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses development tokens outright once a provider is configured', async () => {
    const forged = await issueDevToken(
      platform.keys,
      { userId: 'x', agencyId: 'aplt-nk', agencyType: 'coordination_body', roles: ['coordinator'] },
      { audience: platform.config.auth.audience },
    );
    const { errors } = await client(forged).request(AGENCIES);
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it("stops a suspended agency's provider tokens at once, and takes them back on reinstatement", async () => {
    const coordinator = client(await signedIn('esperance.aplt'));
    const police = client(await signedIn('bahati.opj'));
    expect((await police.request(INCOMING)).errors).toBeUndefined();
    await coordinator.ok(SUSPEND, {
      input: { commandId: randomUUID(), agencyId: 'pnc-pmh-masisi', reason: 'Inquiry into the unit' },
    });
    const refused = await police.request(INCOMING);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(refused.errors?.[0]?.message).toContain('suspended');
    await coordinator.ok(REINSTATE, { input: { commandId: randomUUID(), agencyId: 'pnc-pmh-masisi' } });
    expect((await police.request(INCOMING)).errors).toBeUndefined();
  });
});
