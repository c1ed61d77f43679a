import { type SqlQueryable } from '@pamoja/event-store';
import { type VictimCount, type VictimStatisticsSource } from '@pamoja/assistance/application';
import { type AgeGroup, type FormOfExploitation, type Sex } from '@pamoja/assistance/domain';
import { ASSISTANCE_READ_SCHEMA } from './assistance-cases.projection.js';

/** Where the assistance context keeps the site of each joint case (from the referrals' shared events). */
export const ASSISTANCE_CASE_SITES_SCHEMA = 'assistance_case_sites';

/** The victims of the read model, each person once (their first registration), with their case's site. */
export class SqlVictimStatistics implements VictimStatisticsSource {
  constructor(private readonly db: SqlQueryable) {}

  async victims(assistingAgencyId: string | null): Promise<VictimCount[]> {
    const rows = await this.db.query<{
      registered_at: Date | string;
      site_code: string | null;
      sex: string;
      age_group: string;
      forms_of_exploitation: string[];
    }>(
      `SELECT DISTINCT ON (coalesce(c.person_id, c.assistance_id))
         c.registered_at, s.site_code, c.sex, c.age_group, c.forms_of_exploitation
       FROM ${ASSISTANCE_READ_SCHEMA}.assistance_cases c
       LEFT JOIN ${ASSISTANCE_CASE_SITES_SCHEMA}.case_sites s ON s.joint_case_id = c.joint_case_id
       WHERE ($1::text IS NULL OR c.assisting_agency_id = $1)
       ORDER BY coalesce(c.person_id, c.assistance_id), c.registered_at, c.assistance_id`,
      [assistingAgencyId],
    );
    return rows.map((row) => ({
      registeredAt: new Date(row.registered_at),
      siteCode: row.site_code,
      sex: row.sex as Sex,
      ageGroup: row.age_group as AgeGroup,
      formsOfExploitation: row.forms_of_exploitation as FormOfExploitation[],
    }));
  }
}
