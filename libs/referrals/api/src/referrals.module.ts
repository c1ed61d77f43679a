import { randomUUID } from 'node:crypto';
import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { v5 as uuidv5 } from 'uuid';
import { DEADLINE_WATCHER_ACTOR } from '@pamoja/contracts';
import { SQL_DATABASE, Upcasters, type DueDeadline, type SqlDatabase } from '@pamoja/event-store';
import { CommandSender, DeadlineRegistry, ProjectionRegistry } from '@pamoja/platform';
import {
  REFERRAL_HANDLERS,
  REFERRAL_READ_MODEL,
  ReferralCommandMessage,
  referralDeadlineRule,
} from '@pamoja/referrals/application';
import { REFERRAL_UPCASTERS } from '@pamoja/referrals/domain';
import { referralHandoffsProjection, SqlReferralReadModel } from '@pamoja/referrals/infrastructure';
import { ReferralsOfJointCaseResolver } from './referrals-joint-case.resolver.js';
import { ReferralsResolver } from './referrals.resolver.js';

/** The referrals context: its commands, its read model and its part of the GraphQL schema. */
@Module({
  providers: [
    ...REFERRAL_HANDLERS,
    {
      provide: REFERRAL_READ_MODEL,
      inject: [SQL_DATABASE],
      useFactory: (db: SqlDatabase) => new SqlReferralReadModel(db),
    },
    ReferralsResolver,
    ReferralsOfJointCaseResolver,
  ],
})
export class ReferralsModule implements OnModuleInit {
  constructor(
    @Inject(ProjectionRegistry) private readonly registry: ProjectionRegistry,
    @Inject(Upcasters) private readonly upcasters: Upcasters,
    @Inject(DeadlineRegistry) private readonly deadlines: DeadlineRegistry,
    @Inject(CommandSender) private readonly sender: CommandSender,
  ) {}

  onModuleInit(): void {
    this.registry.register(referralHandoffsProjection);
    registerReferralUpcasters(this.upcasters);
    this.deadlines.register(referralDeadlineRule(), (deadline) => this.recordMissed(deadline));
  }

  /** The receiving agency let the due time pass: record it (once) and escalate to the coordination body. */
  private async recordMissed(deadline: DueDeadline): Promise<void> {
    const referralId = deadline.streamId.slice('referral-'.length);
    const now = this.sender.now();
    await this.sender.send(
      new ReferralCommandMessage(
        {
          type: 'RecordReferralDeadlineMissed',
          data: { referralId },
          metadata: { actor: DEADLINE_WATCHER_ACTOR, now },
        },
        {
          // One command id per deadline: however often the watcher looks, the miss is recorded once.
          commandId: uuidv5(deadline.key, MISSED_DEADLINE_NAMESPACE),
          actor: DEADLINE_WATCHER_ACTOR,
          correlationId: randomUUID(),
        },
      ),
    );
  }
}

/** Namespace for the ids of missed-deadline commands (UUID v5 of the deadline key): fixed forever. */
const MISSED_DEADLINE_NAMESPACE = '5e0f3b7a-2c9d-5a1e-8f4b-6d7c8e9f0a1b';

/** Old shapes of referral events, brought to the current one as the store reads them. */
export function registerReferralUpcasters(upcasters: Upcasters): void {
  upcasters.add(...REFERRAL_UPCASTERS);
}

export const REFERRAL_PROJECTIONS = [referralHandoffsProjection] as const;
