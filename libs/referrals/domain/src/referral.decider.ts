import {
  type Actor,
  type Decider,
  type FieldProblem,
  InvalidInputError,
  NotFoundError,
  RuleViolationError,
  isAgencyType,
  personIdIntroducedBy,
} from '@pamoja/contracts';
import {
  CONSENT_GIVERS,
  CONSENT_METHODS,
  coversPoliceInvestigation,
  isConsentGiver,
  isConsentMethod,
  isConsentPurpose,
} from './consent.js';
import {
  isChildLabourFlag,
  isForcedLabourIndicator,
  isJointCaseLink,
  isReferralUrgency,
  isSiteCode,
} from './indicators.js';
import {
  type AcceptReferral,
  type AssessTraffickingScreening,
  type CompleteReferral,
  type DeclineReferral,
  type RecordConsent,
  type RecordReferralDeadlineMissed,
  type ReferralCommand,
  type ReferralCommandMetadata,
  type ReferralConsentGrant,
  type RevokeReferral,
  type SubmitReferral,
  type WithdrawConsent,
} from './referral.commands.js';
import {
  type ConsentRecorded,
  type ConsentWithdrawn,
  type ReferralAccepted,
  type ReferralCompleted,
  type ReferralDeadlineMissed,
  type ReferralDeclined,
  type ReferralEvent,
  type ReferralRevoked,
  type ReferralSubmitted,
  type TraffickingScreeningAssessed,
} from './referral.events.js';
import { type ExistingReferral, NO_REFERRAL, type ReferralState } from './referral.state.js';
import {
  assessTrafficking,
  isExploitationPurpose,
  isTraffickingAct,
  isTraffickingMeans,
} from './trafficking-screening.js';

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
      return submit(command, state);
    case 'AcceptReferral':
      return [accept(command, state)];
    case 'DeclineReferral':
      return [decline(command, state)];
    case 'RevokeReferral':
      return [revoke(command, state)];
    case 'CompleteReferral':
      return [complete(command, state)];
    case 'AssessTraffickingScreening':
      return [assessScreening(command, state)];
    case 'RecordConsent':
      return [recordConsent(command, state)];
    case 'WithdrawConsent':
      return [withdrawConsent(command, state)];
    case 'RecordReferralDeadlineMissed':
      return recordDeadlineMissed(command, state);
  }
}

function evolve(state: ReferralState, event: ReferralEvent): ReferralState {
  switch (event.type) {
    case 'ReferralSubmitted': {
      const { referralId, jointCaseId, fromAgencyId, toAgencyId, toAgencyType, urgency, dueBy, subject } = event.data;
      return {
        status: 'submitted',
        referralId,
        jointCaseId,
        fromAgencyId,
        toAgencyId,
        toAgencyType,
        urgency,
        dueBy,
        subjectIsChild: subject.isChild,
        personId: subject.personId ?? personIdIntroducedBy(referralId),
        introducedPerson: (subject.personId ?? personIdIntroducedBy(referralId)) === personIdIntroducedBy(referralId),
        consents: [],
        deadlineMissed: false,
      };
    }
    case 'ReferralAccepted':
      return withStatus(state, 'accepted');
    case 'ReferralDeclined':
      return withStatus(state, 'declined');
    case 'ReferralRevoked':
      return withStatus(state, 'revoked');
    case 'ReferralCompleted':
      return withStatus(state, 'completed');
    // The screening informs people, not later decisions: the state does not keep it.
    case 'TraffickingScreeningAssessed':
      return state;
    case 'ConsentRecorded': {
      if (state.status === 'none') return state;
      const { consentId, givenBy, method, formSha256, agencyTypes, purposes } = event.data;
      return {
        ...state,
        consents: [
          ...state.consents,
          {
            consentId,
            givenBy,
            method: method ?? null,
            formSha256: formSha256 ?? null,
            agencyTypes,
            purposes,
            withdrawn: false,
          },
        ],
      };
    }
    case 'ConsentWithdrawn': {
      if (state.status === 'none') return state;
      const { consentId } = event.data;
      return {
        ...state,
        consents: state.consents.map((c) => (c.consentId === consentId ? { ...c, withdrawn: true } : c)),
      };
    }
    case 'ReferralDeadlineMissed':
      return state.status === 'none' ? state : { ...state, deadlineMissed: true };
  }
}

// A transition event cannot precede ReferralSubmitted in a stream; ignoring one keeps evolve total.
function withStatus(state: ReferralState, status: ExistingReferral['status']): ReferralState {
  return state.status === 'none' ? state : { ...state, status };
}

function submit({ data, metadata }: SubmitReferral, state: ReferralState): ReferralEvent[] {
  const { actor, now } = metadata;
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
  if (!isJointCaseLink(data.jointCase)) problem('jointCase', 'must be opened or joined');
  else if (data.jointCase === 'joined' && data.jointCaseId === null) {
    problem('jointCaseId', 'is required to join an existing joint case');
  }
  // Commands come from untyped input: null is "not known", anything else but a boolean is a mistake.
  if (data.subject.isChild !== null && typeof data.subject.isChild !== 'boolean') {
    problem('subject.isChild', 'must be true, false or null (not known)');
  }
  const consent = data.consent ?? null;
  if (consent !== null) problems.push(...consentProblems(consent, 'consent.'));
  const knownPerson = blankToNull(data.subject.personId ?? null);
  const personId = knownPerson ?? personIdIntroducedBy(data.referralId);

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

  // A referral that forwards a known person carries their consent only from the agency that keeps it.
  if (consent !== null && knownPerson !== null && metadata.keepsConsent !== true) {
    throw new RuleViolationError(
      'only_consent_keeper',
      'Only the agency that met the person, or that holds their assistance case, may record their consent: ' +
        'forward the referral without consent, or ask that agency to record it',
    );
  }

  const childReferredToPolice = data.toAgencyType === 'police' && data.subject.isChild === true;
  if (data.toAgencyType === 'police' && !childReferredToPolice && !(consent && coversPoliceInvestigation(consent))) {
    throw new RuleViolationError(
      'adult_consent_required_for_police',
      'A person not known to be a child is referred to the police only with their own consent to an investigation: ' +
        'record consent given by the person (self) for the police and for investigation, or refer elsewhere',
    );
  }

  const submitted: ReferralSubmitted = {
    type: 'ReferralSubmitted',
    schemaVersion: 2,
    data: {
      referralId: data.referralId,
      jointCaseId: data.jointCaseId,
      jointCase: data.jointCase,
      subject: { isChild: data.subject.isChild, personId },
      // Child-protection rules, not the child's consent, are what lets a child's case go to the police.
      childProtectionBasis: childReferredToPolice,
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
  return consent === null ? [submitted] : [submitted, consentRecorded(data.referralId, personId, consent, actor, now)];
}

// Accepting after dueBy is allowed on purpose: a late answer is better than none; lateness shows in isOverdue.
function accept({ data, metadata }: AcceptReferral, state: ReferralState): ReferralAccepted {
  const { actor, now } = metadata;
  const referral = known(state, data.referralId, metadata);
  assertReceivingAgency(referral, actor, 'accept');
  assertPending(referral, 'accepted');
  if (policeConsentWithdrawn(referral)) {
    throw new RuleViolationError(
      'consent_withdrawn',
      `The person withdrew their consent to a police investigation: referral ${referral.referralId} cannot be accepted`,
    );
  }
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

function decline({ data, metadata }: DeclineReferral, state: ReferralState): ReferralDeclined {
  const { actor, now } = metadata;
  const referral = known(state, data.referralId, metadata);
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

function revoke({ data, metadata }: RevokeReferral, state: ReferralState): ReferralRevoked {
  const { actor, now } = metadata;
  const referral = known(state, data.referralId, metadata);
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

function complete({ data, metadata }: CompleteReferral, state: ReferralState): ReferralCompleted {
  const { actor, now } = metadata;
  const referral = known(state, data.referralId, metadata);
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

function assessScreening(
  { data, metadata }: AssessTraffickingScreening,
  state: ReferralState,
): TraffickingScreeningAssessed {
  const { actor, now } = metadata;
  const referral = known(state, data.referralId, metadata);
  assertParty(referral, actor, 'assess a trafficking screening for');
  assertNotRevoked(referral, 'screened');
  const problems: FieldProblem[] = [
    ...vocabularyProblems('acts', data.acts, isTraffickingAct, 'act'),
    ...vocabularyProblems('means', data.means, isTraffickingMeans, 'means'),
    ...vocabularyProblems('purposes', data.purposes, isExploitationPurpose, 'purpose'),
  ];
  if (typeof data.personIsChild !== 'boolean') {
    problems.push({ field: 'personIsChild', reason: 'must be true or false' });
  }
  if (problems.length > 0) throw new InvalidInputError(problems);
  const { meansRequired, result, explanation } = assessTrafficking(data);
  return {
    type: 'TraffickingScreeningAssessed',
    schemaVersion: 1,
    data: {
      referralId: referral.referralId,
      acts: [...data.acts],
      means: [...data.means],
      purposes: [...data.purposes],
      personIsChild: data.personIsChild,
      meansRequired,
      result,
      explanation,
      assessedAt: now.toISOString(),
      byAgencyId: actor.agencyId,
    },
  };
}

function recordConsent({ data, metadata }: RecordConsent, state: ReferralState): ConsentRecorded {
  const { actor, now } = metadata;
  const referral = known(state, data.referralId, metadata);
  assertConsentKeeper(referral, metadata, 'record');
  assertNotRevoked(referral, 'given consent');
  const problems = consentProblems(data, '');
  if (problems.length > 0) throw new InvalidInputError(problems);
  if (referral.consents.some((c) => c.consentId === data.consentId)) {
    throw new RuleViolationError('consent_already_recorded', `Consent ${data.consentId} is already recorded`);
  }
  return consentRecorded(referral.referralId, referral.personId, data, actor, now);
}

// Withdrawal is possible whatever the referral's status: the right to withdraw does not end with the handoff.
function withdrawConsent({ data, metadata }: WithdrawConsent, state: ReferralState): ConsentWithdrawn {
  const { actor, now } = metadata;
  const referral = known(state, data.referralId, metadata);
  assertConsentKeeper(referral, metadata, 'withdraw');
  const consent = referral.consents.find((c) => c.consentId === data.consentId);
  if (!consent) {
    throw new RuleViolationError('consent_unknown', `No consent ${data.consentId} is recorded for this referral`);
  }
  if (consent.withdrawn) {
    throw new RuleViolationError('consent_already_withdrawn', `Consent ${data.consentId} is already withdrawn`);
  }
  const reason = blankToNull(data.reason);
  if (reason !== null && reason.length > REFERRAL_LIMITS.maxTextLength) {
    throw new InvalidInputError([
      { field: 'reason', reason: `must be at most ${REFERRAL_LIMITS.maxTextLength} characters` },
    ]);
  }
  return {
    type: 'ConsentWithdrawn',
    schemaVersion: 1,
    data: {
      referralId: referral.referralId,
      consentId: consent.consentId,
      personId: referral.personId,
      withdrawnAt: now.toISOString(),
      byAgencyId: actor.agencyId,
      reason,
    },
  };
}

/**
 * The deadline watcher may ask more than once (it retries until the read model shows the miss), so
 * anything but a first miss of a still unanswered referral decides nothing: the escalation happens once.
 */
function recordDeadlineMissed(
  { data, metadata: { now } }: RecordReferralDeadlineMissed,
  state: ReferralState,
): ReferralDeadlineMissed[] {
  if (state.status !== 'submitted' || state.deadlineMissed) return [];
  if (now.getTime() <= Date.parse(state.dueBy)) return [];
  return [
    {
      type: 'ReferralDeadlineMissed',
      schemaVersion: 1,
      data: {
        referralId: data.referralId,
        dueBy: state.dueBy,
        missedAt: now.toISOString(),
        toAgencyId: state.toAgencyId,
        escalatedTo: 'coordination_body',
      },
    },
  ];
}

function consentRecorded(
  referralId: string,
  personId: string,
  consent: ReferralConsentGrant,
  actor: Actor,
  now: Date,
): ConsentRecorded {
  return {
    type: 'ConsentRecorded',
    schemaVersion: 1,
    data: {
      referralId,
      consentId: consent.consentId,
      personId,
      givenBy: consent.givenBy,
      method: consent.method ?? null,
      formSha256: consent.formSha256 ?? null,
      agencyTypes: [...consent.agencyTypes],
      purposes: [...consent.purposes],
      recordedAt: now.toISOString(),
      byAgencyId: actor.agencyId,
    },
  };
}

function consentProblems(consent: ReferralConsentGrant, prefix: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (typeof consent.consentId !== 'string' || isBlank(consent.consentId)) {
    problems.push({ field: `${prefix}consentId`, reason: 'is required' });
  }
  if (!isConsentGiver(consent.givenBy)) {
    problems.push({ field: `${prefix}givenBy`, reason: `must be one of ${CONSENT_GIVERS.join(', ')}` });
  }
  if (consent.method !== undefined && consent.method !== null && !isConsentMethod(consent.method)) {
    problems.push({ field: `${prefix}method`, reason: `must be one of ${CONSENT_METHODS.join(', ')}` });
  }
  if (consent.formSha256 !== undefined && consent.formSha256 !== null && !/^[0-9a-f]{64}$/.test(consent.formSha256)) {
    problems.push({ field: `${prefix}formSha256`, reason: 'must be a SHA-256 in lower-case hex (64 characters)' });
  }
  if (consent.agencyTypes.length === 0) {
    problems.push({ field: `${prefix}agencyTypes`, reason: 'name at least one kind of agency' });
  }
  problems.push(...vocabularyProblems(`${prefix}agencyTypes`, consent.agencyTypes, isAgencyType, 'agency type'));
  if (consent.purposes.length === 0) {
    problems.push({ field: `${prefix}purposes`, reason: 'name at least one purpose' });
  }
  problems.push(...vocabularyProblems(`${prefix}purposes`, consent.purposes, isConsentPurpose, 'purpose'));
  return problems;
}

function vocabularyProblems(
  field: string,
  values: readonly string[],
  isKnown: (value: unknown) => boolean,
  noun: string,
): FieldProblem[] {
  return [
    ...unknownValues(values, isKnown).map((value) => ({ field, reason: `unknown ${noun} ${value}` })),
    ...duplicates(values).map((value) => ({ field, reason: `${value} is listed twice` })),
  ];
}

/** A police referral of a person not known to be a child whose every consent to an investigation was withdrawn. */
function policeConsentWithdrawn(referral: ExistingReferral): boolean {
  if (referral.toAgencyType !== 'police' || referral.subjectIsChild === true) return false;
  const police = referral.consents.filter(coversPoliceInvestigation);
  return police.length > 0 && police.every((c) => c.withdrawn);
}

function existing(state: ReferralState, referralId: string): ExistingReferral {
  if (state.status === 'none') throw new NotFoundError('Referral', referralId);
  return state;
}

/**
 * The referral as the acting agency may know it: its sender, its receiver, and the keeper of its person's
 * consent. To any other agency it does not exist, whatever it tries, so a refusal never confirms an id.
 */
function known(state: ReferralState, referralId: string, metadata: ReferralCommandMetadata): ExistingReferral {
  const referral = existing(state, referralId);
  const { agencyId } = metadata.actor;
  if (agencyId !== referral.fromAgencyId && agencyId !== referral.toAgencyId && metadata.keepsConsent !== true) {
    throw new NotFoundError('Referral', referralId);
  }
  return referral;
}

function assertReceivingAgency(referral: ExistingReferral, actor: Actor, action: string): void {
  if (actor.agencyId !== referral.toAgencyId) {
    throw new RuleViolationError('only_receiving_agency', `Only the receiving agency may ${action} a referral`);
  }
}

/**
 * Consent belongs to the person, and is recorded, widened or withdrawn only through the agency that keeps
 * it: the one that met the person (the sender of the referral that introduced them) or that holds their
 * assistance case. The receiving agency cannot grant itself access by recording a consent it was not given.
 */
function assertConsentKeeper(referral: ExistingReferral, metadata: ReferralCommandMetadata, action: string): void {
  const metThePerson = referral.introducedPerson && metadata.actor.agencyId === referral.fromAgencyId;
  if (!metThePerson && metadata.keepsConsent !== true) {
    throw new RuleViolationError(
      'only_consent_keeper',
      `Only the agency that met the person, or that holds their assistance case, may ${action} their consent`,
    );
  }
}

/** Both sides of the handoff work on the referral; a third agency has no part in it. */
function assertParty(referral: ExistingReferral, actor: Actor, action: string): void {
  if (actor.agencyId !== referral.fromAgencyId && actor.agencyId !== referral.toAgencyId) {
    throw new RuleViolationError('only_parties', `Only the sending or the receiving agency may ${action} a referral`);
  }
}

function assertNotRevoked(referral: ExistingReferral, action: string): void {
  if (referral.status === 'revoked') {
    throw new RuleViolationError(
      'referral_revoked',
      `Referral ${referral.referralId} was revoked by the sending agency and cannot be ${action}`,
    );
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
