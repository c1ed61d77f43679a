import { type JointCaseEvent } from './timeline.js';

/** A value for some of the shared event types (the compiler refuses a name no context publishes). */
type ByEventType<V> = { readonly [T in JointCaseEvent['type']]?: V };

/**
 * The joint case: one person's or one situation's case as every agency works on it. Its status is
 * derived from what the agencies record, never set by hand, so it cannot drift from the facts.
 */
export const CASE_STAGES = ['identified', 'under_investigation', 'in_prosecution', 'adjudicated'] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

export const ASSISTANCE_STAGES = ['none', 'registered', 'in_assistance', 'closed'] as const;
export type AssistanceStage = (typeof ASSISTANCE_STAGES)[number];

/** What each agency's events say about where the case stands (event types are the contexts' names). */
const STAGE_REACHED: Readonly<Record<string, CaseStage>> = {
  ReferralSubmitted: 'identified',
  InvestigationOpened: 'under_investigation',
  EvidenceRecorded: 'under_investigation',
  SuspectIdentified: 'under_investigation',
  ArrestMade: 'under_investigation',
  CaseFileTransmitted: 'under_investigation',
  CaseFileReceived: 'in_prosecution',
  ChargesFiled: 'in_prosecution',
  HearingScheduled: 'in_prosecution',
  HearingHeld: 'in_prosecution',
  VerdictRendered: 'adjudicated',
  SentenceImposed: 'adjudicated',
} satisfies ByEventType<CaseStage>;

// A protection measure is withheld: it reaches the joint case as a notice of restricted activity, which says
// nothing of the assistance's stage.
const ASSISTANCE_REACHED: Readonly<Record<string, AssistanceStage>> = {
  VictimRegistered: 'registered',
  NeedsAssessed: 'in_assistance',
  ServiceProvided: 'in_assistance',
  AssistanceClosed: 'closed',
} satisfies ByEventType<AssistanceStage>;

/** A case only moves forward: a late event from an earlier stage does not pull it back. */
export function nextCaseStage(current: CaseStage, eventType: string): CaseStage {
  const reached = STAGE_REACHED[eventType];
  if (!reached) return current;
  return CASE_STAGES.indexOf(reached) > CASE_STAGES.indexOf(current) ? reached : current;
}

/** Assistance moves forward too, except that a closed assistance can be reopened by a new registration. */
export function nextAssistanceStage(current: AssistanceStage, eventType: string): AssistanceStage {
  const reached = ASSISTANCE_REACHED[eventType];
  if (!reached) return current;
  if (current === 'closed') return reached === 'registered' ? reached : current;
  return ASSISTANCE_STAGES.indexOf(reached) > ASSISTANCE_STAGES.indexOf(current) ? reached : current;
}

/** Events that record a handoff left unanswered past its due time: each goes to the coordination body. */
export const DEADLINE_MISSED_EVENT_TYPES = [
  'ReferralDeadlineMissed',
  'CaseFileAcknowledgementDeadlineMissed',
] as const satisfies readonly JointCaseEvent['type'][];

export function isDeadlineMissed(eventType: string): boolean {
  return (DEADLINE_MISSED_EVENT_TYPES as readonly string[]).includes(eventType);
}

/** Which agency's work an event belongs to, for the joint case's links. */
export type CaseLink = 'referral' | 'investigation' | 'prosecution' | 'assistance' | 'site_incident';

export function linkOf(streamId: string): CaseLink | undefined {
  const entity = streamId.slice(0, Math.max(0, streamId.indexOf('-')));
  switch (entity) {
    case 'referral':
      return 'referral';
    case 'investigation':
      return 'investigation';
    case 'prosecution':
      return 'prosecution';
    case 'assistance':
      return 'assistance';
    case 'incident':
      return 'site_incident';
    default:
      return undefined;
  }
}
