import { Args, Field, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { QueryBus } from '@nestjs/cqrs';
import { type Actor } from '@pamoja/contracts';
import { CaseStageCountsQuery } from '@pamoja/coordination/application';
import { type CaseStage } from '@pamoja/coordination/domain';
import { CurrentActor, DashboardFilterInput, dashboardScopeOf } from '@pamoja/platform/graphql';
import { CaseStageEnum } from './joint-case.graphql-types.js';

@ObjectType('JointCaseStageCount', { description: 'How many joint cases are at a stage' })
export class JointCaseStageCountType {
  @Field(() => CaseStageEnum) stage!: CaseStage;
  @Field(() => Int) count!: number;
}

/** The coordination body's share of a dashboard: the joint cases by stage. */
@Resolver()
export class CoordinationDashboardResolver {
  constructor(private readonly queries: QueryBus) {}

  @Query(() => [JointCaseStageCountType], {
    description:
      'The joint cases the caller’s agency is party to (the coordination body: every case) by stage, every stage ' +
      'listed in order; with a period, the cases opened in it',
  })
  caseStageCounts(
    @CurrentActor() viewer: Actor,
    @Args('filter', { type: () => DashboardFilterInput, nullable: true }) filter?: DashboardFilterInput,
  ): Promise<JointCaseStageCountType[]> {
    const { sitePrefix, from, to } = dashboardScopeOf(filter);
    return this.queries.execute(new CaseStageCountsQuery({ sitePrefix, openedFrom: from, openedBefore: to }, viewer));
  }
}
