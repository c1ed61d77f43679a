import {
  type Actor,
  type Decider,
  InvalidInputError,
  NotFoundError,
  RuleViolationError,
  personIdIntroducedBy,
} from '@pamoja/contracts';
import { coversPoliceInvestigation } from './consent.js';
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
import { dueByProblems, withoutProblems } from './referral.parse.js';
import { type ExistingReferral, NO_REFERRAL, type ReferralState } from './referral.state.js';
import { assessTrafficking } from './trafficking-screening.js';

export function referralStreamId(referralId: string): `referral-${string}` {
  return `referral-${referralId}`;
}

/**
 * The referral's rules: who may act on it, in which state, and when. Its commands arrive parsed
 * (`parseReferralCommand`): free text trimmed and within its limits, vocabularies known.
 */
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
  const dueByFault = dueByProblems(data.dueBy, data.urgency, now);
  if (dueByFault.length > 0) throw new InvalidInputError(dueByFault);

  const consent = data.consent ?? null;
  const knownPerson = data.subject.personId ?? null;
  const personId = knownPerson ?? personIdIntroducedBy(data.referralId);
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
      site: data.site,
      indicators: [...data.indicators],
      childLabourFlags: [...data.childLabourFlags],
      urgency: data.urgency,
      fromAgencyId: actor.agencyId,
      fromAgencyType: actor.agencyType,
      toAgencyId: data.toAgencyId,
      toAgencyType: data.toAgencyType,
      submittedAt: now.toISOString(),
      dueBy: data.dueBy.toISOString(),
      summary: data.summary,
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
  const note = data.note ?? null;
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
  return {
    type: 'ReferralDeclined',
    schemaVersion: 1,
    data: {
      referralId: referral.referralId,
      byAgencyId: actor.agencyId,
      declinedAt: now.toISOString(),
      reason: data.reason,
    },
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
  return {
    type: 'ReferralRevoked',
    schemaVersion: 1,
    data: {
      referralId: referral.referralId,
      byAgencyId: actor.agencyId,
      revokedAt: now.toISOString(),
      reason: data.reason,
    },
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
  return {
    type: 'ReferralCompleted',
    schemaVersion: 1,
    data: {
      referralId: referral.referralId,
      byAgencyId: actor.agencyId,
      completedAt: now.toISOString(),
      outcome: data.outcome,
    },
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
  const consent = withoutProblems(data.consent);
  if (referral.consents.some((c) => c.consentId === consent.consentId)) {
    throw new RuleViolationError('consent_already_recorded', `Consent ${consent.consentId} is already recorded`);
  }
  return consentRecorded(referral.referralId, referral.personId, consent, actor, now);
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
  return {
    type: 'ConsentWithdrawn',
    schemaVersion: 1,
    data: {
      referralId: referral.referralId,
      consentId: consent.consentId,
      personId: referral.personId,
      withdrawnAt: now.toISOString(),
      byAgencyId: actor.agencyId,
      reason: data.reason ?? null,
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
