import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@pamoja/contracts';
import {
  SITES_READ_MODEL,
  type MineSiteKey,
  type MineSiteListFilter,
  type MineSiteView,
  type SiteIncidentView,
  type SitesReadModel,
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

export class SiteIncidentsQuery extends Query<SiteIncidentView[]> {
  constructor(
    readonly siteId: string,
    readonly openOnly: boolean,
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

@QueryHandler(SiteIncidentsQuery)
export class SiteIncidentsHandler implements IQueryHandler<SiteIncidentsQuery, SiteIncidentView[]> {
  constructor(@Inject(SITES_READ_MODEL) private readonly readModel: SitesReadModel) {}
  async execute(query: SiteIncidentsQuery): Promise<SiteIncidentView[]> {
    // An unknown site is named as such: an empty list would read as "no incidents here".
    if (!(await this.readModel.mineSite({ siteId: query.siteId }, query.now))) {
      throw new NotFoundError('MineSite', query.siteId);
    }
    return this.readModel.siteIncidents(query.siteId, query.openOnly, query.now);
  }
}
