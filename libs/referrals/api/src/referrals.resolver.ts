import { QueryBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { formatKivuTime, type Actor } from '@pamoja/contracts';
import { clientContext, CommandSender, CorrelationId, CurrentActor, type CommandInput } from '@pamoja/platform';
import {
  consentIdFor,
  IncomingReferralsQuery,
  jointCaseIdFor,
  OutgoingReferralsQuery,
  ReferralByIdQuery,
  ReferralCommandMessage,
  referralIdFor,
  type ReferralCommandResult,
  type ReferralView,
} from '@pamoja/referrals/application';
import { type ReferralCommand } from '@pamoja/referrals/domain';
import { ReferralCommandPayload, ReferralType } from './referral.graphql-types.js';
import {
  AcceptReferralInput,
  AssessTraffickingScreeningInput,
  CompleteReferralInput,
  DeclineReferralInput,
  RecordReferralConsentInput,
  ReferralListFilterInput,
  RevokeReferralInput,
  SubmitReferralInput,
  WithdrawReferralConsentInput,
} from './referral.inputs.js';

@Resolver(() => ReferralType)
export class ReferralsResolver {
  constructor(
    private readonly sender: CommandSender,
    private readonly queries: QueryBus,
  ) {}

  private send(
    input: CommandInput,
    actor: Actor,
    correlationId: string,
    command: (metadata: { actor: Actor; now: Date }) => ReferralCommand,
  ): Promise<ReferralCommandResult> {
    return this.sender.send(
      new ReferralCommandMessage(
        command({ actor, now: this.sender.now() }),
        clientContext(input, actor, correlationId),
      ),
    );
  }

  @Mutation(() => ReferralCommandPayload, { description: 'Refer a potential victim or situation to another agency' })
  submitReferral(
    @Args('input') input: SubmitReferralInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<ReferralCommandResult> {
    return this.send(input, actor, correlationId, (metadata) => ({
      type: 'SubmitReferral',
      metadata,
      data: {
        referralId: input.referralId ?? referralIdFor(input.commandId),
        jointCaseId: input.jointCaseId ?? jointCaseIdFor(input.commandId),
        jointCase: input.jointCaseId ? 'joined' : 'opened',
        subject: { isChild: input.subject.isChild ?? null },
        consent: input.consent
          ? {
              // Derived from the command id, so that a retried submission records the same consent.
              consentId: consentIdFor(input.commandId),
              givenBy: input.consent.givenBy,
              agencyTypes: input.consent.agencyTypes,
              purposes: input.consent.purposes,
            }
          : null,
        site: { code: input.site.code ?? null, description: input.site.description ?? null },
        indicators: input.indicators,
        childLabourFlags: input.childLabourFlags,
        urgency: input.urgency,
        toAgencyId: input.toAgencyId,
        toAgencyType: input.toAgencyType,
        dueBy: input.dueBy,
        summary: input.summary,
      },
    }));
  }

  @Mutation(() => ReferralCommandPayload, { description: 'The receiving agency takes the referral on' })
  acceptReferral(
    @Args('input') input: AcceptReferralInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<ReferralCommandResult> {
    return this.send(input, actor, correlationId, (metadata) => ({
      type: 'AcceptReferral',
      metadata,
      data: { referralId: input.referralId, ...(input.note ? { note: input.note } : {}) },
    }));
  }

  @Mutation(() => ReferralCommandPayload, { description: 'The receiving agency declines, with a reason' })
  declineReferral(
    @Args('input') input: DeclineReferralInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<ReferralCommandResult> {
    return this.send(input, actor, correlationId, (metadata) => ({
      type: 'DeclineReferral',
      metadata,
      data: { referralId: input.referralId, reason: input.reason },
    }));
  }

  @Mutation(() => ReferralCommandPayload, { description: 'The sending agency withdraws the referral, with a reason' })
  revokeReferral(
    @Args('input') input: RevokeReferralInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<ReferralCommandResult> {
    return this.send(input, actor, correlationId, (metadata) => ({
      type: 'RevokeReferral',
      metadata,
      data: { referralId: input.referralId, reason: input.reason },
    }));
  }

  @Mutation(() => ReferralCommandPayload, { description: 'The receiving agency has done what was asked' })
  completeReferral(
    @Args('input') input: CompleteReferralInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<ReferralCommandResult> {
    return this.send(input, actor, correlationId, (metadata) => ({
      type: 'CompleteReferral',
      metadata,
      data: { referralId: input.referralId, outcome: input.outcome },
    }));
  }

  @Mutation(() => ReferralCommandPayload, {
    description: 'Screen for trafficking (Palermo Protocol art. 3): act, means (not for a child) and purpose',
  })
  assessTraffickingScreening(
    @Args('input') input: AssessTraffickingScreeningInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<ReferralCommandResult> {
    return this.send(input, actor, correlationId, (metadata) => ({
      type: 'AssessTraffickingScreening',
      metadata,
      data: {
        referralId: input.referralId,
        acts: input.acts,
        means: input.means,
        purposes: input.purposes,
        personIsChild: input.personIsChild,
      },
    }));
  }

  @Mutation(() => ReferralCommandPayload, {
    description: 'Record consent the person (or for a child, a guardian) gave',
  })
  recordConsent(
    @Args('input') input: RecordReferralConsentInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<ReferralCommandResult> {
    return this.send(input, actor, correlationId, (metadata) => ({
      type: 'RecordConsent',
      metadata,
      data: {
        referralId: input.referralId,
        consentId: input.consentId ?? consentIdFor(input.commandId),
        givenBy: input.givenBy,
        agencyTypes: input.agencyTypes,
        purposes: input.purposes,
      },
    }));
  }

  @Mutation(() => ReferralCommandPayload, { description: 'The person withdraws a consent; possible at any time' })
  withdrawConsent(
    @Args('input') input: WithdrawReferralConsentInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<ReferralCommandResult> {
    return this.send(input, actor, correlationId, (metadata) => ({
      type: 'WithdrawConsent',
      metadata,
      data: { referralId: input.referralId, consentId: input.consentId, reason: input.reason ?? null },
    }));
  }

  @ResolveField('dueByLocal', () => String, { description: 'dueBy as read in the Kivus, e.g. "2026-11-27 10:40 CAT"' })
  dueByLocal(@Parent() referral: ReferralView): string {
    return formatKivuTime(referral.dueBy);
  }

  @Query(() => [ReferralType], { description: "Referrals sent to the caller's agency, pending and most urgent first" })
  incomingReferrals(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => ReferralListFilterInput, nullable: true }) filter?: ReferralListFilterInput,
  ): Promise<ReferralView[]> {
    return this.queries.execute(new IncomingReferralsQuery(actor.agencyId, this.listFilter(filter)));
  }

  @Query(() => [ReferralType], { description: "Referrals the caller's agency sent, newest first" })
  outgoingReferrals(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => ReferralListFilterInput, nullable: true }) filter?: ReferralListFilterInput,
  ): Promise<ReferralView[]> {
    return this.queries.execute(new OutgoingReferralsQuery(actor.agencyId, this.listFilter(filter)));
  }

  @Query(() => ReferralType, { description: "A referral sent or received by the caller's agency" })
  referral(
    @CurrentActor() actor: Actor,
    @Args('referralId', { type: () => ID }) referralId: string,
  ): Promise<ReferralView> {
    return this.queries.execute(new ReferralByIdQuery(referralId, actor.agencyId, this.sender.now()));
  }

  private listFilter(filter: ReferralListFilterInput | undefined) {
    return {
      ...(filter?.status ? { status: filter.status } : {}),
      ...(filter?.overdueOnly ? { overdueOnly: true } : {}),
      limit: filter?.first ?? 50,
      now: this.sender.now(),
    };
  }
}
