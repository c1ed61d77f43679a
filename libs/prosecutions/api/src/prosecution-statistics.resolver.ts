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
import { PROSECUTION_MEASURES, ProsecutionCountsQuery, type ProsecutionCount } from '@pamoja/prosecutions/application';

/** The prosecutors' figures: prosecutions, persons convicted and sentenced, restitution orders. */
@Resolver()
export class ProsecutionStatisticsResolver {
  constructor(
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  @OpenToIntegrators()
  @Query(() => StatisticsTableType, {
    description:
      'Prosecutions (case files received), persons convicted, persons sentenced and restitution orders, by ' +
      'period and place; each measure is a table of its own. OWN: the caller’s office’s, in full; JOINT: every ' +
      'office’s, small counts withheld (docs/statistics.md)',
  })
  async prosecutionStatistics(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => StatisticsFilterInput, nullable: true }) filter?: StatisticsFilterInput,
  ): Promise<StatisticsTableType> {
    const scoped = statisticsScopeOf(filter, actor);
    const counts: ProsecutionCount[] = await this.queries.execute(
      new ProsecutionCountsQuery(scoped.scope === 'own' ? actor.agencyId : null),
    );
    return statisticsTable(
      counts.map((count) => ({ at: count.at, siteCode: count.siteCode, values: { measure: count.measure } })),
      {
        subject: 'prosecutions',
        // No total over the measures: a conviction is not a kind of prosecution.
        dimensions: [{ name: 'measure', values: PROSECUTION_MEASURES }],
        views: [{ breakdown: ['measure'] }],
        show: ['measure'],
        filter,
        k: this.config.publication.minCellCount,
        now: this.clock.now(),
      },
      scoped,
    );
  }
}
