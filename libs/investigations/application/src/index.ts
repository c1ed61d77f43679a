export * from './investigation-read-model.port.js';
export * from './commands/investigation-command.js';
export * from './queries/investigation.queries.js';
export * from './deadlines/case-file-deadline.js';
export * from './reactions/case-file-receipt.reaction.js';
export * from './investigation-statistics.js';

import {
  IncomingCaseFilesHandler,
  InvestigationByIdHandler,
  InvestigationsForAgencyHandler,
  InvestigationsOfJointCaseHandler,
  OverdueCaseFileTransmissionsHandler,
} from './queries/investigation.queries.js';
import { InvestigationCountsHandler } from './investigation-statistics.js';

/** The investigations' queries (commands go through `investigationCommands`, not a bus). */
export const INVESTIGATION_QUERY_HANDLERS = [
  InvestigationsForAgencyHandler,
  InvestigationByIdHandler,
  OverdueCaseFileTransmissionsHandler,
  IncomingCaseFilesHandler,
  InvestigationsOfJointCaseHandler,
  InvestigationCountsHandler,
] as const;
