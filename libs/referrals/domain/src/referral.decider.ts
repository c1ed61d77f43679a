import {
  type Actor,
  type Decider,
  type FieldProblem,
  InvalidInputError,
  NotFoundError,
  RuleViolationError,
  isAgencyType,
} from '@pamoja/contracts';
import { isChildLabourFlag, isForcedLabourIndicator, isReferralUrgency, isSiteCode } from './indicators.js';
import {
  type AcceptReferral,
  type CompleteReferral,
  type DeclineReferral,
  type ReferralCommand,
  type RevokeReferral,
  type SubmitReferral,
} from './referral.commands.js';
import {
  type ReferralAccepted,
  type ReferralCompleted,
  type ReferralDeclined,
  type ReferralEvent,
  type ReferralRevoked,
  type ReferralSubmitted,
} from './referral.events.js';
import { type ExistingReferral, NO_REFERRAL, type ReferralState } from './referral.state.js';

export const REFERRAL_LIMITS = {
  maxTextLength: 2000,
  maxSiteDescriptionLength: 500,
  /** Beyond this a deadline stops being one (decisions that slip for months). */
  maxDueInDays: 90,
  /** An `immediate` referral means danger to life: it cannot wait longer for an answer. */
  immediateDueWithinHours: 24,
} as const;

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export function referralStreamId(referralId: string): `referral-${string}` {
  return `referral-${referralId}`;
}

export const referralDecider: Decider<ReferralCommand, ReferralEvent, ReferralState> = {
  initialState: NO_REFERRAL,
  decide,
  evolve,
};

function decide(command: ReferralCommand, state: ReferralState): ReferralEvent[] {
  switch (command.type) {
    case 'SubmitReferral':
      return [submit(command, state)];
    case 'AcceptReferral':
      return [accept(command, state)];
    case 'DeclineReferral':
      return [decline(command, state)];
    case 'RevokeReferral':
      return [revoke(command, state)];
    case 'CompleteReferral':
      return [complete(command, state)];
  }
}

function evolve(state: ReferralState, event: ReferralEvent): ReferralState {
  switch (event.type) {
    case 'ReferralSubmitted': {
      const { referralId, jointCaseId, fromAgencyId, toAgencyId, urgency, dueBy } = event.data;
      return { status: 'submitted', referralId, jointCaseId, fromAgencyId, toAgencyId, urgency, dueBy };
    }
    case 'ReferralAccepted':
      return withStatus(state, 'accepted');
    case 'ReferralDeclined':
      return withStatus(state, 'declined');
    case 'ReferralRevoked':
      return withStatus(state, 'revoked');
    case 'ReferralCompleted':
      return withStatus(state, 'completed');
  }
}

// A transition event cannot precede ReferralSubmitted in a stream; ignoring one keeps evolve total.
function withStatus(state: ReferralState, status: ExistingReferral['status']): ReferralState {
  return state.status === 'none' ? state : { ...state, status };
}

function submit({ data, metadata: { actor, now } }: SubmitReferral, state: ReferralState): ReferralSubmitted {
  if (state.status !== 'none') {
    throw new RuleViolationError('referral_already_exists', `Referral ${data.referralId} already exists`);
  }

  // All problems at once: on a poor connection a client should fix its input in one round trip.
  const problems: FieldProblem[] = [];
  const problem = (field: string, reason: string): void => {
    problems.push({ field, reason });
  };

  if (isBlank(data.referralId)) problem('referralId', 'is required');
  if (data.jointCaseId !== null && isBlank(data.jointCaseId)) problem('jointCaseId', 'must be null or not blank');

  const siteCode = blankToNull(data.site.code);
  const siteDescription = blankToNull(data.site.description);
  if (siteCode === null && siteDescription === null) {
    problem('site.code', 'a site code or a site description is required');
  }
  if (siteCode !== null && !isSiteCode(siteCode)) {
    problem('site.code', 'must look like NK-MAS-014: province NK or SK, territory, three digits');
  }
  if (siteDescription !== null && siteDescription.length > REFERRAL_LIMITS.maxSiteDescriptionLength) {
    problem('site.description', `must be at most ${REFERRAL_LIMITS.maxSiteDescriptionLength} characters`);
  }

  if (data.indicators.length === 0 && data.childLabourFlags.length === 0) {
    problem('indicators', 'at least one forced-labour indicator or child-labour flag is required');
  }
  // Commands come from untyped input; the types above are a promise the application layer may not keep.
  for (const indicator of unknownValues(data.indicators, isForcedLabourIndicator)) {
    problem('indicators', `unknown indicator ${indicator}`);
  }
  for (const indicator of duplicates(data.indicators)) problem('indicators', `${indicator} is listed twice`);
  for (const flag of unknownValues(data.childLabourFlags, isChildLabourFlag)) {
    problem('childLabourFlags', `unknown child-labour flag ${flag}`);
  }
  for (const flag of duplicates(data.childLabourFlags)) problem('childLabourFlags', `${flag} is listed twice`);

  if (!isReferralUrgency(data.urgency)) problem('urgency', 'must be routine, urgent or immediate');

  if (isBlank(data.toAgencyId)) problem('toAgencyId', 'is required');
  else if (data.toAgencyId === actor.agencyId) problem('toAgencyId', 'cannot refer a case to your own agency');
  if (!isAgencyType(data.toAgencyType)) problem('toAgencyType', 'is not an agency type');
  // Integrators receive privacy-safe events only; a referral carries case details they must not see.
  else if (data.toAgencyType === 'integrator') problem('toAgencyType', 'integrators do not receive referrals');

  const dueBy = data.dueBy.getTime();
  if (Number.isNaN(dueBy)) problem('dueBy', 'is not a valid date');
  else if (dueBy <= now.getTime()) problem('dueBy', 'must be in the future');
  else if (dueBy > now.getTime() + REFERRAL_LIMITS.maxDueInDays * DAY_MS) {
    problem('dueBy', `must be at most ${REFERRAL_LIMITS.maxDueInDays} days ahead`);
  } else if (
    data.urgency === 'immediate' &&
    dueBy > now.getTime() + REFERRAL_LIMITS.immediateDueWithinHours * HOUR_MS
  ) {
    problem(
      'dueBy',
      `an immediate referral (danger to life) must be due within ${REFERRAL_LIMITS.immediateDueWithinHours} hours`,
    );
  }

  const summary = data.summary.trim();
  if (summary.length > REFERRAL_LIMITS.maxTextLength) {
    problem('summary', `must be at most ${REFERRAL_LIMITS.maxTextLength} characters`);
  }

  if (problems.length > 0) throw new InvalidInputError(problems);

  return {
    type: 'ReferralSubmitted',
    schemaVersion: 1,
    data: {
      referralId: data.referralId,
      jointCaseId: data.jointCaseId,
      site: { code: siteCode, description: siteDescription },
      indicators: [...data.indicators],
      childLabourFlags: [...data.childLabourFlags],
      urgency: data.urgency,
      fromAgencyId: actor.agencyId,
      fromAgencyType: actor.agencyType,
      toAgencyId: data.toAgencyId,
      toAgencyType: data.toAgencyType,
      submittedAt: now.toISOString(),
      dueBy: data.dueBy.toISOString(),
      summary,
    },
  };
}

// Accepting after dueBy is allowed on purpose: a late answer is better than none; lateness shows in isOverdue.
function accept({ data, metadata: { actor, now } }: AcceptReferral, state: ReferralState): ReferralAccepted {
  const referral = existing(state, data.referralId);
  assertReceivingAgency(referral, actor, 'accept');
  assertPending(referral, 'accepted');
  const note = blankToNull(data.note);
  if (note !== null && note.length > REFERRAL_LIMITS.maxTextLength) {
    throw new InvalidInputError([
      { field: 'note', reason: `must be at most ${REFERRAL_LIMITS.maxTextLength} characters` },
    ]);
  }
  return {
    type: 'ReferralAccepted',
    schemaVersion: 1,
    data: { referralId: referral.referralId, byAgencyId: actor.agencyId, acceptedAt: now.toISOString(), note },
  };
}

function decline({ data, metadata: { actor, now } }: DeclineReferral, state: ReferralState): ReferralDeclined {
  const referral = existing(state, data.referralId);
  assertReceivingAgency(referral, actor, 'decline');
  assertPending(referral, 'declined');
  // A reason is required so that the sending agency can refer the case elsewhere.
  const reason = requiredText('reason', data.reason);
  return {
    type: 'ReferralDeclined',
    schemaVersion: 1,
    data: { referralId: referral.referralId, byAgencyId: actor.agencyId, declinedAt: now.toISOString(), reason },
  };
}

function revoke({ data, metadata: { actor, now } }: RevokeReferral, state: ReferralState): ReferralRevoked {
  const referral = existing(state, data.referralId);
  if (actor.agencyId !== referral.fromAgencyId) {
    throw new RuleViolationError('only_sending_agency', 'Only the sending agency may revoke a referral');
  }
  switch (referral.status) {
    case 'submitted':
    case 'accepted':
      break;
    case 'revoked':
      throw new RuleViolationError('referral_revoked', `Referral ${referral.referralId} is already revoked`);
    case 'declined':
      throw new RuleViolationError(
        'referral_declined',
        `Referral ${referral.referralId} was declined: there is nothing to revoke`,
      );
    case 'completed':
      throw new RuleViolationError(
        'referral_completed',
        `Referral ${referral.referralId} is completed and cannot be revoked`,
      );
  }
  const reason = requiredText('reason', data.reason);
  return {
    type: 'ReferralRevoked',
    schemaVersion: 1,
    data: { referralId: referral.referralId, byAgencyId: actor.agencyId, revokedAt: now.toISOString(), reason },
  };
}

function complete({ data, metadata: { actor, now } }: CompleteReferral, state: ReferralState): ReferralCompleted {
  const referral = existing(state, data.referralId);
  assertReceivingAgency(referral, actor, 'complete');
  if (referral.status !== 'accepted') {
    throw new RuleViolationError(
      'referral_not_accepted',
      `Referral ${referral.referralId} is ${referral.status}: only an accepted referral can be completed`,
    );
  }
  const outcome = requiredText('outcome', data.outcome);
  return {
    type: 'ReferralCompleted',
    schemaVersion: 1,
    data: { referralId: referral.referralId, byAgencyId: actor.agencyId, completedAt: now.toISOString(), outcome },
  };
}

function existing(state: ReferralState, referralId: string): ExistingReferral {
  if (state.status === 'none') throw new NotFoundError('Referral', referralId);
  return state;
}

function assertReceivingAgency(referral: ExistingReferral, actor: Actor, action: string): void {
  if (actor.agencyId !== referral.toAgencyId) {
    throw new RuleViolationError('only_receiving_agency', `Only the receiving agency may ${action} a referral`);
  }
}

/** Only a submitted referral awaits an answer from the receiving agency. */
function assertPending(referral: ExistingReferral, action: string): void {
  switch (referral.status) {
    case 'submitted':
      return;
    case 'revoked':
      throw new RuleViolationError(
        'referral_revoked',
        `Referral ${referral.referralId} was revoked by the sending agency and cannot be ${action}`,
      );
    case 'declined':
      throw new RuleViolationError(
        'referral_declined',
        `Referral ${referral.referralId} was declined and cannot be ${action}`,
      );
    case 'accepted':
    case 'completed':
      throw new RuleViolationError(
        'referral_not_pending',
        `Referral ${referral.referralId} is already ${referral.status} and cannot be ${action}`,
      );
  }
}

function requiredText(field: string, value: string): string {
  const text = value.trim();
  if (text === '') throw new InvalidInputError([{ field, reason: 'is required' }]);
  if (text.length > REFERRAL_LIMITS.maxTextLength) {
    throw new InvalidInputError([{ field, reason: `must be at most ${REFERRAL_LIMITS.maxTextLength} characters` }]);
  }
  return text;
}

function isBlank(value: string): boolean {
  return value.trim() === '';
}

function blankToNull(value: string | null | undefined): string | null {
  const text = value?.trim() ?? '';
  return text === '' ? null : text;
}

function unknownValues(values: readonly string[], isKnown: (value: unknown) => boolean): string[] {
  return values.filter((value) => !isKnown(value));
}

function duplicates<T>(values: readonly T[]): T[] {
  return [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];
}
