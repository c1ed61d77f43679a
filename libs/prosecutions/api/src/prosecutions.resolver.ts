import { QueryBus } from '@nestjs/cqrs';
import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { formatKivuTime, InvalidInputError, type Actor } from '@pamoja/contracts';
import { clientContext, CommandSender, CorrelationId, CurrentActor, type CommandInput } from '@pamoja/platform';
import {
  ProsecutionByIdQuery,
  ProsecutionCommandMessage,
  prosecutionIdForCaseFile,
  prosecutionItemIdFor,
  ProsecutionsQuery,
  UpcomingHearingsQuery,
  type HearingView,
  type ProsecutionCommandResult,
  type ProsecutionDetailView,
  type ProsecutionSummaryView,
} from '@pamoja/prosecutions/application';
import { type ProsecutionCommand } from '@pamoja/prosecutions/domain';
import {
  ProsecutionCommandPayload,
  ProsecutionHearingType,
  ProsecutionSummaryType,
  ProsecutionType,
} from './prosecution.graphql-types.js';
import {
  CloseProsecutionInput,
  FileAppealInput,
  FileChargesInput,
  ImposeSentenceInput,
  OrderRestitutionInput,
  ProsecutionListFilterInput,
  ReceiveCaseFileInput,
  RecordHearingHeldInput,
  RenderVerdictInput,
  ScheduleHearingInput,
} from './prosecution.inputs.js';

const MAX_UPCOMING_DAYS = 365;

type Metadata = ProsecutionCommand['metadata'];

@Resolver(() => ProsecutionType)
export class ProsecutionsResolver {
  constructor(
    private readonly sender: CommandSender,
    private readonly queries: QueryBus,
  ) {}

  private send(
    input: CommandInput,
    actor: Actor,
    correlationId: string,
    command: (metadata: Metadata) => ProsecutionCommand,
  ): Promise<ProsecutionCommandResult> {
    return this.sender.send(
      new ProsecutionCommandMessage(
        command({ actor, now: this.sender.now() }),
        clientContext(input, actor, correlationId),
      ),
    );
  }

  @Mutation(() => ProsecutionCommandPayload, {
    description: "The prosecutor's office acknowledges the case file the police transmitted",
  })
  receiveCaseFile(
    @Args('input') input: ReceiveCaseFileInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<ProsecutionCommandResult> {
    return this.send(input, actor, correlationId, (metadata) => ({
      type: 'ReceiveCaseFile',
      metadata,
      data: {
        prosecutionId: prosecutionIdForCaseFile(input.caseFileId),
        jointCaseId: input.jointCaseId,
        caseFileId: input.caseFileId,
        investigationId: input.investigationId,
        fromPoliceAgencyId: input.fromPoliceAgencyId,
        suspects: input.suspects.map((s) => ({ suspectId: s.suspectId, role: s.role })),
      },
    }));
  }

  @Mutation(() => ProsecutionCommandPayload, { description: 'File a charge against a suspect of the case file' })
  fileCharges(
    @Args('input') input: FileChargesInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<ProsecutionCommandResult> {
    return this.send(input, actor, correlationId, (metadata) => ({
      type: 'FileCharges',
      metadata,
      data: {
        prosecutionId: input.prosecutionId,
        chargeId: input.chargeId ?? prosecutionItemIdFor(input.commandId),
        suspectId: input.suspectId,
        offence: input.offence,
        legalBasis: input.legalBasis,
      },
    }));
  }

  @Mutation(() => ProsecutionCommandPayload)
  scheduleHearing(
    @Args('input') input: ScheduleHearingInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<ProsecutionCommandResult> {
    return this.send(input, actor, correlationId, (metadata) => ({
      type: 'ScheduleHearing',
      metadata,
      data: {
        prosecutionId: input.prosecutionId,
        hearingId: input.hearingId ?? prosecutionItemIdFor(input.commandId),
        court: input.court,
        scheduledFor: input.scheduledFor,
        purpose: input.purpose,
      },
    }));
  }

  @Mutation(() => ProsecutionCommandPayload, { description: 'Record that a scheduled hearing took place' })
  recordHearingHeld(
    @Args('input') input: RecordHearingHeldInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<ProsecutionCommandResult> {
    return this.send(input, actor, correlationId, (metadata) => ({
      type: 'RecordHearingHeld',
      metadata,
      data: {
        prosecutionId: input.prosecutionId,
        hearingId: input.hearingId,
        outcome: input.outcome,
        ...(input.heldAt ? { heldAt: input.heldAt } : {}),
      },
    }));
  }

  @Mutation(() => ProsecutionCommandPayload, { description: 'Record the verdict on one charge' })
  renderVerdict(
    @Args('input') input: RenderVerdictInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<ProsecutionCommandResult> {
    return this.send(input, actor, correlationId, (metadata) => ({
      type: 'RenderVerdict',
      metadata,
      data: {
        prosecutionId: input.prosecutionId,
        chargeId: input.chargeId,
        verdict: input.verdict,
        ...(input.renderedAt ? { renderedAt: input.renderedAt } : {}),
      },
    }));
  }

  @Mutation(() => ProsecutionCommandPayload, { description: 'Record the sentence on a convicted charge' })
  imposeSentence(
    @Args('input') input: ImposeSentenceInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<ProsecutionCommandResult> {
    return this.send(input, actor, correlationId, (metadata) => ({
      type: 'ImposeSentence',
      metadata,
      data: {
        prosecutionId: input.prosecutionId,
        chargeId: input.chargeId,
        imprisonmentMonths: input.imprisonmentMonths,
        fine: input.fine ? { amount: input.fine.amount, currency: input.fine.currency } : null,
        ...(input.otherMeasures ? { otherMeasures: input.otherMeasures } : {}),
      },
    }));
  }

  @Mutation(() => ProsecutionCommandPayload, { description: 'Record restitution ordered to a victim (by reference)' })
  orderRestitution(
    @Args('input') input: OrderRestitutionInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<ProsecutionCommandResult> {
    return this.send(input, actor, correlationId, (metadata) => ({
      type: 'OrderRestitution',
      metadata,
      data: {
        prosecutionId: input.prosecutionId,
        restitutionId: input.restitutionId ?? prosecutionItemIdFor(input.commandId),
        victimRef: input.victimRef,
        amount: input.amount,
        currency: input.currency,
        ...(input.note ? { note: input.note } : {}),
      },
    }));
  }

  @Mutation(() => ProsecutionCommandPayload, { description: 'Record an appeal against the verdict on a charge' })
  fileAppeal(
    @Args('input') input: FileAppealInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<ProsecutionCommandResult> {
    return this.send(input, actor, correlationId, (metadata) => ({
      type: 'FileAppeal',
      metadata,
      data: {
        prosecutionId: input.prosecutionId,
        appealId: input.appealId ?? prosecutionItemIdFor(input.commandId),
        chargeId: input.chargeId,
        by: input.by,
        ...(input.filedAt ? { filedAt: input.filedAt } : {}),
      },
    }));
  }

  @Mutation(() => ProsecutionCommandPayload)
  closeProsecution(
    @Args('input') input: CloseProsecutionInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<ProsecutionCommandResult> {
    return this.send(input, actor, correlationId, (metadata) => ({
      type: 'CloseProsecution',
      metadata,
      data: { prosecutionId: input.prosecutionId, reason: input.reason, ...(input.note ? { note: input.note } : {}) },
    }));
  }

  @Query(() => [ProsecutionSummaryType], { description: "The caller's office's prosecutions, newest first" })
  prosecutions(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => ProsecutionListFilterInput, nullable: true }) filter?: ProsecutionListFilterInput,
  ): Promise<ProsecutionSummaryView[]> {
    return this.queries.execute(
      new ProsecutionsQuery(actor.agencyId, {
        ...(filter?.status ? { status: filter.status } : {}),
        ...(filter?.jointCaseId ? { jointCaseId: filter.jointCaseId } : {}),
        limit: filter?.first ?? 50,
      }),
    );
  }

  @Query(() => ProsecutionType, { description: "A prosecution conducted by the caller's office" })
  prosecution(
    @CurrentActor() actor: Actor,
    @Args('prosecutionId', { type: () => ID }) prosecutionId: string,
  ): Promise<ProsecutionDetailView> {
    return this.queries.execute(new ProsecutionByIdQuery(prosecutionId, actor.agencyId));
  }

  @Query(() => [ProsecutionHearingType], {
    description: "Hearings of the caller's office not yet held, within the next `days` days, soonest first",
  })
  upcomingHearings(
    @CurrentActor() actor: Actor,
    @Args('days', { type: () => Int, defaultValue: 14 }) days: number,
  ): Promise<HearingView[]> {
    // Scalar arguments bypass the input classes' validation.
    if (days < 1 || days > MAX_UPCOMING_DAYS) {
      throw new InvalidInputError([{ field: 'days', reason: `must be from 1 to ${MAX_UPCOMING_DAYS}` }]);
    }
    return this.queries.execute(new UpcomingHearingsQuery(actor.agencyId, this.sender.now(), days));
  }
}

@Resolver(() => ProsecutionHearingType)
export class ProsecutionHearingResolver {
  @ResolveField(() => String, { description: 'scheduledFor as read in the Kivus, e.g. "2026-11-27 10:40 CAT"' })
  scheduledForLocal(@Parent() hearing: HearingView): string {
    return formatKivuTime(hearing.scheduledFor);
  }
}
