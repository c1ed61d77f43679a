import { type AssistanceStage, type CaseStage } from '@pamoja/coordination/domain';

export interface JointCaseView {
  readonly jointCaseId: string;
  readonly stage: CaseStage;
  readonly assistanceStage: AssistanceStage;
  readonly siteCode: string | null;
  readonly referralIds: readonly string[];
  readonly investigationIds: readonly string[];
  readonly prosecutionIds: readonly string[];
  readonly assistanceIds: readonly string[];
  readonly incidentIds: readonly string[];
  readonly agencyIds: readonly string[];
  readonly missedDeadlines: number;
  readonly openedAt: Date;
  readonly lastActivityAt: Date;
}

/** Where an entry sits: chronological order (time, then the log's commit order), and its arrival (`seq`). */
export interface TimelineKey {
  readonly occurredAt: Date;
  readonly transactionId: string;
  readonly globalPosition: string;
  readonly seq: string;
}

export interface TimelineEntryView extends TimelineKey {
  readonly jointCaseId: string;
  readonly eventId: string;
  /** The stream the event was recorded on: a record's (`referral-<id>`) names the record the entry is about. */
  readonly streamId: string;
  /** The shared type, or `RestrictedActivityRecorded` for a notice of a withheld event. */
  readonly eventType: string;
  readonly agencyId: string;
  readonly agencyType: string;
  readonly roles: readonly string[];
  readonly summary: string | null;
  /** A notice's coarse category (e.g. `protection`); null for any other entry. */
  readonly category: string | null;
}

export interface EscalationView {
  readonly escalationId: string;
  readonly jointCaseId: string | null;
  readonly kind: string;
  readonly subjectId: string;
  readonly agencyId: string | null;
  readonly dueBy: Date | null;
  readonly missedAt: Date;
  readonly resolvedAt: Date | null;
  /** Arrival order, for live feeds. */
  readonly seq: string;
}

/** Which entries a viewer sees at all: of these types, and their own agency's of these types. */
export interface TimelineVisibility {
  readonly types: readonly string[];
  readonly ownAgencyId: string;
  readonly ownTypes: readonly string[];
}

export interface JointCaseListFilter {
  /** Only these cases (the ones the viewer is party to); every case when absent (the coordination body). */
  readonly jointCaseIds?: readonly string[];
  readonly stage?: CaseStage;
  readonly province?: string;
  readonly territory?: string;
  readonly siteCode?: string;
  /** Only cases with a missed deadline still unanswered. */
  readonly overdue?: boolean;
  /** Rows to return (the caller asks one more than a page to learn whether there is more). */
  readonly limit: number;
  /** Most recently active first: resume after this case. */
  readonly after?: { readonly lastActivityAt: Date; readonly jointCaseId: string };
}

export interface EscalationListFilter {
  readonly openOnly: boolean;
  /** Only those the agency had to answer. */
  readonly agencyId?: string;
  readonly limit: number;
  /** Oldest miss first: resume after this one. */
  readonly after?: { readonly missedAt: Date; readonly escalationId: string };
}

/** Which cases a dashboard counts: opened in the period, at sites of the province, among these cases. */
export interface CaseCountScope {
  /** Only these cases (the ones the viewer is party to); every case when absent (the coordination body). */
  readonly jointCaseIds?: readonly string[];
  /** `NK` or `SK`: cases whose site code has this prefix; every case when null. */
  readonly sitePrefix: string | null;
  readonly openedFrom: Date | null;
  readonly openedBefore: Date | null;
}

export interface JointCaseReadModel {
  /** How many cases are at each stage (stages with none are absent). */
  stageCounts(scope: CaseCountScope): Promise<ReadonlyMap<CaseStage, number>>;
  byId(jointCaseId: string): Promise<JointCaseView | undefined>;
  list(filter: JointCaseListFilter): Promise<JointCaseView[]>;
  /** In chronological order, after `after`, at most `limit`. */
  timeline(
    jointCaseId: string,
    page: { limit: number; after?: TimelineKey },
    visibility: TimelineVisibility,
  ): Promise<TimelineEntryView[]>;
  /** Entries that arrived after `seq`, in arrival order. */
  timelineArrivedAfter(
    jointCaseId: string,
    seq: string,
    limit: number,
    visibility: TimelineVisibility,
  ): Promise<TimelineEntryView[]>;
  escalations(filter: EscalationListFilter): Promise<EscalationView[]>;
  /** Escalations that arrived after `seq`, in arrival order; those of one agency when given. */
  escalationsArrivedAfter(seq: string, agencyId: string | undefined, limit: number): Promise<EscalationView[]>;
  /** The last arrival positions: where a live feed without a position starts. */
  lastArrivals(): Promise<{ timeline: string; escalations: string }>;
}

export const JOINT_CASE_READ_MODEL = Symbol.for('pamoja.coordination.ReadModel');
