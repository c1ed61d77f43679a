/** The kinds of organisation that work on a case (see docs/domain.md). */
export const AGENCY_TYPES = [
  'first_responder',
  'police',
  'prosecutor',
  'assistance_provider',
  'mining_authority',
  'coordination_body',
  'integrator',
] as const;
export type AgencyType = (typeof AGENCY_TYPES)[number];

export function isAgencyType(value: unknown): value is AgencyType {
  return typeof value === 'string' && (AGENCY_TYPES as readonly string[]).includes(value);
}

/** Who acts: taken from the verified token, never from the request body. */
export interface Actor {
  readonly userId: string;
  readonly agencyId: string;
  readonly agencyType: AgencyType;
  readonly roles: readonly string[];
}

/**
 * The platform itself, when it records what nobody did: a deadline that passed unanswered. It acts
 * for the coordination body, to which every missed deadline is escalated.
 */
export const DEADLINE_WATCHER_ACTOR: Actor = Object.freeze({
  userId: 'pamoja-deadline-watcher',
  agencyId: 'pamoja-platform',
  agencyType: 'coordination_body',
  roles: Object.freeze(['system']),
});

/**
 * The platform itself, when its webhook dispatcher turns off an integrator's endpoint that answered 410 Gone
 * or kept failing for days: the owner reads why on the endpoint.
 */
export const WEBHOOK_DISPATCHER_ACTOR: Actor = Object.freeze({
  userId: 'pamoja-webhook-dispatcher',
  agencyId: DEADLINE_WATCHER_ACTOR.agencyId,
  agencyType: 'integrator',
  roles: Object.freeze(['system']),
});

/** Whether the platform itself acted (a deadline that passed), rather than an agency. */
export function isPlatformActor(actor: Actor): boolean {
  return actor.agencyId === DEADLINE_WATCHER_ACTOR.agencyId && actor.roles.includes('system');
}
