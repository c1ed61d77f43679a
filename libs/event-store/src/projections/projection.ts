import { type RecordedEvent } from '@pamoja/contracts';
import { type EventFilter } from '../event-store.port.js';
import { type Migration } from '../sql/migrations.js';
import { type SqlQueryable } from '../sql/sql-database.js';

/**
 * A read model fed from the log. `apply` (or `applyPage`) runs inside the transaction that also moves the
 * checkpoint, so a page of events is applied exactly once or not at all.
 */
export interface Projection {
  /** Stable name: the checkpoint key and the name the rebuild command takes. */
  readonly name: string;
  /** The schema holding this read model's tables (its own, per context). */
  readonly schema: string;
  readonly migrations: readonly Migration[];
  /** Only these events are read; a narrow filter keeps catch-up cheap. */
  readonly filter: EventFilter;
  /**
   * False for a read model no client reads back after its own command (one the platform consults with
   * its own wait, like case membership): a command's answer does not wait for it. Default true.
   */
  readonly readYourWrites?: boolean;
  apply(tx: SqlQueryable, event: RecordedEvent): Promise<void>;
  /**
   * Optional: the same as `apply` on each event of `events` in turn, in fewer statements. The runner calls it
   * with a page of events in log order, all after the checkpoint, inside the transaction that moves the
   * checkpoint past them: behind (catch-up, rebuild) and live alike; only live events that carry their writer's
   * trace go to `apply`, one at a time, each in its trace (ADR 0029).
   * The rows must be exactly those `apply` one event at a time would leave, also when some of the events were
   * applied before (a redelivery): the projection specification kit checks both.
   */
  applyPage?(tx: SqlQueryable, events: readonly RecordedEvent[]): Promise<void>;
  /** Empties the read model before a rebuild from position 0. */
  reset(tx: SqlQueryable): Promise<void>;
}

/** What `applyInRounds` needs of one event: the key of the only rows it writes and reads, its kind, its row. */
export interface RoundEntry<K extends string, R> {
  readonly key: string;
  readonly kind: K;
  readonly row: R;
}

/**
 * Applies a page in rounds, for a read model whose every event writes only rows of its own key (its stream, say):
 * `describe` is called once per event, in page order, and gives its key, its kind and the row it writes (or
 * undefined for an event the read model does not keep, which is skipped). Round n holds the n-th event of each
 * key in the page, so the events of one key keep their order, and within a round no two events share a key, so a
 * round's rows of one kind can go in one set-based statement (`applyGroup`, given them in page order), in any
 * order of kinds; rounds are applied in order. The rows are those of `apply` one event at a time, in as many
 * statements as the page has rounds times kinds, instead of one or more per event (ADR 0036).
 */
export async function applyInRounds<E, K extends string, R>(
  events: readonly E[],
  describe: (event: E) => RoundEntry<K, R> | undefined,
  applyGroup: (kind: K, rows: readonly R[]) => Promise<void>,
): Promise<void> {
  const rounds: Map<K, R[]>[] = [];
  const seen = new Map<string, number>();
  for (const event of events) {
    const entry = describe(event);
    if (entry === undefined) continue;
    const round = seen.get(entry.key) ?? 0;
    seen.set(entry.key, round + 1);
    const kinds = (rounds[round] ??= new Map());
    const group = kinds.get(entry.kind);
    if (group) group.push(entry.row);
    else kinds.set(entry.kind, [entry.row]);
  }
  for (const kinds of rounds) for (const [kind, rows] of kinds) await applyGroup(kind, rows);
}
