import * as oauth from 'oauth4webapi';
import { CALLBACK_PATH, SignInError, type OidcSettings, type OidcTokens } from './provider';

/** The sign-in under way in this tab: its state, nonce and PKCE verifier, until the provider answers. */
const PENDING_KEY = 'pamoja.oidc.pending';

interface PendingSignIn {
  readonly settings: OidcSettings;
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
  /** The console's page to show once signed in. */
  readonly next: string;
}

export function redirectUri(): string {
  return `${location.origin}${CALLBACK_PATH}`;
}

/**
 * Plain http to the provider only when the console itself is on plain http (a laptop with a local
 * provider): a console served over https never speaks to its provider in clear.
 */
// The option is marked deprecated by the library to make it stand out: it is meant for local providers only.
// eslint-disable-next-line @typescript-eslint/no-deprecated
const insecureOption = oauth.allowInsecureRequests;

function requestOptions(settings: OidcSettings): { [insecureOption]?: boolean } {
  const insecure = new URL(settings.issuer).protocol === 'http:' && location.protocol === 'http:';
  return insecure ? { [insecureOption]: true } : {};
}

const discovered = new Map<string, Promise<oauth.AuthorizationServer>>();

/** The provider's metadata (its discovery document), once per issuer while the page lives. */
export function discover(settings: OidcSettings): Promise<oauth.AuthorizationServer> {
  let metadata = discovered.get(settings.issuer);
  if (!metadata) {
    const issuer = new URL(settings.issuer);
    metadata = (async () => {
      let response: Response;
      try {
        response = await oauth.discoveryRequest(issuer, { algorithm: 'oidc', ...requestOptions(settings) });
      } catch (error) {
        throw new SignInError('unreachable', { cause: error });
      }
      try {
        return await oauth.processDiscoveryResponse(issuer, response);
      } catch (error) {
        // A gateway's error page or a provider that is starting: not reachable as a provider yet.
        throw new SignInError('unreachable', { cause: error });
      }
    })();
    discovered.set(settings.issuer, metadata);
    // A failure is not kept: the next attempt asks again.
    metadata.catch(() => discovered.delete(settings.issuer));
  }
  return metadata;
}

/** Forgets what was discovered (tests, and a provider whose metadata changed). */
export function forgetDiscovery(): void {
  discovered.clear();
}

/**
 * Starts a sign-in: Authorization Code with PKCE (S256), a state and a nonce kept in this tab until the
 * provider sends the person back. Answers the provider's authorization URL, to open in this tab.
 */
export async function beginSignIn(settings: OidcSettings, next: string, language?: string): Promise<URL> {
  const as = await discover(settings);
  if (!as.authorization_endpoint) throw new SignInError('refused');
  const verifier = oauth.generateRandomCodeVerifier();
  const pending: PendingSignIn = {
    settings,
    state: oauth.generateRandomState(),
    nonce: oauth.generateRandomNonce(),
    verifier,
    next,
  };
  const url = new URL(as.authorization_endpoint);
  url.searchParams.set('client_id', settings.clientId);
  url.searchParams.set('redirect_uri', redirectUri());
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', settings.scopes.join(' '));
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  url.searchParams.set('state', pending.state);
  url.searchParams.set('nonce', pending.nonce);
  // The provider's page in the console's language, where it has it.
  if (language) url.searchParams.set('ui_locales', language);
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  return url;
}

/** The sign-in under way, taken once: a second use of the same answer finds none. */
function takePending(): PendingSignIn | undefined {
  const text = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  if (!text) return undefined;
  try {
    const pending = JSON.parse(text) as Partial<PendingSignIn>;
    const { settings, state, nonce, verifier, next } = pending;
    if (!settings || !state || !nonce || !verifier || typeof next !== 'string') return undefined;
    return { settings, state, nonce, verifier, next };
  } catch {
    return undefined;
  }
}

function tokensOf(result: oauth.TokenEndpointResponse, before?: OidcTokens): OidcTokens {
  return {
    accessToken: result.access_token,
    // A provider that does not rotate refresh tokens answers none on a refresh: the one we had still holds.
    refreshToken: result.refresh_token ?? before?.refreshToken,
    idToken: result.id_token ?? before?.idToken,
    expiresAt: Date.now() + (result.expires_in ?? 300) * 1000,
  };
}

/** A request to the provider; a link that fails (no answer at all) is `unreachable`. */
async function reach(request: () => Promise<Response>): Promise<Response> {
  try {
    return await request();
  } catch (error) {
    throw new SignInError('unreachable', { cause: error });
  }
}

/**
 * Finishes a sign-in where the provider sent the person back (`callbackUrl`): checks that the answer
 * belongs to the sign-in this tab started (state, and the issuer when the provider names it), exchanges
 * the code with the PKCE verifier, and checks the ID token (issuer, audience, expiry, nonce).
 */
export async function completeSignIn(
  callbackUrl: URL,
): Promise<{ settings: OidcSettings; tokens: OidcTokens; next: string; endSession: string | undefined }> {
  const pending = takePending();
  if (!pending) throw new SignInError('state');
  const { settings } = pending;
  const as = await discover(settings);
  const client: oauth.Client = { client_id: settings.clientId };
  let parameters: URLSearchParams;
  try {
    parameters = oauth.validateAuthResponse(as, client, callbackUrl, pending.state);
  } catch (error) {
    if (error instanceof oauth.AuthorizationResponseError) {
      throw new SignInError(error.error === 'access_denied' ? 'cancelled' : 'refused', { cause: error });
    }
    throw new SignInError('state', { cause: error });
  }
  const response = await reach(() =>
    oauth.authorizationCodeGrantRequest(
      as,
      client,
      oauth.None(),
      parameters,
      redirectUri(),
      pending.verifier,
      requestOptions(settings),
    ),
  );
  let result: oauth.TokenEndpointResponse;
  try {
    result = await oauth.processAuthorizationCodeResponse(as, client, response, {
      expectedNonce: pending.nonce,
      requireIdToken: true,
    });
  } catch (error) {
    throw new SignInError('refused', { cause: error });
  }
  return { settings, tokens: tokensOf(result), next: pending.next, endSession: as.end_session_endpoint };
}

/** New tokens with the refresh token, before the access token expires. */
export async function refreshTokens(settings: OidcSettings, tokens: OidcTokens): Promise<OidcTokens> {
  const { refreshToken } = tokens;
  if (!refreshToken) throw new SignInError('expired');
  const as = await discover(settings);
  const client: oauth.Client = { client_id: settings.clientId };
  const response = await reach(() =>
    oauth.refreshTokenGrantRequest(as, client, oauth.None(), refreshToken, requestOptions(settings)),
  );
  try {
    return tokensOf(await oauth.processRefreshTokenResponse(as, client, response), tokens);
  } catch (error) {
    // invalid_grant and the like: the provider ended the session (signed out elsewhere, idle, disabled).
    throw new SignInError('expired', { cause: error });
  }
}
