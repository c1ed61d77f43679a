import { compareLogPositions, type LogPosition } from '@pamoja/contracts';
import { type SqlQueryable } from '../sql/sql-database.js';
import { readCheckpoint } from './checkpoints.js';

/**
 * How long a lookup waits for its read model to reach the log's head before it answers no. The wait ends as
 * soon as the read model is at the head, so it costs nothing when the answer is settled or the model is live;
 * it is long enough that a read model catching up on a loaded machine (a start, a burst) does not make a
 * command wrongly refused (a registered site called unknown, a party called a stranger).
 */
const FRESHNESS_WAIT_MS = 10_000;
/** Lookups waiting together share one read of the checkpoint made within this many milliseconds. */
const CHECKPOINT_SHARED_MS = 5;

/** Where the log's head is now: the point a lookup's read model must reach before it may say no. */
export interface LogHead {
  head(): Promise<LogPosition>;
}

/**
 * Reads of a read model that a command relies on to refuse (is this agency party to the case, is this
 * agency in the directory). A "no" is only given once the read model has seen the log as it stood when the
 * question was asked (waiting up to two seconds), so nobody is refused for a projection's lag. Lookups
 * waiting together share one read of the checkpoint.
 */
export class FreshReads {
  private lastCheckpoint: { at: number; position: Promise<LogPosition> } | undefined;

  constructor(
    private readonly db: SqlQueryable,
    private readonly projectionName: string,
    private readonly log?: LogHead,
  ) {}

  /** Reads; if the answer is not yet settled, waits for the read model to reach the head and reads again. */
  async read<T>(read: () => Promise<T>, settled: (value: T) => boolean): Promise<T> {
    const first = await read();
    if (settled(first) || !this.log) return first;
    const head = await this.log.head();
    const deadline = Date.now() + FRESHNESS_WAIT_MS;
    for (let pause = 5; ; pause = Math.min(pause * 2, 80)) {
      if (compareLogPositions(await this.checkpoint(), head) >= 0) return read();
      if (Date.now() > deadline) return read();
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }

  /** The read model's checkpoint, read once for every lookup waiting in the same few milliseconds. */
  private checkpoint(): Promise<LogPosition> {
    const now = Date.now();
    if (!this.lastCheckpoint || now - this.lastCheckpoint.at > CHECKPOINT_SHARED_MS) {
      this.lastCheckpoint = { at: now, position: readCheckpoint(this.db, this.projectionName) };
    }
    return this.lastCheckpoint.position;
  }
}
