// The whole server mode (tools/server-mode.mjs) as a child process of a bench: started on a database and Kafka
// topics of the bench's own, stopped gracefully (SIGKILL after 30 s).
import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import type pg from 'pg';
import { workspaceRoot } from './bench-report.js';

export interface ServerModeOptions {
  readonly databaseUrl: string;
  readonly brokers: readonly string[];
  /** KAFKA_TOPIC_PREFIX: the bench's own topics. */
  readonly topicPrefix: string;
  readonly basePort: number;
  /** PAMOJA_DATA_DIR: where the development token issuer's key is kept. */
  readonly dataDir: string;
  /** More environment for every process (e.g. PAMOJA_RATE_LIMIT_PER_MINUTE). */
  readonly env?: Readonly<Record<string, string>>;
}

/** Starts server mode; `up` resolves once it says every service is ready, and rejects if it exits before. */
export function startServerMode(options: ServerModeOptions): { child: ChildProcess; up: Promise<void> } {
  const child = spawn(process.execPath, [path.join(workspaceRoot(), 'tools/server-mode.mjs')], {
    cwd: workspaceRoot(),
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      KAFKA_BROKERS: options.brokers.join(','),
      KAFKA_TOPIC_PREFIX: options.topicPrefix,
      PAMOJA_BASE_PORT: String(options.basePort),
      PAMOJA_DATA_DIR: options.dataDir,
      LOG_LEVEL: 'warn',
      NO_COLOR: '1',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const up = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('Pamoja server mode is up')) resolve();
      if (output.length > 100_000) output = output.slice(-20_000);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.once('exit', (code) => {
      reject(new Error(`server mode exited with code ${String(code)} before it was up:\n${output.slice(-4000)}`));
    });
  });
  return { child, up };
}

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

export async function stopServerMode(child: ChildProcess): Promise<void> {
  if (hasExited(child)) return;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(30_000)]);
  if (!hasExited(child)) child.kill('SIGKILL');
}

/**
 * Stops server mode, then removes what the bench made for it: its database (dropped through `admin`, which is then
 * closed), its topics (those of its prefix) and its data directory. A broker that is gone leaves the topics to the
 * operator.
 */
export async function stopAndRemoveServerMode(
  child: ChildProcess,
  options: Pick<ServerModeOptions, 'brokers' | 'topicPrefix' | 'dataDir'> & {
    readonly admin: pg.Client;
    readonly database: string;
    readonly clientId: string;
  },
): Promise<void> {
  await stopServerMode(child);
  await options.admin.query(`DROP DATABASE IF EXISTS "${options.database}" WITH (FORCE)`).catch(() => undefined);
  await options.admin.end();
  const kafka = new Kafka({ clientId: options.clientId, brokers: [...options.brokers], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(`${options.topicPrefix}.`));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } catch {
    // The broker may be gone; the topics are then the operator's to remove.
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
  await rm(options.dataDir, { recursive: true, force: true });
}
