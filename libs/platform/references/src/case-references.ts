import { type LogPosition, type RecordedEvent } from '@pamoja/contracts';
import {
  FreshReads,
  type LogHead,
  type Projection,
  type SqlQueryable,
  eventDataOf,
  type EventData,
} from '@pamoja/event-store';

export const REFERENCES_SCHEMA = 'references_read';
const s = REFERENCES_SCHEMA;

/** The embedded app's projection name; in server mode each service keeps it under its own checkpoint. */
const CASE_REFERENCES_PROJECTION = 'platform.case-references';

export function caseReferencesProjectionName(serviceName: string | undefined): string {
  return serviceName ? `${serviceName}.case-references` : CASE_REFERENCES_PROJECTION;
}

/** What has a reference: a joint case, and each kind of record opened in one. */
export type ReferencedKind = 'case' | 'referral' | 'investigation' | 'prosecution' | 'assistance';

/**
 * The key a reference is kept under: the stream the record lives in (`referral-<id>`), and for a joint case
 * `case-<jointCaseId>` (the stream of the coordination body's decisions on it).
 */
export function referenceKeyOf(kind: ReferencedKind, id: string): string {
  return `${kind}-${id}`;
}

/** The event that opens each kind of record, on its own stream, and the letter its references carry. */
const RECORD_OPENINGS: Readonly<Record<string, { readonly kind: ReferencedKind; readonly letter: string }>> = {
  ReferralSubmitted: { kind: 'referral', letter: 'R' },
  InvestigationOpened: { kind: 'investigation', letter: 'E' },
  CaseFileReceived: { kind: 'prosecution', letter: 'P' },
  VictimRegistered: { kind: 'assistance', letter: 'A' },
};

/** Province prefixes: the two Kivus, and `CD` (the country) when neither is known. */
const PROVINCE_PREFIXES: Readonly<Record<string, string>> = { NORTH_KIVU: 'NK', SOUTH_KIVU: 'SK' };
const UNKNOWN_PROVINCE = 'CD';

/** The time zone of Goma and Bukavu (CAT, UTC+2 all year): a case opened on 31 December at 23:30 there is of that year. */
const KIVU_YEAR = new Intl.DateTimeFormat('en-GB', { timeZone: 'Africa/Lubumbashi', year: 'numeric' });

type Data = EventData;
const dataOf = eventDataOf;

function text(data: Data, key: string): string | null {
  const value = data[key];
  return typeof value === 'string' && value.trim().length > 0 ? value.trim() : null;
}

function provincePrefix(province: string | null | undefined): string {
  return (province ? PROVINCE_PREFIXES[province.toUpperCase()] : undefined) ?? UNKNOWN_PROVINCE;
}

/** `00042`: at least five digits, more once past 99999. */
function ordinal(n: number): string {
  return String(n).padStart(5, '0');
}

/**
 * The references people say and write: `NK-2026-00042` for a joint case, `NK-2026-00042-R1` for its first
 * referral. A deterministic function of the log, in its global order (ADR 0023):
 * - a joint case is numbered when the first event naming it is read: `<province>-<year>-<ordinal>`, the
 *   province that of the registered site its first record names, else that of the agency that recorded it
 *   (the agency directory), else `CD`; the year that of the event's recording in Kivu time; the ordinal its
 *   rank in that province-year series;
 * - a record (referral `R`, investigation `E`, prosecution `P`, assistance case `A`) is numbered when its
 *   opening event is read: the case's reference, its letter, its rank among the case's records of its kind.
 *
 * Every writer numbers the same log in the same order, so in server mode each service keeps it under a
 * checkpoint of its own on the one table: its counters are its own (kept in the transaction of its
 * checkpoint), the references it writes are inserted once, and one that differs from the reference already
 * there stops the projection (two writers disagreeing is a bug to see, never a reference to change).
 * Nothing is appended, so numbering adds no contention to the log.
 */
export function caseReferencesProjection(name: string = CASE_REFERENCES_PROJECTION): Projection {
  const writer = name;

  /** The reference kept under a key, and whether it was given at this very event. */
  const existing = async (
    tx: SqlQueryable,
    key: string,
    at: LogPosition,
  ): Promise<{ reference: string; here: boolean } | null> => {
    const rows = await tx.query<{ reference: string; here: boolean }>(
      `SELECT reference, (transaction_id = $2 AND global_position = $3) AS here
       FROM ${s}.record_references WHERE record_key = $1`,
      [key, at.transactionId, at.globalPosition],
    );
    return rows[0] ?? null;
  };

  /** This writer's next ordinal in a series, or null when it already counted this event (a redelivery). */
  const nextOrdinal = async (tx: SqlQueryable, series: string, at: LogPosition): Promise<number | null> => {
    const rows = await tx.query<{ last_value: number }>(
      `INSERT INTO ${s}.counters (writer, series, last_value, transaction_id, global_position)
       VALUES ($1, $2, 1, $3, $4)
       ON CONFLICT (writer, series) DO UPDATE
         SET last_value = ${s}.counters.last_value + 1,
             transaction_id = EXCLUDED.transaction_id,
             global_position = EXCLUDED.global_position
         WHERE (${s}.counters.transaction_id, ${s}.counters.global_position)
             < (EXCLUDED.transaction_id, EXCLUDED.global_position)
       RETURNING last_value`,
      [writer, series, at.transactionId, at.globalPosition],
    );
    const row = rows[0];
    return row ? row.last_value : null;
  };

  /** Keeps a reference once; another writer's row must be the same reference. */
  const put = async (
    tx: SqlQueryable,
    key: string,
    reference: string,
    jointCaseId: string,
    at: LogPosition,
  ): Promise<void> => {
    const inserted = await tx.query(
      `INSERT INTO ${s}.record_references (record_key, reference, joint_case_id, transaction_id, global_position)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (record_key) DO NOTHING RETURNING record_key`,
      [key, reference, jointCaseId, at.transactionId, at.globalPosition],
    );
    if (inserted.length > 0) return;
    const kept = await existing(tx, key, at);
    if (kept && kept.reference !== reference) {
      throw new Error(
        `${writer} numbers ${key} ${reference} where the references already say ${kept.reference}: ` +
          'writers disagree on the numbering of the log; nothing is renumbered',
      );
    }
  };

  /** Gives a reference at this event unless this writer counted it already (then the one kept stands). */
  const assign = async (
    tx: SqlQueryable,
    key: string,
    series: string,
    format: (n: number) => string,
    jointCaseId: string,
    at: LogPosition,
  ): Promise<string> => {
    const n = await nextOrdinal(tx, series, at);
    if (n === null) {
      const kept = await existing(tx, key, at);
      if (!kept) throw new Error(`${writer} counted ${key} in ${series} but keeps no reference for it`);
      return kept.reference;
    }
    const reference = format(n);
    await put(tx, key, reference, jointCaseId, at);
    return reference;
  };

  /** The province of a case's first record: its registered site's, else its agency's, as the log stood then. */
  const provinceOf = async (tx: SqlQueryable, event: RecordedEvent, at: LogPosition): Promise<string> => {
    const data = dataOf(event);
    const site = typeof data['site'] === 'object' && data['site'] !== null ? (data['site'] as Data) : {};
    const siteCode = text(site, 'code') ?? text(data, 'siteCode');
    const siteId = text(data, 'siteId');
    if (siteCode || siteId) {
      const rows = await tx.query<{ province: string }>(
        `SELECT province FROM ${s}.sites
         WHERE (code = upper($1) OR site_id = $2) AND (transaction_id, global_position) < ($3, $4)
         ORDER BY transaction_id, global_position LIMIT 1`,
        [siteCode ?? '', siteId ?? '', at.transactionId, at.globalPosition],
      );
      if (rows[0]) return provincePrefix(rows[0].province);
    }
    const agencyId = event.metadata.actor.agencyId;
    if (agencyId) {
      const rows = await tx.query<{ province: string }>(
        `SELECT province FROM ${s}.agencies
         WHERE agency_id = $1 AND (transaction_id, global_position) < ($2, $3)
         ORDER BY transaction_id DESC, global_position DESC LIMIT 1`,
        [agencyId, at.transactionId, at.globalPosition],
      );
      if (rows[0]) return provincePrefix(rows[0].province);
    }
    return UNKNOWN_PROVINCE;
  };

  return {
    name,
    schema: s,
    // Every event, so that its checkpoint follows the log's head: lookups compare the two before saying no.
    filter: {},
    // Lookups wait for it themselves (`SqlCaseReferences`); a command's answer need not.
    readYourWrites: false,
    migrations: [
      {
        version: 1,
        name: 'references of joint cases and records, per-writer counters, sites and agencies by province',
        up: (schema) => `
          CREATE TABLE ${schema}.record_references (
            record_key text PRIMARY KEY,
            reference text NOT NULL UNIQUE,
            joint_case_id text NOT NULL,
            transaction_id bigint NOT NULL,
            global_position bigint NOT NULL
          );
          CREATE INDEX record_references_case ON ${schema}.record_references (joint_case_id);
          CREATE TABLE ${schema}.counters (
            writer text NOT NULL,
            series text NOT NULL,
            last_value integer NOT NULL,
            transaction_id bigint NOT NULL,
            global_position bigint NOT NULL,
            PRIMARY KEY (writer, series)
          );
          CREATE TABLE ${schema}.sites (
            site_id text PRIMARY KEY,
            code text NOT NULL,
            province text NOT NULL,
            transaction_id bigint NOT NULL,
            global_position bigint NOT NULL
          );
          CREATE INDEX sites_code ON ${schema}.sites (code);
          CREATE TABLE ${schema}.agencies (
            agency_id text NOT NULL,
            province text NOT NULL,
            transaction_id bigint NOT NULL,
            global_position bigint NOT NULL,
            PRIMARY KEY (agency_id, transaction_id, global_position)
          );`,
      },
    ],
    /**
     * A rebuild forgets this writer's counters only: the references stay, and the rebuild numbers the log
     * again against them (a difference stops it). Other writers' counters are theirs.
     */
    async reset(tx: SqlQueryable): Promise<void> {
      await tx.query(`DELETE FROM ${s}.counters WHERE writer = $1`, [writer]);
    },
    async apply(tx: SqlQueryable, event: RecordedEvent): Promise<void> {
      const at: LogPosition = { transactionId: event.transactionId, globalPosition: event.globalPosition };
      const data = dataOf(event);

      // Where the provinces come from: registered sites, and agencies as the directory keeps them.
      if (event.type === 'MineSiteRegistered') {
        const siteId = text(data, 'siteId');
        const code = text(data, 'code');
        const province = text(data, 'province');
        if (siteId && code && province) {
          await tx.query(
            `INSERT INTO ${s}.sites (site_id, code, province, transaction_id, global_position)
             VALUES ($1, upper($2), upper($3), $4, $5) ON CONFLICT DO NOTHING`,
            [siteId, code, province, at.transactionId, at.globalPosition],
          );
        }
      }
      if (event.streamId.startsWith('agency-')) {
        const agencyId = text(data, 'agencyId');
        const province = text(data, 'province');
        if (agencyId && province) {
          await tx.query(
            `INSERT INTO ${s}.agencies (agency_id, province, transaction_id, global_position)
             VALUES ($1, upper($2), $3, $4) ON CONFLICT DO NOTHING`,
            [agencyId, province, at.transactionId, at.globalPosition],
          );
        }
      }

      const jointCaseId = event.metadata.jointCaseId;
      if (!jointCaseId) return;

      // The first event naming a case opens it: no reference yet, or the one given at this very event.
      const caseKey = referenceKeyOf('case', jointCaseId);
      const known = await existing(tx, caseKey, at);
      let caseReference: string;
      if (known && !known.here) {
        caseReference = known.reference;
      } else {
        const year = KIVU_YEAR.format(new Date(event.recordedAt));
        const series = `${await provinceOf(tx, event, at)}-${year}`;
        caseReference = await assign(tx, caseKey, series, (n) => `${series}-${ordinal(n)}`, jointCaseId, at);
      }

      const opening = RECORD_OPENINGS[event.type];
      if (opening && event.streamRevision === 0 && event.streamId.startsWith(`${opening.kind}-`)) {
        const series = `${caseReference}-${opening.letter}`;
        await assign(tx, event.streamId, series, (n) => `${series}${String(n)}`, jointCaseId, at);
      }
    },
  };
}

/** A case's reference (`NK-2026-00042`), or a record's (`NK-2026-00042-R1`). */
const REFERENCE = /^([A-Z]{2})-(\d{4})-(\d{1,9})(?:-([REPA])(\d{1,6}))?$/;

/**
 * A reference as people type it, written the one way it is kept: any case, spaces or dashes between its
 * parts, ordinals with or without their zeros (`nk 2026 42 r01` is `NK-2026-00042-R1`). Null when it is not
 * a reference at all.
 */
export function canonicalReference(input: string): string | null {
  const parts = input
    .trim()
    .toUpperCase()
    .replace(/[\u2010-\u2015]/g, '-')
    .split(/[\s-]+/)
    .filter((part) => part.length > 0);
  // `R1` may be typed `R 1`.
  const joined = parts.join('-').replace(/-([REPA])-(\d+)$/, '-$1$2');
  const match = REFERENCE.exec(joined);
  if (!match) return null;
  const [, province, year, caseOrdinal, letter, recordOrdinal] = match;
  const caseNumber = Number(caseOrdinal);
  if (caseNumber < 1) return null;
  const base = `${province ?? ''}-${year ?? ''}-${ordinal(caseNumber)}`;
  if (!letter) return base;
  const recordNumber = Number(recordOrdinal);
  return recordNumber < 1 ? null : `${base}-${letter}${String(recordNumber)}`;
}

/** What a reference names. */
export interface ReferencedRecord {
  readonly reference: string;
  /** `case-<jointCaseId>`, `referral-<referralId>`, … */
  readonly recordKey: string;
  readonly jointCaseId: string;
}

/** A lookup waiting for its batch. */
interface Waiting {
  resolve(reference: string | null): void;
  reject(error: unknown): void;
}

/**
 * Reads references. A record not found waits (up to two seconds) for the read model to reach the log as
 * it stood when asked, so a record just created is never shown without its reference for the projection's
 * lag. Lookups of one tick are read together: a page of fifty referrals asks once.
 */
export class SqlCaseReferences {
  private pending: Map<string, Waiting[]> | undefined;
  private readonly reads: FreshReads;

  constructor(
    private readonly db: SqlQueryable,
    projectionName: string,
    log?: LogHead,
  ) {
    this.reads = new FreshReads(db, projectionName, log);
  }

  /** The reference of a record (batched with every other lookup of the same tick). */
  referenceOf(kind: ReferencedKind, id: string): Promise<string | null> {
    const key = referenceKeyOf(kind, id);
    return new Promise((resolve, reject) => {
      let batch = this.pending;
      if (!batch) {
        const opened = new Map<string, Waiting[]>();
        batch = opened;
        this.pending = opened;
        setImmediate(() => {
          this.pending = undefined;
          this.referencesOf([...opened.keys()]).then(
            (found) => {
              for (const [k, waiting] of opened) for (const w of waiting) w.resolve(found.get(k) ?? null);
            },
            (error: unknown) => {
              for (const waiting of opened.values()) for (const w of waiting) w.reject(error);
            },
          );
        });
      }
      const waiting = batch.get(key) ?? [];
      waiting.push({ resolve, reject });
      batch.set(key, waiting);
    });
  }

  /** The references kept under these keys (`referral-<id>`, `case-<id>`): one read, and one wait for any missing. */
  async referencesOf(keys: readonly string[]): Promise<Map<string, string>> {
    const read = async (wanted: readonly string[]) => {
      const rows = await this.db.query<{ record_key: string; reference: string }>(
        `SELECT record_key, reference FROM ${s}.record_references WHERE record_key = ANY($1::text[])`,
        [wanted],
      );
      return new Map(rows.map((r) => [r.record_key, r.reference]));
    };
    return this.reads.read(
      () => read(keys),
      (found) => keys.every((k) => found.has(k)),
    );
  }

  /** What a reference names, typed as people type it (see `canonicalReference`); null when nothing has it. */
  async find(reference: string): Promise<ReferencedRecord | null> {
    const canonical = canonicalReference(reference);
    if (!canonical) return null;
    const read = async () => {
      const rows = await this.db.query<{ reference: string; record_key: string; joint_case_id: string }>(
        `SELECT reference, record_key, joint_case_id FROM ${s}.record_references WHERE reference = $1`,
        [canonical],
      );
      const row = rows[0];
      return row ? { reference: row.reference, recordKey: row.record_key, jointCaseId: row.joint_case_id } : null;
    };
    return this.reads.read(read, (found) => found !== null);
  }
}
