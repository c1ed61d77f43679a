import { v5 as uuidv5 } from 'uuid';
import { commandRunner } from '@pamoja/event-store';
import {
  INVESTIGATION_EVENT_TYPES,
  investigationDecider,
  investigationStreamId,
  parseInvestigationCommand,
  type InvestigationCommand,
  type InvestigationState,
  type InvestigationStatus,
} from '@pamoja/investigations/domain';

export interface InvestigationCommandResult {
  readonly investigationId: string;
  readonly jointCaseId: string;
  readonly status: InvestigationStatus;
  readonly revision: number;
  /** True when the command id had been handled before: nothing new was written. */
  readonly replayed: boolean;
  /** Undefined when nothing was written (e.g. a deadline not yet missed, or already recorded). */
  readonly position: { readonly transactionId: number; readonly globalPosition: number } | undefined;
}

/**
 * Every investigation command, sent by a person or by the platform (a missed acknowledgement deadline,
 * the prosecutor's receipt of a case file): parsed at the edge, decided on the investigation's stream.
 */
export const investigationCommands = commandRunner({
  name: 'investigation',
  parse: parseInvestigationCommand,
  decider: investigationDecider,
  eventTypes: INVESTIGATION_EVENT_TYPES,
  streamId: (command: InvestigationCommand) => investigationStreamId(command.data.investigationId),
  // Evidence goes to a police unit or a prosecutor's office, a case file to a prosecutor's office, of the directory.
  references: (command) => {
    if (command.type === 'RecordCustodyTransfer') {
      return [{ field: 'to.agencyId', agencyId: command.data.to.agencyId, agencyTypes: ['police', 'prosecutor'] }];
    }
    if (command.type === 'TransmitCaseFile') {
      return [
        { field: 'toProsecutorOfficeId', agencyId: command.data.toProsecutorOfficeId, agencyTypes: ['prosecutor'] },
      ];
    }
    return [];
  },
  jointCaseId: {
    ofCommand: (command) => (command.type === 'OpenInvestigation' ? command.data.jointCaseId : null),
    ofState: (state: InvestigationState) => (state.status === 'none' ? null : state.jointCaseId),
  },
  result: (outcome): InvestigationCommandResult => {
    const state = outcome.state;
    if (state.status === 'none') throw new Error('an investigation command left no investigation behind');
    return {
      investigationId: state.investigationId,
      jointCaseId: state.jointCaseId,
      status: state.status,
      revision: outcome.revision,
      replayed: outcome.replayed,
      position: outcome.position,
    };
  },
});

// Namespaces for ids derived from the creating command's id (UUID v5), so a retry creates the same
// thing: fixed forever, never change them.
const NAMESPACES = {
  investigation: '5a8e2c4d-7f1b-5c3e-9d2a-4b6c8e0f1a3b',
  evidence: '9c2e4a6b-8d0f-5b1c-a3e5-7f9b1d3c5e7a',
  suspect: '2b4d6f8a-0c1e-5d3f-b5a7-9c1e3f5b7d9c',
  caseFile: '4d6f8b0c-2e3a-5f5b-87c9-1e3a5b7d9f1e',
  deadline: '6e8a0c2d-4f5b-5a7c-99e1-3a5c7e9b1d3f',
} as const;

export function investigationIdFor(commandId: string): string {
  return uuidv5(commandId, NAMESPACES.investigation);
}

export function evidenceIdFor(commandId: string): string {
  return uuidv5(commandId, NAMESPACES.evidence);
}

export function suspectIdFor(commandId: string): string {
  return uuidv5(commandId, NAMESPACES.suspect);
}

export function caseFileIdFor(commandId: string): string {
  return uuidv5(commandId, NAMESPACES.caseFile);
}

/** The one command id for "this case file's deadline was missed", however often the watcher runs. */
export function caseFileDeadlineCommandId(investigationId: string, caseFileId: string): string {
  return uuidv5(`${investigationId}/${caseFileId}`, NAMESPACES.deadline);
}
