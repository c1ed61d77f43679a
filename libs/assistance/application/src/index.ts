export * from './assistance-read-model.port.js';
export * from './commands/assistance-commands.js';
export * from './queries/assistance.queries.js';
export * from './assistance-access.js';
export * from './victim-statistics.js';

import {
  AssistanceCaseByIdHandler,
  AssistanceCasesHandler,
  JointCaseAssistanceHandler,
  VictimIdentityHandler,
} from './queries/assistance.queries.js';
import { VictimCountsHandler } from './victim-statistics.js';

/** The assistance queries, on the query bus. */
export const ASSISTANCE_QUERY_HANDLERS = [
  AssistanceCasesHandler,
  AssistanceCaseByIdHandler,
  VictimIdentityHandler,
  JointCaseAssistanceHandler,
  VictimCountsHandler,
] as const;
