import { v5 as uuidv5 } from 'uuid';
import { Command } from '@nestjs/cqrs';
import { InvalidInputError, type CaseMembership } from '@pamoja/contracts';
import { handleCommand, type ClientCommandContext, type EventStore, domainEventReader } from '@pamoja/event-store';
import {
  ASSISTANCE_EVENT_TYPES,
  assistanceDecider,
  assistanceStreamId,
  type AssistanceCommand,
  type AssistanceEvent,
  type AssistanceState,
  type AssistanceStatus,
} from '@pamoja/assistance/domain';

export interface AssistanceCommandResult {
  readonly assistanceId: string;
  readonly jointCaseId: string;
  readonly status: AssistanceStatus;
  readonly revision: number;
  /** True when the command id had been handled before: nothing new was written. */
  readonly replayed: boolean;
  readonly position: { readonly transactionId: number; readonly globalPosition: number } | undefined;
}

/** One bus message for every assistance command: the decider tells them apart by `type`. */
export class AssistanceCommandMessage extends Command<AssistanceCommandResult> {
  constructor(
    readonly command: AssistanceCommand,
    readonly context: ClientCommandContext,
  ) {
    super();
  }
}

const toDomainEvent = domainEventReader<AssistanceEvent>(ASSISTANCE_EVENT_TYPES);

/**
 * A victim is registered as a person the case is about, or as nobody known yet: naming a person of
 * another case would make the assisting agency the keeper of a stranger's consent.
 */
async function assertPersonOfCase(membership: CaseMembership | undefined, command: AssistanceCommand): Promise<void> {
  if (!membership || command.type !== 'RegisterVictim' || command.data.personId === null) return;
  if (!(await membership.isPersonOf(command.data.personId, command.data.jointCaseId))) {
    throw new InvalidInputError([
      { field: 'personId', reason: 'is not a person of this joint case (take it from the referral that brought them)' },
    ]);
  }
}

export async function runAssistanceCommand(
  store: EventStore,
  message: AssistanceCommandMessage,
  membership?: CaseMembership,
): Promise<AssistanceCommandResult> {
  const { command, context } = message;
  await assertPersonOfCase(membership, command);
  const outcome = await handleCommand(
    store,
    assistanceDecider,
    assistanceStreamId(command.data.assistanceId),
    command,
    {
      ...context,
      jointCaseId: command.type === 'RegisterVictim' ? command.data.jointCaseId : null,
      now: command.metadata.now,
    },
    {
      toDomainEvent,
      jointCaseIdOf: (state: AssistanceState) => (state.status === 'none' ? null : state.jointCaseId),
    },
  );
  const state = outcome.state;
  if (state.status === 'none') throw new Error('an assistance command left no assistance behind');
  return {
    assistanceId: state.assistanceId,
    jointCaseId: state.jointCaseId,
    status: state.status,
    revision: outcome.revision,
    replayed: outcome.replayed,
    position: outcome.position,
  };
}

// UUID v5 namespaces for ids derived from a command id, so that a retry names the same thing: fixed forever.
const ASSISTANCE_NAMESPACE = '8e2f4c61-7a3b-5d9e-b1c2-3d4e5f6a7b8c';
const SERVICE_NAMESPACE = '2c9d7e5f-3b1a-5c8d-9e0f-1a2b3c4d5e6f';
const MEASURE_NAMESPACE = '7f6e5d4c-3b2a-5918-8a7b-6c5d4e3f2a1b';

export function assistanceIdFor(commandId: string): string {
  return uuidv5(commandId, ASSISTANCE_NAMESPACE);
}

export function serviceIdFor(commandId: string): string {
  return uuidv5(commandId, SERVICE_NAMESPACE);
}

export function measureIdFor(commandId: string): string {
  return uuidv5(commandId, MEASURE_NAMESPACE);
}
