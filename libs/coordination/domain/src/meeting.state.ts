import { type MeetingProvince } from './meeting.vocabularies.js';

export interface NoMeeting {
  readonly status: 'none';
}

export interface MeetingActionPointState {
  readonly ownerAgencyId: string;
  readonly jointCaseId: string | null;
  readonly completed: boolean;
}

/** Only what decisions need; the read model keeps the rest. */
export interface ScheduledMeeting {
  readonly status: 'scheduled' | 'closed';
  readonly meetingId: string;
  /** The coordination body that convened it: the one that keeps its record. */
  readonly convenedBy: string;
  readonly province: MeetingProvince;
  readonly siteCode: string | null;
  readonly actionPoints: Readonly<Record<string, MeetingActionPointState>>;
  readonly decisionIds: readonly string[];
}

export type MeetingState = NoMeeting | ScheduledMeeting;

export const NO_MEETING: NoMeeting = Object.freeze({ status: 'none' });
