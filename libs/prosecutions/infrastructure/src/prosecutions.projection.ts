import { type RecordedEvent } from '@pamoja/contracts';
import { type Projection, type SqlQueryable } from '@pamoja/event-store';
import { PROSECUTION_EVENT_TYPES, isProsecutionEvent, prosecutionStatus } from '@pamoja/prosecutions/domain';

export const PROSECUTIONS_READ_SCHEMA = 'prosecutions_read';

const s = PROSECUTIONS_READ_SCHEMA;

/**
 * Each prosecution with its charges (verdicts and sentences folded in), hearings, restitutions and
 * appeals. The prosecution row remembers the stream revision it reflects; every event first claims its
 * revision there, so an event delivered twice (or out of order) changes no table at all.
 */
export const prosecutionsProjection: Projection = {
  name: 'prosecutions.cases',
  schema: PROSECUTIONS_READ_SCHEMA,
  filter: { eventTypes: PROSECUTION_EVENT_TYPES },
  migrations: [
    {
      version: 1,
      name: 'prosecutions, charges, hearings, restitutions, appeals',
      up: (schema) => `
        CREATE TABLE ${schema}.prosecutions (
          prosecution_id text PRIMARY KEY,
          joint_case_id text NOT NULL,
          office_agency_id text NOT NULL,
          case_file_id text NOT NULL,
          investigation_id text NOT NULL,
          from_police_agency_id text NOT NULL,
          suspects jsonb NOT NULL,
          status text NOT NULL,
          charge_count integer NOT NULL DEFAULT 0,
          verdict_count integer NOT NULL DEFAULT 0,
          conviction_count integer NOT NULL DEFAULT 0,
          hearing_count integer NOT NULL DEFAULT 0,
          hearings_held_count integer NOT NULL DEFAULT 0,
          received_at timestamptz NOT NULL,
          closed_at timestamptz,
          close_reason text,
          close_note text,
          revision integer NOT NULL,
          updated_at timestamptz NOT NULL
        );
        CREATE INDEX prosecutions_office ON ${schema}.prosecutions (office_agency_id, received_at DESC);
        CREATE INDEX prosecutions_joint_case ON ${schema}.prosecutions (joint_case_id);
        CREATE TABLE ${schema}.charges (
          charge_id text PRIMARY KEY,
          prosecution_id text NOT NULL,
          suspect_id text NOT NULL,
          offence text NOT NULL,
          legal_basis text NOT NULL,
          filed_at timestamptz NOT NULL,
          verdict text,
          verdict_rendered_at timestamptz,
          imprisonment_months integer,
          fine_amount numeric(16, 2),
          fine_currency text,
          other_measures text,
          sentenced_at timestamptz
        );
        CREATE INDEX charges_prosecution ON ${schema}.charges (prosecution_id, filed_at);
        CREATE TABLE ${schema}.hearings (
          hearing_id text PRIMARY KEY,
          prosecution_id text NOT NULL,
          court text NOT NULL,
          scheduled_for timestamptz NOT NULL,
          purpose text NOT NULL,
          held_at timestamptz,
          outcome text
        );
        CREATE INDEX hearings_prosecution ON ${schema}.hearings (prosecution_id, scheduled_for);
        CREATE INDEX hearings_pending ON ${schema}.hearings (scheduled_for) WHERE held_at IS NULL;
        CREATE TABLE ${schema}.restitutions (
          restitution_id text PRIMARY KEY,
          prosecution_id text NOT NULL,
          victim_ref text NOT NULL,
          amount numeric(16, 2) NOT NULL,
          currency text NOT NULL,
          note text,
          ordered_at timestamptz NOT NULL
        );
        CREATE INDEX restitutions_prosecution ON ${schema}.restitutions (prosecution_id, ordered_at);
        CREATE TABLE ${schema}.appeals (
          appeal_id text PRIMARY KEY,
          prosecution_id text NOT NULL,
          charge_id text NOT NULL,
          appealed_by text NOT NULL,
          filed_at timestamptz NOT NULL
        );
        CREATE INDEX appeals_prosecution ON ${schema}.appeals (prosecution_id, filed_at);
      `,
    },
    {
      version: 2,
      name: 'hearings moved, cancelled or overdue; appeal outcomes',
      up: (schema) => `
        ALTER TABLE ${schema}.hearings ADD COLUMN cancelled_at timestamptz, ADD COLUMN cancel_reason text,
          ADD COLUMN outcome_overdue_at timestamptz, ADD COLUMN reschedule_count integer NOT NULL DEFAULT 0;
        ALTER TABLE ${schema}.appeals ADD COLUMN outcome text, ADD COLUMN decided_at timestamptz;
      `,
    },
  ],
  async reset(tx: SqlQueryable): Promise<void> {
    await tx.query(`TRUNCATE ${s}.prosecutions, ${s}.charges, ${s}.hearings, ${s}.restitutions, ${s}.appeals`);
  },
  async apply(tx: SqlQueryable, event: RecordedEvent): Promise<void> {
    if (!isProsecutionEvent(event)) return;
    const revision = event.streamRevision;
    if (event.type === 'CaseFileReceived') {
      const d = event.data;
      await tx.query(
        `INSERT INTO ${s}.prosecutions (prosecution_id, joint_case_id, office_agency_id, case_file_id,
           investigation_id, from_police_agency_id, suspects, status, received_at, revision, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, 'case_file_received', $8, $9, $8)
         ON CONFLICT (prosecution_id) DO NOTHING`,
        [
          d.prosecutionId,
          d.jointCaseId,
          d.officeAgencyId,
          d.caseFileId,
          d.investigationId,
          d.fromPoliceAgencyId,
          JSON.stringify(d.suspects),
          d.receivedAt,
          revision,
        ],
      );
      return;
    }
    const prosecutionId = event.data.prosecutionId;
    if (!(await claim(tx, prosecutionId, revision, event.recordedAt))) return;
    switch (event.type) {
      case 'ChargesFiled': {
        const d = event.data;
        await tx.query(
          `INSERT INTO ${s}.charges (charge_id, prosecution_id, suspect_id, offence, legal_basis, filed_at)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [d.chargeId, prosecutionId, d.suspectId, d.offence, d.legalBasis, d.filedAt],
        );
        await count(tx, prosecutionId, 'charge_count = charge_count + 1');
        break;
      }
      case 'HearingScheduled': {
        const d = event.data;
        await tx.query(
          `INSERT INTO ${s}.hearings (hearing_id, prosecution_id, court, scheduled_for, purpose)
           VALUES ($1, $2, $3, $4, $5)`,
          [d.hearingId, prosecutionId, d.court, d.scheduledFor, d.purpose],
        );
        await count(tx, prosecutionId, 'hearing_count = hearing_count + 1');
        break;
      }
      case 'HearingRescheduled':
        // A moved hearing is due again: an overdue flag of the old date no longer applies.
        await tx.query(
          `UPDATE ${s}.hearings SET scheduled_for = $2, court = $3, outcome_overdue_at = NULL,
             reschedule_count = reschedule_count + 1 WHERE hearing_id = $1`,
          [event.data.hearingId, event.data.scheduledFor, event.data.court],
        );
        break;
      case 'HearingCancelled':
        await tx.query(`UPDATE ${s}.hearings SET cancelled_at = $2, cancel_reason = $3 WHERE hearing_id = $1`, [
          event.data.hearingId,
          event.data.cancelledAt,
          event.data.reason,
        ]);
        break;
      case 'HearingOutcomeOverdue':
        await tx.query(`UPDATE ${s}.hearings SET outcome_overdue_at = $2 WHERE hearing_id = $1`, [
          event.data.hearingId,
          event.data.overdueAt,
        ]);
        break;
      case 'HearingHeld':
        await tx.query(`UPDATE ${s}.hearings SET held_at = $2, outcome = $3 WHERE hearing_id = $1`, [
          event.data.hearingId,
          event.data.heldAt,
          event.data.outcome,
        ]);
        await count(tx, prosecutionId, 'hearings_held_count = hearings_held_count + 1');
        break;
      case 'VerdictRendered':
        await tx.query(`UPDATE ${s}.charges SET verdict = $2, verdict_rendered_at = $3 WHERE charge_id = $1`, [
          event.data.chargeId,
          event.data.verdict,
          event.data.renderedAt,
        ]);
        await count(
          tx,
          prosecutionId,
          event.data.verdict === 'convicted'
            ? 'verdict_count = verdict_count + 1, conviction_count = conviction_count + 1'
            : 'verdict_count = verdict_count + 1',
        );
        break;
      case 'SentenceImposed': {
        const d = event.data;
        await tx.query(
          `UPDATE ${s}.charges SET imprisonment_months = $2, fine_amount = $3, fine_currency = $4,
             other_measures = $5, sentenced_at = $6
           WHERE charge_id = $1`,
          [
            d.chargeId,
            d.imprisonmentMonths,
            d.fine?.amount ?? null,
            d.fine?.currency ?? null,
            d.otherMeasures,
            d.imposedAt,
          ],
        );
        break;
      }
      case 'RestitutionOrdered': {
        const d = event.data;
        await tx.query(
          `INSERT INTO ${s}.restitutions (restitution_id, prosecution_id, victim_ref, amount, currency, note, ordered_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [d.restitutionId, prosecutionId, d.victimRef, d.amount, d.currency, d.note, d.orderedAt],
        );
        break;
      }
      case 'AppealFiled': {
        const d = event.data;
        await tx.query(
          `INSERT INTO ${s}.appeals (appeal_id, prosecution_id, charge_id, appealed_by, filed_at)
           VALUES ($1, $2, $3, $4, $5)`,
          [d.appealId, prosecutionId, d.chargeId, d.by, d.filedAt],
        );
        break;
      }
      case 'AppealDecided':
        await tx.query(`UPDATE ${s}.appeals SET outcome = $2, decided_at = $3 WHERE appeal_id = $1`, [
          event.data.appealId,
          event.data.outcome,
          event.data.decidedAt,
        ]);
        break;
      case 'ProsecutionClosed':
        await tx.query(
          `UPDATE ${s}.prosecutions SET closed_at = $2, close_reason = $3, close_note = $4 WHERE prosecution_id = $1`,
          [prosecutionId, event.data.closedAt, event.data.reason, event.data.note],
        );
        break;
    }
    await refreshStatus(tx, prosecutionId);
  },
};

/** Moves the prosecution to this revision; false when the event was applied already (or arrives unordered). */
async function claim(tx: SqlQueryable, prosecutionId: string, revision: number, at: Date): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE ${s}.prosecutions SET revision = $2, updated_at = $3
     WHERE prosecution_id = $1 AND revision < $2
     RETURNING prosecution_id`,
    [prosecutionId, revision, at.toISOString()],
  );
  return rows.length > 0;
}

async function count(tx: SqlQueryable, prosecutionId: string, assignments: string): Promise<void> {
  await tx.query(`UPDATE ${s}.prosecutions SET ${assignments} WHERE prosecution_id = $1`, [prosecutionId]);
}

/** The same status rule as the decider's, so the list never disagrees with what the domain enforces. */
async function refreshStatus(tx: SqlQueryable, prosecutionId: string): Promise<void> {
  const [row] = await tx.query<{
    closed: boolean;
    charge_count: number;
    verdict_count: number;
    hearing_count: number;
  }>(
    `SELECT closed_at IS NOT NULL AS closed, charge_count, verdict_count, hearing_count
     FROM ${s}.prosecutions WHERE prosecution_id = $1`,
    [prosecutionId],
  );
  if (!row) return;
  const status = prosecutionStatus({
    closed: row.closed,
    charges: row.charge_count,
    verdicts: row.verdict_count,
    hearings: row.hearing_count,
  });
  await tx.query(`UPDATE ${s}.prosecutions SET status = $2 WHERE prosecution_id = $1`, [prosecutionId, status]);
}
