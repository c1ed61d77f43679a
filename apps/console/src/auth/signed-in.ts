import { DEV_AGENCIES } from '../features/sign-in/agencies';
import type { Session } from '../session/session';
import type { OidcSettings, OidcTokens } from './provider';

/** A sign-in at the identity provider: its tokens, and what signing out there needs. */
export interface ProviderSignIn {
  readonly settings: OidcSettings;
  readonly tokens: OidcTokens;
  readonly endSession: string | undefined;
}

/**
 * The provider's tokens live in memory and in this tab's sessionStorage, never in localStorage. The
 * refresh token renews the session for as long as the provider allows (hours, where an access token
 * lasts minutes): sessionStorage is this tab's alone and is gone when the tab or the browser is closed,
 * so on a shared phone or laptop it does not outlive the visit, and no other tab or later visitor finds
 * it. Memory alone would sign the person out at every reload, and a poor link makes people reload.
 */
const STORAGE_KEY = 'pamoja.oidc.session';
let current: ProviderSignIn | undefined;

export function keepProviderSignIn(signIn: ProviderSignIn): void {
  current = signIn;
  try {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(signIn));
  } catch {
    // Storage full or refused: the sign-in lasts as long as the page.
  }
}

export function providerSignIn(): ProviderSignIn | undefined {
  if (current) return current;
  try {
    const text = sessionStorage.getItem(STORAGE_KEY);
    if (!text) return undefined;
    current = JSON.parse(text) as ProviderSignIn;
    return current;
  } catch {
    return undefined;
  }
}

export function forgetProviderSignIn(): void {
  current = undefined;
  sessionStorage.removeItem(STORAGE_KEY);
}

/** The claims of a JWT, unverified: the platform verifies the token on every request. */
export function claimsOf(token: string): Record<string, unknown> | undefined {
  try {
    const payload = token.split('.')[1];
    if (!payload) return undefined;
    const json = atob(payload.replaceAll('-', '+').replaceAll('_', '/'));
    const claims: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0))));
    return typeof claims === 'object' && claims !== null ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Roles every account of a Keycloak realm has, which say nothing about the person's work. */
const PROVIDER_ROLES = /^(offline_access|uma_authorization|default-roles-.*)$/;

/**
 * The console's session from the provider's access token: the agency from `agency_id`, the roles from
 * `realm_access.roles` (Keycloak's), the name from `name` or `preferred_username`. The agency's type is
 * the token's `agency_type` when it has one, else the demo's agency of that id, until the agency
 * directory says it. Undefined when the token names no agency: the console has nothing to show then.
 */
export function sessionOfProviderToken(accessToken: string, idToken?: string): Session | undefined {
  const claims = claimsOf(accessToken);
  if (!claims) return undefined;
  const { sub, agency_id, agency_type, realm_access, exp } = claims;
  if (typeof sub !== 'string' || typeof agency_id !== 'string' || agency_id === '' || typeof exp !== 'number') {
    return undefined;
  }
  const realmRoles = (realm_access as { roles?: unknown } | undefined)?.roles;
  const roles = (Array.isArray(realmRoles) ? realmRoles : [])
    .filter((r): r is string => typeof r === 'string')
    .filter((r) => !PROVIDER_ROLES.test(r));
  const identity = idToken ? claimsOf(idToken) : undefined;
  const name = [
    identity?.['name'],
    claims['name'],
    identity?.['preferred_username'],
    claims['preferred_username'],
  ].find((n): n is string => typeof n === 'string' && n !== '');
  return {
    token: accessToken,
    userId: sub,
    agencyId: agency_id,
    agencyType:
      typeof agency_type === 'string'
        ? agency_type
        : (DEV_AGENCIES.find((a) => a.agencyId === agency_id)?.agencyType ?? ''),
    roles,
    expiresAt: new Date(exp * 1000).toISOString(),
    development: false,
    ...(name ? { displayName: name } : {}),
  };
}
