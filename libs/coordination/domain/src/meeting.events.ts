import { type DomainEvent } from '@pamoja/contracts';
import { type MeetingAgencyType, type MeetingLanguage, type MeetingProvince } from './meeting.vocabularies.js';

// Event data is plain JSON: instants are ISO-8601 UTC strings, absent values are null (never undefined).
// Who acted (the user) travels in the envelope metadata; data names only agencies.

export interface MeetingScheduled extends DomainEvent<
  'MeetingScheduled',
  {
    readonly meetingId: string;
    readonly title: string;
    readonly province: MeetingProvince;
    /** When the meeting covers one mine site of the province; null for the whole province. */
    readonly siteCode: string | null;
    readonly scheduledFor: string;
    readonly participantAgencyTypes: readonly MeetingAgencyType[];
    readonly participantAgencyIds: readonly string[];
    /** The language the meeting is held and minuted in (version 2; a version-1 meeting was in French). */
    readonly language: MeetingLanguage;
    readonly scheduledAt: string;
    readonly byAgencyId: string;
  }
> {
  readonly schemaVersion: 2;
}

export interface ActionPointRecorded extends DomainEvent<
  'ActionPointRecorded',
  {
    readonly meetingId: string;
    readonly actionPointId: string;
    readonly description: string;
    readonly ownerAgencyId: string;
    readonly ownerAgencyType: MeetingAgencyType;
    readonly dueBy: string;
    readonly jointCaseId: string | null;
    readonly recordedAt: string;
    readonly byAgencyId: string;
  }
> {
  readonly schemaVersion: 1;
}

export interface ActionPointCompleted extends DomainEvent<
  'ActionPointCompleted',
  {
    readonly meetingId: string;
    readonly actionPointId: string;
    readonly completedAt: string;
    /** The owner agency, or the coordination body on its behalf. */
    readonly byAgencyId: string;
  }
> {
  readonly schemaVersion: 1;
}

export interface DecisionRecorded extends DomainEvent<
  'DecisionRecorded',
  {
    readonly meetingId: string;
    readonly decisionId: string;
    readonly text: string;
    readonly jointCaseId: string | null;
    readonly recordedAt: string;
    readonly byAgencyId: string;
  }
> {
  readonly schemaVersion: 1;
}

export interface MinutesRecorded extends DomainEvent<
  'MinutesRecorded',
  {
    readonly meetingId: string;
    /** The whole minutes as now written: a later record replaces an earlier one. */
    readonly text: string;
    readonly recordedAt: string;
    readonly byAgencyId: string;
  }
> {
  readonly schemaVersion: 1;
}

export interface MeetingClosed extends DomainEvent<
  'MeetingClosed',
  { readonly meetingId: string; readonly closedAt: string; readonly byAgencyId: string }
> {
  readonly schemaVersion: 1;
}

export type MeetingEvent =
  MeetingScheduled | ActionPointRecorded | ActionPointCompleted | DecisionRecorded | MinutesRecorded | MeetingClosed;
export type MeetingEventType = MeetingEvent['type'];

export const MEETING_EVENT_TYPES = [
  'MeetingScheduled',
  'ActionPointRecorded',
  'ActionPointCompleted',
  'DecisionRecorded',
  'MinutesRecorded',
  'MeetingClosed',
] as const satisfies readonly MeetingEventType[];

// Fails to compile if an event type is added to the union but not to the list above.
const _allEventTypesListed: MeetingEventType extends (typeof MEETING_EVENT_TYPES)[number] ? true : never = true;

/** Narrows by type name only: it does not validate the data. */
export function isMeetingEvent<T extends { readonly type: string }>(event: T): event is T & MeetingEvent {
  return (MEETING_EVENT_TYPES as readonly string[]).includes(event.type);
}
