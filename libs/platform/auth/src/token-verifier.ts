import { createLocalJWKSet, createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { DEADLINE_WATCHER_ACTOR, isAgencyType, type Actor } from '@pamoja/contracts';
import { type PlatformConfig } from '@pamoja/platform/config';
import { loadOrCreateDevIssuer } from './dev-issuer.js';

export class AuthenticationError extends Error {
  readonly code = 'UNAUTHENTICATED' as const;
  constructor(message: string) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

/** Bounded tolerance for clocks that drift between the issuer and this server. */
const CLOCK_TOLERANCE_SECONDS = 60;

/** Verifies bearer tokens (signature, expiry, issuer, audience) and turns their claims into an Actor. */
export class TokenVerifier {
  private constructor(
    private readonly keys: JWTVerifyGetKey,
    private readonly issuer: string,
    private readonly audience: string,
  ) {}

  static async create(config: PlatformConfig): Promise<TokenVerifier> {
    if (config.auth.jwksUrl) {
      return new TokenVerifier(
        createRemoteJWKSet(new URL(config.auth.jwksUrl)),
        config.auth.issuer,
        config.auth.audience,
      );
    }
    const dev = await loadOrCreateDevIssuer(config.dataDir);
    return new TokenVerifier(createLocalJWKSet({ keys: [dev.publicJwk] }), config.auth.issuer, config.auth.audience);
  }

  async verify(authorization: string | undefined): Promise<Actor> {
    if (!authorization) throw new AuthenticationError('a bearer token is required (Authorization: Bearer <token>)');
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match?.[1]) throw new AuthenticationError('the Authorization header must be "Bearer <token>"');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(match[1], this.keys, {
        issuer: this.issuer,
        audience: this.audience,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['sub', 'exp'],
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new AuthenticationError('the token has expired');
      throw new AuthenticationError('the token is not valid');
    }
    return actorFromClaims(payload);
  }
}

/** The role the platform's own actor holds; never a person's. */
const PLATFORM_ROLE = 'system';

function actorFromClaims(payload: JWTPayload): Actor {
  const agencyId = payload['agency_id'];
  const agencyType = payload['agency_type'];
  const roles = payload['roles'];
  if (typeof payload.sub !== 'string' || payload.sub === '') throw new AuthenticationError('the token names no user');
  if (typeof agencyId !== 'string' || agencyId === '') throw new AuthenticationError('the token names no agency');
  if (!isAgencyType(agencyType)) throw new AuthenticationError('the token has no valid agency type');
  if (!Array.isArray(roles) || !roles.every((r): r is string => typeof r === 'string')) {
    throw new AuthenticationError('the token has no valid roles');
  }
  // The platform's own actor (a missed deadline) passes the membership guard: no token may speak as it.
  if (agencyId === DEADLINE_WATCHER_ACTOR.agencyId || roles.includes(PLATFORM_ROLE)) {
    throw new AuthenticationError('the token claims the platform itself');
  }
  return { userId: payload.sub, agencyId, agencyType, roles };
}
