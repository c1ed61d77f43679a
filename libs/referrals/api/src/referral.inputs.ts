import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDate,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { AGENCY_TYPES, type AgencyType } from '@pamoja/contracts';
import {
  CHILD_LABOUR_FLAGS,
  FORCED_LABOUR_INDICATORS,
  REFERRAL_LIMITS,
  REFERRAL_STATUSES,
  REFERRAL_URGENCIES,
  SITE_CODE_PATTERN,
  type ChildLabourFlag,
  type ForcedLabourIndicator,
  type ReferralStatus,
  type ReferralUrgency,
} from '@pamoja/referrals/domain';
import { AgencyTypeEnum, CommandInput } from '@pamoja/platform';
import {
  ChildLabourFlagEnum,
  ForcedLabourIndicatorEnum,
  ReferralStatusEnum,
  UrgencyEnum,
} from './referral.graphql-types.js';

const AGENCY_ID = /^[a-z0-9][a-z0-9._-]{1,63}$/;

@InputType('MineSiteRefInput', { description: 'The mine site: its registry code, or a description when it has none' })
export class MineSiteRefInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(SITE_CODE_PATTERN, { message: 'must be a site code like NK-MAS-014 (province, territory, number)' })
  code?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(REFERRAL_LIMITS.maxSiteDescriptionLength)
  description?: string | null;
}

@InputType('SubmitReferralInput')
export class SubmitReferralInput extends CommandInput {
  @Field(() => ID, { nullable: true, description: 'Optional; derived from the command id when absent' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  referralId?: string;

  @Field(() => ID, { nullable: true, description: 'Join an existing joint case; a new one is opened when absent' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  jointCaseId?: string;

  @Field(() => MineSiteRefInput)
  @ValidateNested()
  @Type(() => MineSiteRefInput)
  site!: MineSiteRefInput;

  @Field(() => [ForcedLabourIndicatorEnum])
  @IsArray()
  @ArrayUnique({ message: 'must not repeat an indicator' })
  @ArrayMaxSize(FORCED_LABOUR_INDICATORS.length)
  @IsIn(FORCED_LABOUR_INDICATORS, { each: true })
  indicators!: ForcedLabourIndicator[];

  @Field(() => [ChildLabourFlagEnum], { defaultValue: [] })
  @IsArray()
  @ArrayUnique({ message: 'must not repeat a flag' })
  @IsIn(CHILD_LABOUR_FLAGS, { each: true })
  childLabourFlags!: ChildLabourFlag[];

  @Field(() => UrgencyEnum)
  @IsIn(REFERRAL_URGENCIES)
  urgency!: ReferralUrgency;

  @Field(() => String, { description: 'The agency asked to act' })
  @Matches(AGENCY_ID, { message: 'must be an agency id (lower-case letters, digits, dot, dash)' })
  toAgencyId!: string;

  @Field(() => AgencyTypeEnum)
  @IsIn(AGENCY_TYPES)
  toAgencyType!: AgencyType;

  @Field(() => Date, { description: 'When the receiving agency must have answered (UTC)' })
  @IsDate({ message: 'must be an ISO-8601 date-time' })
  dueBy!: Date;

  @Field(() => String, { description: 'What was observed. No names or other personal data.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(REFERRAL_LIMITS.maxTextLength)
  summary!: string;
}

@InputType('AcceptReferralInput')
export class AcceptReferralInput extends CommandInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a UUID' }) referralId!: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(REFERRAL_LIMITS.maxTextLength)
  note?: string;
}

@InputType('DeclineReferralInput')
export class DeclineReferralInput extends CommandInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a UUID' }) referralId!: string;
  @Field(() => String) @IsString() @IsNotEmpty() @MaxLength(REFERRAL_LIMITS.maxTextLength) reason!: string;
}

@InputType('RevokeReferralInput')
export class RevokeReferralInput extends CommandInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a UUID' }) referralId!: string;
  @Field(() => String) @IsString() @IsNotEmpty() @MaxLength(REFERRAL_LIMITS.maxTextLength) reason!: string;
}

@InputType('CompleteReferralInput')
export class CompleteReferralInput extends CommandInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a UUID' }) referralId!: string;
  @Field(() => String) @IsString() @IsNotEmpty() @MaxLength(REFERRAL_LIMITS.maxTextLength) outcome!: string;
}

@InputType('ReferralListFilter')
export class ReferralListFilterInput {
  @Field(() => ReferralStatusEnum, { nullable: true })
  @IsOptional()
  @IsIn(REFERRAL_STATUSES)
  status?: ReferralStatus;

  @Field(() => Boolean, { nullable: true, description: 'Only referrals still unanswered past their due time' })
  @IsOptional()
  @IsBoolean()
  overdueOnly?: boolean;

  @Field(() => Int, { nullable: true, defaultValue: 50 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  first?: number;
}
