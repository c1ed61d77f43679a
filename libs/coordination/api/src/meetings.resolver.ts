import { Inject } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type Actor, formatKivuTime } from '@pamoja/contracts';
import {
  actionPointIdFor,
  decisionIdFor,
  MeetingAgendaQuery,
  meetingCommands,
  meetingIdFor,
  MeetingQuery,
  MeetingRecordQuery,
  MeetingsQuery,
  MyActionPointsQuery,
  type ActionPointView,
  type AgendaView,
  type MeetingCommandResult,
  type MeetingCursor,
  type MeetingView,
} from '@pamoja/coordination/application';
import { type SentMeetingCommand } from '@pamoja/coordination/domain';
import { CorrelationId, CurrentActor, toConnection, type Connection } from '@pamoja/platform/graphql';
import { type CommandEndpointFor } from '@pamoja/platform/context';
import { decodeMeetingListCursor, meetingListKeyOf } from './cursors.js';
import {
  MeetingActionPointConnection,
  MeetingActionPointType,
  MeetingAgendaType,
  MeetingCommandPayload,
  MeetingConnection,
  MeetingDecisionType,
  MeetingListFilterInput,
  MeetingMinutesType,
  MeetingType,
  MyActionPointsFilterInput,
} from './meeting.graphql-types.js';
import {
  CloseMeetingInput,
  CompleteActionPointInput,
  RecordActionPointInput,
  RecordDecisionInput,
  RecordMinutesInput,
  ScheduleMeetingInput,
} from './meeting.inputs.js';

const DEFAULT_PAGE = 50;

function toMeeting(view: MeetingView): MeetingType {
  return { ...view, scheduledForLocal: formatKivuTime(view.scheduledFor) };
}

function toActionPoint(view: ActionPointView): MeetingActionPointType {
  return { ...view, dueByLocal: formatKivuTime(view.dueBy) };
}

function toAgenda(view: AgendaView): MeetingAgendaType {
  return {
    ...view,
    overdueHandoffs: view.overdueHandoffs.map((h) => ({ ...h, dueByLocal: formatKivuTime(h.dueBy) })),
    declinedHandoffs: view.declinedHandoffs.map((h) => ({ ...h, dueByLocal: formatKivuTime(h.dueBy) })),
    suspendedAgencyHandoffs: view.suspendedAgencyHandoffs.map((h) => ({ ...h, dueByLocal: formatKivuTime(h.dueBy) })),
    missedDeadlines: view.missedDeadlines.map((d) => ({
      ...d,
      dueByLocal: d.dueBy === null ? null : formatKivuTime(d.dueBy),
    })),
    upcomingHearings: view.upcomingHearings.map((h) => ({ ...h, scheduledForLocal: formatKivuTime(h.scheduledFor) })),
    siteStatusChanges: view.siteStatusChanges.map((c) => ({
      ...c,
      from: c.from.toUpperCase(),
      to: c.to.toUpperCase(),
      changedAtLocal: formatKivuTime(c.changedAt),
    })),
    levelOneIncidents: view.levelOneIncidents.map(({ status, ...incident }) => ({
      ...incident,
      open: status === 'open',
    })),
    openActionPoints: view.openActionPoints.map(toActionPoint),
  };
}

/** A decoded `after` cursor of a list sorted by (instant, id). */
function cursorOf(after: string | undefined): MeetingCursor | null {
  return after === undefined ? null : decodeMeetingListCursor(after);
}

/** Coordination meetings: their record, their generated agenda, and the action points each agency owes. */
@Resolver(() => MeetingType)
export class MeetingsResolver {
  constructor(
    @Inject(meetingCommands.token) private readonly commands: CommandEndpointFor<typeof meetingCommands>,
    private readonly queries: QueryBus,
  ) {}

  @Mutation(() => MeetingCommandPayload, { description: 'The coordination body schedules a meeting' })
  scheduleMeeting(
    @Args('input') input: ScheduleMeetingInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<MeetingCommandResult> {
    return this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'ScheduleMeeting',
      metadata,
      data: {
        meetingId: input.meetingId ?? meetingIdFor(input.commandId),
        title: input.title,
        province: input.province,
        siteCode: input.siteCode ?? null,
        scheduledFor: input.scheduledFor,
        participantAgencyTypes:
          input.participantAgencyTypes as MeetingCommandData<'ScheduleMeeting'>['participantAgencyTypes'],
        participantAgencyIds: input.participantAgencyIds,
        language: input.language,
      },
    }));
  }

  @Mutation(() => MeetingCommandPayload, { description: 'Record what an agency undertook, and by when' })
  recordActionPoint(
    @Args('input') input: RecordActionPointInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<MeetingCommandResult> {
    return this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'RecordActionPoint',
      metadata,
      data: {
        meetingId: input.meetingId,
        actionPointId: actionPointIdFor(input.commandId),
        description: input.description,
        ownerAgencyId: input.ownerAgencyId,
        ownerAgencyType: input.ownerAgencyType as MeetingCommandData<'RecordActionPoint'>['ownerAgencyType'],
        dueBy: input.dueBy,
        jointCaseId: input.jointCaseId ?? null,
      },
    }));
  }

  @Mutation(() => MeetingCommandPayload, {
    description: 'The owner agency (or the coordination body) reports an action point done',
  })
  completeActionPoint(
    @Args('input') input: CompleteActionPointInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<MeetingCommandResult> {
    return this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'CompleteActionPoint',
      metadata,
      data: { meetingId: input.meetingId, actionPointId: input.actionPointId },
    }));
  }

  @Mutation(() => MeetingCommandPayload, { description: 'Record a decision of the meeting' })
  recordDecision(
    @Args('input') input: RecordDecisionInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<MeetingCommandResult> {
    return this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'RecordDecision',
      metadata,
      data: {
        meetingId: input.meetingId,
        decisionId: decisionIdFor(input.commandId),
        text: input.text,
        jointCaseId: input.jointCaseId ?? null,
      },
    }));
  }

  @Mutation(() => MeetingCommandPayload, { description: 'Record (or replace) the minutes of the meeting' })
  recordMinutes(
    @Args('input') input: RecordMinutesInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<MeetingCommandResult> {
    return this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'RecordMinutes',
      metadata,
      data: { meetingId: input.meetingId, text: input.text },
    }));
  }

  @Mutation(() => MeetingCommandPayload, { description: 'Close the meeting: nothing more is recorded on it' })
  closeMeeting(
    @Args('input') input: CloseMeetingInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<MeetingCommandResult> {
    return this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'CloseMeeting',
      metadata,
      data: { meetingId: input.meetingId },
    }));
  }

  @Query(() => MeetingType, {
    description: 'A meeting, for the coordination body, its participants and the owners of its action points',
  })
  async meeting(
    @Args('meetingId', { type: () => ID }) meetingId: string,
    @CurrentActor() actor: Actor,
  ): Promise<MeetingType> {
    return toMeeting(await this.queries.execute(new MeetingQuery(meetingId, actor)));
  }

  @Query(() => MeetingConnection, { description: 'Meetings the caller may read' })
  async meetings(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => MeetingListFilterInput, nullable: true }) filter?: MeetingListFilterInput,
  ): Promise<Connection<MeetingType>> {
    const first = filter?.first ?? DEFAULT_PAGE;
    const views = await this.queries.execute(
      new MeetingsQuery(
        {
          ...(filter?.province ? { province: filter.province } : {}),
          ...(filter?.siteCode ? { siteCode: filter.siteCode } : {}),
          upcoming: filter?.upcoming ?? false,
          now: this.commands.now(),
          limit: first + 1,
          after: cursorOf(filter?.after),
        },
        actor,
      ),
    );
    return toConnection(views.map(toMeeting), first, (m) => meetingListKeyOf(m.scheduledFor, m.meetingId));
  }

  @Query(() => MeetingActionPointConnection, {
    description: "The caller's agency's action points, soonest due first",
  })
  async myActionPoints(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => MyActionPointsFilterInput, nullable: true }) filter?: MyActionPointsFilterInput,
  ): Promise<Connection<MeetingActionPointType>> {
    const first = filter?.first ?? DEFAULT_PAGE;
    const views = await this.queries.execute(
      new MyActionPointsQuery({
        ownerAgencyId: actor.agencyId,
        openOnly: filter?.openOnly ?? true,
        dueBefore: filter?.dueBefore ?? null,
        now: this.commands.now(),
        limit: first + 1,
        after: cursorOf(filter?.after),
      }),
    );
    return toConnection(views.map(toActionPoint), first, (p) => meetingListKeyOf(p.dueBy, p.actionPointId));
  }

  @ResolveField(() => [MeetingActionPointType], { description: 'In the order they were recorded' })
  async actionPoints(@Parent() meeting: MeetingType): Promise<MeetingActionPointType[]> {
    const record = await this.queries.execute(new MeetingRecordQuery(meeting.meetingId, this.commands.now()));
    return record.actionPoints.map(toActionPoint);
  }

  @ResolveField(() => [MeetingDecisionType])
  async decisions(@Parent() meeting: MeetingType): Promise<MeetingDecisionType[]> {
    return (await this.queries.execute(new MeetingRecordQuery(meeting.meetingId, this.commands.now()))).decisions;
  }

  @ResolveField(() => MeetingMinutesType, { nullable: true })
  async minutes(@Parent() meeting: MeetingType): Promise<MeetingMinutesType | null> {
    return (await this.queries.execute(new MeetingRecordQuery(meeting.meetingId, this.commands.now()))).minutes;
  }

  @ResolveField(() => MeetingAgendaType)
  async agenda(@Parent() meeting: MeetingType, @CurrentActor() viewer: Actor): Promise<MeetingAgendaType> {
    return toAgenda(await this.queries.execute(new MeetingAgendaQuery(meeting, this.commands.now(), viewer)));
  }
}

type MeetingCommandData<T extends SentMeetingCommand['type']> = Extract<SentMeetingCommand, { type: T }>['data'];
