import { duplicatesOf, type InputParser, parseInput } from '@pamoja/contracts';
import {
  type ApplyProtectionMeasure,
  type AssessNeeds,
  type AssistanceCommand,
  type CloseAssistance,
  type ErasePersonalData,
  type ProvideService,
  type RegisterVictim,
  type SentAssistanceCommand,
  type SentAssistanceCommandOf,
  type VictimPersonalInput,
} from './assistance.commands.js';
import { type VictimPersonalData } from './assistance.events.js';
import {
  AGE_GROUPS,
  ASSISTANCE_NEEDS,
  CLOSE_REASONS,
  CONSENT_GIVERS,
  ERASURE_REASONS,
  NEED_PRIORITIES,
  PHONE_PATTERN,
  PROTECTION_MEASURES,
  SERVICE_KINDS,
  SEXES,
  isCalendarDate,
  isFormOfExploitation,
  isNationality,
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
const CONSENT_GIVER_REASON = 'must be self, guardian or child_protection_authority';

/**
 * A client's assistance command into the domain's value types, once, before `decide`: every field at fault
 * in one InvalidInputError (a client on a poor connection fixes its input in one round trip). Dates are
 * judged against the command's own `now`.
 */
export function parseAssistanceCommand(sent: SentAssistanceCommand): AssistanceCommand {
  switch (sent.type) {
    case 'RegisterVictim':
      return parseInput((p) => parseRegister(p, sent));
    case 'AssessNeeds':
      return parseInput((p) => parseAssess(p, sent));
    case 'ProvideService':
      return parseInput((p) => parseProvide(p, sent));
    case 'ApplyProtectionMeasure':
      return parseInput((p) => parseProtect(p, sent));
    case 'CloseAssistance':
      return parseInput((p) => parseClose(p, sent));
    case 'ErasePersonalData':
      return parseInput((p) => parseErase(p, sent));
  }
}

function parseRegister(p: InputParser, { data, metadata }: SentAssistanceCommandOf<'RegisterVictim'>): RegisterVictim {
  p.id('assistanceId', data.assistanceId);
  if (!UUID.test(data.jointCaseId)) p.add('jointCaseId', 'must be the UUID of the joint case');
  p.oneOf('ageGroup', data.ageGroup, AGE_GROUPS, 'must be child_under_15, child_15_17, adult or unknown');
  p.oneOf('sex', data.sex, SEXES, 'must be female, male, other or undisclosed');
  if (data.nationality !== null && !isNationality(data.nationality)) {
    p.add('nationality', 'must be an ISO 3166-1 alpha-2 country code such as CD or RW');
  }
  if (data.formsOfExploitation.length === 0) p.add('formsOfExploitation', 'at least one is required');
  for (const form of data.formsOfExploitation.filter((f) => !isFormOfExploitation(f))) {
    p.add('formsOfExploitation', `unknown form of exploitation ${String(form)}`);
  }
  for (const form of duplicatesOf(data.formsOfExploitation)) p.add('formsOfExploitation', `${form} is listed twice`);
  p.oneOf('consentGivenBy', data.consentGivenBy, CONSENT_GIVERS, CONSENT_GIVER_REASON);
  let personal: VictimPersonalData | null = null;
  if (data.personal !== null) {
    if (!data.agreementToManagePersonalData) {
      p.add('personal', 'no personal data may be recorded without the agreement to manage it');
    } else {
      personal = parsePersonal(p, data.personal, metadata.now);
    }
  }
  return { type: 'RegisterVictim', metadata, data: { ...data, personal } };
}

function parsePersonal(p: InputParser, input: VictimPersonalInput, now: Date): VictimPersonalData {
  const fullName = p.text('personal.fullName', input.fullName, ASSISTANCE_LIMITS.maxNameLength);
  const dateOfBirth = blankToNull(input.dateOfBirth);
  if (dateOfBirth !== null) {
    if (!isCalendarDate(dateOfBirth)) p.add('personal.dateOfBirth', 'must be a date YYYY-MM-DD');
    else if (dateOfBirth > now.toISOString().slice(0, 10)) p.add('personal.dateOfBirth', 'is in the future');
  }
  const phone = blankToNull(input.phone);
  if (phone !== null && !PHONE_PATTERN.test(phone)) {
    p.add('personal.phone', 'must be a phone number: digits and spaces, optionally starting with +');
  }
  const currentLocation = p.optionalText(
    'personal.currentLocation',
    input.currentLocation,
    ASSISTANCE_LIMITS.maxLocationLength,
  );
  return { fullName, dateOfBirth, phone, currentLocation };
}

function parseAssess(p: InputParser, { data, metadata }: SentAssistanceCommandOf<'AssessNeeds'>): AssessNeeds {
  if (data.needs.length === 0) p.add('needs', 'at least one need is required');
  data.needs.forEach(({ need, priority }, index) => {
    p.oneOf(`needs.${index}.need`, need, ASSISTANCE_NEEDS, `unknown need ${need}`);
    p.oneOf(`needs.${index}.priority`, priority, NEED_PRIORITIES, 'must be urgent, high or normal');
  });
  for (const need of duplicatesOf(data.needs.map((n) => n.need))) p.add('needs', `${need} is listed twice`);
  return {
    type: 'AssessNeeds',
    metadata,
    data: { assistanceId: data.assistanceId, needs: data.needs.map(({ need, priority }) => ({ need, priority })) },
  };
}

function parseProvide(p: InputParser, { data, metadata }: SentAssistanceCommandOf<'ProvideService'>): ProvideService {
  p.id('serviceId', data.serviceId);
  p.oneOf('kind', data.kind, SERVICE_KINDS, `unknown service kind ${data.kind}`);
  const providedAt = data.providedAt ?? metadata.now;
  if (Number.isNaN(providedAt.getTime())) p.add('providedAt', 'is not a valid date');
  else if (providedAt.getTime() > metadata.now.getTime()) {
    p.add('providedAt', 'cannot be in the future: record a service once it is given');
  }
  if (data.providerAgencyId !== null && data.providerAgencyId.trim() === '') {
    p.add('providerAgencyId', 'must be null or not blank');
  }
  const note = p.optionalText('note', data.note, ASSISTANCE_LIMITS.maxTextLength);
  return { type: 'ProvideService', metadata, data: { ...data, note } };
}

function parseProtect(
  p: InputParser,
  { data, metadata }: SentAssistanceCommandOf<'ApplyProtectionMeasure'>,
): ApplyProtectionMeasure {
  const now = metadata.now.getTime();
  p.id('measureId', data.measureId);
  p.oneOf('measure', data.measure, PROTECTION_MEASURES, `unknown protection measure ${data.measure}`);
  const description = p.optionalText('description', data.description, ASSISTANCE_LIMITS.maxTextLength);
  if (data.measure === 'other' && description === null) {
    p.add('description', 'is required when the measure is other');
  }
  const reviewBy = data.reviewBy.getTime();
  if (Number.isNaN(reviewBy)) p.add('reviewBy', 'is not a valid date');
  else if (reviewBy <= now) p.add('reviewBy', 'must be in the future');
  else if (reviewBy > now + ASSISTANCE_LIMITS.maxReviewInDays * DAY_MS) {
    p.add('reviewBy', `must be at most ${ASSISTANCE_LIMITS.maxReviewInDays} days ahead`);
  }
  p.oneOf('consentGivenBy', data.consentGivenBy, CONSENT_GIVERS, CONSENT_GIVER_REASON);
  return { type: 'ApplyProtectionMeasure', metadata, data: { ...data, description } };
}

function parseClose(p: InputParser, { data, metadata }: SentAssistanceCommandOf<'CloseAssistance'>): CloseAssistance {
  p.oneOf('reason', data.reason, CLOSE_REASONS, `unknown reason ${data.reason}`);
  const note = p.optionalText('note', data.note, ASSISTANCE_LIMITS.maxTextLength);
  if (data.reason === 'other' && note === null) p.add('note', 'is required when the reason is other');
  return { type: 'CloseAssistance', metadata, data: { ...data, note } };
}

function parseErase(
  p: InputParser,
  { data, metadata }: SentAssistanceCommandOf<'ErasePersonalData'>,
): ErasePersonalData {
  p.oneOf('reason', data.reason, ERASURE_REASONS, 'must be legal_request or retention_expired');
  return { type: 'ErasePersonalData', metadata, data };
}

function blankToNull(value: string | null | undefined): string | null {
  const text = value?.trim() ?? '';
  return text === '' ? null : text;
}
