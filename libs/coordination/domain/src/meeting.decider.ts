import {
  type Actor,
  type Decider,
  type FieldProblem,
  InvalidInputError,
  NotFoundError,
  RuleViolationError,
} from '@pamoja/contracts';
import {
  type CloseMeeting,
  type CompleteActionPoint,
  type MeetingCommand,
  type RecordActionPoint,
  type RecordDecision,
  type RecordMinutes,
  type ScheduleMeeting,
} from './meeting.commands.js';
import {
  type ActionPointCompleted,
  type ActionPointRecorded,
  type DecisionRecorded,
  type MeetingClosed,
  type MeetingEvent,
  type MeetingScheduled,
  type MinutesRecorded,
} from './meeting.events.js';
import { type MeetingState, NO_MEETING, type ScheduledMeeting } from './meeting.state.js';
import {
  COORDINATION_AGENCY_TYPE,
  isMeetingAgencyType,
  isMeetingProvince,
  MEETING_LIMITS,
  provinceOfSiteCode,
} from './meeting.vocabulary.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY_MS = 24 * 60 * 60 * 1000;

export function meetingStreamId(meetingId: string): `meeting-${string}` {
  return `meeting-${meetingId}`;
}

export const meetingDecider: Decider<MeetingCommand, MeetingEvent, MeetingState> = {
  initialState: NO_MEETING,
  decide,
  evolve,
};

function decide(command: MeetingCommand, state: MeetingState): MeetingEvent[] {
  switch (command.type) {
    case 'ScheduleMeeting':
      return [schedule(command, state)];
    case 'RecordActionPoint':
      return [recordActionPoint(command, state)];
    case 'CompleteActionPoint':
      return [completeActionPoint(command, state)];
    case 'RecordDecision':
      return [recordDecision(command, state)];
    case 'RecordMinutes':
      return [recordMinutes(command, state)];
    case 'CloseMeeting':
      return [close(command, state)];
  }
}

function evolve(state: MeetingState, event: MeetingEvent): MeetingState {
  if (event.type === 'MeetingScheduled') {
    const { meetingId, province, siteCode, byAgencyId } = event.data;
    return {
      status: 'scheduled',
      meetingId,
      convenedBy: byAgencyId,
      province,
      siteCode,
      actionPoints: {},
      decisionIds: [],
    };
  }
  // Nothing can precede MeetingScheduled in a stream; ignoring such an event keeps evolve total.
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'ActionPointRecorded': {
      const { actionPointId, ownerAgencyId, jointCaseId } = event.data;
      return {
        ...state,
        actionPoints: { ...state.actionPoints, [actionPointId]: { ownerAgencyId, jointCaseId, completed: false } },
      };
    }
    case 'ActionPointCompleted': {
      const point = state.actionPoints[event.data.actionPointId];
      if (!point) return state;
      return {
        ...state,
        actionPoints: { ...state.actionPoints, [event.data.actionPointId]: { ...point, completed: true } },
      };
    }
    case 'DecisionRecorded':
      return { ...state, decisionIds: [...state.decisionIds, event.data.decisionId] };
    case 'MinutesRecorded':
      return state;
    case 'MeetingClosed':
      return { ...state, status: 'closed' };
  }
}

/** Collects every problem of a command, so a client on a poor connection fixes its input in one round trip. */
class Problems {
  private readonly list: FieldProblem[] = [];

  add(field: string, reason: string): void {
    this.list.push({ field, reason });
  }

  text(field: string, value: string, max: number): string {
    const text = typeof value === 'string' ? value.trim() : '';
    if (text === '') this.add(field, 'is required');
    else if (text.length > max) this.add(field, `must be at most ${max} characters`);
    return text;
  }

  instant(field: string, value: Date): number | undefined {
    const time = value instanceof Date ? value.getTime() : Number.NaN;
    if (Number.isNaN(time)) {
      this.add(field, 'is not a valid date');
      return undefined;
    }
    return time;
  }

  jointCaseId(value: string | null): void {
    // Joint case ids are UUIDs everywhere; anything else would point at a case nobody can find.
    if (value !== null && !UUID.test(value)) this.add('jointCaseId', 'must be null or a UUID');
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw new InvalidInputError(this.list);
  }
}

function schedule({ data, metadata: { actor, now } }: ScheduleMeeting, state: MeetingState): MeetingScheduled {
  assertCoordinationBody(actor, 'schedule a meeting');
  if (state.status !== 'none') {
    throw new RuleViolationError('meeting_already_scheduled', `Meeting ${state.meetingId} is already scheduled`);
  }
  const problems = new Problems();
  if (typeof data.meetingId !== 'string' || !UUID.test(data.meetingId)) problems.add('meetingId', 'must be a UUID');
  const title = problems.text('title', data.title, MEETING_LIMITS.maxTitleLength);
  const provinceKnown = isMeetingProvince(data.province);
  if (!provinceKnown) problems.add('province', 'must be NK (North Kivu) or SK (South Kivu)');
  if (data.siteCode !== null) {
    const siteProvince = provinceOfSiteCode(data.siteCode);
    if (siteProvince === null) {
      problems.add(
        'siteCode',
        'must be a registry code like NK-MAS-014: province NK or SK, three letters, three digits',
      );
    } else if (provinceKnown && siteProvince !== data.province) {
      problems.add('siteCode', `a site of ${siteProvince} cannot be covered by a meeting of ${data.province}`);
    }
  }
  const scheduledFor = problems.instant('scheduledFor', data.scheduledFor);
  if (scheduledFor !== undefined) {
    if (scheduledFor < now.getTime() - MEETING_LIMITS.maxDaysInPast * DAY_MS) {
      problems.add('scheduledFor', `must be at most ${MEETING_LIMITS.maxDaysInPast} days in the past`);
    } else if (scheduledFor > now.getTime() + MEETING_LIMITS.maxDaysAhead * DAY_MS) {
      problems.add('scheduledFor', `must be at most ${MEETING_LIMITS.maxDaysAhead} days ahead`);
    }
  }
  const types = data.participantAgencyTypes;
  const ids = data.participantAgencyIds.map((id) => (typeof id === 'string' ? id.trim() : ''));
  if (types.length === 0 && ids.length === 0) {
    problems.add('participantAgencyTypes', 'name at least one participating agency type or agency id');
  }
  for (const type of types.filter((t) => !isMeetingAgencyType(t))) {
    problems.add('participantAgencyTypes', `${String(type)} is not an agency type that takes part in meetings`);
  }
  if (new Set(types).size !== types.length) problems.add('participantAgencyTypes', 'must not repeat an agency type');
  if (types.length + ids.length > MEETING_LIMITS.maxParticipants) {
    problems.add('participantAgencyIds', `at most ${MEETING_LIMITS.maxParticipants} participants`);
  }
  if (ids.some((id) => id === '' || id.length > MEETING_LIMITS.maxAgencyIdLength)) {
    problems.add('participantAgencyIds', `each agency id must be 1 to ${MEETING_LIMITS.maxAgencyIdLength} characters`);
  }
  if (new Set(ids).size !== ids.length) problems.add('participantAgencyIds', 'must not repeat an agency id');
  problems.throwIfAny();

  return {
    type: 'MeetingScheduled',
    schemaVersion: 1,
    data: {
      meetingId: data.meetingId,
      title,
      province: data.province,
      siteCode: data.siteCode,
      scheduledFor: data.scheduledFor.toISOString(),
      participantAgencyTypes: [...types],
      participantAgencyIds: ids,
      scheduledAt: now.toISOString(),
      byAgencyId: actor.agencyId,
    },
  };
}

function recordActionPoint(
  { data, metadata: { actor, now } }: RecordActionPoint,
  state: MeetingState,
): ActionPointRecorded {
  const meeting = openMeeting(state, data.meetingId, actor, 'record an action point');
  if (meeting.actionPoints[data.actionPointId]) {
    throw new RuleViolationError(
      'action_point_already_recorded',
      `Action point ${data.actionPointId} is already recorded`,
    );
  }
  const problems = new Problems();
  if (typeof data.actionPointId !== 'string' || !UUID.test(data.actionPointId)) {
    problems.add('actionPointId', 'must be a UUID');
  }
  const description = problems.text('description', data.description, MEETING_LIMITS.maxTextLength);
  const ownerAgencyId = problems.text('ownerAgencyId', data.ownerAgencyId, MEETING_LIMITS.maxAgencyIdLength);
  if (!isMeetingAgencyType(data.ownerAgencyType)) {
    problems.add('ownerAgencyType', `${String(data.ownerAgencyType)} cannot own an action point`);
  }
  const dueBy = problems.instant('dueBy', data.dueBy);
  if (dueBy !== undefined) {
    if (dueBy < now.getTime()) problems.add('dueBy', 'must not be in the past');
    else if (dueBy > now.getTime() + MEETING_LIMITS.maxActionPointDueDays * DAY_MS) {
      problems.add('dueBy', `must be at most ${MEETING_LIMITS.maxActionPointDueDays} days ahead`);
    }
  }
  problems.jointCaseId(data.jointCaseId);
  problems.throwIfAny();

  return {
    type: 'ActionPointRecorded',
    schemaVersion: 1,
    data: {
      meetingId: meeting.meetingId,
      actionPointId: data.actionPointId,
      description,
      ownerAgencyId,
      ownerAgencyType: data.ownerAgencyType,
      dueBy: data.dueBy.toISOString(),
      jointCaseId: data.jointCaseId,
      recordedAt: now.toISOString(),
      byAgencyId: actor.agencyId,
    },
  };
}

/**
 * The owner reports its action point done, or the coordination body records it. This stays possible after
 * the meeting is closed: action points are followed up between meetings.
 */
function completeActionPoint(
  { data, metadata: { actor, now } }: CompleteActionPoint,
  state: MeetingState,
): ActionPointCompleted {
  const meeting = scheduled(state, data.meetingId);
  const point = meeting.actionPoints[data.actionPointId];
  if (!point) {
    throw new RuleViolationError(
      'action_point_unknown',
      `Meeting ${meeting.meetingId} has no action point ${data.actionPointId}`,
    );
  }
  if (actor.agencyId !== point.ownerAgencyId && actor.agencyType !== COORDINATION_AGENCY_TYPE) {
    throw new RuleViolationError(
      'only_owner_or_coordination_body',
      'Only the agency that owns the action point, or the coordination body, may complete it',
    );
  }
  if (point.completed) {
    throw new RuleViolationError(
      'action_point_already_completed',
      `Action point ${data.actionPointId} is already completed`,
    );
  }
  return {
    type: 'ActionPointCompleted',
    schemaVersion: 1,
    data: {
      meetingId: meeting.meetingId,
      actionPointId: data.actionPointId,
      completedAt: now.toISOString(),
      byAgencyId: actor.agencyId,
    },
  };
}

function recordDecision({ data, metadata: { actor, now } }: RecordDecision, state: MeetingState): DecisionRecorded {
  const meeting = openMeeting(state, data.meetingId, actor, 'record a decision');
  if (meeting.decisionIds.includes(data.decisionId)) {
    throw new RuleViolationError('decision_already_recorded', `Decision ${data.decisionId} is already recorded`);
  }
  const problems = new Problems();
  if (typeof data.decisionId !== 'string' || !UUID.test(data.decisionId)) problems.add('decisionId', 'must be a UUID');
  const text = problems.text('text', data.text, MEETING_LIMITS.maxTextLength);
  problems.jointCaseId(data.jointCaseId);
  problems.throwIfAny();
  return {
    type: 'DecisionRecorded',
    schemaVersion: 1,
    data: {
      meetingId: meeting.meetingId,
      decisionId: data.decisionId,
      text,
      jointCaseId: data.jointCaseId,
      recordedAt: now.toISOString(),
      byAgencyId: actor.agencyId,
    },
  };
}

function recordMinutes({ data, metadata: { actor, now } }: RecordMinutes, state: MeetingState): MinutesRecorded {
  const meeting = openMeeting(state, data.meetingId, actor, 'record minutes');
  const problems = new Problems();
  const text = problems.text('text', data.text, MEETING_LIMITS.maxMinutesLength);
  problems.throwIfAny();
  return {
    type: 'MinutesRecorded',
    schemaVersion: 1,
    data: { meetingId: meeting.meetingId, text, recordedAt: now.toISOString(), byAgencyId: actor.agencyId },
  };
}

function close({ data, metadata: { actor, now } }: CloseMeeting, state: MeetingState): MeetingClosed {
  const meeting = openMeeting(state, data.meetingId, actor, 'close a meeting');
  return {
    type: 'MeetingClosed',
    schemaVersion: 1,
    data: { meetingId: meeting.meetingId, closedAt: now.toISOString(), byAgencyId: actor.agencyId },
  };
}

function scheduled(state: MeetingState, meetingId: string): ScheduledMeeting {
  if (state.status === 'none') throw new NotFoundError('Meeting', meetingId);
  return state;
}

/** A scheduled meeting, not closed, acted on by the coordination body that convened it: it keeps the record. */
function openMeeting(state: MeetingState, meetingId: string, actor: Actor, what: string): ScheduledMeeting {
  const meeting = scheduled(state, meetingId);
  assertCoordinationBody(actor, what);
  if (actor.agencyId !== meeting.convenedBy) {
    throw new RuleViolationError(
      'only_convening_body',
      `Only the coordination body that convened meeting ${meeting.meetingId} may ${what}`,
    );
  }
  if (meeting.status === 'closed') {
    throw new RuleViolationError('meeting_closed', `Meeting ${meeting.meetingId} is closed: nothing more is recorded`);
  }
  return meeting;
}

/** The coordination body convenes the meetings and keeps their record. */
function assertCoordinationBody(actor: Actor, what: string): void {
  if (actor.agencyType !== COORDINATION_AGENCY_TYPE) {
    throw new RuleViolationError('only_coordination_body', `Only the coordination body may ${what}`);
  }
}
