import { Inject } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import { formatKivuTime, InvalidInputError, type Actor, type LogPosition } from '@pamoja/contracts';
import {
  CorrelationId,
  CurrentActor,
  liveFeed,
  ReadModelChanges,
  toConnection,
  type Connection,
} from '@pamoja/platform/graphql';
import { type CommandEndpointFor, cursorPart, type CursorPart, keysetCursor } from '@pamoja/platform/context';
import {
  consentIdFor,
  IncomingReferralsQuery,
  incomingReferralKey,
  jointCaseIdFor,
  LastReceivedReferralQuery,
  OutgoingReferralsQuery,
  outgoingReferralKey,
  ReferralByIdQuery,
  referralCommands,
  referralIdFor,
  ReferralsReceivedAfterQuery,
  type ReferralCommandResult,
  type ReferralListFilter,
  type ReferralView,
} from '@pamoja/referrals/application';
import { type SentReferral } from '@pamoja/referrals/domain';
import { referralHandoffsProjection } from '@pamoja/referrals/infrastructure';
import { ReferralCommandPayload, ReferralConnection, ReferralType } from './referral.graphql-types.js';
import {
  AcceptReferralInput,
  AssessTraffickingScreeningInput,
  CompleteReferralInput,
  DeclineReferralInput,
  RecordReferralConsentInput,
  ReferralListFilterInput,
  RevokeReferralInput,
  SubmitReferralInput,
  WithdrawReferralConsentInput,
} from './referral.inputs.js';

/** `incomingReferrals`: pending first, urgency rank, due time, id. */
const incomingCursor = keysetCursor(cursorPart.int, cursorPart.int, cursorPart.instant, cursorPart.id);
/** `outgoingReferrals`: newest first, then id. */
const outgoingCursor = keysetCursor(cursorPart.instant, cursorPart.id);

/** A part of a log position; anything else is kept as null, for the feed to refuse in its own words. */
const positionPart: CursorPart<number | null> = {
  encode: (value) => value,
  decode: (value) => (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null),
};
/** `referralReceived`'s `after`: where a referral stands in the receiving agency's feed. */
const feedCursor = keysetCursor(positionPart, positionPart);

@Resolver(() => ReferralType)
export class ReferralsResolver {
  constructor(
    @Inject(referralCommands.token) private readonly commands: CommandEndpointFor<typeof referralCommands>,
    private readonly queries: QueryBus,
    private readonly changes: ReadModelChanges,
  ) {}

  @Mutation(() => ReferralCommandPayload, { description: 'Refer a potential victim or situation to another agency' })
  async submitReferral(
    @Args('input') input: SubmitReferralInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<ReferralCommandResult> {
    const data: SentReferral<'SubmitReferral'>['data'] = {
      referralId: input.referralId ?? referralIdFor(input.commandId),
      jointCaseId: input.jointCaseId ?? jointCaseIdFor(input.commandId),
      jointCase: input.jointCaseId ? 'joined' : 'opened',
      subject: { isChild: input.subject.isChild ?? null, personId: input.subject.personId ?? null },
      consent: input.consent
        ? {
            // Derived from the command id, so that a retried submission records the same consent.
            consentId: consentIdFor(input.commandId),
            givenBy: input.consent.givenBy,
            method: input.consent.method ?? null,
            formSha256: input.consent.formSha256 ?? null,
            agencyTypes: input.consent.agencyTypes,
            purposes: input.consent.purposes,
          }
        : null,
      site: { code: input.site.code ?? null, description: input.site.description ?? null },
      indicators: input.indicators,
      childLabourFlags: input.childLabourFlags,
      urgency: input.urgency,
      toAgencyId: input.toAgencyId,
      toAgencyType: input.toAgencyType,
      dueBy: input.dueBy,
      summary: input.summary,
    };
    return this.commands.send(input, actor, correlationId, (metadata) => ({ type: 'SubmitReferral', metadata, data }));
  }

  @Mutation(() => ReferralCommandPayload, { description: 'The receiving agency takes the referral on' })
  acceptReferral(
    @Args('input') input: AcceptReferralInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<ReferralCommandResult> {
    return this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'AcceptReferral',
      metadata,
      data: { referralId: input.referralId, ...(input.note ? { note: input.note } : {}) },
    }));
  }

  @Mutation(() => ReferralCommandPayload, { description: 'The receiving agency declines, with a reason' })
  declineReferral(
    @Args('input') input: DeclineReferralInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<ReferralCommandResult> {
    return this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'DeclineReferral',
      metadata,
      data: { referralId: input.referralId, reason: input.reason },
    }));
  }

  @Mutation(() => ReferralCommandPayload, { description: 'The sending agency withdraws the referral, with a reason' })
  revokeReferral(
    @Args('input') input: RevokeReferralInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<ReferralCommandResult> {
    return this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'RevokeReferral',
      metadata,
      data: { referralId: input.referralId, reason: input.reason },
    }));
  }

  @Mutation(() => ReferralCommandPayload, { description: 'The receiving agency has done what was asked' })
  completeReferral(
    @Args('input') input: CompleteReferralInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<ReferralCommandResult> {
    return this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'CompleteReferral',
      metadata,
      data: { referralId: input.referralId, outcome: input.outcome },
    }));
  }

  @Mutation(() => ReferralCommandPayload, {
    description: 'Screen for trafficking (Palermo Protocol art. 3): act, means (not for a child) and purpose',
  })
  assessTraffickingScreening(
    @Args('input') input: AssessTraffickingScreeningInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<ReferralCommandResult> {
    return this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'AssessTraffickingScreening',
      metadata,
      data: {
        referralId: input.referralId,
        acts: input.acts,
        means: input.means,
        purposes: input.purposes,
        personIsChild: input.personIsChild,
      },
    }));
  }

  @Mutation(() => ReferralCommandPayload, {
    description:
      'Record consent the person (or for a child, a parent or guardian) gave: only the agency that met the person, ' +
      'or that holds their assistance case, may record, widen or withdraw it',
  })
  async recordConsent(
    @Args('input') input: RecordReferralConsentInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<ReferralCommandResult> {
    return this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'RecordConsent',
      metadata,
      data: {
        referralId: input.referralId,
        consentId: input.consentId ?? consentIdFor(input.commandId),
        givenBy: input.givenBy,
        method: input.method ?? null,
        formSha256: input.formSha256 ?? null,
        agencyTypes: input.agencyTypes,
        purposes: input.purposes,
      },
    }));
  }

  @Mutation(() => ReferralCommandPayload, { description: 'The person withdraws a consent; possible at any time' })
  async withdrawConsent(
    @Args('input') input: WithdrawReferralConsentInput,
    @CurrentActor() actor: Actor,
    @CorrelationId() correlationId: string,
  ): Promise<ReferralCommandResult> {
    return this.commands.send(input, actor, correlationId, (metadata) => ({
      type: 'WithdrawConsent',
      metadata,
      data: { referralId: input.referralId, consentId: input.consentId, reason: input.reason ?? null },
    }));
  }

  @ResolveField('dueByLocal', () => String, { description: 'dueBy as read in the Kivus, e.g. "2026-11-27 10:40 CAT"' })
  dueByLocal(@Parent() referral: ReferralView): string {
    return formatKivuTime(referral.dueBy);
  }

  @ResolveField('feedCursor', () => String, {
    nullable: true,
    description:
      "Where the referral stands in the receiving agency's feed: pass as `after` to referralReceived to resume " +
      'after it. Null only for referrals projected before feeds were recorded, until the read model is rebuilt',
  })
  feedCursor(@Parent() referral: ReferralView): string | null {
    return referral.receivedAt ? feedCursorOf(referral.receivedAt) : null;
  }

  @Query(() => ReferralConnection, {
    description: "Referrals sent to the caller's agency: pending first, then most urgent and soonest due",
  })
  async incomingReferrals(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => ReferralListFilterInput, nullable: true }) filter?: ReferralListFilterInput,
  ): Promise<Connection<ReferralView>> {
    const page = this.listFilter(filter, incomingCursor.decode.bind(incomingCursor));
    const rows = await this.queries.execute(new IncomingReferralsQuery(actor.agencyId, page));
    return toConnection(rows, page.first, (row) => incomingCursor.keyOf(incomingReferralKey(row)));
  }

  @Query(() => ReferralConnection, { description: "Referrals the caller's agency sent, newest first" })
  async outgoingReferrals(
    @CurrentActor() actor: Actor,
    @Args('filter', { type: () => ReferralListFilterInput, nullable: true }) filter?: ReferralListFilterInput,
  ): Promise<Connection<ReferralView>> {
    const page = this.listFilter(filter, outgoingCursor.decode.bind(outgoingCursor));
    const rows = await this.queries.execute(new OutgoingReferralsQuery(actor.agencyId, page));
    return toConnection(rows, page.first, (row) => outgoingCursor.keyOf(outgoingReferralKey(row)));
  }

  @Query(() => ReferralType, {
    description: "A referral sent or received by the caller's agency (the coordination body sees every referral)",
  })
  referral(
    @CurrentActor() actor: Actor,
    @Args('referralId', { type: () => ID }) referralId: string,
  ): Promise<ReferralView> {
    return this.queries.execute(new ReferralByIdQuery(referralId, actor, this.commands.now()));
  }

  /**
   * The caller's agency's new incoming referrals, live. Without `after`, only referrals submitted from now
   * on; with `after` (a referral's `feedCursor`), first every referral received after that one, in the order
   * they were submitted, then the new ones: a subscriber that reconnects misses nothing and gets nothing twice.
   */
  @Subscription(() => ReferralType, {
    description:
      "New referrals sent to the caller's agency, in the order they were submitted. Without `after`: from now " +
      "on. With `after` (the last referral's feedCursor): first those received since, then the new ones",
    resolve: (item: ReferralView) => item,
  })
  async referralReceived(
    @CurrentActor() actor: Actor,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<AsyncIterableIterator<ReferralView>> {
    const start =
      after === undefined || after === null
        ? await this.queries.execute(new LastReceivedReferralQuery(actor.agencyId))
        : feedPositionOf(after);
    return liveFeed<ReferralView, LogPosition>(this.changes, {
      readModels: [referralHandoffsProjection.name],
      fetchAfter: (cursor, limit) =>
        this.queries.execute(
          new ReferralsReceivedAfterQuery(actor.agencyId, cursor ?? start, limit, this.commands.now()),
        ),
      // Every referral the feed reads has a position: rows without one are never after any position.
      cursorOf: (item) => item.receivedAt ?? start,
      after: start,
    });
  }

  private listFilter<TKey>(
    filter: ReferralListFilterInput | undefined,
    keyOf: (cursor: string) => TKey,
  ): ReferralListFilter<TKey> {
    return {
      ...(filter?.status ? { status: filter.status } : {}),
      ...(typeof filter?.overdue === 'boolean' ? { overdue: filter.overdue } : {}),
      ...(filter?.siteCode ? { siteCode: filter.siteCode } : {}),
      ...(filter?.province ? { province: filter.province } : {}),
      ...(filter?.territory ? { territory: filter.territory } : {}),
      ...(filter?.after ? { after: keyOf(filter.after) } : {}),
      first: filter?.first ?? 50,
      now: this.commands.now(),
    };
  }
}

function feedCursorOf(position: LogPosition): string {
  return feedCursor.encode([position.transactionId, position.globalPosition]);
}

function feedPositionOf(cursor: string): LogPosition {
  const [transactionId, globalPosition] = feedCursor.decode(cursor);
  if (transactionId === null || globalPosition === null) {
    throw new InvalidInputError([{ field: 'after', reason: 'is not a feedCursor of a referral' }]);
  }
  return { transactionId, globalPosition };
}
