import { Inject } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor } from '@pamoja/contracts';
import { CLOCK, type Clock } from '@pamoja/platform/config';
import { CurrentActor, JointCaseEntity } from '@pamoja/platform/graphql';
import { ReferralsOfJointCaseQuery, type ReferralView } from '@pamoja/referrals/application';
import { ReferralType } from './referral.graphql-types.js';

/**
 * The referrals' part of a joint case. The parent is only the key in server mode (the gateway sends
 * `{ jointCaseId }`) and the coordination body's view in embedded mode: either way only its id is used.
 */
@Resolver(() => JointCaseEntity)
export class ReferralsOfJointCaseResolver {
  constructor(
    private readonly queries: QueryBus,
    // What is overdue is read at the time of the request.
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ResolveField('referrals', () => [ReferralType], {
    description:
      'The referrals of the case, oldest first: each to the agencies on either side of it and to the coordination body',
  })
  referrals(
    @Parent() jointCase: Pick<JointCaseEntity, 'jointCaseId'>,
    @CurrentActor() actor: Actor,
  ): Promise<ReferralView[]> {
    return this.queries.execute(new ReferralsOfJointCaseQuery(jointCase.jointCaseId, actor, this.clock.now()));
  }
}
