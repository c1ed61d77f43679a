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

/** The embedded app's schema; each agency service keeps its own copy in a schema of its own (`caseMembershipCopy`). */
export const MEMBERSHIP_SCHEMA = 'membership_read';

/** The embedded app's projection name. */
const CASE_MEMBERSHIP_PROJECTION = 'platform.case-membership';

/** Where one process keeps a read model every process keeps from the log: its checkpoint and its schema. */
export interface ReadModelCopy {
  /** The projection's name: its checkpoint. */
  readonly projection: string;
  /** The schema its tables are in, written by this process alone. */
  readonly schema: string;
}

/** PostgreSQL's limit on a schema name, in bytes. */
const MAX_SCHEMA_NAME = 63;

/**
 * The copy of a read model kept by one process, for read models every process keeps from the whole log
 * (case membership, case references). The embedded app keeps the one copy under `embedded`; in server mode
 * each service keeps its own under `<service>.own-<read model>`, in `<schema>_<service>`, so that no two
 * processes ever write the same rows: services applying the same event at the same moment wait on nobody.
 * Every copy is the same deterministic function of the log (ADR 0033).
 */
export function readModelCopyOf(
  embedded: ReadModelCopy,
  readModel: string,
  serviceName: string | undefined,
): ReadModelCopy {
  if (serviceName === undefined) return embedded;
  const slug = serviceName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const schema = `${embedded.schema}_${slug}`;
  if (slug.length === 0 || schema.length > MAX_SCHEMA_NAME) {
    throw new Error(
      `serviceName "${serviceName}" gives no schema for its copy of ${readModel}: it needs letters or digits, ` +
        `and at most ${String(MAX_SCHEMA_NAME - embedded.schema.length - 1)} of them`,
    );
  }
  return { projection: `${serviceName}.own-${readModel}`, schema };
}

/** The membership read model this process keeps: the embedded app's, or (server mode) a service's own copy. */
export function caseMembershipCopy(serviceName?: string): ReadModelCopy {
  return readModelCopyOf(
    { projection: CASE_MEMBERSHIP_PROJECTION, schema: MEMBERSHIP_SCHEMA },
    'case-membership',
    serviceName,
  );
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
 * Writes are idempotent and only move forward (a ground is added once, ended once). Each process keeps its
 * own copy (`caseMembershipCopy`): a copy reflects the log up to its own checkpoint and no other process's
 * transactions hold its rows.
 */
export function caseMembershipProjection(copy: ReadModelCopy = caseMembershipCopy()): Projection {
  const s = copy.schema;
  return {
    name: copy.projection,
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
      for (const effect of effectsOf(event)) {
        switch (effect.kind) {
          case 'case':
            await tx.query(
              `INSERT INTO ${s}.cases (joint_case_id, opened_by_agency_id, opened_at) VALUES ($1, $2, $3)
               ON CONFLICT DO NOTHING`,
              [effect.jointCaseId, effect.agencyId, effect.at],
            );
            break;
          case 'party':
            await tx.query(
              `INSERT INTO ${s}.parties (joint_case_id, agency_id, agency_type, ground, ground_id, since)
               VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
              [effect.jointCaseId, effect.agencyId, effect.agencyType, effect.ground, effect.groundId, effect.at],
            );
            break;
          case 'end':
            await tx.query(
              `UPDATE ${s}.parties SET ended_at = $2
               WHERE ground = 'referral' AND ground_id = $1 AND ended_at IS NULL`,
              [effect.referralId, effect.at],
            );
            break;
          case 'person':
            await tx.query(
              `INSERT INTO ${s}.persons (person_id, joint_case_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
              [effect.personId, effect.jointCaseId],
            );
            break;
          case 'keeper': {
            if (effect.ground === 'assists') {
              const known = await tx.query(`SELECT 1 FROM ${s}.persons WHERE person_id = $1 AND joint_case_id = $2`, [
                effect.personId,
                effect.jointCaseId,
              ]);
              if (known.length === 0) break;
            }
            await tx.query(
              `INSERT INTO ${s}.consent_keepers (person_id, agency_id, joint_case_id, ground)
               VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
              [effect.personId, effect.agencyId, effect.jointCaseId, effect.ground],
            );
            break;
          }
        }
      }
    },
    /**
     * The same rows as `apply` one event at a time, in at most six statements (ADR 0036). Every write is "the
     * first one wins" (ON CONFLICT DO NOTHING), so each row is taken at its first effect in the page. What depends
     * on the order is settled with the page's ordinals: a referral ended in the page ends a party already in the
     * table at its first end, and a party added in the page at the first end after it (none before it); an
     * assisting agency keeps a person's consent only if the person was in the case before its event (in the
     * table before the page, or added earlier in the page).
     */
    async applyPage(tx: SqlQueryable, events: readonly RecordedEvent[]): Promise<void> {
      const cases = new Map<string, CaseEffect>();
      const parties = new Map<string, PartyEffect & { readonly n: number }>();
      const ends: (EndEffect & { readonly n: number })[] = [];
      const persons = new Map<string, PersonEffect & { readonly n: number }>();
      const keepers: (KeeperEffect & { readonly n: number })[] = [];
      // Effects are numbered in the order `apply` would write them, across the page's events.
      let n = 0;
      for (const event of events) {
        for (const effect of effectsOf(event)) {
          n += 1;
          switch (effect.kind) {
            case 'case':
              if (!cases.has(effect.jointCaseId)) cases.set(effect.jointCaseId, effect);
              break;
            case 'party': {
              const key = JSON.stringify([effect.jointCaseId, effect.agencyId, effect.ground, effect.groundId]);
              if (!parties.has(key)) parties.set(key, { ...effect, n });
              break;
            }
            case 'end':
              ends.push({ ...effect, n });
              break;
            case 'person': {
              const key = JSON.stringify([effect.personId, effect.jointCaseId]);
              if (!persons.has(key)) persons.set(key, { ...effect, n });
              break;
            }
            case 'keeper':
              keepers.push({ ...effect, n });
              break;
          }
        }
      }
      const json = (rows: readonly object[]) => JSON.stringify(rows);

      if (cases.size > 0) {
        await tx.query(
          `INSERT INTO ${s}.cases (joint_case_id, opened_by_agency_id, opened_at)
           SELECT r.joint_case_id, r.agency_id, r.at
           FROM jsonb_to_recordset($1::jsonb) AS r(joint_case_id text, agency_id text, at timestamptz)
           ON CONFLICT DO NOTHING`,
          [json([...cases.values()].map((c) => ({ joint_case_id: c.jointCaseId, agency_id: c.agencyId, at: c.at })))],
        );
      }

      // Parties in the table before the page: ended at the first end of their referral in the page.
      const firstEnd = new Map<string, EndEffect>();
      for (const end of ends) if (!firstEnd.has(end.referralId)) firstEnd.set(end.referralId, end);
      if (firstEnd.size > 0) {
        // The ids again as an array: `ground_id = ANY($2)` is a condition on the index (ground, ground_id) whatever
        // the planner believes of the table's size. Without it, with statistics older than the table (a rebuild,
        // autovacuum late or off), it read every open referral party per page: 65 ms a page at a million events.
        await tx.query(
          `UPDATE ${s}.parties p SET ended_at = e.at
           FROM jsonb_to_recordset($1::jsonb) AS e(ground_id text, at timestamptz)
           WHERE p.ground = 'referral' AND p.ground_id = e.ground_id AND p.ground_id = ANY($2::text[])
             AND p.ended_at IS NULL`,
          [json([...firstEnd.values()].map((e) => ({ ground_id: e.referralId, at: e.at }))), [...firstEnd.keys()]],
        );
      }
      // Parties new in the page (a key already in the table is left as the update above made it).
      if (parties.size > 0) {
        const rows = [...parties.values()].map((p) => ({
          joint_case_id: p.jointCaseId,
          agency_id: p.agencyId,
          agency_type: p.agencyType,
          ground: p.ground,
          ground_id: p.groundId,
          since: p.at,
          ended_at:
            p.ground === 'referral' ? (ends.find((e) => e.referralId === p.groundId && e.n > p.n)?.at ?? null) : null,
        }));
        await tx.query(
          `INSERT INTO ${s}.parties (joint_case_id, agency_id, agency_type, ground, ground_id, since, ended_at)
           SELECT r.joint_case_id, r.agency_id, r.agency_type, r.ground, r.ground_id, r.since, r.ended_at
           FROM jsonb_to_recordset($1::jsonb) AS r(joint_case_id text, agency_id text, agency_type text, ground text,
             ground_id text, since timestamptz, ended_at timestamptz)
           ON CONFLICT DO NOTHING`,
          [json(rows)],
        );
      }

      if (keepers.length > 0) {
        // Whether each person an assisting agency names was in the case before its event.
        const asked = keepers.filter((k) => k.ground === 'assists');
        const before = new Set<string>();
        if (asked.length > 0) {
          const known = await tx.query<{ person_id: string; joint_case_id: string }>(
            `SELECT p.person_id, p.joint_case_id FROM ${s}.persons p
             JOIN jsonb_to_recordset($1::jsonb) AS r(person_id text, joint_case_id text)
               ON p.person_id = r.person_id AND p.joint_case_id = r.joint_case_id`,
            [json(asked.map((k) => ({ person_id: k.personId, joint_case_id: k.jointCaseId })))],
          );
          for (const row of known) before.add(JSON.stringify([row.person_id, row.joint_case_id]));
        }
        const first = new Map<string, KeeperEffect>();
        for (const keeper of keepers) {
          const person = JSON.stringify([keeper.personId, keeper.jointCaseId]);
          const inCase =
            keeper.ground !== 'assists' || before.has(person) || (persons.get(person)?.n ?? Infinity) < keeper.n;
          const key = JSON.stringify([keeper.personId, keeper.agencyId]);
          if (inCase && !first.has(key)) first.set(key, keeper);
        }
        if (first.size > 0) {
          await tx.query(
            `INSERT INTO ${s}.consent_keepers (person_id, agency_id, joint_case_id, ground)
             SELECT r.person_id, r.agency_id, r.joint_case_id, r.ground
             FROM jsonb_to_recordset($1::jsonb) AS r(person_id text, agency_id text, joint_case_id text, ground text)
             ON CONFLICT DO NOTHING`,
            [
              json(
                [...first.values()].map((k) => ({
                  person_id: k.personId,
                  agency_id: k.agencyId,
                  joint_case_id: k.jointCaseId,
                  ground: k.ground,
                })),
              ),
            ],
          );
        }
      }
      if (persons.size > 0) {
        await tx.query(
          `INSERT INTO ${s}.persons (person_id, joint_case_id)
           SELECT r.person_id, r.joint_case_id FROM jsonb_to_recordset($1::jsonb) AS r(person_id text, joint_case_id text)
           ON CONFLICT DO NOTHING`,
          [json([...persons.values()].map((p) => ({ person_id: p.personId, joint_case_id: p.jointCaseId })))],
        );
      }
    },
  };
}

interface CaseEffect {
  readonly kind: 'case';
  readonly jointCaseId: string;
  readonly agencyId: string;
  readonly at: string;
}
interface PartyEffect {
  readonly kind: 'party';
  readonly jointCaseId: string;
  readonly agencyId: string;
  readonly agencyType: string;
  readonly ground: 'record' | 'referral' | 'case_file' | 'decision';
  readonly groundId: string;
  readonly at: string;
}
/** A referral declined or revoked: its party's ground ends. */
interface EndEffect {
  readonly kind: 'end';
  readonly referralId: string;
  readonly at: string;
}
interface PersonEffect {
  readonly kind: 'person';
  readonly personId: string;
  readonly jointCaseId: string;
}
/** `assists` only holds if the person is already one of the case's (checked when it is applied). */
interface KeeperEffect {
  readonly kind: 'keeper';
  readonly personId: string;
  readonly agencyId: string;
  readonly jointCaseId: string;
  readonly ground: 'met' | 'assists';
}
type MembershipEffect = CaseEffect | PartyEffect | EndEffect | PersonEffect | KeeperEffect;

/** What one event does to the membership read model, in the order `apply` writes it. */
function effectsOf(event: RecordedEvent): MembershipEffect[] {
  const jointCaseId = event.metadata.jointCaseId;
  if (!jointCaseId) return [];
  const actor = event.metadata.actor;
  const data = dataOf(event);
  const at = event.metadata.occurredAt;
  const effects: MembershipEffect[] = [];
  const party = (agencyId: string, agencyType: string, ground: PartyEffect['ground'], groundId: string) =>
    effects.push({ kind: 'party', jointCaseId, agencyId, agencyType, ground, groundId, at });

  if (!isPlatformActor(actor)) {
    effects.push({ kind: 'case', jointCaseId, agencyId: actor.agencyId, at });
    if (event.streamRevision === 0 && RECORD_STREAM_PREFIXES.some((p) => event.streamId.startsWith(p))) {
      party(actor.agencyId, actor.agencyType, 'record', event.streamId);
    }
  }

  switch (event.type) {
    case 'ReferralSubmitted': {
      const referralId = text(data, 'referralId');
      const to = text(data, 'toAgencyId');
      const toType = text(data, 'toAgencyType');
      if (referralId && to && toType) party(to, toType, 'referral', referralId);
      const subject = typeof data['subject'] === 'object' && data['subject'] !== null ? (data['subject'] as Data) : {};
      if (referralId) {
        const introduced = personIdIntroducedBy(referralId);
        const personId = text(subject, 'personId') ?? introduced;
        // The sender met the person only when its referral introduced them; a forward names a person the
        // case already has (checked before it is written, and again here).
        if (personId === introduced) {
          effects.push({ kind: 'person', personId, jointCaseId });
          effects.push({ kind: 'keeper', personId, agencyId: actor.agencyId, jointCaseId, ground: 'met' });
        }
      }
      break;
    }
    case 'ReferralDeclined':
    case 'ReferralRevoked': {
      const referralId = text(data, 'referralId');
      if (referralId) effects.push({ kind: 'end', referralId, at });
      break;
    }
    case 'CaseFileTransmitted': {
      const caseFileId = text(data, 'caseFileId');
      const office = text(data, 'toProsecutorOfficeId');
      if (caseFileId && office) party(office, 'prosecutor', 'case_file', caseFileId);
      break;
    }
    case 'CasePartyAdmitted': {
      const agencyId = text(data, 'agencyId');
      const agencyType = text(data, 'agencyType');
      const decisionId = text(data, 'decisionId');
      if (agencyId && agencyType && decisionId) party(agencyId, agencyType, 'decision', decisionId);
      break;
    }
    case 'VictimRegistered': {
      const personId = text(data, 'personId');
      const assisting = text(data, 'assistingAgencyId');
      // Only a person of this case: assisting someone does not make an agency keeper of a stranger.
      if (personId && assisting) {
        effects.push({ kind: 'keeper', personId, agencyId: assisting, jointCaseId, ground: 'assists' });
      }
      break;
    }
    default:
      break;
  }
  return effects;
}

/**
 * Asks the membership read model. A "no" is only given once the read model has seen the log as it stood
 * when the question was asked (waiting up to two seconds), so an agency a referral was just sent to is
 * never refused for the projection's lag. No read model at all (nothing keeps it in this database) is an
 * error, never a "yes".
 */
export class SqlCaseMembership implements CaseMembership {
  private readonly reads: FreshReads;
  private readonly schema: string;

  constructor(
    private readonly db: SqlQueryable,
    copy: ReadModelCopy,
    log?: LogHead,
  ) {
    this.schema = copy.schema;
    this.reads = new FreshReads(db, copy.projection, log);
  }

  async partiesOf(jointCaseId: string): Promise<readonly CaseParty[] | null> {
    return this.fresh(
      () => this.readParties(jointCaseId),
      (parties) => parties !== null,
    );
  }

  async casesOf(agencyId: string): Promise<readonly string[]> {
    const rows = await this.db.query<{ joint_case_id: string }>(
      `SELECT DISTINCT joint_case_id FROM ${this.schema}.parties WHERE agency_id = $1 AND ended_at IS NULL ORDER BY joint_case_id`,
      [agencyId],
    );
    return rows.map((r) => r.joint_case_id);
  }

  async keepsConsentOf(personId: string, agencyId: string): Promise<boolean> {
    return this.fresh(
      async () => {
        const rows = await this.db.query(
          `SELECT 1 FROM ${this.schema}.consent_keepers WHERE person_id = $1 AND agency_id = $2`,
          [personId, agencyId],
        );
        return rows.length > 0;
      },
      (keeps) => keeps,
    );
  }

  async isPersonOf(personId: string, jointCaseId: string): Promise<boolean> {
    return this.fresh(
      async () =>
        (
          await this.db.query(`SELECT 1 FROM ${this.schema}.persons WHERE person_id = $1 AND joint_case_id = $2`, [
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
       FROM ${this.schema}.cases c LEFT JOIN ${this.schema}.parties p ON p.joint_case_id = c.joint_case_id AND p.ended_at IS NULL
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
