import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { formatKivuTime } from '@pamoja/contracts';
import { ASSISTANCE_STAGES, CASE_STAGES, type CaseStage } from '@pamoja/coordination/domain';
import { ConnectionType, graphqlEnum, JointCaseEntity, PageInput } from '@pamoja/platform/graphql';

export const CaseStageEnum = graphqlEnum(CASE_STAGES);
export const AssistanceStageEnum = graphqlEnum(ASSISTANCE_STAGES);
registerEnumType(CaseStageEnum, {
  name: 'JointCaseStage',
  description: 'Derived from what the agencies record: identified → under investigation → in prosecution → adjudicated',
});
registerEnumType(AssistanceStageEnum, { name: 'JointCaseAssistanceStage' });

@ObjectType('JointCaseTimelineEntry', {
  description:
    'Something an agency recorded on the case. A redacted entry says only THAT the agency did something ' +
    '(when, which agency, a coarse category), never what.',
})
export class TimelineEntryType {
  @Field(() => String, {
    description:
      'Where the entry sits: pass it as `after` to read the timeline on from here, or to resume ' +
      '`caseTimelineEntryAdded` after it',
  })
  position!: string;
  @Field(() => ID) eventId!: string;
  @Field(() => Date) occurredAt!: Date;
  @Field(() => String) agencyId!: string;
  @Field(() => String) agencyType!: string;
  @Field(() => [String], { description: 'The roles the agency acted in; empty when redacted' })
  roles!: readonly string[];
  @Field(() => String, { nullable: true, description: 'What happened (the shared event type); null when redacted' })
  eventType!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'What happened in a few words, e.g. "Hearing scheduled for 2026-12-03"; null when redacted',
  })
  summary!: string | null;
  @Field(() => Boolean, { description: 'Only that something happened is shown, not what' }) redacted!: boolean;
  @Field(() => String, {
    nullable: true,
    description: 'For a redacted entry, the coarse kind of activity (e.g. `protection`); null otherwise',
  })
  category!: string | null;
}

export const JointCaseTimelineConnection = ConnectionType(TimelineEntryType, 'JointCaseTimeline');
export const JointCaseConnection = ConnectionType(JointCaseEntity, 'JointCase');

@ObjectType('Escalation', {
  description: 'A handoff left unanswered past its due time, escalated to the coordination body',
})
export class EscalationType {
  @Field(() => String, { description: 'Pass it as `after` to resume `deadlineMissed` after this escalation' })
  position!: string;
  @Field(() => ID) escalationId!: string;
  @Field(() => ID, { nullable: true }) jointCaseId!: string | null;
  @Field(() => String) kind!: string;
  @Field(() => ID, { description: 'The referral or case file left unanswered' }) subjectId!: string;
  @Field(() => String, { nullable: true, description: 'The agency that had to answer' }) agencyId!: string | null;
  @Field(() => Date, { nullable: true }) dueBy!: Date | null;
  @Field(() => String, { nullable: true }) dueByLocal?: string | null;
  @Field(() => Date) missedAt!: Date;
  @Field(() => Date, { nullable: true, description: 'When the late answer came' }) resolvedAt!: Date | null;
}

export const EscalationConnection = ConnectionType(EscalationType, 'Escalation');

export function withLocalDue<T extends { dueBy: Date | null }>(view: T): T & { dueByLocal: string | null } {
  return { ...view, dueByLocal: view.dueBy ? formatKivuTime(view.dueBy) : null };
}

const REGION_CODE = /^[A-Za-z]{2,4}$/;

@InputType('JointCaseFilter')
export class JointCaseFilterInput extends PageInput {
  @Field(() => CaseStageEnum, { nullable: true })
  @IsOptional()
  @IsIn(CASE_STAGES)
  stage?: CaseStage;

  @Field(() => String, { nullable: true, description: 'Province code of the site, e.g. NK (from NK-MAS-014)' })
  @IsOptional()
  @IsString()
  @Matches(REGION_CODE, { message: 'must be a province code such as NK' })
  province?: string;

  @Field(() => String, { nullable: true, description: 'Territory code of the site, e.g. MAS (from NK-MAS-014)' })
  @IsOptional()
  @IsString()
  @Matches(REGION_CODE, { message: 'must be a territory code such as MAS' })
  territory?: string;

  @Field(() => String, { nullable: true, description: 'The mine-site registry code, e.g. NK-MAS-014' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  siteCode?: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only cases with a missed deadline still unanswered; false: only those without',
  })
  @IsOptional()
  @IsBoolean()
  overdue?: boolean;
}

@InputType('EscalationFilter')
export class EscalationFilterInput extends PageInput {
  @Field(() => Boolean, { nullable: true, defaultValue: true, description: 'Only those still unanswered' })
  @IsOptional()
  @IsBoolean()
  openOnly?: boolean;

  @Field(() => String, { nullable: true, description: 'Only those this agency had to answer' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  agencyId?: string;
}

export const TIMELINE_DEFAULT_PAGE = 100;
export const TIMELINE_MAX_PAGE = 500;

@ArgsType()
export class TimelineArgs {
  @Field(() => Int, { nullable: true, defaultValue: TIMELINE_DEFAULT_PAGE, description: 'How many, 1 to 500' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(TIMELINE_MAX_PAGE)
  first?: number;

  @Field(() => String, { nullable: true, description: 'The endCursor (or an entry position) to read on from' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  after?: string;
}

@ArgsType()
export class CaseTimelineEntryAddedArgs {
  @Field(() => ID)
  @IsString()
  @MaxLength(200)
  jointCaseId!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The position of the last entry you saw: entries that arrived after it are sent first. Without it, ' +
      'only entries added from now on.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  after?: string;
}

@ArgsType()
export class DeadlineMissedArgs {
  @Field(() => String, {
    nullable: true,
    description:
      'The position of the last escalation you saw: those that came after it are sent first. Without it, ' +
      'only escalations from now on.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  after?: string;
}
