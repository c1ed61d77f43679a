import { Inject } from '@nestjs/common';
import { Args, Field, InputType, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import {
  AGENCY_DIRECTORY,
  AGENCY_STATUSES,
  AGENCY_TYPES,
  type Actor,
  type AgencyDirectory,
  type AgencyStatus,
  type AgencyType,
  NotFoundError,
  PROVINCES,
  type Province,
} from '@pamoja/contracts';
import {
  AGENCY_ID_PATTERN,
  AGENCY_LIMITS,
  agencyCommands,
  type AgencyCommandResult,
  type AgencyDetails,
} from '@pamoja/platform/directory';
import { type CommandEndpointFor } from '@pamoja/platform/context';
import {
  AgencyObject,
  agencyObjectOf,
  AgencyStatusEnum,
  AgencyTypeEnum,
  CommandInput,
  CorrelationId,
  CurrentActor,
  ProvinceEnum,
} from '@pamoja/platform/graphql';

const AGENCY_ID_MESSAGE = 'must be an agency id (lower-case letters, digits, dot, dash)';

@InputType('AgencyContactInput')
export class AgencyContactInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(AGENCY_LIMITS.email)
  email?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(AGENCY_LIMITS.phone)
  phone?: string | null;
}

@InputType({ isAbstract: true })
abstract class AgencyDetailsInput extends CommandInput {
  @Field(() => String) @Matches(AGENCY_ID_PATTERN, { message: AGENCY_ID_MESSAGE }) agencyId!: string;
  @Field(() => String) @IsString() @MaxLength(AGENCY_LIMITS.name) name!: string;
  @Field(() => ProvinceEnum, { nullable: true, description: 'null for a national agency' })
  @IsOptional()
  @IsIn(PROVINCES)
  province?: Province | null;

  @Field(() => String, { nullable: true, description: 'A territory of the province, e.g. masisi' })
  @IsOptional()
  @IsString()
  @MaxLength(AGENCY_LIMITS.territory)
  territory?: string | null;

  @Field(() => String, { nullable: true, description: 'The unit it belongs to; must be in the directory' })
  @IsOptional()
  @Matches(AGENCY_ID_PATTERN, { message: AGENCY_ID_MESSAGE })
  parentAgencyId?: string | null;

  @Field(() => AgencyContactInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AgencyContactInput)
  contact?: AgencyContactInput | null;
}

@InputType('RegisterAgencyInput')
export class RegisterAgencyInput extends AgencyDetailsInput {
  @Field(() => AgencyTypeEnum) @IsIn(AGENCY_TYPES) agencyType!: AgencyType;
}

@InputType('ChangeAgencyDetailsInput')
export class ChangeAgencyDetailsInput extends AgencyDetailsInput {}

@InputType('SuspendAgencyInput')
export class SuspendAgencyInput extends CommandInput {
  @Field(() => String) @Matches(AGENCY_ID_PATTERN, { message: AGENCY_ID_MESSAGE }) agencyId!: string;
  @Field(() => String, { description: 'Why: the agency and the other parties read it' })
  @IsString()
  @MaxLength(AGENCY_LIMITS.reason)
  reason!: string;
}

@InputType('ReinstateAgencyInput')
export class ReinstateAgencyInput extends CommandInput {
  @Field(() => String) @Matches(AGENCY_ID_PATTERN, { message: AGENCY_ID_MESSAGE }) agencyId!: string;
}

@InputType('AgencyFilterInput')
export class AgencyFilterInput {
  @Field(() => AgencyTypeEnum, { nullable: true }) @IsOptional() @IsIn(AGENCY_TYPES) agencyType?: AgencyType | null;
  @Field(() => ProvinceEnum, { nullable: true }) @IsOptional() @IsIn(PROVINCES) province?: Province | null;
  @Field(() => AgencyStatusEnum, { nullable: true, description: 'ACTIVE by default' })
  @IsOptional()
  @IsIn(AGENCY_STATUSES)
  status?: AgencyStatus | null;
}

@ObjectType('AgencyPayload')
export class AgencyPayload {
  @Field(() => AgencyObject) agency!: AgencyObject;
  @Field(() => Int) revision!: number;
  @Field(() => Boolean, { description: 'True when this command id had already been handled: nothing new was written' })
  replayed!: boolean;
}

function detailsOf(input: AgencyDetailsInput): AgencyDetails {
  return {
    name: input.name,
    province: input.province ?? null,
    territory: input.territory ?? null,
    parentAgencyId: input.parentAgencyId ?? null,
    contact: { email: input.contact?.email ?? null, phone: input.contact?.phone ?? null },
  };
}

/** The agency directory: every agency reads it; the coordination body's coordinators keep it. */
@Resolver()
export class AgenciesResolver {
  constructor(
    @Inject(agencyCommands.token) private readonly commands: CommandEndpointFor<typeof agencyCommands>,
    @Inject(AGENCY_DIRECTORY) private readonly directory: AgencyDirectory,
  ) {}

  @Query(() => [AgencyObject], {
    description: 'The agencies of the directory, by name: active ones unless a status is asked for',
  })
  async agencies(
    @Args('filter', { type: () => AgencyFilterInput, nullable: true }) filter?: AgencyFilterInput | null,
  ): Promise<AgencyObject[]> {
    const entries = await this.directory.list({
      status: filter?.status ?? 'active',
      ...(filter?.agencyType ? { agencyType: filter.agencyType } : {}),
      ...(filter?.province ? { province: filter.province } : {}),
    });
    return entries.map(agencyObjectOf);
  }

  @Query(() => AgencyObject, { description: 'One agency of the directory; NOT_FOUND if it is not in it' })
  async agency(@Args('agencyId', { type: () => String }) agencyId: string): Promise<AgencyObject> {
    const entry = await this.directory.find(agencyId);
    if (!entry) throw new NotFoundError('Agency', agencyId);
    return agencyObjectOf(entry);
  }

  @Mutation(() => AgencyPayload, {
    description: 'The coordination body registers an agency: from then on it may sign in and be sent cases',
  })
  async registerAgency(
    @Args('input') input: RegisterAgencyInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<AgencyPayload> {
    const result = await this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'RegisterAgency',
      metadata,
      data: { agencyId: input.agencyId, agencyType: input.agencyType, ...detailsOf(input) },
    }));
    return this.payload(result);
  }

  @Mutation(() => AgencyPayload, { description: "Changes an agency's name, place, parent unit or contact" })
  async changeAgencyDetails(
    @Args('input') input: ChangeAgencyDetailsInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<AgencyPayload> {
    const result = await this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'ChangeAgencyDetails',
      metadata,
      data: { agencyId: input.agencyId, ...detailsOf(input) },
    }));
    return this.payload(result);
  }

  @Mutation(() => AgencyPayload, {
    description:
      'Suspends an agency: its tokens are refused at once and nothing can be sent to it; its open handoffs ' +
      'go on the coordination agenda, none is rerouted silently',
  })
  async suspendAgency(
    @Args('input') input: SuspendAgencyInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<AgencyPayload> {
    const result = await this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'SuspendAgency',
      metadata,
      data: { agencyId: input.agencyId, reason: input.reason },
    }));
    return this.payload(result);
  }

  @Mutation(() => AgencyPayload, { description: 'Reinstates a suspended agency' })
  async reinstateAgency(
    @Args('input') input: ReinstateAgencyInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<AgencyPayload> {
    const result = await this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'ReinstateAgency',
      metadata,
      data: { agencyId: input.agencyId },
    }));
    return this.payload(result);
  }

  private async payload(result: AgencyCommandResult): Promise<AgencyPayload> {
    const entry = await this.directory.find(result.agencyId);
    if (!entry) throw new NotFoundError('Agency', result.agencyId);
    return { agency: agencyObjectOf(entry), revision: result.revision, replayed: result.replayed };
  }
}
