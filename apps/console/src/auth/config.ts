import type { OidcSettings } from './provider';

/** The sign-ins the platform offers (`GET /auth/config`). */
export interface SignInOffer {
  /** The development issuer's sign-in (laptops and demos; never in production). */
  readonly development: boolean;
  /** The organisation's identity provider. */
  readonly oidc: OidcSettings | undefined;
}

function settingsOf(value: unknown): OidcSettings | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { issuer, clientId, scopes } = value as Record<string, unknown>;
  if (typeof issuer !== 'string' || typeof clientId !== 'string') return undefined;
  try {
    new URL(issuer);
  } catch {
    return undefined;
  }
  const scopeList = Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string') : [];
  return { issuer, clientId, scopes: scopeList.includes('openid') ? scopeList : ['openid', ...scopeList] };
}

/** Asks the platform which sign-in to show; throws when it cannot be reached. */
export async function loadSignInOffer(): Promise<SignInOffer> {
  const response = await fetch('/auth/config', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET /auth/config answered ${response.status}`);
  const body = (await response.json()) as Record<string, unknown>;
  return {
    development:
      body['signIn'] === 'development' || (typeof body['development'] === 'object' && body['development'] !== null),
    oidc: settingsOf(body['oidc']),
  };
}
