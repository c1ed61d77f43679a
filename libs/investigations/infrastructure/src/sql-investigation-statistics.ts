import { type SqlQueryable } from '@pamoja/event-store';
import { type InvestigationCount, type InvestigationStatisticsSource } from '@pamoja/investigations/application';
import { INVESTIGATIONS_READ_SCHEMA } from './investigations-case-work.projection.js';

/** The investigations of the read model as the figures count them: opened when, at which site. */
export class SqlInvestigationStatistics implements InvestigationStatisticsSource {
  constructor(private readonly db: SqlQueryable) {}

  async investigations(leadAgencyId: string | null): Promise<InvestigationCount[]> {
    const rows = await this.db.query<{ opened_at: Date | string; site_code: string | null }>(
      `SELECT opened_at, site_code FROM ${INVESTIGATIONS_READ_SCHEMA}.investigations
       WHERE ($1::text IS NULL OR lead_agency_id = $1)
       ORDER BY opened_at, investigation_id`,
      [leadAgencyId],
    );
    return rows.map((row) => ({ openedAt: new Date(row.opened_at), siteCode: row.site_code }));
  }
}
