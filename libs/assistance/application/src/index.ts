export * from './assistance-read-model.port.js';
export * from './commands/assistance-command.js';
export * from './commands/assistance-command.handler.js';
export * from './queries/assistance.queries.js';
export * from './assistance-access.js';

import { AssistanceCommandHandler } from './commands/assistance-command.handler.js';
import {
  AssistanceCaseByIdHandler,
  AssistanceCasesHandler,
  JointCaseAssistanceHandler,
  VictimIdentityHandler,
} from './queries/assistance.queries.js';

export const ASSISTANCE_HANDLERS = [
  AssistanceCommandHandler,
  AssistanceCasesHandler,
  AssistanceCaseByIdHandler,
  VictimIdentityHandler,
  JointCaseAssistanceHandler,
] as const;
