import { formatKivuTime } from '@pamoja/contracts';

/**
 * The joint timeline: what each agency recorded on a case, told in a short sentence, and what a viewer
 * may see of it. Pure: summaries are built from the event as other agencies receive it (the integration
 * data, which carries no personal data and no free text), never from anything else.
 */

/**
 * The shared name of a notice an agency publishes in place of a withheld event (the integration
 * catalogue's `RestrictedActivityRecorded`): that it acted on the case, when, and a coarse category.
 */
export const RESTRICTED_ACTIVITY_NOTICE = 'RestrictedActivityRecorded';

/** The province and territory of a mine-site code: `NK-MAS-014` is in province NK, territory MAS. */
export function siteRegionOf(siteCode: string | null): { province: string | null; territory: string | null } {
  const [province, territory] = (siteCode ?? '').split('-');
  return { province: province || null, territory: territory || null };
}

type Data = Readonly<Record<string, unknown>>;

function str(data: Data, key: string): string | null {
  const value = data[key];
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** A vocabulary id (`trafficking_in_persons`, `WITNESS_PROTECTION`) as words. */
function words(id: string | null): string | null {
  return id ? id.toLowerCase().replace(/_/g, ' ') : null;
}

/** The day in Goma and Bukavu (CAT) of an instant, e.g. `2026-12-03`. */
function day(data: Data, key: string): string | null {
  const value = str(data, key);
  if (!value || Number.isNaN(Date.parse(value))) return null;
  return formatKivuTime(value).slice(0, 10);
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
  return (type && AGENCY_TYPE_NAMES[type]) ?? words(type) ?? 'another agency';
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

function list(data: Data, key: string): string | null {
  const value = data[key];
  if (!Array.isArray(value) || value.length === 0) return null;
  return value.map((v) => words(typeof v === 'string' ? v : null) ?? '').join(', ');
}

const SUMMARIES: Readonly<Record<string, (data: Data) => string>> = {
  ReferralSubmitted: (d) =>
    withDetail(
      `Referral submitted to ${agencyTypeName(str(d, 'toAgencyType'))}`,
      str(d, 'urgency') && str(d, 'urgency') !== 'routine' ? `(${words(str(d, 'urgency')) ?? ''})` : null,
    ),
  ReferralAccepted: () => 'Referral accepted',
  ReferralDeclined: () => 'Referral declined',
  ReferralRevoked: () => 'Referral revoked by the sender',
  ReferralCompleted: () => 'Referral completed',
  TraffickingScreeningAssessed: (d) =>
    str(d, 'result') === 'indicates_trafficking'
      ? 'Trafficking screening: indicates trafficking'
      : 'Trafficking screening: does not indicate trafficking',
  ConsentRecorded: (d) =>
    withDetail(
      withDetail(
        'Consent recorded',
        str(d, 'givenBy') ? `(given by ${GIVEN_BY[str(d, 'givenBy') ?? ''] ?? 'another'})` : null,
      ),
      list(d, 'agencyTypes') && list(d, 'purposes')
        ? `for ${list(d, 'agencyTypes') ?? ''}: ${list(d, 'purposes') ?? ''}`
        : null,
    ),
  ConsentWithdrawn: () => 'Consent withdrawn',
  CasePartyAdmitted: (d) =>
    withDetail(
      `${capitalised(agencyTypeName(str(d, 'agencyType')))} admitted to the case by the coordination body`,
      str(d, 'reason') ? `(${words(str(d, 'reason')) ?? ''})` : null,
    ),
  ReferralDeadlineMissed: (d) =>
    withDetail('Referral left unanswered past its due time', day(d, 'dueBy') ? `(due ${day(d, 'dueBy') ?? ''})` : null),
  MineSiteRegistered: (d) => withDetail('Mine site registered', str(d, 'code')),
  MineSiteInspected: (d) =>
    withDetail(
      'Mine site inspected',
      str(d, 'recommendedStatus') ? `(recommended ${words(str(d, 'recommendedStatus')) ?? ''})` : null,
    ),
  MineSiteStatusChanged: (d) =>
    withDetail('Mine site status changed', str(d, 'to') ? `to ${words(str(d, 'to')) ?? ''}` : null),
  SiteIncidentReported: (d) =>
    withDetail('Site incident reported', str(d, 'source') ? `(source: ${words(str(d, 'source')) ?? ''})` : null),
  SiteIncidentClassified: (d) =>
    withDetail('Site incident classified', typeof d['level'] === 'number' ? `at level ${String(d['level'])}` : null),
  SiteIncidentClosed: () => 'Site incident closed',
  InvestigationOpened: (d) =>
    withDetail('Investigation opened', list(d, 'offences') ? `for ${list(d, 'offences') ?? ''}` : null),
  EvidenceRecorded: (d) => withDetail('Evidence recorded', str(d, 'kind') ? `(${words(str(d, 'kind')) ?? ''})` : null),
  EvidenceCustodyTransferred: () => 'Evidence handed to another custodian',
  SuspectIdentified: (d) =>
    withDetail('Suspect identified', str(d, 'role') ? `(${words(str(d, 'role')) ?? ''})` : null),
  ArrestMade: () => 'Arrest made',
  CaseFileTransmitted: (d) =>
    withDetail(
      "Case file transmitted to the prosecutor's office",
      day(d, 'dueBy') ? `(acknowledgement due ${day(d, 'dueBy') ?? ''})` : null,
    ),
  CaseFileAcknowledgementDeadlineMissed: (d) =>
    withDetail(
      'Case file left unacknowledged past its due time',
      day(d, 'dueBy') ? `(due ${day(d, 'dueBy') ?? ''})` : null,
    ),
  CaseFileAcknowledgementRecorded: () => 'Case file acknowledged',
  InvestigationClosed: (d) =>
    withDetail('Investigation closed', str(d, 'reason') ? `(${words(str(d, 'reason')) ?? ''})` : null),
  CaseFileReceived: () => "Case file received by the prosecutor's office",
  ChargesFiled: (d) => withDetail('Charges filed', str(d, 'offence') ? `for ${words(str(d, 'offence')) ?? ''}` : null),
  HearingScheduled: (d) =>
    withDetail('Hearing scheduled', day(d, 'scheduledFor') ? `for ${day(d, 'scheduledFor') ?? ''}` : null),
  HearingHeld: () => 'Hearing held',
  VerdictRendered: (d) =>
    withDetail('Verdict rendered', str(d, 'verdict') ? `: ${words(str(d, 'verdict')) ?? ''}` : null).replace(' :', ':'),
  SentenceImposed: (d) =>
    typeof d['imprisonmentMonths'] === 'number' && d['imprisonmentMonths'] > 0
      ? `Sentence imposed: ${String(d['imprisonmentMonths'])} months' imprisonment`
      : 'Sentence imposed',
  RestitutionOrdered: () => 'Restitution ordered',
  AppealFiled: (d) => withDetail('Appeal filed', str(d, 'by') ? `by the ${words(str(d, 'by')) ?? ''}` : null),
  ProsecutionClosed: (d) =>
    withDetail('Prosecution closed', str(d, 'reason') ? `(${words(str(d, 'reason')) ?? ''})` : null),
  VictimRegistered: (d) =>
    d['isChild'] === true ? 'Child victim taken into assistance' : 'Victim taken into assistance',
  NeedsAssessed: (d) => {
    const needs = Array.isArray(d['needs']) ? d['needs'].length : 0;
    return needs > 0 ? `Needs assessed (${String(needs)} ${needs === 1 ? 'need' : 'needs'})` : 'Needs assessed';
  },
  ServiceProvided: (d) => withDetail('Service provided', str(d, 'kind') ? `(${words(str(d, 'kind')) ?? ''})` : null),
  AssistanceClosed: (d) =>
    withDetail('Assistance closed', str(d, 'reason') ? `(${words(str(d, 'reason')) ?? ''})` : null),
};

/** `CaseFileReceived` → `Case file received`: for a type without a sentence of its own. */
function typeAsWords(eventType: string): string {
  const spaced = eventType.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/**
 * A short "what happened" for a timeline entry, from the event's shared data only (ids are left out:
 * the entry names the agency beside it). Null for a notice of restricted activity: it has nothing to tell.
 */
export function summarize(eventType: string, data: unknown): string | null {
  if (eventType === RESTRICTED_ACTIVITY_NOTICE) return null;
  const shared: Data = typeof data === 'object' && data !== null ? (data as Data) : {};
  const summary = SUMMARIES[eventType];
  return summary ? summary(shared) : typeAsWords(eventType);
}
