import { QueryBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { formatKivuTime, InvalidInputError, type Actor } from '@pamoja/contracts';
import {
  clientContext,
  CommandSender,
  CorrelationId,
  CurrentActor,
  decodeCursor,
  JointCaseEntity,
  toConnection,
  type CommandInput,
  type Connection,
  type CursorKey,
} from '@pamoja/platform';
import {
  JointCaseProsecutionsQuery,
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
  ProsecutionHearingConnection,
  ProsecutionHearingType,
  ProsecutionSummaryConnection,
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
  UpcomingHearingsFilterInput,
} from './prosecution.inputs.js';

const DEFAULT_PAGE = 50;
const DEFAULT_UPCOMING_DAYS = 14;
const JOINT_CASE_FIELD = { description: "The joint case: every agency's part of it" } as const;

/** A cursor's sort key as a time and an id; a key of another shape is not a cursor of these lists. */
function timeAndId(cursor: string): { at: Date; id: string } {
  const [at, id] = decodeCursor(cursor, 2);
  const time = new Date(typeof at === 'string' ? at : Number.NaN);
  if (Number.isNaN(time.getTime()) || typeof id !== 'string') {
    throw new InvalidInputError([
      { field: 'after', reason: 'is not a cursor of this list; pass an endCursor it returned' },
    ]);
  }
  return { at: time, id };
}

const summaryKey = (p: ProsecutionSummaryView): CursorKey => [p.receivedAt.toISOString(), p.prosecutionId];
const hearingKey = (h: HearingView): CursorKey => [h.scheduledFor.toISOString(), h.hearingId];

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

  @Query(() => ProsecutionSummaryConnection, {
    description: "The caller's office's prosecutions, most recently received first",
  })
  async prosecutions(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => ProsecutionListFilterInput, nullable: true }) filter?: ProsecutionListFilterInput,
  ): Promise<Connection<ProsecutionSummaryView>> {
    const first = filter?.first ?? DEFAULT_PAGE;
    const after = filter?.after ? timeAndId(filter.after) : undefined;
    const rows = await this.queries.execute(
      new ProsecutionsQuery(actor.agencyId, {
        ...(filter?.status ? { status: filter.status } : {}),
        ...(filter?.jointCaseId ? { jointCaseId: filter.jointCaseId } : {}),
        limit: first + 1,
        ...(after ? { after: { receivedAt: after.at, prosecutionId: after.id } } : {}),
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
    description: "Hearings of the caller's office not yet held, within the next `days` days, soonest first",
  })
  async upcomingHearings(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => UpcomingHearingsFilterInput, nullable: true }) filter?: UpcomingHearingsFilterInput,
  ): Promise<Connection<HearingView>> {
    const first = filter?.first ?? DEFAULT_PAGE;
    const after = filter?.after ? timeAndId(filter.after) : undefined;
    const rows = await this.queries.execute(
      new UpcomingHearingsQuery(
        actor.agencyId,
        this.sender.now(),
        filter?.days ?? DEFAULT_UPCOMING_DAYS,
        first + 1,
        after ? { scheduledFor: after.at, hearingId: after.id } : undefined,
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
