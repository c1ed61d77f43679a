import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ReadModelChanges } from '@pamoja/platform/graphql';
import { EVENT_STORE, SQL_DATABASE, type EventStore, type SqlDatabase } from '@pamoja/event-store';
import { DEFAULT_CATALOGUE } from '@pamoja/messaging';
import { PLATFORM_CONFIG, type PlatformConfig } from '@pamoja/platform/config';
import { createKafka } from './kafka.js';
import { LogReactorRunner, type LogReactorStatus } from './log-reactor.js';
import { KafkaMessagePublisher } from './publisher.js';
import { KafkaSharedEventConsumer, type SharedEventConsumerStatus } from './shared-event-consumer.js';
import { handlerName, SharedEventRegistry } from '@pamoja/platform/messaging';

/**
 * Runs the shared handlers. Embedded mode: reactors from the log here, shared projections in the
 * projection runner (see Projections). Server mode: every handler from Kafka, one consumer group each.
 */
@Injectable()
export class SharedEvents implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('SharedEvents');
  private readonly reactors: LogReactorRunner[] = [];
  private readonly consumers: KafkaSharedEventConsumer[] = [];
  private deadLetters: KafkaMessagePublisher | undefined;

  constructor(
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    private readonly registry: SharedEventRegistry,
    private readonly changes: ReadModelChanges,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const handlers = this.registry.all();
    if (handlers.length === 0) return;
    if (this.config.mode === 'embedded') {
      for (const handler of handlers) {
        if (handler.kind !== 'reactor') continue;
        const runner = new LogReactorRunner(this.store, this.db, handler, DEFAULT_CATALOGUE, (error) => {
          this.logger.error({
            msg: 'reactor failed; retrying from its checkpoint',
            reactor: handler.name,
            error: String(error),
          });
        });
        this.reactors.push(runner);
        await runner.start();
      }
      return;
    }
    const brokers = this.config.kafkaBrokers;
    if (!brokers) {
      throw new Error(
        `${this.config.serviceName} uses other agencies' events (${handlers.map(handlerName).join(', ')}): ` +
          'set KAFKA_BROKERS in server mode',
      );
    }
    const kafka = createKafka({ brokers, clientId: this.config.serviceName });
    this.deadLetters = new KafkaMessagePublisher(kafka);
    const log = {
      info: (msg: string, details?: Record<string, unknown>) => {
        this.logger.log({ msg, ...details });
      },
      warn: (msg: string, details?: Record<string, unknown>) => {
        this.logger.warn({ msg, ...details });
      },
      error: (msg: string, details?: Record<string, unknown>) => {
        this.logger.error({ msg, ...details });
      },
    };
    for (const handler of handlers) {
      const consumer = new KafkaSharedEventConsumer(kafka, this.db, handler, DEFAULT_CATALOGUE, this.deadLetters, {
        logger: log,
        onApplied: (name) => {
          this.changes.changed(name);
        },
        ...(this.config.kafkaTopicPrefix ? { topicPrefix: this.config.kafkaTopicPrefix } : {}),
      });
      this.consumers.push(consumer);
      await consumer.start();
    }
  }

  status(): SharedEventConsumerStatus[] {
    return this.consumers.map((c) => c.status());
  }

  /** Embedded mode: the reactors fed from the log, where each stands (none in server mode: see `status`). */
  reactorStatus(): LogReactorStatus[] {
    return this.reactors.map((r) => r.status());
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.reactors, ...this.consumers].map((r) => r.stop()));
    await this.deadLetters?.close();
  }
}
