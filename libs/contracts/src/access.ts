import { type Actor } from './actor.js';
import { ForbiddenError } from './errors.js';

/**
 * What a rule of the access policy may need to know about the thing being read, taken from the stored
 * record (never from what the caller sent): the agency that holds it, the joint case it belongs to and
 * the person it is about.
 */
export interface AccessFacts {
  /** The agency the record belongs to (e.g. the agency assisting a victim). */
  readonly agencyId?: string | null;
  /** The joint case: its parties are who may see it; the coordination body by its mandate. */
  readonly jointCaseId?: string | null;
  /** The person the record is about, whose own consent may extend it to other parties. */
  readonly personId?: string | null;
}

/** Records that exist only for those the policy lets see them: to anyone else, NOT_FOUND. */
export type RecordKind =
  | 'JointCase'
  | 'Referral'
  | 'Investigation'
  | 'InvestigationSummary'
  | 'Prosecution'
  | 'ProsecutionSummary'
  | 'AssistanceCase';

/**
 * How one timeline entry is shown to one viewer: in full (what happened), as a notice (that an agency
 * acted, when, in which category), or not at all.
 */
export type TimelineDisclosure = 'full' | 'notice' | 'none';

/** Which entries of one case's timeline a viewer sees, and how: decided once per viewer and case. */
export interface TimelineDisclosurePlan {
  disclosureOf(entry: { readonly eventType: string; readonly agencyId: string }): TimelineDisclosure;
  /** The coarse category a notice of this entry type shows (`investigation`, `assistance`, …). */
  categoryOf(eventType: string): string | null;
  /** Entry types the viewer sees in some form, for a query that must not page over hidden entries. */
  readonly visibleTypes: readonly string[];
  /** Entries the viewer's own agency recorded are always shown in full (of the types the policy knows). */
  readonly ownAgencyId: string;
  readonly knownTypes: readonly string[];
}

/**
 * The access policy as the application layer sees it. Deny by default: a field or record the policy
 * does not name is readable by nobody through these questions.
 */
export interface AccessDecider {
  /** May this actor read this field (named `Type.field` as in the GraphQL schema) of this record? */
  mayRead(actor: Actor, field: string, facts: AccessFacts): Promise<boolean>;
  /** May this actor see this record at all? Without it the record does not exist for them. */
  mayAccess(actor: Actor, record: RecordKind, facts: AccessFacts): Promise<boolean>;
  /** How the entries of a joint case's timeline are disclosed to this viewer. */
  timelineFor(actor: Actor, jointCaseId: string): Promise<TimelineDisclosurePlan>;
}

export const ACCESS_DECIDER = Symbol.for('pamoja.AccessDecider');

/** Refused by the access policy, before anything ran or changed: `extensions.reason` is `access_policy`. */
export class AccessDeniedError extends ForbiddenError {
  readonly reason: string = 'access_policy';
}

/** An agency that is not party to a joint case tried to act in it: `extensions.reason` is `not_a_party`. */
export class NotAPartyError extends AccessDeniedError {
  override readonly reason = 'not_a_party';
  constructor(
    readonly agencyId: string,
    readonly jointCaseId: string,
  ) {
    super(
      `agency ${agencyId} is not a party to joint case ${jointCaseId}: an agency becomes party when a party ` +
        'refers the case to it or the coordination body admits it; to act on a situation of your own, open a new case',
    );
  }
}

/** An agency that takes part in a joint case, and why. */
export interface CaseParty {
  readonly agencyId: string;
  readonly agencyType: string;
}

/**
 * Who takes part in which joint case, and who keeps which person's consent: facts recorded in the log by
 * those entitled to record them (a referral from a party, a case file sent, the coordination body's
 * decision, the agency that met the person), never the caller's claim.
 */
export interface CaseMembership {
  /** The case's parties; null when nothing has been recorded on the case (a new case). */
  partiesOf(jointCaseId: string): Promise<readonly CaseParty[] | null>;
  /** Whether the agency is an active party of the case; a "no" is only given once the log is read up to now. */
  isParty(jointCaseId: string, agencyId: string): Promise<boolean>;
  /** The cases this agency is an active party to. */
  casesOf(agencyId: string): Promise<readonly string[]>;
  /** Whether the person is one the case is about (introduced by one of its referrals). */
  isPersonOf(personId: string, jointCaseId: string): Promise<boolean>;
  /** Whether this agency keeps this person's consent: it met the person, or holds their assistance case. */
  keepsConsentOf(personId: string, agencyId: string): Promise<boolean>;
}

export const CASE_MEMBERSHIP = Symbol.for('pamoja.CaseMembership');
