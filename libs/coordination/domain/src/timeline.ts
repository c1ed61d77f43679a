import { formatKivuTime } from '@pamoja/contracts';
import { type AssistancePublishedEvent, type RestrictedActivityNotice } from '@pamoja/assistance/contracts';
import { type CoordinationPublishedEvent } from '@pamoja/coordination/contracts';
import { type InvestigationsPublishedEvent } from '@pamoja/investigations/contracts';
import { type ProsecutionsPublishedEvent } from '@pamoja/prosecutions/contracts';
import { type ReferralsPublishedEvent } from '@pamoja/referrals/contracts';
import { type SitesPublishedEvent } from '@pamoja/sites/contracts';

/**
 * The joint timeline: what each agency recorded on a case, told in a short sentence, and what a viewer
 * may see of it. Pure: summaries are built from the event as other agencies receive it (the integration
 * data, which carries no personal data and no free text), never from anything else.
 */

/**
 * The shared name of a notice an agency publishes in place of a withheld event (the integration
 * catalogue's `RestrictedActivityRecorded`): that it acted on the case, when, and a coarse category.
 */
export const RESTRICTED_ACTIVITY_NOTICE: RestrictedActivityNotice['type'] = 'RestrictedActivityRecorded';

/** The province and territory of a mine-site code: `NK-MAS-014` is in province NK, territory MAS. */
export function siteRegionOf(siteCode: string | null): { province: string | null; territory: string | null } {
  const [province, territory] = (siteCode ?? '').split('-');
  return { province: province || null, territory: territory || null };
}

/** A vocabulary id (`trafficking_in_persons`, `WITNESS_PROTECTION`) as words; null when there is none. */
function words(id: string | null): string | null {
  return id ? id.toLowerCase().replace(/_/g, ' ') : null;
}

/** The day in Goma and Bukavu (CAT) of an instant, e.g. `2026-12-03`. */
function day(instant: string | null): string | null {
  if (!instant || Number.isNaN(Date.parse(instant))) return null;
  return formatKivuTime(instant).slice(0, 10);
}

const AGENCY_TYPE_NAMES: Readonly<Record<string, string>> = {
  first_responder: 'a first responder',
  police: 'police',
  prosecutor: "a prosecutor's office",
  assistance_provider: 'an assistance provider',
  mining_authority: 'the mining authority',
  coordination_body: 'the coordination body',
};

function agencyTypeName(type: string | null): string {
  return (type ? AGENCY_TYPE_NAMES[type] : undefined) ?? words(type) ?? 'another agency';
}

const GIVEN_BY: Readonly<Record<string, string>> = {
  self: 'the person',
  parent: 'a parent',
  guardian: 'a guardian',
  child_protection_authority: 'the child protection authority',
};

function withDetail(text: string, detail: string | null): string {
  return detail ? `${text} ${detail}` : text;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Vocabulary ids as words, separated by commas; null for none. */
function wordList(ids: readonly string[] | null): string | null {
  if (!ids || ids.length === 0) return null;
  return ids.map((id) => words(id) ?? '').join(', ');
}

/** `(words)`, or null when there is nothing to say. */
function inParentheses(id: string | null): string | null {
  return id ? `(${words(id) ?? ''})` : null;
}

/**
 * Every event other agencies share, as the coordination body receives it: the published language of
 * each context, and the notice of restricted activity that stands for a withheld event.
 */
export type JointCaseEvent =
  | ReferralsPublishedEvent
  | SitesPublishedEvent
  | InvestigationsPublishedEvent
  | ProsecutionsPublishedEvent
  | AssistancePublishedEvent
  | CoordinationPublishedEvent
  | RestrictedActivityNotice;

type SharedOf<T extends JointCaseEvent['type']> = Extract<JointCaseEvent, { readonly type: T }>['data'];

/** A sentence per shared event type (a type without one is told by its name). */
type Summaries = { readonly [T in JointCaseEvent['type']]?: (data: SharedOf<T>) => string };

const SUMMARIES: Summaries = {
  ReferralSubmitted: (d) =>
    withDetail(
      `Referral submitted to ${agencyTypeName(d.toAgencyType)}`,
      d.urgency && d.urgency !== 'routine' ? inParentheses(d.urgency) : null,
    ),
  ReferralAccepted: () => 'Referral accepted',
  ReferralDeclined: () => 'Referral declined',
  ReferralRevoked: () => 'Referral revoked by the sender',
  ReferralCompleted: () => 'Referral completed',
  TraffickingScreeningAssessed: (d) =>
    d.result === 'indicates_trafficking'
      ? 'Trafficking screening: indicates trafficking'
      : 'Trafficking screening: does not indicate trafficking',
  ConsentRecorded: (d) =>
    withDetail(
      withDetail('Consent recorded', d.givenBy ? `(given by ${GIVEN_BY[d.givenBy] ?? 'another'})` : null),
      wordList(d.agencyTypes) && wordList(d.purposes)
        ? `for ${wordList(d.agencyTypes) ?? ''}: ${wordList(d.purposes) ?? ''}`
        : null,
    ),
  ConsentWithdrawn: () => 'Consent withdrawn',
  CasePartyAdmitted: (d) =>
    withDetail(
      `${capitalised(agencyTypeName(d.agencyType))} admitted to the case by the coordination body`,
      inParentheses(d.reason),
    ),
  ReferralDeadlineMissed: (d) =>
    withDetail('Referral left unanswered past its due time', day(d.dueBy) ? `(due ${day(d.dueBy) ?? ''})` : null),
  MineSiteRegistered: (d) => withDetail('Mine site registered', d.code || null),
  MineSiteInspected: (d) =>
    withDetail('Mine site inspected', d.recommendedStatus ? `(recommended ${words(d.recommendedStatus) ?? ''})` : null),
  MineSiteStatusChanged: (d) => withDetail('Mine site status changed', d.to ? `to ${words(d.to) ?? ''}` : null),
  SiteIncidentReported: (d) =>
    withDetail('Site incident reported', d.source ? `(source: ${words(d.source) ?? ''})` : null),
  SiteIncidentClassified: (d) => withDetail('Site incident classified', `at level ${String(d.level)}`),
  SiteIncidentClosed: () => 'Site incident closed',
  InvestigationOpened: (d) =>
    withDetail('Investigation opened', wordList(d.offences) ? `for ${wordList(d.offences) ?? ''}` : null),
  EvidenceRecorded: (d) => withDetail('Evidence recorded', inParentheses(d.kind)),
  EvidenceCustodyTransferred: () => 'Evidence handed to another custodian',
  SuspectIdentified: (d) => withDetail('Suspect identified', inParentheses(d.role)),
  ArrestMade: () => 'Arrest made',
  CaseFileTransmitted: (d) =>
    withDetail(
      "Case file transmitted to the prosecutor's office",
      day(d.dueBy) ? `(acknowledgement due ${day(d.dueBy) ?? ''})` : null,
    ),
  CaseFileAcknowledgementDeadlineMissed: (d) =>
    withDetail('Case file left unacknowledged past its due time', day(d.dueBy) ? `(due ${day(d.dueBy) ?? ''})` : null),
  CaseFileAcknowledgementRecorded: () => 'Case file acknowledged',
  InvestigationClosed: (d) => withDetail('Investigation closed', inParentheses(d.reason)),
  CaseFileReceived: () => "Case file received by the prosecutor's office",
  ChargesFiled: (d) => withDetail('Charges filed', d.offence ? `for ${words(d.offence) ?? ''}` : null),
  HearingScheduled: (d) =>
    withDetail('Hearing scheduled', day(d.scheduledFor) ? `for ${day(d.scheduledFor) ?? ''}` : null),
  HearingRescheduled: (d) =>
    withDetail('Hearing moved', day(d.scheduledFor) ? `to ${day(d.scheduledFor) ?? ''}` : null),
  HearingCancelled: () => 'Hearing cancelled',
  HearingOutcomeOverdue: (d) =>
    withDetail(
      'Hearing outcome not recorded',
      day(d.scheduledFor) ? `(the hearing of ${day(d.scheduledFor) ?? ''})` : null,
    ),
  HearingHeld: () => 'Hearing held',
  VerdictRendered: (d) =>
    withDetail('Verdict rendered', d.verdict ? `: ${words(d.verdict) ?? ''}` : null).replace(' :', ':'),
  SentenceImposed: (d) =>
    d.imprisonmentMonths > 0
      ? `Sentence imposed: ${String(d.imprisonmentMonths)} months' imprisonment`
      : 'Sentence imposed',
  RestitutionOrdered: () => 'Restitution ordered',
  AppealFiled: (d) => withDetail('Appeal filed', d.by ? `by the ${words(d.by) ?? ''}` : null),
  AppealDecided: (d) =>
    withDetail('Appeal decided', d.outcome ? `: ${words(d.outcome) ?? ''}` : null).replace(' :', ':'),
  ProsecutionClosed: (d) => withDetail('Prosecution closed', inParentheses(d.reason)),
  VictimRegistered: (d) => (d.isChild ? 'Child victim taken into assistance' : 'Victim taken into assistance'),
  NeedsAssessed: (d) => {
    const needs = d.needs.length;
    return needs > 0 ? `Needs assessed (${String(needs)} ${needs === 1 ? 'need' : 'needs'})` : 'Needs assessed';
  },
  ServiceProvided: (d) => withDetail('Service provided', inParentheses(d.kind)),
  AssistanceClosed: (d) => withDetail('Assistance closed', inParentheses(d.reason)),
};

/** `CaseFileReceived` → `Case file received`: for a type without a sentence of its own. */
export function eventTypeInWords(eventType: string): string {
  const spaced = eventType.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/**
 * A short "what happened" for a timeline entry, from the event's shared data only (ids are left out:
 * the entry names the agency beside it). Null for a notice of restricted activity: it has nothing to tell.
 */
export function summarize(event: JointCaseEvent): string | null {
  if (event.type === RESTRICTED_ACTIVITY_NOTICE) return null;
  // The sentence of the event's own type: SUMMARIES pairs each type with a reader of that type's data.
  const summary = SUMMARIES[event.type] as ((data: JointCaseEvent['data']) => string) | undefined;
  return summary ? summary(event.data) : eventTypeInWords(event.type);
}

/** The streams of records that have a reference, by the word their summaries start with. */
const RECORD_STREAMS: Readonly<Record<string, string>> = {
  'referral-': 'Referral',
  'investigation-': 'Investigation',
  'prosecution-': 'Prosecution',
  'assistance-': 'Assistance',
};

/** Whether an entry recorded on this stream is about a record that has a reference (ADR 0023). */
export function isReferencedRecordStream(streamId: string): boolean {
  return Object.keys(RECORD_STREAMS).some((prefix) => streamId.startsWith(prefix));
}

/** The events that open a record without saying its kind: they name it by its reference at the end. */
const OPENINGS_NAMED_AT_END: ReadonlySet<string> = new Set(['CaseFileReceived', 'VictimRegistered']);

/**
 * A summary that names its record by the record's reference, where it names the record: `Referral
 * NK-2026-00042-R1 accepted`, `Investigation NK-2026-00042-E1 opened for …`, and for the events that open
 * a prosecution or an assistance case, `Case file received by the prosecutor's office (NK-2026-00042-P1)`.
 * Other summaries are left as they are.
 */
export function summaryNamingRecord(
  summary: string,
  entry: { readonly eventType: string; readonly streamId: string },
  reference: string | null,
): string {
  if (!reference) return summary;
  const prefix = Object.keys(RECORD_STREAMS).find((p) => entry.streamId.startsWith(p));
  const word = prefix ? RECORD_STREAMS[prefix] : undefined;
  if (!word) return summary;
  if (summary.startsWith(`${word} `)) return `${word} ${reference}${summary.slice(word.length)}`;
  return OPENINGS_NAMED_AT_END.has(entry.eventType) ? `${summary} (${reference})` : summary;
}
