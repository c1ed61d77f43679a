import { Inject } from '@nestjs/common';
import { Args, Query, Resolver, registerEnumType } from '@nestjs/graphql';
import { QueryBus } from '@nestjs/cqrs';
import { type Actor } from '@pamoja/contracts';
import { CLOCK, PLATFORM_CONFIG, type Clock, type PlatformConfig } from '@pamoja/platform/config';
import {
  CurrentActor,
  graphqlEnum,
  OpenToIntegrators,
  StatisticsFilterInput,
  statisticsScopeOf,
  statisticsTable,
  StatisticsTableType,
  type StatisticsDimension,
} from '@pamoja/platform/graphql';
import { VictimCountsQuery, type VictimCount } from '@pamoja/assistance/application';
import { AGE_GROUPS, FORMS_OF_EXPLOITATION, SEXES } from '@pamoja/assistance/domain';

export const VICTIM_BREAKDOWNS = ['sex_and_age', 'form_of_exploitation'] as const;
export type VictimBreakdown = (typeof VICTIM_BREAKDOWNS)[number];
export const VictimBreakdownEnum = graphqlEnum(VICTIM_BREAKDOWNS);
registerEnumType(VictimBreakdownEnum, {
  name: 'VictimStatisticsBreakdown',
  description: 'Victims by sex and age band, or by form of exploitation (a person may have several)',
});

/** The dimensions of SDG indicator 16.2.2 and UNODC's GLOTIP questionnaire, as the victims' figures count them. */
const DIMENSIONS: readonly StatisticsDimension[] = [
  { name: 'sex', total: 'ALL', values: SEXES, csvColumn: 'prs_Gender' },
  { name: 'ageBand', total: 'ALL', values: AGE_GROUPS },
  { name: 'formOfExploitation', total: 'ALL', values: FORMS_OF_EXPLOITATION, csvColumn: 'vic_TypeOfExploitation' },
];
const SHOWN: Readonly<Record<VictimBreakdown, readonly string[]>> = {
  sex_and_age: ['sex', 'ageBand'],
  form_of_exploitation: ['formOfExploitation'],
};

/** The assistance context's figures: the victims identified (registered for assistance). */
@Resolver()
export class VictimStatisticsResolver {
  constructor(
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  @OpenToIntegrators()
  @Query(() => StatisticsTableType, {
    description:
      'Victims identified (each person once, at their first registration for assistance) by period, place and ' +
      'sex and age band or form of exploitation. OWN: the caller’s agency’s, in full; JOINT: every agency’s, ' +
      'small counts withheld (docs/statistics.md)',
  })
  async victimStatistics(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => StatisticsFilterInput, nullable: true }) filter?: StatisticsFilterInput,
    @Args('breakdown', { type: () => VictimBreakdownEnum, nullable: true, description: 'SEX_AND_AGE when absent' })
    breakdown?: VictimBreakdown,
  ): Promise<StatisticsTableType> {
    const scoped = statisticsScopeOf(filter, actor);
    const victims: VictimCount[] = await this.queries.execute(
      new VictimCountsQuery(scoped.scope === 'own' ? actor.agencyId : null),
    );
    return statisticsTable(
      victims.map((victim) => ({
        at: victim.registeredAt,
        siteCode: victim.siteCode,
        values: { sex: victim.sex, ageBand: victim.ageGroup, formOfExploitation: victim.formsOfExploitation },
      })),
      {
        subject: 'victims_identified',
        dimensions: DIMENSIONS,
        // Both breakdowns are published, so both are protected together (they share their totals).
        views: [{ breakdown: ['sex', 'ageBand'] }, { breakdown: ['formOfExploitation'] }],
        show: SHOWN[breakdown ?? 'sex_and_age'],
        filter,
        k: this.config.publication.minCellCount,
        now: this.clock.now(),
      },
      scoped,
    );
  }
}
