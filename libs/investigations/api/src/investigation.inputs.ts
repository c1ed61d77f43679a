import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
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
import {
  CASE_FILE_STATUSES,
  CLOSURE_REASONS,
  DATE_PATTERN,
  ERASURE_REASONS,
  EVIDENCE_KINDS,
  INVESTIGATION_LIMITS,
  INVESTIGATION_STATUSES,
  SHA256_PATTERN,
  SITE_CODE_PATTERN,
  SUSPECT_ROLES,
  SUSPECTED_OFFENCES,
  type CaseFileStatus,
  type ClosureReason,
  type ErasureReason,
  type EvidenceKind,
  type InvestigationStatus,
  type SuspectedOffence,
  type SuspectRole,
} from '@pamoja/investigations/domain';
import { SITE_PROVINCES, type SiteProvince } from '@pamoja/investigations/application';
import { CommandInput, PageInput } from '@pamoja/platform/graphql';
import {
  CaseFileTransmissionStatusEnum,
  InvestigationClosureReasonEnum,
  InvestigationEvidenceKindEnum,
  InvestigationOffenceEnum,
  InvestigationStatusEnum,
  InvestigationSuspectRoleEnum,
  SuspectDataErasureReasonEnum,
} from './investigation.graphql-types.js';

const AGENCY_ID = /^[a-z0-9][a-z0-9._-]{1,63}$/;
const AGENCY_ID_MESSAGE = 'must be an agency id (lower-case letters, digits, dot, dash)';
const SHORT = INVESTIGATION_LIMITS.maxShortTextLength;
const LONG = INVESTIGATION_LIMITS.maxTextLength;
const MAX_LISTED = 500;

@InputType('OpenInvestigationInput')
export class OpenInvestigationInput extends CommandInput {
  @Field(() => ID, { nullable: true, description: 'Optional; derived from the command id when absent' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  investigationId?: string;

  @Field(() => ID, { description: 'The joint case this investigation belongs to' })
  @IsUUID('all', { message: 'must be a UUID' })
  jointCaseId!: string;

  @Field(() => ID, { nullable: true, description: 'The accepted referral it answers; absent when opened on its own' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  referralId?: string | null;

  @Field(() => String, { nullable: true, description: 'Mine site code, e.g. NK-MAS-014' })
  @IsOptional()
  @Matches(SITE_CODE_PATTERN, { message: 'must be a site code like NK-MAS-014 (province, territory, number)' })
  siteCode?: string | null;

  @Field(() => [InvestigationOffenceEnum])
  @IsArray()
  @ArrayMinSize(1, { message: 'at least one suspected offence is required' })
  @ArrayUnique({ message: 'must not repeat an offence' })
  @IsIn(SUSPECTED_OFFENCES, { each: true })
  offences!: SuspectedOffence[];

  @Field(() => String, { description: 'The officer (OPJ) leading the investigation' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(SHORT)
  leadOfficerId!: string;
}

@InputType('RecordEvidenceInput')
export class RecordEvidenceInput extends CommandInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a UUID' }) investigationId!: string;

  @Field(() => ID, { nullable: true, description: 'Optional; derived from the command id when absent' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  evidenceId?: string;

  @Field(() => String) @IsString() @IsNotEmpty() @MaxLength(LONG) description!: string;

  @Field(() => InvestigationEvidenceKindEnum) @IsIn(EVIDENCE_KINDS) kind!: EvidenceKind;

  @Field(() => String, { description: 'SHA-256 of the item or of its digital copy: 64 lower-case hex characters' })
  @Matches(SHA256_PATTERN, { message: 'must be 64 lower-case hexadecimal characters' })
  sha256!: string;

  @Field(() => Date) @IsDate({ message: 'must be an ISO-8601 date-time' }) collectedAt!: Date;

  @Field(() => String, { nullable: true, description: 'The collecting officer; you when absent' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(SHORT)
  collectedBy?: string;
}

@InputType('InvestigationCustodianInput')
export class InvestigationCustodianInput {
  @Field(() => String) @Matches(AGENCY_ID, { message: AGENCY_ID_MESSAGE }) agencyId!: string;
  @Field(() => String) @IsString() @IsNotEmpty() @MaxLength(SHORT) officerId!: string;
}

@InputType('RecordEvidenceCustodyTransferInput')
export class RecordEvidenceCustodyTransferInput extends CommandInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a UUID' }) investigationId!: string;
  @Field(() => ID) @IsUUID('all', { message: 'must be a UUID' }) evidenceId!: string;

  @Field(() => InvestigationCustodianInput, { description: 'Who holds it now' })
  @ValidateNested()
  @Type(() => InvestigationCustodianInput)
  from!: InvestigationCustodianInput;

  @Field(() => InvestigationCustodianInput)
  @ValidateNested()
  @Type(() => InvestigationCustodianInput)
  to!: InvestigationCustodianInput;

  @Field(() => Date) @IsDate({ message: 'must be an ISO-8601 date-time' }) at!: Date;
  @Field(() => String) @IsString() @IsNotEmpty() @MaxLength(LONG) reason!: string;
}

@InputType('InvestigationSuspectPersonalInput', {
  description: 'Personal data: readable by police and prosecutors only, encrypted once the access policy lands',
})
export class InvestigationSuspectPersonalInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(SHORT)
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @Matches(DATE_PATTERN, { message: 'must be a date written YYYY-MM-DD' })
  dateOfBirth?: string | null;
}

@InputType('IdentifySuspectInput')
export class IdentifySuspectInput extends CommandInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a UUID' }) investigationId!: string;

  @Field(() => ID, { nullable: true, description: 'Optional; derived from the command id when absent' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  suspectId?: string;

  @Field(() => InvestigationSuspectRoleEnum) @IsIn(SUSPECT_ROLES) role!: SuspectRole;

  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(SHORT) alias?: string | null;

  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(LONG) description?: string | null;

  @Field(() => InvestigationSuspectPersonalInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => InvestigationSuspectPersonalInput)
  personal?: InvestigationSuspectPersonalInput | null;
}

@InputType('RecordArrestInput')
export class RecordArrestInput extends CommandInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a UUID' }) investigationId!: string;
  @Field(() => ID) @IsUUID('all', { message: 'must be a UUID' }) suspectId!: string;
  @Field(() => Date) @IsDate({ message: 'must be an ISO-8601 date-time' }) arrestedAt!: Date;
  @Field(() => String) @IsString() @IsNotEmpty() @MaxLength(SHORT) location!: string;
  @Field(() => String, { description: 'The warrant or article the arrest rests on' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(LONG)
  legalBasis!: string;
}

@InputType('TransmitCaseFileInput')
export class TransmitCaseFileInput extends CommandInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a UUID' }) investigationId!: string;

  @Field(() => ID, { nullable: true, description: 'Optional; derived from the command id when absent' })
  @IsOptional()
  @IsUUID('all', { message: 'must be a UUID' })
  caseFileId?: string;

  @Field(() => String, { description: "The prosecutor's office (Parquet) the case file goes to" })
  @Matches(AGENCY_ID, { message: AGENCY_ID_MESSAGE })
  toProsecutorOfficeId!: string;

  @Field(() => Date, { description: 'When the office must have acknowledged receipt (UTC), at most 30 days ahead' })
  @IsDate({ message: 'must be an ISO-8601 date-time' })
  dueBy!: Date;

  @Field(() => String) @IsString() @IsNotEmpty() @MaxLength(LONG) summary!: string;

  @Field(() => [ID], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(MAX_LISTED)
  @ArrayUnique({ message: 'must not repeat an evidence id' })
  @IsUUID('all', { each: true, message: 'must be UUIDs' })
  evidenceIds!: string[];

  @Field(() => [ID])
  @IsArray()
  @ArrayMinSize(1, { message: 'at least one suspect must be included' })
  @ArrayMaxSize(MAX_LISTED)
  @ArrayUnique({ message: 'must not repeat a suspect id' })
  @IsUUID('all', { each: true, message: 'must be UUIDs' })
  suspectIds!: string[];
}

@InputType('CloseInvestigationInput')
export class CloseInvestigationInput extends CommandInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a UUID' }) investigationId!: string;
  @Field(() => InvestigationClosureReasonEnum) @IsIn(CLOSURE_REASONS) reason!: ClosureReason;
  @Field(() => String, { nullable: true, description: 'Required when the reason is OTHER' })
  @IsOptional()
  @IsString()
  @MaxLength(LONG)
  note?: string | null;
}

@InputType('EraseSuspectPersonalDataInput')
export class EraseSuspectPersonalDataInput extends CommandInput {
  @Field(() => ID) @IsUUID('all', { message: 'must be a UUID' }) investigationId!: string;
  @Field(() => ID) @IsUUID('all', { message: 'must be a UUID' }) suspectId!: string;
  @Field(() => SuspectDataErasureReasonEnum) @IsIn(ERASURE_REASONS) reason!: ErasureReason;
}

@InputType('InvestigationListFilter', { description: 'Which investigations, and which page of them' })
export class InvestigationListFilterInput extends PageInput {
  @Field(() => InvestigationStatusEnum, { nullable: true })
  @IsOptional()
  @IsIn(INVESTIGATION_STATUSES)
  status?: InvestigationStatus;

  @Field(() => InvestigationOffenceEnum, { nullable: true })
  @IsOptional()
  @IsIn(SUSPECTED_OFFENCES)
  offence?: SuspectedOffence;

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

@InputType('CaseFileListFilter', { description: 'Which case files, and which page of them' })
export class CaseFileListFilterInput extends PageInput {
  @Field(() => CaseFileTransmissionStatusEnum, {
    nullable: true,
    description: 'Only this status (incomingCaseFiles: also ACKNOWLEDGED ones, which it otherwise leaves out)',
  })
  @IsOptional()
  @IsIn(CASE_FILE_STATUSES)
  status?: CaseFileStatus;

  @Field(() => Boolean, {
    nullable: true,
    description: 'True: only case files unacknowledged past their due time; false: only the others',
  })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean;
}
