import { isOneOf } from '@pamoja/contracts';

/**
 * Vocabularies of the referrals context. Ids are stable snake_case strings: they are stored in events,
 * so a label may be translated (French, Swahili, Lingala) but an id is never renamed.
 */

/** The 11 ILO indicators of forced labour (ILO Special Action Programme to combat Forced Labour, 2012). */
export const FORCED_LABOUR_INDICATORS = [
  'abuse_of_vulnerability',
  'deception',
  'restriction_of_movement',
  'isolation',
  'physical_and_sexual_violence',
  'intimidation_and_threats',
  'retention_of_identity_documents',
  'withholding_of_wages',
  'debt_bondage',
  'abusive_working_and_living_conditions',
  'excessive_overtime',
] as const;
export type ForcedLabourIndicator = (typeof FORCED_LABOUR_INDICATORS)[number];

export function isForcedLabourIndicator(value: unknown): value is ForcedLabourIndicator {
  return isOneOf(FORCED_LABOUR_INDICATORS, value);
}

/**
 * Child-labour flags for artisanal mine sites, grounded in:
 * - ILO C138 Minimum Age Convention (1973), art. 2(3): no work below the end of compulsory schooling
 *   and in any case below 15; art. 3(1): no hazardous work below 18.
 * - ILO C182 Worst Forms of Child Labour Convention (1999), art. 3(a): forced or compulsory recruitment
 *   of children for use in armed conflict; art. 3(d): hazardous work.
 * - ILO R190 Worst Forms of Child Labour Recommendation (1999), para. 3: work underground, in confined
 *   spaces, carrying heavy loads, exposure to hazardous substances (mercury in gold processing), and
 *   work during the night.
 * A child (under 18) needs no "means" for trafficking (Palermo Protocol art. 3(c)), so any flag alone
 * justifies a referral.
 */
export const CHILD_LABOUR_FLAGS = [
  'child_at_site_under_15',
  'child_in_hazardous_work',
  'child_associated_with_armed_group',
  'child_out_of_school',
  'child_night_work',
] as const;
export type ChildLabourFlag = (typeof CHILD_LABOUR_FLAGS)[number];

export function isChildLabourFlag(value: unknown): value is ChildLabourFlag {
  return isOneOf(CHILD_LABOUR_FLAGS, value);
}

/** `immediate` means danger to life: the receiving agency must answer within 24 hours. */
export const REFERRAL_URGENCIES = ['routine', 'urgent', 'immediate'] as const;
export type ReferralUrgency = (typeof REFERRAL_URGENCIES)[number];

export function isReferralUrgency(value: unknown): value is ReferralUrgency {
  return isOneOf(REFERRAL_URGENCIES, value);
}

export const REFERRAL_STATUSES = ['submitted', 'accepted', 'declined', 'revoked', 'completed'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export function isReferralStatus(value: unknown): value is ReferralStatus {
  return isOneOf(REFERRAL_STATUSES, value);
}

/** Mine-site codes: province (NK North Kivu, SK South Kivu), territory, number, e.g. `NK-MAS-014`. */
export const SITE_CODE_PATTERN = /^(NK|SK)-[A-Z]{3}-\d{3}$/;

export function isSiteCode(value: unknown): value is string {
  return typeof value === 'string' && SITE_CODE_PATTERN.test(value);
}

/** Whether a referral opened a new joint case or joined one that another agency already works on. */
export const JOINT_CASE_LINKS = ['opened', 'joined'] as const;
export type JointCaseLink = (typeof JOINT_CASE_LINKS)[number];

export function isJointCaseLink(value: unknown): value is JointCaseLink {
  return isOneOf(JOINT_CASE_LINKS, value);
}
