import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { recordStartedService } from './started-services.js';

/** Where the tests find Keycloak: CI exports its own (`.ci/run`); a developer's runs on 8180. */
export const KEYCLOAK_URL = (process.env['KEYCLOAK_URL'] ?? 'http://127.0.0.1:8180').replace(/\/+$/, '');
/** The realm of infra/keycloak/realm/pamoja-realm.json. */
export const KEYCLOAK_REALM = 'pamoja';
/** Development-only credentials of the realm file (infra/keycloak/README.md). */
export const KEYCLOAK_DEMO_PASSWORD = 'pamoja-dev-only';
export const KEYCLOAK_INTEGRATOR = {
  clientId: 'pamoja-integrator-demo',
  clientSecret: 'pamoja-integrator-demo-dev-only-secret',
} as const;

export function keycloakIssuer(realm: string = KEYCLOAK_REALM): string {
  return `${KEYCLOAK_URL}/realms/${realm}`;
}

async function realmAnswers(): Promise<boolean> {
  try {
    const response = await fetch(`${keycloakIssuer()}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(5_000),
    });
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Makes sure a real Keycloak serves the realm `pamoja` at KEYCLOAK_URL: CI starts one (.ci/run); on a
 * developer machine infra/keycloak/start.sh starts the local one when nothing answers (the script does
 * nothing when it runs already), and the run's end stops it again (one already running is left alone). Fails, never skips, saying how to start it. Returns the issuer.
 */
export async function ensureKeycloak(): Promise<string> {
  if (await realmAnswers()) return keycloakIssuer();
  const script = resolve('infra/keycloak/start.sh');
  const url = new URL(KEYCLOAK_URL);
  const local = url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === 'localhost');
  if (local && existsSync(script)) {
    const env = { KEYCLOAK_PORT: url.port || '80', KEYCLOAK_URL: `http://127.0.0.1:${url.port || '80'}` };
    const started = spawnSync('bash', [script], {
      encoding: 'utf8',
      timeout: 420_000,
      env: { ...process.env, ...env },
    });
    if (started.status === 0) recordStartedService({ name: 'keycloak', stopScript: 'infra/keycloak/stop.sh', env });
    if (started.status === 0 && (await realmAnswers())) return keycloakIssuer();
    throw new Error(
      `Keycloak is required for this test; infra/keycloak/start.sh could not start it:\n${started.stderr || started.stdout}`,
    );
  }
  throw new Error(
    `Keycloak is required for this test and the realm ${KEYCLOAK_REALM} does not answer at ${KEYCLOAK_URL} ` +
      '(set KEYCLOAK_URL, or run infra/keycloak/start.sh)',
  );
}

export interface TokenResponse {
  readonly access_token: string;
  readonly refresh_token?: string;
  readonly id_token?: string;
  readonly expires_in: number;
}

async function tokenRequest(realm: string, form: Record<string, string>): Promise<Response> {
  return fetch(`${keycloakIssuer(realm)}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
    signal: AbortSignal.timeout(15_000),
  });
}

async function tokensOf(response: Response): Promise<TokenResponse> {
  const body = (await response.json()) as TokenResponse & { error?: string; error_description?: string };
  if (!response.ok) {
    throw new Error(`token endpoint: HTTP ${response.status} ${body.error ?? ''} ${body.error_description ?? ''}`);
  }
  return body;
}

/** An integrator's access token: the client credentials grant. */
export async function clientCredentialsToken(
  client: { clientId: string; clientSecret: string } = KEYCLOAK_INTEGRATOR,
  realm: string = KEYCLOAK_REALM,
): Promise<TokenResponse> {
  return tokensOf(
    await tokenRequest(realm, {
      grant_type: 'client_credentials',
      client_id: client.clientId,
      client_secret: client.clientSecret,
    }),
  );
}

/** The refresh token grant; a refused refresh answers the provider's error. */
export async function refreshTokens(
  refreshToken: string,
  clientId: string,
  realm: string = KEYCLOAK_REALM,
): Promise<{ ok: true; tokens: TokenResponse } | { ok: false; status: number; error: string }> {
  const response = await tokenRequest(realm, {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: clientId,
  });
  if (response.ok) return { ok: true, tokens: (await response.json()) as TokenResponse };
  const body = (await response.json()) as { error?: string; error_description?: string };
  return { ok: false, status: response.status, error: `${body.error ?? ''}: ${body.error_description ?? ''}` };
}

export type CodeFlowResult =
  { readonly signedIn: true; readonly tokens: TokenResponse } | { readonly signedIn: false; readonly page: string };

/**
 * A person's sign-in as the console does it, driven with fetch: Authorization Code with PKCE (S256), state
 * and nonce, through Keycloak's own login form (its cookies kept between the requests). Answers the tokens,
 * or the login page Keycloak showed again (wrong password, disabled account) as text.
 */
export async function signInWithCodeFlow(options: {
  username: string;
  password: string;
  clientId?: string;
  redirectUri?: string;
  realm?: string;
  /** The login page's language (`ui_locales`); the realm's default is French. */
  locale?: string;
}): Promise<CodeFlowResult> {
  const realm = options.realm ?? KEYCLOAK_REALM;
  const clientId = options.clientId ?? 'pamoja-console';
  const redirectUri = options.redirectUri ?? 'http://127.0.0.1:4610/auth/callback';
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const state = randomBytes(16).toString('base64url');
  const cookies = new Map<string, string>();
  const keepCookies = (response: Response) => {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (name) cookies.set(name.trim(), value.join('='));
    }
  };
  const cookieHeader = () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');

  const authorize = new URL(`${keycloakIssuer(realm)}/protocol/openid-connect/auth`);
  authorize.search = new URLSearchParams({
    client_id: clientId,
    response_type: 'code',
    scope: 'openid',
    redirect_uri: redirectUri,
    state,
    nonce: randomBytes(16).toString('base64url'),
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...(options.locale ? { ui_locales: options.locale } : {}),
  }).toString();
  const loginPage = await fetch(authorize, { redirect: 'manual', signal: AbortSignal.timeout(15_000) });
  keepCookies(loginPage);
  const html = await loginPage.text();
  const action = /<form[^>]*id="kc-form-login"[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no login form at ${authorize.href} (HTTP ${loginPage.status}): ${html.slice(0, 300)}`);

  const submitted = await fetch(action.replaceAll('&amp;', '&'), {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader() },
    body: new URLSearchParams({ username: options.username, password: options.password, credentialId: '' }),
    signal: AbortSignal.timeout(15_000),
  });
  const location = submitted.headers.get('location');
  if (submitted.status !== 302 || !location?.startsWith(redirectUri)) {
    return { signedIn: false, page: textOf(await submitted.text()) };
  }
  const back = new URL(location);
  if (back.searchParams.get('state') !== state) throw new Error(`state mismatch in ${location}`);
  const code = back.searchParams.get('code');
  if (!code) throw new Error(`no code in ${location}`);
  const tokens = await tokensOf(
    await tokenRequest(realm, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: clientId,
      code_verifier: verifier,
    }),
  );
  return { signedIn: true, tokens };
}

/** A login page as the words a person reads. */
function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)))
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Keycloak's admin REST API as the master realm's administrator (KEYCLOAK_ADMIN, as start.sh set it). */
export class KeycloakAdmin {
  private constructor(private readonly token: string) {}

  static async signIn(): Promise<KeycloakAdmin> {
    const response = await fetch(`${KEYCLOAK_URL}/realms/master/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: 'admin-cli',
        username: process.env['KEYCLOAK_ADMIN'] ?? 'admin',
        password: process.env['KEYCLOAK_ADMIN_PASSWORD'] ?? 'pamoja-dev-admin',
      }),
      signal: AbortSignal.timeout(15_000),
    });
    return new KeycloakAdmin((await tokensOf(response)).access_token);
  }

  /** A request under /admin/realms; answers the parsed body (or the Location header of a creation). */
  async api<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${KEYCLOAK_URL}/admin/realms${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(60_000),
    });
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
    const text = await response.text();
    if (text === '') return (response.headers.get('location') ?? undefined) as T;
    return JSON.parse(text) as T;
  }
}
