import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  ACCESS_DECIDER,
  AGENCY_DIRECTORY,
  NotFoundError,
  type AccessDecider,
  type Actor,
  type AgencyDirectory,
  type RecordKind,
} from '@pamoja/contracts';
import {
  MEETING_READ_MODEL,
  type ActionPointView,
  type AgendaView,
  type DecisionView,
  type MeetingListFilter,
  type MeetingReader,
  type MeetingReadModel,
  type MeetingView,
  type MinutesView,
  type MyActionPointsFilter,
} from './meeting-read-model.port.js';

export class MeetingQuery extends Query<MeetingView> {
  constructor(
    readonly meetingId: string,
    readonly reader: MeetingReader,
  ) {
    super();
  }
}

export class MeetingsQuery extends Query<MeetingView[]> {
  constructor(
    readonly filter: MeetingListFilter,
    readonly reader: MeetingReader,
  ) {
    super();
  }
}

export interface MeetingRecord {
  readonly actionPoints: ActionPointView[];
  readonly decisions: DecisionView[];
  readonly minutes: MinutesView | null;
}

/** What a meeting recorded; the caller has already been allowed to read the meeting. */
export class MeetingRecordQuery extends Query<MeetingRecord> {
  constructor(
    readonly meetingId: string,
    readonly now: Date,
  ) {
    super();
  }
}

/** A meeting's agenda as the viewer may see it: items of cases it may not see are left out. */
export class MeetingAgendaQuery extends Query<AgendaView> {
  constructor(
    readonly meeting: MeetingView,
    readonly now: Date,
    readonly viewer: Actor,
  ) {
    super();
  }
}

export class MyActionPointsQuery extends Query<ActionPointView[]> {
  constructor(readonly filter: MyActionPointsFilter) {
    super();
  }
}

@QueryHandler(MeetingQuery)
export class MeetingHandler implements IQueryHandler<MeetingQuery, MeetingView> {
  constructor(@Inject(MEETING_READ_MODEL) private readonly readModel: MeetingReadModel) {}
  async execute(query: MeetingQuery): Promise<MeetingView> {
    // A meeting the caller may not read does not exist for it.
    const view = await this.readModel.meeting(query.meetingId, query.reader);
    if (!view) throw new NotFoundError('Meeting', query.meetingId);
    return view;
  }
}

@QueryHandler(MeetingsQuery)
export class MeetingsHandler implements IQueryHandler<MeetingsQuery, MeetingView[]> {
  constructor(@Inject(MEETING_READ_MODEL) private readonly readModel: MeetingReadModel) {}
  execute(query: MeetingsQuery): Promise<MeetingView[]> {
    return this.readModel.meetings(query.filter, query.reader);
  }
}

@QueryHandler(MeetingRecordQuery)
export class MeetingRecordHandler implements IQueryHandler<MeetingRecordQuery, MeetingRecord> {
  constructor(@Inject(MEETING_READ_MODEL) private readonly readModel: MeetingReadModel) {}
  async execute(query: MeetingRecordQuery): Promise<MeetingRecord> {
    const [actionPoints, decisions, minutes] = await Promise.all([
      this.readModel.actionPoints(query.meetingId, query.now),
      this.readModel.decisions(query.meetingId),
      this.readModel.minutes(query.meetingId),
    ]);
    return { actionPoints, decisions, minutes };
  }
}

@QueryHandler(MeetingAgendaQuery)
export class MeetingAgendaHandler implements IQueryHandler<MeetingAgendaQuery, AgendaView> {
  constructor(
    @Inject(MEETING_READ_MODEL) private readonly readModel: MeetingReadModel,
    @Inject(ACCESS_DECIDER) private readonly decider: AccessDecider,
    @Inject(AGENCY_DIRECTORY) private readonly directory: AgencyDirectory,
  ) {}
  async execute(query: MeetingAgendaQuery): Promise<AgendaView> {
    const suspended = (await this.directory.list({ status: 'suspended' })).map((agency) => ({
      agencyId: agency.agencyId,
      suspendedAt: new Date(agency.suspendedAt ?? agency.registeredAt),
      reason: agency.suspensionReason ?? '',
    }));
    const agenda = await this.readModel.agenda(query.meeting, query.now, suspended);
    return agendaAs(agenda, query.viewer, this.decider);
  }
}

@QueryHandler(MyActionPointsQuery)
export class MyActionPointsHandler implements IQueryHandler<MyActionPointsQuery, ActionPointView[]> {
  constructor(@Inject(MEETING_READ_MODEL) private readonly readModel: MeetingReadModel) {}
  execute(query: MyActionPointsQuery): Promise<ActionPointView[]> {
    return this.readModel.myActionPoints(query.filter);
  }
}

/** Case-file handoffs: their deadlines tell that the police investigate. */
const JUSTICE_DEADLINES = new Set(['CaseFileAcknowledgementDeadlineMissed']);

/**
 * The agenda as one participant may see it. The coordination body that runs the meeting sees every item;
 * any other participant sees the items of cases it may see at all (ADR 0016), hearings only where it may
 * know of the prosecution, missed case-file deadlines only where it may know of the investigation. Site
 * status changes and level-1 incidents are site data, open to all, but name no case it may not see.
 */
async function agendaAs(agenda: AgendaView, viewer: Actor, decider: AccessDecider): Promise<AgendaView> {
  const decided = new Map<string, Promise<boolean>>();
  const may = (record: RecordKind, jointCaseId: string | null): Promise<boolean> => {
    if (jointCaseId === null) return Promise.resolve(record === 'JointCase');
    const key = `${record}/${jointCaseId}`;
    let answer = decided.get(key);
    if (!answer) {
      answer = decider.mayAccess(viewer, record, { jointCaseId });
      decided.set(key, answer);
    }
    return answer;
  };
  const keep = async <T>(items: readonly T[], allowed: (item: T) => Promise<boolean>): Promise<T[]> => {
    const verdicts = await Promise.all(items.map(allowed));
    return items.filter((_, i) => verdicts[i]);
  };
  const hideCase = async <T extends { readonly jointCaseId: string | null }>(item: T): Promise<T> =>
    (await may('JointCase', item.jointCaseId)) ? item : { ...item, jointCaseId: null };
  return {
    ...agenda,
    overdueHandoffs: await keep(agenda.overdueHandoffs, (h) => may('JointCase', h.jointCaseId)),
    declinedHandoffs: await keep(agenda.declinedHandoffs, (h) => may('JointCase', h.jointCaseId)),
    suspendedAgencyHandoffs: await keep(agenda.suspendedAgencyHandoffs, (h) => may('JointCase', h.jointCaseId)),
    missedDeadlines: await keep(agenda.missedDeadlines, (d) =>
      may(JUSTICE_DEADLINES.has(d.kind) ? 'InvestigationSummary' : 'JointCase', d.jointCaseId),
    ),
    upcomingHearings: await keep(agenda.upcomingHearings, (h) => may('ProsecutionSummary', h.jointCaseId)),
    levelOneIncidents: await Promise.all(agenda.levelOneIncidents.map(hideCase)),
    openActionPoints: await Promise.all(agenda.openActionPoints.map(hideCase)),
  };
}
