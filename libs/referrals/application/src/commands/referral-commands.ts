import { Inject, Injectable } from '@nestjs/common';
import {
  type Actor,
  CASE_MEMBERSHIP,
  InvalidInputError,
  NotFoundError,
  personIdIntroducedBy,
  type CaseMembership,
  idDerivedFrom,
} from '@pamoja/contracts';
import { commandRunner, EVENT_STORE, type EventStore } from '@pamoja/event-store';
import {
  parseReferralCommand,
  REFERRAL_EVENT_TYPES,
  referralDecider,
  referralStreamId,
  type ReferralCommand,
  type ReferralCommandMetadata,
  type ReferralState,
  type ReferralStatus,
  type SentReferral,
  type SentReferralCommand,
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

/** Every referral command: parsed at the edge, decided on the referral's stream. */
export const referralCommands = commandRunner({
  name: 'referral',
  parse: parseReferralCommand,
  decider: referralDecider,
  eventTypes: REFERRAL_EVENT_TYPES,
  streamId: (command: ReferralCommand) => referralStreamId(command.data.referralId),
  // A referral goes to an active agency of the stated type, from a registered site or a described place.
  references: (command: SentReferralCommand) => {
    if (command.type !== 'SubmitReferral') return [];
    const siteCode = command.data.site.code?.trim();
    return [
      { field: 'toAgencyId', agencyId: command.data.toAgencyId, agencyTypes: [command.data.toAgencyType] },
      ...(siteCode ? [{ field: 'site.code', siteCode }] : []),
    ];
  },
  jointCaseId: {
    ofCommand: (command) => (command.type === 'SubmitReferral' ? command.data.jointCaseId : null),
    ofState: (state: ReferralState) => (state.status === 'none' ? null : state.jointCaseId),
  },
  result: (outcome, command): ReferralCommandResult => {
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
  },
});

type ConsentKeeping = Pick<ReferralCommandMetadata, 'keepsConsent'>;

/**
 * The person a consent command is about, and whether the acting agency keeps their consent, as the log
 * says (the membership read model): the decider is pure, so the application looks the fact up before the
 * command is sent, and the command carries it in its metadata.
 */
@Injectable()
export class ReferralConsentKeepers {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CASE_MEMBERSHIP) private readonly membership: CaseMembership,
  ) {}

  /**
   * Run by the referrals' command endpoint before every command is decided, whoever sends it: a submission
   * names only persons of its case, and whether the sender keeps the person's consent comes from the log,
   * never from the client; a consent is recorded or withdrawn only by the agency that keeps it.
   */
  async prepare(command: SentReferralCommand): Promise<SentReferralCommand> {
    const { actor } = command.metadata;
    switch (command.type) {
      case 'SubmitReferral':
        return { ...command, metadata: { ...command.metadata, ...(await this.ofSubmission(command.data, actor)) } };
      case 'RecordConsent':
      case 'WithdrawConsent':
        return {
          ...command,
          metadata: { ...command.metadata, ...(await this.ofReferral(command.data.referralId, actor)) },
        };
      case 'AcceptReferral':
      case 'DeclineReferral':
      case 'RevokeReferral':
      case 'CompleteReferral':
      case 'AssessTraffickingScreening':
      case 'RecordReferralDeadlineMissed':
        return command;
    }
  }

  /**
   * A forward names a person the case is about, not a person of another case, whose consent it would
   * reach; when it carries consent, whether the sender keeps that person's consent.
   */
  async ofSubmission(data: SentReferral<'SubmitReferral'>['data'], actor: Actor): Promise<ConsentKeeping> {
    const forwarded = data.subject.personId ?? null;
    const { jointCaseId } = data;
    if (forwarded !== null && (jointCaseId === null || !(await this.membership.isPersonOf(forwarded, jointCaseId)))) {
      throw new InvalidInputError([
        { field: 'subject.personId', reason: 'is not a person of this joint case (take it from its referrals)' },
      ]);
    }
    if (!data.consent || forwarded === null) return {};
    return this.keeping(forwarded, actor);
  }

  /** Whether the actor keeps the consent of the person the referral is about (none: no such referral). */
  async ofReferral(referralId: string, actor: Actor): Promise<ConsentKeeping> {
    const [first] = await this.store.readStream(referralStreamId(referralId), { maxCount: 1 });
    if (!first) return {};
    const submitted = toReferralEvent(first);
    if (submitted.type !== 'ReferralSubmitted') return {};
    return this.keeping(submitted.data.subject.personId ?? personIdIntroducedBy(submitted.data.referralId), actor);
  }

  private async keeping(personId: string, actor: Actor): Promise<ConsentKeeping> {
    return { keepsConsent: await this.membership.keepsConsentOf(personId, actor.agencyId) };
  }
}

/** Namespace for referral ids derived from the submitting command's id (UUID v5): fixed forever. */
const REFERRAL_NAMESPACE = '3d5f7a9c-1b2d-5e4f-a6b7-c8d9e0f1a2b3';

export function referralIdFor(commandId: string): string {
  return idDerivedFrom(commandId, commandId, REFERRAL_NAMESPACE);
}

/** Namespace for consent ids derived from the recording command's id (UUID v5): fixed forever. */
const CONSENT_NAMESPACE = '8a2d4c6e-3f5b-5d7a-9c1e-2b4d6f8a0c3e';

/** A consent the client gave no id is named after the command that records it, so a retry records the same. */
export function consentIdFor(commandId: string): string {
  return idDerivedFrom(commandId, commandId, CONSENT_NAMESPACE);
}
