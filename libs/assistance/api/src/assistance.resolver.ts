import { QueryBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, formatKivuTime } from '@pamoja/contracts';
import { clientContext, CommandSender, CorrelationId, CurrentActor, type CommandInput } from '@pamoja/platform';
import {
  AssistanceCaseByIdQuery,
  AssistanceCasesQuery,
  AssistanceCommandMessage,
  assistanceIdFor,
  measureIdFor,
  serviceIdFor,
  VictimIdentityQuery,
  type AssistanceCaseFilter,
  type AssistanceCaseView,
  type AssistanceCommandResult,
  type ProtectionMeasureView,
  type VictimIdentityView,
} from '@pamoja/assistance/application';
import { type AssistanceCommand } from '@pamoja/assistance/domain';
import {
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
  ProvideServiceInput,
  RegisterVictimInput,
} from './assistance.inputs.js';

@Resolver(() => AssistanceCaseType)
export class AssistanceResolver {
  constructor(
    private readonly sender: CommandSender,
    private readonly queries: QueryBus,
  ) {}

  private send(
    input: CommandInput,
    actor: Actor,
    correlationId: string,
    command: (metadata: { actor: Actor; now: Date }) => AssistanceCommand,
  ): Promise<AssistanceCommandResult> {
    return this.sender.send(
      new AssistanceCommandMessage(
        command({ actor, now: this.sender.now() }),
        clientContext(input, actor, correlationId),
      ),
    );
  }

  @Mutation(() => AssistanceCommandPayload, { description: 'An assistance provider takes a victim into assistance' })
  registerVictim(
    @Args('input') input: RegisterVictimInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<AssistanceCommandResult> {
    const personal = input.personal ?? null;
    return this.send(input, actor, correlationId, (metadata) => ({
      type: 'RegisterVictim',
      metadata,
      data: {
        assistanceId: input.assistanceId ?? assistanceIdFor(input.commandId),
        jointCaseId: input.jointCaseId,
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
    return this.send(input, actor, correlationId, (metadata) => ({
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
    return this.send(input, actor, correlationId, (metadata) => ({
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
    return this.send(input, actor, correlationId, (metadata) => ({
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
    return this.send(input, actor, correlationId, (metadata) => ({
      type: 'CloseAssistance',
      metadata,
      data: { assistanceId: input.assistanceId, reason: input.reason, note: input.note ?? null },
    }));
  }

  @Query(() => [AssistanceCaseType], {
    description: "The caller's agency's assistance cases: open first, children first, oldest first",
  })
  assistanceCases(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => AssistanceCaseFilterInput, nullable: true }) filter?: AssistanceCaseFilterInput,
  ): Promise<AssistanceCaseView[]> {
    const listFilter: AssistanceCaseFilter = {
      ...(filter?.status ? { status: filter.status } : {}),
      ...(filter?.openOnly ? { openOnly: true } : {}),
      limit: filter?.first ?? 50,
      now: this.sender.now(),
    };
    return this.queries.execute(new AssistanceCasesQuery(actor.agencyId, listFilter));
  }

  @Query(() => AssistanceCaseType, { description: 'One assistance case; its identity only for the assisting agency' })
  assistanceCase(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<AssistanceCaseView> {
    return this.queries.execute(new AssistanceCaseByIdQuery(id, actor, this.sender.now()));
  }

  @ResolveField(() => VictimIdentityType, {
    nullable: true,
    description: 'Personal data: for the assisting agency only, null for everyone else',
  })
  identity(@Parent() assistance: AssistanceCaseView, @CurrentActor() actor: Actor): Promise<VictimIdentityView | null> {
    return this.queries.execute(new VictimIdentityQuery(assistance.assistanceId, actor));
  }
}

@Resolver(() => AssistanceProtectionMeasureType)
export class AssistanceProtectionMeasureResolver {
  @ResolveField(() => String, { description: 'reviewBy as people in the Kivus read it (CAT)' })
  reviewByLocal(@Parent() measure: ProtectionMeasureView): string {
    return formatKivuTime(measure.reviewBy);
  }
}
