import type {
  AgencyType,
  AssistanceCloseReason,
  AssistanceNeed,
  AssistanceNeedPriority,
  AssistanceProtectionMeasureKind,
  AssistanceServiceKind,
  ExploitationForm,
  ReferralConsentGiver,
  ReferralConsentMethod,
  ReferralConsentPurpose,
  VictimAgeGroup,
  VictimConsentGivenBy,
  VictimDataErasureReason,
  VictimSex,
} from '../../gql/graphql';

/**
 * The API's assistance vocabularies, in the order a person reads them. Words come from the catalogue
 * (`assistance.need.<ID>` and so on); the ids are the API's and never change.
 */

export const AGE_GROUPS: readonly VictimAgeGroup[] = ['CHILD_UNDER_15', 'CHILD_15_17', 'ADULT', 'UNKNOWN'];
export const SEXES: readonly VictimSex[] = ['FEMALE', 'MALE', 'OTHER', 'UNDISCLOSED'];
export const FORMS_OF_EXPLOITATION: readonly ExploitationForm[] = [
  'FORCED_LABOUR',
  'CHILD_LABOUR',
  'SEXUAL_EXPLOITATION',
  'ARMED_GROUP_ASSOCIATION',
  'DOMESTIC_SERVITUDE',
  'OTHER',
];
export const VICTIM_CONSENT_GIVERS: readonly VictimConsentGivenBy[] = [
  'SELF',
  'GUARDIAN',
  'CHILD_PROTECTION_AUTHORITY',
];
export const NEEDS: readonly AssistanceNeed[] = [
  'SHELTER',
  'MEDICAL',
  'PSYCHOSOCIAL',
  'PROTECTION',
  'LEGAL_AID',
  'FAMILY_TRACING',
  'REINTEGRATION',
  'EDUCATION',
];
export const PRIORITIES: readonly AssistanceNeedPriority[] = ['URGENT', 'HIGH', 'NORMAL'];
/** Protection is met by a protection measure, not by a service. */
export const SERVICE_KINDS: readonly AssistanceServiceKind[] = [
  'SHELTER',
  'MEDICAL',
  'PSYCHOSOCIAL',
  'LEGAL_AID',
  'FAMILY_TRACING',
  'REINTEGRATION',
  'EDUCATION',
];
export const MEASURES: readonly AssistanceProtectionMeasureKind[] = [
  'SAFE_HOUSE',
  'IDENTITY_PROTECTION',
  'WITNESS_PROTECTION',
  'RELOCATION',
  'OTHER',
];
export const CLOSE_REASONS: readonly AssistanceCloseReason[] = [
  'REINTEGRATED',
  'TRANSFERRED',
  'LOST_CONTACT',
  'DECLINED_FURTHER_ASSISTANCE',
  'DECEASED',
  'OTHER',
];
export const ERASURE_REASONS: readonly VictimDataErasureReason[] = ['LEGAL_REQUEST', 'RETENTION_EXPIRED'];
export const REFERRAL_CONSENT_GIVERS: readonly ReferralConsentGiver[] = [
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
/** Who a consent may name: integrators receive privacy-safe events only. */
export const CONSENT_AGENCY_TYPES: readonly AgencyType[] = [
  'POLICE',
  'PROSECUTOR',
  'ASSISTANCE_PROVIDER',
  'FIRST_RESPONDER',
  'MINING_AUTHORITY',
  'COORDINATION_BODY',
];

export function isChildAgeGroup(ageGroup: VictimAgeGroup | '' | null | undefined): boolean {
  return ageGroup === 'CHILD_UNDER_15' || ageGroup === 'CHILD_15_17';
}

/**
 * Who may decide for the person (the API's rule): an adult for themselves; for a child a guardian or the
 * child-protection authority, never the child alone; when the age is unknown, any of them.
 */
export function consentGiversFor(ageGroup: VictimAgeGroup | '' | null | undefined): readonly VictimConsentGivenBy[] {
  if (ageGroup === 'ADULT') return ['SELF'];
  if (isChildAgeGroup(ageGroup)) return ['GUARDIAN', 'CHILD_PROTECTION_AUTHORITY'];
  return VICTIM_CONSENT_GIVERS;
}

/** The shared catalogue's key of an agency type (`agencyType.police`). */
export function agencyTypeKey(type: AgencyType): string {
  return `agencyType.${type.toLowerCase()}`;
}
