import { type LogPosition, type RecordedEvent } from '@pamoja/contracts';
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
import { sourceOf, toCloudEventMessage, type IntegrationEventCatalogue } from '@pamoja/messaging';
import { type MessagePublisher, type OutgoingMessage } from './publisher.js';
import { kafkaTopic } from './topics.js';

export interface RelayLogger {
  info(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

export interface RelayOptions {
  /** The checkpoint's name: one relay per log. */
  readonly name?: string;
  /** Events read, published and checkpointed together; also the most the relay holds in memory. */
  readonly batchSize?: number;
  /** First wait after a failure; doubles up to `maxRetryDelayMs`. */
  readonly retryDelayMs?: number;
  readonly maxRetryDelayMs?: number;
  /** Prefix of the topic names on the broker (see `kafkaTopic`). */
  readonly topicPrefix?: string;
  readonly logger?: RelayLogger;
}

export interface RelayStatus {
  readonly state: 'stopped' | 'running' | 'failing';
  readonly position: LogPosition;
  readonly published: number;
  readonly lastError: string | undefined;
}

export const RELAY_CHECKPOINT = 'kafka-relay';

/**
 * Publishes the integration events of the store's global log to Kafka. It reads from a durable
 * checkpoint with a catch-up subscription, one bounded batch at a time; a batch is published (and
 * acknowledged by the broker) before its checkpoint moves, and the next batch is read only then, so a
 * slow or absent broker holds the relay back instead of filling its memory. A crash between publish and
 * checkpoint republishes the batch: delivery is at least once, and consumers are idempotent by event id.
 * Nothing is published that was not stored, and only what the integration catalogue shares.
 */
export class EventRelay {
  private subscription: Subscription | undefined;
  /** The batch being published; the next one waits for it. */
  private inFlight: Promise<void> = Promise.resolve();
  private retryTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private stopped = true;
  private state: RelayStatus['state'] = 'stopped';
  private position: LogPosition = { transactionId: 0, globalPosition: 0 };
  private published = 0;
  private lastError: string | undefined;
  private readonly name: string;

  constructor(
    private readonly store: EventStore,
    private readonly db: SqlDatabase,
    private readonly publisher: MessagePublisher,
    private readonly catalogue: IntegrationEventCatalogue,
    private readonly options: RelayOptions = {},
  ) {
    this.name = options.name ?? RELAY_CHECKPOINT;
  }

  async start(): Promise<void> {
    await migrate(this.db, CHECKPOINT_SCHEMA, CHECKPOINT_MIGRATIONS);
    this.stopped = false;
    await this.subscribe();
  }

  status(): RelayStatus {
    return { state: this.state, position: this.position, published: this.published, lastError: this.lastError };
  }

  /** The records a batch of stored events becomes (events that are not shared become nothing). */
  messagesFor(events: readonly RecordedEvent[]): OutgoingMessage[] {
    const messages: OutgoingMessage[] = [];
    for (const event of events) {
      const integration = this.catalogue.toIntegrationEvent(event);
      if (!integration) continue;
      const message = toCloudEventMessage(event, integration, sourceOf(integration.definition.context));
      messages.push({ topic: kafkaTopic(integration.definition.topic, this.options.topicPrefix), ...message });
    }
    return messages;
  }

  private async subscribe(): Promise<void> {
    if (this.stopped) return;
    let after: LogPosition;
    try {
      after = await readCheckpoint(this.db, this.name);
    } catch (error) {
      this.fail(error);
      return;
    }
    this.position = after;
    this.state = 'running';
    // One batch is published while the next is read and built: at most two batches in memory, and a
    // batch goes out only after the one before it was acknowledged and checkpointed (order kept).
    // A new subscription starts from the checkpoint: the failed batch of the last one is behind it.
    this.inFlight = Promise.resolve();
    let failed = false;
    const subscription = this.store.subscribeToAll({
      after,
      batchSize: this.options.batchSize ?? 1000,
      filter: { eventTypes: this.catalogue.publishedEventTypes() },
      onEvents: async (events, checkedUpTo) => {
        const messages = this.messagesFor(events);
        await this.inFlight;
        const publishing = this.publishBatch(messages, checkedUpTo);
        this.inFlight = publishing;
        publishing.catch((error: unknown) => {
          // Stop reading; the relay starts again from the last checkpoint.
          if (failed) return;
          failed = true;
          void subscription.stop().then(() => {
            this.fail(error);
          });
        });
      },
    });
    this.subscription = subscription;
    subscription.done.then(
      () => undefined,
      (error: unknown) => {
        if (failed) return;
        failed = true;
        this.fail(error);
      },
    );
  }

  private async publishBatch(messages: readonly OutgoingMessage[], checkedUpTo: LogPosition): Promise<void> {
    await this.publisher.publish(messages);
    await writeCheckpoint(this.db, this.name, checkedUpTo);
    this.position = checkedUpTo;
    this.published += messages.length;
    if (this.failures > 0) {
      this.options.logger?.info('relay publishing again', { position: checkedUpTo });
      this.failures = 0;
      this.lastError = undefined;
      this.state = 'running';
    }
  }

  private fail(error: unknown): void {
    if (this.stopped) return;
    this.failures += 1;
    this.state = 'failing';
    this.lastError = error instanceof Error ? error.message : String(error);
    const base = this.options.retryDelayMs ?? 500;
    const delay = Math.min(base * 2 ** (this.failures - 1), this.options.maxRetryDelayMs ?? 5000);
    this.options.logger?.error('relay could not publish; retrying from its checkpoint', {
      error: this.lastError,
      attempt: this.failures,
      retryInMs: delay,
    });
    this.retryTimer = setTimeout(() => void this.subscribe(), delay);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.state = 'stopped';
    clearTimeout(this.retryTimer);
    await this.subscription?.stop();
    // The batch in flight finishes (and checkpoints) or fails: nothing runs after stop returns.
    await this.inFlight.catch(() => undefined);
  }
}
