import {
  isPlatformActor,
  jointCaseIdOpenedBy,
  NotAPartyError,
  type NewEvent,
  type RecordedEvent,
} from '@pamoja/contracts';
import {
  NO_STREAM,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type ReadAllOptions,
  type ReadAllResult,
  type ReadStreamOptions,
  type SubscribeOptions,
  type Subscription,
} from '@pamoja/event-store';
import { type SqlCaseMembership } from './case-membership.js';

/** The coordination body's own stream of decisions about a case (admissions): its mandate, not a party's act. */
const CASE_DECISIONS_STREAM_PREFIX = 'case-';

/**
 * Case membership is decided, never claimed. Every new record that names a joint case (a referral that
 * joins one, an investigation, an assistance case, an incident, …) is written only by a party of that
 * case; a non-party that cites a case id is refused with `not_a_party` and nothing is written. A record
 * naming a case nobody has recorded anything on opens it. This holds on every path that writes, whatever
 * the transport or the context, because it sits on the store every command handler appends through.
 * Records already in a case are guarded by their own deciders (the receiver answers, the sender revokes).
 */
export class MembershipGuardedEventStore implements EventStore {
  constructor(
    readonly inner: EventStore,
    readonly membership: SqlCaseMembership,
  ) {}

  async appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const first = events[0];
    const jointCaseId = first?.metadata.jointCaseId;
    if (
      first &&
      jointCaseId &&
      options.expectedRevision === NO_STREAM &&
      // A case derived from this very command is new by construction: it opens it, nothing to check.
      !(first.metadata.commandId !== undefined && jointCaseId === jointCaseIdOpenedBy(first.metadata.commandId)) &&
      !isPlatformActor(first.metadata.actor) &&
      !(streamId.startsWith(CASE_DECISIONS_STREAM_PREFIX) && first.metadata.actor.agencyType === 'coordination_body')
    ) {
      const parties = await this.membership.partiesOf(jointCaseId);
      if (parties !== null && !(await this.membership.isParty(jointCaseId, first.metadata.actor.agencyId))) {
        throw new NotAPartyError(first.metadata.actor.agencyId, jointCaseId);
      }
    }
    return this.inner.appendToStream(streamId, events, options);
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.inner.readStream(streamId, options);
  }
  streamRevision(streamId: string): Promise<number> {
    return this.inner.streamRevision(streamId);
  }
  readAll(options?: ReadAllOptions): Promise<ReadAllResult> {
    return this.inner.readAll(options);
  }
  findEvent(eventId: string): Promise<RecordedEvent | undefined> {
    return this.inner.findEvent(eventId);
  }
  subscribeToAll(options: SubscribeOptions): Subscription {
    return this.inner.subscribeToAll(options);
  }
  headPosition(): ReturnType<EventStore['headPosition']> {
    return this.inner.headPosition();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}
