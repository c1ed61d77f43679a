import { EventEmitter } from 'node:events';
import { Injectable } from '@nestjs/common';

/**
 * Tells live subscriptions that a read model changed: the projection runner (the log) and the Kafka
 * consumers (other agencies' events) call `changed` after each commit.
 */
@Injectable()
export class ReadModelChanges {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  changed(readModel: string): void {
    this.emitter.emit('changed', readModel);
  }

  /**
   * Starts listening now: `changed` resolves when one of `readModels` changes, after `timeoutMs`, or on
   * `cancel` (which also stops listening).
   */
  watch(readModels: ReadonlySet<string>, timeoutMs: number): { changed: Promise<void>; cancel: () => void } {
    let cancel = (): void => undefined;
    const changed = new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.emitter.off('changed', onChange);
        resolve();
      };
      const onChange = (name: string): void => {
        if (readModels.has(name)) done();
      };
      const timer = setTimeout(done, timeoutMs);
      this.emitter.on('changed', onChange);
      cancel = done;
    });
    return { changed, cancel };
  }
}

interface LiveFeedOptions<T, C> {
  /** The read models whose changes may bring new items. */
  readonly readModels: readonly string[];
  /** Items after `cursor` (all of them when undefined), in order, at most `limit`. */
  readonly fetchAfter: (cursor: C | undefined, limit: number) => Promise<readonly T[]>;
  readonly cursorOf: (item: T) => C;
  /** Where to resume: the last item the subscriber saw. */
  readonly after: C | undefined;
  /** A read model change may be missed between two fetches, so look again at least this often. */
  readonly pollMs?: number;
}

/**
 * A subscription's items as an async iterator: it first replays what came after the subscriber's
 * cursor, then waits for read model changes and reads on from the last item it sent. Replay and live
 * items come from the same query, so an item committed between the two is neither lost nor sent twice.
 */
export function liveFeed<T, C>(changes: ReadModelChanges, options: LiveFeedOptions<T, C>): AsyncIterableIterator<T> {
  const readModels = new Set(options.readModels);
  const pollMs = options.pollMs ?? 1000;
  let cancelWait = (): void => undefined;
  let cursor = options.after;
  let buffer: T[] = [];
  let closed = false;

  const iterator: AsyncIterableIterator<T> = {
    async next(): Promise<IteratorResult<T>> {
      while (!closed) {
        const item = buffer.shift();
        if (item !== undefined) {
          cursor = options.cursorOf(item);
          return { value: item, done: false };
        }
        // Subscribe to changes before reading, so a change during the read wakes the next wait.
        const wait = changes.watch(readModels, pollMs);
        cancelWait = wait.cancel;
        try {
          buffer = [...(await options.fetchAfter(cursor, 100))];
        } catch (error) {
          wait.cancel();
          throw error;
        }
        if (buffer.length === 0) await wait.changed;
        else wait.cancel();
      }
      return { value: undefined, done: true };
    },
    return(): Promise<IteratorResult<T>> {
      closed = true;
      cancelWait();
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
