import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
  type RemoteJWKSet,
} from 'jose';
import { DEADLINE_WATCHER_ACTOR, isAgencyType, type Actor, type AgencyType } from '@pamoja/contracts';
import { DEV_ISSUER, type AuthSettings, type PlatformConfig } from '@pamoja/platform/config';
import { loadOrCreateDevIssuer } from './dev-issuer.js';
import { isKnownRole } from './roles.js';

export class AuthenticationError extends Error {
  readonly code = 'UNAUTHENTICATED' as const;
  constructor(message: string) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

/**
 * What a verified token says of its bearer, before the agency directory is asked. The agency type is the
 * token's own `agency_type` claim when it has a valid one (the development issuer's tokens do; an OpenID
 * Connect provider's do not: the directory knows it). Roles are those of the platform's vocabulary.
 */
export interface TokenIdentity {
  readonly userId: string;
  readonly agencyId: string;
  readonly agencyType: AgencyType | undefined;
  readonly roles: readonly string[];
  /** The OAuth client the token was issued to (`azp`, else `client_id`), when the token says. */
  readonly clientId: string | undefined;
}

export interface TokenVerifierOptions {
  /** Warnings (discovery failing, the provider unreachable); defaults to the process's standard error. */
  readonly log?: (message: string) => void;
  /** Least time between two JWKS fetches for an unknown `kid` (default 30 s). */
  readonly jwksCooldownMs?: number;
  /** Age after which the JWKS is fetched again before use (default 10 min). */
  readonly jwksCacheMaxAgeMs?: number;
  /** Timeout of a discovery or JWKS request (default 5 s). */
  readonly httpTimeoutMs?: number;
}

/** The role the platform's own actor holds; never a person's. */
const PLATFORM_ROLE = 'system';
/** The development issuer signs with one ES256 key (dev-issuer.ts). */
const DEV_ALGORITHMS = ['ES256'];
/** At most one warning a minute while the provider stays unreachable. */
const WARNING_INTERVAL_MS = 60_000;

interface ClaimMapping {
  readonly agencyClaim: string;
  readonly rolesClaim: string;
  /** Whether roles outside the vocabulary are dropped (tokens of a provider) or kept (the development issuer's). */
  readonly filterRoles: boolean;
}

/**
 * Verifies bearer tokens (signature with an allowed algorithm, expiry, issuer, audience, bounded clock
 * skew) and reads who they stand for (ADR 0022). The keys are the development issuer's, a JWKS URL's, or
 * those an OpenID Connect provider's discovery document names. A provider's keys are cached: while it
 * cannot be reached, tokens signed with a cached key keep verifying and any other token is refused.
 */
export class TokenVerifier {
  private lastWarningAt = 0;

  private constructor(
    private readonly settings: AuthSettings,
    private readonly keys: () => Promise<JWTVerifyGetKey>,
    private readonly mapping: ClaimMapping,
    private readonly algorithms: readonly string[],
    private readonly log: (message: string) => void,
  ) {}

  static async create(config: PlatformConfig, options: TokenVerifierOptions = {}): Promise<TokenVerifier> {
    const settings = config.auth;
    const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
    if (settings.provider === 'development') {
      if (config.production) throw new Error('the development issuer is never trusted when NODE_ENV=production');
      const dev = await loadOrCreateDevIssuer(config.dataDir);
      const local = createLocalJWKSet({ keys: [dev.publicJwk] });
      return new TokenVerifier(
        settings,
        () => Promise.resolve(local),
        { agencyClaim: 'agency_id', rolesClaim: 'roles', filterRoles: false },
        DEV_ALGORITHMS,
        log,
      );
    }
    const mapping = { agencyClaim: settings.agencyClaim, rolesClaim: settings.rolesClaim, filterRoles: true };
    const remote = (jwksUri: string) => cachedRemoteKeys(new URL(jwksUri), options);
    if (settings.provider === 'jwks') {
      const keys = remote(settings.jwksUrl ?? '');
      return new TokenVerifier(settings, () => Promise.resolve(keys), mapping, settings.algorithms, log);
    }
    const discovery = new Discovery(settings, options, remote);
    return new TokenVerifier(settings, () => discovery.keys(), mapping, settings.algorithms, log);
  }

  /** The actor a token stands for, its agency type taken from the token (refused when it has none). */
  async verify(authorization: string | undefined): Promise<Actor> {
    const identity = await this.verifyIdentity(authorization);
    if (!identity.agencyType) throw new AuthenticationError('the token has no valid agency type');
    return {
      userId: identity.userId,
      agencyId: identity.agencyId,
      agencyType: identity.agencyType,
      roles: identity.roles,
    };
  }

  /** Who a token stands for, as the token says: the agency directory decides the agency's type and status. */
  async verifyIdentity(authorization: string | undefined): Promise<TokenIdentity> {
    if (!authorization) throw new AuthenticationError('a bearer token is required (Authorization: Bearer <token>)');
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match?.[1]) throw new AuthenticationError('the Authorization header must be "Bearer <token>"');
    const token = match[1];
    if (this.settings.provider !== 'development' && issuerOf(token) === DEV_ISSUER) {
      // Whatever key may sit in a data directory: with an identity provider, development tokens mean nothing.
      throw new AuthenticationError('development tokens are refused: this service trusts its identity provider only');
    }
    let keys: JWTVerifyGetKey;
    try {
      keys = await this.keys();
    } catch (error) {
      this.warn(`identity provider discovery failed (${describe(error)}); tokens are refused until it answers`);
      throw new AuthenticationError('the identity provider cannot be reached: the token cannot be verified now');
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        algorithms: [...this.algorithms],
        clockTolerance: this.settings.clockSkewSeconds,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new AuthenticationError('the token has expired');
      if (error instanceof ProviderUnreachable) {
        this.warn(
          `identity provider keys unavailable (${describe(error.cause)}); a token with an uncached key refused`,
        );
        throw new AuthenticationError('the identity provider cannot be reached: the token cannot be verified now');
      }
      throw new AuthenticationError('the token is not valid');
    }
    return identityFromClaims(payload, this.mapping);
  }

  private warn(message: string): void {
    const now = Date.now();
    if (now - this.lastWarningAt < WARNING_INTERVAL_MS) return;
    this.lastWarningAt = now;
    this.log(`token verification: ${message} (retried on the next request)`);
  }
}

/** The provider's keys could not be fetched and no cached key matches the token. */
class ProviderUnreachable extends Error {
  constructor(cause: unknown) {
    super('the identity provider cannot be reached', { cause });
    this.name = 'ProviderUnreachable';
  }
}

/**
 * jose's remote JWK set (keys cached, refetched after `cacheMaxAge`, an unknown `kid` refetches at most
 * once per cooldown), plus the last set fetched: when the provider cannot be reached, a token whose key
 * was fetched before still verifies; any other is refused, never accepted.
 */
function cachedRemoteKeys(url: URL, options: TokenVerifierOptions): JWTVerifyGetKey {
  const remote: RemoteJWKSet = createRemoteJWKSet(url, {
    cooldownDuration: options.jwksCooldownMs ?? 30_000,
    cacheMaxAge: options.jwksCacheMaxAgeMs ?? 600_000,
    timeoutDuration: options.httpTimeoutMs ?? 5_000,
  });
  const cooldownMs = options.jwksCooldownMs ?? 30_000;
  let lastKnown: JSONWebKeySet | undefined;
  // After a failed fetch, the cached keys alone answer for a cooldown: no request waits on a dead provider.
  let unreachableUntil = 0;
  const fromCache = async (
    header: Parameters<JWTVerifyGetKey>[0],
    token: Parameters<JWTVerifyGetKey>[1],
    cause: unknown,
  ) => {
    if (!lastKnown) throw new ProviderUnreachable(cause);
    try {
      return await createLocalJWKSet(lastKnown)(header, token);
    } catch {
      throw new ProviderUnreachable(cause);
    }
  };
  return async (header, token) => {
    if (Date.now() < unreachableUntil) return fromCache(header, token, new Error('the last fetch failed'));
    try {
      const key = await remote(header, token);
      lastKnown = remote.jwks() ?? lastKnown;
      return key;
    } catch (error) {
      if (!isFetchFailure(error)) {
        lastKnown = remote.jwks() ?? lastKnown;
        throw error;
      }
      unreachableUntil = Date.now() + cooldownMs;
      return fromCache(header, token, error);
    }
  };
}

/** Whether a JWK set error means the keys could not be fetched (rather than: no key matches). */
function isFetchFailure(error: unknown): boolean {
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) return false;
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return false;
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return false;
  return true;
}

/**
 * The provider's discovery document, fetched on first use: its `issuer` must be the configured issuer and
 * its `jwks_uri` gives the keys. A failure is retried on the next request (one fetch at a time).
 */
class Discovery {
  private found: JWTVerifyGetKey | undefined;
  private pending: Promise<JWTVerifyGetKey> | undefined;

  constructor(
    private readonly settings: AuthSettings,
    private readonly options: TokenVerifierOptions,
    private readonly remote: (jwksUri: string) => JWTVerifyGetKey,
  ) {}

  keys(): Promise<JWTVerifyGetKey> {
    if (this.found) return Promise.resolve(this.found);
    this.pending ??= this.discover().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async discover(): Promise<JWTVerifyGetKey> {
    const url = this.settings.discoveryUrl ?? '';
    const response = await fetch(url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(this.options.httpTimeoutMs ?? 5_000),
      redirect: 'error',
    });
    if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
    const document = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
    if (document.issuer !== this.settings.issuer) {
      throw new Error(`${url} names the issuer ${String(document.issuer)}, not ${this.settings.issuer}`);
    }
    if (typeof document.jwks_uri !== 'string' || !/^https?:\/\//.test(document.jwks_uri)) {
      throw new Error(`${url} names no http(s) jwks_uri`);
    }
    this.found = this.remote(document.jwks_uri);
    return this.found;
  }
}

function issuerOf(token: string): unknown {
  try {
    return decodeJwt(token).iss;
  } catch {
    return undefined;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return `${error.message}${cause}`;
  }
  return String(error);
}

/** A claim by dotted path (`realm_access.roles`); a claim whose own name has a dot is found too. */
function claimAt(payload: JWTPayload, path: string): unknown {
  if (path in payload) return payload[path];
  let value: unknown = payload;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function identityFromClaims(payload: JWTPayload, mapping: ClaimMapping): TokenIdentity {
  const agencyId = claimAt(payload, mapping.agencyClaim);
  const agencyType = payload['agency_type'];
  const roles = claimAt(payload, mapping.rolesClaim);
  if (typeof payload.sub !== 'string' || payload.sub === '') throw new AuthenticationError('the token names no user');
  if (typeof agencyId !== 'string' || agencyId === '') throw new AuthenticationError('the token names no agency');
  if (!Array.isArray(roles) || !roles.every((r): r is string => typeof r === 'string')) {
    throw new AuthenticationError('the token has no valid roles');
  }
  // The platform's own actor (a missed deadline) passes the membership guard: no token may speak as it.
  if (agencyId === DEADLINE_WATCHER_ACTOR.agencyId || roles.includes(PLATFORM_ROLE)) {
    throw new AuthenticationError('the token claims the platform itself');
  }
  const azp = payload['azp'] ?? payload['client_id'];
  return {
    userId: payload.sub,
    agencyId,
    agencyType: isAgencyType(agencyType) ? agencyType : undefined,
    // A provider adds roles of its own (Keycloak: offline_access, default-roles-<realm>, ...).
    roles: mapping.filterRoles ? roles.filter(isKnownRole) : roles,
    clientId: typeof azp === 'string' && azp !== '' ? azp : undefined,
  };
}
