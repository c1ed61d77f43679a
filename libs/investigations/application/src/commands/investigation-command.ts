import { v5 as uuidv5 } from 'uuid';
import { Command } from '@nestjs/cqrs';
import { type Actor } from '@pamoja/contracts';
import { handleCommand, type ClientCommandContext, type EventStore, domainEventReader } from '@pamoja/event-store';
import {
  INVESTIGATION_EVENT_TYPES,
  investigationDecider,
  investigationStreamId,
  type InvestigationCommand,
  type InvestigationEvent,
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

/** One bus message for every investigation command a person sends: the decider tells them apart by `type`. */
export class InvestigationCommandMessage extends Command<InvestigationCommandResult> {
  constructor(
    readonly command: InvestigationCommand,
    readonly context: ClientCommandContext,
  ) {
    super();
  }
}

/** What the platform passes when it acts by itself (a deadline watcher, another context's event). */
export interface PlatformCommandContext {
  /** Deterministic per occurrence (see caseFileDeadlineCommandId), so a re-run writes nothing twice. */
  readonly commandId: string;
  /** The platform's own service identity. */
  readonly actor: Actor;
  readonly correlationId: string;
  readonly now: Date;
}

/**
 * Platform-driven, not exposed in GraphQL: records that the prosecutor's office did not acknowledge a case
 * file in time and escalates to the coordination body. Safe to send repeatedly: it is recorded at most once.
 */
export class RecordCaseFileDeadlineMissedCommand extends Command<InvestigationCommandResult> {
  constructor(
    readonly investigationId: string,
    readonly caseFileId: string,
    readonly context: PlatformCommandContext,
  ) {
    super();
  }
}

/** Platform-driven, not exposed in GraphQL: the prosecutions context reports that the office received the file. */
export class RecordCaseFileAcknowledgedCommand extends Command<InvestigationCommandResult> {
  constructor(
    readonly investigationId: string,
    readonly caseFileId: string,
    readonly acknowledgedAt: Date,
    readonly byAgencyId: string,
    readonly context: PlatformCommandContext,
  ) {
    super();
  }
}

const toDomainEvent = domainEventReader<InvestigationEvent>(INVESTIGATION_EVENT_TYPES);

export async function runInvestigationCommand(
  store: EventStore,
  command: InvestigationCommand,
  context: ClientCommandContext,
): Promise<InvestigationCommandResult> {
  const outcome = await handleCommand(
    store,
    investigationDecider,
    investigationStreamId(command.data.investigationId),
    command,
    {
      ...context,
      jointCaseId: command.type === 'OpenInvestigation' ? command.data.jointCaseId.toLowerCase() : null,
      now: command.metadata.now,
    },
    {
      toDomainEvent,
      jointCaseIdOf: (state: InvestigationState) => (state.status === 'none' ? null : state.jointCaseId),
    },
  );
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
}

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
