import { Inject, Injectable } from '@nestjs/common';
import { CASE_MEMBERSHIP, InvalidInputError, type CaseMembership, idDerivedFrom } from '@pamoja/contracts';
import { commandRunner } from '@pamoja/event-store';
import {
  ASSISTANCE_EVENT_TYPES,
  assistanceDecider,
  assistanceStreamId,
  parseAssistanceCommand,
  type AssistanceCommand,
  type AssistanceState,
  type AssistanceStatus,
  type SentAssistanceCommand,
} from '@pamoja/assistance/domain';

export interface AssistanceCommandResult {
  readonly assistanceId: string;
  readonly jointCaseId: string;
  readonly status: AssistanceStatus;
  readonly revision: number;
  /** True when the command id had been handled before: nothing new was written. */
  readonly replayed: boolean;
  readonly position: { readonly transactionId: number; readonly globalPosition: number } | undefined;
}

/** Every assistance command: parsed at the edge, decided on the victim's assistance stream. */
export const assistanceCommands = commandRunner({
  name: 'assistance',
  parse: parseAssistanceCommand,
  decider: assistanceDecider,
  eventTypes: ASSISTANCE_EVENT_TYPES,
  streamId: (command: AssistanceCommand) => assistanceStreamId(command.data.assistanceId),
  // A partner named as a service's provider is an active agency of the directory.
  references: (command) =>
    command.type === 'ProvideService' && command.data.providerAgencyId
      ? [{ field: 'providerAgencyId', agencyId: command.data.providerAgencyId }]
      : [],
  jointCaseId: {
    ofCommand: (command) => (command.type === 'RegisterVictim' ? command.data.jointCaseId : null),
    ofState: (state: AssistanceState) => (state.status === 'none' ? null : state.jointCaseId),
  },
  result: (outcome): AssistanceCommandResult => {
    const state = outcome.state;
    if (state.status === 'none') throw new Error('an assistance command left no assistance behind');
    return {
      assistanceId: state.assistanceId,
      jointCaseId: state.jointCaseId,
      status: state.status,
      revision: outcome.revision,
      replayed: outcome.replayed,
      position: outcome.position,
    };
  },
});

/**
 * A victim is registered as a person the case is about, or as nobody known yet: naming a person of
 * another case would make the assisting agency the keeper of a stranger's consent. Checked before the
 * registration is sent.
 */
/**
 * Run by the assistance command endpoint before every command is decided, whoever sends it: a victim is
 * registered as a person of the case only if the case's referrals brought that person.
 */
@Injectable()
export class AssistancePersons {
  constructor(@Inject(CASE_MEMBERSHIP) private readonly membership: CaseMembership) {}

  async prepare(command: SentAssistanceCommand): Promise<SentAssistanceCommand> {
    if (command.type !== 'RegisterVictim') return command;
    const { personId, jointCaseId } = command.data;
    if (personId !== null && !(await this.membership.isPersonOf(personId, jointCaseId))) {
      throw new InvalidInputError([
        {
          field: 'personId',
          reason: 'is not a person of this joint case (take it from the referral that brought them)',
        },
      ]);
    }
    return command;
  }
}

// UUID v5 namespaces for ids derived from a command id, so that a retry names the same thing: fixed forever.
const ASSISTANCE_NAMESPACE = '8e2f4c61-7a3b-5d9e-b1c2-3d4e5f6a7b8c';
const SERVICE_NAMESPACE = '2c9d7e5f-3b1a-5c8d-9e0f-1a2b3c4d5e6f';
const MEASURE_NAMESPACE = '7f6e5d4c-3b2a-5918-8a7b-6c5d4e3f2a1b';

export function assistanceIdFor(commandId: string): string {
  return idDerivedFrom(commandId, commandId, ASSISTANCE_NAMESPACE);
}

export function serviceIdFor(commandId: string): string {
  return idDerivedFrom(commandId, commandId, SERVICE_NAMESPACE);
}

export function measureIdFor(commandId: string): string {
  return idDerivedFrom(commandId, commandId, MEASURE_NAMESPACE);
}
