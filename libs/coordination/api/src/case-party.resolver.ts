import { Inject } from '@nestjs/common';
import { Args, Field, ID, InputType, Int, Mutation, ObjectType, registerEnumType, Resolver } from '@nestjs/graphql';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { AGENCY_TYPES, type Actor, type AgencyType } from '@pamoja/contracts';
import { caseDecisionIdFor, casePartyCommands, type CasePartyCommandResult } from '@pamoja/coordination/application';
import { CASE_PARTY_REASONS, type CasePartyReason } from '@pamoja/coordination/domain';
import { AgencyTypeEnum, CommandInput, CorrelationId, CurrentActor, graphqlEnum } from '@pamoja/platform/graphql';
import { type CommandEndpointFor } from '@pamoja/platform/context';

export const CasePartyReasonEnum = graphqlEnum(CASE_PARTY_REASONS);
registerEnumType(CasePartyReasonEnum, {
  name: 'CasePartyReason',
  description: 'Why the coordination body admits an agency to a case',
});

const AGENCY_ID = /^[a-z0-9][a-z0-9._-]{1,63}$/;

@InputType('AdmitCasePartyInput')
export class AdmitCasePartyInput extends CommandInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a UUID' }) jointCaseId!: string;

  @Field(() => String)
  @Matches(AGENCY_ID, { message: 'must be an agency id (lower-case letters, digits, dot, dash)' })
  agencyId!: string;

  @Field(() => AgencyTypeEnum) @IsIn(AGENCY_TYPES) agencyType!: AgencyType;
  @Field(() => CasePartyReasonEnum) @IsIn(CASE_PARTY_REASONS) reason!: CasePartyReason;

  @Field(() => String, { nullable: true, description: 'Why, naming nobody; required when the reason is OTHER' })
  @IsOptional()
  @IsString()
  @MaxLength(2_000)
  note?: string | null;
}

@ObjectType('CasePartyPayload')
export class CasePartyPayload {
  @Field(() => ID) jointCaseId!: string;
  @Field(() => ID, { description: 'The coordination body’s decision' }) decisionId!: string;
  @Field(() => String) agencyId!: string;
  @Field(() => Int) revision!: number;
  @Field(() => Boolean, { description: 'True when this command id had already been handled: nothing new was written' })
  replayed!: boolean;
}

/** The coordination body's decisions on who takes part in a case. */
@Resolver()
export class CasePartyResolver {
  constructor(
    @Inject(casePartyCommands.token) private readonly commands: CommandEndpointFor<typeof casePartyCommands>,
  ) {}

  @Mutation(() => CasePartyPayload, {
    description:
      'The coordination body admits an agency to a joint case that no party referred to it: from then on it ' +
      'is party to the case, as if referred, and sees what the access policy gives parties of its type',
  })
  async admitCaseParty(
    @Args('input') input: AdmitCasePartyInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<CasePartyCommandResult> {
    return this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'AdmitCaseParty',
      metadata,
      data: {
        jointCaseId: input.jointCaseId,
        decisionId: caseDecisionIdFor(input.commandId),
        agencyId: input.agencyId,
        agencyType: input.agencyType,
        reason: input.reason,
        note: input.note ?? null,
      },
    }));
  }
}
