import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { PUBLISHING_CONTEXTS, topicOf } from '@pamoja/messaging';
import { DEAD_LETTER_TOPIC, kafkaTopic } from '@pamoja/platform/kafka';
import { recordStartedService } from './started-services.js';

export const TEST_KAFKA_BROKERS = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',').map((b) => b.trim());

/** A quiet client for tests (the code under test logs through its own client). */
export function testKafka(brokers: readonly string[] = TEST_KAFKA_BROKERS): Kafka {
  return new Kafka({
    clientId: 'pamoja-test',
    brokers: [...brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    retry: { retries: 3, initialRetryTime: 200 },
  });
}

async function reachable(brokers: readonly string[]): Promise<boolean> {
  const admin = testKafka(brokers).admin();
  try {
    await admin.connect();
    await admin.listTopics();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * Makes sure a real broker answers: CI starts one (.ci/run); on a developer machine the local broker is
 * started with infra/kafka/start.sh when it is not running (the script does nothing when it is), and stopped
 * again when the test run ends (a broker that was already running is left alone). Fails, never skips,
 * saying why.
 */
export async function requireKafka(): Promise<void> {
  if (await reachable(TEST_KAFKA_BROKERS)) return;
  const script = resolve('infra/kafka/start.sh');
  const local = TEST_KAFKA_BROKERS.every((b) => b === '127.0.0.1:9092' || b === 'localhost:9092');
  if (local && existsSync(script)) {
    const started = spawnSync('bash', [script], { encoding: 'utf8', timeout: 300_000 });
    if (started.status === 0) recordStartedService({ name: 'kafka', stopScript: 'infra/kafka/stop.sh', env: {} });
    if (started.status === 0 && (await reachable(TEST_KAFKA_BROKERS))) return;
    throw new Error(
      `Kafka is required for this test; infra/kafka/start.sh could not start it:\n${started.stderr || started.stdout}`,
    );
  }
  throw new Error(
    `Kafka is required for this test and does not answer at ${TEST_KAFKA_BROKERS.join(',')} ` +
      '(set KAFKA_BROKERS or run infra/kafka/start.sh)',
  );
}

export interface TestTopics {
  /** The `KAFKA_TOPIC_PREFIX` of this test's own topics. */
  readonly prefix: string;
  /** Every topic created, by its catalogue name. */
  readonly topics: Readonly<Record<string, string>>;
  drop(): Promise<void>;
}

/**
 * Creates this test's own copies of the context topics and the dead-letter topic under a random prefix,
 * so that tests running side by side on one broker never see each other's messages.
 */
export async function createTestTopics(
  options: { partitions?: number; brokers?: readonly string[] } = {},
): Promise<TestTopics> {
  await requireKafka();
  const prefix = `t${randomBytes(5).toString('hex')}`;
  const names = [...PUBLISHING_CONTEXTS.map(topicOf), DEAD_LETTER_TOPIC];
  const topics = Object.fromEntries(names.map((name) => [name, kafkaTopic(name, prefix)]));
  const admin = testKafka(options.brokers).admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: Object.values(topics).map((topic) => ({
        topic,
        numPartitions: options.partitions ?? 3,
        replicationFactor: 1,
      })),
    });
  } finally {
    await admin.disconnect();
  }
  return {
    prefix,
    topics,
    drop: async () => {
      const cleanup = testKafka(options.brokers).admin();
      await cleanup.connect();
      try {
        await cleanup.deleteTopics({ topics: Object.values(topics), timeout: 10000 });
      } catch {
        // The broker may be gone already (a fault test stops it); its data directory goes with it.
      } finally {
        await cleanup.disconnect().catch(() => undefined);
      }
    },
  };
}
