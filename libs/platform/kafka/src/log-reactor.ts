import { compareLogPositions, LOG_START, type LogPosition } from '@pamoja/contracts';
import {
  CHECKPOINT_MIGRATIONS,
  CHECKPOINT_SCHEMA,
  migrate,
  readCheckpoint,
  writeCheckpoint,
  type EventStore,
  type SqlDatabase,
  type Subscription,
} from '@pamoja/event-store';
import { sharedEventOf, type IntegrationEventCatalogue } from '@pamoja/messaging';
import { handledEventTypes, type SharedReactor } from '@pamoja/platform/messaging';

/**
 * Where a reactor fed from the log stands, as a read model's status says it: `catching_up` until it has
 * handled everything committed when it (re)started, `live` after, `failing` between a failure and its retry.
 */
export interface LogReactorStatus {
  readonly name: string;
  readonly state: 'stopped' | 'catching_up' | 'live' | 'failing';
  /** The furthest position it has handled, or examined past (events it does not react to). */
  readonly position: LogPosition;
  /** Events handed to the reactor since this process started (a retried page counts again). */
  readonly handled: number;
  readonly lastError: string | undefined;
}

/**
 * Embedded mode: a shared reactor fed from the log, from a durable checkpoint, each event as the
 * catalogue shares it. A failure stops the subscription; it resumes from the checkpoint after a pause.
 */
export class LogReactorRunner {
  private subscription: Subscription | undefined;
  private retry: NodeJS.Timeout | undefined;
  private stopped = true;
  private state: LogReactorStatus['state'] = 'stopped';
  private checkpoint: LogPosition = LOG_START;
  private handled = 0;
  private lastError: string | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly db: SqlDatabase,
    private readonly reactor: SharedReactor,
    private readonly catalogue: IntegrationEventCatalogue,
    private readonly onError: (error: unknown) => void,
  ) {}

  async start(): Promise<void> {
    await migrate(this.db, CHECKPOINT_SCHEMA, CHECKPOINT_MIGRATIONS);
    this.stopped = false;
    await this.subscribe();
  }

  status(): LogReactorStatus {
    const position = this.subscription?.position ?? this.checkpoint;
    return {
      name: this.reactor.name,
      state: this.state,
      position: compareLogPositions(position, this.checkpoint) > 0 ? position : this.checkpoint,
      handled: this.handled,
      lastError: this.lastError,
    };
  }

  private async subscribe(): Promise<void> {
    if (this.stopped) return;
    this.checkpoint = await readCheckpoint(this.db, this.reactor.name);
    this.state = 'catching_up';
    this.subscription = this.store.subscribeToAll({
      after: this.checkpoint,
      filter: { eventTypes: this.catalogue.publishedEventTypes(handledEventTypes(this.reactor, this.catalogue)) },
      onEvents: async (events, checkedUpTo) => {
        for (const event of events) {
          const integration = this.catalogue.toIntegrationEvent(event);
          if (!integration) continue;
          this.handled++;
          await this.reactor.handle(sharedEventOf(event, integration));
        }
        await writeCheckpoint(this.db, this.reactor.name, checkedUpTo);
        this.checkpoint = checkedUpTo;
      },
      onCaughtUp: () => {
        this.state = 'live';
        this.lastError = undefined;
      },
    });
    this.subscription.done.catch((error: unknown) => {
      if (this.stopped) return;
      this.state = 'failing';
      this.lastError = error instanceof Error ? error.message : String(error);
      this.onError(error);
      this.retry = setTimeout(() => void this.subscribe(), 2000);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.state = 'stopped';
    clearTimeout(this.retry);
    await this.subscription?.stop();
  }
}
