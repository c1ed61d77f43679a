import { assertIdentifier, migrate, type Migration, type SqlDatabase } from '@pamoja/event-store';
import {
  type AuditChainVerification,
  type AuditEntry,
  type AuditFilter,
  type AuditLog,
  type AuditPage,
  type AuditRecord,
} from './audit-log.js';

/**
 * The audit log in SQL, the same on PostgreSQL and PGlite (ADR 0014). The database itself refuses
 * UPDATE, DELETE and TRUNCATE on the entries, and chains each entry to the one before: a BEFORE INSERT
 * trigger locks the one-row chain head, so concurrent writers (six services on one database) queue for
 * the head and every entry gets the next position and sha256(previous hash || the entry's canonical
 * bytes). Only an owner of the schema can disable the triggers; operators run the services under a role
 * that is not (docs/security.md).
 */
const AUDIT_SCHEMA = 'audit';

/** The canonical bytes of an entry: a JSON array of its columns, the time in UTC to the microsecond. */
const DIGEST = (s: string) => `
  CREATE FUNCTION ${s}.entry_digest(previous bytea, e ${s}.entries) RETURNS bytea
  LANGUAGE sql STABLE AS $fn$
    SELECT sha256(previous || convert_to(jsonb_build_array(
      e.chain_position::text,
      to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
      e.user_id, e.agency_id, e.agency_type, to_jsonb(e.roles), e.action, e.operation, e.outcome,
      e.joint_case_id, to_jsonb(e.subjects), e.ids, e.purpose, e.correlation_id
    )::text, 'UTF8'))
  $fn$;`;

const GENESIS = `sha256(convert_to('pamoja.audit.genesis', 'UTF8'))`;

const AUDIT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'append-only, hash-chained entries',
    up: (s) => `
      CREATE TABLE ${s}.entries (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        user_id text NOT NULL,
        agency_id text NOT NULL,
        agency_type text NOT NULL,
        roles text[] NOT NULL,
        action text NOT NULL CHECK (action IN ('command', 'personal_data_read', 'query')),
        operation text NOT NULL,
        outcome text NOT NULL,
        joint_case_id text,
        subjects text[] NOT NULL DEFAULT '{}',
        ids jsonb NOT NULL DEFAULT '{}',
        purpose text,
        correlation_id text NOT NULL,
        chain_position bigint NOT NULL UNIQUE,
        hash bytea NOT NULL
      );
      CREATE INDEX entries_joint_case ON ${s}.entries (joint_case_id, id DESC) WHERE joint_case_id IS NOT NULL;
      CREATE INDEX entries_user ON ${s}.entries (user_id, id DESC);
      CREATE INDEX entries_agency ON ${s}.entries (agency_id, id DESC);
      CREATE INDEX entries_subjects ON ${s}.entries USING gin (subjects);
      CREATE INDEX entries_at ON ${s}.entries (at);

      CREATE TABLE ${s}.chain_head (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        position bigint NOT NULL,
        hash bytea NOT NULL
      );
      INSERT INTO ${s}.chain_head (position, hash) VALUES (0, ${GENESIS});

      ${DIGEST(s)}

      CREATE FUNCTION ${s}.chain_entry() RETURNS trigger LANGUAGE plpgsql AS $fn$
      DECLARE
        head record;
      BEGIN
        SELECT position, hash INTO head FROM ${s}.chain_head FOR UPDATE;
        NEW.chain_position := head.position + 1;
        NEW.hash := ${s}.entry_digest(head.hash, NEW);
        UPDATE ${s}.chain_head SET position = NEW.chain_position, hash = NEW.hash;
        RETURN NEW;
      END
      $fn$;
      CREATE TRIGGER entries_chain BEFORE INSERT ON ${s}.entries FOR EACH ROW EXECUTE FUNCTION ${s}.chain_entry();

      CREATE FUNCTION ${s}.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        RAISE EXCEPTION 'the audit log is append-only: % on %.% is refused', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END
      $fn$;
      CREATE TRIGGER entries_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON ${s}.entries
        FOR EACH STATEMENT EXECUTE FUNCTION ${s}.refuse_change();
      CREATE TRIGGER chain_head_kept BEFORE DELETE OR TRUNCATE ON ${s}.chain_head
        FOR EACH STATEMENT EXECUTE FUNCTION ${s}.refuse_change();

      -- The head only moves one step forward, as the chain trigger moves it.
      CREATE FUNCTION ${s}.head_moves_forward() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF NEW.position <> OLD.position + 1 THEN
          RAISE EXCEPTION 'the audit chain head only moves one entry forward' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END
      $fn$;
      CREATE TRIGGER chain_head_forward BEFORE UPDATE ON ${s}.chain_head
        FOR EACH ROW EXECUTE FUNCTION ${s}.head_moves_forward();
    `,
  },
];

interface EntryRow {
  id: string;
  at: string;
  user_id: string;
  agency_id: string;
  agency_type: string;
  roles: string[];
  action: AuditEntry['action'];
  operation: string;
  outcome: string;
  joint_case_id: string | null;
  subjects: string[];
  ids: Record<string, string[]>;
  purpose: string | null;
  correlation_id: string;
  chain_position: string;
  hash: string;
}

function toEntry(row: EntryRow): AuditEntry {
  return {
    id: row.id,
    at: new Date(row.at),
    userId: row.user_id,
    agencyId: row.agency_id,
    agencyType: row.agency_type,
    roles: row.roles,
    action: row.action,
    operation: row.operation,
    outcome: row.outcome,
    jointCaseId: row.joint_case_id,
    subjects: row.subjects,
    ids: row.ids,
    purpose: row.purpose,
    correlationId: row.correlation_id,
    chainPosition: row.chain_position,
    hash: row.hash,
  };
}

export class SqlAuditLog implements AuditLog {
  private constructor(
    private readonly db: SqlDatabase,
    private readonly schema: string,
  ) {}

  /** Migrates the schema (under the migrations' advisory lock, so services may start together). */
  static async open(db: SqlDatabase, options: { schema?: string } = {}): Promise<SqlAuditLog> {
    const schema = assertIdentifier(options.schema ?? AUDIT_SCHEMA);
    await migrate(db, schema, AUDIT_MIGRATIONS);
    return new SqlAuditLog(db, schema);
  }

  async append(records: readonly AuditRecord[]): Promise<void> {
    if (records.length === 0) return;
    const s = this.schema;
    const batch = records.map((r) => ({
      user_id: r.userId,
      agency_id: r.agencyId,
      agency_type: r.agencyType,
      roles: r.roles,
      action: r.action,
      operation: r.operation,
      outcome: r.outcome,
      joint_case_id: r.jointCaseId,
      subjects: r.subjects,
      ids: r.ids,
      purpose: r.purpose,
      correlation_id: r.correlationId,
    }));
    // One parameter for the whole batch, whatever its size; rows keep the given order.
    await this.db.query(
      `INSERT INTO ${s}.entries (user_id, agency_id, agency_type, roles, action, operation, outcome,
         joint_case_id, subjects, ids, purpose, correlation_id)
       SELECT r.user_id, r.agency_id, r.agency_type, ARRAY(SELECT jsonb_array_elements_text(r.roles)),
         r.action, r.operation, r.outcome, r.joint_case_id, ARRAY(SELECT jsonb_array_elements_text(r.subjects)),
         r.ids, r.purpose, r.correlation_id
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS batch(item, n)
       CROSS JOIN LATERAL jsonb_to_record(batch.item) AS r(user_id text, agency_id text, agency_type text,
         roles jsonb, action text, operation text, outcome text, joint_case_id text, subjects jsonb, ids jsonb,
         purpose text, correlation_id text)
       ORDER BY batch.n`,
      [JSON.stringify(batch)],
    );
  }

  async query(filter: AuditFilter, page: AuditPage): Promise<AuditEntry[]> {
    const s = this.schema;
    const params: unknown[] = [];
    const where: string[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.subject !== undefined) where.push(`subjects @> ARRAY[${param(filter.subject)}::text]`);
    if (filter.jointCaseId !== undefined) where.push(`joint_case_id = ${param(filter.jointCaseId)}`);
    if (filter.userId !== undefined) where.push(`user_id = ${param(filter.userId)}`);
    if (filter.agencyId !== undefined) where.push(`agency_id = ${param(filter.agencyId)}`);
    if (filter.action !== undefined) where.push(`action = ${param(filter.action)}`);
    if (filter.operation !== undefined) where.push(`operation = ${param(filter.operation)}`);
    if (filter.from !== undefined) where.push(`at >= ${param(filter.from.toISOString())}::timestamptz`);
    if (filter.to !== undefined) where.push(`at < ${param(filter.to.toISOString())}::timestamptz`);
    if (page.beforeId !== undefined) where.push(`id < ${param(page.beforeId)}::bigint`);
    const rows = await this.db.query<EntryRow>(
      `SELECT id::text AS id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at,
         user_id, agency_id, agency_type, to_jsonb(roles) AS roles, action, operation, outcome, joint_case_id,
         to_jsonb(subjects) AS subjects, ids, purpose, correlation_id, chain_position::text AS chain_position,
         encode(hash, 'hex') AS hash
       FROM ${s}.entries
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY id DESC
       LIMIT ${param(page.limit)}`,
      params,
    );
    return rows.map(toEntry);
  }

  /**
   * Recomputes every entry's hash from the stored previous one and checks the positions are consecutive
   * from 1 and end at the head: an entry altered, removed or inserted out of band breaks the chain there.
   */
  async verifyChain(): Promise<AuditChainVerification> {
    const s = this.schema;
    const [first] = await this.db.query<{ position: string; reason: string }>(
      `WITH walked AS (
         SELECT chain_position, hash,
           ${s}.entry_digest(coalesce(lag(hash) OVER w, ${GENESIS}), e) AS expected,
           chain_position - coalesce(lag(chain_position) OVER w, 0) AS step
         FROM ${s}.entries e
         WINDOW w AS (ORDER BY chain_position)
       )
       SELECT chain_position::text AS position,
         CASE WHEN step <> 1 THEN 'a gap before this position' ELSE 'the hash does not match the entry' END AS reason
       FROM walked WHERE step <> 1 OR hash <> expected
       ORDER BY chain_position LIMIT 1`,
    );
    const [totals] = await this.db.query<{ entries: string; last: string | null; last_hash: string | null }>(
      `SELECT count(*)::text AS entries, max(chain_position)::text AS last,
         (SELECT encode(hash, 'hex') FROM ${s}.entries ORDER BY chain_position DESC LIMIT 1) AS last_hash
       FROM ${s}.entries`,
    );
    const [head] = await this.db.query<{ position: string; hash: string }>(
      `SELECT position::text AS position, encode(hash, 'hex') AS hash FROM ${s}.chain_head`,
    );
    const entries = Number(totals?.entries ?? 0);
    if (first) return { entries, firstBroken: { chainPosition: first.position, reason: first.reason } };
    const last = totals?.last ?? '0';
    if (!head || head.position !== last || (totals?.last_hash != null && head.hash !== totals.last_hash)) {
      return {
        entries,
        firstBroken: { chainPosition: head?.position ?? '0', reason: `the head is not the last entry (${last})` },
      };
    }
    return { entries, firstBroken: null };
  }
}
