import { connect } from 'node:net';
import { Logger } from '@nestjs/common';
import { Kafka, logLevel, type LogEntry } from 'kafkajs';

/** Where the Kafka brokers are, and who we are to them. */
interface KafkaSettings {
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

/** True when at least one broker accepts a TCP connection within 3 s (a clear error beats kafkajs retrying). */
export async function anyBrokerAnswers(brokers: readonly string[]): Promise<boolean> {
  const answers = await Promise.all(
    brokers.map(
      (broker) =>
        new Promise<boolean>((resolve) => {
          const [host = '', port = ''] = broker.split(':');
          const socket = connect({ host, port: Number(port) });
          const done = (open: boolean) => {
            socket.destroy();
            resolve(open);
          };
          socket.setTimeout(3000, () => {
            done(false);
          });
          socket.once('connect', () => {
            done(true);
          });
          socket.once('error', () => {
            done(false);
          });
        }),
    ),
  );
  return answers.some(Boolean);
}
