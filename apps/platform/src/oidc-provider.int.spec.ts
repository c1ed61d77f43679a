import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeProtectedHeader } from 'jose';
import { loadConfig } from '@pamoja/platform/config';
import {
  clientCredentialsToken,
  ensureKeycloak,
  KEYCLOAK_DEMO_PASSWORD,
  keycloakIssuer,
  KeycloakAdmin,
  refreshTokens,
  signInWithCodeFlow,
} from '@pamoja/testing';
import { TokenVerifier, type TokenVerifierOptions } from '@pamoja/platform/auth';

/**
 * Against the real Keycloak of infra/keycloak (started by CI, or by infra/keycloak/start.sh here): the
 * shipped realm `pamoja` as integrators and people use it, and a throwaway copy of it for what changes a
 * realm (disabling a user, rotating the signing key), so that other tests using `pamoja` meanwhile are not
 * disturbed.
 */
const quiet: TokenVerifierOptions = { log: () => undefined };

function verifierOf(issuer: string, options: TokenVerifierOptions = quiet): Promise<TokenVerifier> {
  return TokenVerifier.create(
    loadConfig({ PAMOJA_OIDC_ISSUER: issuer }, { mode: 'embedded', serviceName: 'oidc-int' }),
    options,
  );
}

describe('sign-in through the real Keycloak', () => {
  let verifier: TokenVerifier;

  beforeAll(async () => {
    verifier = await verifierOf(await ensureKeycloak());
  }, 450_000);

  it("turns an integrator's client-credentials token into the integrator's identity", async () => {
    const { access_token: token } = await clientCredentialsToken();
    await expect(verifier.verifyIdentity(`Bearer ${token}`)).resolves.toEqual({
      userId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      agencyId: 'traceability-demo',
      agencyType: undefined,
      roles: ['integrator'],
      clientId: 'pamoja-integrator-demo',
    });
  });

  it("turns a person's sign-in at the console client (code and PKCE) into their agency and roles", async () => {
    const result = await signInWithCodeFlow({ username: 'bahati.opj', password: KEYCLOAK_DEMO_PASSWORD });
    if (!result.signedIn) throw new Error(`not signed in: ${result.page}`);
    await expect(verifier.verifyIdentity(`Bearer ${result.tokens.access_token}`)).resolves.toEqual({
      userId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      agencyId: 'pnc-pmh-masisi',
      agencyType: undefined,
      roles: ['investigator'],
      clientId: 'pamoja-console',
    });
    // The ID token is the console's, not the API's: its audience is the console client.
    await expect(verifier.verifyIdentity(`Bearer ${result.tokens.id_token ?? ''}`)).rejects.toThrow(
      'the token is not valid',
    );
  });

  it('refuses a wrong password and a disabled account at the login form: no token is issued', async () => {
    const wrong = await signInWithCodeFlow({ username: 'neema.field', password: 'not-the-password', locale: 'en' });
    expect(wrong).toEqual({ signedIn: false, page: expect.stringContaining('Invalid username or password') });
    const disabled = await signInWithCodeFlow({
      username: 'disabled.field',
      password: KEYCLOAK_DEMO_PASSWORD,
      locale: 'en',
    });
    expect(disabled).toEqual({ signedIn: false, page: expect.stringContaining('Account is disabled') });
  });

  describe('in a throwaway copy of the realm', () => {
    let admin: KeycloakAdmin;
    const realm = `pamoja-test-${randomBytes(4).toString('hex')}`;
    let issuer: string;

    beforeAll(async () => {
      admin = await KeycloakAdmin.signIn();
      const file = JSON.parse(await readFile('infra/keycloak/realm/pamoja-realm.json', 'utf8')) as Record<
        string,
        unknown
      >;
      await admin.api('POST', '', { ...file, realm, displayName: `Pamoja test ${realm}` });
      issuer = keycloakIssuer(realm);
    }, 120_000);
    afterAll(async () => {
      await admin.api('DELETE', `/${realm}`);
    }, 60_000);

    it('a user disabled after signing in: the access token lives out its five minutes, refresh and new sign-ins are refused', async () => {
      const realmVerifier = await verifierOf(issuer);
      const signedIn = await signInWithCodeFlow({ username: 'neema.field', password: KEYCLOAK_DEMO_PASSWORD, realm });
      if (!signedIn.signedIn) throw new Error(`not signed in: ${signedIn.page}`);
      expect(signedIn.tokens.expires_in).toBeLessThanOrEqual(300);
      const [user] = await admin.api<{ id: string }[]>('GET', `/${realm}/users?username=neema.field&exact=true`);
      await admin.api('PUT', `/${realm}/users/${user?.id ?? ''}`, { enabled: false });

      // A JWT is checked offline: the platform accepts it until it expires (accessTokenLifespan 300 s).
      await expect(realmVerifier.verifyIdentity(`Bearer ${signedIn.tokens.access_token}`)).resolves.toMatchObject({
        agencyId: 'ngo-kivu-hope',
      });
      const refreshed = await refreshTokens(signedIn.tokens.refresh_token ?? '', 'pamoja-console', realm);
      expect(refreshed).toMatchObject({ ok: false, status: 400, error: expect.stringMatching(/^invalid_grant/) });
      const again = await signInWithCodeFlow({
        username: 'neema.field',
        password: KEYCLOAK_DEMO_PASSWORD,
        realm,
        locale: 'en',
      });
      expect(again).toEqual({ signedIn: false, page: expect.stringContaining('Account is disabled') });
    });

    it('accepts a rotated signing key once published, and the old key while it stays published', async () => {
      // A long-lived verifier, as a running service has: it has fetched the realm's keys once already.
      const realmVerifier = await verifierOf(issuer, { ...quiet, jwksCooldownMs: 1_000 });
      const before = await clientCredentialsToken(undefined, realm);
      await expect(realmVerifier.verifyIdentity(`Bearer ${before.access_token}`)).resolves.toMatchObject({
        agencyId: 'traceability-demo',
      });
      const oldKid = decodeProtectedHeader(before.access_token).kid;

      const { id: realmId } = await admin.api<{ id: string }>('GET', `/${realm}`);
      await admin.api('POST', `/${realm}/components`, {
        name: 'rotated-rsa',
        providerId: 'rsa-generated',
        providerType: 'org.keycloak.keys.KeyProvider',
        parentId: realmId,
        config: { priority: ['1000'], enabled: ['true'], active: ['true'], algorithm: ['RS256'], keySize: ['2048'] },
      });
      const after = await clientCredentialsToken(undefined, realm);
      const newKid = decodeProtectedHeader(after.access_token).kid;
      expect(newKid).toBeDefined();
      expect(newKid).not.toBe(oldKid);

      // The new kid is unknown to the verifier's cache: it fetches the JWKS again (after its cooldown).
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      await expect(realmVerifier.verifyIdentity(`Bearer ${after.access_token}`)).resolves.toMatchObject({
        agencyId: 'traceability-demo',
        roles: ['integrator'],
      });
      await expect(realmVerifier.verifyIdentity(`Bearer ${before.access_token}`)).resolves.toMatchObject({
        agencyId: 'traceability-demo',
      });
    });
  });
});
