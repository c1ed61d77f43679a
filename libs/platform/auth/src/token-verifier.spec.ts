import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { loadConfig } from '@pamoja/platform/config';
import { issueDevToken, loadOrCreateDevIssuer } from './dev-issuer.js';
import { TokenVerifier } from './token-verifier.js';

const actor = { userId: 'opj-7', agencyId: 'pnc-masisi', agencyType: 'police' as const, roles: ['investigator'] };

describe('token verification', () => {
  describe('with the development issuer (embedded mode)', () => {
    let dataDir: string;
    let verifier: TokenVerifier;

    beforeAll(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'pamoja-auth-'));
      verifier = await TokenVerifier.create(
        loadConfig({ PAMOJA_DATA_DIR: dataDir }, { mode: 'embedded', serviceName: 't' }),
      );
    });
    afterAll(() => rm(dataDir, { recursive: true, force: true }));

    it('turns a valid token into the actor it names', async () => {
      const token = await issueDevToken(await loadOrCreateDevIssuer(dataDir), actor);
      await expect(verifier.verify(`Bearer ${token}`)).resolves.toEqual(actor);
    });

    it('refuses a missing header, a malformed header, an expired token and another audience', async () => {
      const keys = await loadOrCreateDevIssuer(dataDir);
      await expect(verifier.verify(undefined)).rejects.toThrow(/bearer token is required/);
      await expect(verifier.verify('Basic abc')).rejects.toThrow(/must be "Bearer <token>"/);
      const expired = await issueDevToken(keys, actor, { expiresIn: '-5m' });
      await expect(verifier.verify(`Bearer ${expired}`)).rejects.toThrow(/expired/);
      const elsewhere = await issueDevToken(keys, actor, { audience: 'another-system' });
      await expect(verifier.verify(`Bearer ${elsewhere}`)).rejects.toThrow(/not valid/);
    });

    it('refuses a token signed by another key', async () => {
      const otherDir = await mkdtemp(join(tmpdir(), 'pamoja-auth-other-'));
      const forged = await issueDevToken(await loadOrCreateDevIssuer(otherDir), actor);
      await expect(verifier.verify(`Bearer ${forged}`)).rejects.toThrow(/not valid/);
      await rm(otherDir, { recursive: true, force: true });
    });
  });

  describe('with an identity provider publishing a JWKS (production)', () => {
    let server: Server;
    let privateKey: CryptoKey;
    let verifier: TokenVerifier;
    const issuer = 'https://id.pamoja.example';

    beforeAll(async () => {
      const pair = await generateKeyPair('RS256');
      privateKey = pair.privateKey;
      const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
      server = createServer((_req, res) => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys: [jwk] }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as { port: number };
      verifier = await TokenVerifier.create(
        loadConfig(
          {
            PAMOJA_JWKS_URL: `http://127.0.0.1:${port}/jwks.json`,
            PAMOJA_JWT_ISSUER: issuer,
            NODE_ENV: 'production',
            DATABASE_URL: 'postgres://pamoja@db.invalid/pamoja',
            PAMOJA_MASTER_KEY: Buffer.alloc(32, 7).toString('base64'),
          },
          { mode: 'server', serviceName: 't' },
        ),
      );
    });
    afterAll(
      () =>
        new Promise<void>((resolve) =>
          server.close(() => {
            resolve();
          }),
        ),
    );

    const sign = (claims: Record<string, unknown>, iss = issuer) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(iss)
        .setAudience('pamoja')
        .setSubject('opj-7')
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey);

    it('verifies against the published keys', async () => {
      const token = await sign({ agency_id: 'pnc-masisi', agency_type: 'police', roles: ['investigator'] });
      await expect(verifier.verify(`Bearer ${token}`)).resolves.toEqual(actor);
    });

    it('refuses another issuer and tokens that name no agency, an unknown agency type or no roles', async () => {
      const claims = { agency_id: 'pnc-masisi', agency_type: 'police', roles: ['investigator'] };
      await expect(verifier.verify(`Bearer ${await sign(claims, 'https://evil.example')}`)).rejects.toThrow(
        /not valid/,
      );
      await expect(verifier.verify(`Bearer ${await sign({ ...claims, agency_id: '' })}`)).rejects.toThrow(/no agency/);
      await expect(verifier.verify(`Bearer ${await sign({ ...claims, agency_type: 'army' })}`)).rejects.toThrow(
        /agency type/,
      );
      await expect(verifier.verify(`Bearer ${await sign({ ...claims, roles: 'admin' })}`)).rejects.toThrow(/roles/);
    });

    it('refuses a token that claims to be the platform itself, which the case-membership guard lets through', async () => {
      const claims = { agency_id: 'pnc-masisi', agency_type: 'police', roles: ['investigator'] };
      await expect(
        verifier.verify(`Bearer ${await sign({ ...claims, agency_id: 'pamoja-platform' })}`),
      ).rejects.toThrow(/platform/);
      await expect(verifier.verify(`Bearer ${await sign({ ...claims, roles: ['system'] })}`)).rejects.toThrow(
        /platform/,
      );
    });
  });

  it('will not start in production without an identity provider', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' }, { mode: 'embedded', serviceName: 't' })).toThrow(
      /PAMOJA_OIDC_ISSUER \(or PAMOJA_JWKS_URL with PAMOJA_JWT_ISSUER\) is required when NODE_ENV=production/,
    );
  });
});
