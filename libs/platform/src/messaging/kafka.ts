import { Logger } from '@nestjs/common';
import { Kafka, logLevel, type LogEntry } from 'kafkajs';

/** Where the Kafka brokers are, and who we are to them. */
export interface KafkaSettings {
  readonly brokers: readonly string[];
  readonly clientId: string;
}

const LEVEL_NAMES: Record<number, 'error' | 'warn' | 'log' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'log',
  [logLevel.DEBUG]: 'debug',
};

/**
 * The one place kafkajs is configured: its logs go through the service's logger (warnings and errors
 * only: a broker that is down for a while is worth a line, not a line per retry of every request).
 */
export function createKafka(settings: KafkaSettings): Kafka {
  const logger = new Logger('Kafka');
  return new Kafka({
    clientId: settings.clientId,
    brokers: [...settings.brokers],
    logLevel: logLevel.WARN,
    connectionTimeout: 3000,
    requestTimeout: 10000,
    retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: 8 },
    logCreator:
      () =>
      ({ level, label, log }: LogEntry) => {
        const method = LEVEL_NAMES[level] ?? 'log';
        const { message, ...details } = log;
        logger[method]({ msg: `${label} ${message}`, ...details });
      },
  });
}
