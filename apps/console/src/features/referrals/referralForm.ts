import type { FieldProblem } from '../../api/errors';
import type {
  AgencyType,
  ChildLabourFlag,
  ForcedLabourIndicator,
  ReferralConsentGiver,
  ReferralConsentMethod,
  ReferralConsentPurpose,
  SubmitReferralInput,
  Urgency,
} from '../../gql/graphql';
import { defaultDueLocal, instantOfKivuLocal, kivuLocalOf } from './kivuTime';

/**
 * The submit form's values, its rules (the API's, from libs/referrals/domain: referral.parse.ts and
 * referral.decider.ts, checked here first so that a refusal is rare and never the first word), and the
 * way from the API's field names back to the form's fields.
 */

export type ChildAnswer = 'yes' | 'no' | 'unknown' | '';

export interface ReferralFormValues {
  readonly toAgencyId: string;
  readonly toAgencyType: AgencyType | '';
  readonly siteKind: 'registered' | 'unregistered';
  readonly siteCode: string;
  readonly siteDescription: string;
  readonly isChild: ChildAnswer;
  readonly indicators: readonly ForcedLabourIndicator[];
  readonly childLabourFlags: readonly ChildLabourFlag[];
  readonly consentGiven: 'yes' | 'no' | '';
  readonly consentGivenBy: ReferralConsentGiver | '';
  readonly consentMethod: ReferralConsentMethod | '';
  readonly consentAgencyTypes: readonly AgencyType[];
  readonly consentPurposes: readonly ReferralConsentPurpose[];
  readonly urgency: Urgency;
  readonly dueLocal: string;
  /** The person set the due time: a change of urgency no longer moves it. */
  readonly dueEdited: boolean;
  readonly summary: string;
  /**
   * A referral forwarding a person already known on a case (the person of another referral): the case and
   * the person's pseudonymous id. Empty for a person the agency met.
   */
  readonly jointCaseId: string;
  readonly personId: string;
}

export function emptyReferralForm(now = new Date()): ReferralFormValues {
  return {
    toAgencyId: '',
    toAgencyType: '',
    siteKind: 'registered',
    siteCode: '',
    siteDescription: '',
    isChild: '',
    indicators: [],
    childLabourFlags: [],
    consentGiven: '',
    consentGivenBy: '',
    consentMethod: '',
    consentAgencyTypes: [],
    consentPurposes: [],
    urgency: 'URGENT',
    dueLocal: defaultDueLocal('URGENT', now),
    dueEdited: false,
    summary: '',
    jointCaseId: '',
    personId: '',
  };
}

/** The form's fields, each with its own control (or group of controls) and its own error. */
export const FORM_FIELDS = [
  'toAgencyType',
  'toAgencyId',
  'site.code',
  'site.description',
  'subject.isChild',
  'indicators',
  'childLabourFlags',
  'consent',
  'consent.givenBy',
  'consent.method',
  'consent.agencyTypes',
  'consent.purposes',
  'urgency',
  'dueBy',
  'summary',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];

/** Each field's label in the catalogue: the error summary names the field of each problem. */
export const FIELD_LABELS: Readonly<Record<FormField, string>> = {
  toAgencyId: 'referrals.field.toAgencyId',
  toAgencyType: 'referrals.field.toAgencyType',
  'site.code': 'referrals.field.siteCode',
  'site.description': 'referrals.field.siteDescription',
  'subject.isChild': 'referrals.field.isChild',
  indicators: 'referrals.field.indicators',
  childLabourFlags: 'referrals.field.childLabourFlags',
  consent: 'referrals.field.consent',
  'consent.givenBy': 'referrals.field.consentGivenBy',
  'consent.method': 'referrals.field.consentMethod',
  'consent.agencyTypes': 'referrals.field.consentAgencyTypes',
  'consent.purposes': 'referrals.field.consentPurposes',
  urgency: 'referrals.field.urgency',
  dueBy: 'referrals.field.dueBy',
  summary: 'referrals.field.summary',
};

/** The id of a field's control (a group's first control), so the error summary can take the focus there. */
export function controlId(field: FormField): string {
  return `referral-${field.replaceAll('.', '-')}`;
}

export function errorId(field: FormField): string {
  return `${controlId(field)}-error`;
}

/**
 * A problem as the person reads it: a catalogue key and its values. `field` is the form's field it
 * belongs to, or null for the form as a whole.
 */
export interface Problem {
  readonly field: FormField | null;
  readonly key: string;
  readonly values?: Readonly<Record<string, string | number>>;
}

export const REFERRAL_LIMITS = {
  maxTextLength: 2000,
  maxSiteDescriptionLength: 500,
  maxDueInDays: 90,
  immediateDueWithinHours: 24,
} as const;

const AGENCY_ID = /^[a-z0-9][a-z0-9._-]{1,63}$/;
const SITE_CODE = /^(NK|SK)-[A-Z]{3}-\d{3}$/;
const HOUR_MS = 3600_000;

/** Consent that lets the case of a person not known to be a child go to the police (referral.decider.ts). */
function coversPoliceInvestigation(values: ReferralFormValues): boolean {
  return (
    values.consentGiven === 'yes' &&
    values.consentGivenBy === 'SELF' &&
    values.consentAgencyTypes.includes('POLICE') &&
    values.consentPurposes.includes('INVESTIGATION')
  );
}

/** Every problem at once, in the form's order; none means the API should accept it. */
export function validateReferral(values: ReferralFormValues, ownAgencyId: string, now = new Date()): Problem[] {
  const problems: Problem[] = [];
  const add = (field: FormField, key: string, extra?: Problem['values']) =>
    problems.push({ field, key, ...(extra ? { values: extra } : {}) });

  // In the form's order: the type, then the agency of that type.
  if (values.toAgencyType === '') add('toAgencyType', 'referrals.problem.required');
  else if (values.toAgencyType === 'INTEGRATOR') add('toAgencyType', 'referrals.problem.integrator');
  const toAgencyId = values.toAgencyId.trim();
  if (toAgencyId === '') add('toAgencyId', 'referrals.problem.required');
  else if (!AGENCY_ID.test(toAgencyId)) add('toAgencyId', 'referrals.problem.agencyId');
  else if (toAgencyId === ownAgencyId) add('toAgencyId', 'referrals.problem.ownAgency');

  if (values.siteKind === 'registered') {
    const code = values.siteCode.trim().toUpperCase();
    if (code === '') add('site.code', 'referrals.problem.siteRequired');
    else if (!SITE_CODE.test(code)) add('site.code', 'referrals.problem.siteCode');
  } else {
    const description = values.siteDescription.trim();
    if (description === '') add('site.description', 'referrals.problem.siteRequired');
    else if (description.length > REFERRAL_LIMITS.maxSiteDescriptionLength) {
      add('site.description', 'referrals.problem.tooLong', { max: REFERRAL_LIMITS.maxSiteDescriptionLength });
    }
  }

  if (values.isChild === '') add('subject.isChild', 'referrals.problem.choose');
  if (values.indicators.length === 0 && values.childLabourFlags.length === 0) {
    add('indicators', 'referrals.problem.indicatorRequired');
  }

  if (values.consentGiven === '') add('consent', 'referrals.problem.choose');
  if (values.consentGiven === 'yes') {
    if (values.consentGivenBy === '') add('consent.givenBy', 'referrals.problem.choose');
    if (values.consentAgencyTypes.length === 0) add('consent.agencyTypes', 'referrals.problem.consentAgencyTypes');
    if (values.consentPurposes.length === 0) add('consent.purposes', 'referrals.problem.consentPurposes');
  }
  // An adult has the right not to report to the police; a child goes there on child-protection grounds.
  if (values.toAgencyType === 'POLICE' && values.isChild !== 'yes' && !coversPoliceInvestigation(values)) {
    add('consent', 'referrals.problem.policeConsent');
  }

  const due = instantOfKivuLocal(values.dueLocal);
  if (!due) add('dueBy', values.dueLocal.trim() === '' ? 'referrals.problem.required' : 'referrals.problem.dateTime');
  else if (due.getTime() <= now.getTime()) add('dueBy', 'referrals.problem.dueInPast');
  else if (due.getTime() > now.getTime() + REFERRAL_LIMITS.maxDueInDays * 24 * HOUR_MS) {
    add('dueBy', 'referrals.problem.dueTooFar', { days: REFERRAL_LIMITS.maxDueInDays });
  } else if (
    values.urgency === 'IMMEDIATE' &&
    due.getTime() > now.getTime() + REFERRAL_LIMITS.immediateDueWithinHours * HOUR_MS
  ) {
    add('dueBy', 'referrals.problem.dueImmediate', { hours: REFERRAL_LIMITS.immediateDueWithinHours });
  }

  const summary = values.summary.trim();
  if (summary === '') add('summary', 'referrals.problem.required');
  else if (summary.length > REFERRAL_LIMITS.maxTextLength) {
    add('summary', 'referrals.problem.tooLong', { max: REFERRAL_LIMITS.maxTextLength });
  }
  return problems;
}

/** The command's input (without its commandId), from values that passed `validateReferral`. */
export function inputOfReferral(
  values: ReferralFormValues,
  referralId: string,
): Omit<SubmitReferralInput, 'commandId'> & { referralId: string } {
  const due = instantOfKivuLocal(values.dueLocal);
  const site =
    values.siteKind === 'registered'
      ? { code: values.siteCode.trim().toUpperCase() }
      : { description: values.siteDescription.trim() };
  return {
    referralId,
    toAgencyId: values.toAgencyId.trim(),
    toAgencyType: values.toAgencyType === '' ? 'POLICE' : values.toAgencyType,
    site,
    subject: {
      isChild: values.isChild === 'yes' ? true : values.isChild === 'no' ? false : null,
      ...(values.personId !== '' ? { personId: values.personId } : {}),
    },
    ...(values.jointCaseId !== '' ? { jointCaseId: values.jointCaseId } : {}),
    indicators: [...values.indicators],
    childLabourFlags: [...values.childLabourFlags],
    ...(values.consentGiven === 'yes' && values.consentGivenBy !== ''
      ? {
          consent: {
            givenBy: values.consentGivenBy,
            ...(values.consentMethod !== '' ? { method: values.consentMethod } : {}),
            agencyTypes: [...values.consentAgencyTypes],
            purposes: [...values.consentPurposes],
          },
        }
      : {}),
    urgency: values.urgency,
    dueBy: (due ?? new Date(NaN)).toISOString(),
    summary: values.summary.trim(),
  };
}

/** The form again from a command kept on the device (after a reload, when the API refused it). */
export function formOfInput(input: Record<string, unknown>): ReferralFormValues {
  const i = input as Partial<SubmitReferralInput>;
  const isChild = i.subject?.isChild;
  const due = typeof i.dueBy === 'string' ? new Date(i.dueBy) : undefined;
  return {
    toAgencyId: i.toAgencyId ?? '',
    toAgencyType: i.toAgencyType ?? '',
    siteKind: i.site?.code ? 'registered' : 'unregistered',
    siteCode: i.site?.code ?? '',
    siteDescription: i.site?.description ?? '',
    isChild: isChild === true ? 'yes' : isChild === false ? 'no' : 'unknown',
    indicators: i.indicators ?? [],
    childLabourFlags: i.childLabourFlags ?? [],
    consentGiven: i.consent ? 'yes' : 'no',
    consentGivenBy: i.consent?.givenBy ?? '',
    consentMethod: i.consent?.method ?? '',
    consentAgencyTypes: i.consent?.agencyTypes ?? [],
    consentPurposes: i.consent?.purposes ?? [],
    urgency: i.urgency ?? 'URGENT',
    dueLocal: due && !Number.isNaN(due.getTime()) ? kivuLocalOf(due) : '',
    dueEdited: true,
    summary: i.summary ?? '',
    jointCaseId: typeof i.jointCaseId === 'string' ? i.jointCaseId : '',
    personId: typeof i.subject?.personId === 'string' ? i.subject.personId : '',
  };
}

/**
 * The form's field for a field the API named (`input.toAgencyId`, `site.code`, `consent.purposes.0`),
 * or null when it is none of the person's (a command id, say): then it shows in the summary only.
 */
export function formFieldOf(apiField: string): FormField | null {
  const path = apiField
    .replace(/^input\./, '')
    .split('.')
    .filter((part) => !/^\d+$/.test(part));
  const [head, second] = path;
  switch (head) {
    case 'toAgencyId':
    case 'toAgencyType':
    case 'indicators':
    case 'childLabourFlags':
    case 'urgency':
    case 'dueBy':
    case 'summary':
      return head;
    case 'site':
      return second === 'description' ? 'site.description' : 'site.code';
    case 'subject':
      return 'subject.isChild';
    case 'consent':
      switch (second) {
        case 'givenBy':
        case 'method':
        case 'agencyTypes':
        case 'purposes':
          return `consent.${second}`;
        case undefined:
        default:
          return 'consent';
      }
    case undefined:
    default:
      return null;
  }
}

/** API refusal reasons (English, from the domain and the input checks) the catalogue says in every language. */
const REASONS: readonly [RegExp, string, (m: RegExpExecArray) => Problem['values']][] = [
  [/^is required$|should not be empty|must not be blank/, 'referrals.problem.required', () => undefined],
  [/cannot refer a case to your own agency/, 'referrals.problem.ownAgency', () => undefined],
  [/must be an agency id/, 'referrals.problem.agencyId', () => undefined],
  [/integrators do not receive referrals/, 'referrals.problem.integrator', () => undefined],
  [/a site code or a site description is required/, 'referrals.problem.siteRequired', () => undefined],
  [/NK-MAS-014/, 'referrals.problem.siteCode', () => undefined],
  [/at least one forced-labour indicator/, 'referrals.problem.indicatorRequired', () => undefined],
  [/must be in the future/, 'referrals.problem.dueInPast', () => undefined],
  [/must be at most (\d+) days ahead/, 'referrals.problem.dueTooFar', (m) => ({ days: Number(m[1]) })],
  [/immediate referral .* within (\d+) hours/, 'referrals.problem.dueImmediate', (m) => ({ hours: Number(m[1]) })],
  [
    /must be at most (\d+) characters|shorter than or equal to (\d+) characters/,
    'referrals.problem.tooLong',
    (m) => ({ max: Number(m[1] ?? m[2]) }),
  ],
  [/name at least one kind of agency/, 'referrals.problem.consentAgencyTypes', () => undefined],
  [/name at least one purpose/, 'referrals.problem.consentPurposes', () => undefined],
  [/control characters/, 'referrals.problem.controlCharacters', () => undefined],
  [/valid Unicode/, 'referrals.problem.unicode', () => undefined],
  [/ISO-8601|date-time/, 'referrals.problem.dateTime', () => undefined],
  [/must be true, false or null/, 'referrals.problem.choose', () => undefined],
];

/** A field the API refused, as a problem of the form, in the person's language when the reason is known. */
export function problemOfApiField(problem: FieldProblem): Problem {
  const field = formFieldOf(problem.field);
  for (const [pattern, key, values] of REASONS) {
    const m = pattern.exec(problem.reason);
    if (m) {
      const v = values(m);
      return { field, key, ...(v ? { values: v } : {}) };
    }
  }
  return { field, key: 'referrals.problem.other', values: { reason: problem.reason } };
}

/** Domain rules that are about one part of the form: the refusal shows beside it, in the form's words. */
export const RULE_PROBLEMS: Readonly<Record<string, Problem>> = {
  adult_consent_required_for_police: { field: 'consent', key: 'referrals.problem.policeConsent' },
  only_consent_keeper: { field: 'consent', key: 'referrals.problem.consentKeeper' },
};
