export * from './sites-read-model.port.js';
export * from './commands/mine-site-command.js';
export * from './commands/site-incident-command.js';
export * from './demo-sites.js';
export * from './queries/sites.queries.js';
export * from './feed/site-feed.js';
export * from './feed/site-feed.query.js';

import {
  FindMineSiteHandler,
  JointCaseSiteHandler,
  CaseIdsShownHandler,
  MineSiteCaseCountHandler,
  MineSiteCasesHandler,
  MineSiteHandler,
  MineSitesHandler,
  MineSiteStatusCountsHandler,
  MineSiteTimelineHandler,
  SiteIncidentsHandler,
} from './queries/sites.queries.js';
import { SiteFeedHandler } from './feed/site-feed.query.js';

/** The sites' queries (commands go through `mineSiteCommands` and `siteIncidentCommands`, not a bus). */
export const SITES_QUERY_HANDLERS = [
  MineSitesHandler,
  MineSiteHandler,
  SiteIncidentsHandler,
  FindMineSiteHandler,
  MineSiteTimelineHandler,
  MineSiteCasesHandler,
  MineSiteCaseCountHandler,
  CaseIdsShownHandler,
  JointCaseSiteHandler,
  MineSiteStatusCountsHandler,
  SiteFeedHandler,
] as const;
