import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@pamoja/contracts';
import {
  REFERRAL_READ_MODEL,
  type ReferralListFilter,
  type ReferralReadModel,
  type ReferralView,
} from '../referral-read-model.port.js';

export class IncomingReferralsQuery extends Query<ReferralView[]> {
  constructor(
    readonly agencyId: string,
    readonly filter: ReferralListFilter,
  ) {
    super();
  }
}

export class OutgoingReferralsQuery extends Query<ReferralView[]> {
  constructor(
    readonly agencyId: string,
    readonly filter: ReferralListFilter,
  ) {
    super();
  }
}

/** One referral, for the agencies on either side of it; to anyone else it does not exist. */
export class ReferralByIdQuery extends Query<ReferralView> {
  constructor(
    readonly referralId: string,
    readonly agencyId: string,
    readonly now: Date,
  ) {
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
    if (!view || (view.fromAgencyId !== query.agencyId && view.toAgencyId !== query.agencyId)) {
      throw new NotFoundError('Referral', query.referralId);
    }
    return view;
  }
}
