import { type LogPosition } from '@pamoja/contracts';
import { commandRunner } from '@pamoja/event-store';
import { AGENCY_EVENT_TYPES, agencyDecider, agencyStreamId, parseAgencyCommand, type AgencyCommand } from './agency.js';

export interface AgencyCommandResult {
  readonly agencyId: string;
  readonly revision: number;
  readonly replayed: boolean;
  readonly position: LogPosition | undefined;
}

/** The directory's commands: each agency is a stream of its own, kept by the coordination body. */
export const agencyCommands = commandRunner({
  name: 'agency',
  parse: parseAgencyCommand,
  decider: agencyDecider,
  eventTypes: AGENCY_EVENT_TYPES,
  streamId: (command: AgencyCommand) => agencyStreamId(command.data.agencyId),
  jointCaseId: { ofState: () => null },
  // A parent unit named must be in the directory (suspended or not: a suspended ministry keeps its units).
  references: (command: AgencyCommand) =>
    (command.type === 'RegisterAgency' || command.type === 'ChangeAgencyDetails') && command.data.parentAgencyId
      ? [{ field: 'parentAgencyId', agencyId: command.data.parentAgencyId, includeSuspended: true }]
      : [],
  result: (outcome, command): AgencyCommandResult => ({
    agencyId: command.data.agencyId,
    revision: outcome.revision,
    replayed: outcome.replayed,
    position: outcome.position,
  }),
});
