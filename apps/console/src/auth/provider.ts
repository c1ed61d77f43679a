/**
 * What the console knows of its identity provider without its OpenID Connect library (which comes only
 * when a sign-in, a callback or a refresh needs it, not with the first load): the settings, the tokens,
 * why a sign-in failed, and where to sign out.
 */

/** The console's client at the organisation's identity provider, as `GET /auth/config` gives it. */
export interface OidcSettings {
  readonly issuer: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
}

/** What the provider gave at sign-in or at the last refresh. */
export interface OidcTokens {
  readonly accessToken: string;
  readonly refreshToken: string | undefined;
  readonly idToken: string | undefined;
  /** When the access token expires, in milliseconds since the epoch. */
  readonly expiresAt: number;
}

/**
 * Why a sign-in or a refresh did not go through: `unreachable` (the provider could not be reached),
 * `cancelled` (the person stopped at the provider), `state` (the answer does not belong to a sign-in
 * started from this tab, or was already used), `refused` (the provider said no, or answered what the
 * console cannot accept), `expired` (the provider no longer renews the session).
 */
export type SignInFailure = 'unreachable' | 'cancelled' | 'state' | 'refused' | 'expired';

export class SignInError extends Error {
  constructor(
    readonly reason: SignInFailure,
    options?: { cause?: unknown },
  ) {
    super(`sign-in failed: ${reason}`, options);
    this.name = 'SignInError';
  }
}

/** Where the provider sends the person back (registered at the provider as the console's redirect URI). */
export const CALLBACK_PATH = '/auth/callback';

/**
 * Where to send the person to sign out at the provider too (RP-initiated logout), back to the console's
 * sign-in page after; undefined when the provider has no end-session endpoint.
 */
export function endSessionUrl(
  endSession: string | undefined,
  settings: OidcSettings,
  tokens: OidcTokens,
): URL | undefined {
  if (!endSession) return undefined;
  const url = new URL(endSession);
  url.searchParams.set('client_id', settings.clientId);
  url.searchParams.set('post_logout_redirect_uri', `${location.origin}/sign-in`);
  if (tokens.idToken) url.searchParams.set('id_token_hint', tokens.idToken);
  return url;
}
