import { isAbsolute, resolve } from 'node:path';

type RunMode = 'embedded' | 'server';

/** Configuration read once at boot from the environment, validated, and typed. */
export interface PlatformConfig {
  readonly mode: RunMode;
  readonly production: boolean;
  readonly port: number;
  /** Embedded mode: where PGlite keeps its files and the development issuer its key. */
  readonly dataDir: string;
  /** Server mode: the PostgreSQL database. */
  readonly databaseUrl: string | undefined;
  readonly auth: {
    /** Production: verify tokens against this JWKS. Absent: the development issuer (embedded only). */
    readonly jwksUrl: string | undefined;
    readonly issuer: string;
    readonly audience: string;
  };
  readonly logLevel: string;
  readonly serviceName: string;
  /** Server mode: the Kafka brokers (`KAFKA_BROKERS`); how agencies receive each other's events. */
  readonly kafkaBrokers: readonly string[] | undefined;
  /** Prefix of the topic names (`KAFKA_TOPIC_PREFIX`), when deployments share a cluster. */
  readonly kafkaTopicPrefix: string | undefined;
  /** GraphQL operations per user (`PAMOJA_RATE_LIMIT_PER_MINUTE`, 0 = off; `PAMOJA_RATE_LIMIT_BURST`). */
  readonly rateLimit: { readonly perMinute: number; readonly burst: number };
  /** WebSocket (graphql-ws) caps per user and the browser origins allowed besides the service's own. */
  readonly webSocket: WebSocketSettings;
  /** How often the platform checkpoints the log head (`PAMOJA_CHECKPOINT_INTERVAL_SECONDS`, default 300, 0 = off). */
  readonly checkpointIntervalSeconds: number;
  /**
   * The key-encryption key of the personal-data keys (`PAMOJA_MASTER_KEY`, base64 of 32 bytes). Required in
   * production; otherwise a key file in the data directory is created once and reused (ADR 0013).
   */
  readonly masterKey: Buffer | undefined;
}

export class ConfigError extends Error {
  constructor(problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export const DEV_ISSUER = 'pamoja-dev-issuer';
export const DEFAULT_AUDIENCE = 'pamoja';
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: NodeJS.ProcessEnv, defaults: { mode: RunMode; serviceName: string }): PlatformConfig {
  const problems: string[] = [];
  const modeText = env['PAMOJA_MODE'] ?? defaults.mode;
  const mode: RunMode = modeText === 'server' ? 'server' : 'embedded';
  if (modeText !== 'embedded' && modeText !== 'server') {
    problems.push(`PAMOJA_MODE must be embedded or server, not ${modeText}`);
  }
  const production = env['NODE_ENV'] === 'production';

  const portText = env['PORT'] ?? '4000';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be a port number, not ${portText}`);

  const dataDirText = env['PAMOJA_DATA_DIR'] ?? 'data';
  const dataDir = isAbsolute(dataDirText) ? dataDirText : resolve(process.cwd(), dataDirText);

  const databaseUrl = env['DATABASE_URL'];
  if (mode === 'server' && !databaseUrl) problems.push('DATABASE_URL is required in server mode');
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) problems.push('DATABASE_URL must be a postgres:// URL');

  const jwksUrl = env['PAMOJA_JWKS_URL'];
  if (jwksUrl && !/^https?:\/\//.test(jwksUrl)) problems.push('PAMOJA_JWKS_URL must be an http(s) URL');
  if (production && !jwksUrl) problems.push('PAMOJA_JWKS_URL is required when NODE_ENV=production');
  const issuer = env['PAMOJA_JWT_ISSUER'] ?? (jwksUrl ? '' : DEV_ISSUER);
  if (jwksUrl && !issuer) problems.push('PAMOJA_JWT_ISSUER is required with PAMOJA_JWKS_URL');

  const logLevel = env['LOG_LEVEL'] ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const kafkaBrokers = env['KAFKA_BROKERS']
    ?.split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker !== '');
  for (const broker of kafkaBrokers ?? []) {
    if (!/^[A-Za-z0-9.-]+:\d{1,5}$/.test(broker)) problems.push(`KAFKA_BROKERS must list host:port, not ${broker}`);
  }

  const kafkaTopicPrefix = env['KAFKA_TOPIC_PREFIX'] || undefined;
  if (kafkaTopicPrefix !== undefined && !/^[a-z0-9][a-z0-9-]{0,39}$/.test(kafkaTopicPrefix)) {
    problems.push('KAFKA_TOPIC_PREFIX must be up to 40 lower-case letters, digits and dashes');
  }

  const limitOf = (name: string, fallback: number): number => {
    const text = env[name] ?? String(fallback);
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0) problems.push(`${name} must be a whole number, 0 or more, not ${text}`);
    return value;
  };
  const rateLimit = rateLimitFromEnv(env, problems);
  const webSocket = webSocketFromEnv(env, production, problems);
  const checkpointIntervalSeconds = limitOf('PAMOJA_CHECKPOINT_INTERVAL_SECONDS', 300);

  const masterKeyText = env['PAMOJA_MASTER_KEY']?.trim() || undefined;
  const masterKey = masterKeyText === undefined ? undefined : Buffer.from(masterKeyText, 'base64');
  if (masterKey !== undefined && (masterKey.length !== 32 || masterKey.toString('base64') !== masterKeyText)) {
    problems.push('PAMOJA_MASTER_KEY must be 32 bytes in base64 (openssl rand -base64 32)');
  }
  if (production && !masterKey) problems.push('PAMOJA_MASTER_KEY is required when NODE_ENV=production');

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    mode,
    production,
    port,
    dataDir,
    databaseUrl,
    auth: { jwksUrl, issuer, audience: env['PAMOJA_JWT_AUDIENCE'] ?? DEFAULT_AUDIENCE },
    logLevel,
    serviceName: defaults.serviceName,
    kafkaBrokers: kafkaBrokers && kafkaBrokers.length > 0 ? kafkaBrokers : undefined,
    kafkaTopicPrefix,
    rateLimit,
    webSocket,
    checkpointIntervalSeconds,
    masterKey,
  };
}

export const PLATFORM_CONFIG = Symbol('PLATFORM_CONFIG');

/** The time source; tests replace it to move past due times without waiting. */
export interface Clock {
  now(): Date;
}
export const CLOCK = Symbol.for('pamoja.Clock');
export const systemClock: Clock = { now: () => new Date() };

/**
 * PAMOJA_RATE_LIMIT_PER_MINUTE (default 1200, 0 = off) and PAMOJA_RATE_LIMIT_BURST (default 300): the same
 * settings for every service and the gateway. What is wrong is added to `problems`.
 */
export function rateLimitFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  problems: string[],
): { readonly perMinute: number; readonly burst: number } {
  const numberOf = (name: string, fallback: number): number => {
    const text = env[name] ?? String(fallback);
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0) problems.push(`${name} must be a whole number, 0 or more, not ${text}`);
    return value;
  };
  const limit = {
    perMinute: numberOf('PAMOJA_RATE_LIMIT_PER_MINUTE', 1200),
    burst: numberOf('PAMOJA_RATE_LIMIT_BURST', 300),
  };
  if (limit.perMinute > 0 && limit.burst < 1) problems.push('PAMOJA_RATE_LIMIT_BURST must be 1 or more');
  return limit;
}

export interface WebSocketSettings {
  readonly maxConnectionsPerUser: number;
  readonly maxSubscriptionsPerUser: number;
  /** Browser origins allowed to open a WebSocket besides the service's own (`scheme://host[:port]`). */
  readonly allowedOrigins: readonly string[];
  /** Outside production, any localhost origin too (a developer's web client). */
  readonly allowLocalhost: boolean;
}

/**
 * PAMOJA_WS_MAX_CONNECTIONS_PER_USER (default 10), PAMOJA_WS_MAX_SUBSCRIPTIONS_PER_USER (default 50) and
 * PAMOJA_WS_ALLOWED_ORIGINS (comma-separated origins, default none: the service's own origin only, plus
 * localhost outside production): the same settings for every service and the gateway.
 */
export function webSocketFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  production: boolean,
  problems: string[],
): WebSocketSettings {
  const atLeastOne = (name: string, fallback: number): number => {
    const text = env[name] ?? String(fallback);
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) problems.push(`${name} must be a whole number, 1 or more, not ${text}`);
    return value;
  };
  const allowedOrigins = (env['PAMOJA_WS_ALLOWED_ORIGINS'] ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '')
    .map((origin) => {
      let parsed: URL | undefined;
      try {
        parsed = new URL(origin);
      } catch {
        parsed = undefined;
      }
      if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.origin !== origin.replace(/\/$/, '')) {
        problems.push(`PAMOJA_WS_ALLOWED_ORIGINS must list origins such as https://pamoja.example, not ${origin}`);
        return origin;
      }
      return parsed.origin;
    });
  return {
    maxConnectionsPerUser: atLeastOne('PAMOJA_WS_MAX_CONNECTIONS_PER_USER', 10),
    maxSubscriptionsPerUser: atLeastOne('PAMOJA_WS_MAX_SUBSCRIPTIONS_PER_USER', 50),
    allowedOrigins,
    allowLocalhost: !production,
  };
}
