import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CASE_MEMBERSHIP, type CaseMembership } from '@pamoja/contracts';
import { EVENT_STORE, type EventStore } from '@pamoja/event-store';
import { AssistanceCommandMessage, runAssistanceCommand, type AssistanceCommandResult } from './assistance-command.js';

/** Every assistance command loads the victim's assistance, decides, and appends. */
@CommandHandler(AssistanceCommandMessage)
export class AssistanceCommandHandler implements ICommandHandler<AssistanceCommandMessage, AssistanceCommandResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CASE_MEMBERSHIP) private readonly membership: CaseMembership,
  ) {}

  execute(message: AssistanceCommandMessage): Promise<AssistanceCommandResult> {
    return runAssistanceCommand(this.store, message, this.membership);
  }
}
