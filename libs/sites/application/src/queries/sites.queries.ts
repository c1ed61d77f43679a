import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@pamoja/contracts';
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

export class MineSiteCasesQuery extends Query<SiteCaseView[]> {
  constructor(readonly filter: SiteCaseListFilter) {
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
  constructor(@Inject(SITES_READ_MODEL) private readonly readModel: SitesReadModel) {}
  execute(query: MineSiteCasesQuery): Promise<SiteCaseView[]> {
    return this.readModel.siteCases(query.filter);
  }
}

@QueryHandler(JointCaseSiteQuery)
export class JointCaseSiteHandler implements IQueryHandler<JointCaseSiteQuery, MineSiteView | null> {
  constructor(@Inject(SITES_READ_MODEL) private readonly readModel: SitesReadModel) {}
  async execute(query: JointCaseSiteQuery): Promise<MineSiteView | null> {
    return (await this.readModel.siteOfJointCase(query.jointCaseId, query.now)) ?? null;
  }
}
