import {
  MeetingAgendaHandler,
  MeetingHandler,
  MeetingRecordHandler,
  MeetingsHandler,
  MyActionPointsHandler,
} from './meeting.queries.js';

/** The query handlers of coordination meetings, on the query bus. */
export const MEETING_QUERY_HANDLERS = [
  MeetingHandler,
  MeetingsHandler,
  MeetingRecordHandler,
  MeetingAgendaHandler,
  MyActionPointsHandler,
] as const;
