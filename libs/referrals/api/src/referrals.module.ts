import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { SQL_DATABASE, type SqlDatabase } from '@pamoja/event-store';
import { ProjectionRegistry } from '@pamoja/platform';
import { REFERRAL_HANDLERS, REFERRAL_READ_MODEL } from '@pamoja/referrals/application';
import { referralHandoffsProjection, SqlReferralReadModel } from '@pamoja/referrals/infrastructure';
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
  ],
})
export class ReferralsModule implements OnModuleInit {
  constructor(@Inject(ProjectionRegistry) private readonly registry: ProjectionRegistry) {}

  onModuleInit(): void {
    this.registry.register(referralHandoffsProjection);
  }
}

export const REFERRAL_PROJECTIONS = [referralHandoffsProjection] as const;
