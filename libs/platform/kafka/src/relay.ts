import { compareLogPositions, type LogPosition, type RecordedEvent } from '@pamoja/contracts';
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

interface RelayLogger {
  info(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

interface RelayOptions {
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
  /**
   * A cheap question to the broker (e.g. its cluster metadata), asked every `probeIntervalMs` while the
   * relay runs: an idle relay publishes nothing, so only this tells it that the broker is gone. Rejects
   * when the broker does not answer.
   */
  readonly probe?: () => Promise<void>;
  /** Between two probes (default 2 s). */
  readonly probeIntervalMs?: number;
  /** A probe not answered within this time counts as failed (default 3 s). */
  readonly probeTimeoutMs?: number;
}

interface RelayStatus {
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
  /** Why the last probe failed; undefined while the broker answers. */
  private brokerError: string | undefined;
  private probeTimer: NodeJS.Timeout | undefined;
  /** Counts starts: a probe from before a stop says nothing about the run after it. */
  private run = 0;
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
    this.run += 1;
    this.brokerError = undefined;
    await this.subscribe();
    this.scheduleProbe(this.run, 0);
  }

  /** `failing` while a batch could not be published or the broker does not answer its probe. */
  status(): RelayStatus {
    const state = this.state === 'running' && this.brokerError !== undefined ? 'failing' : this.state;
    return {
      state,
      position: this.position,
      published: this.published,
      lastError: this.lastError ?? (state === 'failing' ? this.brokerError : undefined),
    };
  }

  private scheduleProbe(run: number, delayMs: number): void {
    const { probe } = this.options;
    if (!probe || this.stopped || run !== this.run) return;
    this.probeTimer = setTimeout(() => {
      void this.runProbe(run, probe).finally(() => {
        this.scheduleProbe(run, this.options.probeIntervalMs ?? 2000);
      });
    }, delayMs);
  }

  private async runProbe(run: number, probe: () => Promise<void>): Promise<void> {
    const timeoutMs = this.options.probeTimeoutMs ?? 3000;
    let timer: NodeJS.Timeout | undefined;
    const attempt = Promise.resolve().then(probe);
    try {
      await Promise.race([
        attempt,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            reject(new Error(`the broker did not answer within ${timeoutMs} ms`));
          }, timeoutMs);
        }),
      ]);
      if (this.stopped || run !== this.run) return;
      if (this.brokerError !== undefined) this.options.logger?.info('relay reaches the broker again', {});
      this.brokerError = undefined;
    } catch (error) {
      // A probe that outlived its timeout may still settle: nothing waits for it any more.
      attempt.catch(() => undefined);
      if (this.stopped || run !== this.run) return;
      const message = `broker unreachable: ${error instanceof Error ? error.message : String(error)}`;
      if (this.brokerError === undefined)
        this.options.logger?.error('relay cannot reach the broker', { error: message });
      this.brokerError = message;
    } finally {
      clearTimeout(timer);
    }
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
      // Everything up to here was published, or is not shared: the relay is level with the log (its lag is 0
      // even when the newest events are ones the catalogue does not publish).
      onCaughtUp: (position) => {
        void this.inFlight.then(
          () => {
            if (!failed && this.subscription === subscription && compareLogPositions(position, this.position) > 0)
              this.position = position;
          },
          () => undefined,
        );
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
    clearTimeout(this.probeTimer);
    await this.subscription?.stop();
    // The batch in flight finishes (and checkpoints) or fails: nothing runs after stop returns.
    await this.inFlight.catch(() => undefined);
  }
}
