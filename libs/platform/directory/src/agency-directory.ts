import {
  type AgencyDirectory,
  type AgencyEntry,
  type AgencyFilter,
  type AgencyStatus,
  type AgencyType,
  type DirectoryReference,
  type FieldProblem,
  InvalidInputError,
  type Province,
  type RecordedEvent,
  type RegisteredSite,
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

export const DIRECTORY_SCHEMA = 'directory_read';
const s = DIRECTORY_SCHEMA;

/** The embedded app's projection name; in server mode each service keeps it under its own checkpoint. */
const AGENCY_DIRECTORY_PROJECTION = 'platform.agency-directory';

export function agencyDirectoryProjectionName(serviceName: string | undefined): string {
  return serviceName ? `${serviceName}.agency-directory` : AGENCY_DIRECTORY_PROJECTION;
}

type Data = EventData;
const dataOf = eventDataOf;
const text = textField;

function contactOf(data: Data): { email: string | null; phone: string | null } {
  const contact = typeof data['contact'] === 'object' && data['contact'] !== null ? (data['contact'] as Data) : {};
  return { email: text(contact, 'email'), phone: text(contact, 'phone') };
}

/**
 * The agency directory and the registered mine sites, from the log alone, in every process (like case
 * membership, ADR 0016): the token check, the commands that name an agency or a site, and the names shown
 * beside ids all read it. Writes only move forward (an agency's row keeps the stream revision it reflects),
 * so several services may keep the one table under checkpoints of their own.
 */
export function agencyDirectoryProjection(name: string = AGENCY_DIRECTORY_PROJECTION): Projection {
  return {
    name,
    schema: s,
    // Every event, so that its checkpoint follows the log's head: lookups compare the two before saying no.
    filter: {},
    readYourWrites: true,
    migrations: [
      {
        version: 1,
        name: 'agencies and registered sites',
        up: (schema) => `
          CREATE TABLE ${schema}.agencies (
            agency_id text PRIMARY KEY,
            name text NOT NULL,
            agency_type text NOT NULL,
            province text,
            territory text,
            parent_agency_id text,
            contact_email text,
            contact_phone text,
            status text NOT NULL,
            registered_at timestamptz NOT NULL,
            suspended_at timestamptz,
            suspension_reason text,
            revision integer NOT NULL
          );
          CREATE INDEX agencies_type ON ${schema}.agencies (agency_type, status);
          CREATE TABLE ${schema}.sites (
            site_code text PRIMARY KEY,
            name text NOT NULL,
            province text NOT NULL
          );`,
      },
    ],
    async reset(tx: SqlQueryable): Promise<void> {
      await tx.query(`TRUNCATE ${s}.agencies, ${s}.sites`);
    },
    async apply(tx: SqlQueryable, event: RecordedEvent): Promise<void> {
      const data = dataOf(event);
      const agencyId = text(data, 'agencyId');
      const revision = event.streamRevision;
      // Only a newer event of the agency's stream changes its row: writers at different checkpoints converge.
      const newer = `agency_id = $1 AND revision < ${revision.toFixed(0)}`;
      switch (event.type) {
        case 'AgencyRegistered': {
          const { email, phone } = contactOf(data);
          await tx.query(
            `INSERT INTO ${s}.agencies (agency_id, name, agency_type, province, territory, parent_agency_id,
               contact_email, contact_phone, status, registered_at, revision)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'active', $9, $10) ON CONFLICT DO NOTHING`,
            [
              agencyId,
              text(data, 'name'),
              text(data, 'agencyType'),
              text(data, 'province'),
              text(data, 'territory'),
              text(data, 'parentAgencyId'),
              email,
              phone,
              text(data, 'registeredAt'),
              revision,
            ],
          );
          return;
        }
        case 'AgencyDetailsChanged': {
          const { email, phone } = contactOf(data);
          await tx.query(
            `UPDATE ${s}.agencies SET name = $2, province = $3, territory = $4, parent_agency_id = $5,
               contact_email = $6, contact_phone = $7, revision = $8 WHERE ${newer}`,
            [
              agencyId,
              text(data, 'name'),
              text(data, 'province'),
              text(data, 'territory'),
              text(data, 'parentAgencyId'),
              email,
              phone,
              revision,
            ],
          );
          return;
        }
        case 'AgencySuspended':
          await tx.query(
            `UPDATE ${s}.agencies SET status = 'suspended', suspended_at = $2, suspension_reason = $3, revision = $4
             WHERE ${newer}`,
            [agencyId, text(data, 'suspendedAt'), text(data, 'reason'), revision],
          );
          return;
        case 'AgencyReinstated':
          await tx.query(
            `UPDATE ${s}.agencies SET status = 'active', suspended_at = NULL, suspension_reason = NULL, revision = $2
             WHERE ${newer}`,
            [agencyId, revision],
          );
          return;
        case 'MineSiteRegistered': {
          const code = text(data, 'code');
          if (code) {
            await tx.query(
              `INSERT INTO ${s}.sites (site_code, name, province) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
              [code, text(data, 'name'), text(data, 'province')],
            );
          }
          return;
        }
        default:
          return;
      }
    },
  };
}

interface AgencyRow {
  agency_id: string;
  name: string;
  agency_type: string;
  province: string | null;
  territory: string | null;
  parent_agency_id: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  status: string;
  registered_at: Date | string;
  suspended_at: Date | string | null;
  suspension_reason: string | null;
}

const iso = (value: Date | string): string => new Date(value).toISOString();

function entryOf(row: AgencyRow): AgencyEntry {
  return {
    agencyId: row.agency_id,
    name: row.name,
    agencyType: row.agency_type as AgencyType,
    province: row.province as Province | null,
    territory: row.territory,
    parentAgencyId: row.parent_agency_id,
    contact: { email: row.contact_email, phone: row.contact_phone },
    status: row.status as AgencyStatus,
    registeredAt: iso(row.registered_at),
    suspendedAt: row.suspended_at === null ? null : iso(row.suspended_at),
    suspensionReason: row.suspension_reason,
  };
}

const COLUMNS = `agency_id, name, agency_type, province, territory, parent_agency_id, contact_email, contact_phone,
  status, registered_at, suspended_at, suspension_reason`;

const TYPE_NAMES: Readonly<Record<AgencyType, string>> = {
  first_responder: 'a first responder',
  police: 'a police unit',
  prosecutor: "a prosecutor's office",
  assistance_provider: 'an assistance provider',
  mining_authority: 'a mining authority',
  coordination_body: 'a coordination body',
  integrator: 'an integrator',
};

/** The directory as the processes read it, with the wait of `FreshReads` before any "not found". */
export class SqlAgencyDirectory implements AgencyDirectory {
  private readonly reads: FreshReads;

  constructor(
    private readonly db: SqlQueryable,
    projectionName: string,
    log?: LogHead,
  ) {
    this.reads = new FreshReads(db, projectionName, log);
  }

  async find(agencyId: string): Promise<AgencyEntry | null> {
    return (await this.findMany([agencyId])).get(agencyId) ?? null;
  }

  async findMany(agencyIds: readonly string[]): Promise<ReadonlyMap<string, AgencyEntry>> {
    const wanted = [...new Set(agencyIds)];
    if (wanted.length === 0) return new Map();
    return this.reads.read(
      async () => {
        const rows = await this.db.query<AgencyRow>(
          `SELECT ${COLUMNS} FROM ${s}.agencies WHERE agency_id = ANY($1::text[])`,
          [wanted],
        );
        return new Map(rows.map((row) => [row.agency_id, entryOf(row)]));
      },
      (found) => found.size === wanted.length,
    );
  }

  async list(filter: AgencyFilter = {}): Promise<readonly AgencyEntry[]> {
    const rows = await this.db.query<AgencyRow>(
      `SELECT ${COLUMNS} FROM ${s}.agencies
       WHERE ($1::text IS NULL OR agency_type = $1) AND ($2::text IS NULL OR province = $2)
         AND ($3::text IS NULL OR status = $3)
       ORDER BY name, agency_id`,
      [filter.agencyType ?? null, filter.province ?? null, filter.status ?? null],
    );
    return rows.map(entryOf);
  }

  async site(siteCode: string): Promise<RegisteredSite | null> {
    return this.reads.read(
      async () => {
        const [row] = await this.db.query<{ site_code: string; name: string; province: string }>(
          `SELECT site_code, name, province FROM ${s}.sites WHERE site_code = $1`,
          [siteCode],
        );
        return row ? { siteCode: row.site_code, name: row.name, province: row.province as Province } : null;
      },
      (found) => found !== null,
    );
  }

  check(references: readonly DirectoryReference[]): Promise<void> {
    return checkReferences(this, references);
  }
}

/**
 * Checks each reference against a directory: an agency that exists, is active (unless a suspended one may
 * pass) and is of one of the given types; a site that is registered. One BAD_USER_INPUT names every field.
 */
export async function checkReferences(
  directory: Pick<AgencyDirectory, 'findMany' | 'site'>,
  references: readonly DirectoryReference[],
): Promise<void> {
  if (references.length === 0) return;
  const agencies = await directory.findMany(references.flatMap((r) => ('agencyId' in r ? [r.agencyId] : [])));
  const problems: FieldProblem[] = [];
  for (const reference of references) {
    if ('siteCode' in reference) {
      if ((await directory.site(reference.siteCode)) === null) {
        problems.push({
          field: reference.field,
          reason: `${reference.siteCode} is not a registered mine site; give no code and describe the location instead`,
        });
      }
      continue;
    }
    const agency = agencies.get(reference.agencyId);
    if (!agency) {
      problems.push({ field: reference.field, reason: `${reference.agencyId} is not an agency in the directory` });
    } else if (agency.status !== 'active' && reference.includeSuspended !== true) {
      problems.push({ field: reference.field, reason: `${agency.name} (${agency.agencyId}) is suspended` });
    } else if (reference.agencyTypes && !reference.agencyTypes.includes(agency.agencyType)) {
      const wanted = reference.agencyTypes.map((t) => TYPE_NAMES[t]).join(' or ');
      problems.push({
        field: reference.field,
        reason: `${agency.name} (${agency.agencyId}) is ${TYPE_NAMES[agency.agencyType]}, not ${wanted}`,
      });
    }
  }
  if (problems.length > 0) throw new InvalidInputError(problems);
}
