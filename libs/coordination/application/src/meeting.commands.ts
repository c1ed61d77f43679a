import { v5 as uuidv5 } from 'uuid';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  domainEventReader,
  EVENT_STORE,
  handleCommand,
  type ClientCommandContext,
  type EventStore,
} from '@pamoja/event-store';
import {
  MEETING_EVENT_TYPES,
  meetingDecider,
  meetingStreamId,
  type MeetingCommand,
  type MeetingEvent,
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

/** One bus message for every meeting command: the decider tells them apart by `type`. */
export class MeetingCommandMessage extends Command<MeetingCommandResult> {
  constructor(
    readonly command: MeetingCommand,
    readonly context: ClientCommandContext,
  ) {
    super();
  }
}

/** Namespaces for ids derived from the recording command's id (UUID v5): fixed forever, never change them. */
const MEETING_NAMESPACE = '3e6b1f7a-2c4d-5e8f-9a0b-1c2d3e4f5a6b';
const ACTION_POINT_NAMESPACE = '4f7c2a8b-3d5e-5f9a-8b1c-2d3e4f5a6b7c';
const DECISION_NAMESPACE = '5a8d3b9c-4e6f-5a0b-9c2d-3e4f5a6b7c8d';

/** A retried command finds the same meeting, action point or decision. */
export function meetingIdFor(commandId: string): string {
  return uuidv5(commandId, MEETING_NAMESPACE);
}
export function actionPointIdFor(commandId: string): string {
  return uuidv5(commandId, ACTION_POINT_NAMESPACE);
}
export function decisionIdFor(commandId: string): string {
  return uuidv5(commandId, DECISION_NAMESPACE);
}

const toDomainEvent = domainEventReader<MeetingEvent>(MEETING_EVENT_TYPES);

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

export async function runMeetingCommand(
  store: EventStore,
  message: MeetingCommandMessage,
): Promise<MeetingCommandResult> {
  const { command, context } = message;
  const outcome = await handleCommand(
    store,
    meetingDecider,
    meetingStreamId(command.data.meetingId),
    command,
    // A meeting reviews many cases: its events belong to no one joint case (an action point or decision
    // names its case in its data), so one meeting's events stay together, in order, on the shared feed.
    { ...context, jointCaseId: null, now: command.metadata.now },
    { toDomainEvent },
  );
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
}

/** Every meeting command loads the meeting, decides, and appends. */
@CommandHandler(MeetingCommandMessage)
export class MeetingCommandHandler implements ICommandHandler<MeetingCommandMessage, MeetingCommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(message: MeetingCommandMessage): Promise<MeetingCommandResult> {
    return runMeetingCommand(this.store, message);
  }
}
