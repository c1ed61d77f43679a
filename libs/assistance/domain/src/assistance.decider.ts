import {
  type Actor,
  type Decider,
  type FieldProblem,
  InvalidInputError,
  NotFoundError,
  RuleViolationError,
} from '@pamoja/contracts';
import {
  type ApplyProtectionMeasure,
  type AssessNeeds,
  type AssistanceCommand,
  type CloseAssistance,
  type ErasePersonalData,
  type ProvideService,
  type RegisterVictim,
  type VictimPersonalInput,
} from './assistance.commands.js';
import {
  type AssistanceClosed,
  type AssistanceEvent,
  type NeedsAssessed,
  type PersonalDataErased,
  type ProtectionMeasureApplied,
  type ServiceProvided,
  type VictimPersonalData,
  type VictimRegistered,
  victimSubjectId,
} from './assistance.events.js';
import { type AssistanceState, type ExistingAssistance, NO_ASSISTANCE } from './assistance.state.js';
import {
  type AgeGroup,
  type ConsentGivenBy,
  PHONE_PATTERN,
  isAgeGroup,
  isAssistanceCloseReason,
  isAssistanceNeed,
  isCalendarDate,
  isChildAgeGroup,
  isConsentGivenBy,
  isErasureReason,
  isFormOfExploitation,
  isNationality,
  isNeedPriority,
  isProtectionMeasureKind,
  isServiceKind,
  isSex,
} from './vocabularies.js';

export const ASSISTANCE_LIMITS = {
  maxTextLength: 2000,
  maxNameLength: 200,
  maxLocationLength: 500,
  /** A protection measure is reviewed at least this often: unreviewed protection lapses unnoticed. */
  maxReviewInDays: 180,
} as const;

const DAY_MS = 24 * 60 * 60 * 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

  // All problems at once: on a poor connection a client should fix its input in one round trip.
  const problems: FieldProblem[] = [];
  const problem = (field: string, reason: string): void => {
    problems.push({ field, reason });
  };

  if (isBlank(data.assistanceId)) problem('assistanceId', 'is required');
  if (!UUID.test(data.jointCaseId)) problem('jointCaseId', 'must be the UUID of the joint case');
  // Commands come from untyped input; the types are a promise the application layer may not keep.
  if (!isAgeGroup(data.ageGroup)) problem('ageGroup', 'must be child_under_15, child_15_17, adult or unknown');
  if (!isSex(data.sex)) problem('sex', 'must be female, male, other or undisclosed');
  if (data.nationality !== null && !isNationality(data.nationality)) {
    problem('nationality', 'must be an ISO 3166-1 alpha-2 country code such as CD or RW');
  }
  if (data.formsOfExploitation.length === 0) problem('formsOfExploitation', 'at least one is required');
  for (const form of data.formsOfExploitation.filter((f) => !isFormOfExploitation(f))) {
    problem('formsOfExploitation', `unknown form of exploitation ${String(form)}`);
  }
  for (const form of duplicates(data.formsOfExploitation)) problem('formsOfExploitation', `${form} is listed twice`);
  if (!isConsentGivenBy(data.consentGivenBy)) {
    problem('consentGivenBy', 'must be self, guardian or child_protection_authority');
  }
  let personal: VictimPersonalData | null = null;
  if (data.personal !== null) {
    if (!data.agreementToManagePersonalData) {
      problem('personal', 'no personal data may be recorded without the agreement to manage it');
    } else {
      personal = personalData(data.personal, now, problem);
    }
  }

  if (problems.length > 0) throw new InvalidInputError(problems);
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
      personal,
    },
  };
}

function personalData(
  input: VictimPersonalInput,
  now: Date,
  problem: (field: string, reason: string) => void,
): VictimPersonalData {
  const fullName = input.fullName.trim();
  if (fullName === '') problem('personal.fullName', 'is required');
  else if (fullName.length > ASSISTANCE_LIMITS.maxNameLength) {
    problem('personal.fullName', `must be at most ${ASSISTANCE_LIMITS.maxNameLength} characters`);
  }
  const dateOfBirth = blankToNull(input.dateOfBirth);
  if (dateOfBirth !== null) {
    if (!isCalendarDate(dateOfBirth)) problem('personal.dateOfBirth', 'must be a date YYYY-MM-DD');
    else if (dateOfBirth > now.toISOString().slice(0, 10)) problem('personal.dateOfBirth', 'is in the future');
  }
  const phone = blankToNull(input.phone);
  if (phone !== null && !PHONE_PATTERN.test(phone)) {
    problem('personal.phone', 'must be a phone number: digits and spaces, optionally starting with +');
  }
  const currentLocation = blankToNull(input.currentLocation);
  if (currentLocation !== null && currentLocation.length > ASSISTANCE_LIMITS.maxLocationLength) {
    problem('personal.currentLocation', `must be at most ${ASSISTANCE_LIMITS.maxLocationLength} characters`);
  }
  return { fullName, dateOfBirth, phone, currentLocation };
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
  const problems: FieldProblem[] = [];
  if (data.needs.length === 0) problems.push({ field: 'needs', reason: 'at least one need is required' });
  data.needs.forEach(({ need, priority }, index) => {
    if (!isAssistanceNeed(need))
      problems.push({ field: `needs.${index}.need`, reason: `unknown need ${String(need)}` });
    if (!isNeedPriority(priority)) {
      problems.push({ field: `needs.${index}.priority`, reason: 'must be urgent, high or normal' });
    }
  });
  for (const need of duplicates(data.needs.map((n) => n.need))) {
    problems.push({ field: 'needs', reason: `${need} is listed twice` });
  }
  if (problems.length > 0) throw new InvalidInputError(problems);
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
  const problems: FieldProblem[] = [];
  if (isBlank(data.serviceId)) problems.push({ field: 'serviceId', reason: 'is required' });
  if (!isServiceKind(data.kind)) problems.push({ field: 'kind', reason: `unknown service kind ${String(data.kind)}` });
  const providedAt = data.providedAt ?? now;
  if (Number.isNaN(providedAt.getTime())) problems.push({ field: 'providedAt', reason: 'is not a valid date' });
  else if (providedAt.getTime() > now.getTime()) {
    problems.push({ field: 'providedAt', reason: 'cannot be in the future: record a service once it is given' });
  }
  if (data.providerAgencyId !== null && isBlank(data.providerAgencyId)) {
    problems.push({ field: 'providerAgencyId', reason: 'must be null or not blank' });
  }
  const note = optionalText('note', data.note, problems);
  if (problems.length > 0) throw new InvalidInputError(problems);
  return {
    type: 'ServiceProvided',
    schemaVersion: 1,
    data: {
      assistanceId: assistance.assistanceId,
      serviceId: data.serviceId,
      kind: data.kind,
      providedAt: providedAt.toISOString(),
      providerAgencyId: data.providerAgencyId ?? actor.agencyId,
      note,
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
  const problems: FieldProblem[] = [];
  if (isBlank(data.measureId)) problems.push({ field: 'measureId', reason: 'is required' });
  if (!isProtectionMeasureKind(data.measure)) {
    problems.push({ field: 'measure', reason: `unknown protection measure ${String(data.measure)}` });
  }
  const description = optionalText('description', data.description, problems);
  if (data.measure === 'other' && description === null) {
    problems.push({ field: 'description', reason: 'is required when the measure is other' });
  }
  const reviewBy = data.reviewBy.getTime();
  if (Number.isNaN(reviewBy)) problems.push({ field: 'reviewBy', reason: 'is not a valid date' });
  else if (reviewBy <= now.getTime()) problems.push({ field: 'reviewBy', reason: 'must be in the future' });
  else if (reviewBy > now.getTime() + ASSISTANCE_LIMITS.maxReviewInDays * DAY_MS) {
    problems.push({ field: 'reviewBy', reason: `must be at most ${ASSISTANCE_LIMITS.maxReviewInDays} days ahead` });
  }
  if (!isConsentGivenBy(data.consentGivenBy)) {
    problems.push({ field: 'consentGivenBy', reason: 'must be self, guardian or child_protection_authority' });
  }
  if (problems.length > 0) throw new InvalidInputError(problems);
  assertConsentGiver(assistance.ageGroup, data.consentGivenBy);
  return {
    type: 'ProtectionMeasureApplied',
    schemaVersion: 1,
    data: {
      assistanceId: assistance.assistanceId,
      measureId: data.measureId,
      measure: data.measure,
      description,
      byAgencyId: actor.agencyId,
      appliedAt: now.toISOString(),
      reviewBy: data.reviewBy.toISOString(),
      consentGivenBy: data.consentGivenBy,
    },
  };
}

function close({ data, metadata: { actor, now } }: CloseAssistance, state: AssistanceState): AssistanceClosed {
  const assistance = open(state, data.assistanceId, actor);
  const problems: FieldProblem[] = [];
  if (!isAssistanceCloseReason(data.reason)) {
    problems.push({ field: 'reason', reason: `unknown reason ${String(data.reason)}` });
  }
  const note = optionalText('note', data.note, problems);
  if (data.reason === 'other' && note === null) {
    problems.push({ field: 'note', reason: 'is required when the reason is other' });
  }
  if (problems.length > 0) throw new InvalidInputError(problems);
  return {
    type: 'AssistanceClosed',
    schemaVersion: 1,
    data: {
      assistanceId: assistance.assistanceId,
      byAgencyId: actor.agencyId,
      closedAt: now.toISOString(),
      reason: data.reason,
      note,
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
  if (!isErasureReason(data.reason)) {
    throw new InvalidInputError([{ field: 'reason', reason: 'must be legal_request or retention_expired' }]);
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

function optionalText(field: string, value: string | null, problems: FieldProblem[]): string | null {
  const text = blankToNull(value);
  if (text !== null && text.length > ASSISTANCE_LIMITS.maxTextLength) {
    problems.push({ field, reason: `must be at most ${ASSISTANCE_LIMITS.maxTextLength} characters` });
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

function duplicates<T>(values: readonly T[]): T[] {
  return [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];
}
