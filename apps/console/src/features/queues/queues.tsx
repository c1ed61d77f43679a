import { type ReactNode } from 'react';
import { type Document } from '../../api/client';
import { agencyName, AgencyName } from '../../components/agency';
import { DueTime } from '../../components/feedback';
import type {
  AssistanceProtectionMeasureKind,
  AssistanceStatus,
  CaseFileTransmissionStatus,
  ConsoleQueueAssistanceReviewsQuery,
  ConsoleQueueEscalationsQuery,
  ConsoleQueueIncomingCaseFilesQuery,
  ConsoleQueueIncomingReferralsQuery,
  ConsoleQueueInvestigationsQuery,
  ConsoleQueueMineSitesQuery,
  ConsoleQueueOverdueCasesQuery,
  ConsoleQueueUpcomingHearingsQuery,
  InvestigationOffence,
  JointCaseStage,
  MineSiteStatus,
  ReferralStatus,
  Urgency,
} from '../../gql/graphql';
import { type useKivuTime, type useT } from '../../i18n/i18n';
import {
  AssistanceReviewsQuery,
  EscalationsQuery,
  IncomingCaseFilesQuery,
  IncomingReferralsQuery,
  InvestigationsQuery,
  MineSitesQuery,
  OutgoingReferralsQuery,
  OverdueCaseFilesQuery,
  OverdueCasesQuery,
  UpcomingHearingsQuery,
} from './documents';

/** Every queue of the console, by the name it has in `/queues/<name>`. */
export const QUEUE_NAMES = [
  'incoming-referrals',
  'outgoing-referrals',
  'outgoing-overdue',
  'incoming-overdue',
  'investigations',
  'incoming-case-files',
  'case-files-overdue',
  'hearings',
  'assistance-reviews',
  'assistance-open',
  'escalations',
  'cases-overdue',
  'sites-red',
  'sites-yellow',
  'sites-green',
  'sites-blue',
] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/**
 * What each agency type does first, in that order. The `escalations` query is the coordination body's
 * alone (access policy): the other agencies see their own missed deadlines through the overdue filters
 * of their queues, and hear of new ones through `deadlineMissed`.
 */
export const HOME_QUEUES: Readonly<Record<string, readonly QueueName[]>> = {
  first_responder: ['outgoing-referrals', 'outgoing-overdue'],
  police: ['incoming-referrals', 'investigations', 'incoming-overdue', 'case-files-overdue'],
  prosecutor: ['incoming-case-files', 'hearings', 'case-files-overdue'],
  assistance_provider: ['incoming-referrals', 'assistance-reviews', 'assistance-open', 'incoming-overdue'],
  mining_authority: ['sites-red', 'sites-yellow', 'sites-green', 'sites-blue'],
  coordination_body: ['escalations', 'cases-overdue', 'sites-red', 'sites-yellow'],
};

export function queuesOf(agencyType: string): readonly QueueName[] {
  return HOME_QUEUES[agencyType] ?? [];
}

/** Rows read per page, on the home page and in a full queue alike (so they share the offline copy). */
export const PAGE_SIZE = 20;
/** Rows the home page shows of each queue. */
export const HOME_ROWS = 5;

/** What refreshes a queue while it is on screen. */
export type LiveTopic = 'referrals' | 'deadlines';

export interface Connection<N> {
  readonly nodes: readonly N[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
}

/** What a cell may use: the messages, Kivu time, and the time the page considers now. */
export interface CellContext {
  readonly t: ReturnType<typeof useT>;
  readonly time: ReturnType<typeof useKivuTime>;
  readonly now: number;
}

export interface Column<N> {
  /** Message key of the column header. */
  readonly header: string;
  readonly cell: (node: N, c: CellContext) => ReactNode;
}

export interface QueueDefinition<R, V, N> {
  /** Message key of the heading (kept stable: browser tests find sections by it). */
  readonly title: string;
  /** Message key of a sentence under the heading, when the title needs one. */
  readonly description?: string;
  readonly document: Document<R, V>;
  readonly variables: (page: { first: number; after?: string }) => V;
  readonly select: (data: R) => Connection<N>;
  readonly key: (node: N) => string;
  /** Message key of the first column's header: the row's name, a link where there is a page for it. */
  readonly rowHeader: string;
  /** The row's name as people read it (the link's text): never an id. */
  readonly label: (node: N, c: CellContext) => string;
  readonly href?: (node: N) => string | undefined;
  /** Under the name: who, and flags. */
  readonly details?: (node: N, c: CellContext) => ReactNode;
  /** The joint case to link to, when the row's own link is not the case's page. */
  readonly caseId?: (node: N) => string | null | undefined;
  readonly columns: readonly Column<N>[];
  /** What counts as late in this queue (for the count under the heading); absent: nothing is. */
  readonly late?: (node: N, now: number) => boolean;
  /** A page's rows as shown, when the API's order needs a nudge. */
  readonly order?: (nodes: readonly N[], now: number) => readonly N[];
  readonly live: readonly LiveTopic[];
}

/** A queue whose types are its own business: pages only hand its values back to its own functions. */
export type Queue = QueueDefinition<unknown, unknown, unknown>;

function define<R, V, N>(queue: QueueDefinition<R, V, N>): Queue {
  return queue as unknown as Queue;
}

// ---- enum values as words -----------------------------------------------------------------------------

const URGENCY: Record<Urgency, string> = {
  IMMEDIATE: 'queues.urgency.IMMEDIATE',
  URGENT: 'queues.urgency.URGENT',
  ROUTINE: 'queues.urgency.ROUTINE',
};
const REFERRAL_STATUS: Record<ReferralStatus, string> = {
  SUBMITTED: 'queues.referralStatus.SUBMITTED',
  ACCEPTED: 'queues.referralStatus.ACCEPTED',
  DECLINED: 'queues.referralStatus.DECLINED',
  REVOKED: 'queues.referralStatus.REVOKED',
  COMPLETED: 'queues.referralStatus.COMPLETED',
};
const OFFENCE: Record<InvestigationOffence, string> = {
  CHILD_LABOUR: 'queues.offence.CHILD_LABOUR',
  CHILD_RECRUITMENT_BY_ARMED_GROUP: 'queues.offence.CHILD_RECRUITMENT_BY_ARMED_GROUP',
  FORCED_LABOUR: 'queues.offence.FORCED_LABOUR',
  SEXUAL_EXPLOITATION: 'queues.offence.SEXUAL_EXPLOITATION',
  TRAFFICKING_IN_PERSONS: 'queues.offence.TRAFFICKING_IN_PERSONS',
};
const CASE_FILE_STATUS: Record<CaseFileTransmissionStatus, string> = {
  AWAITING_ACKNOWLEDGEMENT: 'queues.caseFileStatus.AWAITING_ACKNOWLEDGEMENT',
  ACKNOWLEDGED: 'queues.caseFileStatus.ACKNOWLEDGED',
  DEADLINE_MISSED: 'queues.caseFileStatus.DEADLINE_MISSED',
};
const ASSISTANCE_STATUS: Record<AssistanceStatus, string> = {
  REGISTERED: 'queues.assistanceStatus.REGISTERED',
  ASSESSED: 'queues.assistanceStatus.ASSESSED',
  IN_ASSISTANCE: 'queues.assistanceStatus.IN_ASSISTANCE',
  CLOSED: 'queues.assistanceStatus.CLOSED',
};
const MEASURE: Record<AssistanceProtectionMeasureKind, string> = {
  IDENTITY_PROTECTION: 'queues.measure.IDENTITY_PROTECTION',
  OTHER: 'queues.measure.OTHER',
  RELOCATION: 'queues.measure.RELOCATION',
  SAFE_HOUSE: 'queues.measure.SAFE_HOUSE',
  WITNESS_PROTECTION: 'queues.measure.WITNESS_PROTECTION',
};
const STAGE: Record<JointCaseStage, string> = {
  IDENTIFIED: 'stage.IDENTIFIED',
  UNDER_INVESTIGATION: 'stage.UNDER_INVESTIGATION',
  IN_PROSECUTION: 'stage.IN_PROSECUTION',
  ADJUDICATED: 'stage.ADJUDICATED',
};

/** `site` for messages that name a site when there is one (ICU select: `none` leaves it out). */
const siteOf = (code: string | null | undefined): string => code ?? 'none';

// ---- referrals ----------------------------------------------------------------------------------------

type ReferralRow = ConsoleQueueIncomingReferralsQuery['incomingReferrals']['nodes'][number];

const referralName = (r: ReferralRow, c: CellContext) =>
  c.t('queues.referral.name', { date: c.time.date(r.submittedAt), site: siteOf(r.siteCode) });

function Child({ isChild, c }: { isChild: boolean | null | undefined; c: CellContext }) {
  return isChild ? (
    <>
      {' · '}
      <strong>{c.t('queues.child')}</strong>
    </>
  ) : null;
}

const urgencyCell = (r: ReferralRow, c: CellContext) =>
  r.urgency === 'ROUTINE' ? c.t(URGENCY[r.urgency]) : <strong>{c.t(URGENCY[r.urgency])}</strong>;

/** While unanswered, when it is due (flagged when late); once answered, when. */
const referralDueCell = (r: ReferralRow, c: CellContext) => {
  if (r.status === 'SUBMITTED') return <DueTime dueBy={r.dueBy} overdue={r.overdue} />;
  if (r.answeredAt) return c.t('queues.answeredOn', { date: c.time.date(r.answeredAt) });
  return c.t('common.none');
};

const referralStatusCell = (r: ReferralRow, c: CellContext) => c.t(REFERRAL_STATUS[r.status]);

const referralRows = {
  key: (r: ReferralRow) => r.referralId,
  rowHeader: 'queues.column.referral',
  label: referralName,
  href: (r: ReferralRow) => `/referrals/${encodeURIComponent(r.referralId)}`,
  caseId: (r: ReferralRow) => r.jointCaseId,
  late: (r: ReferralRow) => r.overdue,
} as const;

const incomingDetails = (r: ReferralRow, c: CellContext) => (
  <>
    <span title={r.fromAgencyId}>
      {c.t('queues.referral.from', { agency: agencyName(r.fromAgencyId, r.fromAgency) })}
    </span>
    <Child isChild={r.subjectIsChild} c={c} />
  </>
);
const outgoingDetails = (r: ReferralRow, c: CellContext) => (
  <>
    <span title={r.toAgencyId}>{c.t('queues.referral.to', { agency: agencyName(r.toAgencyId, r.toAgency) })}</span>
    <Child isChild={r.subjectIsChild} c={c} />
  </>
);

const incomingColumns: readonly Column<ReferralRow>[] = [
  { header: 'queues.column.urgency', cell: urgencyCell },
  { header: 'queues.column.due', cell: referralDueCell },
  { header: 'queues.column.status', cell: referralStatusCell },
];
const outgoingColumns: readonly Column<ReferralRow>[] = [
  { header: 'queues.column.status', cell: referralStatusCell },
  { header: 'queues.column.due', cell: referralDueCell },
  { header: 'queues.column.urgency', cell: urgencyCell },
];

// ---- case files ---------------------------------------------------------------------------------------

type CaseFileRow = ConsoleQueueIncomingCaseFilesQuery['incomingCaseFiles']['nodes'][number];

const caseFileRows = {
  key: (f: CaseFileRow) => f.caseFileId,
  rowHeader: 'queues.column.caseFile',
  label: (f: CaseFileRow, c: CellContext) => c.t('queues.caseFile.name', { date: c.time.date(f.transmittedAt) }),
  href: (f: CaseFileRow) => `/cases/${encodeURIComponent(f.jointCaseId)}`,
  details: (f: CaseFileRow, c: CellContext) => (
    <span title={f.fromAgencyId}>
      {c.t('queues.caseFile.route', { from: agencyName(f.fromAgencyId, f.fromAgency), to: f.toProsecutorOfficeId })}
    </span>
  ),
  columns: [
    {
      header: 'queues.column.due',
      cell: (f: CaseFileRow, c: CellContext) =>
        f.acknowledgedAt ? (
          c.t('queues.caseFile.acknowledgedOn', { date: c.time.date(f.acknowledgedAt) })
        ) : (
          <DueTime dueBy={f.dueBy} overdue={f.overdue} />
        ),
    },
    { header: 'queues.column.status', cell: (f: CaseFileRow, c: CellContext) => c.t(CASE_FILE_STATUS[f.status]) },
  ],
  late: (f: CaseFileRow) => f.overdue,
} as const;

// ---- hearings -----------------------------------------------------------------------------------------

type HearingRow = ConsoleQueueUpcomingHearingsQuery['upcomingHearings']['nodes'][number];

/** Its date has passed and nobody recorded whether it was held, moved or cancelled. */
export const hearingUnrecorded = (h: HearingRow, now: number): boolean =>
  !h.heldAt && !h.cancelledAt && (h.outcomeOverdueAt !== null || Date.parse(h.scheduledFor) < now);

// ---- sites --------------------------------------------------------------------------------------------

type SiteRow = ConsoleQueueMineSitesQuery['mineSites']['nodes'][number];

function sites(status: MineSiteStatus, title: string): Queue {
  const yellow = status === 'YELLOW';
  return define({
    title,
    document: MineSitesQuery,
    variables: (page) => ({ filter: { ...page, status } }),
    select: (d) => d.mineSites,
    key: (s: SiteRow) => s.siteId,
    rowHeader: 'queues.column.site',
    label: (s) => s.code,
    href: (s) => `/sites/${encodeURIComponent(s.code)}`,
    details: (s) => s.name,
    columns: [
      { header: 'queues.column.openIncidents', cell: (s) => s.openIncidentCount },
      {
        header: 'queues.column.level',
        cell: (s, c) =>
          s.highestOpenIncidentLevel !== null ? (
            <strong>{c.t('queues.site.level', { level: s.highestOpenIncidentLevel })}</strong>
          ) : s.openIncidentCount > 0 ? (
            c.t('queues.site.unclassified')
          ) : (
            c.t('common.none')
          ),
      },
      yellow
        ? {
            header: 'queues.column.remediation',
            cell: (s, c) =>
              s.remediationDeadline ? (
                <DueTime dueBy={s.remediationDeadline} overdue={s.remediationOverdue} />
              ) : (
                c.t('common.none')
              ),
          }
        : {
            header: 'queues.column.statusSince',
            cell: (s, c) => (s.statusChangedAt ? c.time.date(s.statusChangedAt) : c.t('common.none')),
          },
    ],
    ...(yellow ? { late: (s: SiteRow) => s.remediationOverdue } : {}),
    live: [],
  });
}

// ---- assistance ---------------------------------------------------------------------------------------

type AssistanceRow = ConsoleQueueAssistanceReviewsQuery['assistanceCases']['nodes'][number];

/** The measure to review first: one whose date has come, else the soonest (the API sends soonest first). */
const nextReview = (a: AssistanceRow) => a.protectionMeasures?.find((m) => m.reviewDue) ?? a.protectionMeasures?.[0];

/** The assisting agency's cases, with the review date of their protection measures. */
function assistance(of: {
  title: string;
  description?: string;
  filter: { reviewDue: true } | { openOnly: true };
}): Queue {
  return define({
    title: of.title,
    ...(of.description ? { description: of.description } : {}),
    document: AssistanceReviewsQuery,
    variables: (page) => ({ filter: { ...page, ...of.filter } }),
    select: (d) => d.assistanceCases,
    key: (a) => a.assistanceId,
    rowHeader: 'queues.column.assistance',
    label: (a: AssistanceRow, c) => c.t('queues.assistance.name', { date: c.time.date(a.registeredAt) }),
    // The assistance case's own page (its reviews, its forms); the joint case stays one link away.
    href: (a) => `/assistance/${encodeURIComponent(a.assistanceId)}`,
    caseId: (a) => a.jointCaseId,
    details: (a, c) => (a.isChild ? <strong>{c.t('queues.child')}</strong> : null),
    columns: [
      {
        header: 'queues.column.nextReview',
        cell: (a, c) => {
          const m = nextReview(a);
          return m ? <DueTime dueBy={m.reviewBy} overdue={m.reviewDue} /> : c.t('common.none');
        },
      },
      {
        header: 'queues.column.measure',
        cell: (a, c) => {
          const m = nextReview(a);
          return m ? c.t(MEASURE[m.measure]) : c.t('common.none');
        },
      },
      { header: 'queues.column.status', cell: (a, c) => c.t(ASSISTANCE_STATUS[a.status]) },
    ],
    late: (a) => a.protectionMeasures?.some((m) => m.reviewDue) ?? false,
    live: [],
  });
}

// ---- every queue --------------------------------------------------------------------------------------

type InvestigationRow = ConsoleQueueInvestigationsQuery['investigations']['nodes'][number];
type EscalationRow = ConsoleQueueEscalationsQuery['escalations']['nodes'][number];
type CaseRow = ConsoleQueueOverdueCasesQuery['jointCases']['nodes'][number];

const ESCALATION_NAME: Record<string, string> = {
  ReferralDeadlineMissed: 'queues.escalation.referral',
  CaseFileAcknowledgementDeadlineMissed: 'queues.escalation.caseFile',
};

export const QUEUES: Readonly<Record<QueueName, Queue>> = {
  'incoming-referrals': define({
    ...referralRows,
    title: 'queues.incomingReferrals.title',
    document: IncomingReferralsQuery,
    variables: (page) => ({ filter: page }),
    select: (d) => d.incomingReferrals,
    details: incomingDetails,
    columns: incomingColumns,
    live: ['referrals', 'deadlines'],
  }),
  'incoming-overdue': define({
    ...referralRows,
    title: 'queues.incomingOverdue.title',
    description: 'queues.incomingOverdue.description',
    document: IncomingReferralsQuery,
    variables: (page) => ({ filter: { ...page, overdue: true } }),
    select: (d) => d.incomingReferrals,
    details: incomingDetails,
    columns: incomingColumns,
    live: ['deadlines'],
  }),
  'outgoing-referrals': define({
    ...referralRows,
    title: 'queues.outgoingReferrals.title',
    document: OutgoingReferralsQuery,
    variables: (page) => ({ filter: page }),
    select: (d) => d.outgoingReferrals,
    details: outgoingDetails,
    columns: outgoingColumns,
    live: [],
  }),
  'outgoing-overdue': define({
    ...referralRows,
    title: 'queues.outgoingOverdue.title',
    description: 'queues.outgoingOverdue.description',
    document: OutgoingReferralsQuery,
    variables: (page) => ({ filter: { ...page, overdue: true } }),
    select: (d) => d.outgoingReferrals,
    details: outgoingDetails,
    columns: outgoingColumns,
    live: [],
  }),
  investigations: define({
    label: (i: InvestigationRow, c) =>
      c.t('queues.investigation.name', { date: c.time.date(i.openedAt), site: siteOf(i.siteCode) }),
    title: 'queues.investigations.title',
    document: InvestigationsQuery,
    variables: (page) => ({ filter: { ...page, status: 'OPEN' as const } }),
    select: (d) => d.investigations,
    key: (i) => i.investigationId,
    rowHeader: 'queues.column.investigation',
    href: (i) => `/investigations/${encodeURIComponent(i.investigationId)}`,
    caseId: (i) => i.jointCaseId,
    details: (i, c) => c.t('queues.investigation.counts', { suspects: i.suspectCount, arrests: i.arrestCount }),
    columns: [
      {
        header: 'queues.column.offences',
        cell: (i, c) =>
          i.offences.length > 0 ? i.offences.map((o) => c.t(OFFENCE[o])).join(', ') : c.t('common.none'),
      },
      { header: 'queues.column.lastActivity', cell: (i, c) => c.time.dateTime(i.lastActivityAt) },
    ],
    live: [],
  }),
  'incoming-case-files': define({
    ...caseFileRows,
    // Acknowledged on the office's page of case files received; the case stays one link away.
    href: () => '/case-files',
    caseId: (f) => f.jointCaseId,
    details: (f, c) => (
      <span title={f.fromAgencyId}>
        {c.t('queues.referral.from', { agency: agencyName(f.fromAgencyId, f.fromAgency) })}
      </span>
    ),
    title: 'queues.incomingCaseFiles.title',
    document: IncomingCaseFilesQuery,
    variables: (page) => ({ filter: page }),
    select: (d) => d.incomingCaseFiles,
    live: ['deadlines'],
  }),
  'case-files-overdue': define({
    ...caseFileRows,
    title: 'queues.caseFilesOverdue.title',
    description: 'queues.caseFilesOverdue.description',
    document: OverdueCaseFilesQuery,
    variables: (page) => ({ filter: page }),
    select: (d) => d.overdueCaseFileTransmissions,
    live: ['deadlines'],
  }),
  hearings: define({
    label: (h: HearingRow, c) => c.t('queues.hearing.name', { date: c.time.dateTime(h.scheduledFor) }),
    title: 'queues.hearings.title',
    document: UpcomingHearingsQuery,
    variables: (page) => ({ filter: { ...page, days: 30 } }),
    select: (d) => d.upcomingHearings,
    key: (h) => h.hearingId,
    rowHeader: 'queues.column.hearing',
    href: (h) => `/prosecutions/${encodeURIComponent(h.prosecutionId)}#hearing-${encodeURIComponent(h.hearingId)}`,
    caseId: (h) => h.jointCaseId,
    details: (h, c) => (
      <>
        {hearingUnrecorded(h, c.now) ? (
          <strong className="flag-overdue">{c.t('queues.hearing.unrecorded')}</strong>
        ) : null}
        {hearingUnrecorded(h, c.now) && h.rescheduleCount > 0 ? ' · ' : null}
        {h.rescheduleCount > 0 ? c.t('queues.hearing.moved', { count: h.rescheduleCount }) : null}
      </>
    ),
    columns: [
      { header: 'queues.column.court', cell: (h) => h.court },
      { header: 'queues.column.purpose', cell: (h) => h.purpose },
    ],
    late: hearingUnrecorded,
    // The API puts past unrecorded hearings on top; a hearing whose date passed since it answered joins them.
    order: (nodes, now) => [
      ...nodes.filter((h) => hearingUnrecorded(h, now)),
      ...nodes.filter((h) => !hearingUnrecorded(h, now)),
    ],
    live: [],
  }),
  'assistance-reviews': assistance({
    title: 'queues.assistanceReviews.title',
    description: 'queues.assistanceReviews.description',
    filter: { reviewDue: true },
  }),
  'assistance-open': assistance({ title: 'queues.assistanceOpen.title', filter: { openOnly: true } }),
  escalations: define({
    label: (e: EscalationRow, c) =>
      c.t(ESCALATION_NAME[e.kind] ?? 'queues.escalation.other', { date: c.time.date(e.dueBy ?? e.missedAt) }),
    title: 'queues.escalations.title',
    document: EscalationsQuery,
    variables: (page) => ({ filter: { ...page, openOnly: true } }),
    select: (d) => d.escalations,
    key: (e) => e.escalationId,
    rowHeader: 'queues.column.escalation',
    href: (e) =>
      e.kind === 'ReferralDeadlineMissed'
        ? `/referrals/${encodeURIComponent(e.subjectId)}`
        : e.jointCaseId
          ? `/cases/${encodeURIComponent(e.jointCaseId)}`
          : undefined,
    caseId: (e) => (e.kind === 'ReferralDeadlineMissed' ? e.jointCaseId : undefined),
    columns: [
      {
        header: 'queues.column.agency',
        cell: (e, c) => (e.agencyId ? <AgencyName id={e.agencyId} agency={e.agency} /> : c.t('common.none')),
      },
      {
        header: 'queues.column.due',
        cell: (e, c) => (e.dueBy ? <DueTime dueBy={e.dueBy} overdue={!e.resolvedAt} /> : c.time.dateTime(e.missedAt)),
      },
    ],
    live: ['deadlines'],
  }),
  'cases-overdue': define({
    label: (k: CaseRow, c) => c.t('queues.case.name', { date: c.time.date(k.openedAt) }),
    title: 'queues.casesOverdue.title',
    document: OverdueCasesQuery,
    variables: (page) => ({ filter: { ...page, overdue: true } }),
    select: (d) => d.jointCases,
    key: (k) => k.jointCaseId,
    rowHeader: 'queues.column.case',
    href: (k) => `/cases/${encodeURIComponent(k.jointCaseId)}`,
    details: (k, c) => k.siteCode ?? c.t('common.none'),
    columns: [
      { header: 'queues.column.stage', cell: (k, c) => c.t(STAGE[k.stage]) },
      {
        header: 'queues.column.missedDeadlines',
        cell: (k) => <strong className="flag-overdue">{k.missedDeadlines}</strong>,
      },
    ],
    live: ['deadlines'],
  }),
  'sites-red': sites('RED', 'queues.sitesRed.title'),
  'sites-yellow': sites('YELLOW', 'queues.sitesYellow.title'),
  'sites-green': sites('GREEN', 'queues.sitesGreen.title'),
  'sites-blue': sites('BLUE', 'queues.sitesBlue.title'),
};

export function isQueueName(value: string | undefined): value is QueueName {
  return (QUEUE_NAMES as readonly (string | undefined)[]).includes(value);
}
