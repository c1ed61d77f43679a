import { type Actor, type Text, type Unparsed } from '@pamoja/contracts';
import { type MeetingAgencyType, type MeetingLanguage, type MeetingProvince } from './meeting.vocabularies.js';

/**
 * Commands as the decider receives them: parsed at the edge (`parseMeetingCommand`), so free text is trimmed
 * `Text` within its limit, ids and vocabularies are well formed and dates are within their windows. A client
 * sends the `Unparsed` form (`SentMeetingCommand`).
 */

/** The actor comes from the verified token; `now` from the application's clock, so the domain stays pure. */
export interface MeetingCommandMetadata {
  readonly actor: Actor;
  readonly now: Date;
}

interface Command<TType extends string, TData> {
  readonly type: TType;
  readonly data: TData;
  readonly metadata: MeetingCommandMetadata;
}

export type ScheduleMeeting = Command<
  'ScheduleMeeting',
  {
    readonly meetingId: string;
    readonly title: Text;
    readonly province: MeetingProvince;
    readonly siteCode: string | null;
    readonly scheduledFor: Date;
    readonly participantAgencyTypes: readonly MeetingAgencyType[];
    readonly participantAgencyIds: readonly string[];
    readonly language: MeetingLanguage;
  }
>;

export type RecordActionPoint = Command<
  'RecordActionPoint',
  {
    readonly meetingId: string;
    readonly actionPointId: string;
    readonly description: Text;
    readonly ownerAgencyId: Text;
    readonly ownerAgencyType: MeetingAgencyType;
    readonly dueBy: Date;
    readonly jointCaseId: string | null;
  }
>;

export type CompleteActionPoint = Command<
  'CompleteActionPoint',
  { readonly meetingId: string; readonly actionPointId: string }
>;

export type RecordDecision = Command<
  'RecordDecision',
  {
    readonly meetingId: string;
    readonly decisionId: string;
    readonly text: Text;
    readonly jointCaseId: string | null;
  }
>;

export type RecordMinutes = Command<'RecordMinutes', { readonly meetingId: string; readonly text: Text }>;

export type CloseMeeting = Command<'CloseMeeting', { readonly meetingId: string }>;

export type MeetingCommand =
  ScheduleMeeting | RecordActionPoint | CompleteActionPoint | RecordDecision | RecordMinutes | CloseMeeting;

/** A meeting command as a client sends it: plain strings, vocabularies and dates unchecked. */
export type SentMeetingCommand = Unparsed<MeetingCommand>;

/** One kind of meeting command as a client sends it. */
export type SentMeetingCommandOf<TType extends MeetingCommand['type']> = Extract<
  SentMeetingCommand,
  { readonly type: TType }
>;
