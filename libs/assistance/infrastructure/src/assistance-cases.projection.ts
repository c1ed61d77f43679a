import { type RecordedEvent } from '@pamoja/contracts';
import { applyInRounds, forgetCheckpointSql, type Projection, type SqlQueryable } from '@pamoja/event-store';
import {
  ASSISTANCE_EVENT_TYPES,
  isAssistanceEvent,
  type AssistanceEvent,
  type AssistanceEventType,
} from '@pamoja/assistance/domain';

export const ASSISTANCE_READ_SCHEMA = 'assistance_read';

const s = ASSISTANCE_READ_SCHEMA;

/**
 * Each assisting agency's caseload, its service history and protection measures. The victim's personal
 * data is not copied here at all (ADR 0017): `victim_identity` holds only which logged event carries it,
 * and the read model reads it from the log, where it is encrypted with the victim's own key. Once the key
 * is destroyed it reads as null, whatever old row versions, write-ahead log or backup still hold the row.
 * The row is deleted on `PersonalDataErased` too, and a rebuild after erasure reads `personal` as null.
 * Case rows remember the stream revision they reflect, and history rows are keyed by their ids, so an
 * event delivered twice changes nothing.
 */
export const assistanceCasesProjection: Projection = {
  name: 'assistance.cases',
  schema: ASSISTANCE_READ_SCHEMA,
  filter: { eventTypes: ASSISTANCE_EVENT_TYPES },
  migrations: [
    {
      version: 1,
      name: 'assistance cases, services, protection measures and victim identity',
      up: (s) => `
        CREATE TABLE ${s}.assistance_cases (
          assistance_id text PRIMARY KEY,
          joint_case_id text NOT NULL,
          assisting_agency_id text NOT NULL,
          status text NOT NULL,
          age_group text NOT NULL,
          is_child boolean NOT NULL,
          sex text NOT NULL,
          nationality text,
          forms_of_exploitation text[] NOT NULL,
          agreement_to_manage_personal_data boolean NOT NULL,
          consent_given_by text NOT NULL,
          registered_at timestamptz NOT NULL,
          assessed_at timestamptz,
          needs jsonb NOT NULL,
          addressed_needs text[] NOT NULL,
          closed_at timestamptz,
          close_reason text,
          close_note text,
          revision bigint NOT NULL,
          updated_at timestamptz NOT NULL
        );
        CREATE INDEX assistance_cases_by_agency ON ${s}.assistance_cases (assisting_agency_id, status, registered_at);
        CREATE TABLE ${s}.services (
          assistance_id text NOT NULL,
          service_id text NOT NULL,
          kind text NOT NULL,
          provided_at timestamptz NOT NULL,
          provider_agency_id text NOT NULL,
          note text,
          PRIMARY KEY (assistance_id, service_id)
        );
        CREATE TABLE ${s}.protection_measures (
          assistance_id text NOT NULL,
          measure_id text NOT NULL,
          measure text NOT NULL,
          description text,
          applied_at timestamptz NOT NULL,
          review_by timestamptz NOT NULL,
          consent_given_by text NOT NULL,
          PRIMARY KEY (assistance_id, measure_id)
        );
        -- Personal data (HTCDS prs_). Readable by the assisting agency only; encrypted per person later.
        CREATE TABLE ${s}.victim_identity (
          assistance_id text PRIMARY KEY,
          full_name text NOT NULL,
          date_of_birth text,
          phone text,
          current_location text
        );
      `,
    },
    {
      version: 2,
      name: 'assistance cases by joint case',
      up: (s) => `
        CREATE INDEX assistance_cases_by_joint_case ON ${s}.assistance_cases (joint_case_id, registered_at, assistance_id);
      `,
    },
    {
      version: 3,
      name: 'when the personal data was erased',
      up: (s) => `
        ALTER TABLE ${s}.assistance_cases ADD COLUMN personal_data_erased_at timestamptz;
      `,
    },
    {
      version: 4,
      name: 'no personal data in the read model: the identity is read from the log, encrypted per person',
      // The old table held the identity in clear: dropped with its files. Every table is emptied and the
      // checkpoint removed, so the runner replays the log into the new layout at this start (or a rebuild).
      up: (s) => `
        DROP TABLE ${s}.victim_identity;
        CREATE TABLE ${s}.victim_identity (
          assistance_id text PRIMARY KEY,
          -- The VictimRegistered event whose personal data (encrypted with the victim's key) is the identity.
          registered_event_id text NOT NULL
        );
        TRUNCATE ${s}.assistance_cases, ${s}.services, ${s}.protection_measures;
        ${forgetCheckpointSql('assistance.cases')}
      `,
    },
    {
      version: 5,
      name: 'the person assisted (pseudonymous id), whose consent extends the case to other parties',
      up: (s) => `ALTER TABLE ${s}.assistance_cases ADD COLUMN person_id text;`,
    },
  ],
  async reset(tx: SqlQueryable): Promise<void> {
    await tx.query(`TRUNCATE ${s}.assistance_cases, ${s}.services, ${s}.protection_measures, ${s}.victim_identity`);
  },
  async apply(tx: SqlQueryable, event: RecordedEvent): Promise<void> {
    if (!isAssistanceEvent(event)) return;
    const change = changeOf(event);
    await write(tx, change.kind, [change.row]);
  },
  applyPage: (tx, events) => applyAssistancePage(tx, events),
};

/** A row as its statement reads it from JSON: a value for each of its columns (arrays become `text[]`). */
type Row = Readonly<Record<string, string | number | boolean | null | readonly string[]>>;

/** What one event writes: the kind of statement, its assistance case (the key of its rows) and its row. */
interface Change {
  readonly kind: AssistanceEventType;
  readonly key: string;
  readonly row: Row;
}

function changeOf(event: RecordedEvent & AssistanceEvent): Change {
  const assistanceId = event.data.assistanceId;
  const change = (fields: Row): Change => ({
    kind: event.type,
    key: assistanceId,
    row: { assistance_id: assistanceId, revision: event.streamRevision, ...fields },
  });
  switch (event.type) {
    case 'VictimRegistered': {
      const d = event.data;
      return change({
        joint_case_id: d.jointCaseId,
        assisting_agency_id: d.assistingAgencyId,
        age_group: d.ageGroup,
        is_child: d.isChild,
        sex: d.sex,
        nationality: d.nationality,
        forms_of_exploitation: d.formsOfExploitation,
        agreement_to_manage_personal_data: d.agreementToManagePersonalData,
        consent_given_by: d.consentGivenBy,
        registered_at: d.registeredAt,
        person_id: d.personId ?? null,
        // Where the identity is, never the identity: null once erased (the key is gone), so no row.
        registered_event_id: d.personal !== null ? event.eventId : null,
      });
    }
    case 'NeedsAssessed': {
      const d = event.data;
      return change({ needs: JSON.stringify(d.needs), assessed_at: d.assessedAt });
    }
    case 'ServiceProvided': {
      const d = event.data;
      // A service may be recorded days after it was given: the row changed when it was recorded.
      return change({
        service_id: d.serviceId,
        kind: d.kind,
        provided_at: d.providedAt,
        provider_agency_id: d.providerAgencyId,
        note: d.note,
        need: d.kind,
        at: event.metadata.occurredAt,
      });
    }
    case 'ProtectionMeasureApplied': {
      const d = event.data;
      return change({
        measure_id: d.measureId,
        measure: d.measure,
        description: d.description,
        applied_at: d.appliedAt,
        review_by: d.reviewBy,
        consent_given_by: d.consentGivenBy,
        need: 'protection',
        at: event.metadata.occurredAt,
      });
    }
    case 'AssistanceClosed': {
      const d = event.data;
      return change({ closed_at: d.closedAt, reason: d.reason, note: d.note });
    }
    case 'PersonalDataErased': {
      const d = event.data;
      return change({ erased_at: d.erasedAt });
    }
  }
}

/**
 * A need counts as met once it has been addressed at least once, even if a later assessment lists it again: the
 * update of a case a service or a protection measure addresses, guarded by its revision (`c`, read through `r`).
 */
const addressed = (statusExpression: string): string =>
  `UPDATE ${s}.assistance_cases AS c
   SET addressed_needs = CASE WHEN r.need = ANY(c.addressed_needs) THEN c.addressed_needs
                              ELSE array_append(c.addressed_needs, r.need) END,
       status = ${statusExpression},
       revision = r.revision,
       updated_at = r.at
   FROM r WHERE c.assistance_id = r.assistance_id AND c.revision < r.revision`;

/** The rows of a statement from its JSON array, with the columns and types that kind of event carries. */
const ROWS: Record<AssistanceEventType, string> = {
  VictimRegistered: `assistance_id text, revision bigint, joint_case_id text, assisting_agency_id text,
    age_group text, is_child boolean, sex text, nationality text, forms_of_exploitation text[],
    agreement_to_manage_personal_data boolean, consent_given_by text, registered_at timestamptz, person_id text,
    registered_event_id text`,
  NeedsAssessed: `assistance_id text, revision bigint, needs text, assessed_at timestamptz`,
  ServiceProvided: `assistance_id text, revision bigint, service_id text, kind text, provided_at timestamptz,
    provider_agency_id text, note text, need text, at timestamptz`,
  ProtectionMeasureApplied: `assistance_id text, revision bigint, measure_id text, measure text, description text,
    applied_at timestamptz, review_by timestamptz, consent_given_by text, need text, at timestamptz`,
  AssistanceClosed: `assistance_id text, revision bigint, closed_at timestamptz, reason text, note text`,
  PersonalDataErased: `assistance_id text, revision bigint, erased_at timestamptz`,
};

/**
 * What each kind of event writes, from `r`, its rows: a statement, with at most one write per table before it.
 * The writes of one event touch different tables and none reads what another writes, so they run as one.
 */
const WRITES: Record<AssistanceEventType, { readonly before: readonly string[]; readonly sql: string }> = {
  VictimRegistered: {
    before: [
      `INSERT INTO ${s}.assistance_cases (assistance_id, joint_case_id, assisting_agency_id, status, age_group,
         is_child, sex, nationality, forms_of_exploitation, agreement_to_manage_personal_data, consent_given_by,
         registered_at, needs, addressed_needs, revision, updated_at, person_id)
       SELECT r.assistance_id, r.joint_case_id, r.assisting_agency_id, 'registered', r.age_group, r.is_child, r.sex,
         r.nationality, r.forms_of_exploitation, r.agreement_to_manage_personal_data, r.consent_given_by,
         r.registered_at, '[]'::jsonb, '{}', r.revision, r.registered_at, r.person_id
       FROM r
       ON CONFLICT (assistance_id) DO NOTHING`,
    ],
    sql: `INSERT INTO ${s}.victim_identity (assistance_id, registered_event_id)
          SELECT r.assistance_id, r.registered_event_id FROM r WHERE r.registered_event_id IS NOT NULL
          ON CONFLICT (assistance_id) DO NOTHING`,
  },
  NeedsAssessed: {
    before: [],
    sql: `UPDATE ${s}.assistance_cases AS c
          SET needs = r.needs::jsonb, assessed_at = r.assessed_at,
              status = CASE WHEN c.status = 'registered' THEN 'assessed' ELSE c.status END,
              revision = r.revision, updated_at = r.assessed_at
          FROM r WHERE c.assistance_id = r.assistance_id AND c.revision < r.revision`,
  },
  ServiceProvided: {
    before: [
      `INSERT INTO ${s}.services (assistance_id, service_id, kind, provided_at, provider_agency_id, note)
       SELECT r.assistance_id, r.service_id, r.kind, r.provided_at, r.provider_agency_id, r.note FROM r
       ON CONFLICT (assistance_id, service_id) DO NOTHING`,
    ],
    sql: addressed(`'in_assistance'`),
  },
  ProtectionMeasureApplied: {
    before: [
      `INSERT INTO ${s}.protection_measures (assistance_id, measure_id, measure, description, applied_at,
         review_by, consent_given_by)
       SELECT r.assistance_id, r.measure_id, r.measure, r.description, r.applied_at, r.review_by,
         r.consent_given_by
       FROM r
       ON CONFLICT (assistance_id, measure_id) DO NOTHING`,
    ],
    sql: addressed(`CASE WHEN c.status = 'assessed' THEN 'in_assistance' ELSE c.status END`),
  },
  AssistanceClosed: {
    before: [],
    sql: `UPDATE ${s}.assistance_cases AS c
          SET status = 'closed', closed_at = r.closed_at, close_reason = r.reason, close_note = r.note,
              revision = r.revision, updated_at = r.closed_at
          FROM r WHERE c.assistance_id = r.assistance_id AND c.revision < r.revision`,
  },
  // The key is destroyed: the log's copy reads as null; the pointer goes too. A rebuild reads null.
  PersonalDataErased: {
    before: [`DELETE FROM ${s}.victim_identity AS v USING r WHERE v.assistance_id = r.assistance_id`],
    sql: `UPDATE ${s}.assistance_cases AS c SET personal_data_erased_at = r.erased_at
          FROM r WHERE c.assistance_id = r.assistance_id AND c.personal_data_erased_at IS NULL`,
  },
};

/** Writes rows of one kind, no two of the same assistance case, in one statement. */
async function write(tx: SqlQueryable, kind: AssistanceEventType, rows: readonly Row[]): Promise<void> {
  const { before, sql } = WRITES[kind];
  await tx.query(
    `WITH r AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(${ROWS[kind]}))${before
      .map((statement, i) => `,\n     before${i} AS (${statement})`)
      .join('')}
     ${sql}`,
    [JSON.stringify(rows)],
  );
}

/**
 * A page in rounds (ADR 0036). Every event writes and reads only rows of its own assistance case (the case, its
 * services, protection measures and identity pointer), so the key of an event is its case and the same
 * statements as `apply` run once per kind and round.
 */
async function applyAssistancePage(tx: SqlQueryable, page: readonly RecordedEvent[]): Promise<void> {
  await applyInRounds(
    page,
    (event) => (isAssistanceEvent(event) ? changeOf(event) : undefined),
    (kind, rows) => write(tx, kind, rows),
  );
}
