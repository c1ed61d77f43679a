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
import { InvestigationCountsQuery, type InvestigationCount } from '@pamoja/investigations/application';

/** The police's figures: investigations opened. */
@Resolver()
export class InvestigationStatisticsResolver {
  constructor(
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  @OpenToIntegrators()
  @Query(() => StatisticsTableType, {
    description:
      'Investigations opened, by period and place. OWN: those the caller’s agency leads, in full; JOINT: every ' +
      'police agency’s, small counts withheld (docs/statistics.md)',
  })
  async investigationStatistics(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => StatisticsFilterInput, nullable: true }) filter?: StatisticsFilterInput,
  ): Promise<StatisticsTableType> {
    const scoped = statisticsScopeOf(filter, actor);
    const investigations: InvestigationCount[] = await this.queries.execute(
      new InvestigationCountsQuery(scoped.scope === 'own' ? actor.agencyId : null),
    );
    return statisticsTable(
      investigations.map((investigation) => ({
        at: investigation.openedAt,
        siteCode: investigation.siteCode,
        values: {},
      })),
      {
        subject: 'investigations_opened',
        dimensions: [],
        views: [{ breakdown: [] }],
        show: [],
        filter,
        k: this.config.publication.minCellCount,
        now: this.clock.now(),
      },
      scoped,
    );
  }
}
