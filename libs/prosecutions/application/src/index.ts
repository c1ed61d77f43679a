export * from './prosecution-read-model.port.js';
export * from './commands/prosecution-command.js';
export * from './queries/prosecution.queries.js';
export * from './prosecution-statistics.js';

import {
  JointCaseProsecutionsHandler,
  ProsecutionByIdHandler,
  ProsecutionsHandler,
  UpcomingHearingsHandler,
} from './queries/prosecution.queries.js';
import { ProsecutionCountsHandler } from './prosecution-statistics.js';

export const PROSECUTION_HANDLERS = [
  ProsecutionsHandler,
  ProsecutionByIdHandler,
  UpcomingHearingsHandler,
  JointCaseProsecutionsHandler,
  ProsecutionCountsHandler,
] as const;
export * from './deadlines/hearing-outcome-deadline.js';
