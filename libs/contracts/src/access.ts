import { type Actor } from './actor.js';
import { ForbiddenError } from './errors.js';

/**
 * What a rule of the access policy may need to know about the thing being read, taken from the stored
 * record (never from what the caller sent): the agency that holds it and the joint case it belongs to.
 */
export interface AccessFacts {
  /** The agency the record belongs to (e.g. the agency assisting a victim). */
  readonly agencyId?: string | null;
  /** The joint case, whose victim's consent may extend the record to other agencies. */
  readonly jointCaseId?: string | null;
}

/**
 * The access policy as the application layer sees it: may this actor read this field (named
 * `Type.field` as in the GraphQL schema) of a record with these facts? Deny by default: a field the
 * policy does not name is readable by nobody through this question.
 */
export interface AccessDecider {
  mayRead(actor: Actor, field: string, facts: AccessFacts): Promise<boolean>;
}

export const ACCESS_DECIDER = Symbol.for('pamoja.AccessDecider');

/** Refused by the access policy, before anything ran or changed: `extensions.reason` is `access_policy`. */
export class AccessDeniedError extends ForbiddenError {
  readonly reason = 'access_policy' as const;
}
