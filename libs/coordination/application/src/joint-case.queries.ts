import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@pamoja/contracts';
import {
  JOINT_CASE_READ_MODEL,
  type EscalationListFilter,
  type EscalationView,
  type JointCaseListFilter,
  type JointCaseReadModel,
  type JointCaseView,
  type TimelineEntryView,
  type TimelineKey,
} from './joint-case-read-model.port.js';

/** A joint case; NOT_FOUND when no agency has recorded anything on it. */
export class JointCaseQuery extends Query<JointCaseView> {
  constructor(readonly jointCaseId: string) {
    super();
  }
}

/** A joint case, or undefined: for a case another agency names before coordination has seen it. */
export class FindJointCaseQuery extends Query<JointCaseView | undefined> {
  constructor(readonly jointCaseId: string) {
    super();
  }
}

export class JointCasesQuery extends Query<JointCaseView[]> {
  constructor(readonly filter: JointCaseListFilter) {
    super();
  }
}

export class TimelineQuery extends Query<TimelineEntryView[]> {
  constructor(
    readonly jointCaseId: string,
    readonly page: { limit: number; after?: TimelineKey },
  ) {
    super();
  }
}

/** Timeline entries that arrived after an arrival position (a live feed's). */
export class TimelineArrivalsQuery extends Query<TimelineEntryView[]> {
  constructor(
    readonly jointCaseId: string,
    readonly afterSeq: string,
    readonly limit: number,
  ) {
    super();
  }
}

export class EscalationsQuery extends Query<EscalationView[]> {
  constructor(readonly filter: EscalationListFilter) {
    super();
  }
}

/** Escalations that arrived after an arrival position, of one agency or all. */
export class EscalationArrivalsQuery extends Query<EscalationView[]> {
  constructor(
    readonly afterSeq: string,
    readonly agencyId: string | undefined,
    readonly limit: number,
  ) {
    super();
  }
}

export class LastArrivalsQuery extends Query<{ timeline: string; escalations: string }> {}

@QueryHandler(JointCaseQuery)
export class JointCaseHandler implements IQueryHandler<JointCaseQuery, JointCaseView> {
  constructor(@Inject(JOINT_CASE_READ_MODEL) private readonly readModel: JointCaseReadModel) {}
  async execute(query: JointCaseQuery): Promise<JointCaseView> {
    const view = await this.readModel.byId(query.jointCaseId);
    if (!view) throw new NotFoundError('Joint case', query.jointCaseId);
    return view;
  }
}

@QueryHandler(FindJointCaseQuery)
export class FindJointCaseHandler implements IQueryHandler<FindJointCaseQuery, JointCaseView | undefined> {
  constructor(@Inject(JOINT_CASE_READ_MODEL) private readonly readModel: JointCaseReadModel) {}
  execute(query: FindJointCaseQuery): Promise<JointCaseView | undefined> {
    return this.readModel.byId(query.jointCaseId);
  }
}

@QueryHandler(JointCasesQuery)
export class JointCasesHandler implements IQueryHandler<JointCasesQuery, JointCaseView[]> {
  constructor(@Inject(JOINT_CASE_READ_MODEL) private readonly readModel: JointCaseReadModel) {}
  execute(query: JointCasesQuery): Promise<JointCaseView[]> {
    return this.readModel.list(query.filter);
  }
}

@QueryHandler(TimelineQuery)
export class TimelineHandler implements IQueryHandler<TimelineQuery, TimelineEntryView[]> {
  constructor(@Inject(JOINT_CASE_READ_MODEL) private readonly readModel: JointCaseReadModel) {}
  execute(query: TimelineQuery): Promise<TimelineEntryView[]> {
    return this.readModel.timeline(query.jointCaseId, query.page);
  }
}

@QueryHandler(TimelineArrivalsQuery)
export class TimelineArrivalsHandler implements IQueryHandler<TimelineArrivalsQuery, TimelineEntryView[]> {
  constructor(@Inject(JOINT_CASE_READ_MODEL) private readonly readModel: JointCaseReadModel) {}
  execute(query: TimelineArrivalsQuery): Promise<TimelineEntryView[]> {
    return this.readModel.timelineArrivedAfter(query.jointCaseId, query.afterSeq, query.limit);
  }
}

@QueryHandler(EscalationsQuery)
export class EscalationsHandler implements IQueryHandler<EscalationsQuery, EscalationView[]> {
  constructor(@Inject(JOINT_CASE_READ_MODEL) private readonly readModel: JointCaseReadModel) {}
  execute(query: EscalationsQuery): Promise<EscalationView[]> {
    return this.readModel.escalations(query.filter);
  }
}

@QueryHandler(EscalationArrivalsQuery)
export class EscalationArrivalsHandler implements IQueryHandler<EscalationArrivalsQuery, EscalationView[]> {
  constructor(@Inject(JOINT_CASE_READ_MODEL) private readonly readModel: JointCaseReadModel) {}
  execute(query: EscalationArrivalsQuery): Promise<EscalationView[]> {
    return this.readModel.escalationsArrivedAfter(query.afterSeq, query.agencyId, query.limit);
  }
}

@QueryHandler(LastArrivalsQuery)
export class LastArrivalsHandler implements IQueryHandler<
  LastArrivalsQuery,
  { timeline: string; escalations: string }
> {
  constructor(@Inject(JOINT_CASE_READ_MODEL) private readonly readModel: JointCaseReadModel) {}
  execute(): Promise<{ timeline: string; escalations: string }> {
    return this.readModel.lastArrivals();
  }
}

export const COORDINATION_HANDLERS = [
  JointCaseHandler,
  FindJointCaseHandler,
  JointCasesHandler,
  TimelineHandler,
  TimelineArrivalsHandler,
  EscalationsHandler,
  EscalationArrivalsHandler,
  LastArrivalsHandler,
] as const;
