import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import {
  ACCESS_DECIDER,
  CASE_MEMBERSHIP,
  NotFoundError,
  type AccessDecider,
  type Actor,
  type CaseMembership,
  type TimelineDisclosurePlan,
} from '@pamoja/contracts';
import { CASE_STAGES, type CaseStage } from '@pamoja/coordination/domain';
import {
  JOINT_CASE_READ_MODEL,
  type CaseCountScope,
  type EscalationListFilter,
  type EscalationView,
  type JointCaseListFilter,
  type JointCaseReadModel,
  type JointCaseView,
  type TimelineEntryView,
  type TimelineKey,
  type TimelineVisibility,
} from './joint-case-read-model.port.js';

/**
 * A joint case as the viewer may see it; NOT_FOUND when no agency has recorded anything on it, and to a
 * viewer the policy does not show it to (a non-party learns nothing, not even that it exists).
 */
export class JointCaseQuery extends Query<JointCaseView> {
  constructor(
    readonly jointCaseId: string,
    readonly viewer: Actor,
  ) {
    super();
  }
}

/** A joint case, or undefined: for a case another agency names before coordination has seen it. */
export class FindJointCaseQuery extends Query<JointCaseView | undefined> {
  constructor(
    readonly jointCaseId: string,
    readonly viewer: Actor,
  ) {
    super();
  }
}

/** The cases the viewer is party to (the coordination body: every case). */
export class JointCasesQuery extends Query<JointCaseView[]> {
  constructor(
    readonly filter: JointCaseListFilter,
    readonly viewer: Actor,
  ) {
    super();
  }
}

/** How many of the cases the viewer is party to (the coordination body: every case) are at each stage. */
export class CaseStageCountsQuery extends Query<{ stage: CaseStage; count: number }[]> {
  constructor(
    readonly scope: Omit<CaseCountScope, 'jointCaseIds'>,
    readonly viewer: Actor,
  ) {
    super();
  }
}

@QueryHandler(CaseStageCountsQuery)
export class CaseStageCountsHandler implements IQueryHandler<
  CaseStageCountsQuery,
  { stage: CaseStage; count: number }[]
> {
  constructor(
    @Inject(JOINT_CASE_READ_MODEL) private readonly readModel: JointCaseReadModel,
    @Inject(CASE_MEMBERSHIP) private readonly membership: CaseMembership,
  ) {}
  async execute({ scope, viewer }: CaseStageCountsQuery): Promise<{ stage: CaseStage; count: number }[]> {
    // The same cases as `jointCases` lists: the coordination body every case, any other agency its own.
    let counts: ReadonlyMap<CaseStage, number> = new Map();
    if (viewer.agencyType === 'coordination_body') counts = await this.readModel.stageCounts(scope);
    else if (viewer.agencyType !== 'integrator') {
      const jointCaseIds = await this.membership.casesOf(viewer.agencyId);
      if (jointCaseIds.length > 0) counts = await this.readModel.stageCounts({ ...scope, jointCaseIds });
    }
    // Every stage, in the order a case moves through them, zeros included: a chart's axis does not move.
    return CASE_STAGES.map((stage) => ({ stage, count: counts.get(stage) ?? 0 }));
  }
}

/** A timeline entry and how the viewer may see it. */
export type DisclosedTimelineEntry = TimelineEntryView & { readonly disclosure: 'full' | 'notice' };

/** The entries of a case's timeline the viewer may see, each as the policy discloses it to them. */
export class TimelineQuery extends Query<DisclosedTimelineEntry[]> {
  constructor(
    readonly jointCaseId: string,
    readonly page: { limit: number; after?: TimelineKey },
    readonly viewer: Actor,
  ) {
    super();
  }
}

/** Timeline entries that arrived after an arrival position (a live feed's), as the viewer may see them. */
export class TimelineArrivalsQuery extends Query<DisclosedTimelineEntry[]> {
  constructor(
    readonly jointCaseId: string,
    readonly afterSeq: string,
    readonly limit: number,
    readonly viewer: Actor,
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
  constructor(
    @Inject(JOINT_CASE_READ_MODEL) private readonly readModel: JointCaseReadModel,
    @Inject(ACCESS_DECIDER) private readonly decider: AccessDecider,
  ) {}
  async execute(query: JointCaseQuery): Promise<JointCaseView> {
    const view = await findFor(this.readModel, this.decider, query.jointCaseId, query.viewer);
    if (!view) throw new NotFoundError('Joint case', query.jointCaseId);
    return view;
  }
}

async function findFor(
  readModel: JointCaseReadModel,
  decider: AccessDecider,
  jointCaseId: string,
  viewer: Actor,
): Promise<JointCaseView | undefined> {
  if (!(await decider.mayAccess(viewer, 'JointCase', { jointCaseId }))) return undefined;
  return readModel.byId(jointCaseId);
}

@QueryHandler(FindJointCaseQuery)
export class FindJointCaseHandler implements IQueryHandler<FindJointCaseQuery, JointCaseView | undefined> {
  constructor(
    @Inject(JOINT_CASE_READ_MODEL) private readonly readModel: JointCaseReadModel,
    @Inject(ACCESS_DECIDER) private readonly decider: AccessDecider,
  ) {}
  execute(query: FindJointCaseQuery): Promise<JointCaseView | undefined> {
    return findFor(this.readModel, this.decider, query.jointCaseId, query.viewer);
  }
}

@QueryHandler(JointCasesQuery)
export class JointCasesHandler implements IQueryHandler<JointCasesQuery, JointCaseView[]> {
  constructor(
    @Inject(JOINT_CASE_READ_MODEL) private readonly readModel: JointCaseReadModel,
    @Inject(CASE_MEMBERSHIP) private readonly membership: CaseMembership,
  ) {}
  async execute(query: JointCasesQuery): Promise<JointCaseView[]> {
    const { viewer } = query;
    if (viewer.agencyType === 'integrator') return [];
    // The coordination body reviews every case of its mandate; any other agency lists its own cases only.
    if (viewer.agencyType === 'coordination_body') return this.readModel.list(query.filter);
    const jointCaseIds = await this.membership.casesOf(viewer.agencyId);
    if (jointCaseIds.length === 0) return [];
    return this.readModel.list({ ...query.filter, jointCaseIds });
  }
}

/** What the viewer sees of a case's timeline; nothing at all of a case not shown to them. */
async function visibilityFor(
  decider: AccessDecider,
  jointCaseId: string,
  viewer: Actor,
): Promise<{ plan: TimelineDisclosurePlan; visibility: TimelineVisibility } | undefined> {
  if (!(await decider.mayAccess(viewer, 'JointCase', { jointCaseId }))) return undefined;
  const plan = await decider.timelineFor(viewer, jointCaseId);
  return {
    plan,
    visibility: { types: plan.visibleTypes, ownAgencyId: plan.ownAgencyId, ownTypes: plan.knownTypes },
  };
}

function disclosed(entries: readonly TimelineEntryView[], plan: TimelineDisclosurePlan): DisclosedTimelineEntry[] {
  const shown: DisclosedTimelineEntry[] = [];
  for (const entry of entries) {
    const disclosure = plan.disclosureOf(entry);
    if (disclosure === 'none') continue;
    // A notice tells the kind of activity: the notice's own (a withheld event's), else the policy's.
    const category = disclosure === 'notice' ? (entry.category ?? plan.categoryOf(entry.eventType)) : entry.category;
    shown.push({ ...entry, category, disclosure });
  }
  return shown;
}

@QueryHandler(TimelineQuery)
export class TimelineHandler implements IQueryHandler<TimelineQuery, DisclosedTimelineEntry[]> {
  constructor(
    @Inject(JOINT_CASE_READ_MODEL) private readonly readModel: JointCaseReadModel,
    @Inject(ACCESS_DECIDER) private readonly decider: AccessDecider,
  ) {}
  async execute(query: TimelineQuery): Promise<DisclosedTimelineEntry[]> {
    const seen = await visibilityFor(this.decider, query.jointCaseId, query.viewer);
    if (!seen) return [];
    return disclosed(await this.readModel.timeline(query.jointCaseId, query.page, seen.visibility), seen.plan);
  }
}

@QueryHandler(TimelineArrivalsQuery)
export class TimelineArrivalsHandler implements IQueryHandler<TimelineArrivalsQuery, DisclosedTimelineEntry[]> {
  constructor(
    @Inject(JOINT_CASE_READ_MODEL) private readonly readModel: JointCaseReadModel,
    @Inject(ACCESS_DECIDER) private readonly decider: AccessDecider,
  ) {}
  async execute(query: TimelineArrivalsQuery): Promise<DisclosedTimelineEntry[]> {
    // Decided again on every fetch: a party that leaves the case stops receiving its entries at once.
    const seen = await visibilityFor(this.decider, query.jointCaseId, query.viewer);
    if (!seen) return [];
    const rows = await this.readModel.timelineArrivedAfter(
      query.jointCaseId,
      query.afterSeq,
      query.limit,
      seen.visibility,
    );
    return disclosed(rows, seen.plan);
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
  CaseStageCountsHandler,
  TimelineHandler,
  TimelineArrivalsHandler,
  EscalationsHandler,
  EscalationArrivalsHandler,
  LastArrivalsHandler,
] as const;
