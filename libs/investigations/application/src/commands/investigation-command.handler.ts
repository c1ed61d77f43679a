import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@pamoja/event-store';
import {
  InvestigationCommandMessage,
  RecordCaseFileAcknowledgedCommand,
  RecordCaseFileDeadlineMissedCommand,
  runInvestigationCommand,
  type InvestigationCommandResult,
  type PlatformCommandContext,
} from './investigation-command.js';

/** Every command a person sends loads the investigation, decides, and appends. */
@CommandHandler(InvestigationCommandMessage)
export class InvestigationCommandHandler implements ICommandHandler<
  InvestigationCommandMessage,
  InvestigationCommandResult
> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(message: InvestigationCommandMessage): Promise<InvestigationCommandResult> {
    return runInvestigationCommand(this.store, message.command, message.context);
  }
}

function clientContextOf({ commandId, actor, correlationId }: PlatformCommandContext) {
  return { commandId, actor, correlationId };
}

@CommandHandler(RecordCaseFileDeadlineMissedCommand)
export class RecordCaseFileDeadlineMissedHandler implements ICommandHandler<
  RecordCaseFileDeadlineMissedCommand,
  InvestigationCommandResult
> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ investigationId, caseFileId, context }: RecordCaseFileDeadlineMissedCommand) {
    return runInvestigationCommand(
      this.store,
      {
        type: 'RecordCaseFileDeadlineMissed',
        data: { investigationId, caseFileId },
        metadata: { actor: context.actor, now: context.now },
      },
      clientContextOf(context),
    );
  }
}

@CommandHandler(RecordCaseFileAcknowledgedCommand)
export class RecordCaseFileAcknowledgedHandler implements ICommandHandler<
  RecordCaseFileAcknowledgedCommand,
  InvestigationCommandResult
> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ investigationId, caseFileId, acknowledgedAt, byAgencyId, context }: RecordCaseFileAcknowledgedCommand) {
    return runInvestigationCommand(
      this.store,
      {
        type: 'RecordCaseFileAcknowledged',
        data: { investigationId, caseFileId, acknowledgedAt, byAgencyId },
        metadata: { actor: context.actor, now: context.now },
      },
      clientContextOf(context),
    );
  }
}
