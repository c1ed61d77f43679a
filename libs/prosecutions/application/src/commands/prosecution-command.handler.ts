import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@pamoja/event-store';
import {
  ProsecutionCommandMessage,
  runProsecutionCommand,
  type ProsecutionCommandResult,
} from './prosecution-command.js';

/** Every prosecution command loads the prosecution, decides, and appends. */
@CommandHandler(ProsecutionCommandMessage)
export class ProsecutionCommandHandler implements ICommandHandler<ProsecutionCommandMessage, ProsecutionCommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(message: ProsecutionCommandMessage): Promise<ProsecutionCommandResult> {
    return runProsecutionCommand(this.store, message);
  }
}
