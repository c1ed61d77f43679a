import { randomUUID } from 'node:crypto';
import { type Kafka, type KafkaMessage } from 'kafkajs';
import { type SqlDatabase } from '@pamoja/event-store';
import { recordReplay, replayedDeadLetters } from './consumer-state.js';
import { type MessagePublisher, type OutgoingMessage } from './publisher.js';
import { kafkaTopic } from './topics.js';

/** Messages a consumer could not process, kept for inspection and replay (infra/kafka/topics.txt). */
export const DEAD_LETTER_TOPIC = 'pamoja.deadletter.v1';

/** Headers a dead letter adds to the original ones; every other header is the original's, unchanged. */
export const DEAD_LETTER_HEADERS = {
  topic: 'dlq_original_topic',
  partition: 'dlq_original_partition',
  offset: 'dlq_original_offset',
  consumer: 'dlq_consumer',
  error: 'dlq_error',
  failedAt: 'dlq_failed_at',
} as const;

/** A record as a consumer received it. */
interface ReceivedRecord {
  readonly topic: string;
  readonly partition: number;
  readonly message: Pick<KafkaMessage, 'key' | 'value' | 'headers' | 'offset'>;
}

function headerText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (Array.isArray(value)) return headerText(value[0]);
  return undefined;
}

function originalHeaders(headers: KafkaMessage['headers']): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const text = headerText(value);
    if (text !== undefined) result[name] = text;
  }
  return result;
}

/** The dead letter for a record: the original key, value and headers, plus where it came from and why it failed. */
export function deadLetterOf(
  record: ReceivedRecord,
  consumer: string,
  error: unknown,
  now = new Date(),
): OutgoingMessage {
  const { topic, partition, message } = record;
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    topic: DEAD_LETTER_TOPIC,
    key: message.key?.toString('utf8') ?? `${topic}:${partition}:${message.offset}`,
    value: message.value ?? Buffer.alloc(0),
    headers: {
      ...originalHeaders(message.headers),
      [DEAD_LETTER_HEADERS.topic]: topic,
      [DEAD_LETTER_HEADERS.partition]: String(partition),
      [DEAD_LETTER_HEADERS.offset]: message.offset,
      [DEAD_LETTER_HEADERS.consumer]: consumer,
      // Bounded: an error message is for a person to read, not a place to dump a payload.
      [DEAD_LETTER_HEADERS.error]: reason.slice(0, 2000),
      [DEAD_LETTER_HEADERS.failedAt]: now.toISOString(),
    },
  };
}

/** A dead letter as the command line shows it. */
export interface DeadLetter {
  /** `<partition>:<offset>` in the dead-letter topic: what `replay` takes. */
  readonly ref: string;
  readonly consumer: string;
  readonly original: { readonly topic: string; readonly partition: number; readonly offset: string };
  readonly eventId: string | undefined;
  readonly eventType: string | undefined;
  readonly error: string;
  readonly failedAt: string;
  readonly replayedAt: Date | undefined;
  readonly message: OutgoingMessage;
}

/**
 * Reads a topic from its start to the end it had when the read began, with a throwaway consumer group
 * (deleted afterwards) so that reading never moves a service's offsets.
 */
async function readTopicToEnd(
  kafka: Kafka,
  topic: string,
  onMessage: (partition: number, message: KafkaMessage) => void,
  options: { timeoutMs?: number } = {},
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `pamoja.reader.${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, maxWaitTimeInMs: 200, allowAutoTopicCreation: false });
  try {
    const ends = new Map<number, bigint>();
    for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
      if (BigInt(high) > BigInt(low)) ends.set(partition, BigInt(high));
    }
    if (ends.size === 0) return;
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`could not read ${topic} to its end within ${options.timeoutMs ?? 30000} ms`));
      }, options.timeoutMs ?? 30000);
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            const end = ends.get(partition);
            if (end === undefined || BigInt(message.offset) >= end) return;
            onMessage(partition, message);
            if (BigInt(message.offset) + 1n >= end) ends.delete(partition);
            if (ends.size === 0) {
              clearTimeout(timer);
              resolve();
            }
            return Promise.resolve();
          },
        })
        .catch((error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        });
    });
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}

/** Every dead letter, oldest first, with whether it was replayed. */
export async function listDeadLetters(kafka: Kafka, db: SqlDatabase, topicPrefix?: string): Promise<DeadLetter[]> {
  const replayed = await replayedDeadLetters(db);
  const letters: DeadLetter[] = [];
  await readTopicToEnd(kafka, kafkaTopic(DEAD_LETTER_TOPIC, topicPrefix), (partition, message) => {
    const headers = originalHeaders(message.headers);
    const original: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (!name.startsWith('dlq_')) original[name] = value;
    }
    const ref = `${partition}:${message.offset}`;
    const originalTopic = headers[DEAD_LETTER_HEADERS.topic] ?? '';
    letters.push({
      ref,
      consumer: headers[DEAD_LETTER_HEADERS.consumer] ?? '',
      original: {
        topic: originalTopic,
        partition: Number(headers[DEAD_LETTER_HEADERS.partition] ?? -1),
        offset: headers[DEAD_LETTER_HEADERS.offset] ?? '',
      },
      eventId: headers['ce_id'],
      eventType: headers['ce_type'],
      error: headers[DEAD_LETTER_HEADERS.error] ?? '',
      failedAt: headers[DEAD_LETTER_HEADERS.failedAt] ?? '',
      replayedAt: replayed.get(ref),
      message: {
        topic: originalTopic,
        key: message.key?.toString('utf8') ?? '',
        value: message.value ?? Buffer.alloc(0),
        headers: original,
      },
    });
  });
  return letters.sort((a, b) => a.failedAt.localeCompare(b.failedAt) || a.ref.localeCompare(b.ref));
}

/**
 * Puts dead letters back on their original topics (key, value and headers as they first arrived) and
 * records the replay. Every consumer group sees the message again; those that had processed it skip it
 * by its event id.
 */
export async function replayDeadLetters(
  publisher: MessagePublisher,
  db: SqlDatabase,
  letters: readonly DeadLetter[],
  replayedBy: string,
): Promise<void> {
  for (const letter of letters) {
    if (!letter.message.topic) throw new Error(`dead letter ${letter.ref} does not say which topic it came from`);
    await publisher.publish([letter.message]);
    await recordReplay(db, letter.ref, replayedBy);
  }
}
