import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CASE_MEMBERSHIP, type CaseMembership } from '@pamoja/contracts';
import { EVENT_STORE, type EventStore } from '@pamoja/event-store';
import { ReferralCommandMessage, runReferralCommand, type ReferralCommandResult } from './referral-command.js';

/** Submit, accept, decline, revoke and complete all load the referral, decide, and append. */
@CommandHandler(ReferralCommandMessage)
export class ReferralCommandHandler implements ICommandHandler<ReferralCommandMessage, ReferralCommandResult> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CASE_MEMBERSHIP) private readonly membership: CaseMembership,
  ) {}

  execute(message: ReferralCommandMessage): Promise<ReferralCommandResult> {
    return runReferralCommand(this.store, message, this.membership);
  }
}
