import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@pamoja/contracts';
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

export class MeetingAgendaQuery extends Query<AgendaView> {
  constructor(
    readonly meeting: MeetingView,
    readonly now: Date,
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
  constructor(@Inject(MEETING_READ_MODEL) private readonly readModel: MeetingReadModel) {}
  execute(query: MeetingAgendaQuery): Promise<AgendaView> {
    return this.readModel.agenda(query.meeting, query.now);
  }
}

@QueryHandler(MyActionPointsQuery)
export class MyActionPointsHandler implements IQueryHandler<MyActionPointsQuery, ActionPointView[]> {
  constructor(@Inject(MEETING_READ_MODEL) private readonly readModel: MeetingReadModel) {}
  execute(query: MyActionPointsQuery): Promise<ActionPointView[]> {
    return this.readModel.myActionPoints(query.filter);
  }
}
