import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { type ReferralStatus } from '@pamoja/referrals/domain';

/**
 * One referral as the figures count it: the same referrals as `handoffStatistics` (sent or received by the
 * agency; every referral for the joint figures), with when and where, its status now and, once accepted,
 * the hours from submission to acceptance.
 */
export interface ReferralCount {
  readonly submittedAt: Date;
  readonly siteCode: string | null;
  readonly status: ReferralStatus;
  /** Hours from submission to acceptance (accepted or completed referrals); null otherwise. */
  readonly acceptHours: number | null;
}

export interface ReferralStatisticsSource {
  /** The referrals this agency sent or received; every referral when null. */
  referrals(agencyId: string | null): Promise<ReferralCount[]>;
}

export const REFERRAL_STATISTICS_SOURCE = Symbol.for('pamoja.referrals.ReferralStatisticsSource');

export class ReferralCountsQuery extends Query<ReferralCount[]> {
  constructor(readonly agencyId: string | null) {
    super();
  }
}

@QueryHandler(ReferralCountsQuery)
export class ReferralCountsHandler implements IQueryHandler<ReferralCountsQuery, ReferralCount[]> {
  constructor(@Inject(REFERRAL_STATISTICS_SOURCE) private readonly source: ReferralStatisticsSource) {}

  execute(query: ReferralCountsQuery): Promise<ReferralCount[]> {
    return this.source.referrals(query.agencyId);
  }
}
