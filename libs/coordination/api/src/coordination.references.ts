import { referenceFieldOf } from '@pamoja/platform/references';
import { EscalationType } from './joint-case.graphql-types.js';
import { MeetingAgendaHandoffType } from './meeting.graphql-types.js';

/** Escalations of this kind (the missed deadline's event type) name a referral; a case file has no reference. */
const REFERRAL_ESCALATION = 'ReferralDeadlineMissed';

/**
 * `reference` on the coordination body's rows that show a record: a handoff on a meeting's agenda, and an
 * escalated referral (`NK-2026-00042-R1`). The joint case's own is `JointCase.reference`.
 */
export const COORDINATION_REFERENCE_FIELDS = [
  referenceFieldOf(MeetingAgendaHandoffType, 'referral', (h) => h.referralId),
  referenceFieldOf(EscalationType, 'referral', (e) => (e.kind === REFERRAL_ESCALATION ? e.subjectId : null)),
];
