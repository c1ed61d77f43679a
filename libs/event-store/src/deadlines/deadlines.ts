import { type RecordedEvent } from '@pamoja/contracts';
import { type Projection } from '../projections/projection.js';
import { type SqlQueryable } from '../sql/sql-database.js';

/** A handoff that must be answered by a given time. */
export interface OpenedDeadline {
  /** Unique and stable, e.g. `referral:<id>`: the same deadline is never opened or raised twice. */
  readonly key: string;
  readonly kind: string;
  /** ISO-8601 UTC. */
  readonly dueAt: string;
  /** The stream the missed deadline will be recorded in. */
  readonly streamId: string;
  readonly jointCaseId: string | null;
  /** The agency that has to answer. */
  readonly agencyId: string;
}

/** Which events open deadlines and which close them (answered, withdrawn, or recorded as missed). */
export interface DeadlineRule {
  readonly kind: string;
  readonly eventTypes: readonly string[];
  opened(event: RecordedEvent): readonly OpenedDeadline[];
  closed(event: RecordedEvent): readonly string[];
  /**
   * Prefixes of keys the event closes, for an event that does not know the exact key (a hearing held
   * closes its deadline whatever date it was last moved to). Closing comes before opening, so an event
   * may close a deadline and open its successor.
   */
  closedPrefixes?(event: RecordedEvent): readonly string[];
}

export interface DueDeadline extends OpenedDeadline {
  readonly openedAt: Date;
}

export const DEADLINES_SCHEMA = 'deadlines_read';

/**
 * The pending handoffs and their due times, computed from the log like any read model: durable,
 * correct after a restart, rebuilt from position 0 like the others. In server mode each service keeps
 * the deadlines of its own kinds under its own name (and checkpoint) in the shared table.
 */
export function deadlinesProjection(rules: readonly DeadlineRule[], name = 'platform.deadlines'): Projection {
  const s = DEADLINES_SCHEMA;
  const types = [...new Set(rules.flatMap((r) => r.eventTypes))];
  const kinds = rules.map((r) => r.kind);
  return {
    name,
    schema: s,
    filter: { eventTypes: types },
    migrations: [
      {
        version: 1,
        name: 'deadlines',
        up: (schema) => `
          CREATE TABLE ${schema}.deadlines (
            key text PRIMARY KEY,
            kind text NOT NULL,
            due_at timestamptz NOT NULL,
            stream_id text NOT NULL,
            joint_case_id text,
            agency_id text NOT NULL,
            opened_at timestamptz NOT NULL,
            closed_at timestamptz
          );
          CREATE INDEX deadlines_open_due ON ${schema}.deadlines (due_at) WHERE closed_at IS NULL;`,
      },
      {
        version: 2,
        name: 'the log position that opened each deadline',
        // Closing by prefix closes only what earlier events opened, so an event delivered again never closes
        // a successor a later event opened.
        up: (schema) => `ALTER TABLE ${schema}.deadlines ADD COLUMN opened_position bigint;`,
      },
      {
        version: 3,
        name: 'open deadlines by key prefix',
        // Closing by prefix (`closeByPrefix`) found its rows by scanning every open deadline: one scan per hearing
        // event, so the cost grew with the open deadlines (24 ms each at a million events, and the rebuild with the
        // square of the log). text_pattern_ops lets `key LIKE 'prefix%'` walk this index whatever the collation.
        up: (schema) =>
          `CREATE INDEX deadlines_open_key_prefix ON ${schema}.deadlines (kind, key text_pattern_ops) WHERE closed_at IS NULL;`,
      },
    ],
    async reset(tx: SqlQueryable) {
      await tx.query(`DELETE FROM ${s}.deadlines WHERE kind = ANY($1::text[])`, [kinds]);
    },
    async apply(tx: SqlQueryable, event: RecordedEvent) {
      for (const rule of rules) {
        if (!rule.eventTypes.includes(event.type)) continue;
        const closed = rule.closed(event);
        if (closed.length > 0) {
          await tx.query(`UPDATE ${s}.deadlines SET closed_at = $2 WHERE key = ANY($1::text[]) AND closed_at IS NULL`, [
            [...closed],
            event.recordedAt,
          ]);
        }
        for (const prefix of rule.closedPrefixes?.(event) ?? []) {
          await closeByPrefix(tx, rule.kind, prefix, event);
        }
        for (const d of rule.opened(event)) {
          await tx.query(
            `INSERT INTO ${s}.deadlines (key, kind, due_at, stream_id, joint_case_id, agency_id, opened_at, opened_position)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (key) DO NOTHING`,
            [d.key, d.kind, d.dueAt, d.streamId, d.jointCaseId, d.agencyId, event.recordedAt, event.globalPosition],
          );
        }
      }
    },
    /**
     * A page in a few statements, to the rows `apply` one event at a time leaves. Opening and closing different
     * keys commute, and of two opens (or two closes) of one key the first wins either way; so the page's opens go
     * in one insert and then its closes in one update, until an event opens a key the batch closes (closed
     * before it opened: the batch is written first) or closes by prefix (written first, then on its own).
     */
    async applyPage(tx: SqlQueryable, events: readonly RecordedEvent[]) {
      const batch = new DeadlineBatch(tx);
      for (const event of events) {
        for (const rule of rules) {
          if (!rule.eventTypes.includes(event.type)) continue;
          batch.close(rule.closed(event), event.recordedAt);
          const prefixes = rule.closedPrefixes?.(event) ?? [];
          if (prefixes.length > 0) await batch.write();
          for (const prefix of prefixes) {
            await closeByPrefix(tx, rule.kind, prefix, event);
          }
          for (const d of rule.opened(event)) {
            if (batch.closes(d.key)) await batch.write();
            batch.open(d, event);
          }
        }
      }
      await batch.write();
    },
  };
}

/**
 * Closes the open deadlines of a kind whose key starts with `prefix`, opened earlier in the log than `event`: a
 * redelivered event never closes a later successor. The prefix is matched literally (`%`, `_` and `\` in it are
 * escaped) through the index of open deadlines by key (migration 3).
 */
async function closeByPrefix(tx: SqlQueryable, kind: string, prefix: string, event: RecordedEvent): Promise<void> {
  await tx.query(
    `UPDATE ${DEADLINES_SCHEMA}.deadlines SET closed_at = $3
     WHERE kind = $1 AND key LIKE $2 AND closed_at IS NULL AND COALESCE(opened_position, 0) < $4`,
    [kind, `${prefix.replace(/[\\%_]/g, '\\$&')}%`, event.recordedAt, event.globalPosition],
  );
}

/** Deadlines opened and closed by a page, written as one insert and then one update (see `applyPage`). */
class DeadlineBatch {
  private opened: unknown[] = [];
  private closed = new Map<string, Date>();

  constructor(private readonly tx: SqlQueryable) {}

  closes(key: string): boolean {
    return this.closed.has(key);
  }

  /** The first close of a key is the one that counts, as `closed_at IS NULL` makes it one event at a time. */
  close(keys: readonly string[], at: Date): void {
    for (const key of keys) if (!this.closed.has(key)) this.closed.set(key, at);
  }

  open(d: OpenedDeadline, event: RecordedEvent): void {
    this.opened.push({ ...d, openedAt: event.recordedAt.toISOString(), openedPosition: event.globalPosition });
  }

  async write(): Promise<void> {
    const s = DEADLINES_SCHEMA;
    if (this.opened.length > 0) {
      // In log order: of two opens of one key, the first stays.
      await this.tx.query(
        `INSERT INTO ${s}.deadlines (key, kind, due_at, stream_id, joint_case_id, agency_id, opened_at, opened_position)
         SELECT r->>'key', r->>'kind', (r->>'dueAt')::timestamptz, r->>'streamId', r->>'jointCaseId', r->>'agencyId',
           (r->>'openedAt')::timestamptz, (r->>'openedPosition')::bigint
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(r, n)
         ORDER BY n
         ON CONFLICT (key) DO NOTHING`,
        [JSON.stringify(this.opened)],
      );
      this.opened = [];
    }
    if (this.closed.size > 0) {
      await this.tx.query(
        `UPDATE ${s}.deadlines d SET closed_at = c.at
         FROM unnest($1::text[], $2::timestamptz[]) AS c(key, at)
         WHERE d.key = c.key AND d.closed_at IS NULL`,
        [[...this.closed.keys()], [...this.closed.values()].map((at) => at.toISOString())],
      );
      this.closed = new Map();
    }
  }
}

interface DeadlineRow {
  key: string;
  kind: string;
  due_at: Date;
  stream_id: string;
  joint_case_id: string | null;
  agency_id: string;
  opened_at: Date;
}

/** Open deadlines whose time has come, oldest first (only of the given kinds, when given). */
export async function dueDeadlines(
  db: SqlQueryable,
  now: Date,
  limit = 100,
  kinds?: readonly string[],
): Promise<DueDeadline[]> {
  const rows = await db.query<DeadlineRow>(
    `SELECT * FROM ${DEADLINES_SCHEMA}.deadlines
     WHERE closed_at IS NULL AND due_at <= $1 AND ($3::text[] IS NULL OR kind = ANY($3::text[]))
     ORDER BY due_at, key LIMIT $2`,
    [now.toISOString(), limit, kinds ? [...kinds] : null],
  );
  return rows.map((r) => ({
    key: r.key,
    kind: r.kind,
    dueAt: r.due_at.toISOString(),
    streamId: r.stream_id,
    jointCaseId: r.joint_case_id,
    agencyId: r.agency_id,
    openedAt: r.opened_at,
  }));
}
