import { v5 as uuidv5 } from 'uuid';
import { Command } from '@nestjs/cqrs';
import { handleCommand, type ClientCommandContext, type EventStore, domainEventReader } from '@pamoja/event-store';
import {
  PROSECUTION_EVENT_TYPES,
  prosecutionDecider,
  prosecutionStreamId,
  type ProsecutionCommand,
  type ProsecutionEvent,
  type ProsecutionState,
  type ProsecutionStatus,
} from '@pamoja/prosecutions/domain';

export interface ProsecutionCommandResult {
  readonly prosecutionId: string;
  readonly jointCaseId: string;
  readonly status: ProsecutionStatus;
  readonly revision: number;
  /** The charge, hearing, restitution or appeal the command created or acted on; null for the whole case. */
  readonly itemId: string | null;
  /** True when the command id had been handled before: nothing new was written. */
  readonly replayed: boolean;
  readonly position: { readonly transactionId: number; readonly globalPosition: number } | undefined;
}

/** One bus message for every prosecution command: the decider tells them apart by `type`. */
export class ProsecutionCommandMessage extends Command<ProsecutionCommandResult> {
  constructor(
    readonly command: ProsecutionCommand,
    readonly context: ClientCommandContext,
  ) {
    super();
  }
}

const toDomainEvent = domainEventReader<ProsecutionEvent>(PROSECUTION_EVENT_TYPES);

function itemIdOf(command: ProsecutionCommand): string | null {
  switch (command.type) {
    case 'ReceiveCaseFile':
    case 'CloseProsecution':
      return null;
    case 'FileCharges':
    case 'RenderVerdict':
    case 'ImposeSentence':
      return command.data.chargeId;
    case 'ScheduleHearing':
    case 'RecordHearingHeld':
      return command.data.hearingId;
    case 'OrderRestitution':
      return command.data.restitutionId;
    case 'FileAppeal':
      return command.data.appealId;
  }
}

export async function runProsecutionCommand(
  store: EventStore,
  message: ProsecutionCommandMessage,
): Promise<ProsecutionCommandResult> {
  const { command, context } = message;
  const outcome = await handleCommand(
    store,
    prosecutionDecider,
    prosecutionStreamId(command.data.prosecutionId),
    command,
    {
      ...context,
      jointCaseId: command.type === 'ReceiveCaseFile' ? command.data.jointCaseId : null,
      now: command.metadata.now,
    },
    {
      toDomainEvent,
      jointCaseIdOf: (state: ProsecutionState) => (state.status === 'none' ? null : state.jointCaseId),
    },
  );
  const state = outcome.state;
  if (state.status === 'none') throw new Error('a prosecution command left no prosecution behind');
  return {
    prosecutionId: state.prosecutionId,
    jointCaseId: state.jointCaseId,
    status: state.status,
    revision: outcome.revision,
    itemId: itemIdOf(command),
    replayed: outcome.replayed,
    position: outcome.position,
  };
}

/** Namespace for prosecution ids derived from the case file's id (UUID v5): fixed forever. */
const PROSECUTION_NAMESPACE = '8a4c2e6f-3b1d-5f7a-9c0e-2d4f6a8b0c1e';
/** Namespace for charge, hearing, restitution and appeal ids derived from their command's id: fixed forever. */
const ITEM_NAMESPACE = 'c1d3e5f7-a9b2-5c4d-8e6f-0a1b2c3d4e5f';

/**
 * One prosecution per case file: its id derives from the case file's, so a second receipt of the same
 * file (another clerk, another device) meets `case_file_already_received` instead of opening a twin.
 */
export function prosecutionIdForCaseFile(caseFileId: string): string {
  return uuidv5(caseFileId.toLowerCase(), PROSECUTION_NAMESPACE);
}

export function prosecutionItemIdFor(commandId: string): string {
  return uuidv5(commandId, ITEM_NAMESPACE);
}
