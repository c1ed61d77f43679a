import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@pamoja/event-store';
import { MineSiteCommandMessage, runMineSiteCommand, type MineSiteCommandResult } from './mine-site-command.js';
import {
  runSiteIncidentCommand,
  SiteIncidentCommandMessage,
  type SiteIncidentCommandResult,
} from './site-incident-command.js';

/** Register, inspect and change status all load the site, decide, and append. */
@CommandHandler(MineSiteCommandMessage)
export class MineSiteCommandHandler implements ICommandHandler<MineSiteCommandMessage, MineSiteCommandResult> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(message: MineSiteCommandMessage): Promise<MineSiteCommandResult> {
    return runMineSiteCommand(this.store, message);
  }
}

/** Report, classify and close load the incident (and what they need of its site), decide, and append. */
@CommandHandler(SiteIncidentCommandMessage)
export class SiteIncidentCommandHandler implements ICommandHandler<
  SiteIncidentCommandMessage,
  SiteIncidentCommandResult
> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute(message: SiteIncidentCommandMessage): Promise<SiteIncidentCommandResult> {
    return runSiteIncidentCommand(this.store, message);
  }
}
