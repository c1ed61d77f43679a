export * from './assistance-read-model.port.js';
export * from './commands/assistance-command.js';
export * from './commands/assistance-command.handler.js';
export * from './queries/assistance.queries.js';

import { AssistanceCommandHandler } from './commands/assistance-command.handler.js';
import {
  AssistanceCaseByIdHandler,
  AssistanceCasesHandler,
  VictimIdentityHandler,
} from './queries/assistance.queries.js';

export const ASSISTANCE_HANDLERS = [
  AssistanceCommandHandler,
  AssistanceCasesHandler,
  AssistanceCaseByIdHandler,
  VictimIdentityHandler,
] as const;
