export * from './sites-read-model.port.js';
export * from './commands/mine-site-command.js';
export * from './commands/site-incident-command.js';
export * from './commands/sites-command.handlers.js';
export * from './queries/sites.queries.js';

import { MineSiteCommandHandler, SiteIncidentCommandHandler } from './commands/sites-command.handlers.js';
import {
  FindMineSiteHandler,
  JointCaseSiteHandler,
  CaseIdsShownHandler,
  MineSiteCaseCountHandler,
  MineSiteCasesHandler,
  MineSiteHandler,
  MineSitesHandler,
  MineSiteTimelineHandler,
  SiteIncidentsHandler,
} from './queries/sites.queries.js';

export const SITES_HANDLERS = [
  MineSiteCommandHandler,
  SiteIncidentCommandHandler,
  MineSitesHandler,
  MineSiteHandler,
  SiteIncidentsHandler,
  FindMineSiteHandler,
  MineSiteTimelineHandler,
  MineSiteCasesHandler,
  MineSiteCaseCountHandler,
  CaseIdsShownHandler,
  JointCaseSiteHandler,
] as const;
