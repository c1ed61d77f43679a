export * from './investigation-read-model.port.js';
export * from './commands/investigation-command.js';
export * from './commands/investigation-command.handler.js';
export * from './queries/investigation.queries.js';
export * from './deadlines/case-file-deadline.js';

import {
  InvestigationCommandHandler,
  RecordCaseFileAcknowledgedHandler,
  RecordCaseFileDeadlineMissedHandler,
} from './commands/investigation-command.handler.js';
import {
  IncomingCaseFilesHandler,
  InvestigationByIdHandler,
  InvestigationsForAgencyHandler,
  InvestigationsOfJointCaseHandler,
  OverdueCaseFileTransmissionsHandler,
} from './queries/investigation.queries.js';

export const INVESTIGATION_HANDLERS = [
  InvestigationCommandHandler,
  RecordCaseFileDeadlineMissedHandler,
  RecordCaseFileAcknowledgedHandler,
  InvestigationsForAgencyHandler,
  InvestigationByIdHandler,
  OverdueCaseFileTransmissionsHandler,
  IncomingCaseFilesHandler,
  InvestigationsOfJointCaseHandler,
] as const;
