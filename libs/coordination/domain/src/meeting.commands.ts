import { type Actor } from '@pamoja/contracts';
import { type MeetingAgencyType, type MeetingProvince } from './meeting.vocabulary.js';

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
    readonly title: string;
    readonly province: MeetingProvince;
    readonly siteCode: string | null;
    readonly scheduledFor: Date;
    readonly participantAgencyTypes: readonly MeetingAgencyType[];
    readonly participantAgencyIds: readonly string[];
  }
>;

export type RecordActionPoint = Command<
  'RecordActionPoint',
  {
    readonly meetingId: string;
    readonly actionPointId: string;
    readonly description: string;
    readonly ownerAgencyId: string;
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
    readonly text: string;
    readonly jointCaseId: string | null;
  }
>;

export type RecordMinutes = Command<'RecordMinutes', { readonly meetingId: string; readonly text: string }>;

export type CloseMeeting = Command<'CloseMeeting', { readonly meetingId: string }>;

export type MeetingCommand =
  ScheduleMeeting | RecordActionPoint | CompleteActionPoint | RecordDecision | RecordMinutes | CloseMeeting;
