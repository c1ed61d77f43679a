import { type EventEmitter } from 'node:events';
import { compareLogPositions, LOG_START, type LogPosition } from '@pamoja/contracts';
import { type EventStore, type SubscribeOptions, type Subscription } from '../event-store.port.js';

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
    while (!this.stopped) {
      // Arm the wake-up before reading, so an append that lands during the read is not missed.
      const signal = new Promise<void>((resolve) => {
        this.wake = () => {
          this.pending = true;
          resolve();
        };
      });
      this.pending = false;
      const page = await this.store.readAll({
        after: this.current,
        maxCount: batchSize,
        ...(this.options.filter ? { filter: this.options.filter } : {}),
      });
      if (this.isStopped()) break;
      if (page.events.length > 0) await this.options.onEvents(page.events, page.checkedUpTo);
      this.current = page.checkedUpTo;
      if (page.events.length >= batchSize) continue;
      this.options.onCaughtUp?.(this.current);
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
