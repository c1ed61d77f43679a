import type {
  ExploitationForm,
  RegisterVictimInput,
  VictimAgeGroup,
  VictimConsentGivenBy,
  VictimSex,
} from '../../gql/graphql';
import { type FormProblem } from './formKit';
import { consentGiversFor } from './vocabulary';

/**
 * The registration form's values, its checks (the API's, from the assistance domain's parsing and rules,
 * checked here first) and the way from the API's field names back to the form's fields.
 */

export interface RegisterValues {
  readonly referralId: string;
  readonly ageGroup: VictimAgeGroup | '';
  readonly sex: VictimSex | '';
  readonly nationality: string;
  readonly formsOfExploitation: readonly ExploitationForm[];
  readonly consentGivenBy: VictimConsentGivenBy | '';
  readonly agreement: boolean;
  readonly fullName: string;
  readonly dateOfBirth: string;
  readonly phone: string;
  readonly currentLocation: string;
}

export const EMPTY_REGISTRATION: RegisterValues = {
  referralId: '',
  ageGroup: '',
  sex: '',
  nationality: '',
  formsOfExploitation: [],
  consentGivenBy: '',
  agreement: false,
  fullName: '',
  dateOfBirth: '',
  phone: '',
  currentLocation: '',
};

export const REGISTER_FIELDS = [
  'referral',
  'ageGroup',
  'sex',
  'nationality',
  'formsOfExploitation',
  'consentGivenBy',
  'agreement',
  'personal.fullName',
  'personal.dateOfBirth',
  'personal.phone',
  'personal.currentLocation',
] as const;
export type RegisterField = (typeof REGISTER_FIELDS)[number];

export const REGISTER_LABELS: Readonly<Record<RegisterField, string>> = {
  referral: 'assistance.register.referral',
  ageGroup: 'assistance.field.ageGroup',
  sex: 'assistance.field.sex',
  nationality: 'assistance.field.nationality',
  formsOfExploitation: 'assistance.field.formsOfExploitation',
  consentGivenBy: 'assistance.field.consentGivenBy',
  agreement: 'assistance.field.agreement',
  'personal.fullName': 'assistance.personal.fullName',
  'personal.dateOfBirth': 'assistance.personal.dateOfBirth',
  'personal.phone': 'assistance.personal.phone',
  'personal.currentLocation': 'assistance.personal.currentLocation',
};

/** The API's name of a field (without `input.`) → the form's. */
export function registerFieldOf(apiField: string): RegisterField | null {
  switch (apiField) {
    case 'jointCaseId':
    case 'personId':
      return 'referral';
    case 'agreementToManagePersonalData':
    case 'personal':
      return 'agreement';
    default:
      return (REGISTER_FIELDS as readonly string[]).includes(apiField) ? (apiField as RegisterField) : null;
  }
}

export const REGISTER_LIMITS = { maxName: 200, maxLocation: 500 } as const;
const PHONE = /^\+?[0-9][0-9 ]{5,19}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const NATIONALITY = /^[A-Za-z]{2}$/;

function hasPersonal(values: RegisterValues): boolean {
  return [values.fullName, values.dateOfBirth, values.phone, values.currentLocation].some((v) => v.trim() !== '');
}

export function validateRegistration(
  values: RegisterValues,
  hasSource: boolean,
  now = new Date(),
): FormProblem<RegisterField>[] {
  const problems: FormProblem<RegisterField>[] = [];
  const add = (field: RegisterField, key: string, extra?: Record<string, number>) =>
    problems.push({ field, message: { key, ...(extra ? { values: extra } : {}) } });
  if (!hasSource) add('referral', 'assistance.problem.referral');
  if (values.ageGroup === '') add('ageGroup', 'form.problem.choose');
  if (values.sex === '') add('sex', 'form.problem.choose');
  if (values.nationality.trim() !== '' && !NATIONALITY.test(values.nationality.trim())) {
    add('nationality', 'assistance.problem.nationality');
  }
  if (values.formsOfExploitation.length === 0) add('formsOfExploitation', 'assistance.problem.atLeastOne');
  if (values.consentGivenBy === '') add('consentGivenBy', 'form.problem.choose');
  else if (!consentGiversFor(values.ageGroup).includes(values.consentGivenBy)) {
    add('consentGivenBy', 'assistance.problem.consentGiver');
  }
  if (values.agreement && hasPersonal(values)) {
    const name = values.fullName.trim();
    if (name === '') add('personal.fullName', 'assistance.problem.fullName');
    else if (name.length > REGISTER_LIMITS.maxName) {
      add('personal.fullName', 'form.problem.tooLong', { max: REGISTER_LIMITS.maxName });
    }
    const birth = values.dateOfBirth.trim();
    if (birth !== '') {
      const date = new Date(`${birth}T00:00:00Z`);
      if (!DATE.test(birth) || Number.isNaN(date.getTime()) || !date.toISOString().startsWith(birth)) {
        add('personal.dateOfBirth', 'assistance.problem.date');
      } else if (birth > now.toISOString().slice(0, 10)) add('personal.dateOfBirth', 'assistance.problem.future');
    }
    if (values.phone.trim() !== '' && !PHONE.test(values.phone.trim()))
      add('personal.phone', 'assistance.problem.phone');
    if (values.currentLocation.trim().length > REGISTER_LIMITS.maxLocation) {
      add('personal.currentLocation', 'form.problem.tooLong', { max: REGISTER_LIMITS.maxLocation });
    }
  }
  return problems;
}

/** The command's input (without its commandId), from values that passed the checks. */
export function inputOfRegistration(
  values: RegisterValues,
  source: { readonly jointCaseId: string; readonly personId?: string | null },
  assistanceId: string,
): Omit<RegisterVictimInput, 'commandId'> {
  const blank = (v: string) => (v.trim() === '' ? null : v.trim());
  const personal =
    values.agreement && hasPersonal(values)
      ? {
          fullName: values.fullName.trim(),
          dateOfBirth: blank(values.dateOfBirth),
          phone: blank(values.phone),
          currentLocation: blank(values.currentLocation),
        }
      : null;
  return {
    assistanceId,
    jointCaseId: source.jointCaseId,
    ...(source.personId ? { personId: source.personId } : {}),
    ageGroup: values.ageGroup === '' ? 'UNKNOWN' : values.ageGroup,
    sex: values.sex === '' ? 'UNDISCLOSED' : values.sex,
    nationality: blank(values.nationality)?.toUpperCase() ?? null,
    formsOfExploitation: [...values.formsOfExploitation],
    consentGivenBy: values.consentGivenBy === '' ? 'SELF' : values.consentGivenBy,
    agreementToManagePersonalData: values.agreement,
    ...(personal ? { personal } : {}),
  };
}

/**
 * The form again from a command kept on the device (refused after a reload, when the page's own copy is gone).
 * The referral is not known from the input: the person picks it again.
 */
export function valuesOfInput(input: Record<string, unknown>): RegisterValues {
  const i = input as Partial<RegisterVictimInput>;
  return {
    ...EMPTY_REGISTRATION,
    ageGroup: i.ageGroup ?? '',
    sex: i.sex ?? '',
    nationality: i.nationality ?? '',
    formsOfExploitation: i.formsOfExploitation ?? [],
    consentGivenBy: i.consentGivenBy ?? '',
    agreement: i.agreementToManagePersonalData ?? false,
    fullName: i.personal?.fullName ?? '',
    dateOfBirth: i.personal?.dateOfBirth ?? '',
    phone: i.personal?.phone ?? '',
    currentLocation: i.personal?.currentLocation ?? '',
  };
}
