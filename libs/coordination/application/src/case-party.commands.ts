import { Inject, Injectable } from '@nestjs/common';
import { CASE_MEMBERSHIP, NotFoundError, type CaseMembership, idDerivedFrom } from '@pamoja/contracts';
import { commandRunner } from '@pamoja/event-store';
import {
  CASE_PARTY_EVENT_TYPES,
  caseDecisionsStreamId,
  casePartyDecider,
  type CasePartyCommand,
} from '@pamoja/coordination/domain';

export interface CasePartyCommandResult {
  readonly jointCaseId: string;
  readonly decisionId: string;
  readonly agencyId: string;
  readonly revision: number;
  readonly replayed: boolean;
  readonly position: { readonly transactionId: number; readonly globalPosition: number } | undefined;
}

/** Namespace for decision ids derived from the command id (UUID v5): fixed forever. */
const CASE_DECISION_NAMESPACE = '7b2e4c6d-8f1a-5b3c-9d4e-6f7a8b9c0d1e';

export function caseDecisionIdFor(commandId: string): string {
  return idDerivedFrom(commandId, commandId, CASE_DECISION_NAMESPACE);
}

/**
 * The coordination body's decisions on a case's membership, in the case's own stream of decisions. The
 * input's shape is checked by the API; the decider names the fields its own rules refuse.
 */
export const casePartyCommands = commandRunner({
  name: 'case-party',
  parse: (sent: CasePartyCommand): CasePartyCommand => sent,
  decider: casePartyDecider,
  eventTypes: CASE_PARTY_EVENT_TYPES,
  streamId: (command: CasePartyCommand) => caseDecisionsStreamId(command.data.jointCaseId),
  // The agency admitted is an active agency of the directory, of the type stated.
  references: (command: CasePartyCommand) => [
    { field: 'agencyId', agencyId: command.data.agencyId, agencyTypes: [command.data.agencyType] },
  ],
  jointCaseId: {
    ofCommand: (command) => command.data.jointCaseId,
    ofState: () => null,
  },
  result: (outcome, command): CasePartyCommandResult => ({
    jointCaseId: command.data.jointCaseId,
    decisionId: command.data.decisionId,
    agencyId: command.data.agencyId,
    revision: outcome.revision,
    replayed: outcome.replayed,
    position: outcome.position,
  }),
});

/**
 * Run by the case-party command endpoint before a decision is decided, whoever sends it: a decision admits
 * to a case that exists; the coordination body does not open cases for others.
 */
@Injectable()
export class ExistingJointCases {
  constructor(@Inject(CASE_MEMBERSHIP) private readonly membership: CaseMembership) {}

  async prepare(command: CasePartyCommand): Promise<CasePartyCommand> {
    const { jointCaseId } = command.data;
    if ((await this.membership.partiesOf(jointCaseId)) === null) throw new NotFoundError('Joint case', jointCaseId);
    return command;
  }
}
