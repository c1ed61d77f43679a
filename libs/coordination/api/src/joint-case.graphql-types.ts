import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { formatKivuTime } from '@pamoja/contracts';
import { ASSISTANCE_STAGES, CASE_STAGES, type AssistanceStage, type CaseStage } from '@pamoja/coordination/domain';
import { graphqlEnum } from '@pamoja/platform';

export const CaseStageEnum = graphqlEnum(CASE_STAGES);
export const AssistanceStageEnum = graphqlEnum(ASSISTANCE_STAGES);
registerEnumType(CaseStageEnum, {
  name: 'JointCaseStage',
  description: 'Derived from what the agencies record: identified → under investigation → in prosecution → adjudicated',
});
registerEnumType(AssistanceStageEnum, { name: 'JointCaseAssistanceStage' });

@ObjectType('JointCaseTimelineEntry', { description: 'Something an agency recorded on the case' })
export class TimelineEntryType {
  @Field(() => ID) eventId!: string;
  @Field(() => String, { description: 'What happened (the event type)' }) eventType!: string;
  @Field(() => String) agencyId!: string;
  @Field(() => String) agencyType!: string;
  @Field(() => [String]) roles!: readonly string[];
  @Field(() => Date) occurredAt!: Date;
}

@ObjectType('JointCase', { description: 'One case as every agency works on it' })
export class JointCaseType {
  @Field(() => ID) jointCaseId!: string;
  @Field(() => CaseStageEnum) stage!: CaseStage;
  @Field(() => AssistanceStageEnum) assistanceStage!: AssistanceStage;
  @Field(() => String, { nullable: true }) siteCode!: string | null;
  @Field(() => [ID]) referralIds!: readonly string[];
  @Field(() => [ID]) investigationIds!: readonly string[];
  @Field(() => [ID]) prosecutionIds!: readonly string[];
  @Field(() => [ID]) assistanceIds!: readonly string[];
  @Field(() => [ID]) incidentIds!: readonly string[];
  @Field(() => [String], { description: 'Agencies that have recorded something on the case' })
  agencyIds!: readonly string[];
  @Field(() => Int) missedDeadlines!: number;
  @Field(() => Date) openedAt!: Date;
  @Field(() => Date) lastActivityAt!: Date;
  @Field(() => [TimelineEntryType], { nullable: true, description: 'In chronological order' })
  timeline?: TimelineEntryType[];
}

@ObjectType('Escalation', {
  description: 'A handoff left unanswered past its due time, escalated to the coordination body',
})
export class EscalationType {
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

export function withLocalDue<T extends { dueBy: Date | null }>(view: T): T & { dueByLocal: string | null } {
  return { ...view, dueByLocal: view.dueBy ? formatKivuTime(view.dueBy) : null };
}

@InputType('JointCaseFilter')
export class JointCaseFilterInput {
  @Field(() => CaseStageEnum, { nullable: true })
  @IsOptional()
  @IsIn(CASE_STAGES)
  stage?: CaseStage;

  @Field(() => Int, { nullable: true, defaultValue: 50 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  first?: number;
}

@InputType('EscalationFilter')
export class EscalationFilterInput {
  @Field(() => Boolean, { nullable: true, defaultValue: true, description: 'Only those still unanswered' })
  @IsOptional()
  @IsBoolean()
  openOnly?: boolean;

  @Field(() => Int, { nullable: true, defaultValue: 50 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(200)
  first?: number;
}
