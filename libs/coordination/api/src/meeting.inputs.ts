import { Field, ID, InputType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsDate,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import { AGENCY_TYPES, type AgencyType } from '@pamoja/contracts';
import {
  MEETING_LANGUAGES,
  MEETING_LIMITS,
  MEETING_PROVINCES,
  MEETING_SITE_CODE_PATTERN,
  type MeetingLanguage,
  type MeetingProvince,
} from '@pamoja/coordination/domain';
import { AgencyTypeEnum, CommandInput } from '@pamoja/platform/graphql';
import { MeetingLanguageEnum, MeetingProvinceEnum } from './meeting.graphql-types.js';

const UUID = { message: 'must be a UUID' } as const;
const AGENCY_ID = /^[a-z0-9][a-z0-9._-]{1,63}$/;
const AGENCY_ID_MESSAGE = 'must be an agency id (lower-case letters, digits, dot, dash)';
const DATE = { message: 'must be an ISO-8601 date-time' } as const;

@InputType('ScheduleMeetingInput')
export class ScheduleMeetingInput extends CommandInput {
  @Field(() => ID, { nullable: true, description: 'Optional; derived from the command id when absent' })
  @IsOptional()
  @IsUUID('all', UUID)
  meetingId?: string;

  @Field(() => String) @IsString() @IsNotEmpty() @MaxLength(MEETING_LIMITS.maxTitleLength) title!: string;
  @Field(() => MeetingProvinceEnum) @IsIn(MEETING_PROVINCES) province!: MeetingProvince;

  @Field(() => String, { nullable: true, description: 'A mine site of the province, e.g. NK-MAS-014' })
  @IsOptional()
  @Matches(MEETING_SITE_CODE_PATTERN, {
    message: 'must be a site code like NK-MAS-014 (province, three letters, number)',
  })
  siteCode?: string | null;

  @Field(() => Date, { description: 'When the meeting takes place (UTC)' }) @IsDate(DATE) scheduledFor!: Date;

  @Field(() => MeetingLanguageEnum, {
    defaultValue: 'fr',
    description: 'The language it is held and minuted in; French unless said',
  })
  @IsIn(MEETING_LANGUAGES)
  language!: MeetingLanguage;

  // Integrators are refused by the domain, which names the field.
  @Field(() => [AgencyTypeEnum], { defaultValue: [] })
  @IsArray()
  @ArrayUnique({ message: 'must not repeat an agency type' })
  @IsIn(AGENCY_TYPES, { each: true })
  participantAgencyTypes!: AgencyType[];

  @Field(() => [String], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(MEETING_LIMITS.maxParticipants)
  @IsString({ each: true })
  @MaxLength(MEETING_LIMITS.maxAgencyIdLength, { each: true })
  @Matches(AGENCY_ID, { each: true, message: AGENCY_ID_MESSAGE })
  participantAgencyIds!: string[];
}

@InputType('RecordActionPointInput')
export class RecordActionPointInput extends CommandInput {
  @Field(() => ID) @IsUUID('all', UUID) meetingId!: string;

  @Field(() => String, { description: 'What is to be done. No names or other personal data.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MEETING_LIMITS.maxTextLength)
  description!: string;

  @Field(() => String)
  @IsString()
  @MaxLength(MEETING_LIMITS.maxAgencyIdLength)
  @Matches(AGENCY_ID, { message: AGENCY_ID_MESSAGE })
  ownerAgencyId!: string;
  @Field(() => AgencyTypeEnum) @IsIn(AGENCY_TYPES) ownerAgencyType!: AgencyType;
  @Field(() => Date, { description: 'Not in the past' }) @IsDate(DATE) dueBy!: Date;

  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', UUID) jointCaseId?: string | null;
}

@InputType('CompleteActionPointInput')
export class CompleteActionPointInput extends CommandInput {
  @Field(() => ID) @IsUUID('all', UUID) meetingId!: string;
  @Field(() => ID) @IsUUID('all', UUID) actionPointId!: string;
}

@InputType('RecordDecisionInput')
export class RecordDecisionInput extends CommandInput {
  @Field(() => ID) @IsUUID('all', UUID) meetingId!: string;

  @Field(() => String, { description: 'What was decided. No names or other personal data.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MEETING_LIMITS.maxTextLength)
  text!: string;

  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID('all', UUID) jointCaseId?: string | null;
}

@InputType('RecordMinutesInput')
export class RecordMinutesInput extends CommandInput {
  @Field(() => ID) @IsUUID('all', UUID) meetingId!: string;

  @Field(() => String, { description: 'The whole minutes; a later record replaces an earlier one' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MEETING_LIMITS.maxMinutesLength)
  text!: string;
}

@InputType('CloseMeetingInput')
export class CloseMeetingInput extends CommandInput {
  @Field(() => ID) @IsUUID('all', UUID) meetingId!: string;
}
