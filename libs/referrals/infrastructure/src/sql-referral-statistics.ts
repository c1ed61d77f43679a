import { type SqlQueryable } from '@pamoja/event-store';
import { type ReferralCount, type ReferralStatisticsSource } from '@pamoja/referrals/application';
import { isReferralStatus } from '@pamoja/referrals/domain';
import { REFERRALS_READ_SCHEMA } from './referral-handoffs.projection.js';

/** The referrals of the read model as the figures count them (the scope of `handoffStatistics`). */
export class SqlReferralStatistics implements ReferralStatisticsSource {
  constructor(private readonly db: SqlQueryable) {}

  async referrals(agencyId: string | null): Promise<ReferralCount[]> {
    const rows = await this.db.query<{
      submitted_at: Date | string;
      site_code: string | null;
      status: string;
      accept_hours: number | string | null;
    }>(
      `SELECT submitted_at, site_code, status,
         CASE WHEN status IN ('accepted', 'completed') AND answered_at IS NOT NULL
           THEN extract(epoch FROM answered_at - submitted_at) / 3600 END AS accept_hours
       FROM ${REFERRALS_READ_SCHEMA}.referrals
       WHERE ($1::text IS NULL OR from_agency_id = $1 OR to_agency_id = $1)
       ORDER BY submitted_at, referral_id`,
      [agencyId],
    );
    return rows.flatMap((row) =>
      isReferralStatus(row.status)
        ? [
            {
              submittedAt: new Date(row.submitted_at),
              siteCode: row.site_code,
              status: row.status,
              acceptHours: row.accept_hours === null ? null : Number(row.accept_hours),
            },
          ]
        : [],
    );
  }
}
