import {
  isPlatformActor,
  personIdIntroducedBy,
  type CaseMembership,
  type CaseParty,
  type RecordedEvent,
} from '@pamoja/contracts';
import {
  FreshReads,
  type LogHead,
  type Projection,
  type SqlQueryable,
  eventDataOf,
  textField,
  type EventData,
} from '@pamoja/event-store';

export const MEMBERSHIP_SCHEMA = 'membership_read';
const s = MEMBERSHIP_SCHEMA;

/** The embedded app's projection name; in server mode each service keeps it under its own checkpoint. */
const CASE_MEMBERSHIP_PROJECTION = 'platform.case-membership';

export function caseMembershipProjectionName(serviceName: string | undefined): string {
  return serviceName ? `${serviceName}.case-membership` : CASE_MEMBERSHIP_PROJECTION;
}

/** Streams whose first event makes its author a party: the agency's own record in the case. */
const RECORD_STREAM_PREFIXES = ['referral-', 'investigation-', 'prosecution-', 'assistance-', 'incident-'];

type Data = EventData;
const dataOf = eventDataOf;
const text = textField;

/**
 * Who takes part in which joint case, from the log alone. An agency becomes party to a case on one of
 * these grounds, each an event recorded by someone entitled to record it:
 * - `record`: it created a record in the case (a referral, an investigation, an assistance case, …). The
 *   first such record opens the case; any later one was allowed only because its author was already party;
 * - `referral`: a party referred the case to it (ended when it declines, or the sender revokes);
 * - `case_file`: the police sent it the case file (a prosecutor's office);
 * - `decision`: the coordination body admitted it (`CasePartyAdmitted`).
 * And who keeps which person's consent: the agency that met the person (the sender of the referral that
 * introduced them) and the agency holding their assistance case.
 *
 * Writes are idempotent and only move forward (a ground is added once, ended once), so several services
 * may keep the one table under checkpoints of their own and the table always reflects a prefix of the log.
 */
export function caseMembershipProjection(name: string = CASE_MEMBERSHIP_PROJECTION): Projection {
  return {
    name,
    schema: s,
    // Every event, so that its checkpoint follows the log's head: lookups compare the two before saying no
    // (a filtered subscription leaves its checkpoint behind the last event it skipped).
    filter: {},
    // Lookups wait for it themselves (`SqlCaseMembership`); a command's answer need not.
    readYourWrites: false,
    migrations: [
      {
        version: 1,
        name: 'joint-case parties and consent keepers',
        up: (schema) => `
          CREATE TABLE ${schema}.cases (
            joint_case_id text PRIMARY KEY,
            opened_by_agency_id text NOT NULL,
            opened_at timestamptz NOT NULL
          );
          CREATE TABLE ${schema}.parties (
            joint_case_id text NOT NULL,
            agency_id text NOT NULL,
            agency_type text NOT NULL,
            ground text NOT NULL,
            ground_id text NOT NULL,
            since timestamptz NOT NULL,
            ended_at timestamptz,
            PRIMARY KEY (joint_case_id, agency_id, ground, ground_id)
          );
          CREATE INDEX parties_ground ON ${schema}.parties (ground, ground_id);
          CREATE INDEX parties_agency ON ${schema}.parties (agency_id) WHERE ended_at IS NULL;
          CREATE TABLE ${schema}.persons (
            person_id text NOT NULL,
            joint_case_id text NOT NULL,
            PRIMARY KEY (person_id, joint_case_id)
          );
          CREATE TABLE ${schema}.consent_keepers (
            person_id text NOT NULL,
            agency_id text NOT NULL,
            joint_case_id text NOT NULL,
            ground text NOT NULL,
            PRIMARY KEY (person_id, agency_id)
          );`,
      },
    ],
    async reset(tx: SqlQueryable): Promise<void> {
      await tx.query(`TRUNCATE ${s}.cases, ${s}.parties, ${s}.persons, ${s}.consent_keepers`);
    },
    async apply(tx: SqlQueryable, event: RecordedEvent): Promise<void> {
      const jointCaseId = event.metadata.jointCaseId;
      if (!jointCaseId) return;
      const actor = event.metadata.actor;
      const data = dataOf(event);
      const at = event.metadata.occurredAt;
      const addParty = (agencyId: string, agencyType: string, ground: string, groundId: string) =>
        tx.query(
          `INSERT INTO ${s}.parties (joint_case_id, agency_id, agency_type, ground, ground_id, since)
           VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
          [jointCaseId, agencyId, agencyType, ground, groundId, at],
        );
      const addPerson = (personId: string) =>
        tx.query(`INSERT INTO ${s}.persons (person_id, joint_case_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
          personId,
          jointCaseId,
        ]);
      const isPerson = async (personId: string) =>
        (
          await tx.query(`SELECT 1 FROM ${s}.persons WHERE person_id = $1 AND joint_case_id = $2`, [
            personId,
            jointCaseId,
          ])
        ).length > 0;
      const addKeeper = (personId: string, agencyId: string, ground: string) =>
        tx.query(
          `INSERT INTO ${s}.consent_keepers (person_id, agency_id, joint_case_id, ground)
           VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
          [personId, agencyId, jointCaseId, ground],
        );

      if (!isPlatformActor(actor)) {
        await tx.query(
          `INSERT INTO ${s}.cases (joint_case_id, opened_by_agency_id, opened_at) VALUES ($1, $2, $3)
           ON CONFLICT DO NOTHING`,
          [jointCaseId, actor.agencyId, at],
        );
        if (event.streamRevision === 0 && RECORD_STREAM_PREFIXES.some((p) => event.streamId.startsWith(p))) {
          await addParty(actor.agencyId, actor.agencyType, 'record', event.streamId);
        }
      }

      switch (event.type) {
        case 'ReferralSubmitted': {
          const referralId = text(data, 'referralId');
          const to = text(data, 'toAgencyId');
          const toType = text(data, 'toAgencyType');
          if (referralId && to && toType) await addParty(to, toType, 'referral', referralId);
          const subject =
            typeof data['subject'] === 'object' && data['subject'] !== null ? (data['subject'] as Data) : {};
          if (referralId) {
            const introduced = personIdIntroducedBy(referralId);
            const personId = text(subject, 'personId') ?? introduced;
            // The sender met the person only when its referral introduced them; a forward names a person the
            // case already has (checked before it is written, and again here).
            if (personId === introduced) {
              await addPerson(personId);
              await addKeeper(personId, actor.agencyId, 'met');
            }
          }
          return;
        }
        case 'ReferralDeclined':
        case 'ReferralRevoked': {
          const referralId = text(data, 'referralId');
          if (referralId) {
            await tx.query(
              `UPDATE ${s}.parties SET ended_at = $2
               WHERE ground = 'referral' AND ground_id = $1 AND ended_at IS NULL`,
              [referralId, at],
            );
          }
          return;
        }
        case 'CaseFileTransmitted': {
          const caseFileId = text(data, 'caseFileId');
          const office = text(data, 'toProsecutorOfficeId');
          if (caseFileId && office) await addParty(office, 'prosecutor', 'case_file', caseFileId);
          return;
        }
        case 'CasePartyAdmitted': {
          const agencyId = text(data, 'agencyId');
          const agencyType = text(data, 'agencyType');
          const decisionId = text(data, 'decisionId');
          if (agencyId && agencyType && decisionId) await addParty(agencyId, agencyType, 'decision', decisionId);
          return;
        }
        case 'VictimRegistered': {
          const personId = text(data, 'personId');
          const assisting = text(data, 'assistingAgencyId');
          // Only a person of this case: assisting someone does not make an agency keeper of a stranger.
          if (personId && assisting && (await isPerson(personId))) await addKeeper(personId, assisting, 'assists');
          return;
        }
        default:
          return;
      }
    },
  };
}

/**
 * Asks the membership read model. A "no" is only given once the read model has seen the log as it stood
 * when the question was asked (waiting up to two seconds), so an agency a referral was just sent to is
 * never refused for the projection's lag. No read model at all (nothing keeps it in this database) is an
 * error, never a "yes".
 */
export class SqlCaseMembership implements CaseMembership {
  private readonly reads: FreshReads;

  constructor(
    private readonly db: SqlQueryable,
    projectionName: string,
    log?: LogHead,
  ) {
    this.reads = new FreshReads(db, projectionName, log);
  }

  async partiesOf(jointCaseId: string): Promise<readonly CaseParty[] | null> {
    return this.fresh(
      () => this.readParties(jointCaseId),
      (parties) => parties !== null,
    );
  }

  async casesOf(agencyId: string): Promise<readonly string[]> {
    const rows = await this.db.query<{ joint_case_id: string }>(
      `SELECT DISTINCT joint_case_id FROM ${s}.parties WHERE agency_id = $1 AND ended_at IS NULL ORDER BY joint_case_id`,
      [agencyId],
    );
    return rows.map((r) => r.joint_case_id);
  }

  async keepsConsentOf(personId: string, agencyId: string): Promise<boolean> {
    return this.fresh(
      async () => {
        const rows = await this.db.query(`SELECT 1 FROM ${s}.consent_keepers WHERE person_id = $1 AND agency_id = $2`, [
          personId,
          agencyId,
        ]);
        return rows.length > 0;
      },
      (keeps) => keeps,
    );
  }

  async isPersonOf(personId: string, jointCaseId: string): Promise<boolean> {
    return this.fresh(
      async () =>
        (
          await this.db.query(`SELECT 1 FROM ${s}.persons WHERE person_id = $1 AND joint_case_id = $2`, [
            personId,
            jointCaseId,
          ])
        ).length > 0,
      (known) => known,
    );
  }

  /** Whether the agency is an active party of the case (false for an unknown case). */
  async isParty(jointCaseId: string, agencyId: string): Promise<boolean> {
    return this.fresh(
      async () => ((await this.readParties(jointCaseId)) ?? []).some((p) => p.agencyId === agencyId),
      (party) => party,
    );
  }

  private async readParties(jointCaseId: string): Promise<readonly CaseParty[] | null> {
    const rows = await this.db.query<{ agency_id: string | null; agency_type: string | null }>(
      `SELECT DISTINCT p.agency_id, p.agency_type
       FROM ${s}.cases c LEFT JOIN ${s}.parties p ON p.joint_case_id = c.joint_case_id AND p.ended_at IS NULL
       WHERE c.joint_case_id = $1
       ORDER BY p.agency_id`,
      [jointCaseId],
    );
    if (rows.length === 0) return null;
    return rows
      .filter((r): r is { agency_id: string; agency_type: string } => r.agency_id !== null && r.agency_type !== null)
      .map((r) => ({ agencyId: r.agency_id, agencyType: r.agency_type }));
  }

  private fresh<T>(read: () => Promise<T>, settled: (value: T) => boolean): Promise<T> {
    return this.reads.read(read, settled);
  }
}
