import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { NotFoundError, type LogPosition } from '@pamoja/contracts';
import { referralDisclosedTo, type ReferralReader } from '../referral-disclosure.js';
import {
  type HandoffScope,
  type HandoffStatisticsView,
  type IncomingReferralKey,
  type OutgoingReferralKey,
  REFERRAL_READ_MODEL,
  type ReferralListFilter,
  type ReferralReadModel,
  type ReferralView,
} from '../referral-read-model.port.js';

export class IncomingReferralsQuery extends Query<ReferralView[]> {
  constructor(
    readonly agencyId: string,
    readonly filter: ReferralListFilter<IncomingReferralKey>,
  ) {
    super();
  }
}

export class OutgoingReferralsQuery extends Query<ReferralView[]> {
  constructor(
    readonly agencyId: string,
    readonly filter: ReferralListFilter<OutgoingReferralKey>,
  ) {
    super();
  }
}

/** One referral, for those it is disclosed to (`referralDisclosedTo`); to anyone else it does not exist. */
export class ReferralByIdQuery extends Query<ReferralView> {
  constructor(
    readonly referralId: string,
    readonly reader: ReferralReader,
    readonly now: Date,
  ) {
    super();
  }
}

/** The referrals of a joint case the reader may see, oldest first; none for anyone else. */
export class ReferralsOfJointCaseQuery extends Query<ReferralView[]> {
  constructor(
    readonly jointCaseId: string,
    readonly reader: ReferralReader,
    readonly now: Date,
  ) {
    super();
  }
}

/** Referrals sent to the agency after a log position, in the order they arrived (the live feed). */
export class ReferralsReceivedAfterQuery extends Query<ReferralView[]> {
  constructor(
    readonly agencyId: string,
    readonly after: LogPosition,
    readonly limit: number,
    readonly now: Date,
  ) {
    super();
  }
}

/** Where the agency's feed of received referrals stands now: a subscriber without a cursor starts here. */
export class LastReceivedReferralQuery extends Query<LogPosition> {
  constructor(readonly agencyId: string) {
    super();
  }
}

@QueryHandler(IncomingReferralsQuery)
export class IncomingReferralsHandler implements IQueryHandler<IncomingReferralsQuery, ReferralView[]> {
  constructor(@Inject(REFERRAL_READ_MODEL) private readonly readModel: ReferralReadModel) {}
  execute(query: IncomingReferralsQuery): Promise<ReferralView[]> {
    return this.readModel.incoming(query.agencyId, query.filter);
  }
}

@QueryHandler(OutgoingReferralsQuery)
export class OutgoingReferralsHandler implements IQueryHandler<OutgoingReferralsQuery, ReferralView[]> {
  constructor(@Inject(REFERRAL_READ_MODEL) private readonly readModel: ReferralReadModel) {}
  execute(query: OutgoingReferralsQuery): Promise<ReferralView[]> {
    return this.readModel.outgoing(query.agencyId, query.filter);
  }
}

@QueryHandler(ReferralByIdQuery)
export class ReferralByIdHandler implements IQueryHandler<ReferralByIdQuery, ReferralView> {
  constructor(@Inject(REFERRAL_READ_MODEL) private readonly readModel: ReferralReadModel) {}
  async execute(query: ReferralByIdQuery): Promise<ReferralView> {
    const view = await this.readModel.byId(query.referralId, query.now);
    // Not FORBIDDEN: telling a third agency that the referral exists would already disclose something.
    if (!view || !referralDisclosedTo(query.reader, view)) {
      throw new NotFoundError('Referral', query.referralId);
    }
    return view;
  }
}

@QueryHandler(ReferralsOfJointCaseQuery)
export class ReferralsOfJointCaseHandler implements IQueryHandler<ReferralsOfJointCaseQuery, ReferralView[]> {
  constructor(@Inject(REFERRAL_READ_MODEL) private readonly readModel: ReferralReadModel) {}
  async execute(query: ReferralsOfJointCaseQuery): Promise<ReferralView[]> {
    const referrals = await this.readModel.byJointCase(query.jointCaseId, query.now);
    return referrals.filter((referral) => referralDisclosedTo(query.reader, referral));
  }
}

@QueryHandler(ReferralsReceivedAfterQuery)
export class ReferralsReceivedAfterHandler implements IQueryHandler<ReferralsReceivedAfterQuery, ReferralView[]> {
  constructor(@Inject(REFERRAL_READ_MODEL) private readonly readModel: ReferralReadModel) {}
  execute(query: ReferralsReceivedAfterQuery): Promise<ReferralView[]> {
    return this.readModel.receivedAfter(query.agencyId, query.after, query.limit, query.now);
  }
}

@QueryHandler(LastReceivedReferralQuery)
export class LastReceivedReferralHandler implements IQueryHandler<LastReceivedReferralQuery, LogPosition> {
  constructor(@Inject(REFERRAL_READ_MODEL) private readonly readModel: ReferralReadModel) {}
  execute(query: LastReceivedReferralQuery): Promise<LogPosition> {
    return this.readModel.lastReceived(query.agencyId);
  }
}

/** The handoffs the caller's agency sent or received (the coordination body: every handoff), counted. */
export class HandoffStatisticsQuery extends Query<HandoffStatisticsView> {
  constructor(readonly scope: HandoffScope) {
    super();
  }
}

@QueryHandler(HandoffStatisticsQuery)
export class HandoffStatisticsHandler implements IQueryHandler<HandoffStatisticsQuery, HandoffStatisticsView> {
  constructor(@Inject(REFERRAL_READ_MODEL) private readonly readModel: ReferralReadModel) {}
  execute(query: HandoffStatisticsQuery): Promise<HandoffStatisticsView> {
    return this.readModel.handoffStatistics(query.scope);
  }
}
