import { type Actor } from '@pamoja/contracts';

/**
 * Who the bearer token of an HTTP request stands for, verified exactly as the GraphQL API verifies it (the
 * token by `TokenVerifier`, then the agency in the directory), for the few HTTP endpoints beside GraphQL
 * (the site feed). Throws `AuthenticationError` naming why a token is missing or refused.
 */
export interface BearerActors {
  actorOf(authorization: string | undefined): Promise<Actor>;
}

/** Provided by the platform's runtime to every module. */
export const BEARER_ACTORS = Symbol.for('pamoja.auth.BearerActors');
