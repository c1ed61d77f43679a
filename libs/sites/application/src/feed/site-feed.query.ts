import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { SITES_READ_MODEL, type SitesReadModel } from '../sites-read-model.port.js';
import { buildSiteFeed, feedCutOff, type SiteFeed, type SiteFeedSettings } from './site-feed.js';

/**
 * The supply-chain feed as it may be published at `now`: every site, or the one with `code` (then no site
 * when it is unknown or registered after the cut-off).
 */
export class SiteFeedQuery extends Query<SiteFeed> {
  constructor(
    readonly now: Date,
    readonly settings: SiteFeedSettings,
    readonly code?: string,
  ) {
    super();
  }
}

@QueryHandler(SiteFeedQuery)
export class SiteFeedHandler implements IQueryHandler<SiteFeedQuery, SiteFeed> {
  constructor(@Inject(SITES_READ_MODEL) private readonly readModel: SitesReadModel) {}
  async execute({ now, settings, code }: SiteFeedQuery): Promise<SiteFeed> {
    const asOf = feedCutOff(now, settings.delayDays);
    return buildSiteFeed(await this.readModel.siteFeed(asOf, code), asOf, settings);
  }
}
