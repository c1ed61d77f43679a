import { Inject } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, formatKivuTime } from '@pamoja/contracts';
import { CorrelationId, CurrentActor, JointCaseEntity, toConnection, type Connection } from '@pamoja/platform/graphql';
import { cursorPart, keysetCursor, type CommandEndpointFor } from '@pamoja/platform/context';
import {
  AssistanceCaseByIdQuery,
  AssistanceCasesQuery,
  assistanceCommands,
  assistanceIdFor,
  measureIdFor,
  serviceIdFor,
  VictimIdentityQuery,
  JointCaseAssistanceQuery,
  type AssistanceCaseFilter,
  type AssistanceCaseReading,
  type AssistanceCommandResult,
  type ProtectionMeasureView,
  type VictimIdentityView,
} from '@pamoja/assistance/application';
import {
  AssistanceCaseConnection,
  AssistanceCaseType,
  AssistanceCommandPayload,
  AssistanceProtectionMeasureType,
  VictimIdentityType,
} from './assistance.graphql-types.js';
import {
  ApplyProtectionMeasureInput,
  AssessNeedsInput,
  AssistanceCaseFilterInput,
  CloseAssistanceInput,
  ErasePersonalDataInput,
  ProvideServiceInput,
  RegisterVictimInput,
} from './assistance.inputs.js';

const DEFAULT_PAGE = 50;

type AssistanceCommands = CommandEndpointFor<typeof assistanceCommands>;

/**
 * The list's sort key: open before closed, children before adults, oldest first, then the id. Only the
 * assisting agency lists its cases, so isChild is never withheld here.
 */
const caseCursor = keysetCursor(cursorPart.bool, cursorPart.bool, cursorPart.instant, cursorPart.id);

function caseKey(reading: AssistanceCaseReading) {
  return caseCursor.keyOf([
    reading.status === 'closed',
    reading.isChild === false,
    reading.registeredAt,
    reading.assistanceId,
  ]);
}

@Resolver(() => AssistanceCaseType)
export class AssistanceResolver {
  constructor(
    @Inject(assistanceCommands.token) private readonly commands: AssistanceCommands,
    private readonly queries: QueryBus,
  ) {}

  @Mutation(() => AssistanceCommandPayload, { description: 'An assistance provider takes a victim into assistance' })
  async registerVictim(
    @Args('input') input: RegisterVictimInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<AssistanceCommandResult> {
    const personal = input.personal ?? null;
    return this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'RegisterVictim',
      metadata,
      data: {
        assistanceId: input.assistanceId ?? assistanceIdFor(input.commandId),
        jointCaseId: input.jointCaseId,
        personId: input.personId ?? null,
        ageGroup: input.ageGroup,
        sex: input.sex,
        nationality: input.nationality ?? null,
        formsOfExploitation: input.formsOfExploitation,
        agreementToManagePersonalData: input.agreementToManagePersonalData,
        consentGivenBy: input.consentGivenBy,
        personal:
          personal === null
            ? null
            : {
                fullName: personal.fullName,
                dateOfBirth: personal.dateOfBirth ?? null,
                phone: personal.phone ?? null,
                currentLocation: personal.currentLocation ?? null,
              },
      },
    }));
  }

  @Mutation(() => AssistanceCommandPayload, { description: "Record (or replace) the assessment of the victim's needs" })
  assessNeeds(
    @Args('input') input: AssessNeedsInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<AssistanceCommandResult> {
    return this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'AssessNeeds',
      metadata,
      data: {
        assistanceId: input.assistanceId,
        needs: input.needs.map(({ need, priority }) => ({ need, priority })),
      },
    }));
  }

  @Mutation(() => AssistanceCommandPayload, { description: 'Record a service given to the victim' })
  provideService(
    @Args('input') input: ProvideServiceInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<AssistanceCommandResult> {
    return this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'ProvideService',
      metadata,
      data: {
        assistanceId: input.assistanceId,
        serviceId: input.serviceId ?? serviceIdFor(input.commandId),
        kind: input.kind,
        providedAt: input.providedAt ?? null,
        providerAgencyId: input.providerAgencyId ?? null,
        note: input.note ?? null,
      },
    }));
  }

  @Mutation(() => AssistanceCommandPayload, { description: 'Protect the victim until a review date' })
  applyProtectionMeasure(
    @Args('input') input: ApplyProtectionMeasureInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<AssistanceCommandResult> {
    return this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'ApplyProtectionMeasure',
      metadata,
      data: {
        assistanceId: input.assistanceId,
        measureId: input.measureId ?? measureIdFor(input.commandId),
        measure: input.measure,
        description: input.description ?? null,
        reviewBy: input.reviewBy,
        consentGivenBy: input.consentGivenBy,
      },
    }));
  }

  @Mutation(() => AssistanceCommandPayload, { description: 'End the assistance; a closed case takes no changes' })
  closeAssistance(
    @Args('input') input: CloseAssistanceInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<AssistanceCommandResult> {
    return this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'CloseAssistance',
      metadata,
      data: { assistanceId: input.assistanceId, reason: input.reason, note: input.note ?? null },
    }));
  }

  @Mutation(() => AssistanceCommandPayload, {
    description:
      "The assisting agency erases the victim's personal data (a legal request, or the end of retention), also on a " +
      'closed case: the key is destroyed, the identity reads as null everywhere, the rest of the case stays. ' +
      'Erasing again changes nothing.',
  })
  erasePersonalData(
    @Args('input') input: ErasePersonalDataInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<AssistanceCommandResult> {
    return this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'ErasePersonalData',
      metadata,
      data: { assistanceId: input.assistanceId, reason: input.reason },
    }));
  }

  @Query(() => AssistanceCaseConnection, {
    description: "The caller's agency's assistance cases: open first, children first, oldest first",
  })
  async assistanceCases(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => AssistanceCaseFilterInput, nullable: true }) filter?: AssistanceCaseFilterInput,
  ): Promise<Connection<AssistanceCaseReading>> {
    const first = filter?.first ?? DEFAULT_PAGE;
    const cursor = filter?.after ? caseCursor.decode(filter.after) : undefined;
    const after =
      cursor === undefined
        ? undefined
        : { closed: cursor[0], isChild: !cursor[1], registeredAt: cursor[2], assistanceId: cursor[3] };
    const listFilter: AssistanceCaseFilter = {
      ...(filter?.status ? { status: filter.status } : {}),
      ...(filter?.openOnly ? { openOnly: true } : {}),
      ...(filter?.reviewDue ? { reviewDue: true } : {}),
      limit: first + 1,
      ...(after ? { after } : {}),
      now: this.commands.now(),
    };
    const rows = await this.queries.execute(new AssistanceCasesQuery(actor, listFilter));
    return toConnection(rows, first, caseKey, after !== undefined);
  }

  @Query(() => AssistanceCaseType, {
    description: 'One assistance case: all of it for the assisting agency, its stage and services for others',
  })
  assistanceCase(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<AssistanceCaseReading> {
    return this.queries.execute(new AssistanceCaseByIdQuery(id, actor, this.commands.now()));
  }

  @ResolveField(() => JointCaseEntity, { description: "The joint case: every agency's part of it" })
  jointCase(@Parent() assistance: AssistanceCaseReading): JointCaseEntity {
    return { jointCaseId: assistance.jointCaseId };
  }

  @ResolveField(() => VictimIdentityType, {
    nullable: true,
    description: 'Personal data: for the assisting agency only, null for everyone else',
  })
  identity(
    @Parent() assistance: AssistanceCaseReading,
    @CurrentActor() actor: Actor,
  ): Promise<VictimIdentityView | null> {
    return this.queries.execute(new VictimIdentityQuery(assistance.assistanceId, actor));
  }
}

/** The assisting agencies' part of the joint case. */
@Resolver(() => JointCaseEntity)
export class JointCaseAssistanceResolver {
  constructor(
    private readonly queries: QueryBus,
    @Inject(assistanceCommands.token) private readonly commands: AssistanceCommands,
  ) {}

  @ResolveField(() => [AssistanceCaseType], {
    description:
      'The assistance cases of the case, oldest first: to the assisting agency its own case, the identity ' +
      'included; to the coordination body every case in summary; to other agencies none',
  })
  assistance(@Parent() parent: JointCaseEntity, @CurrentActor() actor: Actor): Promise<AssistanceCaseReading[]> {
    return this.queries.execute(new JointCaseAssistanceQuery(parent.jointCaseId, actor, this.commands.now()));
  }
}

@Resolver(() => AssistanceProtectionMeasureType)
export class AssistanceProtectionMeasureResolver {
  @ResolveField(() => String, { description: 'reviewBy as people in the Kivus read it (CAT)' })
  reviewByLocal(@Parent() measure: ProtectionMeasureView): string {
    return formatKivuTime(measure.reviewBy);
  }
}
