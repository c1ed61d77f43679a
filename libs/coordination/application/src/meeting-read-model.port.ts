import { type MeetingAgencyType, type MeetingLanguage, type MeetingProvince } from '@pamoja/coordination/domain';

/** Who reads: a meeting is shown to the coordination body, its participants and its action points' owners. */
export interface MeetingReader {
  readonly agencyId: string;
  readonly agencyType: string;
}

export interface MeetingView {
  readonly meetingId: string;
  readonly title: string;
  readonly province: MeetingProvince;
  readonly siteCode: string | null;
  readonly scheduledFor: Date;
  readonly participantAgencyTypes: readonly MeetingAgencyType[];
  readonly participantAgencyIds: readonly string[];
  readonly language: MeetingLanguage;
  readonly status: 'scheduled' | 'closed';
  readonly scheduledAt: Date;
  readonly scheduledByAgencyId: string;
  readonly closedAt: Date | null;
  readonly revision: number;
}

export interface ActionPointView {
  readonly actionPointId: string;
  readonly meetingId: string;
  readonly description: string;
  readonly ownerAgencyId: string;
  readonly ownerAgencyType: MeetingAgencyType;
  readonly dueBy: Date;
  readonly jointCaseId: string | null;
  readonly recordedAt: Date;
  readonly status: 'open' | 'completed';
  readonly completedAt: Date | null;
  readonly completedByAgencyId: string | null;
  /** Still open after its due date, at the time of reading. */
  readonly overdue: boolean;
}

export interface DecisionView {
  readonly decisionId: string;
  readonly meetingId: string;
  readonly text: string;
  readonly jointCaseId: string | null;
  readonly recordedAt: Date;
  readonly recordedByAgencyId: string;
}

export interface MinutesView {
  readonly text: string;
  readonly recordedAt: Date;
  readonly recordedByAgencyId: string;
}

/** A referral (handoff) as the agenda shows it: no free text, only who owes what by when. */
export interface AgendaHandoffView {
  readonly referralId: string;
  readonly jointCaseId: string | null;
  readonly siteCode: string;
  readonly fromAgencyId: string;
  readonly toAgencyId: string;
  readonly toAgencyType: string;
  readonly submittedAt: Date;
  readonly dueBy: Date;
  /** When declined; null for an overdue handoff. */
  readonly declinedAt: Date | null;
}

/** A handoff still open with an agency the coordination body suspended: nothing is rerouted silently. */
export interface AgendaSuspendedHandoffView extends AgendaHandoffView {
  /** The suspended agency: the sender or the receiver of the handoff. */
  readonly suspendedAgencyId: string;
}

/** An agency the coordination body suspended, with why and since when, as the agenda names it. */
export interface SuspendedAgency {
  readonly agencyId: string;
  readonly suspendedAt: Date;
  readonly reason: string;
}

export interface AgendaMissedDeadlineView {
  readonly escalationId: string;
  readonly kind: string;
  readonly subjectId: string;
  readonly jointCaseId: string | null;
  readonly siteCode: string;
  readonly agencyId: string | null;
  readonly dueBy: Date | null;
  readonly missedAt: Date;
}

export interface AgendaHearingView {
  readonly hearingId: string;
  readonly prosecutionId: string;
  readonly jointCaseId: string | null;
  readonly siteCode: string;
  readonly court: string;
  readonly scheduledFor: Date;
}

export interface AgendaSiteStatusChangeView {
  readonly siteId: string;
  readonly siteCode: string;
  readonly from: string;
  readonly to: string;
  readonly changedAt: Date;
  readonly byAgencyId: string;
}

export interface AgendaIncidentView {
  readonly incidentId: string;
  readonly siteId: string;
  readonly siteCode: string;
  readonly jointCaseId: string | null;
  readonly reportedAt: Date;
  readonly classifiedAt: Date;
  readonly status: 'open' | 'closed';
}

/** What a meeting should go through, generated from the log when it is read. */
export interface AgendaView {
  /** The time of reading: what is overdue or open is judged at this instant. */
  readonly asOf: Date;
  /** What changed since: the previous meeting of the same province or site, or 30 days before the first. */
  readonly since: Date;
  readonly previousMeetingId: string | null;
  readonly overdueHandoffs: readonly AgendaHandoffView[];
  readonly declinedHandoffs: readonly AgendaHandoffView[];
  /** Handoffs still open (unanswered, or accepted and not completed) with an agency suspended now. */
  readonly suspendedAgencyHandoffs: readonly AgendaSuspendedHandoffView[];
  readonly missedDeadlines: readonly AgendaMissedDeadlineView[];
  readonly upcomingHearings: readonly AgendaHearingView[];
  readonly siteStatusChanges: readonly AgendaSiteStatusChangeView[];
  readonly levelOneIncidents: readonly AgendaIncidentView[];
  readonly openActionPoints: readonly ActionPointView[];
}

export type MeetingCursor = readonly [string, string];

export interface MeetingListFilter {
  readonly province?: MeetingProvince;
  readonly siteCode?: string;
  /** True: meetings from now on, soonest first. Otherwise every meeting, latest first. */
  readonly upcoming: boolean;
  readonly now: Date;
  /** Rows to fetch (a page and one more). */
  readonly limit: number;
  /** Sort key of the last row already seen: [scheduledFor ISO, meetingId]. */
  readonly after: MeetingCursor | null;
}

export interface MyActionPointsFilter {
  readonly ownerAgencyId: string;
  readonly openOnly: boolean;
  readonly dueBefore: Date | null;
  readonly now: Date;
  readonly limit: number;
  /** Sort key of the last row already seen: [dueBy ISO, actionPointId]. */
  readonly after: MeetingCursor | null;
}

export interface MeetingReadModel {
  meeting(meetingId: string, reader: MeetingReader): Promise<MeetingView | undefined>;
  meetings(filter: MeetingListFilter, reader: MeetingReader): Promise<MeetingView[]>;
  /** A meeting's action points, in the order they were recorded. */
  actionPoints(meetingId: string, now: Date): Promise<ActionPointView[]>;
  decisions(meetingId: string): Promise<DecisionView[]>;
  /** The latest minutes, or null while none are recorded. */
  minutes(meetingId: string): Promise<MinutesView | null>;
  /** The owner's queue: soonest due first. */
  myActionPoints(filter: MyActionPointsFilter): Promise<ActionPointView[]>;
  agenda(meeting: MeetingView, now: Date, suspended: readonly SuspendedAgency[]): Promise<AgendaView>;
}

export const MEETING_READ_MODEL = Symbol.for('pamoja.coordination.MeetingReadModel');
