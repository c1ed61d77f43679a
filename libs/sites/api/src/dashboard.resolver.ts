import { Args, Field, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { QueryBus } from '@nestjs/cqrs';
import { DashboardFilterInput, dashboardScopeOf } from '@pamoja/platform/graphql';
import { MineSiteStatusCountsQuery } from '@pamoja/sites/application';
import { type MineSiteStatus } from '@pamoja/sites/domain';
import { MineSiteStatusEnum } from './sites.graphql-types.js';

@ObjectType('MineSiteStatusCount', { description: 'How many registered sites have a status now' })
export class MineSiteStatusCountType {
  @Field(() => MineSiteStatusEnum) status!: MineSiteStatus;
  @Field(() => Int) count!: number;
}

/** The site registry's share of a dashboard: the sites by status. */
@Resolver()
export class SitesDashboardResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => [MineSiteStatusCountType], {
    description:
      'Registered sites by their status now, every status listed from BLUE to RED; the period of the filter does ' +
      'not apply (a status is as it stands)',
  })
  mineSiteStatusCounts(
    @Args('filter', { type: () => DashboardFilterInput, nullable: true }) filter?: DashboardFilterInput,
  ): Promise<MineSiteStatusCountType[]> {
    return this.queries.execute(new MineSiteStatusCountsQuery(dashboardScopeOf(filter).sitePrefix));
  }
}
