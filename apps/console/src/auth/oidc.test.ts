import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { calculatePKCECodeChallenge } from 'oauth4webapi';
import { beginSignIn, completeSignIn, forgetDiscovery, refreshTokens } from './oidc';
import { endSessionUrl, SignInError } from './provider';
import { sessionOfProviderToken } from './signed-in';
import { accessToken, digestsInPageRealm, idToken, ISSUER, mockProvider, pendingSignIn, SETTINGS } from './testing';

const callback = (params: Record<string, string>) => {
  const url = new URL('/auth/callback', location.origin);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url;
};

async function failureOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SignInError) return error.reason;
    throw error;
  }
  throw new Error('it did not fail');
}

describe('the sign-in at the identity provider', () => {
  beforeEach(() => {
    digestsInPageRealm();
    forgetDiscovery();
    sessionStorage.clear();
  });
  afterEach(() => {
    sessionStorage.clear();
  });

  it('sends the person to the provider with PKCE (S256), a state and a nonce, back to /auth/callback', async () => {
    mockProvider({});
    const url = await beginSignIn(SETTINGS, '/cases', 'sw');
    expect(url.origin + url.pathname).toBe(`${ISSUER}/protocol/openid-connect/auth`);
    const pending = pendingSignIn();
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'pamoja-console',
      redirect_uri: `${location.origin}/auth/callback`,
      response_type: 'code',
      scope: 'openid profile',
      code_challenge: await calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
      ui_locales: 'sw',
    });
    expect(pending.state).not.toBe(pending.nonce);
    expect(pending.next).toBe('/cases');
    // Two sign-ins never share a secret.
    const again = await beginSignIn(SETTINGS, '/');
    expect(again.searchParams.get('state')).not.toBe(pending.state);
    expect(again.searchParams.get('code_challenge')).not.toBe(url.searchParams.get('code_challenge'));
  });

  it('says the provider cannot be reached when its discovery document cannot be fetched', async () => {
    mockProvider({ unreachable: true });
    await expect(failureOf(beginSignIn(SETTINGS, '/'))).resolves.toBe('unreachable');
  });

  it('exchanges the code with the verifier and checks the nonce, then reads agency and roles from the token', async () => {
    let sent: URLSearchParams | undefined;
    const { calls } = mockProvider({
      token: (body) => {
        sent = body;
        return {
          access_token: accessToken(),
          token_type: 'Bearer',
          expires_in: 300,
          refresh_token: 'refresh-1',
          id_token: idToken(pendingNonce),
        };
      },
    });
    await beginSignIn(SETTINGS, '/cases');
    const { state, nonce: pendingNonce, verifier } = pendingSignIn();
    const done = await completeSignIn(callback({ code: 'the-code', state, iss: ISSUER }));
    expect(sent?.get('grant_type')).toBe('authorization_code');
    expect(sent?.get('code')).toBe('the-code');
    expect(sent?.get('code_verifier')).toBe(verifier);
    expect(sent?.get('redirect_uri')).toBe(`${location.origin}/auth/callback`);
    expect(sent?.get('client_id')).toBe('pamoja-console');
    expect(calls.filter((c) => c.url.pathname.endsWith('/token'))).toHaveLength(1);
    expect(done.next).toBe('/cases');
    expect(done.tokens.refreshToken).toBe('refresh-1');
    expect(done.tokens.expiresAt).toBeGreaterThan(Date.now() + 290_000);
    expect(done.endSession).toBe(`${ISSUER}/protocol/openid-connect/logout`);

    const session = sessionOfProviderToken(done.tokens.accessToken, done.tokens.idToken);
    expect(session).toMatchObject({
      userId: 'user-1',
      agencyId: 'pnc-pmh-masisi',
      agencyType: 'police',
      roles: ['investigator'],
      development: false,
      displayName: 'Amani Bahati',
    });
  });

  it('refuses an answer whose state is not the one this tab sent, without asking for a token', async () => {
    const { calls } = mockProvider({ token: () => ({ access_token: accessToken(), token_type: 'Bearer' }) });
    await beginSignIn(SETTINGS, '/');
    await expect(failureOf(completeSignIn(callback({ code: 'the-code', state: 'forged', iss: ISSUER })))).resolves.toBe(
      'state',
    );
    expect(calls.some((c) => c.url.pathname.endsWith('/token'))).toBe(false);
  });

  it('refuses an answer when no sign-in was started in this tab, or when it is used a second time', async () => {
    const { calls } = mockProvider({});
    await expect(failureOf(completeSignIn(callback({ code: 'c', state: 's', iss: ISSUER })))).resolves.toBe('state');
    expect(calls).toEqual([]);
    await beginSignIn(SETTINGS, '/');
    const { state, nonce } = pendingSignIn();
    mockProvider({ token: () => ({ access_token: accessToken(), token_type: 'Bearer', id_token: idToken(nonce) }) });
    const url = callback({ code: 'c', state, iss: ISSUER });
    await completeSignIn(url);
    await expect(failureOf(completeSignIn(url))).resolves.toBe('state');
  });

  it('reads a sign-in stopped at the provider as cancelled, and another error as refused', async () => {
    mockProvider({});
    await beginSignIn(SETTINGS, '/');
    const cancelled = callback({ error: 'access_denied', state: pendingSignIn().state, iss: ISSUER });
    await expect(failureOf(completeSignIn(cancelled))).resolves.toBe('cancelled');
    await beginSignIn(SETTINGS, '/');
    const refused = callback({ error: 'temporarily_unavailable', state: pendingSignIn().state, iss: ISSUER });
    await expect(failureOf(completeSignIn(refused))).resolves.toBe('refused');
  });

  it('refuses an ID token of another sign-in (its nonce) or another issuer', async () => {
    for (const claims of [{ nonce: 'another' }, { iss: 'https://elsewhere.example.org' }]) {
      let nonce = '';
      mockProvider({
        token: () => ({ access_token: accessToken(), token_type: 'Bearer', id_token: idToken(nonce, claims) }),
      });
      await beginSignIn(SETTINGS, '/');
      nonce = pendingSignIn().nonce;
      const url = callback({ code: 'c', state: pendingSignIn().state, iss: ISSUER });
      await expect(failureOf(completeSignIn(url))).resolves.toBe('refused');
    }
  });

  it('renews the tokens with the refresh token, keeping the one it had when none comes back', async () => {
    let sent: URLSearchParams | undefined;
    mockProvider({
      token: (body) => {
        sent = body;
        return { access_token: accessToken({ jti: 'second' }), token_type: 'Bearer', expires_in: 600 };
      },
    });
    const before = { accessToken: accessToken(), refreshToken: 'refresh-1', idToken: 'id-1', expiresAt: Date.now() };
    const after = await refreshTokens(SETTINGS, before);
    expect(sent?.get('grant_type')).toBe('refresh_token');
    expect(sent?.get('refresh_token')).toBe('refresh-1');
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).toBe('refresh-1');
    expect(after.idToken).toBe('id-1');
    expect(after.expiresAt).toBeGreaterThan(Date.now() + 590_000);
  });

  it('reads a refused refresh as the end of the session, and a lost link as unreachable', async () => {
    const tokens = { accessToken: accessToken(), refreshToken: 'refresh-1', idToken: undefined, expiresAt: 0 };
    mockProvider({
      token: () =>
        new Response(JSON.stringify({ error: 'invalid_grant', error_description: 'Session not active' }), {
          status: 400,
          headers: { 'content-type': 'application/json' },
        }),
    });
    await expect(failureOf(refreshTokens(SETTINGS, tokens))).resolves.toBe('expired');
    forgetDiscovery();
    mockProvider({ unreachable: true });
    await expect(failureOf(refreshTokens(SETTINGS, tokens))).resolves.toBe('unreachable');
  });

  it("signs out at the provider with the ID token, back to the console's sign-in page", () => {
    const url = endSessionUrl(`${ISSUER}/protocol/openid-connect/logout`, SETTINGS, {
      accessToken: 'a',
      refreshToken: 'r',
      idToken: 'the-id-token',
      expiresAt: 0,
    });
    expect(Object.fromEntries(url?.searchParams ?? [])).toEqual({
      client_id: 'pamoja-console',
      post_logout_redirect_uri: `${location.origin}/sign-in`,
      id_token_hint: 'the-id-token',
    });
  });
});

describe("the session of the provider's token", () => {
  it('takes no token that names no agency', () => {
    expect(sessionOfProviderToken(accessToken({ agency_id: undefined }))).toBeUndefined();
    expect(sessionOfProviderToken('not a token')).toBeUndefined();
  });

  it("keeps the token's agency type when it has one, and no role of the provider's own", () => {
    const session = sessionOfProviderToken(
      accessToken({
        agency_id: 'new-agency',
        agency_type: 'prosecutor',
        realm_access: { roles: ['uma_authorization'] },
      }),
    );
    expect(session).toMatchObject({ agencyId: 'new-agency', agencyType: 'prosecutor', roles: [] });
    expect(session?.displayName).toBe('investigator.masisi');
  });
});
