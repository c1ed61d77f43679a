import { setTimeout as sleep } from 'node:timers/promises';
import { type Consumer, type Kafka, type KafkaMessage } from 'kafkajs';
import { type RecordedEvent } from '@pamoja/contracts';
import { context, type Context } from '@opentelemetry/api';
import {
  applyTraced,
  migrate,
  traceContextOf,
  TRACE_ATTRIBUTES,
  type Projection,
  type SqlDatabase,
  type SqlQueryable,
} from '@pamoja/event-store';
import { SpanKind, withSpan } from '@pamoja/platform/telemetry';
import { fromCloudEventMessage, sharedEventFromMessage, type IntegrationEventCatalogue } from '@pamoja/messaging';
import {
  markAllProcessed,
  markProcessed,
  migrateConsumerState,
  readPartitionCheckpoints,
  writePartitionCheckpoint,
} from './consumer-state.js';
import { DEAD_LETTER_TOPIC, deadLetterOf } from './dead-letters.js';
import { type MessagePublisher } from './publisher.js';
import { kafkaTopic } from './topics.js';
import { handledEventTypes, handlerName, topicsOf, type SharedEventHandler } from '@pamoja/platform/messaging';

/** Messaging attribute names of the semantic conventions (still incubating there, so named here). */
/**
 * How long the broker may hold a fetch that finds no new message (Kafka's fetch.max.wait.ms). A fetch is answered
 * as soon as one message is there (fetch.min.bytes is 1), so this costs no latency when events flow; it is what an
 * idle consumer costs: one fetch per partition leader this often, per consumer. At 100 ms the services' consumers
 * kept the broker and themselves busy doing nothing (bench:knee's idle column). Stopping a consumer may wait for
 * its fetch in flight, so no longer than this either.
 */
const FETCH_WAIT_MS = 1000;

const ATTR_MESSAGING_SYSTEM = 'messaging.system';
const ATTR_MESSAGING_OPERATION_TYPE = 'messaging.operation.type';
const ATTR_MESSAGING_DESTINATION_NAME = 'messaging.destination.name';
const ATTR_MESSAGING_MESSAGE_ID = 'messaging.message.id';
const ATTR_MESSAGING_CONSUMER_GROUP = 'messaging.consumer.group.name';

interface ConsumerLogger {
  info(message: string, details?: Record<string, unknown>): void;
  warn(message: string, details?: Record<string, unknown>): void;
  error(message: string, details?: Record<string, unknown>): void;
}

interface SharedEventConsumerOptions {
  /** Consumer group; default `pamoja.<handler name>`. */
  readonly groupId?: string;
  /** Attempts at one message before it is dead-lettered (when the database answers). */
  readonly attempts?: number;
  /** Prefix of the topic names on the broker (see `kafkaTopic`). */
  readonly topicPrefix?: string;
  readonly logger?: ConsumerLogger;
  /** Told after each chunk of messages is committed to the read model (live subscriptions wake on it). */
  readonly onApplied?: (handler: string) => void;
}

export interface SharedEventConsumerStatus {
  readonly name: string;
  readonly state: 'stopped' | 'starting' | 'running' | 'failing';
  readonly lastError: string | undefined;
  readonly processed: number;
  readonly deadLettered: number;
}

/** One message of a batch, decoded (or not). */
interface Decoded {
  readonly message: KafkaMessage;
  readonly topic: string;
  readonly offset: bigint;
  readonly event: RecordedEvent | undefined;
  readonly error: unknown;
  /** The trace of the request that wrote the event (the CloudEvent's `traceparent`), when it was traced. */
  readonly trace?: Context | undefined;
}

/**
 * Feeds one shared handler from Kafka, in its own consumer group. Its place is the next offset of each
 * partition, stored in the read model's database in the same transaction as what the messages changed;
 * Kafka's committed offsets follow (a hint for the group), and a redelivered offset below the stored
 * one is skipped. A redelivered event (the relay republished it) is skipped by its event id. A message
 * that cannot be decoded, or that the handler refuses although the database answers, goes to the
 * dead-letter topic with the error and its original headers, and the partition moves on. When the
 * database does not answer, nothing moves: the batch is retried until it does.
 */
export class KafkaSharedEventConsumer {
  readonly name: string;
  readonly topics: readonly string[];
  private readonly types: ReadonlySet<string>;
  private consumer: Consumer | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private stopped = true;
  private checkpoints = new Map<string, bigint>();
  /** Where each assigned partition must continue: set by the seek on joining, then by each batch. */
  private expected = new Map<string, bigint>();
  private seeking: Promise<void> = Promise.resolve();
  /** Offsets for the group, sent about once a second off the hot path (a hint: the database is the truth). */
  private readonly uncommitted = new Map<string, { topic: string; partition: number; offset: string }>();
  private commitTimer: NodeJS.Timeout | undefined;
  private state: SharedEventConsumerStatus['state'] = 'stopped';
  private lastError: string | undefined;
  private processed = 0;
  private deadLettered = 0;

  constructor(
    private readonly kafka: Kafka,
    private readonly db: SqlDatabase,
    private readonly handler: SharedEventHandler,
    private readonly catalogue: IntegrationEventCatalogue,
    private readonly deadLetters: MessagePublisher,
    private readonly options: SharedEventConsumerOptions = {},
  ) {
    this.name = handlerName(handler);
    this.topics = topicsOf(handler, catalogue).map((topic) => kafkaTopic(topic, options.topicPrefix));
    this.types = new Set(handledEventTypes(handler, catalogue));
  }

  get groupId(): string {
    return this.options.groupId ?? kafkaTopic(`pamoja.${this.name}`, this.options.topicPrefix);
  }

  /** Creates the state tables (and the read model's, for a projection). */
  async migrate(): Promise<void> {
    await migrateConsumerState(this.db);
    if (this.handler.kind === 'projection') {
      await migrate(this.db, this.handler.projection.schema, this.handler.projection.migrations);
    }
  }

  async start(): Promise<void> {
    await this.migrate();
    this.stopped = false;
    this.commitTimer = setInterval(() => void this.commitOffsets(), 1000);
    await this.connect();
  }

  private async commitOffsets(): Promise<void> {
    const consumer = this.consumer;
    if (!consumer || this.uncommitted.size === 0) return;
    const offsets = [...this.uncommitted.values()];
    this.uncommitted.clear();
    try {
      await consumer.commitOffsets(offsets);
    } catch {
      // Not joined right now (a rebalance, the broker away): the stored positions decide on the next join.
    }
  }

  status(): SharedEventConsumerStatus {
    return {
      name: this.name,
      state: this.state,
      lastError: this.lastError,
      processed: this.processed,
      deadLettered: this.deadLettered,
    };
  }

  /** The next offset to process per `topic:partition`, as stored. */
  async positions(): Promise<Map<string, bigint>> {
    return readPartitionCheckpoints(this.db, this.name);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.state = 'starting';
    const consumer = this.kafka.consumer({
      groupId: this.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: 10000,
      heartbeatInterval: 1000,
      maxWaitTimeInMs: FETCH_WAIT_MS,
      retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: 10, restartOnFailure: () => Promise.resolve(true) },
    });
    this.consumer = consumer;
    // The stored positions are the truth: on every assignment, seek to them (to the start when there
    // are none, as after a rebuild), whatever offsets the group last committed.
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.seeking = this.seekToStoredPositions(consumer, payload.memberAssignment).catch((error: unknown) => {
        this.options.logger?.error('could not seek to the stored positions', {
          consumer: this.name,
          error: String(error),
        });
      });
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      this.state = 'failing';
      this.lastError = payload.error.message;
      this.options.logger?.error('consumer crashed', { consumer: this.name, error: payload.error.message });
      // kafkajs restarts by itself when it can; when it gives up, so do not we.
      if (!payload.restart) this.scheduleReconnect(consumer);
    });
    try {
      this.checkpoints = await readPartitionCheckpoints(this.db, this.name);
      await consumer.connect();
      await consumer.subscribe({ topics: [...this.topics], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: async (payload) => {
          await this.seeking;
          const { batch } = payload;
          const { topic, partition } = batch;
          const key = `${topic}:${partition}`;
          const expected = this.expected.get(key);
          const first = batch.messages[0];
          if (expected !== undefined && first && BigInt(first.offset) > expected) {
            // Fetched from the group's committed offset before the seek took effect: the seek brings
            // the partition back to the stored position, and nothing is skipped.
            return;
          }
          const from = this.checkpoints.get(key) ?? expected ?? 0n;
          const pending = batch.messages.filter((m) => BigInt(m.offset) >= from);
          const chunk = 200;
          for (let i = 0; i < pending.length; i += chunk) {
            if (!payload.isRunning() || payload.isStale()) return;
            const part = pending.slice(i, i + chunk);
            const next = await this.process(topic, partition, part);
            this.checkpoints.set(key, next);
            this.expected.set(key, next);
            this.options.onApplied?.(this.name);
            // Moves the fetch position on (without it the same messages would be fetched again), then
            // tells the group, as a hint: the stored position stays the truth.
            const last = part[part.length - 1];
            if (last) payload.resolveOffset(last.offset);
            this.uncommitted.set(key, { topic, partition, offset: next.toString() });
            await payload.heartbeat();
          }
          // Redelivered messages below the stored position are done already: move past them too.
          const lastOfBatch = batch.messages[batch.messages.length - 1];
          if (pending.length === 0 && lastOfBatch) payload.resolveOffset(lastOfBatch.offset);
          if (this.state !== 'running') this.state = 'running';
        },
      });
      this.state = 'running';
    } catch (error) {
      this.state = 'failing';
      this.lastError = error instanceof Error ? error.message : String(error);
      this.options.logger?.error('consumer could not start', { consumer: this.name, error: this.lastError });
      this.scheduleReconnect(consumer);
    }
  }

  private async seekToStoredPositions(consumer: Consumer, assignment: Record<string, number[]>): Promise<void> {
    this.checkpoints = await readPartitionCheckpoints(this.db, this.name);
    for (const [topic, partitions] of Object.entries(assignment)) {
      let starts: Map<number, string> | undefined;
      for (const partition of partitions) {
        let offset = this.checkpoints.get(`${topic}:${partition}`)?.toString();
        if (offset === undefined) {
          starts ??= await this.lowWatermarks(topic);
          offset = starts.get(partition) ?? '0';
        }
        this.expected.set(`${topic}:${partition}`, BigInt(offset));
        consumer.seek({ topic, partition, offset });
      }
    }
  }

  private async lowWatermarks(topic: string): Promise<Map<number, string>> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      return new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p.low]));
    } finally {
      await admin.disconnect();
    }
  }

  private scheduleReconnect(consumer: Consumer): void {
    if (this.stopped || this.restartTimer) return;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      void consumer
        .disconnect()
        .catch(() => undefined)
        .then(() => this.connect());
    }, 2000);
  }

  private decode(message: KafkaMessage, topic: string): Decoded {
    const offset = BigInt(message.offset);
    try {
      const received = fromCloudEventMessage({
        key: message.key,
        value: message.value,
        headers: message.headers ?? {},
      });
      return {
        message,
        topic,
        offset,
        event: sharedEventFromMessage(received, this.catalogue),
        error: undefined,
        trace: traceContextOf(received),
      };
    } catch (error) {
      return { message, topic, offset, event: undefined, error };
    }
  }

  /** Processes messages of one partition; returns the next offset to process. */
  private async process(topic: string, partition: number, messages: readonly KafkaMessage[]): Promise<bigint> {
    const decoded = messages.map((m) => this.decode(m, topic));
    const last = decoded[decoded.length - 1];
    if (!last) return this.checkpoints.get(`${topic}:${partition}`) ?? 0n;
    const next = last.offset + 1n;
    // Dead letters first: once the checkpoint has moved past a message, its dead letter must exist.
    const undecodable = decoded.filter((d) => d.event === undefined);
    if (undecodable.length > 0) await this.deadLetter(topic, partition, undecodable);
    try {
      await this.applyAll(
        decoded.filter((d) => d.event !== undefined),
        topic,
        partition,
        next,
      );
    } catch (error) {
      // One message may be at fault: go through them one at a time to find it and keep the others.
      this.options.logger?.warn('batch failed; retrying message by message', {
        consumer: this.name,
        topic,
        partition,
        error: String(error),
      });
      for (const one of decoded) {
        if (one.event !== undefined) await this.applyOneOrDeadLetter(one, topic, partition);
      }
      await writePartitionCheckpoint(this.db, this.name, topic, partition, next);
    }
    return next;
  }

  private async applyAll(items: readonly Decoded[], topic: string, partition: number, next: bigint): Promise<void> {
    if (this.handler.kind === 'projection') {
      const projection = this.handler.projection;
      await this.db.transaction(async (tx) => {
        const handled = items.filter((item) => item.event !== undefined && this.types.has(item.event.type));
        if (projection.applyPage && !handled.some((item) => item.trace)) {
          await this.applyAsPage(tx, handled, projection.applyPage.bind(projection));
        } else {
          for (const item of items) await this.applyInTransaction(tx, item, projection);
        }
        await writePartitionCheckpoint(tx, this.name, topic, partition, next);
      });
      return;
    }
    for (const item of items) await this.react(item);
    await writePartitionCheckpoint(this.db, this.name, topic, partition, next);
  }

  /**
   * A chunk nobody traces, to a projection that applies a page in a few statements (ADR 0036): the events not
   * processed before are marked in one statement and applied as one page, in the partition's order, which is the
   * order `apply` would have seen them in.
   */
  private async applyAsPage(
    tx: SqlQueryable,
    handled: readonly Decoded[],
    applyPage: NonNullable<Projection['applyPage']>,
  ): Promise<void> {
    const events = handled.flatMap((item) => (item.event ? [item.event] : []));
    const fresh = new Set(
      await markAllProcessed(
        tx,
        this.name,
        events.map((event) => event.eventId),
      ),
    );
    // Each new id once: a duplicate later in the chunk is a redelivery.
    const page = events.filter((event) => fresh.delete(event.eventId));
    if (page.length > 0) await applyPage(tx, page);
    this.processed += page.length;
  }

  private async applyInTransaction(
    tx: SqlQueryable,
    item: Decoded,
    projection: Pick<Projection, 'name' | 'apply'>,
  ): Promise<void> {
    const event = item.event;
    if (!event || !this.types.has(event.type)) return;
    if (!(await markProcessed(tx, this.name, event.eventId))) return;
    // Within the consumer span, the projection's own span (`applyTraced`, as the projection runner does it).
    await this.traced(item, event, () => applyTraced(projection, tx, event, item.trace ? context.active() : undefined));
    this.processed += 1;
  }

  /**
   * Processing a message that carries its writer's trace: a consumer span in that trace (ADR 0029), active for
   * what the handler does. A message without one costs no span.
   */
  private traced(item: Decoded, event: RecordedEvent, fn: () => Promise<void>): Promise<void> {
    if (!item.trace) return fn();
    return withSpan(
      `process ${event.type}`,
      {
        [ATTR_MESSAGING_SYSTEM]: 'kafka',
        [ATTR_MESSAGING_OPERATION_TYPE]: 'process',
        [ATTR_MESSAGING_DESTINATION_NAME]: item.topic,
        [ATTR_MESSAGING_MESSAGE_ID]: event.eventId,
        [ATTR_MESSAGING_CONSUMER_GROUP]: this.groupId,
        [TRACE_ATTRIBUTES.eventType]: event.type,
        [TRACE_ATTRIBUTES.correlationId]: event.metadata.correlationId,
      },
      fn,
      { kind: SpanKind.CONSUMER, parent: item.trace },
    );
  }

  private async react(item: Decoded): Promise<void> {
    const event = item.event;
    if (!event || !this.types.has(event.type) || this.handler.kind !== 'reactor') return;
    const seen = await this.db.query(
      `SELECT 1 FROM messaging_state.processed_events WHERE consumer = $1 AND event_id = $2`,
      [this.name, event.eventId],
    );
    if (seen.length > 0) return;
    const handler = this.handler;
    await this.traced(item, event, () => handler.handle(event));
    await markProcessed(this.db, this.name, event.eventId);
    this.processed += 1;
  }

  private async applyOneOrDeadLetter(item: Decoded, topic: string, partition: number): Promise<void> {
    const attempts = this.options.attempts ?? 3;
    for (let attempt = 1; ; attempt += 1) {
      try {
        if (this.handler.kind === 'projection') {
          const projection = this.handler.projection;
          await this.db.transaction((tx) => this.applyInTransaction(tx, item, projection));
        } else {
          await this.react(item);
        }
        return;
      } catch (error) {
        if (!(await this.databaseAnswers())) throw error;
        if (attempt >= attempts) {
          await this.deadLetter(topic, partition, [{ ...item, error }]);
          return;
        }
        await sleep(200 * attempt);
      }
    }
  }

  private async databaseAnswers(): Promise<boolean> {
    try {
      await this.db.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  private async deadLetter(topic: string, partition: number, items: readonly Decoded[]): Promise<void> {
    await this.deadLetters.publish(
      items.map((item) => ({
        ...deadLetterOf({ topic, partition, message: item.message }, this.name, item.error),
        topic: kafkaTopic(DEAD_LETTER_TOPIC, this.options.topicPrefix),
      })),
    );
    this.deadLettered += items.length;
    for (const item of items) {
      this.options.logger?.warn('message sent to the dead-letter topic', {
        consumer: this.name,
        topic,
        partition,
        offset: item.offset.toString(),
        error: item.error instanceof Error ? item.error.message : String(item.error),
      });
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.state = 'stopped';
    clearTimeout(this.restartTimer);
    clearInterval(this.commitTimer);
    await this.commitOffsets();
    await this.consumer?.disconnect().catch(() => undefined);
  }
}
