import { LOG_START, type EventMetadata, type LogPosition } from '@pamoja/contracts';
import { bytesOf, cursorAfter, readLogPage, type LogCursor } from '../integrity/log-checkpoints.js';
import { type SqlEventStore } from '../sql/sql-event-store.js';
import { type KurrentDbEventStore, type StoredEvent } from './kurrentdb-event-store.js';

/** Events read from PostgreSQL per query. */
const PAGE = 1000;

interface SourceRow {
  event_id: string;
  event_type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata;
  recorded_at_micros: string;
  hash: Uint8Array;
}

export interface CopyLogProgress {
  /** Events of the source read so far, and of them copied (the others were already in the target). */
  readonly read: number;
  readonly copied: number;
  readonly position: LogPosition;
  readonly head: LogPosition;
}

export interface CopyLogResult {
  readonly read: number;
  readonly copied: number;
  /** Events the target already held, at the same stream and revision (a copy that was interrupted and run again). */
  readonly alreadyThere: number;
  readonly head: LogPosition;
}

/**
 * The source log in its order, as stored: every column of content(e), the hash, a page at a time up to `upTo`.
 * Personal fields stay encrypted (no key is needed to copy or verify).
 */
export async function* storedEventsOf(source: SqlEventStore, upTo: LogPosition): AsyncGenerator<StoredEvent> {
  let cursor: LogCursor = { position: LOG_START };
  for (;;) {
    const rows = await readLogPage<SourceRow>(
      source,
      `e.event_id::text AS event_id, e.event_type, e.schema_version, e.data, e.metadata,
       (extract(epoch FROM e.recorded_at) * 1000000)::bigint::text AS recorded_at_micros, e.hash`,
      cursor,
      upTo,
      PAGE,
    );
    for (const row of rows) {
      yield {
        streamId: row.stream_id,
        revision: row.stream_revision,
        eventId: row.event_id,
        type: row.event_type,
        schemaVersion: row.schema_version,
        recordedAtMicros: Number(row.recorded_at_micros),
        data: row.data,
        metadata: row.metadata,
        hash: bytesOf(row.hash),
        position: { transactionId: row.transaction_id, globalPosition: row.global_position },
      };
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < PAGE) return;
    cursor = cursorAfter(last);
  }
}

/**
 * Copies the PostgreSQL log into KurrentDB in log order: the same streams, revisions, event ids, data and metadata
 * as stored, `recorded_at` and hashes. The events of one source transaction and one stream go in one append, so they
 * share a commit position as they shared a transaction. Events the target already holds at the same stream and
 * revision are skipped, so a copy that stopped can be run again; an id the target holds elsewhere stops it.
 */
export async function copyLogToKurrentDb(
  source: SqlEventStore,
  target: KurrentDbEventStore,
  options: { readonly onProgress?: (progress: CopyLogProgress) => void } = {},
): Promise<CopyLogResult> {
  const head = await source.headPosition();
  let read = 0;
  let copied = 0;
  let alreadyThere = 0;
  let batch: StoredEvent[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    await target.appendStored(batch);
    copied += batch.length;
    batch = [];
  };
  for await (const event of storedEventsOf(source, head)) {
    read++;
    const there = await target.locate(event.eventId);
    if (there) {
      if (there.streamId !== event.streamId || there.revision !== event.revision) {
        throw new Error(
          `event ${event.eventId} (${event.streamId} revision ${event.revision}) is already in the target as ` +
            `${there.streamId} revision ${there.revision}: the target holds another log`,
        );
      }
      alreadyThere++;
      continue;
    }
    const previous = batch[batch.length - 1];
    const joins =
      previous &&
      previous.streamId === event.streamId &&
      previous.position.transactionId === event.position.transactionId &&
      previous.revision + 1 === event.revision;
    if (!joins) await flush();
    batch.push(event);
    if (read % 500 === 0) options.onProgress?.({ read, copied, position: event.position, head });
  }
  await flush();
  options.onProgress?.({ read, copied, position: head, head });
  return { read, copied, alreadyThere, head };
}

export interface LogComparison {
  readonly identical: boolean;
  readonly events: number;
  /** The first event where the two logs differ, in one sentence. */
  readonly firstDifference: string | undefined;
}

/**
 * Compares the two logs event by event in log order: stream, revision, id, type, version, `recorded_at`, hash, data
 * and metadata. Positions differ by nature (PostgreSQL's transaction ids, KurrentDB's commit and prepare positions);
 * the order does not.
 */
export async function compareLogs(source: SqlEventStore, target: KurrentDbEventStore): Promise<LogComparison> {
  const targetEvents = target.storedEvents();
  let events = 0;
  const describe = (e: StoredEvent): string => `${e.streamId} revision ${e.revision} (${e.eventId})`;
  for await (const original of storedEventsOf(source, await source.headPosition())) {
    const next = await targetEvents.next();
    if (next.done) {
      return { identical: false, events, firstDifference: `${describe(original)} is missing from KurrentDB` };
    }
    const copy = next.value;
    events++;
    const same =
      copy.streamId === original.streamId &&
      copy.revision === original.revision &&
      copy.eventId === original.eventId &&
      copy.type === original.type &&
      copy.schemaVersion === original.schemaVersion &&
      copy.recordedAtMicros === original.recordedAtMicros &&
      copy.hash.equals(original.hash) &&
      JSON.stringify(copy.data) === JSON.stringify(original.data) &&
      JSON.stringify(copy.metadata) === JSON.stringify(original.metadata);
    if (!same) {
      return {
        identical: false,
        events,
        firstDifference: `event ${events} of the log: ${describe(original)} in PostgreSQL, ${describe(copy)} in KurrentDB`,
      };
    }
  }
  const extra = await targetEvents.next();
  if (!extra.done) {
    return { identical: false, events, firstDifference: `KurrentDB has more: ${describe(extra.value)} and after` };
  }
  return { identical: true, events, firstDifference: undefined };
}
