import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import {
  DEFAULT_EVENT_STORE_SCHEMA,
  EVENT_STORE,
  SQL_DATABASE,
  takeLogCheckpoint,
  type EventStore,
  type SqlDatabase,
  type TakeCheckpointResult,
} from '@pamoja/event-store';
import { PLATFORM_CONFIG, type PlatformConfig } from '@pamoja/platform/config';

/**
 * Takes a checkpoint of the log head when the platform has started and then every
 * `PAMOJA_CHECKPOINT_INTERVAL_SECONDS` (default 300, 0 = off), and logs each new one's digest at info level, so
 * that a copy lives outside the database (ADR 0012). Several services on one database may all run it: the
 * checkpoints are numbered and only one process takes each.
 */
@Injectable()
export class LogCheckpointer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('LogCheckpoints');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.eventStore === 'kurrentdb') {
      // The checkpoints are rows beside the SQL log; a KurrentDB log has its chains and `--expect` (ADR 0035).
      if (this.config.checkpointIntervalSeconds > 0) {
        this.logger.log('log checkpoints are not taken of a KurrentDB log: verify it with npm run verify');
      }
      return;
    }
    if (this.config.checkpointIntervalSeconds > 0) this.schedule(0);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.checkpointNow()
        .then(
          () => undefined,
          (error: unknown) => {
            if (!this.stopped) {
              this.logger.warn(
                `could not take a log checkpoint: ${error instanceof Error ? error.message : String(error)}`,
              );
            }
          },
        )
        .finally(() => {
          this.running = undefined;
          this.schedule(this.config.checkpointIntervalSeconds * 1000);
        });
    }, delayMs);
    this.timer.unref();
  }

  /** Takes a checkpoint now (if the log moved) and logs it when it is new. */
  async checkpointNow(): Promise<TakeCheckpointResult | undefined> {
    const result = await takeLogCheckpoint({
      db: this.db,
      schema: DEFAULT_EVENT_STORE_SCHEMA,
      headPosition: () => this.store.headPosition(),
    });
    if (result?.created) {
      const { seq, eventCount, position, digest } = result.checkpoint;
      this.logger.log(
        `log checkpoint ${seq}: ${eventCount} events up to (${position.transactionId}, ${position.globalPosition}), ` +
          `digest ${digest} (verify with: npm run verify -- --expect ${eventCount}:${digest})`,
      );
    }
    return result;
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }
}
