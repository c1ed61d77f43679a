import { type SqlQueryable } from '@pamoja/event-store';
import {
  PROSECUTION_MEASURES,
  type ProsecutionCount,
  type ProsecutionMeasure,
  type ProsecutionStatisticsSource,
} from '@pamoja/prosecutions/application';
import { PROSECUTIONS_READ_SCHEMA } from './prosecutions.projection.js';

/** Where the prosecutions context keeps the site of each joint case (from the referrals' shared events). */
export const PROSECUTIONS_CASE_SITES_SCHEMA = 'prosecutions_case_sites';

/**
 * The read model's prosecutions, persons convicted and sentenced (each suspect once per prosecution, at
 * their first verdict of conviction or sentence) and restitution orders, with their joint case's site.
 */
export class SqlProsecutionStatistics implements ProsecutionStatisticsSource {
  constructor(private readonly db: SqlQueryable) {}

  async counts(officeAgencyId: string | null): Promise<ProsecutionCount[]> {
    const p = PROSECUTIONS_READ_SCHEMA;
    const rows = await this.db.query<{ measure: string; at: Date | string; site_code: string | null }>(
      `WITH scoped AS (
         SELECT p.prosecution_id, p.received_at, s.site_code FROM ${p}.prosecutions p
         LEFT JOIN ${PROSECUTIONS_CASE_SITES_SCHEMA}.case_sites s ON s.joint_case_id = p.joint_case_id
         WHERE ($1::text IS NULL OR p.office_agency_id = $1))
       SELECT 'prosecutions' AS measure, received_at AS at, site_code FROM scoped
       UNION ALL
       SELECT 'persons_convicted', min(c.verdict_rendered_at), min(scoped.site_code)
         FROM ${p}.charges c JOIN scoped USING (prosecution_id)
         WHERE c.verdict = 'convicted' GROUP BY c.prosecution_id, c.suspect_id
       UNION ALL
       SELECT 'persons_sentenced', min(c.sentenced_at), min(scoped.site_code)
         FROM ${p}.charges c JOIN scoped USING (prosecution_id)
         WHERE c.sentenced_at IS NOT NULL GROUP BY c.prosecution_id, c.suspect_id
       UNION ALL
       SELECT 'restitution_orders', r.ordered_at, scoped.site_code
         FROM ${p}.restitutions r JOIN scoped USING (prosecution_id)`,
      [officeAgencyId],
    );
    const isMeasure = (value: string): value is ProsecutionMeasure =>
      (PROSECUTION_MEASURES as readonly string[]).includes(value);
    return rows.flatMap((row) =>
      isMeasure(row.measure) ? [{ measure: row.measure, at: new Date(row.at), siteCode: row.site_code }] : [],
    );
  }
}
