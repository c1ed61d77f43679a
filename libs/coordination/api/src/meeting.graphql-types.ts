import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsDate, IsIn, IsOptional, Matches } from 'class-validator';
import {
  MEETING_LANGUAGES,
  MEETING_PROVINCES,
  MEETING_SITE_CODE_PATTERN,
  type MeetingAgencyType,
  type MeetingLanguage,
  type MeetingProvince,
} from '@pamoja/coordination/domain';
import { AgencyTypeEnum, ConnectionType, graphqlEnum, PageInput } from '@pamoja/platform/graphql';

export const MeetingProvinceEnum = graphqlEnum(MEETING_PROVINCES);
export const MeetingLanguageEnum = graphqlEnum(MEETING_LANGUAGES);
registerEnumType(MeetingLanguageEnum, {
  name: 'MeetingLanguage',
  description: 'The language a meeting is held and minuted in: FR French, SW Swahili, EN English',
});
export const MeetingStatusEnum = graphqlEnum(['scheduled', 'closed'] as const);
export const MeetingActionPointStatusEnum = graphqlEnum(['open', 'completed'] as const);
registerEnumType(MeetingProvinceEnum, {
  name: 'MeetingProvince',
  description: 'NK North Kivu, SK South Kivu (the prefixes of mine-site registry codes)',
});
registerEnumType(MeetingStatusEnum, { name: 'MeetingStatus' });
registerEnumType(MeetingActionPointStatusEnum, { name: 'MeetingActionPointStatus' });

@ObjectType('MeetingActionPoint', { description: 'Something an agency undertook at a coordination meeting' })
export class MeetingActionPointType {
  @Field(() => ID) actionPointId!: string;
  @Field(() => ID) meetingId!: string;
  @Field(() => String) description!: string;
  @Field(() => String) ownerAgencyId!: string;
  @Field(() => AgencyTypeEnum) ownerAgencyType!: MeetingAgencyType;
  @Field(() => Date) dueBy!: Date;
  @Field(() => String, { description: 'dueBy in Kivu time (CAT)' }) dueByLocal!: string;
  @Field(() => ID, { nullable: true }) jointCaseId!: string | null;
  @Field(() => Date) recordedAt!: Date;
  @Field(() => MeetingActionPointStatusEnum) status!: 'open' | 'completed';
  @Field(() => Date, { nullable: true }) completedAt!: Date | null;
  @Field(() => String, { nullable: true }) completedByAgencyId!: string | null;
  @Field(() => Boolean, { description: 'Still open after its due date, now' }) overdue!: boolean;
}

@ObjectType('MeetingDecision')
export class MeetingDecisionType {
  @Field(() => ID) decisionId!: string;
  @Field(() => String) text!: string;
  @Field(() => ID, { nullable: true }) jointCaseId!: string | null;
  @Field(() => Date) recordedAt!: Date;
  @Field(() => String) recordedByAgencyId!: string;
}

@ObjectType('MeetingMinutes', { description: 'The minutes as last recorded' })
export class MeetingMinutesType {
  @Field(() => String) text!: string;
  @Field(() => Date) recordedAt!: Date;
  @Field(() => String) recordedByAgencyId!: string;
}

@ObjectType('MeetingAgendaHandoff', { description: 'A referral between agencies, without its free text' })
export class MeetingAgendaHandoffType {
  @Field(() => ID) referralId!: string;
  @Field(() => ID, { nullable: true }) jointCaseId!: string | null;
  @Field(() => String) siteCode!: string;
  @Field(() => String) fromAgencyId!: string;
  @Field(() => String) toAgencyId!: string;
  @Field(() => String) toAgencyType!: string;
  @Field(() => Date) submittedAt!: Date;
  @Field(() => Date) dueBy!: Date;
  @Field(() => String) dueByLocal!: string;
  @Field(() => Date, { nullable: true, description: 'Only for a declined handoff' }) declinedAt!: Date | null;
}

@ObjectType('MeetingAgendaSuspendedHandoff', {
  description: 'A handoff still open with an agency the coordination body suspended: the meeting decides where it goes',
})
export class MeetingAgendaSuspendedHandoffType extends MeetingAgendaHandoffType {
  @Field(() => String, { description: 'The suspended agency: the sender or the receiver' }) suspendedAgencyId!: string;
}

@ObjectType('MeetingAgendaMissedDeadline', { description: 'An escalation still waiting for its answer' })
export class MeetingAgendaMissedDeadlineType {
  @Field(() => ID) escalationId!: string;
  @Field(() => String) kind!: string;
  @Field(() => ID, { description: 'The referral or case file left unanswered' }) subjectId!: string;
  @Field(() => ID, { nullable: true }) jointCaseId!: string | null;
  @Field(() => String) siteCode!: string;
  @Field(() => String, { nullable: true, description: 'The agency that had to answer' }) agencyId!: string | null;
  @Field(() => Date, { nullable: true }) dueBy!: Date | null;
  @Field(() => String, { nullable: true }) dueByLocal!: string | null;
  @Field(() => Date) missedAt!: Date;
}

@ObjectType('MeetingAgendaHearing')
export class MeetingAgendaHearingType {
  @Field(() => ID) hearingId!: string;
  @Field(() => ID) prosecutionId!: string;
  @Field(() => ID, { nullable: true }) jointCaseId!: string | null;
  @Field(() => String) siteCode!: string;
  @Field(() => String) court!: string;
  @Field(() => Date) scheduledFor!: Date;
  @Field(() => String) scheduledForLocal!: string;
}

@ObjectType('MeetingAgendaSiteStatusChange')
export class MeetingAgendaSiteStatusChangeType {
  @Field(() => ID) siteId!: string;
  @Field(() => String) siteCode!: string;
  @Field(() => String, { description: 'BLUE, GREEN, YELLOW or RED' }) from!: string;
  @Field(() => String, { description: 'BLUE, GREEN, YELLOW or RED' }) to!: string;
  @Field(() => Date) changedAt!: Date;
  @Field(() => String) changedAtLocal!: string;
  @Field(() => String) byAgencyId!: string;
}

@ObjectType('MeetingAgendaIncident', { description: 'An incident classified level 1 (OECD Annex II grade)' })
export class MeetingAgendaIncidentType {
  @Field(() => ID) incidentId!: string;
  @Field(() => ID) siteId!: string;
  @Field(() => String) siteCode!: string;
  @Field(() => ID, { nullable: true }) jointCaseId!: string | null;
  @Field(() => Date) reportedAt!: Date;
  @Field(() => Date) classifiedAt!: Date;
  @Field(() => Boolean) open!: boolean;
}

@ObjectType('MeetingAgenda', {
  description:
    'Generated from the log when read, for the meeting’s province or site: overdue and declined handoffs, ' +
    'missed deadlines, hearings in the two weeks from the meeting, site status changes and level-1 incidents ' +
    'since the previous meeting, and action points of earlier meetings still open',
})
export class MeetingAgendaType {
  @Field(() => Date, { description: 'What is overdue or open is judged at this instant (the time of reading)' })
  asOf!: Date;
  @Field(() => Date, { description: 'Changes are listed from here: the previous meeting, or 30 days before' })
  since!: Date;
  @Field(() => ID, { nullable: true }) previousMeetingId!: string | null;
  @Field(() => [MeetingAgendaHandoffType]) overdueHandoffs!: MeetingAgendaHandoffType[];
  @Field(() => [MeetingAgendaHandoffType]) declinedHandoffs!: MeetingAgendaHandoffType[];
  @Field(() => [MeetingAgendaSuspendedHandoffType], {
    description: 'Handoffs still open with an agency suspended now: none is rerouted silently',
  })
  suspendedAgencyHandoffs!: MeetingAgendaSuspendedHandoffType[];
  @Field(() => [MeetingAgendaMissedDeadlineType]) missedDeadlines!: MeetingAgendaMissedDeadlineType[];
  @Field(() => [MeetingAgendaHearingType]) upcomingHearings!: MeetingAgendaHearingType[];
  @Field(() => [MeetingAgendaSiteStatusChangeType]) siteStatusChanges!: MeetingAgendaSiteStatusChangeType[];
  @Field(() => [MeetingAgendaIncidentType]) levelOneIncidents!: MeetingAgendaIncidentType[];
  @Field(() => [MeetingActionPointType]) openActionPoints!: MeetingActionPointType[];
}

@ObjectType('Meeting', { description: 'A coordination meeting of the agencies of a province or a mine site' })
export class MeetingType {
  @Field(() => ID) meetingId!: string;
  @Field(() => String) title!: string;
  @Field(() => MeetingProvinceEnum) province!: MeetingProvince;
  @Field(() => String, { nullable: true, description: 'When the meeting covers one mine site' })
  siteCode!: string | null;
  @Field(() => Date) scheduledFor!: Date;
  @Field(() => String, { description: 'scheduledFor in Kivu time (CAT)' }) scheduledForLocal!: string;
  @Field(() => [AgencyTypeEnum]) participantAgencyTypes!: readonly MeetingAgencyType[];
  @Field(() => [String]) participantAgencyIds!: readonly string[];
  @Field(() => MeetingLanguageEnum, { description: 'The language it is held and minuted in' })
  language!: MeetingLanguage;
  @Field(() => MeetingStatusEnum) status!: 'scheduled' | 'closed';
  @Field(() => Date) scheduledAt!: Date;
  @Field(() => String) scheduledByAgencyId!: string;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
  @Field(() => Int, { description: 'Pass as expectedRevision to act on exactly this version' }) revision!: number;
}

export const MeetingConnection = ConnectionType(MeetingType, 'Meeting');
export const MeetingActionPointConnection = ConnectionType(MeetingActionPointType, 'MeetingActionPoint');

@ObjectType('MeetingCommandPayload')
export class MeetingCommandPayload {
  @Field(() => ID) meetingId!: string;
  @Field(() => MeetingStatusEnum) status!: 'scheduled' | 'closed';
  @Field(() => ID, { nullable: true, description: 'The action point or decision recorded or completed' })
  itemId!: string | null;
  @Field(() => Int) revision!: number;
  @Field(() => Boolean, { description: 'True when this command id had already been handled: nothing new was written' })
  replayed!: boolean;
}

@InputType('MeetingListFilter')
export class MeetingListFilterInput extends PageInput {
  @Field(() => MeetingProvinceEnum, { nullable: true })
  @IsOptional()
  @IsIn(MEETING_PROVINCES)
  province?: MeetingProvince;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(MEETING_SITE_CODE_PATTERN, { message: 'must be a site code like NK-MAS-014' })
  siteCode?: string;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'Only meetings from now on, soonest first; otherwise all, latest first',
  })
  @IsOptional()
  @IsBoolean()
  upcoming?: boolean;
}

@InputType('MyActionPointsFilter')
export class MyActionPointsFilterInput extends PageInput {
  @Field(() => Boolean, { nullable: true, defaultValue: true, description: 'Only action points not yet completed' })
  @IsOptional()
  @IsBoolean()
  openOnly?: boolean;

  @Field(() => Date, { nullable: true, description: 'Only those due before this instant' })
  @IsOptional()
  @IsDate({ message: 'must be an ISO-8601 date-time' })
  dueBefore?: Date;
}
