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
import { CommandInput, PageInput } from '@pamoja/platform/graphql';
import {
  AGE_GROUPS,
  ASSISTANCE_LIMITS,
  ASSISTANCE_NEEDS,
  ASSISTANCE_STATUSES,
  CALENDAR_DATE_PATTERN,
  CLOSE_REASONS,
  CONSENT_GIVERS,
  ERASURE_REASONS,
  FORMS_OF_EXPLOITATION,
  NATIONALITY_PATTERN,
  NEED_PRIORITIES,
  PHONE_PATTERN,
  PROTECTION_MEASURES,
  SERVICE_KINDS,
  SEXES,
  type AgeGroup,
  type AssistanceCloseReason,
  type AssistanceNeed,
  type AssistanceStatus,
  type ConsentGivenBy,
  type ErasureReason,
  type FormOfExploitation,
  type NeedPriority,
  type ProtectionMeasureKind,
  type ServiceKind,
  type Sex,
} from '@pamoja/assistance/domain';
import {
  AssistanceCloseReasonEnum,
  AssistanceNeedEnum,
  AssistanceNeedPriorityEnum,
  AssistanceServiceKindEnum,
  AssistanceStatusEnum,
  ExploitationFormEnum,
  ProtectionMeasureKindEnum,
  VictimAgeGroupEnum,
  VictimConsentGivenByEnum,
  VictimDataErasureReasonEnum,
  VictimSexEnum,
} from './assistance.graphql-types.js';

const AGENCY_ID = /^[a-z0-9][a-z0-9._-]{1,63}$/;
const UUID_MESSAGE = { message: 'must be a UUID' };

@InputType('VictimPersonalInput', {
  description: 'Personal data: encrypted per person and never shared in clear; only the assisting agency reads it',
})
export class VictimPersonalInput {
  @Field(() => String)
  @IsString()
  @IsNotEmpty()
  @MaxLength(ASSISTANCE_LIMITS.maxNameLength)
  fullName!: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @Matches(CALENDAR_DATE_PATTERN, { message: 'must be a date YYYY-MM-DD' })
  dateOfBirth?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(PHONE_PATTERN, { message: 'must be a phone number: digits and spaces, optionally starting with +' })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(ASSISTANCE_LIMITS.maxLocationLength)
  currentLocation?: string | null;
}

@InputType('RegisterVictimInput')
export class RegisterVictimInput extends CommandInput {
  @Field(() => ID, { nullable: true, description: 'Optional; derived from the command id when absent' })
  @IsOptional()
  @IsUUID('all', UUID_MESSAGE)
  assistanceId?: string;

  @Field(() => ID, { description: 'The joint case the victim belongs to' })
  @IsUUID('all', UUID_MESSAGE)
  jointCaseId!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'The person, as the referral that brought them names them (`subjectPersonId`): their consent then ' +
      'decides which other parties read this case, and your agency keeps it from now on',
  })
  @IsOptional()
  @IsUUID('all', UUID_MESSAGE)
  personId?: string | null;

  @Field(() => VictimAgeGroupEnum)
  @IsIn(AGE_GROUPS)
  ageGroup!: AgeGroup;

  @Field(() => VictimSexEnum)
  @IsIn(SEXES)
  sex!: Sex;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2, e.g. CD' })
  @IsOptional()
  @Matches(NATIONALITY_PATTERN, { message: 'must be an ISO 3166-1 alpha-2 country code such as CD' })
  nationality?: string | null;

  @Field(() => [ExploitationFormEnum])
  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique({ message: 'must not repeat a form of exploitation' })
  @IsIn(FORMS_OF_EXPLOITATION, { each: true })
  formsOfExploitation!: FormOfExploitation[];

  @Field(() => Boolean, { description: 'HTCDS AgreementToManagePersonalData' })
  @IsBoolean()
  agreementToManagePersonalData!: boolean;

  @Field(() => VictimConsentGivenByEnum)
  @IsIn(CONSENT_GIVERS)
  consentGivenBy!: ConsentGivenBy;

  @Field(() => VictimPersonalInput, { nullable: true, description: 'Only with the agreement to manage it' })
  @IsOptional()
  @ValidateNested()
  @Type(() => VictimPersonalInput)
  personal?: VictimPersonalInput | null;
}

@InputType('AssistanceNeedInput')
export class AssistanceNeedInput {
  @Field(() => AssistanceNeedEnum) @IsIn(ASSISTANCE_NEEDS) need!: AssistanceNeed;
  @Field(() => AssistanceNeedPriorityEnum) @IsIn(NEED_PRIORITIES) priority!: NeedPriority;
}

@InputType('AssessNeedsInput')
export class AssessNeedsInput extends CommandInput {
  @Field(() => ID) @IsUUID('all', UUID_MESSAGE) assistanceId!: string;

  @Field(() => [AssistanceNeedInput], { description: 'Replaces the previous assessment' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(ASSISTANCE_NEEDS.length)
  @ValidateNested({ each: true })
  @Type(() => AssistanceNeedInput)
  needs!: AssistanceNeedInput[];
}

@InputType('ProvideServiceInput')
export class ProvideServiceInput extends CommandInput {
  @Field(() => ID) @IsUUID('all', UUID_MESSAGE) assistanceId!: string;

  @Field(() => ID, { nullable: true, description: 'Optional; derived from the command id when absent' })
  @IsOptional()
  @IsUUID('all', UUID_MESSAGE)
  serviceId?: string;

  @Field(() => AssistanceServiceKindEnum) @IsIn(SERVICE_KINDS) kind!: ServiceKind;

  @Field(() => Date, { nullable: true, description: 'When it was given (UTC); now when absent' })
  @IsOptional()
  @IsDate({ message: 'must be an ISO-8601 date-time' })
  providedAt?: Date | null;

  @Field(() => String, { nullable: true, description: 'The partner that gave it; your agency when absent' })
  @IsOptional()
  @Matches(AGENCY_ID, { message: 'must be an agency id (lower-case letters, digits, dot, dash)' })
  providerAgencyId?: string | null;

  @Field(() => String, { nullable: true, description: 'No names or other personal data' })
  @IsOptional()
  @IsString()
  @MaxLength(ASSISTANCE_LIMITS.maxTextLength)
  note?: string | null;
}

@InputType('ApplyProtectionMeasureInput')
export class ApplyProtectionMeasureInput extends CommandInput {
  @Field(() => ID) @IsUUID('all', UUID_MESSAGE) assistanceId!: string;

  @Field(() => ID, { nullable: true, description: 'Optional; derived from the command id when absent' })
  @IsOptional()
  @IsUUID('all', UUID_MESSAGE)
  measureId?: string;

  @Field(() => ProtectionMeasureKindEnum) @IsIn(PROTECTION_MEASURES) measure!: ProtectionMeasureKind;

  @Field(() => String, { nullable: true, description: 'Required for OTHER. Never where a safe house is.' })
  @IsOptional()
  @IsString()
  @MaxLength(ASSISTANCE_LIMITS.maxTextLength)
  description?: string | null;

  @Field(() => Date, { description: 'When the measure must be reviewed (UTC), in the future' })
  @IsDate({ message: 'must be an ISO-8601 date-time' })
  reviewBy!: Date;

  @Field(() => VictimConsentGivenByEnum) @IsIn(CONSENT_GIVERS) consentGivenBy!: ConsentGivenBy;
}

@InputType('CloseAssistanceInput')
export class CloseAssistanceInput extends CommandInput {
  @Field(() => ID) @IsUUID('all', UUID_MESSAGE) assistanceId!: string;
  @Field(() => AssistanceCloseReasonEnum) @IsIn(CLOSE_REASONS) reason!: AssistanceCloseReason;

  @Field(() => String, { nullable: true, description: 'Required for OTHER' })
  @IsOptional()
  @IsString()
  @MaxLength(ASSISTANCE_LIMITS.maxTextLength)
  note?: string | null;
}

@InputType('ErasePersonalDataInput')
export class ErasePersonalDataInput extends CommandInput {
  @Field(() => ID) @IsUUID('all', UUID_MESSAGE) assistanceId!: string;
  @Field(() => VictimDataErasureReasonEnum) @IsIn(ERASURE_REASONS) reason!: ErasureReason;
}

@InputType('AssistanceCaseFilter')
export class AssistanceCaseFilterInput extends PageInput {
  @Field(() => AssistanceStatusEnum, { nullable: true })
  @IsOptional()
  @IsIn(ASSISTANCE_STATUSES)
  status?: AssistanceStatus;

  @Field(() => Boolean, { nullable: true, description: 'Leave out closed cases' })
  @IsOptional()
  @IsBoolean()
  openOnly?: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Only open cases with a protection measure whose review date has come (overdue for review)',
  })
  @IsOptional()
  @IsBoolean()
  reviewDue?: boolean;
}
