import { v5 as uuidv5 } from 'uuid';
import { Command } from '@nestjs/cqrs';
import { type RecordedEvent } from '@pamoja/contracts';
import { handleCommand, type ClientCommandContext, type EventStore } from '@pamoja/event-store';
import {
  REFERRAL_EVENT_TYPES,
  referralDecider,
  referralStreamId,
  type ReferralCommand,
  type ReferralEvent,
  type ReferralState,
  type ReferralStatus,
} from '@pamoja/referrals/domain';

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

/** Namespace for joint case ids opened by a referral (UUID v5 of the command id): fixed forever. */
const JOINT_CASE_NAMESPACE = '0b7e3c1a-9d2f-5a4b-8c6d-1e2f3a4b5c6d';

/** A referral that names no joint case opens one; derived from the command id so a retry opens the same. */
export function jointCaseIdFor(commandId: string): string {
  return uuidv5(commandId, JOINT_CASE_NAMESPACE);
}

function toDomainEvent(event: RecordedEvent): ReferralEvent {
  if (!(REFERRAL_EVENT_TYPES as readonly string[]).includes(event.type)) {
    throw new Error(`unexpected event ${event.type} in referral stream ${event.streamId}`);
  }
  // The stream holds only referral events, written by this context at schema version 1.
  return { type: event.type, schemaVersion: event.schemaVersion, data: event.data } as ReferralEvent;
}

export async function runReferralCommand(
  store: EventStore,
  message: ReferralCommandMessage,
): Promise<ReferralCommandResult> {
  const { command, context } = message;
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
      toDomainEvent,
      jointCaseIdOf: (state: ReferralState) => (state.status === 'none' ? null : state.jointCaseId),
    },
  );
  const state = outcome.state;
  if (state.status === 'none') throw new Error('a referral command left no referral behind');
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
