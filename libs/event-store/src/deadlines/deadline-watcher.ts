import { type SqlQueryable } from '../sql/sql-database.js';
import { dueDeadlines, type DueDeadline } from './deadlines.js';

export interface DeadlineWatcherOptions {
  readonly db: SqlQueryable;
  readonly now: () => Date;
  /** Records the missed deadline; must be idempotent (a deterministic command id per deadline key). */
  readonly onDue: (deadline: DueDeadline) => Promise<void>;
  readonly intervalMs?: number;
  /** Only deadlines of these kinds (a service watches its own); all kinds when absent. */
  readonly kinds?: readonly string[];
  readonly onError?: (deadline: DueDeadline | undefined, error: unknown) => void;
}

/**
 * Looks for open deadlines past their due time and has each recorded as missed. The timer only
 * decides when to look; what is due comes from the store, so a restart loses nothing. A deadline
 * stays open until its missed event reaches the read model, so it may be handed to `onDue` again
 * meanwhile: `onDue` is idempotent, and the deadline is raised once.
 */
export class DeadlineWatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(private readonly options: DeadlineWatcherOptions) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().then(
        () => undefined,
        () => undefined,
      );
      void this.running.finally(() => {
        this.running = undefined;
        this.schedule(this.options.intervalMs ?? 5000);
      });
    }, delay);
  }

  /** One look: raises every deadline due now. Returns how many were handed over. */
  async tick(): Promise<number> {
    let due: DueDeadline[];
    try {
      due = await dueDeadlines(this.options.db, this.options.now(), 100, this.options.kinds);
    } catch (error) {
      this.options.onError?.(undefined, error);
      return 0;
    }
    let raised = 0;
    for (const deadline of due) {
      try {
        await this.options.onDue(deadline);
        raised += 1;
      } catch (error) {
        this.options.onError?.(deadline, error);
      }
    }
    return raised;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
