import { ROOT_CONTEXT, trace, type Link } from '@opentelemetry/api';
import { type IHeaders, type Kafka, type Message, type Producer, type TopicMessages } from 'kafkajs';
import { traceContextOf } from '@pamoja/event-store';
import { SpanKind, withSpan } from '@pamoja/platform/telemetry';

/** One record to publish: a CloudEvent in binary mode (see @pamoja/messaging) or a dead letter. */
export interface OutgoingMessage {
  readonly topic: string;
  readonly key: string;
  readonly value: Buffer;
  readonly headers: Readonly<Record<string, string>>;
  readonly timestamp?: string;
}

/**
 * The messaging port: publish a batch, resolved only once every record is acknowledged by all in-sync
 * replicas. Kafka is behind it (kafkajs is in maintenance; swapping the client touches only the adapter).
 */
export interface MessagePublisher {
  publish(messages: readonly OutgoingMessage[]): Promise<void>;
  close(): Promise<void>;
}

/** Groups records by topic, keeping each topic's order (per key order is what consumers rely on). */
function byTopic(messages: readonly OutgoingMessage[]): TopicMessages[] {
  const topics = new Map<string, Message[]>();
  for (const message of messages) {
    let list = topics.get(message.topic);
    if (!list) topics.set(message.topic, (list = []));
    // kafkajs only reads the headers; passing them as they are saves a copy per record.
    const headers = message.headers as IHeaders;
    list.push(
      message.timestamp === undefined
        ? { key: message.key, value: message.value, headers }
        : { key: message.key, value: message.value, headers, timestamp: message.timestamp },
    );
  }
  return [...topics].map(([topic, list]) => ({ topic, messages: list }));
}

/** The traces a batch's messages continue, once each (the SDK keeps at most 128 links a span). */
function linksOf(messages: readonly OutgoingMessage[]): Link[] {
  const seen = new Set<string>();
  const links: Link[] = [];
  for (const message of messages) {
    const traceparent = message.headers['ce_traceparent'];
    if (!traceparent || seen.has(traceparent)) continue;
    seen.add(traceparent);
    const spanContext = trace.getSpanContext(
      traceContextOf({ traceparent, tracestate: message.headers['ce_tracestate'] ?? null }) ?? ROOT_CONTEXT,
    );
    if (spanContext) links.push({ context: spanContext });
  }
  return links;
}

/**
 * Kafka adapter of the port. The producer is idempotent (a retried request is not written twice) and
 * waits for acks from all in-sync replicas. A failed publish drops the connection, so that the next
 * attempt starts clean after a broker restart.
 */
export class KafkaMessagePublisher implements MessagePublisher {
  private producer: Producer | undefined;
  private connecting: Promise<Producer> | undefined;

  constructor(private readonly kafka: Kafka) {}

  private async connected(): Promise<Producer> {
    if (this.producer) return this.producer;
    this.connecting ??= (async () => {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: 5 },
      });
      try {
        await producer.connect();
      } catch (error) {
        await producer.disconnect().catch(() => undefined);
        throw error;
      }
      this.producer = producer;
      return producer;
    })().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  /**
   * One producer span per batch (ADR 0029), linked to the trace of every event in it that was traced (its
   * CloudEvent's `traceparent`): a batch carries many requests' events, so it continues none of them.
   */
  async publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await withSpan(
      'kafka publish',
      {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'send',
        'messaging.batch.message_count': messages.length,
      },
      () => this.send(messages),
      { kind: SpanKind.PRODUCER, links: linksOf(messages) },
    );
  }

  private async send(messages: readonly OutgoingMessage[]): Promise<void> {
    const producer = await this.connected();
    try {
      await producer.sendBatch({ topicMessages: byTopic(messages), acks: -1 });
    } catch (error) {
      this.producer = undefined;
      await producer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    const producer = this.producer ?? (await this.connecting?.catch(() => undefined));
    this.producer = undefined;
    await producer?.disconnect();
  }
}
