import { applyDecorators } from '@nestjs/common';
import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDate,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { AGENCY_TYPES, type AgencyType } from '@pamoja/contracts';
import {
  CHILD_LABOUR_FLAGS,
  CONSENT_GIVERS,
  CONSENT_METHODS,
  type ConsentMethod,
  CONSENT_PURPOSES,
  EXPLOITATION_PURPOSES,
  FORCED_LABOUR_INDICATORS,
  REFERRAL_LIMITS,
  REFERRAL_STATUSES,
  REFERRAL_URGENCIES,
  SITE_CODE_PATTERN,
  TRAFFICKING_ACTS,
  TRAFFICKING_MEANS,
  type ChildLabourFlag,
  type ConsentGiver,
  type ConsentPurpose,
  type ExploitationPurpose,
  type ForcedLabourIndicator,
  type ReferralStatus,
  type ReferralUrgency,
  type TraffickingAct,
  type TraffickingMeans,
} from '@pamoja/referrals/domain';
import { AgencyTypeEnum, CommandInput, PageInput } from '@pamoja/platform/graphql';
import { SITE_PROVINCES, type SiteProvince } from '@pamoja/referrals/application';
import {
  ChildLabourFlagEnum,
  ExploitationPurposeEnum,
  ForcedLabourIndicatorEnum,
  ReferralConsentGiverEnum,
  ReferralConsentMethodEnum,
  ReferralConsentPurposeEnum,
  ReferralStatusEnum,
  TraffickingActEnum,
  TraffickingMeansEnum,
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

@InputType('ReferralSubjectInput', { description: 'The person referred, without anything that identifies them' })
export class ReferralSubjectInput {
  @Field(() => Boolean, { nullable: true, description: 'Under 18? null when not known' })
  @IsOptional()
  @IsBoolean()
  isChild?: boolean | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'A person already known on the case (their `subjectPersonId` on the referral that brought them): this ' +
      'referral forwards them. Absent: the referral introduces a person your agency met.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  personId?: string | null;
}

/** How consent was given, and the hash of its form: the same fields wherever consent is recorded. */
const ConsentMethodField = (): PropertyDecorator =>
  applyDecorators(
    Field(() => ReferralConsentMethodEnum, { nullable: true, description: 'How the person gave it' }),
    IsOptional(),
    IsIn(CONSENT_METHODS),
  );
const ConsentFormHashField = (): PropertyDecorator =>
  applyDecorators(
    Field(() => String, {
      nullable: true,
      description: 'SHA-256 (lower-case hex) of the signed form; the form itself stays with your agency',
    }),
    IsOptional(),
    Matches(/^[0-9a-f]{64}$/, { message: 'must be a SHA-256 in lower-case hex (64 characters)' }),
  );

@InputType('ReferralConsentInput', { description: 'Informed consent: who gave it, to which agencies, for what' })
export class ReferralConsentInput {
  @ConsentMethodField() method?: ConsentMethod | null;
  @ConsentFormHashField() formSha256?: string | null;

  @Field(() => ReferralConsentGiverEnum)
  @IsIn(CONSENT_GIVERS)
  givenBy!: ConsentGiver;

  @Field(() => [AgencyTypeEnum])
  @IsArray()
  @ArrayNotEmpty({ message: 'name at least one kind of agency' })
  @ArrayUnique({ message: 'must not repeat an agency type' })
  @IsIn(AGENCY_TYPES, { each: true })
  agencyTypes!: AgencyType[];

  @Field(() => [ReferralConsentPurposeEnum])
  @IsArray()
  @ArrayNotEmpty({ message: 'name at least one purpose' })
  @ArrayUnique({ message: 'must not repeat a purpose' })
  @IsIn(CONSENT_PURPOSES, { each: true })
  purposes!: ConsentPurpose[];
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

  @Field(() => ReferralSubjectInput, {
    description: 'A person not known to be a child goes to the police only with their own consent',
  })
  @ValidateNested()
  @Type(() => ReferralSubjectInput)
  subject!: ReferralSubjectInput;

  @Field(() => ReferralConsentInput, { nullable: true, description: 'Consent given when the referral is made' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReferralConsentInput)
  consent?: ReferralConsentInput | null;

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

@InputType('AssessTraffickingScreeningInput')
export class AssessTraffickingScreeningInput extends CommandInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a UUID' }) referralId!: string;

  @Field(() => [TraffickingActEnum])
  @IsArray()
  @ArrayUnique({ message: 'must not repeat an act' })
  @IsIn(TRAFFICKING_ACTS, { each: true })
  acts!: TraffickingAct[];

  @Field(() => [TraffickingMeansEnum])
  @IsArray()
  @ArrayUnique({ message: 'must not repeat a means' })
  @IsIn(TRAFFICKING_MEANS, { each: true })
  means!: TraffickingMeans[];

  @Field(() => [ExploitationPurposeEnum])
  @IsArray()
  @ArrayUnique({ message: 'must not repeat a purpose' })
  @IsIn(EXPLOITATION_PURPOSES, { each: true })
  purposes!: ExploitationPurpose[];

  @Field(() => Boolean, { description: 'Under 18: the means element is then not required' })
  @IsBoolean()
  personIsChild!: boolean;
}

@InputType('RecordReferralConsentInput')
export class RecordReferralConsentInput extends CommandInput {
  @ConsentMethodField() method?: ConsentMethod | null;
  @ConsentFormHashField() formSha256?: string | null;

  @Field(() => ID) @IsUUID('all', { message: 'must be a UUID' }) referralId!: string;

  @Field(() => ID, { nullable: true, description: 'Optional; derived from the command id when absent' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  consentId?: string;

  @Field(() => ReferralConsentGiverEnum)
  @IsIn(CONSENT_GIVERS)
  givenBy!: ConsentGiver;

  @Field(() => [AgencyTypeEnum])
  @IsArray()
  @ArrayNotEmpty({ message: 'name at least one kind of agency' })
  @ArrayUnique({ message: 'must not repeat an agency type' })
  @IsIn(AGENCY_TYPES, { each: true })
  agencyTypes!: AgencyType[];

  @Field(() => [ReferralConsentPurposeEnum])
  @IsArray()
  @ArrayNotEmpty({ message: 'name at least one purpose' })
  @ArrayUnique({ message: 'must not repeat a purpose' })
  @IsIn(CONSENT_PURPOSES, { each: true })
  purposes!: ConsentPurpose[];
}

@InputType('WithdrawReferralConsentInput')
export class WithdrawReferralConsentInput extends CommandInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a UUID' }) referralId!: string;
  @Field(() => ID) @IsUUID('all', { message: 'must be a UUID' }) consentId!: string;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(REFERRAL_LIMITS.maxTextLength)
  reason?: string | null;
}

@InputType('ReferralListFilter', { description: 'Which referrals, and which page of them' })
export class ReferralListFilterInput extends PageInput {
  @Field(() => ReferralStatusEnum, { nullable: true })
  @IsOptional()
  @IsIn(REFERRAL_STATUSES)
  status?: ReferralStatus;

  @Field(() => Boolean, {
    nullable: true,
    description: 'True: only referrals still unanswered past their due time; false: only the others',
  })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean;

  @Field(() => String, { nullable: true, description: 'One mine site, by its code, e.g. NK-MAS-014' })
  @IsOptional()
  @Matches(SITE_CODE_PATTERN, { message: 'must be a site code like NK-MAS-014 (province, territory, number)' })
  siteCode?: string;

  @Field(() => String, { nullable: true, description: 'NK (North Kivu) or SK (South Kivu): the site code prefix' })
  @IsOptional()
  @IsIn(SITE_PROVINCES, { message: 'must be NK (North Kivu) or SK (South Kivu)' })
  province?: SiteProvince;

  @Field(() => String, { nullable: true, description: "The site code's territory part, e.g. MAS for Masisi" })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'must be the three capital letters of a territory, e.g. MAS' })
  territory?: string;
}
