import { v5 as uuidv5 } from 'uuid';
import { Command } from '@nestjs/cqrs';
import { InvalidInputError, NotFoundError, personIdIntroducedBy, type CaseMembership } from '@pamoja/contracts';
import { handleCommand, type ClientCommandContext, type EventStore } from '@pamoja/event-store';
import {
  referralDecider,
  referralStreamId,
  type ReferralCommand,
  type ReferralState,
  type ReferralStatus,
} from '@pamoja/referrals/domain';
import { toReferralEvent } from './referral-events.js';

export interface ReferralCommandResult {
  readonly referralId: string;
  readonly jointCaseId: string | null;
  readonly status: ReferralStatus;
  readonly revision: number;
  /** True when the command id had been handled before: nothing new was written. */
  readonly replayed: boolean;
  readonly position: { readonly transactionId: number; readonly globalPosition: number } | undefined;
}

/** One bus message for every referral command: the decider tells them apart by `type`. */
export class ReferralCommandMessage extends Command<ReferralCommandResult> {
  constructor(
    readonly command: ReferralCommand,
    readonly context: ClientCommandContext,
  ) {
    super();
  }
}

/**
 * The person a consent command is about, and whether the acting agency keeps their consent, as the log
 * says (the membership read model): the decider is pure, so the application layer looks the fact up.
 */
async function withConsentKeeper(
  store: EventStore,
  membership: CaseMembership | undefined,
  command: ReferralCommand,
): Promise<ReferralCommand> {
  if (!membership) return command;
  let personId: string | null = null;
  if (command.type === 'SubmitReferral') {
    const forwarded = command.data.subject.personId ?? null;
    // A forward names a person the case is about: not a person of another case, whose consent it would reach.
    const { jointCaseId } = command.data;
    if (forwarded !== null && (jointCaseId === null || !(await membership.isPersonOf(forwarded, jointCaseId)))) {
      throw new InvalidInputError([
        { field: 'subject.personId', reason: 'is not a person of this joint case (take it from its referrals)' },
      ]);
    }
    if (!command.data.consent) return command;
    personId = forwarded;
  } else if (command.type === 'RecordConsent' || command.type === 'WithdrawConsent') {
    const [first] = await store.readStream(referralStreamId(command.data.referralId), { maxCount: 1 });
    if (!first) return command;
    const submitted = toReferralEvent(first);
    if (submitted.type !== 'ReferralSubmitted') return command;
    personId = submitted.data.subject.personId ?? personIdIntroducedBy(submitted.data.referralId);
  }
  if (personId === null) return command;
  const keepsConsent = await membership.keepsConsentOf(personId, command.metadata.actor.agencyId);
  return { ...command, metadata: { ...command.metadata, keepsConsent } };
}

export async function runReferralCommand(
  store: EventStore,
  message: ReferralCommandMessage,
  membership?: CaseMembership,
): Promise<ReferralCommandResult> {
  const { context } = message;
  const command = await withConsentKeeper(store, membership, message.command);
  const outcome = await handleCommand(
    store,
    referralDecider,
    referralStreamId(command.data.referralId),
    command,
    {
      ...context,
      jointCaseId: command.type === 'SubmitReferral' ? command.data.jointCaseId : null,
      now: command.metadata.now,
    },
    {
      toDomainEvent: toReferralEvent,
      jointCaseIdOf: (state: ReferralState) => (state.status === 'none' ? null : state.jointCaseId),
    },
  );
  const state = outcome.state;
  // Only a missed-deadline command decides nothing on an unknown referral; every other one throws first.
  if (state.status === 'none') throw new NotFoundError('Referral', command.data.referralId);
  return {
    referralId: state.referralId,
    jointCaseId: state.jointCaseId,
    status: state.status,
    revision: outcome.revision,
    replayed: outcome.replayed,
    position: outcome.position,
  };
}

/** Namespace for referral ids derived from the submitting command's id (UUID v5): fixed forever. */
const REFERRAL_NAMESPACE = '3d5f7a9c-1b2d-5e4f-a6b7-c8d9e0f1a2b3';

export function referralIdFor(commandId: string): string {
  return uuidv5(commandId, REFERRAL_NAMESPACE);
}

/** Namespace for consent ids derived from the recording command's id (UUID v5): fixed forever. */
const CONSENT_NAMESPACE = '8a2d4c6e-3f5b-5d7a-9c1e-2b4d6f8a0c3e';

/** A consent the client gave no id is named after the command that records it, so a retry records the same. */
export function consentIdFor(commandId: string): string {
  return uuidv5(commandId, CONSENT_NAMESPACE);
}
