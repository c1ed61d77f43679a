import { Inject } from '@nestjs/common';
import { Args, Field, Float, Int, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { QueryBus } from '@nestjs/cqrs';
import { type Actor } from '@pamoja/contracts';
import { CLOCK, type Clock } from '@pamoja/platform/config';
import { CurrentActor, DashboardFilterInput, dashboardScopeOf } from '@pamoja/platform/graphql';
import { HandoffStatisticsQuery, type HandoffStatisticsView } from '@pamoja/referrals/application';

@ObjectType('AgencyOverdueCount', { description: 'How many handoffs wait past their due time for an agency' })
export class AgencyOverdueCountType {
  @Field(() => String, { description: 'The receiving agency' }) agencyId!: string;
  @Field(() => Int) overdue!: number;
}

@ObjectType('HandoffStatistics', {
  description: 'Referrals between agencies, counted: how many, how they were answered, how long acceptance took',
})
export class HandoffStatisticsType {
  @Field(() => Int, { description: 'Referrals submitted (in the period)' }) submitted!: number;
  @Field(() => Int, { description: 'Of them, accepted (completed ones included)' }) accepted!: number;
  @Field(() => Int) declined!: number;
  @Field(() => Int, { description: 'Still waiting for the receiving agency’s answer' }) open!: number;
  @Field(() => Int, { description: 'Still waiting after their due time, now' }) overdue!: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Median hours from submission to acceptance, to a tenth; null when none was accepted',
  })
  acceptHoursMedian!: number | null;
  @Field(() => Float, {
    nullable: true,
    description: '90th percentile of the hours from submission to acceptance, to a tenth; null when none was accepted',
  })
  acceptHoursP90!: number | null;
  @Field(() => [AgencyOverdueCountType], { description: 'The agencies overdue handoffs wait for, most first' })
  overdueByAgency!: readonly AgencyOverdueCountType[];
}

/** The referrals' share of a dashboard: the handoffs and how fast they are taken up. */
@Resolver()
export class ReferralsDashboardResolver {
  constructor(
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Query(() => HandoffStatisticsType, {
    description:
      'The referrals the caller’s agency sent or received (the coordination body: every referral), submitted in ' +
      'the period, counted',
  })
  handoffStatistics(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => DashboardFilterInput, nullable: true }) filter?: DashboardFilterInput,
  ): Promise<HandoffStatisticsView> {
    const { sitePrefix, from, to } = dashboardScopeOf(filter);
    return this.queries.execute(
      new HandoffStatisticsQuery({
        agencyId: actor.agencyType === 'coordination_body' ? null : actor.agencyId,
        sitePrefix,
        submittedFrom: from,
        submittedBefore: to,
        now: this.clock.now(),
      }),
    );
  }
}
