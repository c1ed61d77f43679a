import { v5 as uuidv5 } from 'uuid';
import { CASE_MEMBERSHIP, NotFoundError, type CaseMembership } from '@pamoja/contracts';
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
  CASE_PARTY_EVENT_TYPES,
  caseDecisionsStreamId,
  casePartyDecider,
  type CasePartyCommand,
  type CasePartyEvent,
} from '@pamoja/coordination/domain';

export interface CasePartyCommandResult {
  readonly jointCaseId: string;
  readonly decisionId: string;
  readonly agencyId: string;
  readonly revision: number;
  readonly replayed: boolean;
  readonly position: { readonly transactionId: number; readonly globalPosition: number } | undefined;
}

export class CasePartyCommandMessage extends Command<CasePartyCommandResult> {
  constructor(
    readonly command: CasePartyCommand,
    readonly context: ClientCommandContext,
  ) {
    super();
  }
}

/** Namespace for decision ids derived from the command id (UUID v5): fixed forever. */
const CASE_DECISION_NAMESPACE = '7b2e4c6d-8f1a-5b3c-9d4e-6f7a8b9c0d1e';

export function caseDecisionIdFor(commandId: string): string {
  return uuidv5(commandId, CASE_DECISION_NAMESPACE);
}

const toDomainEvent = domainEventReader<CasePartyEvent>(CASE_PARTY_EVENT_TYPES);

/** The coordination body's decisions on a case's membership, in the case's own stream of decisions. */
@CommandHandler(CasePartyCommandMessage)
export class CasePartyCommandHandler implements ICommandHandler<CasePartyCommandMessage, CasePartyCommandResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CASE_MEMBERSHIP) private readonly membership: CaseMembership,
  ) {}

  async execute({ command, context }: CasePartyCommandMessage): Promise<CasePartyCommandResult> {
    // A decision admits to a case that exists: the coordination body does not open cases for others.
    if ((await this.membership.partiesOf(command.data.jointCaseId)) === null) {
      throw new NotFoundError('Joint case', command.data.jointCaseId);
    }
    const outcome = await handleCommand(
      this.store,
      casePartyDecider,
      caseDecisionsStreamId(command.data.jointCaseId),
      command,
      { ...context, jointCaseId: command.data.jointCaseId, now: command.metadata.now },
      { toDomainEvent },
    );
    return {
      jointCaseId: command.data.jointCaseId,
      decisionId: command.data.decisionId,
      agencyId: command.data.agencyId,
      revision: outcome.revision,
      replayed: outcome.replayed,
      position: outcome.position,
    };
  }
}
