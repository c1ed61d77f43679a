import { type RecordedEvent } from '@pamoja/contracts';
import { type EventFilter } from '../event-store.port.js';
import { type Migration } from '../sql/migrations.js';
import { type SqlQueryable } from '../sql/sql-database.js';

/**
 * A read model fed from the log. `apply` runs inside the transaction that also moves the checkpoint,
 * so a batch is applied exactly once or not at all.
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
  /** Empties the read model before a rebuild from position 0. */
  reset(tx: SqlQueryable): Promise<void>;
}
