import { type RecordedEvent } from '@pamoja/contracts';
import {
  FreshReads,
  type LogHead,
  type Projection,
  type SqlQueryable,
  eventDataOf,
  type EventData,
} from '@pamoja/event-store';
import { readModelCopyOf, type ReadModelCopy } from '@pamoja/platform/membership';

/** The embedded app's schema; each agency service keeps its own copy in a schema of its own (`caseReferencesCopy`). */
export const REFERENCES_SCHEMA = 'references_read';

/** The embedded app's projection name. */
const CASE_REFERENCES_PROJECTION = 'platform.case-references';

/** The references read model this process keeps: the embedded app's, or (server mode) a service's own copy. */
export function caseReferencesCopy(serviceName?: string): ReadModelCopy {
  return readModelCopyOf(
    { projection: CASE_REFERENCES_PROJECTION, schema: REFERENCES_SCHEMA },
    'case-references',
    serviceName,
  );
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
 * Every process numbers the same log in the same order, so each keeps its own copy (`caseReferencesCopy`:
 * the embedded app one, each service in server mode its own schema) and every copy gives every record the
 * same reference: an ordinal is the count of the series' events before it in the log, never an order of
 * arrival between processes. The counters are kept in the transaction of the checkpoint; a reference is
 * inserted once, and one that differs from the reference already kept (a rebuild numbering otherwise) stops
 * the projection: a disagreement is a bug to see, never a reference to change. Nothing is appended, so
 * numbering adds no contention to the log, and no process waits on another's rows.
 */
export function caseReferencesProjection(copy: ReadModelCopy = caseReferencesCopy()): Projection {
  const name = copy.projection;
  const s = copy.schema;
  const writer = name;

  const number = (tx: SqlQueryable, events: readonly RecordedEvent[]) => numberPage(tx, s, writer, events);

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
     * A rebuild forgets the counters only: the references stay, and the rebuild numbers the log again against
     * them (a difference stops it). The counters are keyed by writer, the copy's projection (one per copy).
     */
    async reset(tx: SqlQueryable): Promise<void> {
      await tx.query(`DELETE FROM ${s}.counters WHERE writer = $1`, [writer]);
    },
    /** One event is a page of one: the same code numbers the live log and a rebuild. */
    async apply(tx: SqlQueryable, event: RecordedEvent): Promise<void> {
      await number(tx, [event]);
    },
    /** A page in at most eight statements, whatever its length (ADR 0036). */
    async applyPage(tx: SqlQueryable, events: readonly RecordedEvent[]): Promise<void> {
      await number(tx, events);
    },
  };
}

/** Where an event is in the log. */
interface At {
  readonly transactionId: number;
  readonly globalPosition: number;
}
const positionOf = (event: RecordedEvent): At => ({
  transactionId: event.transactionId,
  globalPosition: event.globalPosition,
});
const isBefore = (a: At, b: At): boolean =>
  a.transactionId < b.transactionId || (a.transactionId === b.transactionId && a.globalPosition < b.globalPosition);
const isAt = (a: At, b: At): boolean => a.transactionId === b.transactionId && a.globalPosition === b.globalPosition;
/** Positions are read as text: a bigint column may come back as a string. */
const POSITION_COLUMNS = 'transaction_id::text AS tx, global_position::text AS gp';
const positionOfRow = (row: { tx: string; gp: string }): At => ({
  transactionId: Number(row.tx),
  globalPosition: Number(row.gp),
});

interface SiteRow extends At {
  readonly siteId: string;
  readonly code: string;
  readonly province: string;
}
interface AgencyRow extends At {
  readonly agencyId: string;
  readonly province: string;
}

/**
 * Numbers a page of the log, exactly as the events one at a time would (ADR 0023): what the page needs of the
 * tables (references, sites, agencies, counters) is read once, the page is numbered in memory in log order, and
 * what changed is written at the end. Cases are numbered first, then records: the two use different series, and
 * a record's series is its case's reference. A reference that differs from the one kept stops the page, as it
 * stopped the event.
 */
async function numberPage(
  tx: SqlQueryable,
  s: string,
  writer: string,
  events: readonly RecordedEvent[],
): Promise<void> {
  // Where the provinces come from: registered sites (the first registration of a site counts), and agencies as
  // the directory keeps them.
  const pageSites: SiteRow[] = [];
  const pageAgencies: AgencyRow[] = [];
  const inCase: { event: RecordedEvent; jointCaseId: string; at: At }[] = [];
  for (const event of events) {
    const at = positionOf(event);
    const data = dataOf(event);
    if (event.type === 'MineSiteRegistered') {
      const siteId = text(data, 'siteId');
      const code = text(data, 'code');
      const province = text(data, 'province');
      if (siteId && code && province) {
        pageSites.push({ siteId, code: code.toUpperCase(), province: province.toUpperCase(), ...at });
      }
    }
    if (event.streamId.startsWith('agency-')) {
      const agencyId = text(data, 'agencyId');
      const province = text(data, 'province');
      if (agencyId && province) pageAgencies.push({ agencyId, province: province.toUpperCase(), ...at });
    }
    const jointCaseId = event.metadata.jointCaseId;
    if (jointCaseId) inCase.push({ event, jointCaseId, at });
  }

  const openingOf = (event: RecordedEvent) => {
    const opening = RECORD_OPENINGS[event.type];
    return opening && event.streamRevision === 0 && event.streamId.startsWith(`${opening.kind}-`) ? opening : undefined;
  };

  // The references kept under the page's keys.
  const kept = new Map<string, { reference: string; at: At }>();
  const added = new Map<string, { reference: string; jointCaseId: string; at: At }>();
  if (inCase.length > 0) {
    const keys = new Set<string>();
    for (const { event, jointCaseId } of inCase) {
      keys.add(referenceKeyOf('case', jointCaseId));
      if (openingOf(event)) keys.add(event.streamId);
    }
    const rows = await tx.query<{ record_key: string; reference: string; tx: string; gp: string }>(
      `SELECT record_key, reference, ${POSITION_COLUMNS} FROM ${s}.record_references WHERE record_key = ANY($1::text[])`,
      [[...keys]],
    );
    for (const row of rows) kept.set(row.record_key, { reference: row.reference, at: positionOfRow(row) });
  }
  const existing = (key: string, at: At): { reference: string; here: boolean } | null => {
    const found = added.get(key) ?? kept.get(key);
    return found ? { reference: found.reference, here: isAt(found.at, at) } : null;
  };
  const put = (key: string, reference: string, jointCaseId: string, at: At): void => {
    const found = existing(key, at);
    if (!found) {
      added.set(key, { reference, jointCaseId, at });
      return;
    }
    if (found.reference !== reference) {
      throw new Error(
        `${writer} numbers ${key} ${reference} where the references already say ${found.reference}: ` +
          'writers disagree on the numbering of the log; nothing is renumbered',
      );
    }
  };

  // The counters of the series the page numbers in, read once per stage.
  const counters = new Map<string, { last: number; at: At } | null>();
  const changed = new Set<string>();
  const loadCounters = async (series: Iterable<string>): Promise<void> => {
    const wanted = [...new Set(series)].filter((name) => !counters.has(name));
    if (wanted.length === 0) return;
    for (const name of wanted) counters.set(name, null);
    const rows = await tx.query<{ series: string; last_value: number; tx: string; gp: string }>(
      `SELECT series, last_value, ${POSITION_COLUMNS} FROM ${s}.counters WHERE writer = $1 AND series = ANY($2::text[])`,
      [writer, wanted],
    );
    for (const row of rows) counters.set(row.series, { last: row.last_value, at: positionOfRow(row) });
  };
  /** This writer's next ordinal in a series, or null when it already counted this event (a redelivery). */
  const nextOrdinal = (series: string, at: At): number | null => {
    const counter = counters.get(series);
    if (counter === undefined) throw new Error(`${writer}: the counter of ${series} was not read`);
    if (counter && !isBefore(counter.at, at)) return null;
    const last = (counter?.last ?? 0) + 1;
    counters.set(series, { last, at });
    changed.add(series);
    return last;
  };
  /** Gives a reference at this event unless this writer counted it already (then the one kept stands). */
  const assign = (key: string, series: string, format: (n: number) => string, jointCaseId: string, at: At) => {
    const n = nextOrdinal(series, at);
    if (n === null) {
      const found = existing(key, at);
      if (!found) throw new Error(`${writer} counted ${key} in ${series} but keeps no reference for it`);
      return found.reference;
    }
    const reference = format(n);
    put(key, reference, jointCaseId, at);
    return reference;
  };

  // Stage 1, the cases. The first event naming a case opens it: no reference yet, or the one given at this very
  // event. Those events need the province of their first record, as the log stood then.
  const opens: typeof inCase = [];
  const named = new Set<string>();
  for (const item of inCase) {
    const key = referenceKeyOf('case', item.jointCaseId);
    if (named.has(key)) continue;
    named.add(key);
    const found = existing(key, item.at);
    if (!found || found.here) opens.push(item);
  }
  const caseReferences = new Map<string, string>();
  for (const [key, found] of kept) caseReferences.set(key, found.reference);
  if (opens.length > 0) {
    const province = await provincesOf(tx, s, opens, pageSites, pageAgencies);
    const seriesOf = new Map(
      opens.map((o, i) => [o, `${province[i] ?? UNKNOWN_PROVINCE}-${KIVU_YEAR.format(new Date(o.event.recordedAt))}`]),
    );
    await loadCounters(seriesOf.values());
    for (const item of opens) {
      const series = seriesOf.get(item) ?? '';
      const key = referenceKeyOf('case', item.jointCaseId);
      caseReferences.set(
        key,
        assign(key, series, (n) => `${series}-${ordinal(n)}`, item.jointCaseId, item.at),
      );
    }
  }

  // Stage 2, the records, in their case's series.
  const openings = inCase.flatMap((item) => {
    const opening = openingOf(item.event);
    const caseReference = caseReferences.get(referenceKeyOf('case', item.jointCaseId));
    return opening && caseReference ? [{ ...item, series: `${caseReference}-${opening.letter}` }] : [];
  });
  await loadCounters(openings.map((o) => o.series));
  for (const item of openings) {
    assign(item.event.streamId, item.series, (n) => `${item.series}${String(n)}`, item.jointCaseId, item.at);
  }

  // What changed, written.
  const json = (rows: readonly object[]) => JSON.stringify(rows);
  if (pageSites.length > 0) {
    await tx.query(
      `INSERT INTO ${s}.sites (site_id, code, province, transaction_id, global_position)
       SELECT r.site_id, r.code, r.province, r.tx, r.gp
       FROM jsonb_to_recordset($1::jsonb) AS r(site_id text, code text, province text, tx bigint, gp bigint)
       ON CONFLICT DO NOTHING`,
      [json(firstOf(pageSites, (r) => r.siteId).map((r) => siteRecord(r)))],
    );
  }
  if (pageAgencies.length > 0) {
    await tx.query(
      `INSERT INTO ${s}.agencies (agency_id, province, transaction_id, global_position)
       SELECT r.agency_id, r.province, r.tx, r.gp
       FROM jsonb_to_recordset($1::jsonb) AS r(agency_id text, province text, tx bigint, gp bigint)
       ON CONFLICT DO NOTHING`,
      [
        json(
          firstOf(pageAgencies, agencyKey).map((r) => ({
            agency_id: r.agencyId,
            province: r.province,
            tx: r.transactionId,
            gp: r.globalPosition,
          })),
        ),
      ],
    );
  }
  if (changed.size > 0) {
    const rows = [...changed].flatMap((series) => {
      const counter = counters.get(series);
      return counter
        ? [{ series, last_value: counter.last, tx: counter.at.transactionId, gp: counter.at.globalPosition }]
        : [];
    });
    await tx.query(
      `INSERT INTO ${s}.counters (writer, series, last_value, transaction_id, global_position)
       SELECT $1, r.series, r.last_value, r.tx, r.gp
       FROM jsonb_to_recordset($2::jsonb) AS r(series text, last_value integer, tx bigint, gp bigint)
       ON CONFLICT (writer, series) DO UPDATE
         SET last_value = EXCLUDED.last_value,
             transaction_id = EXCLUDED.transaction_id,
             global_position = EXCLUDED.global_position`,
      [writer, json(rows)],
    );
  }
  if (added.size > 0) {
    await tx.query(
      `INSERT INTO ${s}.record_references (record_key, reference, joint_case_id, transaction_id, global_position)
       SELECT r.record_key, r.reference, r.joint_case_id, r.tx, r.gp
       FROM jsonb_to_recordset($1::jsonb) AS r(record_key text, reference text, joint_case_id text, tx bigint, gp bigint)
       ON CONFLICT (record_key) DO NOTHING`,
      [
        json(
          [...added].map(([key, r]) => ({
            record_key: key,
            reference: r.reference,
            joint_case_id: r.jointCaseId,
            tx: r.at.transactionId,
            gp: r.at.globalPosition,
          })),
        ),
      ],
    );
  }
}

const siteRecord = (r: SiteRow) => ({
  site_id: r.siteId,
  code: r.code,
  province: r.province,
  tx: r.transactionId,
  gp: r.globalPosition,
});
const agencyKey = (r: AgencyRow): string => JSON.stringify([r.agencyId, r.transactionId, r.globalPosition]);

/** The first row of each key, in the list's order (ON CONFLICT DO NOTHING keeps the first). */
function firstOf<T>(rows: readonly T[], key: (row: T) => string): T[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const k = key(row);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * The province prefix of each case opened in the page: its registered site's (the site's first registration
 * before the event), else its agency's in the directory (the last entry before the event), else `CD`. Sites
 * and agencies registered earlier in the page count, as they would one event at a time. Site codes compare in
 * upper case (the codes are ASCII).
 */
async function provincesOf(
  tx: SqlQueryable,
  s: string,
  opens: readonly { readonly event: RecordedEvent; readonly at: At }[],
  pageSites: readonly SiteRow[],
  pageAgencies: readonly AgencyRow[],
): Promise<string[]> {
  const wanted = opens.map(({ event }) => {
    const data = dataOf(event);
    const site = typeof data['site'] === 'object' && data['site'] !== null ? (data['site'] as Data) : {};
    return {
      code: (text(site, 'code') ?? text(data, 'siteCode'))?.toUpperCase() ?? null,
      siteId: text(data, 'siteId'),
    };
  });

  let sites: SiteRow[] = [];
  if (wanted.some((w) => w.code !== null || w.siteId !== null)) {
    const rows = await tx.query<{ site_id: string; code: string; province: string; tx: string; gp: string }>(
      `SELECT site_id, code, province, ${POSITION_COLUMNS} FROM ${s}.sites
       WHERE code = ANY($1::text[]) OR site_id = ANY($2::text[])`,
      [
        wanted.flatMap((w) => (w.code ? [w.code] : [])),
        [...wanted.flatMap((w) => (w.siteId ? [w.siteId] : [])), ...pageSites.map((r) => r.siteId)],
      ],
    );
    const stored = rows.map((r) => ({ siteId: r.site_id, code: r.code, province: r.province, ...positionOfRow(r) }));
    // A site registered again keeps its first registration: the page's rows for a site already stored add nothing.
    const storedIds = new Set(stored.map((r) => r.siteId));
    sites = [...stored, ...firstOf(pageSites, (r) => r.siteId).filter((r) => !storedIds.has(r.siteId))];
  }
  const provinces: (string | null)[] = opens.map(({ at }, i) => {
    const { code, siteId } = wanted[i] ?? { code: null, siteId: null };
    if (code === null && siteId === null) return null;
    let first: SiteRow | undefined;
    for (const row of sites) {
      if ((row.code === code || row.siteId === siteId) && isBefore(row, at) && (!first || isBefore(row, first))) {
        first = row;
      }
    }
    return first ? provincePrefix(first.province) : null;
  });

  const byAgency = opens.flatMap(({ event }, i) =>
    provinces[i] === null && event.metadata.actor.agencyId ? [event.metadata.actor.agencyId] : [],
  );
  if (byAgency.length > 0) {
    const rows = await tx.query<{ agency_id: string; province: string; tx: string; gp: string }>(
      `SELECT agency_id, province, ${POSITION_COLUMNS} FROM ${s}.agencies WHERE agency_id = ANY($1::text[])`,
      [[...new Set(byAgency)]],
    );
    const agencies = firstOf(
      [...rows.map((r) => ({ agencyId: r.agency_id, province: r.province, ...positionOfRow(r) })), ...pageAgencies],
      agencyKey,
    );
    opens.forEach(({ event, at }, i) => {
      const agencyId = event.metadata.actor.agencyId;
      if (provinces[i] !== null || !agencyId) return;
      let last: AgencyRow | undefined;
      for (const row of agencies) {
        if (row.agencyId === agencyId && isBefore(row, at) && (!last || isBefore(last, row))) last = row;
      }
      if (last) provinces[i] = provincePrefix(last.province);
    });
  }
  return provinces.map((p) => p ?? UNKNOWN_PROVINCE);
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

  private readonly schema: string;

  constructor(
    private readonly db: SqlQueryable,
    copy: ReadModelCopy,
    log?: LogHead,
  ) {
    this.schema = copy.schema;
    this.reads = new FreshReads(db, copy.projection, log);
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
        `SELECT record_key, reference FROM ${this.schema}.record_references WHERE record_key = ANY($1::text[])`,
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
        `SELECT reference, record_key, joint_case_id FROM ${this.schema}.record_references WHERE reference = $1`,
        [canonical],
      );
      const row = rows[0];
      return row ? { reference: row.reference, recordKey: row.record_key, jointCaseId: row.joint_case_id } : null;
    };
    return this.reads.read(read, (found) => found !== null);
  }
}
