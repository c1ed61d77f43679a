import type {
  CaseFileTransmissionStatus,
  ProsecutionAppealOutcome,
  ProsecutionAppealParty,
  ProsecutionCloseReason,
  ProsecutionCurrency,
  ProsecutionOffence,
  ProsecutionStatus,
  ProsecutionVerdict,
} from '../../gql/graphql';

/**
 * The values of the schema's enums the forms offer, in the order they are offered. Each has a label in
 * the catalogue: `prosecution.offence.<value>`, `prosecution.verdict.<value>`, …
 */
export const OFFENCES: readonly ProsecutionOffence[] = [
  'TRAFFICKING_IN_PERSONS',
  'FORCED_LABOUR',
  'CHILD_LABOUR_WORST_FORMS',
  'CHILD_RECRUITMENT_BY_ARMED_GROUP',
  'SEXUAL_EXPLOITATION',
  'OTHER',
];
export const VERDICTS: readonly ProsecutionVerdict[] = ['CONVICTED', 'ACQUITTED', 'DISMISSED'];
export const CURRENCIES: readonly ProsecutionCurrency[] = ['CDF', 'USD'];
export const APPEAL_PARTIES: readonly ProsecutionAppealParty[] = ['PROSECUTION', 'DEFENCE', 'CIVIL_PARTY'];
export const APPEAL_OUTCOMES: readonly ProsecutionAppealOutcome[] = [
  'UPHELD',
  'VARIED',
  'OVERTURNED',
  'INADMISSIBLE',
  'WITHDRAWN',
];
export const CLOSE_REASONS: readonly ProsecutionCloseReason[] = ['ADJUDICATED', 'TRANSFERRED', 'WITHDRAWN', 'OTHER'];
export const PROSECUTION_STATUSES: readonly ProsecutionStatus[] = [
  'CASE_FILE_RECEIVED',
  'CHARGED',
  'IN_TRIAL',
  'ADJUDICATED',
  'CLOSED',
];
export const CASE_FILE_STATUSES: readonly CaseFileTransmissionStatus[] = [
  'AWAITING_ACKNOWLEDGEMENT',
  'DEADLINE_MISSED',
  'ACKNOWLEDGED',
];

/** The mutations of the prosecutor's office, each a catalogue label `prosecution.action.<mutation>`. */
export type ProsecutionMutation =
  | 'receiveCaseFile'
  | 'fileCharges'
  | 'scheduleHearing'
  | 'rescheduleHearing'
  | 'cancelHearing'
  | 'recordHearingHeld'
  | 'renderVerdict'
  | 'imposeSentence'
  | 'orderRestitution'
  | 'fileAppeal'
  | 'decideAppeal'
  | 'closeProsecution';

/** A short, stable mark for a record that has no name on screen (a suspect: never a name here). */
export function shortId(id: string): string {
  return id.slice(0, 8);
}
