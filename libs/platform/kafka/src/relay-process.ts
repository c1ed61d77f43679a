import { createServer, type Server } from 'node:http';
import { Logger } from '@nestjs/common';
import { PostgresDatabase, SqlEventStore, type Upcasters } from '@pamoja/event-store';
import { DEFAULT_CATALOGUE } from '@pamoja/messaging';
import { type PlatformConfig } from '@pamoja/platform/config';
import { createKafka } from './kafka.js';
import { KafkaMessagePublisher } from './publisher.js';
import { Leadership } from './leadership.js';
import { KafkaBrokerProbe } from './relay-probe.js';
import { EventRelay } from './relay.js';

export interface RelayProcess {
  readonly relay: EventRelay;
  /** `leading` while this process holds the relay lock and publishes; `standby` while another does. */
  role(): 'standby' | 'leading' | 'stopped';
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * The relay as a process: the store on PostgreSQL (with every context's upcasters, so it publishes what
 * the services read), Kafka, and GET /health (503 while it cannot publish or the broker does not answer
 * its probe, asked every 2 s with a 3 s timeout: failing within about 5 s of losing the broker). Several
 * may run: one holds the relay lock and publishes, the others stand by and take over when it goes.
 */
export async function startRelay(
  config: PlatformConfig,
  upcasters: Upcasters,
  options: { batchSize?: number; probeIntervalMs?: number } = {},
): Promise<RelayProcess> {
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required');
  if (!config.kafkaBrokers) throw new Error('KAFKA_BROKERS is required');
  const logger = new Logger('Relay');
  const db = new PostgresDatabase({ connectionString: config.databaseUrl, applicationName: config.serviceName });
  const store = await SqlEventStore.open(db, { upcasters });
  const kafka = createKafka({ brokers: config.kafkaBrokers, clientId: config.serviceName });
  const publisher = new KafkaMessagePublisher(kafka);
  // An idle relay publishes nothing: the probe is what tells it, and /health, that the broker is gone.
  const probe = new KafkaBrokerProbe(kafka);
  const relay = new EventRelay(store, db, publisher, DEFAULT_CATALOGUE, {
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    probe: probe.check,
    ...(options.probeIntervalMs === undefined ? {} : { probeIntervalMs: options.probeIntervalMs }),
    ...(config.kafkaTopicPrefix ? { topicPrefix: config.kafkaTopicPrefix } : {}),
    logger: {
      info: (msg, details) => {
        logger.log({ msg, ...details });
      },
      error: (msg, details) => {
        logger.error({ msg, ...details });
      },
    },
  });
  const leadership = new Leadership(
    config.databaseUrl,
    config.kafkaTopicPrefix ? `pamoja.kafka-relay.${config.kafkaTopicPrefix}` : 'pamoja.kafka-relay',
    { lead: () => relay.start(), stepDown: () => relay.stop() },
    {
      info: (msg, details) => {
        logger.log({ msg, ...details });
      },
      error: (msg, details) => {
        logger.error({ msg, ...details });
      },
    },
  );
  leadership.start();

  const server: Server = createServer((req, res) => {
    if (req.url !== '/health') {
      res.writeHead(404).end();
      return;
    }
    // A standby relay is healthy: it is ready to take over. The active one is healthy while it publishes.
    const role = leadership.state;
    const status = relay.status();
    const healthy = role === 'standby' || status.state === 'running';
    res.writeHead(healthy ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ...status, status: role === 'leading' ? status.state : role, role }));
  });
  await new Promise<void>((resolve) => server.listen(config.port, '0.0.0.0', resolve));
  const address = server.address();
  const url = `http://localhost:${typeof address === 'object' && address ? address.port : config.port}`;
  logger.log(`relay publishing to Kafka (${config.kafkaBrokers.join(',')}); health on ${url}/health`);

  let stopped = false;
  return {
    relay,
    url,
    role: () => leadership.state,
    async stop() {
      if (stopped) return;
      stopped = true;
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
      await relay.stop();
      await leadership.stop();
      await probe.close();
      await publisher.close();
      await store.close();
      await db.close();
    },
  };
}
