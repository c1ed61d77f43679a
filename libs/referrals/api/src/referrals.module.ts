import { SQL_DATABASE, type SqlDatabase } from '@pamoja/event-store';
import { defineContext, onMissedDeadline, preparedBy } from '@pamoja/platform/context';
import {
  REFERRAL_QUERY_HANDLERS,
  REFERRAL_READ_MODEL,
  REFERRAL_STATISTICS_SOURCE,
  ReferralConsentKeepers,
  referralCommands,
  referralMissedDeadline,
} from '@pamoja/referrals/application';
import { REFERRAL_UPCASTERS } from '@pamoja/referrals/domain';
import {
  referralHandoffsProjection,
  SqlReferralReadModel,
  SqlReferralStatistics,
} from '@pamoja/referrals/infrastructure';
import { ReferralsDashboardResolver } from './dashboard.resolver.js';
import { ReferralStatisticsResolver } from './referral-statistics.resolver.js';
import { ReferralsOfJointCaseResolver } from './referrals-joint-case.resolver.js';
import { ReferralsResolver } from './referrals.resolver.js';
import { REFERRAL_REFERENCE_FIELDS } from './referrals.references.js';

/** The referrals context: its commands, its read model, its deadline and its part of the GraphQL schema. */
export const ReferralsContext = defineContext({
  name: 'referrals',
  // Whether a person named is one of the case's, and who keeps their consent, is looked up on every path.
  commands: [preparedBy(referralCommands, ReferralConsentKeepers)],
  projections: [referralHandoffsProjection],
  upcasters: REFERRAL_UPCASTERS,
  deadlines: [onMissedDeadline(referralCommands, referralMissedDeadline)],
  providers: [
    // `reference` on the types that show a record (ADR 0023).
    ...REFERRAL_REFERENCE_FIELDS,
    ...REFERRAL_QUERY_HANDLERS,
    {
      provide: REFERRAL_READ_MODEL,
      inject: [SQL_DATABASE],
      useFactory: (db: SqlDatabase) => new SqlReferralReadModel(db),
    },
    ReferralsResolver,
    ReferralsOfJointCaseResolver,
    ReferralsDashboardResolver,
    {
      provide: REFERRAL_STATISTICS_SOURCE,
      inject: [SQL_DATABASE],
      useFactory: (db: SqlDatabase) => new SqlReferralStatistics(db),
    },
    ReferralStatisticsResolver,
  ],
});

export const ReferralsModule = ReferralsContext.module;

export const REFERRAL_PROJECTIONS = ReferralsContext.definition.projections ?? [];
