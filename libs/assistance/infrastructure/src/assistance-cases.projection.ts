import { type RecordedEvent } from '@pamoja/contracts';
import { forgetCheckpointSql, type Projection, type SqlQueryable } from '@pamoja/event-store';
import { ASSISTANCE_EVENT_TYPES, isAssistanceEvent } from '@pamoja/assistance/domain';

export const ASSISTANCE_READ_SCHEMA = 'assistance_read';

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
    const s = ASSISTANCE_READ_SCHEMA;
    await tx.query(`TRUNCATE ${s}.assistance_cases, ${s}.services, ${s}.protection_measures, ${s}.victim_identity`);
  },
  async apply(tx: SqlQueryable, event: RecordedEvent): Promise<void> {
    if (!isAssistanceEvent(event)) return;
    const s = ASSISTANCE_READ_SCHEMA;
    const revision = event.streamRevision;
    switch (event.type) {
      case 'VictimRegistered': {
        const d = event.data;
        await tx.query(
          `INSERT INTO ${s}.assistance_cases (assistance_id, joint_case_id, assisting_agency_id, status, age_group,
             is_child, sex, nationality, forms_of_exploitation, agreement_to_manage_personal_data, consent_given_by,
             registered_at, needs, addressed_needs, revision, updated_at, person_id)
           VALUES ($1, $2, $3, 'registered', $4, $5, $6, $7, $8, $9, $10, $11, '[]'::jsonb, '{}', $12, $11, $13)
           ON CONFLICT (assistance_id) DO NOTHING`,
          [
            d.assistanceId,
            d.jointCaseId,
            d.assistingAgencyId,
            d.ageGroup,
            d.isChild,
            d.sex,
            d.nationality,
            d.formsOfExploitation,
            d.agreementToManagePersonalData,
            d.consentGivenBy,
            d.registeredAt,
            revision,
            d.personId ?? null,
          ],
        );
        // Where the identity is, never the identity: null once erased (the key is gone), so no row.
        if (d.personal !== null) {
          await tx.query(
            `INSERT INTO ${s}.victim_identity (assistance_id, registered_event_id)
             VALUES ($1, $2) ON CONFLICT (assistance_id) DO NOTHING`,
            [d.assistanceId, event.eventId],
          );
        }
        return;
      }
      case 'NeedsAssessed': {
        const d = event.data;
        await tx.query(
          `UPDATE ${s}.assistance_cases
           SET needs = $3::jsonb, assessed_at = $4,
               status = CASE WHEN status = 'registered' THEN 'assessed' ELSE status END,
               revision = $2, updated_at = $4
           WHERE assistance_id = $1 AND revision < $2`,
          [d.assistanceId, revision, JSON.stringify(d.needs), d.assessedAt],
        );
        return;
      }
      case 'ServiceProvided': {
        const d = event.data;
        await tx.query(
          `INSERT INTO ${s}.services (assistance_id, service_id, kind, provided_at, provider_agency_id, note)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (assistance_id, service_id) DO NOTHING`,
          [d.assistanceId, d.serviceId, d.kind, d.providedAt, d.providerAgencyId, d.note],
        );
        // A service may be recorded days after it was given: the row changed when it was recorded.
        await addressed(tx, d.assistanceId, revision, d.kind, event.metadata.occurredAt, `'in_assistance'`);
        return;
      }
      case 'ProtectionMeasureApplied': {
        const d = event.data;
        await tx.query(
          `INSERT INTO ${s}.protection_measures (assistance_id, measure_id, measure, description, applied_at,
             review_by, consent_given_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (assistance_id, measure_id) DO NOTHING`,
          [d.assistanceId, d.measureId, d.measure, d.description, d.appliedAt, d.reviewBy, d.consentGivenBy],
        );
        await addressed(
          tx,
          d.assistanceId,
          revision,
          'protection',
          event.metadata.occurredAt,
          `CASE WHEN status = 'assessed' THEN 'in_assistance' ELSE status END`,
        );
        return;
      }
      case 'AssistanceClosed': {
        const d = event.data;
        await tx.query(
          `UPDATE ${s}.assistance_cases
           SET status = 'closed', closed_at = $3, close_reason = $4, close_note = $5, revision = $2, updated_at = $3
           WHERE assistance_id = $1 AND revision < $2`,
          [d.assistanceId, revision, d.closedAt, d.reason, d.note],
        );
        return;
      }
      case 'PersonalDataErased': {
        // The key is destroyed: the log's copy reads as null; the pointer goes too. A rebuild reads null.
        const d = event.data;
        await tx.query(`DELETE FROM ${s}.victim_identity WHERE assistance_id = $1`, [d.assistanceId]);
        await tx.query(
          `UPDATE ${s}.assistance_cases SET personal_data_erased_at = $2
           WHERE assistance_id = $1 AND personal_data_erased_at IS NULL`,
          [d.assistanceId, d.erasedAt],
        );
        return;
      }
    }
  },
};

/** A need counts as met once it has been addressed at least once, even if a later assessment lists it again. */
async function addressed(
  tx: SqlQueryable,
  assistanceId: string,
  revision: number,
  need: string,
  at: string,
  statusExpression: string,
): Promise<void> {
  await tx.query(
    `UPDATE ${ASSISTANCE_READ_SCHEMA}.assistance_cases
     SET addressed_needs = CASE WHEN $3 = ANY(addressed_needs) THEN addressed_needs
                                ELSE array_append(addressed_needs, $3::text) END,
         status = ${statusExpression},
         revision = $2,
         updated_at = $4
     WHERE assistance_id = $1 AND revision < $2`,
    [assistanceId, revision, need, at],
  );
}
