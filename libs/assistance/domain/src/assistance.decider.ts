import { type Actor, type Decider, NotFoundError, RuleViolationError } from '@pamoja/contracts';
import {
  type ApplyProtectionMeasure,
  type AssessNeeds,
  type AssistanceCommand,
  type CloseAssistance,
  type ErasePersonalData,
  type ProvideService,
  type RegisterVictim,
} from './assistance.commands.js';
import {
  type AssistanceClosed,
  type AssistanceEvent,
  type NeedsAssessed,
  type PersonalDataErased,
  type ProtectionMeasureApplied,
  type ServiceProvided,
  type VictimRegistered,
  victimSubjectId,
} from './assistance.events.js';
import { type AssistanceState, type ExistingAssistance, NO_ASSISTANCE } from './assistance.state.js';
import { type AgeGroup, type ConsentGivenBy, isChildAgeGroup } from './vocabularies.js';

/**
 * The assistance's domain rules: who may act, on which state, and whose consent counts. The command is
 * parsed before it comes here (`parseAssistanceCommand`): its input is already well formed.
 */

/** Stream of one victim's assistance: `assistance-<uuid>`. */
export function assistanceStreamId(assistanceId: string): string {
  return `assistance-${assistanceId}`;
}

export const assistanceDecider: Decider<AssistanceCommand, AssistanceEvent, AssistanceState> = {
  initialState: NO_ASSISTANCE,
  decide(command: AssistanceCommand, state: AssistanceState): AssistanceEvent[] {
    switch (command.type) {
      case 'RegisterVictim':
        return [register(command, state)];
      case 'AssessNeeds':
        return [assess(command, state)];
      case 'ProvideService':
        return [provide(command, state)];
      case 'ApplyProtectionMeasure':
        return [protect(command, state)];
      case 'CloseAssistance':
        return [close(command, state)];
      case 'ErasePersonalData':
        return erase(command, state);
    }
  },
  evolve,
};

function evolve(state: AssistanceState, event: AssistanceEvent): AssistanceState {
  if (event.type === 'VictimRegistered') {
    const { assistanceId, jointCaseId, assistingAgencyId, ageGroup, registeredAt } = event.data;
    return {
      status: 'registered',
      assistanceId,
      jointCaseId,
      assistingAgencyId,
      ageGroup,
      registeredAt,
      needs: [],
      serviceIds: [],
      measureIds: [],
      personalDataErased: false,
    };
  }
  // Nothing can precede VictimRegistered in a stream; ignoring it keeps evolve total.
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'NeedsAssessed':
      return { ...state, status: state.status === 'registered' ? 'assessed' : state.status, needs: event.data.needs };
    case 'ServiceProvided':
      return { ...state, status: 'in_assistance', serviceIds: [...state.serviceIds, event.data.serviceId] };
    case 'ProtectionMeasureApplied':
      return {
        ...state,
        // Protection before any assessment does not make the needs assessed.
        status: state.status === 'assessed' ? 'in_assistance' : state.status,
        measureIds: [...state.measureIds, event.data.measureId],
      };
    case 'AssistanceClosed':
      return { ...state, status: 'closed' };
    case 'PersonalDataErased':
      return { ...state, personalDataErased: true };
  }
}

function register({ data, metadata: { actor, now } }: RegisterVictim, state: AssistanceState): VictimRegistered {
  if (state.status !== 'none') {
    throw new RuleViolationError('assistance_already_exists', `Assistance ${data.assistanceId} already exists`);
  }
  if (actor.agencyType !== 'assistance_provider') {
    throw new RuleViolationError(
      'only_assistance_provider',
      'Only an assistance provider (NGO, IOM, social affairs) may register a victim for assistance',
    );
  }
  assertConsentGiver(data.ageGroup, data.consentGivenBy);

  return {
    type: 'VictimRegistered',
    schemaVersion: 1,
    data: {
      assistanceId: data.assistanceId,
      jointCaseId: data.jointCaseId,
      personId: data.personId,
      assistingAgencyId: actor.agencyId,
      registeredAt: now.toISOString(),
      ageGroup: data.ageGroup,
      isChild: isChildAgeGroup(data.ageGroup),
      sex: data.sex,
      nationality: data.nationality,
      formsOfExploitation: [...data.formsOfExploitation],
      agreementToManagePersonalData: data.agreementToManagePersonalData,
      consentGivenBy: data.consentGivenBy,
      personal: data.personal,
    },
  };
}

/**
 * Child protection: a child's guardian or the child-protection authority decides, never the child
 * alone; an adult decides for themselves. When the age is unknown anyone of them may, so that
 * protection is not delayed while the age is established.
 */
function assertConsentGiver(ageGroup: AgeGroup, consentGivenBy: ConsentGivenBy): void {
  if (isChildAgeGroup(ageGroup) && consentGivenBy === 'self') {
    throw new RuleViolationError(
      'child_consent_by_guardian_or_authority',
      'For a child, a guardian or the child-protection authority decides, not the child',
    );
  }
  if (ageGroup === 'adult' && consentGivenBy !== 'self') {
    throw new RuleViolationError('adult_consents_for_self', 'An adult victim decides for themselves');
  }
}

function assess({ data, metadata: { actor, now } }: AssessNeeds, state: AssistanceState): NeedsAssessed {
  const assistance = open(state, data.assistanceId, actor);
  return {
    type: 'NeedsAssessed',
    schemaVersion: 1,
    data: {
      assistanceId: assistance.assistanceId,
      byAgencyId: actor.agencyId,
      assessedAt: now.toISOString(),
      needs: data.needs.map(({ need, priority }) => ({ need, priority })),
    },
  };
}

function provide({ data, metadata: { actor, now } }: ProvideService, state: AssistanceState): ServiceProvided {
  const assistance = open(state, data.assistanceId, actor);
  if (assistance.needs.length === 0) {
    throw new RuleViolationError(
      'needs_not_assessed',
      `Assess the needs of assistance ${assistance.assistanceId} before recording services`,
    );
  }
  if (assistance.serviceIds.includes(data.serviceId)) {
    throw new RuleViolationError('service_already_recorded', `Service ${data.serviceId} is already recorded`);
  }
  const providedAt = data.providedAt ?? now;
  return {
    type: 'ServiceProvided',
    schemaVersion: 1,
    data: {
      assistanceId: assistance.assistanceId,
      serviceId: data.serviceId,
      kind: data.kind,
      providedAt: providedAt.toISOString(),
      providerAgencyId: data.providerAgencyId ?? actor.agencyId,
      note: data.note,
    },
  };
}

function protect(
  { data, metadata: { actor, now } }: ApplyProtectionMeasure,
  state: AssistanceState,
): ProtectionMeasureApplied {
  const assistance = open(state, data.assistanceId, actor);
  if (assistance.measureIds.includes(data.measureId)) {
    throw new RuleViolationError('measure_already_applied', `Protection measure ${data.measureId} is already applied`);
  }
  assertConsentGiver(assistance.ageGroup, data.consentGivenBy);
  return {
    type: 'ProtectionMeasureApplied',
    schemaVersion: 1,
    data: {
      assistanceId: assistance.assistanceId,
      measureId: data.measureId,
      measure: data.measure,
      description: data.description,
      byAgencyId: actor.agencyId,
      appliedAt: now.toISOString(),
      reviewBy: data.reviewBy.toISOString(),
      consentGivenBy: data.consentGivenBy,
    },
  };
}

function close({ data, metadata: { actor, now } }: CloseAssistance, state: AssistanceState): AssistanceClosed {
  const assistance = open(state, data.assistanceId, actor);
  return {
    type: 'AssistanceClosed',
    schemaVersion: 1,
    data: {
      assistanceId: assistance.assistanceId,
      byAgencyId: actor.agencyId,
      closedAt: now.toISOString(),
      reason: data.reason,
      note: data.note,
    },
  };
}

/**
 * Only the assisting agency erases, also once the case is closed (the end of retention comes after it).
 * Erasing an erased person's data again is a no-op: a retention job may run twice.
 */
function erase({ data, metadata: { actor, now } }: ErasePersonalData, state: AssistanceState): PersonalDataErased[] {
  if (state.status === 'none') throw new NotFoundError('Assistance', data.assistanceId);
  if (actor.agencyId !== state.assistingAgencyId) {
    throw new RuleViolationError(
      'only_assisting_agency',
      "Only the agency assisting the victim may erase the victim's personal data",
    );
  }
  if (state.personalDataErased) return [];
  return [
    {
      type: 'PersonalDataErased',
      schemaVersion: 1,
      data: {
        assistanceId: state.assistanceId,
        jointCaseId: state.jointCaseId,
        subjectId: victimSubjectId(state.assistanceId),
        reason: data.reason,
        erasedAt: now.toISOString(),
        byAgencyId: actor.agencyId,
      },
    },
  ];
}

/** The assistance exists, the actor's agency is the one assisting, and it is not closed. */
function open(state: AssistanceState, assistanceId: string, actor: Actor): ExistingAssistance {
  if (state.status === 'none') throw new NotFoundError('Assistance', assistanceId);
  if (actor.agencyId !== state.assistingAgencyId) {
    throw new RuleViolationError(
      'only_assisting_agency',
      'Only the agency assisting the victim may change their assistance',
    );
  }
  if (state.status === 'closed') {
    throw new RuleViolationError('assistance_closed', `Assistance ${state.assistanceId} is closed`);
  }
  return state;
}
