import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDate,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CommandInput, PageInput } from '@pamoja/platform/graphql';
import {
  APPEAL_OUTCOMES,
  APPEAL_PARTIES,
  CLOSE_REASONS,
  CURRENCIES,
  PROSECUTION_LIMITS,
  PROSECUTION_OFFENCES,
  PROSECUTION_STATUSES,
  VERDICTS,
  VICTIM_REF_PATTERN,
  type AppealOutcome,
  type AppealParty,
  type CloseReason,
  type Currency,
  type ProsecutionOffence,
  type ProsecutionStatus,
  type Verdict,
} from '@pamoja/prosecutions/domain';
import {
  ProsecutionAppealOutcomeEnum,
  ProsecutionAppealPartyEnum,
  ProsecutionCloseReasonEnum,
  ProsecutionCurrencyEnum,
  ProsecutionOffenceEnum,
  ProsecutionStatusEnum,
  ProsecutionVerdictEnum,
} from './prosecution.graphql-types.js';

const AGENCY_ID = /^[a-z0-9][a-z0-9._-]{1,63}$/;
const UUID = { message: 'must be a UUID' } as const;
// No `maxDecimalPlaces`: the validator reads decimals from the number's text and fails with an internal error
// on exponent notation (5e-324); the domain checks the two decimals arithmetically.
const MONEY = { allowNaN: false, allowInfinity: false } as const;

/** Every command after the receipt names the prosecution it acts on. */
@InputType({ isAbstract: true })
abstract class ProsecutionCommandInput extends CommandInput {
  @Field(() => ID) @IsUUID('all', UUID) prosecutionId!: string;
}

@InputType('ProsecutionSuspectInput')
export class ProsecutionSuspectInput {
  @Field(() => ID) @IsUUID('all', UUID) suspectId!: string;

  @Field(() => String, { description: 'Role as the case file records it, e.g. recruiter; never a name' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(PROSECUTION_LIMITS.maxRoleLength)
  role!: string;
}

@InputType('ReceiveCaseFileInput')
export class ReceiveCaseFileInput extends CommandInput {
  @Field(() => ID, { description: 'The joint case the case file belongs to' })
  @IsUUID('all', UUID)
  jointCaseId!: string;

  @Field(() => ID) @IsUUID('all', UUID) caseFileId!: string;
  @Field(() => ID) @IsUUID('all', UUID) investigationId!: string;

  @Field(() => String, { description: 'The police agency that transmitted the case file' })
  @Matches(AGENCY_ID, { message: 'must be an agency id (lower-case letters, digits, dot, dash)' })
  fromPoliceAgencyId!: string;

  @Field(() => [ProsecutionSuspectInput], { description: 'The suspects as listed in the case file' })
  @IsArray()
  @ArrayMaxSize(PROSECUTION_LIMITS.maxSuspects)
  @ValidateNested({ each: true })
  @Type(() => ProsecutionSuspectInput)
  suspects!: ProsecutionSuspectInput[];
}

@InputType('FileChargesInput')
export class FileChargesInput extends ProsecutionCommandInput {
  @Field(() => ID, { nullable: true, description: 'Optional; derived from the command id when absent' })
  @IsOptional()
  @IsUUID('all', UUID)
  chargeId?: string;

  @Field(() => ID, { description: 'A suspect listed in the case file' }) @IsUUID('all', UUID) suspectId!: string;

  @Field(() => ProsecutionOffenceEnum) @IsIn(PROSECUTION_OFFENCES) offence!: ProsecutionOffence;

  @Field(() => String, { description: 'e.g. "Code pénal, art. 174j (loi du 26 octobre 2022)"' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(PROSECUTION_LIMITS.maxLegalBasisLength)
  legalBasis!: string;
}

@InputType('ScheduleHearingInput')
export class ScheduleHearingInput extends ProsecutionCommandInput {
  @Field(() => ID, { nullable: true, description: 'Optional; derived from the command id when absent' })
  @IsOptional()
  @IsUUID('all', UUID)
  hearingId?: string;

  @Field(() => String) @IsString() @IsNotEmpty() @MaxLength(PROSECUTION_LIMITS.maxCourtLength) court!: string;

  @Field(() => Date, { description: 'When the hearing takes place (UTC); must be in the future' })
  @IsDate({ message: 'must be an ISO-8601 date-time' })
  scheduledFor!: Date;

  @Field(() => String) @IsString() @IsNotEmpty() @MaxLength(PROSECUTION_LIMITS.maxTextLength) purpose!: string;
}

@InputType('RecordHearingHeldInput')
export class RecordHearingHeldInput extends ProsecutionCommandInput {
  @Field(() => ID) @IsUUID('all', UUID) hearingId!: string;

  @Field(() => Date, { nullable: true, description: 'When it was held; now when absent' })
  @IsOptional()
  @IsDate({ message: 'must be an ISO-8601 date-time' })
  heldAt?: Date;

  @Field(() => String) @IsString() @IsNotEmpty() @MaxLength(PROSECUTION_LIMITS.maxTextLength) outcome!: string;
}

@InputType('RenderVerdictInput')
export class RenderVerdictInput extends ProsecutionCommandInput {
  @Field(() => ID) @IsUUID('all', UUID) chargeId!: string;
  @Field(() => ProsecutionVerdictEnum) @IsIn(VERDICTS) verdict!: Verdict;

  @Field(() => Date, { nullable: true, description: 'The date of the judgment; now when absent' })
  @IsOptional()
  @IsDate({ message: 'must be an ISO-8601 date-time' })
  renderedAt?: Date;
}

@InputType('ProsecutionFineInput')
export class ProsecutionFineInput {
  @Field(() => Float) @IsNumber(MONEY) @Min(0) @Max(PROSECUTION_LIMITS.maxAmount) amount!: number;
  @Field(() => ProsecutionCurrencyEnum) @IsIn(CURRENCIES) currency!: Currency;
}

@InputType('ImposeSentenceInput')
export class ImposeSentenceInput extends ProsecutionCommandInput {
  @Field(() => ID) @IsUUID('all', UUID) chargeId!: string;

  @Field(() => Int, { defaultValue: 0 })
  @IsInt()
  @Min(0)
  @Max(PROSECUTION_LIMITS.maxImprisonmentMonths)
  imprisonmentMonths!: number;

  @Field(() => ProsecutionFineInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProsecutionFineInput)
  fine?: ProsecutionFineInput | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(PROSECUTION_LIMITS.maxTextLength)
  otherMeasures?: string;
}

@InputType('OrderRestitutionInput')
export class OrderRestitutionInput extends ProsecutionCommandInput {
  @Field(() => ID, { nullable: true, description: 'Optional; derived from the command id when absent' })
  @IsOptional()
  @IsUUID('all', UUID)
  restitutionId?: string;

  @Field(() => String, { description: 'Opaque victim reference (letters, digits, . _ : -); never a name' })
  @Matches(VICTIM_REF_PATTERN, { message: 'must be an opaque victim reference, never a name' })
  victimRef!: string;

  @Field(() => Float) @IsNumber(MONEY) @Min(0.01) @Max(PROSECUTION_LIMITS.maxAmount) amount!: number;
  @Field(() => ProsecutionCurrencyEnum) @IsIn(CURRENCIES) currency!: Currency;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(PROSECUTION_LIMITS.maxTextLength)
  note?: string;
}

@InputType('FileAppealInput')
export class FileAppealInput extends ProsecutionCommandInput {
  @Field(() => ID, { nullable: true, description: 'Optional; derived from the command id when absent' })
  @IsOptional()
  @IsUUID('all', UUID)
  appealId?: string;

  @Field(() => ID) @IsUUID('all', UUID) chargeId!: string;
  @Field(() => ProsecutionAppealPartyEnum) @IsIn(APPEAL_PARTIES) by!: AppealParty;

  @Field(() => Date, { nullable: true, description: 'When the appeal was lodged; now when absent' })
  @IsOptional()
  @IsDate({ message: 'must be an ISO-8601 date-time' })
  filedAt?: Date;
}

@InputType('RescheduleHearingInput')
export class RescheduleHearingInput extends ProsecutionCommandInput {
  @Field(() => ID) @IsUUID('all', UUID) hearingId!: string;

  @Field(() => Date, { description: 'The new date (UTC); must be in the future' })
  @IsDate({ message: 'must be an ISO-8601 date-time' })
  scheduledFor!: Date;

  @Field(() => String, { nullable: true, description: 'The court, when the hearing moves to another one' })
  @IsOptional()
  @IsString()
  @MaxLength(PROSECUTION_LIMITS.maxCourtLength)
  court?: string;

  @Field(() => String, { description: 'Why the hearing moved, e.g. "renvoi à la demande de la défense"' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(PROSECUTION_LIMITS.maxTextLength)
  reason!: string;
}

@InputType('CancelHearingInput')
export class CancelHearingInput extends ProsecutionCommandInput {
  @Field(() => ID) @IsUUID('all', UUID) hearingId!: string;

  @Field(() => String, { description: 'Why the hearing will not take place' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(PROSECUTION_LIMITS.maxTextLength)
  reason!: string;
}

@InputType('DecideAppealInput')
export class DecideAppealInput extends ProsecutionCommandInput {
  @Field(() => ID) @IsUUID('all', UUID) appealId!: string;
  @Field(() => ProsecutionAppealOutcomeEnum) @IsIn(APPEAL_OUTCOMES) outcome!: AppealOutcome;

  @Field(() => Date, { nullable: true, description: "The appeal court's date; now when absent" })
  @IsOptional()
  @IsDate({ message: 'must be an ISO-8601 date-time' })
  decidedAt?: Date;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(PROSECUTION_LIMITS.maxTextLength)
  note?: string;
}

@InputType('CloseProsecutionInput')
export class CloseProsecutionInput extends ProsecutionCommandInput {
  @Field(() => ProsecutionCloseReasonEnum) @IsIn(CLOSE_REASONS) reason!: CloseReason;

  @Field(() => String, { nullable: true, description: 'Required when the reason is OTHER' })
  @IsOptional()
  @IsString()
  @MaxLength(PROSECUTION_LIMITS.maxTextLength)
  note?: string;
}

@InputType('ProsecutionListFilter')
export class ProsecutionListFilterInput extends PageInput {
  @Field(() => ProsecutionStatusEnum, { nullable: true })
  @IsOptional()
  @IsIn(PROSECUTION_STATUSES)
  status?: ProsecutionStatus;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', UUID)
  jointCaseId?: string;
}

export const MAX_UPCOMING_DAYS = 365;

@InputType('UpcomingHearingsFilter')
export class UpcomingHearingsFilterInput extends PageInput {
  @Field(() => Int, {
    nullable: true,
    defaultValue: 14,
    description: `Within the next days, 1 to ${MAX_UPCOMING_DAYS}`,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_UPCOMING_DAYS)
  days?: number;
}
