import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
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
} from 'class-validator';
import { CommandInput, PageInput } from '@pamoja/platform/graphql';
import {
  ANNEX_II_CATEGORIES,
  ICGLR_ID_PATTERN,
  INCIDENT_LEVELS,
  INCIDENT_SOURCES,
  MINE_SITE_CODE_PATTERN,
  MINE_SITE_STATUSES,
  MINERALS,
  PROVINCES,
  RECOMMENDABLE_SITE_STATUSES,
  SITES_LIMITS,
  TERRITORIES,
  type AnnexIICategory,
  type IncidentLevel,
  type IncidentSource,
  type Mineral,
  type MineSiteStatus,
  type Province,
  type RecommendableSiteStatus,
  type Territory,
} from '@pamoja/sites/domain';
import {
  MineralEnum,
  MineSiteStatusEnum,
  ProvinceEnum,
  RecommendedSiteStatusEnum,
  SiteIncidentCategoryEnum,
  SiteIncidentSourceEnum,
  TerritoryEnum,
} from './sites.graphql-types.js';

const UUID = { message: 'must be a UUID' } as const;

@InputType('RegisterMineSiteInput')
export class RegisterMineSiteInput extends CommandInput {
  @Field(() => String, { description: 'Registry code, e.g. NK-MAS-014; the site id is derived from it' })
  @Matches(MINE_SITE_CODE_PATTERN, { message: 'must be a site code like NK-MAS-014 (province, three letters, number)' })
  code!: string;

  @Field(() => String) @IsString() @IsNotEmpty() @MaxLength(SITES_LIMITS.maxNameLength) name!: string;
  @Field(() => ProvinceEnum) @IsIn(PROVINCES) province!: Province;
  @Field(() => TerritoryEnum) @IsIn(TERRITORIES) territory!: Territory;

  @Field(() => [MineralEnum])
  @IsArray()
  @ArrayNotEmpty({ message: 'at least one mineral is required' })
  @ArrayUnique({ message: 'must not repeat a mineral' })
  @IsIn(MINERALS, { each: true })
  minerals!: Mineral[];

  // The Kivus box is checked by the domain, which names the field.
  @Field(() => Float) @IsNumber({ allowNaN: false, allowInfinity: false }) latitude!: number;
  @Field(() => Float) @IsNumber({ allowNaN: false, allowInfinity: false }) longitude!: number;
}

@InputType('RecordMineSiteInspectionInput')
export class RecordMineSiteInspectionInput extends CommandInput {
  @Field(() => ID) @IsUUID('all', UUID) siteId!: string;

  @Field(() => Date, { description: 'When the inspection took place (UTC)' })
  @IsDate({ message: 'must be an ISO-8601 date-time' })
  inspectedAt!: Date;

  @Field(() => String, { description: 'The inspecting team as named on its report' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(SITES_LIMITS.maxAgencyNameLength)
  inspectingAgency!: string;

  @Field(() => String, { description: 'What was found. No names or other personal data.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(SITES_LIMITS.maxTextLength)
  findings!: string;

  @Field(() => [String], { defaultValue: [] })
  @IsArray()
  @ArrayMaxSize(SITES_LIMITS.maxIndicators)
  @IsString({ each: true })
  @MaxLength(SITES_LIMITS.maxIndicatorLength, { each: true })
  indicatorsObserved!: string[];

  @Field(() => RecommendedSiteStatusEnum)
  @IsIn(RECOMMENDABLE_SITE_STATUSES)
  recommendedStatus!: RecommendableSiteStatus;
}

@InputType('ChangeMineSiteStatusInput')
export class ChangeMineSiteStatusInput extends CommandInput {
  @Field(() => ID) @IsUUID('all', UUID) siteId!: string;
  @Field(() => MineSiteStatusEnum) @IsIn(MINE_SITE_STATUSES) to!: MineSiteStatus;

  @Field(() => String, { nullable: true, description: 'Required to suspend a site (RED)' })
  @IsOptional()
  @IsString()
  @MaxLength(SITES_LIMITS.maxTextLength)
  reason?: string | null;

  @Field(() => Date, { nullable: true, description: 'Required for YELLOW only: at most 6 months ahead' })
  @IsOptional()
  @IsDate({ message: 'must be an ISO-8601 date-time' })
  remediationDeadline?: Date | null;
}

@InputType('ReportSiteIncidentInput')
export class ReportSiteIncidentInput extends CommandInput {
  @Field(() => ID, { nullable: true, description: 'Optional; derived from the command id when absent' })
  @IsOptional()
  @IsUUID('all', UUID)
  incidentId?: string;

  @Field(() => ID) @IsUUID('all', UUID) siteId!: string;

  @Field(() => ID, { nullable: true, description: 'The joint case this incident is handled in, if any' })
  @IsOptional()
  @IsUUID('all', UUID)
  jointCaseId?: string | null;

  @Field(() => SiteIncidentSourceEnum) @IsIn(INCIDENT_SOURCES) source!: IncidentSource;

  @Field(() => String, { description: 'What was reported. Never the name of a whistle-blower.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(SITES_LIMITS.maxTextLength)
  description!: string;
}

@InputType('ClassifySiteIncidentInput')
export class ClassifySiteIncidentInput extends CommandInput {
  @Field(() => ID) @IsUUID('all', UUID) incidentId!: string;

  @Field(() => Int, { description: '1 (most serious: OECD Annex II grade, e.g. forced labour) to 3' })
  @IsIn(INCIDENT_LEVELS, { message: 'must be 1, 2 or 3' })
  level!: IncidentLevel;

  @Field(() => SiteIncidentCategoryEnum, {
    nullable: true,
    description: 'The OECD Annex II risk; absent keeps the category the incident has (none at first)',
  })
  @IsOptional()
  @IsIn(ANNEX_II_CATEGORIES)
  category?: AnnexIICategory | null;
}

@InputType('RecordMineSiteIcglrIdInput')
export class RecordMineSiteIcglrIdInput extends CommandInput {
  @Field(() => ID) @IsUUID('all', UUID) siteId!: string;

  @Field(() => String, {
    description: 'The ICGLR identification number the joint validation gave the site: 4 to 40 letters and digits',
  })
  @IsString()
  @Matches(ICGLR_ID_PATTERN, { message: 'must be 4 to 40 letters (A to Z) and digits' })
  icglrId!: string;
}

@InputType('CloseSiteIncidentInput')
export class CloseSiteIncidentInput extends CommandInput {
  @Field(() => ID) @IsUUID('all', UUID) incidentId!: string;

  @Field(() => String, { description: 'Published after closure: it must not identify anyone' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(SITES_LIMITS.maxTextLength)
  summary!: string;
}

@InputType('MineSiteListFilter')
export class MineSiteListFilterInput extends PageInput {
  @Field(() => ProvinceEnum, { nullable: true }) @IsOptional() @IsIn(PROVINCES) province?: Province;
  @Field(() => TerritoryEnum, { nullable: true }) @IsOptional() @IsIn(TERRITORIES) territory?: Territory;
  @Field(() => MineSiteStatusEnum, { nullable: true }) @IsOptional() @IsIn(MINE_SITE_STATUSES) status?: MineSiteStatus;

  @Field(() => Boolean, { nullable: true, description: 'True: only sites with an open incident; false: without' })
  @IsOptional()
  @IsBoolean()
  withOpenIncidents?: boolean;
}

@InputType('SiteIncidentFilter')
export class SiteIncidentFilterInput extends PageInput {
  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Only incidents still open' })
  @IsOptional()
  @IsBoolean()
  openOnly?: boolean;
}

/** `first` and `after` of a page, for list fields that take arguments rather than a filter input. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, defaultValue: 50, description: 'How many, 1 to 200' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  first?: number;

  @Field(() => String, { nullable: true, description: 'The endCursor of the page before' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  after?: string;
}

@ArgsType()
export class MineSiteTimelineArgs extends PageArgs {
  @Field(() => Date, { nullable: true, description: 'Only what happened at or after this instant' })
  @IsOptional()
  @IsDate({ message: 'must be an ISO-8601 date-time' })
  since?: Date;
}
