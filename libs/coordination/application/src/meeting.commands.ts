import { idDerivedFrom } from '@pamoja/contracts';
import { commandRunner } from '@pamoja/event-store';
import {
  MEETING_EVENT_TYPES,
  meetingDecider,
  meetingStreamId,
  parseMeetingCommand,
  type MeetingCommand,
} from '@pamoja/coordination/domain';

export interface MeetingCommandResult {
  readonly meetingId: string;
  readonly status: 'scheduled' | 'closed';
  /** The action point or decision the command recorded or completed, when it is about one. */
  readonly itemId: string | null;
  readonly revision: number;
  /** True when the command id had been handled before: nothing new was written. */
  readonly replayed: boolean;
  readonly position: { readonly transactionId: number; readonly globalPosition: number } | undefined;
}

/** Namespaces for ids derived from the recording command's id (UUID v5): fixed forever, never change them. */
const MEETING_NAMESPACE = '3e6b1f7a-2c4d-5e8f-9a0b-1c2d3e4f5a6b';
const ACTION_POINT_NAMESPACE = '4f7c2a8b-3d5e-5f9a-8b1c-2d3e4f5a6b7c';
const DECISION_NAMESPACE = '5a8d3b9c-4e6f-5a0b-9c2d-3e4f5a6b7c8d';

/** A retried command finds the same meeting, action point or decision. */
export function meetingIdFor(commandId: string): string {
  return idDerivedFrom(commandId, commandId, MEETING_NAMESPACE);
}
export function actionPointIdFor(commandId: string): string {
  return idDerivedFrom(commandId, commandId, ACTION_POINT_NAMESPACE);
}
export function decisionIdFor(commandId: string): string {
  return idDerivedFrom(commandId, commandId, DECISION_NAMESPACE);
}

function itemOf(command: MeetingCommand): string | null {
  switch (command.type) {
    case 'RecordActionPoint':
    case 'CompleteActionPoint':
      return command.data.actionPointId;
    case 'RecordDecision':
      return command.data.decisionId;
    case 'ScheduleMeeting':
    case 'RecordMinutes':
    case 'CloseMeeting':
      return null;
  }
}

/** Every meeting command: parsed at the edge, decided on the meeting's stream, answered with its item. */
export const meetingCommands = commandRunner({
  name: 'meeting',
  parse: parseMeetingCommand,
  decider: meetingDecider,
  eventTypes: MEETING_EVENT_TYPES,
  streamId: (command: MeetingCommand) => meetingStreamId(command.data.meetingId),
  // Participants and owners are active agencies of the directory; a meeting's site is a registered one.
  references: (command) => {
    if (command.type === 'ScheduleMeeting') {
      return [
        ...command.data.participantAgencyIds.map((agencyId, index) => ({
          field: `participantAgencyIds[${index}]`,
          agencyId,
        })),
        ...(command.data.siteCode ? [{ field: 'siteCode', siteCode: command.data.siteCode }] : []),
      ];
    }
    if (command.type === 'RecordActionPoint') {
      return [
        {
          field: 'ownerAgencyId',
          agencyId: command.data.ownerAgencyId,
          agencyTypes: [command.data.ownerAgencyType],
        },
      ];
    }
    return [];
  },
  // A meeting reviews many cases: its events belong to no one joint case (an action point or decision
  // names its case in its data), so one meeting's events stay together, in order, on the shared feed.
  jointCaseId: { ofCommand: () => null, ofState: () => null },
  result: (outcome, command): MeetingCommandResult => {
    const state = outcome.state;
    if (state.status === 'none') throw new Error('a meeting command left no meeting behind');
    return {
      meetingId: state.meetingId,
      status: state.status,
      itemId: itemOf(command),
      revision: outcome.revision,
      replayed: outcome.replayed,
      position: outcome.position,
    };
  },
});
