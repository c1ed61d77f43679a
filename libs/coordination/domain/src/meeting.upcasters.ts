import { type EventUpcaster } from '@pamoja/contracts';
import { type MeetingScheduled } from './meeting.events.js';

type MeetingScheduledV1Data = Omit<MeetingScheduled['data'], 'language'>;

/** MeetingScheduled v1 → v2: a meeting scheduled before meetings had a language was held in French. */
export function upcastMeetingScheduledV1(data: MeetingScheduledV1Data): MeetingScheduled['data'] {
  return { ...data, language: 'fr' };
}

/** Old shapes of meeting events; the store applies them as it reads, nothing else upcasts. */
export const MEETING_UPCASTERS: readonly EventUpcaster[] = [
  {
    type: 'MeetingScheduled',
    fromVersion: 1,
    upcast: (data) => upcastMeetingScheduledV1(data as MeetingScheduledV1Data),
  },
];
