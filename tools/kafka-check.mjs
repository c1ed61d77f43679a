// Round trip through a real Kafka broker with kafkajs: creates a throwaway topic, produces 100 keyed
// messages, consumes them back, checks that each key's messages arrive in the order they were sent, prints
// timings and deletes the topic.
//
//   infra/kafka/start.sh && node tools/kafka-check.mjs
//
// KAFKA_BROKERS (default 127.0.0.1:9092, comma-separated). kafkajs is resolved from this repository or,
// failing that, from the current directory, so the check also runs from a directory where only kafkajs is
// installed. Exit codes: 0 round trip OK, 1 failed, 2 kafkajs not installed.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';

const MESSAGES = 100;
const KEYS = 10;
const TIMEOUT_MS = 60_000;

function loadKafkajs() {
  for (const base of [import.meta.url, `${process.cwd()}/`]) {
    try {
      return createRequire(base)('kafkajs');
    } catch (error) {
      if (error?.code !== 'MODULE_NOT_FOUND') throw error;
    }
  }
  console.error(
    'kafka-check: kafkajs is not installed here. Install it (npm i kafkajs) in this repository or in the ' +
      'current directory and run again.',
  );
  process.exit(2);
}

const { Kafka, logLevel, Partitioners } = loadKafkajs();

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim());
const run = randomUUID().slice(0, 8);
const topic = `pamoja.kafka-check.${run}`;
const ms = (start) => `${(performance.now() - start).toFixed(0)} ms`;

// kafkajs logs retried errors at ERROR level. Two of them happen once on a fresh broker, while Kafka creates
// its internal topics, and are retried successfully: they are left out. Everything else is printed once.
const RETRIED_ON_FRESH_BROKER = /coordinator is loading|coordinator is not available/i;
const logged = new Set();
const logCreator =
  () =>
  ({ level, log }) => {
    const { message, error } = log;
    if (RETRIED_ON_FRESH_BROKER.test(String(error ?? ''))) return;
    const line = `kafka-check: kafkajs ${level === logLevel.ERROR ? 'ERROR' : 'WARN'}: ${message}`;
    if (logged.has(line)) return;
    logged.add(line);
    console.error(line);
  };

const kafka = new Kafka({
  clientId: 'pamoja-kafka-check',
  brokers,
  logLevel: logLevel.WARN,
  logCreator,
  connectionTimeout: 5_000,
  retry: { retries: 3 },
});
const admin = kafka.admin();
const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
const consumer = kafka.consumer({ groupId: `pamoja-kafka-check-${run}` });

let topicCreated = false;

async function main() {
  const t0 = performance.now();
  await admin.connect();
  const cluster = await admin.describeCluster();
  console.log(`kafka-check: connected to ${brokers.join(',')} (${cluster.brokers.length} broker(s)) in ${ms(t0)}`);

  let t = performance.now();
  await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  topicCreated = true;
  console.log(`kafka-check: created ${topic} (3 partitions) in ${ms(t)}`);

  // Message i has key case-(i % KEYS) and is the (i / KEYS)-th message of that key.
  await producer.connect();
  t = performance.now();
  for (let i = 0; i < MESSAGES; i += 1) {
    const key = `case-${i % KEYS}`;
    const seq = Math.floor(i / KEYS);
    await producer.send({ topic, acks: -1, messages: [{ key, value: JSON.stringify({ run, key, seq }) }] });
  }
  const produceMs = performance.now() - t;
  console.log(
    `kafka-check: produced ${MESSAGES} messages (${KEYS} keys, acks=all, one at a time) in ${produceMs.toFixed(0)} ms ` +
      `(${((produceMs / MESSAGES) * 1000).toFixed(0)} µs each)`,
  );

  const nextSeq = new Map();
  const partitionOfKey = new Map();
  const problems = [];
  let received = 0;
  t = performance.now();
  let firstAt;
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`received ${received} of ${MESSAGES} messages in ${TIMEOUT_MS / 1000} s`)),
      TIMEOUT_MS,
    );
    consumer
      .run({
        // kafkajs awaits what the handler returns; this one has nothing to wait for.
        eachMessage: ({ partition, message }) => {
          firstAt ??= performance.now();
          const { key, seq } = JSON.parse(message.value.toString());
          if (message.key?.toString() !== key) problems.push(`message key ${message.key} != payload key ${key}`);
          const expected = nextSeq.get(key) ?? 0;
          if (seq !== expected) problems.push(`${key}: got #${seq}, expected #${expected}`);
          nextSeq.set(key, seq + 1);
          if (partitionOfKey.has(key) && partitionOfKey.get(key) !== partition) {
            problems.push(`${key} seen on partitions ${partitionOfKey.get(key)} and ${partition}`);
          }
          partitionOfKey.set(key, partition);
          received += 1;
          if (received === MESSAGES) {
            clearTimeout(timer);
            resolve();
          }
          return Promise.resolve();
        },
      })
      .catch(reject);
  });
  console.log(
    `kafka-check: consumed ${received} messages in ${ms(t)} (first after ${(firstAt - t).toFixed(0)} ms: ` +
      `group join and fetch)`,
  );
  if (problems.length > 0) throw new Error(`order check failed:\n  ${problems.join('\n  ')}`);
  const partitions = new Set(partitionOfKey.values());
  console.log(`kafka-check: order per key OK (${KEYS} keys over ${partitions.size} partition(s))`);
  console.log(`kafka-check: OK, round trip in ${ms(t0)}`);
}

let exitCode = 0;
try {
  await main();
} catch (error) {
  console.error(`kafka-check: FAILED: ${error?.message ?? error}`);
  exitCode = 1;
} finally {
  await consumer.disconnect().catch(() => {});
  await producer.disconnect().catch(() => {});
  if (topicCreated) {
    await admin.deleteTopics({ topics: [topic] }).catch((error) => {
      console.error(`kafka-check: could not delete ${topic}: ${error?.message ?? error}`);
    });
  }
  await admin.disconnect().catch(() => {});
}
process.exit(exitCode);
