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
 * Embedded mode: a shared reactor fed from the log, from a durable checkpoint, each event as the
 * catalogue shares it. A failure stops the subscription; it resumes from the checkpoint after a pause.
 */
export class LogReactorRunner {
  private subscription: Subscription | undefined;
  private retry: NodeJS.Timeout | undefined;
  private stopped = true;

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

  private async subscribe(): Promise<void> {
    if (this.stopped) return;
    this.subscription = this.store.subscribeToAll({
      after: await readCheckpoint(this.db, this.reactor.name),
      filter: { eventTypes: this.catalogue.publishedEventTypes(handledEventTypes(this.reactor, this.catalogue)) },
      onEvents: async (events, checkedUpTo) => {
        for (const event of events) {
          const integration = this.catalogue.toIntegrationEvent(event);
          if (integration) await this.reactor.handle(sharedEventOf(event, integration));
        }
        await writeCheckpoint(this.db, this.reactor.name, checkedUpTo);
      },
    });
    this.subscription.done.catch((error: unknown) => {
      if (this.stopped) return;
      this.onError(error);
      this.retry = setTimeout(() => void this.subscribe(), 2000);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.subscription?.stop();
  }
}
