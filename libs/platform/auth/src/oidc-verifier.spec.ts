import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { ConfigError, loadConfig, type PlatformConfig } from '@pamoja/platform/config';
import { issueDevToken, loadOrCreateDevIssuer } from './dev-issuer.js';
import { TokenVerifier, type TokenVerifierOptions } from './token-verifier.js';

/**
 * A provider as the verifier sees one: a discovery document and a JWKS served over HTTP on 127.0.0.1,
 * whose published keys, issuer and availability each test decides.
 */
class FakeProvider {
  readonly published: JWK[] = [];
  discoveryIssuer: string | undefined;
  down = false;
  discoveryRequests = 0;
  jwksRequests = 0;
  private server: Server | undefined;
  url = '';

  get issuer(): string {
    return `${this.url}/realms/pamoja`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      if (this.down) {
        res.statusCode = 503;
        res.end();
        return;
      }
      res.setHeader('content-type', 'application/json');
      if (req.url === '/realms/pamoja/.well-known/openid-configuration') {
        this.discoveryRequests += 1;
        res.end(
          JSON.stringify({
            issuer: this.discoveryIssuer ?? this.issuer,
            jwks_uri: `${this.issuer}/protocol/openid-connect/certs`,
          }),
        );
      } else if (req.url === '/realms/pamoja/protocol/openid-connect/certs') {
        this.jwksRequests += 1;
        res.end(JSON.stringify({ keys: this.published }));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as { port: number };
    this.url = `http://127.0.0.1:${port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server?.closeAllConnections();
      this.server?.close(() => {
        resolve();
      });
    });
  }
}

interface SigningKey {
  readonly kid: string;
  readonly alg: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

async function signingKey(kid: string, alg = 'RS256'): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

/** A Keycloak-shaped access token: agency from the group attribute, roles under realm_access. */
function keycloakToken(
  key: SigningKey,
  issuer: string,
  overrides: { claims?: Record<string, unknown>; audience?: string; expiresAt?: number; kid?: string } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    azp: 'pamoja-console',
    agency_id: 'ngo-kivu-hope',
    realm_access: { roles: ['field_worker', 'offline_access', 'default-roles-pamoja', 'uma_authorization'] },
    ...overrides.claims,
  })
    .setProtectedHeader({ alg: key.alg, kid: overrides.kid ?? key.kid, typ: 'JWT' })
    .setIssuer(issuer)
    .setAudience(overrides.audience ?? 'pamoja-api')
    .setSubject('f3c1a7d2-0000-4000-8000-000000000001')
    .setIssuedAt(now)
    .setExpirationTime(overrides.expiresAt ?? now + 300)
    .sign(key.privateKey);
}

function oidcConfig(env: Record<string, string>): PlatformConfig {
  return loadConfig(env, { mode: 'embedded', serviceName: 't' });
}

const quick: TokenVerifierOptions = { jwksCooldownMs: 0, httpTimeoutMs: 2_000, log: () => undefined };

describe('token verification against an OpenID Connect provider', () => {
  const provider = new FakeProvider();
  let k1: SigningKey;
  let dataDir: string;

  beforeAll(async () => {
    await provider.start();
    k1 = await signingKey('k1');
    dataDir = await mkdtemp(join(tmpdir(), 'pamoja-oidc-'));
  });
  afterAll(async () => {
    await provider.stop();
    await rm(dataDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    provider.published.splice(0, provider.published.length, k1.publicJwk);
    provider.discoveryIssuer = undefined;
    provider.down = false;
  });

  const verifierFor = (env: Record<string, string> = {}, options: TokenVerifierOptions = quick) =>
    TokenVerifier.create(
      oidcConfig({ PAMOJA_OIDC_ISSUER: provider.issuer, PAMOJA_DATA_DIR: dataDir, ...env }),
      options,
    );

  it('finds the keys through discovery and reads the agency, the vocabulary roles and the client', async () => {
    const verifier = await verifierFor();
    const token = await keycloakToken(k1, provider.issuer);
    await expect(verifier.verifyIdentity(`Bearer ${token}`)).resolves.toEqual({
      userId: 'f3c1a7d2-0000-4000-8000-000000000001',
      agencyId: 'ngo-kivu-hope',
      agencyType: undefined,
      roles: ['field_worker'],
      clientId: 'pamoja-console',
    });
    // Without an agency type (the directory's to give), there is no Actor from the token alone.
    await expect(verifier.verify(`Bearer ${token}`)).rejects.toThrow(/agency type/);
  });

  it('refuses a token of another issuer, of another audience, or expired beyond the clock skew', async () => {
    const verifier = await verifierFor();
    const now = Math.floor(Date.now() / 1000);
    const bearer = async (token: Promise<string>) => `Bearer ${await token}`;
    await expect(
      verifier.verifyIdentity(await bearer(keycloakToken(k1, `${provider.url}/realms/other`))),
    ).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: 'the token is not valid' });
    await expect(
      verifier.verifyIdentity(await bearer(keycloakToken(k1, provider.issuer, { audience: 'account' }))),
    ).rejects.toThrow('the token is not valid');
    await expect(
      verifier.verifyIdentity(await bearer(keycloakToken(k1, provider.issuer, { expiresAt: now - 90 }))),
    ).rejects.toThrow('the token has expired');
    // Within the 60 s skew, a token just past its expiry still passes.
    await expect(
      verifier.verifyIdentity(await bearer(keycloakToken(k1, provider.issuer, { expiresAt: now - 20 }))),
    ).resolves.toMatchObject({ agencyId: 'ngo-kivu-hope' });
    const strict = await verifierFor({ PAMOJA_OIDC_CLOCK_SKEW_SECONDS: '5' });
    await expect(
      strict.verifyIdentity(await bearer(keycloakToken(k1, provider.issuer, { expiresAt: now - 20 }))),
    ).rejects.toThrow('the token has expired');
  });

  it('accepts only the allowed algorithms', async () => {
    const es = await signingKey('es1', 'ES256');
    const ps = await signingKey('ps1', 'PS384');
    provider.published.push(es.publicJwk, ps.publicJwk);
    const verifier = await verifierFor({ PAMOJA_OIDC_ALGORITHMS: 'RS256,ES256' });
    await expect(verifier.verifyIdentity(`Bearer ${await keycloakToken(es, provider.issuer)}`)).resolves.toMatchObject({
      agencyId: 'ngo-kivu-hope',
    });
    await expect(verifier.verifyIdentity(`Bearer ${await keycloakToken(ps, provider.issuer)}`)).rejects.toThrow(
      'the token is not valid',
    );
    // An unsigned token (alg none) is refused whatever the list.
    const [header, payload] = (await keycloakToken(k1, provider.issuer)).split('.');
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload ?? ''}.`;
    expect(header).toBeTruthy();
    await expect(verifier.verifyIdentity(`Bearer ${unsigned}`)).rejects.toThrow('the token is not valid');
  });

  it('refuses none and HMAC algorithms, and bad claim paths or skews, at configuration, naming the variable', () => {
    const load = (env: Record<string, string>) => () =>
      oidcConfig({ PAMOJA_OIDC_ISSUER: 'https://id.pamoja.example/realms/pamoja', ...env });
    expect(load({ PAMOJA_OIDC_ALGORITHMS: 'RS256,none' })).toThrow(/PAMOJA_OIDC_ALGORITHMS.*not none/);
    expect(load({ PAMOJA_OIDC_ALGORITHMS: 'HS256' })).toThrow(/PAMOJA_OIDC_ALGORITHMS.*not HS256/);
    expect(load({ PAMOJA_OIDC_ROLES_CLAIM: 'realm_access..roles' })).toThrow(/PAMOJA_OIDC_ROLES_CLAIM/);
    expect(load({ PAMOJA_OIDC_CLOCK_SKEW_SECONDS: '3600' })).toThrow(/PAMOJA_OIDC_CLOCK_SKEW_SECONDS.*0 to 300/);
    expect(load({ PAMOJA_JWKS_URL: 'https://id.pamoja.example/jwks' })).toThrow(ConfigError);
    expect(() => oidcConfig({ PAMOJA_OIDC_ISSUER: 'id.pamoja.example' })).toThrow(/PAMOJA_OIDC_ISSUER must be/);
    expect(load({}).call(undefined).auth).toMatchObject({
      provider: 'oidc',
      issuer: 'https://id.pamoja.example/realms/pamoja',
      discoveryUrl: 'https://id.pamoja.example/realms/pamoja/.well-known/openid-configuration',
      audience: 'pamoja-api',
      algorithms: ['RS256', 'PS256', 'ES256'],
      agencyClaim: 'agency_id',
      rolesClaim: 'realm_access.roles',
      consoleClientId: 'pamoja-console',
      clockSkewSeconds: 60,
    });
  });

  it('reads the agency and the roles where the configuration says', async () => {
    const verifier = await verifierFor({
      PAMOJA_OIDC_AGENCY_CLAIM: 'org.agency',
      PAMOJA_OIDC_ROLES_CLAIM: 'resource_access.pamoja-api.roles',
    });
    const token = await keycloakToken(k1, provider.issuer, {
      claims: {
        agency_id: 'ignored',
        org: { agency: 'pnc-pmh-masisi' },
        resource_access: { 'pamoja-api': { roles: ['investigator', 'manage-account'] } },
      },
    });
    await expect(verifier.verifyIdentity(`Bearer ${token}`)).resolves.toMatchObject({
      agencyId: 'pnc-pmh-masisi',
      roles: ['investigator'],
    });
    const missing = await keycloakToken(k1, provider.issuer, { claims: { org: {} } });
    await expect(verifier.verifyIdentity(`Bearer ${missing}`)).rejects.toThrow('the token names no agency');
  });

  it('refuses a token that claims the platform itself', async () => {
    const verifier = await verifierFor();
    const platform = await keycloakToken(k1, provider.issuer, { claims: { agency_id: 'pamoja-platform' } });
    await expect(verifier.verifyIdentity(`Bearer ${platform}`)).rejects.toThrow(/platform/);
    const system = await keycloakToken(k1, provider.issuer, { claims: { realm_access: { roles: ['system'] } } });
    await expect(verifier.verifyIdentity(`Bearer ${system}`)).rejects.toThrow(/platform/);
  });

  it('accepts a key the provider publishes later (rotation): an unknown kid fetches the JWKS again', async () => {
    const verifier = await verifierFor();
    await expect(verifier.verifyIdentity(`Bearer ${await keycloakToken(k1, provider.issuer)}`)).resolves.toBeTruthy();
    const k2 = await signingKey('k2');
    const rotated = await keycloakToken(k2, provider.issuer);
    // Signed with a key nobody published: refused.
    await expect(verifier.verifyIdentity(`Bearer ${rotated}`)).rejects.toThrow('the token is not valid');
    provider.published.push(k2.publicJwk);
    await expect(verifier.verifyIdentity(`Bearer ${rotated}`)).resolves.toMatchObject({ agencyId: 'ngo-kivu-hope' });
    // The old key, still published, still verifies.
    await expect(verifier.verifyIdentity(`Bearer ${await keycloakToken(k1, provider.issuer)}`)).resolves.toBeTruthy();
  });

  it('fetches an unknown kid at most once per cooldown', async () => {
    const verifier = await verifierFor({}, { ...quick, jwksCooldownMs: 60_000 });
    await verifier.verifyIdentity(`Bearer ${await keycloakToken(k1, provider.issuer)}`);
    const before = provider.jwksRequests;
    const stranger = await signingKey('k9');
    for (let i = 0; i < 5; i += 1) {
      await expect(verifier.verifyIdentity(`Bearer ${await keycloakToken(stranger, provider.issuer)}`)).rejects.toThrow(
        'the token is not valid',
      );
    }
    expect(provider.jwksRequests - before).toBeLessThanOrEqual(1);
  });

  it('keeps verifying with cached keys while the provider is down, and refuses a key it never fetched', async () => {
    const logs: string[] = [];
    const verifier = await verifierFor({}, { ...quick, jwksCacheMaxAgeMs: 1, log: (m) => logs.push(m) });
    const token = `Bearer ${await keycloakToken(k1, provider.issuer)}`;
    await expect(verifier.verifyIdentity(token)).resolves.toBeTruthy();
    provider.down = true;
    // The cache is stale (max age 1 ms), the refetch fails: the cached key still answers.
    await expect(verifier.verifyIdentity(token)).resolves.toMatchObject({ agencyId: 'ngo-kivu-hope' });
    const k3 = await signingKey('k3');
    provider.published.push(k3.publicJwk); // published, but the provider cannot be reached to say so
    await expect(verifier.verifyIdentity(`Bearer ${await keycloakToken(k3, provider.issuer)}`)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'the identity provider cannot be reached: the token cannot be verified now',
    });
    expect(logs.join('\n')).toMatch(/identity provider keys unavailable/);
    provider.down = false;
    await expect(verifier.verifyIdentity(`Bearer ${await keycloakToken(k3, provider.issuer)}`)).resolves.toBeTruthy();
  });

  it('refuses every token while discovery fails, says so in the log, and discovers on a later request', async () => {
    const logs: string[] = [];
    provider.down = true;
    const verifier = await verifierFor({}, { ...quick, log: (m) => logs.push(m) });
    const token = `Bearer ${await keycloakToken(k1, provider.issuer)}`;
    await expect(verifier.verifyIdentity(token)).rejects.toThrow(/identity provider cannot be reached/);
    expect(logs.join('\n')).toMatch(
      /discovery failed .*HTTP 503.*refused until it answers.*retried on the next request/,
    );
    provider.down = false;
    await expect(verifier.verifyIdentity(token)).resolves.toMatchObject({ agencyId: 'ngo-kivu-hope' });
  });

  it('refuses keys from a discovery document that names another issuer', async () => {
    provider.discoveryIssuer = 'https://impostor.example/realms/pamoja';
    const verifier = await verifierFor();
    await expect(verifier.verifyIdentity(`Bearer ${await keycloakToken(k1, provider.issuer)}`)).rejects.toThrow(
      /identity provider cannot be reached/,
    );
  });

  it('refuses development tokens outright, even with the development key in the data directory', async () => {
    const keys = await loadOrCreateDevIssuer(dataDir);
    const devToken = await issueDevToken(
      keys,
      { userId: 'u', agencyId: 'ngo-kivu-hope', agencyType: 'first_responder', roles: ['field_worker'] },
      { audience: 'pamoja-api' },
    );
    const verifier = await verifierFor();
    await expect(verifier.verifyIdentity(`Bearer ${devToken}`)).rejects.toThrow(/development tokens are refused/);
    const jwks = await TokenVerifier.create(
      oidcConfig({
        PAMOJA_JWKS_URL: `${provider.issuer}/protocol/openid-connect/certs`,
        PAMOJA_JWT_ISSUER: provider.issuer,
        PAMOJA_DATA_DIR: dataDir,
      }),
      quick,
    );
    await expect(jwks.verifyIdentity(`Bearer ${devToken}`)).rejects.toThrow(/development tokens are refused/);
  });
});
