import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { loadOrCreateDevIssuer, type DevIssuerKeys } from '@pamoja/platform/auth';
import { DEFAULT_AUDIENCE, DEV_ISSUER } from '@pamoja/platform/config';
import { oidcSignInFromEnv, signInConfig } from './dev-sign-in.js';
import { consoleHandler, devSignInHandler, type NodeHandler } from './index.js';

/** A server with the browser-facing handlers in front of a stand-in API that answers `api <path>`. */
async function serve(handlers: NodeHandler[]): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const next = (index: number): void => {
      const handler = handlers[index];
      if (handler) {
        handler(req, res, () => {
          next(index + 1);
        });
        return;
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ api: req.url }));
    };
    next(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { url: `http://127.0.0.1:${address.port}`, server };
}

describe('the console on the API origin', () => {
  let dir: string;
  let url: string;
  let server: Server;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pamoja-console-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(join(dir, 'assets', 'index-abc123.js.br'), brotliCompressSync('console.log(1)'));
    ({ url, server } = await serve([consoleHandler(dir)]));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a deep link with the page, never cached stale, framed by no one', async () => {
    const response = await fetch(`${url}/cases/123`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="root">');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('caches hashed assets for good', async () => {
    const response = await fetch(`${url}/assets/index-abc123.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('immutable');
  });

  it.each(['/graphql', '/graphql?query=%7B__typename%7D', '/health', '/ready', '/auth/config'])(
    'leaves %s to the API, even for a browser',
    async (path) => {
      const response = await fetch(`${url}${path}`, { headers: { accept: 'text/html' } });
      expect(await response.json()).toEqual({ api: path });
    },
  );

  it('sends the precompressed asset to a browser that accepts it', async () => {
    const response = await fetch(`${url}/assets/index-abc123.js`, { headers: { 'accept-encoding': 'br' } });
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('leaves every POST to the API', async () => {
    const response = await fetch(`${url}/`, { method: 'POST', body: '{}' });
    expect(await response.json()).toEqual({ api: '/' });
  });

  it('says how to build the console when it is not built, and still serves the API', async () => {
    const bare = await serve([consoleHandler(undefined)]);
    try {
      const page = await fetch(`${bare.url}/`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(404);
      expect(await page.text()).toContain('npm run build');
      expect(await (await fetch(`${bare.url}/graphql`)).json()).toEqual({ api: '/graphql' });
    } finally {
      await new Promise((resolve) => bare.server.close(resolve));
    }
  });
});

describe('the development sign-in', () => {
  let dataDir: string;
  let keys: DevIssuerKeys;
  let url: string;
  let server: Server;

  const signIn = (body: unknown) =>
    fetch(`${url}/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'pamoja-dev-sign-in-'));
    keys = await loadOrCreateDevIssuer(dataDir);
    ({ url, server } = await serve([
      devSignInHandler({ keys, audience: DEFAULT_AUDIENCE, oidc: undefined, production: false }),
    ]));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('tells the console to show the development sign-in', async () => {
    const response = await fetch(`${url}/auth/config`);
    const body = (await response.json()) as { signIn: string; development?: { agencyTypes: string[] } };
    expect(body).toMatchObject({ signIn: 'development' });
    expect(body.development?.agencyTypes).toContain('police');
    expect(body).not.toHaveProperty('oidc');
  });

  it('issues a token of the dev issuer for the agency, type and role picked', async () => {
    const response = await signIn({ agencyId: 'pnc-pmh-masisi', agencyType: 'police', roles: ['investigator'] });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { token, development } = (await response.json()) as { token: string; development: boolean };
    expect(development).toBe(true);
    const { payload } = await jwtVerify(token, createLocalJWKSet({ keys: [keys.publicJwk] }), {
      issuer: DEV_ISSUER,
      audience: DEFAULT_AUDIENCE,
    });
    expect(payload).toMatchObject({
      sub: 'pnc-pmh-masisi-user',
      agency_id: 'pnc-pmh-masisi',
      agency_type: 'police',
      roles: ['investigator'],
    });
  });

  it('refuses bad input field by field, in the API error format', async () => {
    const response = await signIn({ agencyId: 'Not An Id', agencyType: 'army', roles: [] });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { extensions: { code: string; fields: { field: string }[] } }[] };
    expect(body.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0]?.extensions.fields.map((f) => f.field)).toEqual(['agencyId', 'agencyType', 'roles']);
  });

  it("never issues the platform's own role", async () => {
    const response = await signIn({ agencyId: 'aplt-nk', agencyType: 'coordination_body', roles: ['system'] });
    expect(response.status).toBe(400);
  });

  it("refuses a role outside the vocabulary of the agency's type, naming it", async () => {
    const response = await signIn({
      agencyId: 'pnc-masisi',
      agencyType: 'police',
      roles: ['investigator', 'coordinator'],
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      errors: { extensions: { fields: { field: string; reason: string }[] } }[];
    };
    expect(body.errors[0]?.extensions.fields).toEqual([
      {
        field: 'roles',
        reason: 'coordinator is not a role of a police agency (investigator, officer, commander, auditor)',
      },
    ]);
  });

  it('answers a body that is not JSON as bad input', async () => {
    const response = await fetch(`${url}/auth/dev-token`, { method: 'POST', body: 'agency=police' });
    expect(response.status).toBe(400);
  });

  it('is off where tokens come from an identity provider', async () => {
    const off = await serve([devSignInHandler({ keys: undefined, audience: DEFAULT_AUDIENCE, oidc: undefined })]);
    try {
      expect(await (await fetch(`${off.url}/auth/config`)).json()).toMatchObject({ signIn: 'identity-provider' });
      const response = await fetch(`${off.url}/auth/dev-token`, {
        method: 'POST',
        body: JSON.stringify({ agencyId: 'aplt-nk', agencyType: 'coordination_body', roles: ['coordinator'] }),
      });
      expect(response.status).toBe(404);
    } finally {
      await new Promise((resolve) => off.server.close(resolve));
    }
  });
});

describe('the sign-in through an identity provider', () => {
  const oidc = { issuer: 'https://id.example.org/realms/pamoja', clientId: 'pamoja-console', scopes: ['openid'] };
  let dir: string;
  let dataDir: string;
  let keys: DevIssuerKeys;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pamoja-console-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
    dataDir = mkdtempSync(join(tmpdir(), 'pamoja-dev-sign-in-'));
    keys = await loadOrCreateDevIssuer(dataDir);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("reads the provider from PAMOJA_OIDC_ISSUER, with the console's client id by default", () => {
    expect(oidcSignInFromEnv({})).toBeUndefined();
    expect(oidcSignInFromEnv({ PAMOJA_JWKS_URL: 'https://id.example.org/jwks', PAMOJA_JWT_ISSUER: 'x' })).toBe(
      undefined,
    );
    // The issuer exactly as configured: the provider's discovery document must name the same.
    expect(oidcSignInFromEnv({ PAMOJA_OIDC_ISSUER: 'http://localhost:8180/realms/pamoja' })).toEqual({
      issuer: 'http://localhost:8180/realms/pamoja',
      clientId: 'pamoja-console',
      scopes: ['openid', 'profile'],
    });
    expect(
      oidcSignInFromEnv({ PAMOJA_OIDC_ISSUER: 'https://id.example.org', PAMOJA_OIDC_CONSOLE_CLIENT_ID: 'console' })
        ?.clientId,
    ).toBe('console');
  });

  it('never offers the development sign-in beside a provider, nor in production', () => {
    expect(signInConfig({ development: true, oidc, production: false })).toEqual({ signIn: 'oidc', oidc });
    expect(signInConfig({ development: true, oidc, production: true })).toEqual({ signIn: 'oidc', oidc });
    expect(signInConfig({ development: true, oidc: undefined, production: true })).toEqual({
      signIn: 'identity-provider',
    });
  });

  it("tells the console the provider's issuer, client and scopes, and issues no development token", async () => {
    const { url, server } = await serve([
      devSignInHandler({ keys, audience: DEFAULT_AUDIENCE, oidc, production: false }),
      consoleHandler(dir),
    ]);
    try {
      const config = (await (await fetch(`${url}/auth/config`)).json()) as Record<string, unknown>;
      expect(config).toEqual({ signIn: 'oidc', oidc });
      const response = await fetch(`${url}/auth/dev-token`, {
        method: 'POST',
        body: JSON.stringify({ agencyId: 'aplt-nk', agencyType: 'coordination_body', roles: ['coordinator'] }),
      });
      expect(response.status).toBe(404);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('answers the return from the provider with the console, whose page may reach the provider', async () => {
    const { url, server } = await serve([
      devSignInHandler({ keys: undefined, audience: DEFAULT_AUDIENCE, oidc }),
      consoleHandler(dir, { connectSources: ['https://id.example.org'] }),
    ]);
    try {
      const page = await fetch(`${url}/auth/callback?code=abc&state=xyz`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      const policy = page.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("connect-src 'self' ws: wss: https://id.example.org;");
      expect(policy).toContain("default-src 'self';");
      // Any other page too; the API's paths stay the API's.
      const home = await fetch(`${url}/cases`, { headers: { accept: 'text/html' } });
      expect(home.headers.get('content-security-policy')).toContain('https://id.example.org');
      expect(await (await fetch(`${url}/graphql`, { headers: { accept: 'text/html' } })).json()).toEqual({
        api: '/graphql',
      });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('issues no development token in production, keys or not', async () => {
    const { url, server } = await serve([
      devSignInHandler({ keys, audience: DEFAULT_AUDIENCE, oidc: undefined, production: true }),
    ]);
    try {
      expect(await (await fetch(`${url}/auth/config`)).json()).toEqual({ signIn: 'identity-provider' });
      const response = await fetch(`${url}/auth/dev-token`, {
        method: 'POST',
        body: JSON.stringify({ agencyId: 'aplt-nk', agencyType: 'coordination_body', roles: ['coordinator'] }),
      });
      expect(response.status).toBe(404);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("leaves the page's policy as it is without a provider", async () => {
    const { url, server } = await serve([
      devSignInHandler({ keys, audience: DEFAULT_AUDIENCE, oidc: undefined, production: false }),
      consoleHandler(dir),
    ]);
    try {
      const page = await fetch(`${url}/`, { headers: { accept: 'text/html' } });
      expect(page.headers.get('content-security-policy')).toContain("connect-src 'self' ws: wss:;");
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
