import { vi } from 'vitest';

/** The identity provider of the tests: a Keycloak-like realm, answered at fetch. */
export const ISSUER = 'https://id.example.org/realms/pamoja';
export const SETTINGS = { issuer: ISSUER, clientId: 'pamoja-console', scopes: ['openid', 'profile'] } as const;

const encode = (value: unknown) =>
  btoa(JSON.stringify(value)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');

/** A JWT with the claims given (signed by no one: the console does not verify, the platform does). */
export function jwt(claims: Record<string, unknown>): string {
  return `${encode({ alg: 'RS256', typ: 'JWT', kid: 'k1' })}.${encode(claims)}.c2lnbmF0dXJl`;
}

export function accessToken(claims: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  return jwt({
    iss: ISSUER,
    aud: 'pamoja-api',
    sub: 'user-1',
    exp: now + 300,
    iat: now,
    agency_id: 'pnc-pmh-masisi',
    realm_access: { roles: ['investigator', 'offline_access', 'default-roles-pamoja'] },
    preferred_username: 'investigator.masisi',
    ...claims,
  });
}

export function idToken(nonce: string, claims: Record<string, unknown> = {}): string {
  const now = Math.floor(Date.now() / 1000);
  return jwt({
    iss: ISSUER,
    aud: SETTINGS.clientId,
    azp: SETTINGS.clientId,
    sub: 'user-1',
    exp: now + 300,
    iat: now,
    nonce,
    name: 'Amani Bahati',
    ...claims,
  });
}

export interface ProviderCall {
  readonly url: URL;
  readonly body: URLSearchParams | undefined;
}

/**
 * Answers fetch as the provider does: its discovery document, and its token endpoint with `token(body)`
 * (a JSON body, or a Response). Every call is kept.
 */
export function mockProvider(options: {
  token?: (body: URLSearchParams) => unknown;
  unreachable?: boolean;
  /** What the platform's `GET /auth/config` answers. */
  config?: unknown;
}): { calls: ProviderCall[] } {
  const calls: ProviderCall[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : input.toString(), location.origin);
      const body = init?.body instanceof URLSearchParams ? init.body : undefined;
      calls.push({ url, body });
      const json = (value: unknown, status = 200) =>
        Promise.resolve(
          new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } }),
        );
      if (url.pathname === '/auth/config' && url.origin === location.origin) return json(options.config ?? {});
      if (options.unreachable) return Promise.reject(new TypeError('Failed to fetch'));
      if (url.pathname.endsWith('/.well-known/openid-configuration')) {
        return json({
          issuer: ISSUER,
          authorization_endpoint: `${ISSUER}/protocol/openid-connect/auth`,
          token_endpoint: `${ISSUER}/protocol/openid-connect/token`,
          end_session_endpoint: `${ISSUER}/protocol/openid-connect/logout`,
          jwks_uri: `${ISSUER}/protocol/openid-connect/certs`,
          code_challenge_methods_supported: ['plain', 'S256'],
          authorization_response_iss_parameter_supported: true,
          id_token_signing_alg_values_supported: ['RS256'],
        });
      }
      if (url.pathname.endsWith('/protocol/openid-connect/token') && body && options.token) {
        const answer = options.token(body);
        return answer instanceof Response ? Promise.resolve(answer) : json(answer);
      }
      return json({ error: 'not_found' }, 404);
    }),
  );
  return { calls };
}

/** The sign-in under way in this tab, as `beginSignIn` left it. */
export function pendingSignIn(): { state: string; nonce: string; verifier: string; next: string } {
  return JSON.parse(sessionStorage.getItem('pamoja.oidc.pending') ?? 'null') as {
    state: string;
    nonce: string;
    verifier: string;
    next: string;
  };
}

/**
 * Under jsdom the test's `ArrayBuffer` is jsdom's, while Node's WebCrypto answers digests in Node's own:
 * the digest is handed back as a buffer of the page's realm, as a browser does.
 */
export function digestsInPageRealm(): void {
  const digest = crypto.subtle.digest.bind(crypto.subtle);
  vi.spyOn(crypto.subtle, 'digest').mockImplementation(async (algorithm, data) => {
    const bytes = new Uint8Array(await digest(algorithm, data));
    const buffer = new ArrayBuffer(bytes.byteLength);
    new Uint8Array(buffer).set(bytes);
    return buffer;
  });
}
