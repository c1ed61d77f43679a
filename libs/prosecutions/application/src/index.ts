export * from './prosecution-read-model.port.js';
export * from './commands/prosecution-command.js';
export * from './commands/prosecution-command.handler.js';
export * from './queries/prosecution.queries.js';

import { ProsecutionCommandHandler } from './commands/prosecution-command.handler.js';
import {
  JointCaseProsecutionsHandler,
  ProsecutionByIdHandler,
  ProsecutionsHandler,
  UpcomingHearingsHandler,
} from './queries/prosecution.queries.js';

export const PROSECUTION_HANDLERS = [
  ProsecutionCommandHandler,
  ProsecutionsHandler,
  ProsecutionByIdHandler,
  UpcomingHearingsHandler,
  JointCaseProsecutionsHandler,
] as const;
