import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@pamoja/contracts';
import { type CaseStage } from '@pamoja/coordination/domain';
import {
  JOINT_CASE_READ_MODEL,
  type EscalationView,
  type JointCaseReadModel,
  type JointCaseView,
  type TimelineEntryView,
} from './joint-case-read-model.port.js';

export class JointCaseQuery extends Query<JointCaseView & { timeline: TimelineEntryView[] }> {
  constructor(readonly jointCaseId: string) {
    super();
  }
}

export class JointCasesQuery extends Query<JointCaseView[]> {
  constructor(readonly filter: { stage?: CaseStage; limit: number }) {
    super();
  }
}

export class EscalationsQuery extends Query<EscalationView[]> {
  constructor(readonly filter: { openOnly: boolean; limit: number }) {
    super();
  }
}

@QueryHandler(JointCaseQuery)
export class JointCaseHandler implements IQueryHandler<
  JointCaseQuery,
  JointCaseView & { timeline: TimelineEntryView[] }
> {
  constructor(@Inject(JOINT_CASE_READ_MODEL) private readonly readModel: JointCaseReadModel) {}
  async execute(query: JointCaseQuery): Promise<JointCaseView & { timeline: TimelineEntryView[] }> {
    const view = await this.readModel.byId(query.jointCaseId);
    if (!view) throw new NotFoundError('Joint case', query.jointCaseId);
    return { ...view, timeline: await this.readModel.timeline(query.jointCaseId) };
  }
}

@QueryHandler(JointCasesQuery)
export class JointCasesHandler implements IQueryHandler<JointCasesQuery, JointCaseView[]> {
  constructor(@Inject(JOINT_CASE_READ_MODEL) private readonly readModel: JointCaseReadModel) {}
  execute(query: JointCasesQuery): Promise<JointCaseView[]> {
    return this.readModel.list(query.filter);
  }
}

@QueryHandler(EscalationsQuery)
export class EscalationsHandler implements IQueryHandler<EscalationsQuery, EscalationView[]> {
  constructor(@Inject(JOINT_CASE_READ_MODEL) private readonly readModel: JointCaseReadModel) {}
  execute(query: EscalationsQuery): Promise<EscalationView[]> {
    return this.readModel.escalations(query.filter);
  }
}

export const COORDINATION_HANDLERS = [JointCaseHandler, JointCasesHandler, EscalationsHandler] as const;
