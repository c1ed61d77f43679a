import { type Actor, type Decider, NotFoundError, RuleViolationError } from '@pamoja/contracts';
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
import { COORDINATION_AGENCY_TYPE } from './meeting.vocabularies.js';

/**
 * The meetings' domain rules: who convenes and keeps the record, on which state. The command is parsed
 * before it comes here (`parseMeetingCommand`): its input is already well formed.
 */

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

function schedule({ data, metadata: { actor, now } }: ScheduleMeeting, state: MeetingState): MeetingScheduled {
  assertCoordinationBody(actor, 'schedule a meeting');
  if (state.status !== 'none') {
    throw new RuleViolationError('meeting_already_scheduled', `Meeting ${state.meetingId} is already scheduled`);
  }
  return {
    type: 'MeetingScheduled',
    schemaVersion: 2,
    data: {
      meetingId: data.meetingId,
      title: data.title,
      province: data.province,
      siteCode: data.siteCode,
      scheduledFor: data.scheduledFor.toISOString(),
      participantAgencyTypes: [...data.participantAgencyTypes],
      participantAgencyIds: [...data.participantAgencyIds],
      language: data.language,
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
  return {
    type: 'ActionPointRecorded',
    schemaVersion: 1,
    data: {
      meetingId: meeting.meetingId,
      actionPointId: data.actionPointId,
      description: data.description,
      ownerAgencyId: data.ownerAgencyId,
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
  return {
    type: 'DecisionRecorded',
    schemaVersion: 1,
    data: {
      meetingId: meeting.meetingId,
      decisionId: data.decisionId,
      text: data.text,
      jointCaseId: data.jointCaseId,
      recordedAt: now.toISOString(),
      byAgencyId: actor.agencyId,
    },
  };
}

function recordMinutes({ data, metadata: { actor, now } }: RecordMinutes, state: MeetingState): MinutesRecorded {
  const meeting = openMeeting(state, data.meetingId, actor, 'record minutes');
  return {
    type: 'MinutesRecorded',
    schemaVersion: 1,
    data: { meetingId: meeting.meetingId, text: data.text, recordedAt: now.toISOString(), byAgencyId: actor.agencyId },
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
