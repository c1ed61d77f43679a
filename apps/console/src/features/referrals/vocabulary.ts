import type {
  AgencyType,
  ChildLabourFlag,
  ExploitationPurpose,
  ForcedLabourIndicator,
  ReferralConsentGiver,
  ReferralConsentMethod,
  ReferralConsentPurpose,
  TraffickingAct,
  TraffickingMeans,
  Urgency,
} from '../../gql/graphql';

/**
 * The API's vocabularies, in the order a person reads them. Names come from the catalogues
 * (`referrals.indicator.<ID>` and so on); the ids are the API's and never change.
 */

/** The 11 ILO indicators of forced labour (ILO, 2012), in the ILO's order. */
export const INDICATORS: readonly ForcedLabourIndicator[] = [
  'ABUSE_OF_VULNERABILITY',
  'DECEPTION',
  'RESTRICTION_OF_MOVEMENT',
  'ISOLATION',
  'PHYSICAL_AND_SEXUAL_VIOLENCE',
  'INTIMIDATION_AND_THREATS',
  'RETENTION_OF_IDENTITY_DOCUMENTS',
  'WITHHOLDING_OF_WAGES',
  'DEBT_BONDAGE',
  'ABUSIVE_WORKING_AND_LIVING_CONDITIONS',
  'EXCESSIVE_OVERTIME',
];

export const CHILD_LABOUR_FLAGS: readonly ChildLabourFlag[] = [
  'CHILD_AT_SITE_UNDER_15',
  'CHILD_IN_HAZARDOUS_WORK',
  'CHILD_ASSOCIATED_WITH_ARMED_GROUP',
  'CHILD_OUT_OF_SCHOOL',
  'CHILD_NIGHT_WORK',
];

export const URGENCIES: readonly Urgency[] = ['ROUTINE', 'URGENT', 'IMMEDIATE'];

/** Agencies a referral can go to: integrators receive privacy-safe events only, never a referral. */
export const RECEIVING_AGENCY_TYPES: readonly AgencyType[] = [
  'POLICE',
  'PROSECUTOR',
  'ASSISTANCE_PROVIDER',
  'MINING_AUTHORITY',
  'COORDINATION_BODY',
  'FIRST_RESPONDER',
];

export const CONSENT_GIVERS: readonly ReferralConsentGiver[] = [
  'SELF',
  'PARENT',
  'GUARDIAN',
  'CHILD_PROTECTION_AUTHORITY',
];

export const CONSENT_METHODS: readonly ReferralConsentMethod[] = ['VERBAL', 'WRITTEN', 'THUMBPRINT', 'AUDIO_RECORDING'];

export const CONSENT_PURPOSES: readonly ReferralConsentPurpose[] = [
  'ASSISTANCE',
  'INVESTIGATION',
  'PROSECUTION',
  'INFORMATION_SHARING',
];

export const TRAFFICKING_ACTS: readonly TraffickingAct[] = [
  'RECRUITMENT',
  'TRANSPORT',
  'TRANSFER',
  'HARBOURING',
  'RECEIPT',
];

export const TRAFFICKING_MEANS: readonly TraffickingMeans[] = [
  'THREAT',
  'FORCE',
  'COERCION',
  'ABDUCTION',
  'FRAUD',
  'DECEPTION',
  'ABUSE_OF_POWER',
  'ABUSE_OF_VULNERABILITY',
  'PAYMENTS',
];

export const EXPLOITATION_PURPOSES: readonly ExploitationPurpose[] = [
  'FORCED_LABOUR',
  'SLAVERY_OR_SERVITUDE',
  'SEXUAL_EXPLOITATION',
  'CHILD_LABOUR_WORST_FORMS',
  'ARMED_GROUP_RECRUITMENT',
  'ORGAN_REMOVAL',
  'OTHER',
];

/** The shell's catalogue names agency types in lower case (`agencyType.police`). */
export function agencyTypeKey(type: AgencyType): string {
  return `agencyType.${type.toLowerCase()}`;
}
