import { type EventEmitter } from 'node:events';
import { compareLogPositions, LOG_START, type LogPosition } from '@pamoja/contracts';
import { type EventStore, type ReadAllResult, type SubscribeOptions, type Subscription } from '../event-store.port.js';

/** A page being read, and the wake-up armed before its read began. */
interface Read {
  readonly signal: Promise<void>;
  readonly page: Promise<ReadAllResult>;
}

/** How soon a reader behind this process's own appends looks again, doubling up to the maximum. */
const HORIZON_WAIT_FIRST_MS = 2;
const HORIZON_WAIT_MAX_MS = 50;

/**
 * Catch-up then live: pages through the log from the position given, and once caught up waits for
 * an append notification (or the poll interval) before reading again. Batches are handed over one
 * at a time; the position only moves once the handler's promise resolved.
 */
export class SqlSubscription implements Subscription {
  readonly done: Promise<void>;
  private current: LogPosition;
  private stopped = false;
  private wake: (() => void) | undefined;
  private pending = false;
  private readonly onAppended = (): void => this.wake?.();

  constructor(
    private readonly store: EventStore,
    private readonly appended: EventEmitter,
    private readonly options: SubscribeOptions,
    private readonly pollIntervalMs: number,
    /** The furthest position this process appended (see `run`). */
    private readonly lastAppended: () => LogPosition = () => LOG_START,
  ) {
    this.current = options.after ?? LOG_START;
    this.appended.on('appended', this.onAppended);
    this.done = this.run().finally(() => this.appended.off('appended', this.onAppended));
  }

  get position(): LogPosition {
    return this.current;
  }

  private async run(): Promise<void> {
    const batchSize = this.options.batchSize ?? 500;
    let horizonWait = HORIZON_WAIT_FIRST_MS;
    // The next page, read while the handler applies the one before it.
    let prefetched: Read | undefined;
    try {
      while (!this.stopped) {
        const { signal, page: reading } = prefetched ?? this.read(this.current, batchSize);
        prefetched = undefined;
        const page = await reading;
        if (this.isStopped()) break;
        if (page.events.length > 0) {
          // Read on from the end of this page while the handler applies it: under load the next page is ready
          // when the handler is done, and a page costs the longer of its read and its apply, not their sum.
          prefetched = this.read(page.checkedUpTo, batchSize);
          await this.options.onEvents(page.events, page.checkedUpTo);
        }
        this.current = page.checkedUpTo;
        if (page.events.length >= batchSize) continue;
        this.options.onCaughtUp?.(this.current);
        // What was read meanwhile comes first; its own wake-up was armed before it read.
        if (prefetched) continue;
        if (this.hasPendingAppend()) {
          horizonWait = HORIZON_WAIT_FIRST_MS;
        } else if (compareLogPositions(this.current, this.lastAppended()) < 0) {
          // This process appended further than the log shows: a transaction still running elsewhere holds the
          // horizon (ADR 0003). Its commit wakes nobody, so look again shortly rather than at the next poll.
          await this.sleep(signal, horizonWait);
          horizonWait = Math.min(horizonWait * 2, HORIZON_WAIT_MAX_MS);
        } else {
          horizonWait = HORIZON_WAIT_FIRST_MS;
          await this.sleep(signal, this.pollIntervalMs);
        }
      }
    } finally {
      // A read still under way when the handler failed or the subscription stopped: its outcome no longer matters.
      prefetched?.page.catch(() => undefined);
    }
  }

  /**
   * Arms the wake-up, then reads a page after `after`: an append that lands during the read is not missed, since
   * it wakes the signal armed before the read began.
   */
  private read(after: LogPosition, batchSize: number): Read {
    const signal = new Promise<void>((resolve) => {
      this.wake = () => {
        this.pending = true;
        resolve();
      };
    });
    this.pending = false;
    const page = this.store.readAll({
      after,
      maxCount: batchSize,
      ...(this.options.filter ? { filter: this.options.filter } : {}),
    });
    // Awaited by the loop; until then (the handler is applying the page before it) a failure is not unhandled.
    page.catch(() => undefined);
    return { signal, page };
  }

  private isStopped(): boolean {
    return this.stopped;
  }

  private hasPendingAppend(): boolean {
    return this.pending;
  }

  private async sleep(signal: Promise<void>, ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    });
    await Promise.race([signal, timeout]);
    clearTimeout(timer);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.done.catch(() => undefined);
  }
}
