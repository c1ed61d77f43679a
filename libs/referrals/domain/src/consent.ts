import { type AgencyType, isOneOf } from '@pamoja/contracts';

/**
 * Who gave consent. For a child a guardian or the child-protection authority decides, so protection
 * never waits on a child's consent.
 */
export const CONSENT_GIVERS = ['self', 'parent', 'guardian', 'child_protection_authority'] as const;
export type ConsentGiver = (typeof CONSENT_GIVERS)[number];
export const isConsentGiver = (value: unknown): value is ConsentGiver => isOneOf(CONSENT_GIVERS, value);

/** What the person agreed their case may be used for: consent is informed only when it is this specific. */
export const CONSENT_PURPOSES = ['assistance', 'investigation', 'prosecution', 'information_sharing'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export const isConsentPurpose = (value: unknown): value is ConsentPurpose => isOneOf(CONSENT_PURPOSES, value);

/** How the person gave it: a paper form, signed or with a thumbprint, or said aloud before a witness. */
export const CONSENT_METHODS = ['verbal', 'written', 'thumbprint', 'audio_recording'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];
export const isConsentMethod = (value: unknown): value is ConsentMethod => isOneOf(CONSENT_METHODS, value);

export interface ConsentTerms {
  readonly givenBy: ConsentGiver;
  /** How it was given; null when the recording agency did not say (consents recorded before it was asked). */
  readonly method?: ConsentMethod | null;
  /** SHA-256 (hex) of the signed form, when there is one: the form itself stays with the agency. */
  readonly formSha256?: string | null;
  /** The kinds of agency the person agreed may receive their case. */
  readonly agencyTypes: readonly AgencyType[];
  readonly purposes: readonly ConsentPurpose[];
}

/**
 * An adult has the right not to report to the police: only their own consent to a police investigation
 * lets their case go there (a guardian's or an authority's consent does not speak for an adult).
 */
export function coversPoliceInvestigation(consent: ConsentTerms): boolean {
  return (
    consent.givenBy === 'self' && consent.agencyTypes.includes('police') && consent.purposes.includes('investigation')
  );
}
