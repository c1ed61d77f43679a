import { type RecordedEvent } from '@pamoja/contracts';
import { type Projection, type SqlQueryable } from '@pamoja/event-store';
import { asReferralsPublished } from '@pamoja/referrals/contracts';

export const CONSENT_PROJECTION = 'platform.person-consent';
const s = 'consent_read';

/** One consent as the policy needs it: to which agency types, for which purposes. */
export interface ConsentFacts {
  readonly agencyTypes: readonly string[];
  readonly purposes: readonly string[];
}

/** The consents of one person that still hold (not withdrawn). */
export interface ConsentLookup {
  activeConsents(personId: string): Promise<readonly ConsentFacts[]>;
}

/**
 * Each person's consents, for the access policy of every service: built from the referrals' shared events
 * (through Kafka in server mode, from the log in embedded mode), so a withdrawal takes effect in every
 * service as soon as its projection has seen it (seconds), and the next read is decided without it.
 * Consent belongs to a person, not to a case: a case may have several victims, each with their own.
 * Events recorded before persons had ids name the person their referral introduced.
 */
export const consentProjection: Projection = {
  name: CONSENT_PROJECTION,
  schema: s,
  filter: { eventTypes: ['ConsentRecorded', 'ConsentWithdrawn'] },
  migrations: [
    {
      version: 1,
      name: "victims' consents per joint case",
      up: (schema) => `
        CREATE TABLE ${schema}.consents (
          consent_id text PRIMARY KEY,
          joint_case_id text NOT NULL,
          referral_id text NOT NULL,
          agency_types text[] NOT NULL,
          purposes text[] NOT NULL,
          recorded_at timestamptz NOT NULL,
          withdrawn_at timestamptz
        );
        CREATE INDEX consents_by_case ON ${schema}.consents (joint_case_id) WHERE withdrawn_at IS NULL;`,
    },
    {
      version: 2,
      // The projection's new name starts it from the beginning of the log into the new table.
      name: 'consents per person (the projection replays the log under its new name)',
      up: (schema) => `
        DROP TABLE ${schema}.consents;
        CREATE TABLE ${schema}.person_consents (
          consent_id text PRIMARY KEY,
          person_id text NOT NULL,
          joint_case_id text NOT NULL,
          referral_id text NOT NULL,
          agency_types text[] NOT NULL,
          purposes text[] NOT NULL,
          recorded_at timestamptz NOT NULL,
          withdrawn_at timestamptz
        );
        CREATE INDEX person_consents_active ON ${schema}.person_consents (person_id) WHERE withdrawn_at IS NULL;`,
    },
  ],
  async reset(tx: SqlQueryable): Promise<void> {
    await tx.query(`TRUNCATE ${s}.person_consents`);
  },
  async apply(tx: SqlQueryable, recorded: RecordedEvent): Promise<void> {
    // The referrals' published language: checked once here (a malformed event throws, for the dead letters);
    // a consent published before persons had ids reads as the person its referral introduced.
    const event = asReferralsPublished(recorded);
    if (event?.type === 'ConsentRecorded') {
      const { consentId, personId, referralId, agencyTypes, purposes, recordedAt } = event.data;
      const jointCaseId = event.metadata.jointCaseId;
      if (!consentId || !jointCaseId || !personId) return;
      await tx.query(
        `INSERT INTO ${s}.person_consents (consent_id, person_id, joint_case_id, referral_id, agency_types, purposes,
           recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (consent_id) DO NOTHING`,
        [
          consentId,
          personId,
          jointCaseId,
          referralId,
          [...agencyTypes],
          [...purposes],
          recordedAt || event.metadata.occurredAt,
        ],
      );
    } else if (event?.type === 'ConsentWithdrawn') {
      const { consentId, withdrawnAt } = event.data;
      if (!consentId) return;
      await tx.query(
        `UPDATE ${s}.person_consents SET withdrawn_at = $2 WHERE consent_id = $1 AND withdrawn_at IS NULL`,
        [consentId, withdrawnAt || event.metadata.occurredAt],
      );
    }
  },
};

export class SqlConsentLookup implements ConsentLookup {
  constructor(private readonly db: SqlQueryable) {}

  async activeConsents(personId: string): Promise<readonly ConsentFacts[]> {
    try {
      const rows = await this.db.query<{ agency_types: string[]; purposes: string[] }>(
        `SELECT agency_types, purposes FROM ${s}.person_consents WHERE person_id = $1 AND withdrawn_at IS NULL
         ORDER BY consent_id`,
        [personId],
      );
      return rows.map((r) => ({ agencyTypes: r.agency_types, purposes: r.purposes }));
    } catch (error) {
      // No process keeps the consent read model in this database (no assistance service yet): no consent
      // is known, so none extends access. Fail closed.
      if (isUndefinedTable(error)) return [];
      throw error;
    }
  }
}

const UNDEFINED_TABLE = '42P01';
function isUndefinedTable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === UNDEFINED_TABLE;
}
