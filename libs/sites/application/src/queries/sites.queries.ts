import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CASE_MEMBERSHIP, NotFoundError, type Actor, type CaseMembership } from '@pamoja/contracts';
import { MINE_SITE_STATUSES, type MineSiteStatus } from '@pamoja/sites/domain';
import {
  SITES_READ_MODEL,
  type MineSiteKey,
  type MineSiteListFilter,
  type MineSiteView,
  type SiteCaseListFilter,
  type SiteCaseView,
  type SiteIncidentListFilter,
  type SiteIncidentView,
  type SitesReadModel,
  type SiteTimelineEntryView,
  type SiteTimelineFilter,
} from '../sites-read-model.port.js';

/** Registered sites by status, as they stand now; every status listed, blue to red. */
export class MineSiteStatusCountsQuery extends Query<{ status: MineSiteStatus; count: number }[]> {
  constructor(readonly sitePrefix: string | null) {
    super();
  }
}

@QueryHandler(MineSiteStatusCountsQuery)
export class MineSiteStatusCountsHandler implements IQueryHandler<
  MineSiteStatusCountsQuery,
  { status: MineSiteStatus; count: number }[]
> {
  constructor(@Inject(SITES_READ_MODEL) private readonly readModel: SitesReadModel) {}
  async execute(query: MineSiteStatusCountsQuery): Promise<{ status: MineSiteStatus; count: number }[]> {
    const counts = await this.readModel.statusCounts(query.sitePrefix);
    return MINE_SITE_STATUSES.map((status) => ({ status, count: counts.get(status) ?? 0 }));
  }
}

export class MineSitesQuery extends Query<MineSiteView[]> {
  constructor(readonly filter: MineSiteListFilter) {
    super();
  }
}

export class MineSiteQuery extends Query<MineSiteView> {
  constructor(
    readonly key: MineSiteKey,
    readonly now: Date,
  ) {
    super();
  }
}

/** A site by key, or null: what an entity reference or a joint case's site needs (no NOT_FOUND). */
export class FindMineSiteQuery extends Query<MineSiteView | null> {
  constructor(
    readonly key: MineSiteKey,
    readonly now: Date,
  ) {
    super();
  }
}

export class SiteIncidentsQuery extends Query<SiteIncidentView[]> {
  constructor(readonly filter: SiteIncidentListFilter) {
    super();
  }
}

export class MineSiteTimelineQuery extends Query<SiteTimelineEntryView[]> {
  constructor(readonly filter: SiteTimelineFilter) {
    super();
  }
}

/** The cases linked to a site that the viewer is party to (the coordination body: every one). */
export class MineSiteCasesQuery extends Query<SiteCaseView[]> {
  constructor(
    readonly filter: SiteCaseListFilter,
    readonly viewer: Actor,
  ) {
    super();
  }
}

/** How many cases are linked to a site: all a non-party learns of them. */
export class MineSiteCaseCountQuery extends Query<number> {
  constructor(readonly siteId: string) {
    super();
  }
}

export class JointCaseSiteQuery extends Query<MineSiteView | null> {
  constructor(
    readonly jointCaseId: string,
    readonly now: Date,
  ) {
    super();
  }
}

@QueryHandler(MineSitesQuery)
export class MineSitesHandler implements IQueryHandler<MineSitesQuery, MineSiteView[]> {
  constructor(@Inject(SITES_READ_MODEL) private readonly readModel: SitesReadModel) {}
  execute(query: MineSitesQuery): Promise<MineSiteView[]> {
    return this.readModel.mineSites(query.filter);
  }
}

@QueryHandler(MineSiteQuery)
export class MineSiteHandler implements IQueryHandler<MineSiteQuery, MineSiteView> {
  constructor(@Inject(SITES_READ_MODEL) private readonly readModel: SitesReadModel) {}
  async execute(query: MineSiteQuery): Promise<MineSiteView> {
    const view = await this.readModel.mineSite(query.key, query.now);
    if (!view) throw new NotFoundError('MineSite', 'siteId' in query.key ? query.key.siteId : query.key.code);
    return view;
  }
}

@QueryHandler(FindMineSiteQuery)
export class FindMineSiteHandler implements IQueryHandler<FindMineSiteQuery, MineSiteView | null> {
  constructor(@Inject(SITES_READ_MODEL) private readonly readModel: SitesReadModel) {}
  async execute(query: FindMineSiteQuery): Promise<MineSiteView | null> {
    return (await this.readModel.mineSite(query.key, query.now)) ?? null;
  }
}

@QueryHandler(SiteIncidentsQuery)
export class SiteIncidentsHandler implements IQueryHandler<SiteIncidentsQuery, SiteIncidentView[]> {
  constructor(@Inject(SITES_READ_MODEL) private readonly readModel: SitesReadModel) {}
  async execute(query: SiteIncidentsQuery): Promise<SiteIncidentView[]> {
    // An unknown site is named as such: an empty list would read as "no incidents here".
    if (!(await this.readModel.mineSite({ siteId: query.filter.siteId }, query.filter.now))) {
      throw new NotFoundError('MineSite', query.filter.siteId);
    }
    return this.readModel.siteIncidents(query.filter);
  }
}

@QueryHandler(MineSiteTimelineQuery)
export class MineSiteTimelineHandler implements IQueryHandler<MineSiteTimelineQuery, SiteTimelineEntryView[]> {
  constructor(@Inject(SITES_READ_MODEL) private readonly readModel: SitesReadModel) {}
  execute(query: MineSiteTimelineQuery): Promise<SiteTimelineEntryView[]> {
    return this.readModel.siteTimeline(query.filter);
  }
}

@QueryHandler(MineSiteCasesQuery)
export class MineSiteCasesHandler implements IQueryHandler<MineSiteCasesQuery, SiteCaseView[]> {
  constructor(
    @Inject(SITES_READ_MODEL) private readonly readModel: SitesReadModel,
    @Inject(CASE_MEMBERSHIP) private readonly membership: CaseMembership,
  ) {}
  async execute(query: MineSiteCasesQuery): Promise<SiteCaseView[]> {
    const { viewer } = query;
    if (viewer.agencyType === 'integrator') return [];
    if (viewer.agencyType === 'coordination_body') return this.readModel.siteCases(query.filter);
    const jointCaseIds = await this.membership.casesOf(viewer.agencyId);
    if (jointCaseIds.length === 0) return [];
    return this.readModel.siteCases({ ...query.filter, jointCaseIds });
  }
}

@QueryHandler(MineSiteCaseCountQuery)
export class MineSiteCaseCountHandler implements IQueryHandler<MineSiteCaseCountQuery, number> {
  constructor(@Inject(SITES_READ_MODEL) private readonly readModel: SitesReadModel) {}
  execute(query: MineSiteCaseCountQuery): Promise<number> {
    return this.readModel.siteCaseCount(query.siteId);
  }
}

/**
 * Which case ids this viewer may see where site data names a case (an incident, a timeline entry): the
 * cases it is party to, every one for the coordination body. Other agencies see that a case exists, not
 * which.
 */
export class CaseIdsShownQuery extends Query<(jointCaseId: string | null) => string | null> {
  constructor(readonly viewer: Actor) {
    super();
  }
}

@QueryHandler(CaseIdsShownQuery)
export class CaseIdsShownHandler implements IQueryHandler<
  CaseIdsShownQuery,
  (jointCaseId: string | null) => string | null
> {
  constructor(@Inject(CASE_MEMBERSHIP) private readonly membership: CaseMembership) {}
  async execute({ viewer }: CaseIdsShownQuery): Promise<(jointCaseId: string | null) => string | null> {
    if (viewer.agencyType === 'coordination_body') return (id) => id;
    const own = new Set(viewer.agencyType === 'integrator' ? [] : await this.membership.casesOf(viewer.agencyId));
    return (id) => (id !== null && own.has(id) ? id : null);
  }
}

@QueryHandler(JointCaseSiteQuery)
export class JointCaseSiteHandler implements IQueryHandler<JointCaseSiteQuery, MineSiteView | null> {
  constructor(@Inject(SITES_READ_MODEL) private readonly readModel: SitesReadModel) {}
  async execute(query: JointCaseSiteQuery): Promise<MineSiteView | null> {
    return (await this.readModel.siteOfJointCase(query.jointCaseId, query.now)) ?? null;
  }
}
