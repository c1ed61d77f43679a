import { Inject } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { formatKivuTime, type Actor } from '@pamoja/contracts';
import { CorrelationId, CurrentActor, JointCaseEntity, toConnection, type Connection } from '@pamoja/platform/graphql';
import { cursorPart, keysetCursor, type CommandEndpointFor } from '@pamoja/platform/context';
import {
  JointCaseProsecutionsQuery,
  ProsecutionByIdQuery,
  prosecutionCommands,
  prosecutionIdForCaseFile,
  prosecutionItemIdFor,
  ProsecutionsQuery,
  UpcomingHearingsQuery,
  type HearingView,
  type ProsecutionCommandResult,
  type ProsecutionDetailView,
  type ProsecutionSummaryView,
} from '@pamoja/prosecutions/application';
import {
  ProsecutionCommandPayload,
  ProsecutionHearingConnection,
  ProsecutionHearingType,
  ProsecutionSummaryConnection,
  ProsecutionSummaryType,
  ProsecutionType,
} from './prosecution.graphql-types.js';
import {
  CancelHearingInput,
  CloseProsecutionInput,
  DecideAppealInput,
  FileAppealInput,
  FileChargesInput,
  ImposeSentenceInput,
  OrderRestitutionInput,
  ProsecutionListFilterInput,
  ReceiveCaseFileInput,
  RecordHearingHeldInput,
  RenderVerdictInput,
  RescheduleHearingInput,
  ScheduleHearingInput,
  UpcomingHearingsFilterInput,
} from './prosecution.inputs.js';

const DEFAULT_PAGE = 50;
const DEFAULT_UPCOMING_DAYS = 14;
const JOINT_CASE_FIELD = { description: "The joint case: every agency's part of it" } as const;

/** Both lists page by a time and an id: when the case file was received, when the hearing is set for. */
const timeAndIdCursor = keysetCursor(cursorPart.instant, cursorPart.id);
const summaryKey = (p: ProsecutionSummaryView) => timeAndIdCursor.keyOf([p.receivedAt, p.prosecutionId]);
const hearingKey = (h: HearingView) => timeAndIdCursor.keyOf([h.scheduledFor, h.hearingId]);

@Resolver(() => ProsecutionType)
export class ProsecutionsResolver {
  constructor(
    @Inject(prosecutionCommands.token) private readonly commands: CommandEndpointFor<typeof prosecutionCommands>,
    private readonly queries: QueryBus,
  ) {}

  @Mutation(() => ProsecutionCommandPayload, {
    description: "The prosecutor's office acknowledges the case file the police transmitted",
  })
  receiveCaseFile(
    @Args('input') input: ReceiveCaseFileInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<ProsecutionCommandResult> {
    return this.commands.send(input, actor, correlationId, (metadata) => ({
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
    return this.commands.send(input, actor, correlationId, (metadata) => ({
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
    return this.commands.send(input, actor, correlationId, (metadata) => ({
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

  @Mutation(() => ProsecutionCommandPayload, {
    description: 'Move a hearing the court adjourned or set for another date (or court), with the reason',
  })
  rescheduleHearing(
    @Args('input') input: RescheduleHearingInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<ProsecutionCommandResult> {
    return this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'RescheduleHearing',
      metadata,
      data: {
        prosecutionId: input.prosecutionId,
        hearingId: input.hearingId,
        scheduledFor: input.scheduledFor,
        reason: input.reason,
        ...(input.court ? { court: input.court } : {}),
      },
    }));
  }

  @Mutation(() => ProsecutionCommandPayload, { description: 'Record that a scheduled hearing will not take place' })
  cancelHearing(
    @Args('input') input: CancelHearingInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<ProsecutionCommandResult> {
    return this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'CancelHearing',
      metadata,
      data: { prosecutionId: input.prosecutionId, hearingId: input.hearingId, reason: input.reason },
    }));
  }

  @Mutation(() => ProsecutionCommandPayload, { description: 'Record that a scheduled hearing took place' })
  recordHearingHeld(
    @Args('input') input: RecordHearingHeldInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<ProsecutionCommandResult> {
    return this.commands.send(input, actor, correlationId, (metadata) => ({
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
    return this.commands.send(input, actor, correlationId, (metadata) => ({
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
    return this.commands.send(input, actor, correlationId, (metadata) => ({
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
    return this.commands.send(input, actor, correlationId, (metadata) => ({
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
    return this.commands.send(input, actor, correlationId, (metadata) => ({
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

  @Mutation(() => ProsecutionCommandPayload, { description: "Record the appeal court's decision on an appeal" })
  decideAppeal(
    @Args('input') input: DecideAppealInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<ProsecutionCommandResult> {
    return this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'DecideAppeal',
      metadata,
      data: {
        prosecutionId: input.prosecutionId,
        appealId: input.appealId,
        outcome: input.outcome,
        ...(input.decidedAt ? { decidedAt: input.decidedAt } : {}),
        ...(input.note ? { note: input.note } : {}),
      },
    }));
  }

  @Mutation(() => ProsecutionCommandPayload)
  closeProsecution(
    @Args('input') input: CloseProsecutionInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<ProsecutionCommandResult> {
    return this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'CloseProsecution',
      metadata,
      data: { prosecutionId: input.prosecutionId, reason: input.reason, ...(input.note ? { note: input.note } : {}) },
    }));
  }

  @Query(() => ProsecutionSummaryConnection, {
    description: "The caller's office's prosecutions, most recently received first",
  })
  async prosecutions(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => ProsecutionListFilterInput, nullable: true }) filter?: ProsecutionListFilterInput,
  ): Promise<Connection<ProsecutionSummaryView>> {
    const first = filter?.first ?? DEFAULT_PAGE;
    const after = filter?.after ? timeAndIdCursor.decode(filter.after) : undefined;
    const rows = await this.queries.execute(
      new ProsecutionsQuery(actor.agencyId, {
        ...(filter?.status ? { status: filter.status } : {}),
        ...(filter?.jointCaseId ? { jointCaseId: filter.jointCaseId } : {}),
        limit: first + 1,
        ...(after ? { after: { receivedAt: after[0], prosecutionId: after[1] } } : {}),
      }),
    );
    return toConnection(rows, first, summaryKey, after !== undefined);
  }

  @Query(() => ProsecutionType, { description: "A prosecution conducted by the caller's office" })
  prosecution(
    @CurrentActor() actor: Actor,
    @Args('prosecutionId', { type: () => ID }) prosecutionId: string,
  ): Promise<ProsecutionDetailView> {
    return this.queries.execute(new ProsecutionByIdQuery(prosecutionId, actor));
  }

  @Query(() => ProsecutionHearingConnection, {
    description:
      "Hearings of the caller's office not yet held, within the next `days` days, soonest first; a hearing " +
      'whose date passed with no outcome recorded stays at the top until it is recorded held, moved or cancelled',
  })
  async upcomingHearings(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => UpcomingHearingsFilterInput, nullable: true }) filter?: UpcomingHearingsFilterInput,
  ): Promise<Connection<HearingView>> {
    const first = filter?.first ?? DEFAULT_PAGE;
    const after = filter?.after ? timeAndIdCursor.decode(filter.after) : undefined;
    const rows = await this.queries.execute(
      new UpcomingHearingsQuery(
        actor.agencyId,
        this.commands.now(),
        filter?.days ?? DEFAULT_UPCOMING_DAYS,
        first + 1,
        after ? { scheduledFor: after[0], hearingId: after[1] } : undefined,
      ),
    );
    return toConnection(rows, first, hearingKey, after !== undefined);
  }

  @ResolveField(() => JointCaseEntity, JOINT_CASE_FIELD)
  jointCase(@Parent() prosecution: ProsecutionSummaryView): JointCaseEntity {
    return { jointCaseId: prosecution.jointCaseId };
  }
}

/** From a listed prosecution to its joint case (the detail's resolver gives the same field). */
@Resolver(() => ProsecutionSummaryType)
export class ProsecutionSummaryResolver {
  @ResolveField(() => JointCaseEntity, JOINT_CASE_FIELD)
  jointCase(@Parent() prosecution: ProsecutionSummaryView): JointCaseEntity {
    return { jointCaseId: prosecution.jointCaseId };
  }
}

/** The prosecutors' part of the joint case: its prosecutions, charges, hearings and verdicts in summary. */
@Resolver(() => JointCaseEntity)
export class JointCaseProsecutionsResolver {
  constructor(private readonly queries: QueryBus) {}

  @ResolveField(() => [ProsecutionSummaryType], {
    description:
      'The prosecutions of the case, in the order the case files were received: for police, prosecutors and the ' +
      'coordination body; an empty list for other agencies',
  })
  prosecutions(@Parent() parent: JointCaseEntity, @CurrentActor() actor: Actor): Promise<ProsecutionSummaryView[]> {
    return this.queries.execute(new JointCaseProsecutionsQuery(parent.jointCaseId, actor));
  }
}

@Resolver(() => ProsecutionHearingType)
export class ProsecutionHearingResolver {
  @ResolveField(() => String, { description: 'scheduledFor as read in the Kivus, e.g. "2026-11-27 10:40 CAT"' })
  scheduledForLocal(@Parent() hearing: HearingView): string {
    return formatKivuTime(hearing.scheduledFor);
  }
}
