import { type RecordedEvent } from '@pamoja/contracts';
import { type Projection, type SqlQueryable } from '@pamoja/event-store';
import { ASSISTANCE_EVENT_TYPES, isAssistanceEvent } from '@pamoja/assistance/domain';

export const ASSISTANCE_READ_SCHEMA = 'assistance_read';

/**
 * Each assisting agency's caseload, its service history and protection measures. Personal data goes to
 * its own table, `victim_identity`, so that it can be guarded and erased apart from the rest: the row is
 * deleted on `PersonalDataErased`, and after erasure the log's copy decrypts to null (ADR 0013).
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
             registered_at, needs, addressed_needs, revision, updated_at)
           VALUES ($1, $2, $3, 'registered', $4, $5, $6, $7, $8, $9, $10, $11, '[]'::jsonb, '{}', $12, $11)
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
          ],
        );
        if (d.personal !== null) {
          const p = d.personal;
          await tx.query(
            `INSERT INTO ${s}.victim_identity (assistance_id, full_name, date_of_birth, phone, current_location)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (assistance_id) DO NOTHING`,
            [d.assistanceId, p.fullName, p.dateOfBirth, p.phone, p.currentLocation],
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
        // The key is destroyed: the decrypted copy goes too. A rebuild reads `personal` as null.
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
