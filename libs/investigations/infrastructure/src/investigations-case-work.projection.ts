import { type RecordedEvent } from '@pamoja/contracts';
import { applyInRounds, forgetCheckpointSql, type Projection, type SqlQueryable } from '@pamoja/event-store';
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
    const change = changeOf(event);
    await write(tx, change.kind, [change.row]);
  },
  applyPage: (tx, events) => applyInvestigationsPage(tx, events),
};

/** A row as its statement reads it from JSON: a value for each of its columns (arrays become `text[]`). */
type Row = Readonly<Record<string, string | number | null | readonly string[]>>;

/** Columns of a statement's rows, each with its SQL type. */
type Columns = readonly (readonly [name: string, type: string])[];

/** What every event after the opening claims on its investigation's row (see `write`). */
const CLAIM_COLUMNS: Columns = [
  ['investigation_id', 'text'],
  ['revision', 'integer'],
  ['at', 'timestamptz'],
];

type ClaimingKind = Exclude<InvestigationEvent['type'], 'InvestigationOpened'>;

/**
 * For each kind of event after the opening: the columns of its row besides the claim, what it changes on the
 * investigation's row in the claiming update (`p`, read through `r`), and the writes of its other rows (reading
 * `r`, the rows, joined to `claimed`, the investigations that moved to the event's revision, with their
 * `joint_case_id`). No two writes of one kind touch the same table, so they run as parts of one statement.
 */
const WRITES: Record<ClaimingKind, { readonly columns: Columns; readonly set: string; readonly parts: string[] }> = {
  EvidenceRecorded: {
    columns: [
      ['evidence_id', 'text'],
      ['description', 'text'],
      ['kind', 'text'],
      ['sha256', 'text'],
      ['collected_at', 'timestamptz'],
      ['collected_by', 'text'],
      ['custodian_agency_id', 'text'],
      ['custodian_officer_id', 'text'],
    ],
    set: 'evidence_count = p.evidence_count + 1,',
    parts: [
      `INSERT INTO ${s}.evidence (investigation_id, evidence_id, description, kind, sha256, collected_at,
         collected_by, custodian_agency_id, custodian_officer_id)
       SELECT r.investigation_id, r.evidence_id, r.description, r.kind, r.sha256, r.collected_at, r.collected_by,
         r.custodian_agency_id, r.custodian_officer_id
       FROM r JOIN claimed USING (investigation_id)`,
      `INSERT INTO ${s}.evidence_custody (investigation_id, evidence_id, seq, to_agency_id, to_officer_id, at)
       SELECT r.investigation_id, r.evidence_id, r.revision, r.custodian_agency_id, r.custodian_officer_id,
         r.collected_at
       FROM r JOIN claimed USING (investigation_id)`,
    ],
  },
  EvidenceCustodyTransferred: {
    columns: [
      ['evidence_id', 'text'],
      ['from_agency_id', 'text'],
      ['from_officer_id', 'text'],
      ['to_agency_id', 'text'],
      ['to_officer_id', 'text'],
      ['transferred_at', 'timestamptz'],
      ['reason', 'text'],
    ],
    set: '',
    parts: [
      `UPDATE ${s}.evidence AS e SET custodian_agency_id = r.to_agency_id, custodian_officer_id = r.to_officer_id
       FROM r JOIN claimed USING (investigation_id)
       WHERE e.investigation_id = r.investigation_id AND e.evidence_id = r.evidence_id`,
      `INSERT INTO ${s}.evidence_custody (investigation_id, evidence_id, seq, from_agency_id, from_officer_id,
         to_agency_id, to_officer_id, at, reason)
       SELECT r.investigation_id, r.evidence_id, r.revision, r.from_agency_id, r.from_officer_id, r.to_agency_id,
         r.to_officer_id, r.transferred_at, r.reason
       FROM r JOIN claimed USING (investigation_id)`,
    ],
  },
  SuspectIdentified: {
    columns: [
      ['suspect_id', 'text'],
      ['role', 'text'],
      ['identified_event_id', 'text'],
      ['identified_at', 'timestamptz'],
    ],
    set: 'suspect_count = p.suspect_count + 1,',
    parts: [
      `INSERT INTO ${s}.suspects (investigation_id, suspect_id, role, identified_event_id, identified_at)
       SELECT r.investigation_id, r.suspect_id, r.role, r.identified_event_id, r.identified_at
       FROM r JOIN claimed USING (investigation_id)`,
    ],
  },
  ArrestMade: {
    columns: [
      ['suspect_id', 'text'],
      ['arrested_at', 'timestamptz'],
      ['location', 'text'],
      ['legal_basis', 'text'],
    ],
    set: 'arrest_count = p.arrest_count + 1,',
    parts: [
      `INSERT INTO ${s}.arrests (investigation_id, seq, suspect_id, arrested_at, location, legal_basis)
       SELECT r.investigation_id, r.revision, r.suspect_id, r.arrested_at, r.location, r.legal_basis
       FROM r JOIN claimed USING (investigation_id)`,
    ],
  },
  CaseFileTransmitted: {
    columns: [
      ['case_file_id', 'text'],
      ['from_agency_id', 'text'],
      ['to_prosecutor_office_id', 'text'],
      ['transmitted_at', 'timestamptz'],
      ['due_by', 'timestamptz'],
      ['summary', 'text'],
      ['evidence_ids', 'text[]'],
      ['suspect_ids', 'text[]'],
    ],
    set: 'case_file_count = p.case_file_count + 1,',
    parts: [
      `INSERT INTO ${s}.case_files (investigation_id, case_file_id, joint_case_id, from_agency_id,
         to_prosecutor_office_id, transmitted_at, due_by, summary, evidence_ids, suspect_ids, status)
       SELECT r.investigation_id, r.case_file_id, claimed.joint_case_id, r.from_agency_id,
         r.to_prosecutor_office_id, r.transmitted_at, r.due_by, r.summary, r.evidence_ids, r.suspect_ids,
         'awaiting_acknowledgement'
       FROM r JOIN claimed USING (investigation_id)`,
    ],
  },
  CaseFileAcknowledgementDeadlineMissed: {
    columns: [
      ['case_file_id', 'text'],
      ['recorded_at', 'timestamptz'],
      ['escalated_to', 'text'],
    ],
    set: '',
    parts: [
      `UPDATE ${s}.case_files AS f
       SET status = CASE WHEN f.status = 'acknowledged' THEN f.status ELSE 'deadline_missed' END,
           deadline_missed_at = r.recorded_at, escalated_to = r.escalated_to
       FROM r JOIN claimed USING (investigation_id)
       WHERE f.investigation_id = r.investigation_id AND f.case_file_id = r.case_file_id`,
    ],
  },
  CaseFileAcknowledgementRecorded: {
    columns: [
      ['case_file_id', 'text'],
      ['acknowledged_at', 'timestamptz'],
      ['by_agency_id', 'text'],
    ],
    set: '',
    parts: [
      `UPDATE ${s}.case_files AS f
       SET status = 'acknowledged', acknowledged_at = r.acknowledged_at, acknowledged_by_agency_id = r.by_agency_id
       FROM r JOIN claimed USING (investigation_id)
       WHERE f.investigation_id = r.investigation_id AND f.case_file_id = r.case_file_id`,
    ],
  },
  // The closure is on the investigation's row: set in the update that claims the revision.
  InvestigationClosed: {
    columns: [
      ['closed_at', 'timestamptz'],
      ['closure_reason', 'text'],
      ['closure_note', 'text'],
    ],
    set: `status = 'closed', closed_at = r.closed_at, closure_reason = r.closure_reason,
          closure_note = r.closure_note,`,
    parts: [],
  },
  // The key is destroyed: the log's copy reads as null, the pointer goes; the id, role and arrests stay.
  SuspectPersonalDataErased: {
    columns: [['suspect_id', 'text']],
    set: '',
    parts: [
      `UPDATE ${s}.suspects AS x SET identified_event_id = NULL
       FROM r JOIN claimed USING (investigation_id)
       WHERE x.investigation_id = r.investigation_id AND x.suspect_id = r.suspect_id`,
    ],
  },
};

/** What one event writes: the kind of statement, its investigation (the key of its rows) and its row. */
interface Change {
  readonly kind: InvestigationEvent['type'];
  readonly key: string;
  readonly row: Row;
}

function changeOf(event: RecordedEvent & InvestigationEvent): Change {
  const investigationId = event.data.investigationId;
  const revision = event.streamRevision;
  if (event.type === 'InvestigationOpened') {
    const d = event.data;
    return {
      kind: event.type,
      key: investigationId,
      row: {
        investigation_id: investigationId,
        joint_case_id: d.jointCaseId,
        referral_id: d.referralId,
        site_code: d.siteCode,
        offences: d.offences,
        lead_agency_id: d.leadAgencyId,
        lead_officer_id: d.leadOfficerId,
        opened_at: d.openedAt,
        revision,
      },
    };
  }
  const claim = (fields: Row): Change => ({
    kind: event.type,
    key: investigationId,
    row: { investigation_id: investigationId, revision, at: event.metadata.occurredAt, ...fields },
  });
  switch (event.type) {
    case 'EvidenceRecorded': {
      const d = event.data;
      return claim({
        evidence_id: d.evidenceId,
        description: d.description,
        kind: d.kind,
        sha256: d.sha256,
        collected_at: d.collectedAt,
        collected_by: d.collectedBy,
        custodian_agency_id: d.custodian.agencyId,
        custodian_officer_id: d.custodian.officerId,
      });
    }
    case 'EvidenceCustodyTransferred': {
      const d = event.data;
      return claim({
        evidence_id: d.evidenceId,
        from_agency_id: d.from.agencyId,
        from_officer_id: d.from.officerId,
        to_agency_id: d.to.agencyId,
        to_officer_id: d.to.officerId,
        transferred_at: d.at,
        reason: d.reason,
      });
    }
    case 'SuspectIdentified': {
      const d = event.data;
      // Where the identity is, never the identity. Nothing to point at once erased (it decrypts to null).
      const hasPersonalData = d.alias !== null || d.description !== null || d.personal !== null;
      return claim({
        suspect_id: d.suspectId,
        role: d.role,
        identified_event_id: hasPersonalData ? event.eventId : null,
        identified_at: d.identifiedAt,
      });
    }
    case 'ArrestMade': {
      const d = event.data;
      return claim({
        suspect_id: d.suspectId,
        arrested_at: d.arrestedAt,
        location: d.location,
        legal_basis: d.legalBasis,
      });
    }
    case 'CaseFileTransmitted': {
      const d = event.data;
      return claim({
        case_file_id: d.caseFileId,
        from_agency_id: d.fromAgencyId,
        to_prosecutor_office_id: d.toProsecutorOfficeId,
        transmitted_at: d.transmittedAt,
        due_by: d.dueBy,
        summary: d.summary,
        evidence_ids: d.evidenceIds,
        suspect_ids: d.suspectIds,
      });
    }
    case 'CaseFileAcknowledgementDeadlineMissed': {
      const d = event.data;
      return claim({ case_file_id: d.caseFileId, recorded_at: d.recordedAt, escalated_to: d.escalatedTo });
    }
    case 'CaseFileAcknowledgementRecorded': {
      const d = event.data;
      return claim({ case_file_id: d.caseFileId, acknowledged_at: d.acknowledgedAt, by_agency_id: d.byAgencyId });
    }
    case 'InvestigationClosed': {
      const d = event.data;
      return claim({ closed_at: d.closedAt, closure_reason: d.reason, closure_note: d.note });
    }
    case 'SuspectPersonalDataErased': {
      const d = event.data;
      return claim({ suspect_id: d.suspectId });
    }
  }
}

const definitions = (columns: Columns): string => columns.map(([name, type]) => `${name} ${type}`).join(', ');

/**
 * Writes rows of one kind, no two of the same investigation, in one statement. An opening is inserted unless its
 * investigation is there already. Every other event first claims its revision on its investigation's row (an
 * event applied before, or arriving orphaned, claims nothing and changes no table), with its counter, its
 * closure and the time of the latest activity in the same update, and then writes its other rows for the
 * investigations it claimed.
 */
async function write(tx: SqlQueryable, kind: InvestigationEvent['type'], rows: readonly Row[]): Promise<void> {
  if (kind === 'InvestigationOpened') {
    await tx.query(
      `INSERT INTO ${s}.investigations (investigation_id, joint_case_id, referral_id, site_code, offences,
         lead_agency_id, lead_officer_id, status, opened_at, last_activity_at, revision)
       SELECT r.investigation_id, r.joint_case_id, r.referral_id, r.site_code, r.offences, r.lead_agency_id,
         r.lead_officer_id, 'open', r.opened_at, r.opened_at, r.revision
       FROM jsonb_to_recordset($1::jsonb) AS r(investigation_id text, joint_case_id text, referral_id text,
         site_code text, offences text[], lead_agency_id text, lead_officer_id text, opened_at timestamptz,
         revision integer)
       ON CONFLICT (investigation_id) DO NOTHING`,
      [JSON.stringify(rows)],
    );
    return;
  }
  const { columns, set, parts } = WRITES[kind];
  await tx.query(
    `WITH r AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(${definitions([...CLAIM_COLUMNS, ...columns])})
     ),
     claimed AS (
       UPDATE ${s}.investigations AS p
       SET ${set} revision = r.revision, last_activity_at = GREATEST(p.last_activity_at, r.at)
       FROM r WHERE p.investigation_id = r.investigation_id AND p.revision < r.revision
       RETURNING p.investigation_id, p.joint_case_id
     )${parts.map((sql, i) => `,\n     part${i} AS (${sql})`).join('')}
     SELECT count(*) FROM claimed`,
    [JSON.stringify(rows)],
  );
}

/**
 * A page in rounds (ADR 0036). Every event writes and reads only rows of its own investigation (its row, and
 * evidence, custody, suspects, arrests and case files keyed by it), so the key of an event is its investigation
 * and the same statements as `apply` run once per kind and round.
 */
async function applyInvestigationsPage(tx: SqlQueryable, page: readonly RecordedEvent[]): Promise<void> {
  await applyInRounds(
    page,
    (event) => (isInvestigationEvent(event) ? changeOf(event) : undefined),
    (kind, rows) => write(tx, kind, rows),
  );
}
