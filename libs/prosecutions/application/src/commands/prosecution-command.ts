import { idDerivedFrom } from '@pamoja/contracts';
import { commandRunner } from '@pamoja/event-store';
import {
  parseProsecutionCommand,
  PROSECUTION_EVENT_TYPES,
  prosecutionDecider,
  prosecutionStreamId,
  type ProsecutionCommand,
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

/**
 * The charge, hearing, restitution or appeal a command created or acted on (an appeal before the charge it is
 * against); null for the whole prosecution. Read from the command's own ids, so a new command needs nothing here.
 */
function itemIdOf(command: ProsecutionCommand): string | null {
  const data = command.data;
  if ('hearingId' in data) return data.hearingId;
  if ('appealId' in data) return data.appealId;
  if ('restitutionId' in data) return data.restitutionId;
  if ('chargeId' in data) return data.chargeId;
  return null;
}

/** Every prosecution command: parsed at the edge, decided on the prosecution's stream, answered with its item. */
export const prosecutionCommands = commandRunner({
  name: 'prosecution',
  parse: parseProsecutionCommand,
  decider: prosecutionDecider,
  eventTypes: PROSECUTION_EVENT_TYPES,
  streamId: (command: ProsecutionCommand) => prosecutionStreamId(command.data.prosecutionId),
  // The case file came from a police unit of the directory (suspended since or not: the file is here).
  references: (command) =>
    command.type === 'ReceiveCaseFile'
      ? [
          {
            field: 'fromPoliceAgencyId',
            agencyId: command.data.fromPoliceAgencyId,
            agencyTypes: ['police'],
            includeSuspended: true,
          },
        ]
      : [],
  jointCaseId: {
    ofCommand: (command) => (command.type === 'ReceiveCaseFile' ? command.data.jointCaseId : null),
    ofState: (state: ProsecutionState) => (state.status === 'none' ? null : state.jointCaseId),
  },
  result: (outcome, command): ProsecutionCommandResult => {
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
  },
});

/** Namespace for prosecution ids derived from the case file's id (UUID v5): fixed forever. */
const PROSECUTION_NAMESPACE = '8a4c2e6f-3b1d-5f7a-9c0e-2d4f6a8b0c1e';
/** Namespace for charge, hearing, restitution and appeal ids derived from their command's id: fixed forever. */
const ITEM_NAMESPACE = 'c1d3e5f7-a9b2-5c4d-8e6f-0a1b2c3d4e5f';

/**
 * One prosecution per case file: its id derives from the case file's, so a second receipt of the same
 * file (another clerk, another device) meets `case_file_already_received` instead of opening a twin.
 */
export function prosecutionIdForCaseFile(caseFileId: string): string {
  return idDerivedFrom(caseFileId, caseFileId.toLowerCase(), PROSECUTION_NAMESPACE);
}

export function prosecutionItemIdFor(commandId: string): string {
  return idDerivedFrom(commandId, commandId, ITEM_NAMESPACE);
}
