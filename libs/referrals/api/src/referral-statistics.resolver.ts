import { Inject } from '@nestjs/common';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { QueryBus } from '@nestjs/cqrs';
import { type Actor } from '@pamoja/contracts';
import { CLOCK, PLATFORM_CONFIG, type Clock, type PlatformConfig } from '@pamoja/platform/config';
import {
  CurrentActor,
  OpenToIntegrators,
  StatisticsFilterInput,
  statisticsScopeOf,
  statisticsTable,
  StatisticsTableType,
} from '@pamoja/platform/graphql';
import { ReferralCountsQuery, type ReferralCount } from '@pamoja/referrals/application';
import { REFERRAL_STATUSES } from '@pamoja/referrals/domain';

/** The referrals' figures: handoffs by their status now, and the median hours to acceptance. */
@Resolver()
export class ReferralStatisticsResolver {
  constructor(
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  @OpenToIntegrators()
  @Query(() => StatisticsTableType, {
    description:
      'Referrals between agencies by period submitted, place and status now, with the median hours from ' +
      'submission to acceptance. OWN: those the caller’s agency sent or received (as handoffStatistics), in ' +
      'full; JOINT: every agency’s, small counts withheld (docs/statistics.md)',
  })
  async referralStatistics(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => StatisticsFilterInput, nullable: true }) filter?: StatisticsFilterInput,
  ): Promise<StatisticsTableType> {
    const scoped = statisticsScopeOf(filter, actor);
    const referrals: ReferralCount[] = await this.queries.execute(
      new ReferralCountsQuery(scoped.scope === 'own' ? actor.agencyId : null),
    );
    return statisticsTable(
      referrals.map((referral) => ({
        at: referral.submittedAt,
        siteCode: referral.siteCode,
        values: { status: referral.status },
        hours: referral.acceptHours,
      })),
      {
        subject: 'referrals',
        dimensions: [{ name: 'status', total: 'ALL', values: REFERRAL_STATUSES, csvColumn: 'status' }],
        views: [{ breakdown: ['status'] }],
        show: ['status'],
        filter,
        k: this.config.publication.minCellCount,
        now: this.clock.now(),
      },
      scoped,
    );
  }
}
