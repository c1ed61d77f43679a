import { type RecordedEvent } from '@pamoja/contracts';
import { forgetCheckpointSql, type Projection, type SqlQueryable } from '@pamoja/event-store';
import {
  INVESTIGATION_EVENT_TYPES,
  isInvestigationEvent,
  type InvestigationEvent,
} from '@pamoja/investigations/domain';

export const INVESTIGATIONS_READ_SCHEMA = 'investigations_read';

const s = INVESTIGATIONS_READ_SCHEMA;

/**
 * The investigating agency's case work: investigations with their counts, evidence with its custody chain,
 * suspects, arrests and case-file transmissions. The investigation row remembers the stream revision it
 * reflects and every event first moves it forward, so an event delivered twice (or late) changes nothing.
 * Suspects' personal data (name, date of birth, alias, description) is not copied here (ADR 0017): a
 * suspect row holds only which logged event carries it, and the read model reads it from the log, where
 * it is encrypted with the suspect's own key, so it reads as null once the key is destroyed, whatever old
 * row versions, write-ahead log or backup still hold the row. The query side masks it per reader.
 */
export const investigationsCaseWorkProjection: Projection = {
  name: 'investigations.case_work',
  schema: INVESTIGATIONS_READ_SCHEMA,
  filter: { eventTypes: INVESTIGATION_EVENT_TYPES },
  migrations: [
    {
      version: 1,
      name: 'investigations case work',
      up: (schema) => `
        CREATE TABLE ${schema}.investigations (
          investigation_id text PRIMARY KEY,
          joint_case_id text NOT NULL,
          referral_id text,
          site_code text,
          offences text[] NOT NULL,
          lead_agency_id text NOT NULL,
          lead_officer_id text NOT NULL,
          status text NOT NULL,
          opened_at timestamptz NOT NULL,
          closed_at timestamptz,
          closure_reason text,
          closure_note text,
          evidence_count integer NOT NULL DEFAULT 0,
          suspect_count integer NOT NULL DEFAULT 0,
          arrest_count integer NOT NULL DEFAULT 0,
          case_file_count integer NOT NULL DEFAULT 0,
          last_activity_at timestamptz NOT NULL,
          revision integer NOT NULL
        );
        CREATE INDEX investigations_by_agency ON ${schema}.investigations (lead_agency_id, last_activity_at DESC);

        CREATE TABLE ${schema}.evidence (
          investigation_id text NOT NULL,
          evidence_id text NOT NULL,
          description text NOT NULL,
          kind text NOT NULL,
          sha256 text NOT NULL,
          collected_at timestamptz NOT NULL,
          collected_by text NOT NULL,
          custodian_agency_id text NOT NULL,
          custodian_officer_id text NOT NULL,
          PRIMARY KEY (investigation_id, evidence_id)
        );

        CREATE TABLE ${schema}.evidence_custody (
          investigation_id text NOT NULL,
          evidence_id text NOT NULL,
          seq integer NOT NULL,
          from_agency_id text,
          from_officer_id text,
          to_agency_id text NOT NULL,
          to_officer_id text NOT NULL,
          at timestamptz NOT NULL,
          reason text,
          PRIMARY KEY (investigation_id, evidence_id, seq)
        );

        CREATE TABLE ${schema}.suspects (
          investigation_id text NOT NULL,
          suspect_id text NOT NULL,
          role text NOT NULL,
          alias text,
          description text,
          personal_name text,
          personal_date_of_birth text,
          identified_at timestamptz NOT NULL,
          PRIMARY KEY (investigation_id, suspect_id)
        );

        CREATE TABLE ${schema}.arrests (
          investigation_id text NOT NULL,
          seq integer NOT NULL,
          suspect_id text NOT NULL,
          arrested_at timestamptz NOT NULL,
          location text NOT NULL,
          legal_basis text NOT NULL,
          PRIMARY KEY (investigation_id, seq)
        );

        CREATE TABLE ${schema}.case_files (
          investigation_id text NOT NULL,
          case_file_id text NOT NULL,
          joint_case_id text NOT NULL,
          from_agency_id text NOT NULL,
          to_prosecutor_office_id text NOT NULL,
          transmitted_at timestamptz NOT NULL,
          due_by timestamptz NOT NULL,
          summary text NOT NULL,
          evidence_ids text[] NOT NULL,
          suspect_ids text[] NOT NULL,
          status text NOT NULL,
          acknowledged_at timestamptz,
          acknowledged_by_agency_id text,
          deadline_missed_at timestamptz,
          escalated_to text,
          PRIMARY KEY (investigation_id, case_file_id)
        );
        CREATE INDEX case_files_unacknowledged_from ON ${schema}.case_files (from_agency_id, due_by)
          WHERE status <> 'acknowledged';
        CREATE INDEX case_files_unacknowledged_to ON ${schema}.case_files (to_prosecutor_office_id, due_by)
          WHERE status <> 'acknowledged';
      `,
    },
    {
      version: 2,
      name: 'joint case index, keyset orders of the lists',
      up: (schema) => `
        CREATE INDEX investigations_joint_case ON ${schema}.investigations (joint_case_id);
        CREATE INDEX case_files_to ON ${schema}.case_files (to_prosecutor_office_id, due_by);
      `,
    },
    {
      version: 3,
      name: "no personal data in the read model: suspects' identity is read from the log, encrypted per person",
      // The old columns held it in clear; emptying the tables gives them new files (a dropped column's bytes
      // would stay in the old rows). The checkpoint is removed, so the runner replays the log at this start.
      up: (schema) => `
        TRUNCATE ${schema}.investigations, ${schema}.evidence, ${schema}.evidence_custody, ${schema}.suspects,
          ${schema}.arrests, ${schema}.case_files;
        ALTER TABLE ${schema}.suspects DROP COLUMN alias, DROP COLUMN description, DROP COLUMN personal_name,
          DROP COLUMN personal_date_of_birth;
        -- The SuspectIdentified event whose encrypted fields are the suspect's identity; null once erased.
        ALTER TABLE ${schema}.suspects ADD COLUMN identified_event_id text;
        ${forgetCheckpointSql('investigations.case_work')}
      `,
    },
  ],
  async reset(tx: SqlQueryable): Promise<void> {
    await tx.query(
      `TRUNCATE ${s}.investigations, ${s}.evidence, ${s}.evidence_custody, ${s}.suspects, ${s}.arrests, ${s}.case_files`,
    );
  },
  async apply(tx: SqlQueryable, event: RecordedEvent): Promise<void> {
    if (!isInvestigationEvent(event)) return;
    const revision = event.streamRevision;
    if (event.type === 'InvestigationOpened') {
      const d = event.data;
      await tx.query(
        `INSERT INTO ${s}.investigations (investigation_id, joint_case_id, referral_id, site_code, offences,
           lead_agency_id, lead_officer_id, status, opened_at, last_activity_at, revision)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'open', $8, $8, $9)
         ON CONFLICT (investigation_id) DO NOTHING`,
        [
          d.investigationId,
          d.jointCaseId,
          d.referralId,
          d.siteCode,
          d.offences,
          d.leadAgencyId,
          d.leadOfficerId,
          d.openedAt,
          revision,
        ],
      );
      return;
    }
    if (!(await advance(tx, event, revision, event.metadata.occurredAt))) return;
    await applyChange(tx, event, revision, event.eventId);
  },
};

/** Counters and the closure live on the investigation row, moved forward in the same statement. */
const ROW_CHANGES: Record<Exclude<InvestigationEvent['type'], 'InvestigationOpened'>, string> = {
  EvidenceRecorded: 'evidence_count = evidence_count + 1,',
  EvidenceCustodyTransferred: '',
  SuspectIdentified: 'suspect_count = suspect_count + 1,',
  ArrestMade: 'arrest_count = arrest_count + 1,',
  CaseFileTransmitted: 'case_file_count = case_file_count + 1,',
  CaseFileAcknowledgementDeadlineMissed: '',
  CaseFileAcknowledgementRecorded: '',
  InvestigationClosed: '',
  SuspectPersonalDataErased: '',
};

/** Moves the investigation to this revision; false when the event was already applied (or arrives orphaned). */
async function advance(
  tx: SqlQueryable,
  event: Exclude<InvestigationEvent, { type: 'InvestigationOpened' }>,
  revision: number,
  occurredAt: string,
): Promise<boolean> {
  const rows = await tx.query(
    `UPDATE ${s}.investigations
     SET ${ROW_CHANGES[event.type]} revision = $2, last_activity_at = GREATEST(last_activity_at, $3::timestamptz)
     WHERE investigation_id = $1 AND revision < $2
     RETURNING investigation_id`,
    [event.data.investigationId, revision, occurredAt],
  );
  return rows.length > 0;
}

async function applyChange(
  tx: SqlQueryable,
  event: Exclude<InvestigationEvent, { type: 'InvestigationOpened' }>,
  revision: number,
  eventId: string,
): Promise<void> {
  switch (event.type) {
    case 'EvidenceRecorded': {
      const d = event.data;
      await tx.query(
        `INSERT INTO ${s}.evidence (investigation_id, evidence_id, description, kind, sha256, collected_at,
           collected_by, custodian_agency_id, custodian_officer_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          d.investigationId,
          d.evidenceId,
          d.description,
          d.kind,
          d.sha256,
          d.collectedAt,
          d.collectedBy,
          d.custodian.agencyId,
          d.custodian.officerId,
        ],
      );
      await tx.query(
        `INSERT INTO ${s}.evidence_custody (investigation_id, evidence_id, seq, to_agency_id, to_officer_id, at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [d.investigationId, d.evidenceId, revision, d.custodian.agencyId, d.custodian.officerId, d.collectedAt],
      );
      return;
    }
    case 'EvidenceCustodyTransferred': {
      const d = event.data;
      await tx.query(
        `UPDATE ${s}.evidence SET custodian_agency_id = $3, custodian_officer_id = $4
         WHERE investigation_id = $1 AND evidence_id = $2`,
        [d.investigationId, d.evidenceId, d.to.agencyId, d.to.officerId],
      );
      await tx.query(
        `INSERT INTO ${s}.evidence_custody (investigation_id, evidence_id, seq, from_agency_id, from_officer_id,
           to_agency_id, to_officer_id, at, reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          d.investigationId,
          d.evidenceId,
          revision,
          d.from.agencyId,
          d.from.officerId,
          d.to.agencyId,
          d.to.officerId,
          d.at,
          d.reason,
        ],
      );
      return;
    }
    case 'SuspectIdentified': {
      const d = event.data;
      // Where the identity is, never the identity. Nothing to point at once erased (it decrypts to null).
      const hasPersonalData = d.alias !== null || d.description !== null || d.personal !== null;
      await tx.query(
        `INSERT INTO ${s}.suspects (investigation_id, suspect_id, role, identified_event_id, identified_at)
         VALUES ($1, $2, $3, $4, $5)`,
        [d.investigationId, d.suspectId, d.role, hasPersonalData ? eventId : null, d.identifiedAt],
      );
      return;
    }
    case 'ArrestMade': {
      const d = event.data;
      await tx.query(
        `INSERT INTO ${s}.arrests (investigation_id, seq, suspect_id, arrested_at, location, legal_basis)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [d.investigationId, revision, d.suspectId, d.arrestedAt, d.location, d.legalBasis],
      );
      return;
    }
    case 'CaseFileTransmitted': {
      const d = event.data;
      await tx.query(
        `INSERT INTO ${s}.case_files (investigation_id, case_file_id, joint_case_id, from_agency_id,
           to_prosecutor_office_id, transmitted_at, due_by, summary, evidence_ids, suspect_ids, status)
         SELECT $1, $2, joint_case_id, $3, $4, $5, $6, $7, $8, $9, 'awaiting_acknowledgement'
         FROM ${s}.investigations WHERE investigation_id = $1`,
        [
          d.investigationId,
          d.caseFileId,
          d.fromAgencyId,
          d.toProsecutorOfficeId,
          d.transmittedAt,
          d.dueBy,
          d.summary,
          d.evidenceIds,
          d.suspectIds,
        ],
      );
      return;
    }
    case 'CaseFileAcknowledgementDeadlineMissed': {
      const d = event.data;
      await tx.query(
        `UPDATE ${s}.case_files
         SET status = CASE WHEN status = 'acknowledged' THEN status ELSE 'deadline_missed' END,
             deadline_missed_at = $3, escalated_to = $4
         WHERE investigation_id = $1 AND case_file_id = $2`,
        [d.investigationId, d.caseFileId, d.recordedAt, d.escalatedTo],
      );
      return;
    }
    case 'CaseFileAcknowledgementRecorded': {
      const d = event.data;
      await tx.query(
        `UPDATE ${s}.case_files SET status = 'acknowledged', acknowledged_at = $3, acknowledged_by_agency_id = $4
         WHERE investigation_id = $1 AND case_file_id = $2`,
        [d.investigationId, d.caseFileId, d.acknowledgedAt, d.byAgencyId],
      );
      return;
    }
    case 'InvestigationClosed': {
      const d = event.data;
      await tx.query(
        `UPDATE ${s}.investigations SET status = 'closed', closed_at = $2, closure_reason = $3, closure_note = $4
         WHERE investigation_id = $1`,
        [d.investigationId, d.closedAt, d.reason, d.note],
      );
      return;
    }
    case 'SuspectPersonalDataErased': {
      // The key is destroyed: the log's copy reads as null, the pointer goes; the id, role and arrests stay.
      const d = event.data;
      await tx.query(
        `UPDATE ${s}.suspects SET identified_event_id = NULL WHERE investigation_id = $1 AND suspect_id = $2`,
        [d.investigationId, d.suspectId],
      );
      return;
    }
  }
}
