import { createServer, type Server } from 'node:http';
import { Logger } from '@nestjs/common';
import {
  KurrentDbEventStore,
  PostgresDatabase,
  readCheckpoint,
  SqlEventStore,
  type EventStore,
  type SqlDatabase,
  type Upcasters,
} from '@pamoja/event-store';
import { DEFAULT_CATALOGUE } from '@pamoja/messaging';
import { type PlatformConfig } from '@pamoja/platform/config';
import {
  flushTraces,
  operationsEndpoints,
  PlatformMetrics,
  setupTracing,
  type ReadinessReport,
} from '@pamoja/platform/telemetry';
import { createKafka } from './kafka.js';
import { KafkaMessagePublisher } from './publisher.js';
import { Leadership } from './leadership.js';
import { KafkaBrokerProbe } from './relay-probe.js';
import { EventRelay, RELAY_CHECKPOINT } from './relay.js';

/**
 * The relay is ready when its database answers and the broker does (the leader's last probe, a standby's own
 * question), and the leader is no further behind the log than `config.readiness.maxProjectionLag` positions.
 */
async function relayReadiness(
  db: SqlDatabase,
  relay: EventRelay,
  leadership: Leadership,
  probe: KafkaBrokerProbe,
  lag: () => Promise<number>,
  config: PlatformConfig,
): Promise<ReadinessReport> {
  const checks: Record<string, ReadinessReport['checks'][string]> = {};
  const failure = (error: unknown): string => (error instanceof Error ? error.message : String(error));
  try {
    await db.query('SELECT 1');
    checks['database'] = { status: 'up' };
  } catch (error) {
    checks['database'] = { status: 'down', error: failure(error) };
  }
  const role = leadership.state;
  if (role === 'leading') {
    const status = relay.status();
    checks['broker'] =
      status.state === 'running' ? { status: 'up' } : { status: 'down', state: status.state, error: status.lastError };
    const maxLag = config.readiness.maxProjectionLag;
    try {
      const behind = await lag();
      checks['relay'] =
        behind > maxLag
          ? {
              status: 'down',
              role,
              behind,
              maxLag,
              reason: `${behind} positions not yet published (at most ${maxLag})`,
            }
          : { status: 'up', role, behind, maxLag };
    } catch (error) {
      checks['relay'] = { status: 'down', role, error: failure(error) };
    }
  } else {
    try {
      await Promise.race([
        probe.check(),
        new Promise<never>((_, reject) =>
          setTimeout(() => {
            reject(new Error('the broker did not answer within 3000 ms'));
          }, 3000).unref(),
        ),
      ]);
      checks['broker'] = { status: 'up' };
    } catch (error) {
      checks['broker'] = { status: 'down', error: failure(error) };
    }
    checks['relay'] = role === 'standby' ? { status: 'up', role } : { status: 'down', role };
  }
  return { ready: Object.values(checks).every((c) => c.status === 'up'), checks };
}

export interface RelayProcess {
  readonly relay: EventRelay;
  /** `leading` while this process holds the relay lock and publishes; `standby` while another does. */
  role(): 'standby' | 'leading' | 'stopped';
  readonly url: string;
  /** This process's metrics (served at /metrics). */
  readonly metrics: PlatformMetrics;
  stop(): Promise<void>;
}

/**
 * The relay as a process: the store on PostgreSQL (with every context's upcasters, so it publishes what
 * the services read), Kafka, and GET /health (503 while it cannot publish or the broker does not answer
 * its probe, asked every 2 s with a 3 s timeout: failing within about 5 s of losing the broker), GET
 * /health/live, /health/ready and /metrics (the relay's lag; ADR 0029). Several
 * may run: one holds the relay lock and publishes, the others stand by and take over when it goes.
 */
export async function startRelay(
  config: PlatformConfig,
  upcasters: Upcasters,
  options: { batchSize?: number; probeIntervalMs?: number } = {},
): Promise<RelayProcess> {
  if (!config.databaseUrl) throw new Error('DATABASE_URL is required');
  if (!config.kafkaBrokers) throw new Error('KAFKA_BROKERS is required');
  // Its publish spans, named after the relay, exported when OTEL_EXPORTER_OTLP_ENDPOINT says where (ADR 0029).
  setupTracing({ serviceName: config.serviceName });
  const logger = new Logger('Relay');
  const db = new PostgresDatabase({ connectionString: config.databaseUrl, applicationName: config.serviceName });
  // The relay's checkpoint stays in PostgreSQL whichever store keeps the log, as does the KurrentDB log's index of
  // event ids (ADR 0035).
  const store: EventStore =
    config.eventStore === 'kurrentdb'
      ? await KurrentDbEventStore.open({ connectionString: config.kurrentDbUrl ?? '', indexDatabase: db, upcasters })
      : await SqlEventStore.open(db, { upcasters });
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

  const metrics = new PlatformMetrics(config.serviceName);
  /**
   * Log positions not yet published: the leader's own position (it passes over events nobody publishes); a
   * standby reads the leader's checkpoint, so every relay of a log reports the same backlog.
   */
  const lag = async (): Promise<number> => {
    const head = await store.headPosition();
    const position =
      leadership.state === 'leading' ? relay.status().position : await readCheckpoint(db, RELAY_CHECKPOINT);
    return Math.max(0, head.globalPosition - position.globalPosition);
  };
  metrics.relayLagFrom(lag);
  const operations = operationsEndpoints(metrics, () => relayReadiness(db, relay, leadership, probe, lag, config));

  const server: Server = createServer((req, res) => {
    if (operations(req, res)) return;
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
    metrics,
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
      await flushTraces();
    },
  };
}
