import { type RecordedEvent } from '@pamoja/contracts';
import { type Projection, type SqlQueryable } from '@pamoja/event-store';
import { asReferralsPublished } from '@pamoja/referrals/contracts';

/**
 * The mine site of each joint case, for a context whose own events name no site (assistance, prosecutions)
 * and that counts its figures by place (docs/statistics.md): the site code of the case's earliest referral
 * naming one, from the referrals' shared events (Kafka in server mode, the log embedded). The earliest by
 * log position wins whatever order the events arrive in, so the rows do not depend on delivery order and a
 * redelivered event changes nothing. Each context keeps its own copy, under its own name and schema.
 */
export function caseSitesProjection(name: string, schema: string): Projection {
  return {
    name,
    schema,
    filter: { eventTypes: ['ReferralSubmitted'] },
    migrations: [
      {
        version: 1,
        name: 'the mine site of each joint case (its earliest referral naming one)',
        up: (s) => `
          CREATE TABLE ${s}.case_sites (
            joint_case_id text PRIMARY KEY,
            site_code text NOT NULL,
            transaction_id bigint NOT NULL,
            global_position bigint NOT NULL
          );`,
      },
    ],
    async reset(tx: SqlQueryable): Promise<void> {
      await tx.query(`TRUNCATE ${schema}.case_sites`);
    },
    async apply(tx: SqlQueryable, recorded: RecordedEvent): Promise<void> {
      const event = asReferralsPublished(recorded);
      if (event?.type !== 'ReferralSubmitted') return;
      const jointCaseId = event.data.jointCaseId ?? event.metadata.jointCaseId;
      const siteCode = event.data.siteCode;
      if (!jointCaseId || !siteCode) return;
      await tx.query(
        `INSERT INTO ${schema}.case_sites (joint_case_id, site_code, transaction_id, global_position)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (joint_case_id) DO UPDATE
           SET site_code = excluded.site_code, transaction_id = excluded.transaction_id,
               global_position = excluded.global_position
           WHERE (excluded.transaction_id, excluded.global_position)
             < (${schema}.case_sites.transaction_id, ${schema}.case_sites.global_position)`,
        [jointCaseId, siteCode, recorded.transactionId, recorded.globalPosition],
      );
    },
  };
}
