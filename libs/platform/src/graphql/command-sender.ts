import { Inject, Injectable } from '@nestjs/common';
import { CommandBus, type Command } from '@nestjs/cqrs';
import { type LogPosition } from '@pamoja/contracts';
import { CLOCK, type Clock } from '@pamoja/platform/config';
import { Projections } from '@pamoja/platform/store';

/**
 * What every mutation does around its command: dispatch it, then wait (briefly) until the read models
 * have caught up with what it wrote, so the caller's next query sees its own change.
 */
@Injectable()
export class CommandSender {
  constructor(
    private readonly commands: CommandBus,
    private readonly projections: Projections,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  async send<TResult extends { readonly position: LogPosition | undefined }>(
    command: Command<TResult>,
  ): Promise<TResult> {
    const result = await this.commands.execute(command);
    await this.projections.waitFor(result.position);
    return result;
  }
}
