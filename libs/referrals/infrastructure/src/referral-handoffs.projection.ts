import { type RecordedEvent } from '@pamoja/contracts';
import { type Projection, type SqlQueryable } from '@pamoja/event-store';
import { REFERRAL_EVENT_TYPES, isReferralEvent } from '@pamoja/referrals/domain';

export const REFERRALS_READ_SCHEMA = 'referrals_read';

/**
 * Both sides of every referral handoff: the receiving agency's incoming queue and the sender's
 * outgoing list read the same rows through different indexes. Each row remembers the stream
 * revision it reflects, so an event delivered twice (or out of order) changes nothing.
 */
export const referralHandoffsProjection: Projection = {
  name: 'referrals.handoffs',
  schema: REFERRALS_READ_SCHEMA,
  filter: { eventTypes: REFERRAL_EVENT_TYPES },
  migrations: [
    {
      version: 1,
      name: 'referral handoffs',
      up: (s) => `
        CREATE TABLE ${s}.referrals (
          referral_id text PRIMARY KEY,
          joint_case_id text,
          site_code text,
          site_description text,
          indicators text[] NOT NULL,
          child_labour_flags text[] NOT NULL,
          urgency text NOT NULL,
          urgency_rank smallint NOT NULL,
          from_agency_id text NOT NULL,
          from_agency_type text NOT NULL,
          to_agency_id text NOT NULL,
          to_agency_type text NOT NULL,
          status text NOT NULL,
          summary text NOT NULL,
          submitted_at timestamptz NOT NULL,
          due_by timestamptz NOT NULL,
          answered_at timestamptz,
          closed_at timestamptz,
          status_reason text,
          revision bigint NOT NULL,
          updated_at timestamptz NOT NULL
        );
        CREATE INDEX referrals_incoming ON ${s}.referrals (to_agency_id, status, due_by);
        CREATE INDEX referrals_outgoing ON ${s}.referrals (from_agency_id, submitted_at DESC);
      `,
    },
  ],
  async reset(tx: SqlQueryable): Promise<void> {
    await tx.query(`TRUNCATE ${REFERRALS_READ_SCHEMA}.referrals`);
  },
  async apply(tx: SqlQueryable, event: RecordedEvent): Promise<void> {
    if (!isReferralEvent(event)) return;
    const s = REFERRALS_READ_SCHEMA;
    const revision = event.streamRevision;
    switch (event.type) {
      case 'ReferralSubmitted': {
        const d = event.data;
        await tx.query(
          `INSERT INTO ${s}.referrals (referral_id, joint_case_id, site_code, site_description, indicators,
             child_labour_flags, urgency, urgency_rank, from_agency_id, from_agency_type, to_agency_id, to_agency_type,
             status, summary, submitted_at, due_by, revision, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'submitted', $13, $14, $15, $16, $14)
           ON CONFLICT (referral_id) DO NOTHING`,
          [
            d.referralId,
            d.jointCaseId,
            d.site.code,
            d.site.description,
            d.indicators,
            d.childLabourFlags,
            d.urgency,
            URGENCY_RANK[d.urgency],
            d.fromAgencyId,
            d.fromAgencyType,
            d.toAgencyId,
            d.toAgencyType,
            d.summary,
            d.submittedAt,
            d.dueBy,
            revision,
          ],
        );
        return;
      }
      case 'ReferralAccepted':
        await transition(tx, event.data.referralId, revision, 'accepted', event.data.acceptedAt, {
          answered: true,
          reason: event.data.note,
        });
        return;
      case 'ReferralDeclined':
        await transition(tx, event.data.referralId, revision, 'declined', event.data.declinedAt, {
          answered: true,
          closed: true,
          reason: event.data.reason,
        });
        return;
      case 'ReferralRevoked':
        await transition(tx, event.data.referralId, revision, 'revoked', event.data.revokedAt, {
          closed: true,
          reason: event.data.reason,
        });
        return;
      case 'ReferralCompleted':
        await transition(tx, event.data.referralId, revision, 'completed', event.data.completedAt, {
          closed: true,
          reason: event.data.outcome,
        });
        return;
    }
  },
};

const URGENCY_RANK = { immediate: 0, urgent: 1, routine: 2 } as const;

async function transition(
  tx: SqlQueryable,
  referralId: string,
  revision: number,
  status: string,
  at: string,
  options: { answered?: boolean; closed?: boolean; reason: string | null },
): Promise<void> {
  await tx.query(
    `UPDATE ${REFERRALS_READ_SCHEMA}.referrals
     SET status = $3,
         answered_at = CASE WHEN $5 THEN $4::timestamptz ELSE answered_at END,
         closed_at = CASE WHEN $6 THEN $4::timestamptz ELSE closed_at END,
         status_reason = $7,
         revision = $2,
         updated_at = $4
     WHERE referral_id = $1 AND revision < $2`,
    [referralId, revision, status, at, options.answered ?? false, options.closed ?? false, options.reason],
  );
}
