import { personIdIntroducedBy, type RecordedEvent } from '@pamoja/contracts';
import { applyInRounds, type Projection, type RoundEntry, type SqlQueryable } from '@pamoja/event-store';
import { toReferralEvent, URGENCY_RANK } from '@pamoja/referrals/application';
import { isReferralEvent, REFERRAL_EVENT_TYPES, type ReferralEventType } from '@pamoja/referrals/domain';

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
    {
      version: 2,
      name: 'subject, joint case link, trafficking screening, consent, missed deadline',
      // Rows written before this version keep NULL joint_case until the read model is rebuilt.
      up: (s) => `
        ALTER TABLE ${s}.referrals
          ADD COLUMN joint_case text,
          ADD COLUMN subject_is_child boolean,
          ADD COLUMN child_protection_basis boolean NOT NULL DEFAULT false,
          ADD COLUMN deadline_missed boolean NOT NULL DEFAULT false,
          ADD COLUMN screening_result text,
          ADD COLUMN screening_means_required boolean,
          ADD COLUMN screening_explanation text,
          ADD COLUMN screening_acts text[],
          ADD COLUMN screening_means text[],
          ADD COLUMN screening_purposes text[],
          ADD COLUMN screening_person_is_child boolean,
          ADD COLUMN screening_assessed_at timestamptz,
          ADD COLUMN screening_by_agency_id text;
        CREATE TABLE ${s}.referral_consents (
          referral_id text NOT NULL,
          consent_id text NOT NULL,
          given_by text NOT NULL,
          agency_types text[] NOT NULL,
          purposes text[] NOT NULL,
          recorded_at timestamptz NOT NULL,
          withdrawn_at timestamptz,
          PRIMARY KEY (referral_id, consent_id)
        );
      `,
    },
    {
      version: 3,
      name: 'joint case index, log position of the submission (the received-referrals feed)',
      // Rows written before this version keep NULL positions until the read model is rebuilt.
      up: (s) => `
        ALTER TABLE ${s}.referrals
          ADD COLUMN submitted_transaction_id bigint,
          ADD COLUMN submitted_global_position bigint;
        CREATE INDEX referrals_joint_case ON ${s}.referrals (joint_case_id);
        CREATE INDEX referrals_received ON ${s}.referrals
          (to_agency_id, submitted_transaction_id, submitted_global_position);
        CREATE INDEX referrals_outgoing_keyset ON ${s}.referrals (from_agency_id, submitted_at DESC, referral_id DESC);
        DROP INDEX ${s}.referrals_outgoing;
      `,
    },
    {
      version: 4,
      name: 'the person a referral is about (pseudonymous id)',
      // Rows written before this version are of referrals that introduced their person: read as such.
      up: (s) => `ALTER TABLE ${s}.referrals ADD COLUMN subject_person_id text;`,
    },
    {
      version: 5,
      name: 'the incoming queue in its own order',
      // The incoming queue's order (pending first, by urgency, by due time; see SqlReferralReadModel.incoming),
      // so that a page reads its rows from the index instead of sorting every referral the agency ever received.
      up: (s) => `
        CREATE INDEX referrals_incoming_queue ON ${s}.referrals
          (to_agency_id, (CASE WHEN status = 'submitted' THEN 0 ELSE 1 END), urgency_rank, due_by, referral_id);
      `,
    },
  ],
  applyPage: (tx, events) => applyHandoffsPage(tx, events),
  async reset(tx: SqlQueryable): Promise<void> {
    await tx.query(`TRUNCATE ${REFERRALS_READ_SCHEMA}.referrals, ${REFERRALS_READ_SCHEMA}.referral_consents`);
  },
  async apply(tx: SqlQueryable, recorded: RecordedEvent): Promise<void> {
    if (!(REFERRAL_EVENT_TYPES as readonly string[]).includes(recorded.type)) return;
    const event = toReferralEvent(recorded);
    const s = REFERRALS_READ_SCHEMA;
    const revision = recorded.streamRevision;
    switch (event.type) {
      case 'ReferralSubmitted': {
        const d = event.data;
        await tx.query(
          `INSERT INTO ${s}.referrals (referral_id, joint_case_id, site_code, site_description, indicators,
             child_labour_flags, urgency, urgency_rank, from_agency_id, from_agency_type, to_agency_id, to_agency_type,
             status, summary, submitted_at, due_by, revision, updated_at, joint_case, subject_is_child,
             child_protection_basis, submitted_transaction_id, submitted_global_position, subject_person_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'submitted', $13, $14, $15, $16, $14, $17, $18, $19,
             $20, $21, $22)
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
            d.jointCase,
            d.subject.isChild,
            d.childProtectionBasis,
            recorded.transactionId,
            recorded.globalPosition,
            d.subject.personId ?? personIdIntroducedBy(d.referralId),
          ],
        );
        return;
      }
      case 'ReferralAccepted':
      case 'ReferralDeclined':
      case 'ReferralRevoked':
      case 'ReferralCompleted': {
        const change = transitionOf(recorded);
        await transition(tx, change.referralId, revision, change.status, change.at, change);
        return;
      }
      case 'TraffickingScreeningAssessed': {
        const d = event.data;
        // A re-assessment replaces the previous one: the latest screening is the one that counts.
        await tx.query(
          `UPDATE ${s}.referrals
           SET screening_result = $3, screening_means_required = $4, screening_explanation = $5,
               screening_acts = $6, screening_means = $7, screening_purposes = $8, screening_person_is_child = $9,
               screening_assessed_at = $10, screening_by_agency_id = $11, revision = $2, updated_at = $10
           WHERE referral_id = $1 AND revision < $2`,
          [
            d.referralId,
            revision,
            d.result,
            d.meansRequired,
            d.explanation,
            d.acts,
            d.means,
            d.purposes,
            d.personIsChild,
            d.assessedAt,
            d.byAgencyId,
          ],
        );
        return;
      }
      case 'ConsentRecorded': {
        const d = event.data;
        if (await touch(tx, d.referralId, revision, d.recordedAt)) {
          await tx.query(
            `INSERT INTO ${s}.referral_consents (referral_id, consent_id, given_by, agency_types, purposes, recorded_at)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (referral_id, consent_id) DO NOTHING`,
            [d.referralId, d.consentId, d.givenBy, d.agencyTypes, d.purposes, d.recordedAt],
          );
        }
        return;
      }
      case 'ConsentWithdrawn': {
        const d = event.data;
        if (await touch(tx, d.referralId, revision, d.withdrawnAt)) {
          await tx.query(
            `UPDATE ${s}.referral_consents SET withdrawn_at = $3
             WHERE referral_id = $1 AND consent_id = $2 AND withdrawn_at IS NULL`,
            [d.referralId, d.consentId, d.withdrawnAt],
          );
        }
        return;
      }
      case 'ReferralDeadlineMissed':
        await tx.query(
          `UPDATE ${s}.referrals SET deadline_missed = true, revision = $2, updated_at = $3
           WHERE referral_id = $1 AND revision < $2`,
          [event.data.referralId, revision, event.data.missedAt],
        );
        return;
    }
  },
};

/** The statements a page goes in: one per event type, one for every answer or end of a referral. */
type HandoffKind =
  | 'transition'
  | Exclude<ReferralEventType, 'ReferralAccepted' | 'ReferralDeclined' | 'ReferralRevoked' | 'ReferralCompleted'>;

/**
 * A page in rounds (each referral's events in order, one statement per kind and round): every event writes only
 * its own referral's rows, under the same revision guard as `apply`.
 */
async function applyHandoffsPage(tx: SqlQueryable, page: readonly RecordedEvent[]): Promise<void> {
  const s = REFERRALS_READ_SCHEMA;
  await applyInRounds(
    page,
    (recorded): RoundEntry<HandoffKind, RecordedEvent> | undefined => {
      if (!isReferralEvent(recorded)) return undefined;
      switch (recorded.type) {
        case 'ReferralAccepted':
        case 'ReferralDeclined':
        case 'ReferralRevoked':
        case 'ReferralCompleted':
          return { key: recorded.streamId, kind: 'transition', row: recorded };
        case 'ReferralSubmitted':
        case 'TraffickingScreeningAssessed':
        case 'ConsentRecorded':
        case 'ConsentWithdrawn':
        case 'ReferralDeadlineMissed':
          return { key: recorded.streamId, kind: recorded.type, row: recorded };
      }
    },
    async (kind, group) => {
      const rows = (map: (recorded: RecordedEvent) => object) => JSON.stringify(group.map(map));
      switch (kind) {
        case 'ReferralSubmitted':
          await tx.query(
            `INSERT INTO ${s}.referrals (referral_id, joint_case_id, site_code, site_description, indicators,
               child_labour_flags, urgency, urgency_rank, from_agency_id, from_agency_type, to_agency_id, to_agency_type,
               status, summary, submitted_at, due_by, revision, updated_at, joint_case, subject_is_child,
               child_protection_basis, submitted_transaction_id, submitted_global_position, subject_person_id)
             SELECT r.referral_id, r.joint_case_id, r.site_code, r.site_description, r.indicators, r.child_labour_flags,
               r.urgency, r.urgency_rank, r.from_agency_id, r.from_agency_type, r.to_agency_id, r.to_agency_type,
               'submitted', r.summary, r.submitted_at, r.due_by, r.revision, r.submitted_at, r.joint_case,
               r.subject_is_child, r.child_protection_basis, r.tx, r.gp, r.subject_person_id
             FROM jsonb_to_recordset($1::jsonb) AS r(referral_id text, joint_case_id text, site_code text,
               site_description text, indicators text[], child_labour_flags text[], urgency text, urgency_rank smallint,
               from_agency_id text, from_agency_type text, to_agency_id text, to_agency_type text, summary text,
               submitted_at timestamptz, due_by timestamptz, revision bigint, joint_case text, subject_is_child boolean,
               child_protection_basis boolean, tx bigint, gp bigint, subject_person_id text)
             ON CONFLICT (referral_id) DO NOTHING`,
            [
              rows((recorded) => {
                const event = toReferralEvent(recorded);
                if (event.type !== 'ReferralSubmitted') throw new Error(`not a submission: ${recorded.type}`);
                const d = event.data;
                return {
                  referral_id: d.referralId,
                  joint_case_id: d.jointCaseId,
                  site_code: d.site.code,
                  site_description: d.site.description,
                  indicators: d.indicators,
                  child_labour_flags: d.childLabourFlags,
                  urgency: d.urgency,
                  urgency_rank: URGENCY_RANK[d.urgency],
                  from_agency_id: d.fromAgencyId,
                  from_agency_type: d.fromAgencyType,
                  to_agency_id: d.toAgencyId,
                  to_agency_type: d.toAgencyType,
                  summary: d.summary,
                  submitted_at: d.submittedAt,
                  due_by: d.dueBy,
                  revision: recorded.streamRevision,
                  joint_case: d.jointCase,
                  subject_is_child: d.subject.isChild,
                  child_protection_basis: d.childProtectionBasis,
                  tx: recorded.transactionId,
                  gp: recorded.globalPosition,
                  subject_person_id: d.subject.personId ?? personIdIntroducedBy(d.referralId),
                };
              }),
            ],
          );
          return;
        case 'transition':
          await tx.query(
            `UPDATE ${s}.referrals AS t
             SET status = r.status,
                 answered_at = CASE WHEN r.answered THEN r.at ELSE t.answered_at END,
                 closed_at = CASE WHEN r.closed THEN r.at ELSE t.closed_at END,
                 status_reason = r.reason,
                 revision = r.revision,
                 updated_at = r.at
             FROM jsonb_to_recordset($1::jsonb) AS r(referral_id text, revision bigint, status text, at timestamptz,
               answered boolean, closed boolean, reason text)
             WHERE t.referral_id = r.referral_id AND t.revision < r.revision`,
            [
              rows((recorded) => {
                const change = transitionOf(recorded);
                return {
                  referral_id: change.referralId,
                  revision: recorded.streamRevision,
                  status: change.status,
                  at: change.at,
                  answered: change.answered ?? false,
                  closed: change.closed ?? false,
                  reason: change.reason,
                };
              }),
            ],
          );
          return;
        case 'TraffickingScreeningAssessed':
          await tx.query(
            `UPDATE ${s}.referrals AS t
             SET screening_result = r.result, screening_means_required = r.means_required,
                 screening_explanation = r.explanation, screening_acts = r.acts, screening_means = r.means,
                 screening_purposes = r.purposes, screening_person_is_child = r.person_is_child,
                 screening_assessed_at = r.assessed_at, screening_by_agency_id = r.by_agency_id,
                 revision = r.revision, updated_at = r.assessed_at
             FROM jsonb_to_recordset($1::jsonb) AS r(referral_id text, revision bigint, result text,
               means_required boolean, explanation text, acts text[], means text[], purposes text[],
               person_is_child boolean, assessed_at timestamptz, by_agency_id text)
             WHERE t.referral_id = r.referral_id AND t.revision < r.revision`,
            [
              rows((recorded) => {
                const event = toReferralEvent(recorded);
                if (event.type !== 'TraffickingScreeningAssessed') throw new Error(`not a screening: ${recorded.type}`);
                const d = event.data;
                return {
                  referral_id: d.referralId,
                  revision: recorded.streamRevision,
                  result: d.result,
                  means_required: d.meansRequired,
                  explanation: d.explanation,
                  acts: d.acts,
                  means: d.means,
                  purposes: d.purposes,
                  person_is_child: d.personIsChild,
                  assessed_at: d.assessedAt,
                  by_agency_id: d.byAgencyId,
                };
              }),
            ],
          );
          return;
        case 'ConsentRecorded':
          // The consent is kept only where the row moved to the event's revision (not a redelivery).
          await tx.query(
            `WITH r AS (
               SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(referral_id text, revision bigint, consent_id text,
                 given_by text, agency_types text[], purposes text[], recorded_at timestamptz)
             ),
             touched AS (
               UPDATE ${s}.referrals AS t SET revision = r.revision, updated_at = r.recorded_at
               FROM r WHERE t.referral_id = r.referral_id AND t.revision < r.revision
               RETURNING t.referral_id
             )
             INSERT INTO ${s}.referral_consents (referral_id, consent_id, given_by, agency_types, purposes, recorded_at)
             SELECT r.referral_id, r.consent_id, r.given_by, r.agency_types, r.purposes, r.recorded_at
             FROM r JOIN touched USING (referral_id)
             ON CONFLICT (referral_id, consent_id) DO NOTHING`,
            [
              rows((recorded) => {
                const event = toReferralEvent(recorded);
                if (event.type !== 'ConsentRecorded') throw new Error(`not a consent: ${recorded.type}`);
                const d = event.data;
                return {
                  referral_id: d.referralId,
                  revision: recorded.streamRevision,
                  consent_id: d.consentId,
                  given_by: d.givenBy,
                  agency_types: d.agencyTypes,
                  purposes: d.purposes,
                  recorded_at: d.recordedAt,
                };
              }),
            ],
          );
          return;
        case 'ConsentWithdrawn':
          await tx.query(
            `WITH r AS (
               SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(referral_id text, revision bigint, consent_id text,
                 withdrawn_at timestamptz)
             ),
             touched AS (
               UPDATE ${s}.referrals AS t SET revision = r.revision, updated_at = r.withdrawn_at
               FROM r WHERE t.referral_id = r.referral_id AND t.revision < r.revision
               RETURNING t.referral_id
             )
             UPDATE ${s}.referral_consents AS c SET withdrawn_at = r.withdrawn_at
             FROM r JOIN touched USING (referral_id)
             WHERE c.referral_id = r.referral_id AND c.consent_id = r.consent_id AND c.withdrawn_at IS NULL`,
            [
              rows((recorded) => {
                const event = toReferralEvent(recorded);
                if (event.type !== 'ConsentWithdrawn') throw new Error(`not a withdrawal: ${recorded.type}`);
                const d = event.data;
                return {
                  referral_id: d.referralId,
                  revision: recorded.streamRevision,
                  consent_id: d.consentId,
                  withdrawn_at: d.withdrawnAt,
                };
              }),
            ],
          );
          return;
        case 'ReferralDeadlineMissed':
          await tx.query(
            `UPDATE ${s}.referrals AS t SET deadline_missed = true, revision = r.revision, updated_at = r.missed_at
             FROM jsonb_to_recordset($1::jsonb) AS r(referral_id text, revision bigint, missed_at timestamptz)
             WHERE t.referral_id = r.referral_id AND t.revision < r.revision`,
            [
              rows((recorded) => {
                const event = toReferralEvent(recorded);
                if (event.type !== 'ReferralDeadlineMissed') throw new Error(`not a missed deadline: ${recorded.type}`);
                return {
                  referral_id: event.data.referralId,
                  revision: recorded.streamRevision,
                  missed_at: event.data.missedAt,
                };
              }),
            ],
          );
          return;
      }
    },
  );
}

/** A referral's answer or end: its status, when, and what it says. */
function transitionOf(recorded: RecordedEvent): {
  referralId: string;
  status: string;
  at: string;
  answered?: boolean;
  closed?: boolean;
  reason: string | null;
} {
  const event = toReferralEvent(recorded);
  switch (event.type) {
    case 'ReferralAccepted':
      return {
        referralId: event.data.referralId,
        status: 'accepted',
        at: event.data.acceptedAt,
        answered: true,
        reason: event.data.note,
      };
    case 'ReferralDeclined':
      return {
        referralId: event.data.referralId,
        status: 'declined',
        at: event.data.declinedAt,
        answered: true,
        closed: true,
        reason: event.data.reason,
      };
    case 'ReferralRevoked':
      return {
        referralId: event.data.referralId,
        status: 'revoked',
        at: event.data.revokedAt,
        closed: true,
        reason: event.data.reason,
      };
    case 'ReferralCompleted':
      return {
        referralId: event.data.referralId,
        status: 'completed',
        at: event.data.completedAt,
        closed: true,
        reason: event.data.outcome,
      };
    case 'ReferralSubmitted':
    case 'TraffickingScreeningAssessed':
    case 'ConsentRecorded':
    case 'ConsentWithdrawn':
    case 'ReferralDeadlineMissed':
      throw new Error(`not an answer or an end of a referral: ${recorded.type}`);
  }
}

/** Moves the row to the event's revision; false when the row already reflects it (a redelivery). */
async function touch(tx: SqlQueryable, referralId: string, revision: number, at: string): Promise<boolean> {
  const rows = await tx.query<{ referral_id: string }>(
    `UPDATE ${REFERRALS_READ_SCHEMA}.referrals SET revision = $2, updated_at = $3
     WHERE referral_id = $1 AND revision < $2 RETURNING referral_id`,
    [referralId, revision, at],
  );
  return rows.length > 0;
}

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
