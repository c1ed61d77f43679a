import { setTimeout as sleep } from 'node:timers/promises';
import { type Kafka } from 'kafkajs';
import { type SqlDatabase } from '@pamoja/event-store';
import { type IntegrationEventCatalogue } from '@pamoja/messaging';
import { readPartitionCheckpoints, resetConsumerState } from './consumer-state.js';
import { type MessagePublisher } from './publisher.js';
import { KafkaSharedEventConsumer } from './shared-event-consumer.js';
import { type SharedProjection } from '@pamoja/platform/messaging';

interface TopicRebuildProgress {
  readonly processed: number;
  readonly total: number;
}

/**
 * Rebuilds a shared projection by replaying its topics from the beginning: the read model and the
 * consumer's state are emptied in one transaction, so the consumer (which seeks to its stored positions
 * when it joins its group) starts every partition from the beginning, and it runs until every partition
 * reaches the end it had when the rebuild began. The service that
 * owns the projection must be stopped (its group has no members), as for a rebuild from the log.
 */
export async function rebuildFromTopics(
  kafka: Kafka,
  db: SqlDatabase,
  handler: SharedProjection,
  catalogue: IntegrationEventCatalogue,
  deadLetters: MessagePublisher,
  onProgress: (progress: TopicRebuildProgress) => void = () => undefined,
  options: { topicPrefix?: string } = {},
): Promise<TopicRebuildProgress> {
  const consumer = new KafkaSharedEventConsumer(kafka, db, handler, catalogue, deadLetters, options);
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([consumer.groupId]);
    const group = groups[0];
    if (group && group.members.length > 0) {
      throw new Error(
        `consumer group ${consumer.groupId} has ${group.members.length} active member(s): stop the service that ` +
          `runs ${consumer.name} before rebuilding it`,
      );
    }
    const ends = new Map<string, bigint>();
    const starts = new Map<string, bigint>();
    for (const topic of consumer.topics) {
      for (const { partition, low, high } of await admin.fetchTopicOffsets(topic)) {
        ends.set(`${topic}:${partition}`, BigInt(high));
        starts.set(`${topic}:${partition}`, BigInt(low));
      }
    }
    const total = [...ends].reduce((sum, [key, end]) => sum + Number(end - (starts.get(key) ?? 0n)), 0);

    await consumer.migrate();
    await db.transaction(async (tx) => {
      await handler.projection.reset(tx);
      await resetConsumerState(tx, consumer.name);
    });
    const progress = async (): Promise<TopicRebuildProgress> => {
      const positions = await readPartitionCheckpoints(db, consumer.name);
      let processed = 0;
      let done = true;
      for (const [key, end] of ends) {
        const start = starts.get(key) ?? 0n;
        const at = positions.get(key) ?? start;
        processed += Number((at > end ? end : at) - start);
        if (at < end) done = false;
      }
      return { processed: done ? total : processed, total };
    };
    await consumer.start();
    try {
      for (;;) {
        const current = await progress();
        onProgress(current);
        if (current.processed >= total) return current;
        const status = consumer.status();
        if (status.state === 'failing' && status.lastError) {
          throw new Error(`rebuild of ${consumer.name} failed: ${status.lastError}`);
        }
        await sleep(200);
      }
    } finally {
      await consumer.stop();
    }
  } finally {
    await admin.disconnect();
  }
}
