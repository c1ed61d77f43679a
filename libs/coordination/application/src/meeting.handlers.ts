import { MeetingCommandHandler } from './meeting.commands.js';
import {
  MeetingAgendaHandler,
  MeetingHandler,
  MeetingRecordHandler,
  MeetingsHandler,
  MyActionPointsHandler,
} from './meeting.queries.js';

/** The command and query handlers of coordination meetings. */
export const MEETING_HANDLERS = [
  MeetingCommandHandler,
  MeetingHandler,
  MeetingsHandler,
  MeetingRecordHandler,
  MeetingAgendaHandler,
  MyActionPointsHandler,
] as const;
