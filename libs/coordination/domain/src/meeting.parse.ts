import { duplicatesOf, type InputParser, parseInput } from '@pamoja/contracts';
import {
  type CloseMeeting,
  type CompleteActionPoint,
  type MeetingCommand,
  type RecordActionPoint,
  type RecordDecision,
  type RecordMinutes,
  type ScheduleMeeting,
  type SentMeetingCommand,
  type SentMeetingCommandOf,
} from './meeting.commands.js';
import {
  isMeetingAgencyType,
  isMeetingLanguage,
  isMeetingProvince,
  MEETING_LIMITS,
  provinceOfSiteCode,
} from './meeting.vocabularies.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A client's meeting command into the domain's value types, once, before `decide`: every field at fault in
 * one InvalidInputError (a client on a poor connection fixes its input in one round trip). Dates are judged
 * against the command's own `now`.
 */
export function parseMeetingCommand(sent: SentMeetingCommand): MeetingCommand {
  switch (sent.type) {
    case 'ScheduleMeeting':
      return parseInput((p) => parseSchedule(p, sent));
    case 'RecordActionPoint':
      return parseInput((p) => parseActionPoint(p, sent));
    case 'RecordDecision':
      return parseInput((p) => parseDecision(p, sent));
    case 'RecordMinutes':
      return parseInput((p) => parseMinutes(p, sent));
    case 'CompleteActionPoint':
    case 'CloseMeeting':
      return sent satisfies CompleteActionPoint | CloseMeeting;
  }
}

function parseSchedule(p: InputParser, { data, metadata }: SentMeetingCommandOf<'ScheduleMeeting'>): ScheduleMeeting {
  const now = metadata.now.getTime();
  uuid(p, 'meetingId', data.meetingId);
  const title = p.text('title', data.title, MEETING_LIMITS.maxTitleLength);
  const provinceKnown = isMeetingProvince(data.province);
  if (!provinceKnown) p.add('province', 'must be NK (North Kivu) or SK (South Kivu)');
  if (data.siteCode !== null) {
    const siteProvince = provinceOfSiteCode(data.siteCode);
    if (siteProvince === null) {
      p.add('siteCode', 'must be a registry code like NK-MAS-014: province NK or SK, three letters, three digits');
    } else if (provinceKnown && siteProvince !== data.province) {
      p.add('siteCode', `a site of ${siteProvince} cannot be covered by a meeting of ${data.province}`);
    }
  }
  if (!isMeetingLanguage(data.language)) p.add('language', 'must be fr (French), sw (Swahili) or en (English)');
  const scheduledFor = instant(p, 'scheduledFor', data.scheduledFor);
  if (scheduledFor !== undefined) {
    if (scheduledFor < now - MEETING_LIMITS.maxDaysInPast * DAY_MS) {
      p.add('scheduledFor', `must be at most ${MEETING_LIMITS.maxDaysInPast} days in the past`);
    } else if (scheduledFor > now + MEETING_LIMITS.maxDaysAhead * DAY_MS) {
      p.add('scheduledFor', `must be at most ${MEETING_LIMITS.maxDaysAhead} days ahead`);
    }
  }
  const types = data.participantAgencyTypes;
  // Commands come from untyped input: an id may be anything.
  const ids = data.participantAgencyIds.map((id: unknown) => (typeof id === 'string' ? id.trim() : ''));
  if (types.length === 0 && ids.length === 0) {
    p.add('participantAgencyTypes', 'name at least one participating agency type or agency id');
  }
  for (const type of types.filter((t) => !isMeetingAgencyType(t))) {
    p.add('participantAgencyTypes', `${String(type)} is not an agency type that takes part in meetings`);
  }
  if (duplicatesOf(types).length > 0) p.add('participantAgencyTypes', 'must not repeat an agency type');
  if (types.length + ids.length > MEETING_LIMITS.maxParticipants) {
    p.add('participantAgencyIds', `at most ${MEETING_LIMITS.maxParticipants} participants`);
  }
  if (ids.some((id) => id === '' || id.length > MEETING_LIMITS.maxAgencyIdLength)) {
    p.add('participantAgencyIds', `each agency id must be 1 to ${MEETING_LIMITS.maxAgencyIdLength} characters`);
  }
  if (duplicatesOf(ids).length > 0) p.add('participantAgencyIds', 'must not repeat an agency id');
  return { type: 'ScheduleMeeting', metadata, data: { ...data, title, participantAgencyIds: ids } };
}

function parseActionPoint(
  p: InputParser,
  { data, metadata }: SentMeetingCommandOf<'RecordActionPoint'>,
): RecordActionPoint {
  const now = metadata.now.getTime();
  uuid(p, 'actionPointId', data.actionPointId);
  const description = p.text('description', data.description, MEETING_LIMITS.maxTextLength);
  const ownerAgencyId = p.text('ownerAgencyId', data.ownerAgencyId, MEETING_LIMITS.maxAgencyIdLength);
  if (!isMeetingAgencyType(data.ownerAgencyType)) {
    p.add('ownerAgencyType', `${String(data.ownerAgencyType)} cannot own an action point`);
  }
  const dueBy = instant(p, 'dueBy', data.dueBy);
  if (dueBy !== undefined) {
    if (dueBy < now) p.add('dueBy', 'must not be in the past');
    else if (dueBy > now + MEETING_LIMITS.maxActionPointDueDays * DAY_MS) {
      p.add('dueBy', `must be at most ${MEETING_LIMITS.maxActionPointDueDays} days ahead`);
    }
  }
  jointCaseId(p, data.jointCaseId);
  return { type: 'RecordActionPoint', metadata, data: { ...data, description, ownerAgencyId } };
}

function parseDecision(p: InputParser, { data, metadata }: SentMeetingCommandOf<'RecordDecision'>): RecordDecision {
  uuid(p, 'decisionId', data.decisionId);
  const text = p.text('text', data.text, MEETING_LIMITS.maxTextLength);
  jointCaseId(p, data.jointCaseId);
  return { type: 'RecordDecision', metadata, data: { ...data, text } };
}

function parseMinutes(p: InputParser, { data, metadata }: SentMeetingCommandOf<'RecordMinutes'>): RecordMinutes {
  const text = p.text('text', data.text, MEETING_LIMITS.maxMinutesLength);
  return { type: 'RecordMinutes', metadata, data: { ...data, text } };
}

function uuid(p: InputParser, field: string, value: string): void {
  if (typeof value !== 'string' || !UUID.test(value)) p.add(field, 'must be a UUID');
}

/** The instant's time, or undefined (and a problem) when it is no valid date. */
function instant(p: InputParser, field: string, value: Date): number | undefined {
  const time = value instanceof Date ? value.getTime() : Number.NaN;
  if (Number.isNaN(time)) {
    p.add(field, 'is not a valid date');
    return undefined;
  }
  return time;
}

/** Joint case ids are UUIDs everywhere; anything else would point at a case nobody can find. */
function jointCaseId(p: InputParser, value: string | null): void {
  if (value !== null && !UUID.test(value)) p.add('jointCaseId', 'must be null or a UUID');
}
