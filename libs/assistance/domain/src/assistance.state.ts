import { type AssessedNeed } from './assistance.events.js';
import { type AgeGroup, type AssistanceStatus } from './vocabularies.js';

export interface NoAssistance {
  readonly status: 'none';
}

/** Only what decisions need; read models keep the rest (and personal data never enters the state). */
export interface ExistingAssistance {
  readonly status: AssistanceStatus;
  readonly assistanceId: string;
  /** The joint case this assistance belongs to: every event of the aggregate is tagged with it. */
  readonly jointCaseId: string;
  readonly assistingAgencyId: string;
  /** Decides who may consent to protection measures. */
  readonly ageGroup: AgeGroup;
  /** ISO-8601 UTC. */
  readonly registeredAt: string;
  readonly needs: readonly AssessedNeed[];
  readonly serviceIds: readonly string[];
  readonly measureIds: readonly string[];
  /** The personal data was erased: erasing again changes nothing. */
  readonly personalDataErased: boolean;
}

export type AssistanceState = NoAssistance | ExistingAssistance;

export const NO_ASSISTANCE: NoAssistance = Object.freeze({ status: 'none' });

/** A protection measure is due for review once its review date has come. Takes a read-model row too. */
export function isReviewDue(measure: { readonly reviewBy: string | Date }, now: Date): boolean {
  const reviewBy = measure.reviewBy instanceof Date ? measure.reviewBy.getTime() : Date.parse(measure.reviewBy);
  return now.getTime() >= reviewBy;
}
