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
  readonly auth: AuthSettings;
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
  /** What the platform publishes beyond the agencies: the site feed, statistics, webhooks (issue 17). */
  readonly publication: PublicationSettings;
  /**
   * When the process reports itself ready (`/health/ready`): `maxProjectionLag` (`PAMOJA_READY_MAX_LAG`,
   * default 1000) is the most log positions a projection may be behind the head before the process is
   * reported not ready (it is catching up: a rebuild, a restart after an outage).
   */
  readonly readiness: { readonly maxProjectionLag: number };
}

/**
 * Publication to integrators and the public.
 * - `minCellCount` (`PAMOJA_MIN_CELL_COUNT`, default 10, at least 2): k, the fewest people or events a
 *   published count may stand for; a smaller count is withheld (docs/statistics.md says how).
 * - `siteFeedPublic` (`PAMOJA_SITE_FEED_PUBLIC=true`): the per-site supply-chain feed is readable without a
 *   token; otherwise an integrator's token (or any agency's) is needed.
 * - `siteFeedDelayDays` (`PAMOJA_SITE_FEED_DELAY_DAYS`, default 30): the feed shows what happened at least
 *   that long ago, so a status change or an incident is not published while it is being acted on.
 * - `webhookAllowedTargets` (`PAMOJA_WEBHOOK_ALLOWED_TARGETS`, comma-separated IP addresses or CIDR ranges,
 *   e.g. `127.0.0.1/32`): private, loopback and link-local addresses webhooks may nevertheless be sent to.
 *   Empty by default: such targets are refused (server-side request forgery).
 */
export interface PublicationSettings {
  readonly minCellCount: number;
  readonly siteFeedPublic: boolean;
  readonly siteFeedDelayDays: number;
  readonly webhookAllowedTargets: readonly string[];
}

export class ConfigError extends Error {
  constructor(problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export const DEV_ISSUER = 'pamoja-dev-issuer';
export const DEFAULT_AUDIENCE = 'pamoja';
/** The audience an OpenID Connect provider puts in access tokens for the API (ADR 0022). */
export const DEFAULT_OIDC_AUDIENCE = 'pamoja-api';
export const DEFAULT_OIDC_ALGORITHMS = ['RS256', 'PS256', 'ES256'] as const;
/** Asymmetric JWS algorithms only: `none` and the HMAC family (a shared secret) are never accepted. */
const SIGNING_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const DEFAULT_CLOCK_SKEW_SECONDS = 60;
const MAX_CLOCK_SKEW_SECONDS = 300;
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

  const auth = authFromEnv(env, production, problems);

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

  const publication = publicationFromEnv(env, problems);
  const maxProjectionLag = limitOf('PAMOJA_READY_MAX_LAG', 1000);

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    mode,
    production,
    port,
    dataDir,
    databaseUrl,
    auth,
    logLevel,
    serviceName: defaults.serviceName,
    kafkaBrokers: kafkaBrokers && kafkaBrokers.length > 0 ? kafkaBrokers : undefined,
    kafkaTopicPrefix,
    rateLimit,
    webSocket,
    checkpointIntervalSeconds,
    masterKey,
    publication,
    readiness: { maxProjectionLag },
  };
}

/** The publication settings (see `PublicationSettings`); what is wrong is added to `problems`. */
export function publicationFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  problems: string[],
): PublicationSettings {
  const wholeNumber = (name: string, fallback: number, min: number): number => {
    const text = env[name] ?? String(fallback);
    const value = Number(text);
    if (!Number.isInteger(value) || value < min) {
      problems.push(`${name} must be a whole number, ${min} or more, not ${text}`);
    }
    return value;
  };
  const publicText = env['PAMOJA_SITE_FEED_PUBLIC'] ?? 'false';
  if (publicText !== 'true' && publicText !== 'false') {
    problems.push(`PAMOJA_SITE_FEED_PUBLIC must be true or false, not ${publicText}`);
  }
  const webhookAllowedTargets = (env['PAMOJA_WEBHOOK_ALLOWED_TARGETS'] ?? '')
    .split(',')
    .map((target) => target.trim())
    .filter((target) => target !== '');
  for (const target of webhookAllowedTargets) {
    if (!/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(target)) {
      problems.push(`PAMOJA_WEBHOOK_ALLOWED_TARGETS must list IP addresses or CIDR ranges, not ${target}`);
    }
  }
  return {
    minCellCount: wholeNumber('PAMOJA_MIN_CELL_COUNT', 10, 2),
    siteFeedPublic: publicText === 'true',
    siteFeedDelayDays: wholeNumber('PAMOJA_SITE_FEED_DELAY_DAYS', 30, 0),
    webhookAllowedTargets,
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

/** How tokens are verified: against an OpenID Connect provider, a JWKS URL, or the development issuer. */
export interface AuthSettings {
  /**
   * `oidc`: `PAMOJA_OIDC_ISSUER`, keys found through discovery. `jwks`: `PAMOJA_JWKS_URL` and
   * `PAMOJA_JWT_ISSUER`, no discovery. `development`: the development issuer, never in production.
   */
  readonly provider: 'oidc' | 'jwks' | 'development';
  /** The JWKS (`PAMOJA_JWKS_URL`); with `oidc`, undefined until discovery names it. */
  readonly jwksUrl: string | undefined;
  /** The expected `iss`: the OIDC issuer, `PAMOJA_JWT_ISSUER`, or the development issuer. */
  readonly issuer: string;
  /** With `oidc`: where the discovery document is (`PAMOJA_OIDC_DISCOVERY_URL`, default under the issuer). */
  readonly discoveryUrl: string | undefined;
  /** The expected `aud`. */
  readonly audience: string;
  /** JWS algorithms accepted from the provider (`PAMOJA_OIDC_ALGORITHMS`); the development issuer signs ES256. */
  readonly algorithms: readonly string[];
  /** The claim naming the agency (`PAMOJA_OIDC_AGENCY_CLAIM`, a dotted path; default `agency_id`). */
  readonly agencyClaim: string;
  /** The claim holding the roles (`PAMOJA_OIDC_ROLES_CLAIM`, a dotted path; default `realm_access.roles`). */
  readonly rolesClaim: string;
  /** The console's public client at the provider (`PAMOJA_OIDC_CONSOLE_CLIENT_ID`, default `pamoja-console`). */
  readonly consoleClientId: string;
  /** Tolerated clock difference with the issuer (`PAMOJA_OIDC_CLOCK_SKEW_SECONDS`, default 60, at most 300). */
  readonly clockSkewSeconds: number;
}

/**
 * The token settings (ADR 0022). `PAMOJA_OIDC_ISSUER` (discovery) or `PAMOJA_JWKS_URL` with
 * `PAMOJA_JWT_ISSUER` (no discovery) name the identity provider; with neither, the development issuer is
 * trusted, which production refuses. What is wrong is added to `problems`, naming the variable.
 */
export function authFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  production: boolean,
  problems: string[],
): AuthSettings {
  const text = (name: string): string | undefined => env[name]?.trim() || undefined;
  const httpUrl = (name: string): string | undefined => {
    const value = text(name);
    if (value === undefined) return undefined;
    let parsed: URL | undefined;
    try {
      parsed = new URL(value);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !/^https?:$/.test(parsed.protocol)) {
      problems.push(`${name} must be an http(s) URL, not ${value}`);
      return undefined;
    }
    return value;
  };

  const oidcIssuer = httpUrl('PAMOJA_OIDC_ISSUER');
  const discoveryOverride = httpUrl('PAMOJA_OIDC_DISCOVERY_URL');
  const jwksUrl = httpUrl('PAMOJA_JWKS_URL');
  const jwtIssuer = text('PAMOJA_JWT_ISSUER');
  if (oidcIssuer && jwksUrl) {
    problems.push(
      'PAMOJA_OIDC_ISSUER and PAMOJA_JWKS_URL are exclusive: set the issuer (discovery) or the JWKS, not both',
    );
  }
  if (discoveryOverride && !oidcIssuer) problems.push('PAMOJA_OIDC_DISCOVERY_URL needs PAMOJA_OIDC_ISSUER');
  if (jwksUrl && !jwtIssuer) problems.push('PAMOJA_JWT_ISSUER is required with PAMOJA_JWKS_URL');
  const provider: AuthSettings['provider'] = oidcIssuer ? 'oidc' : jwksUrl ? 'jwks' : 'development';
  const providerNamed = env['PAMOJA_OIDC_ISSUER'] !== undefined || env['PAMOJA_JWKS_URL'] !== undefined;
  if (production && !providerNamed) {
    problems.push(
      'PAMOJA_OIDC_ISSUER (or PAMOJA_JWKS_URL with PAMOJA_JWT_ISSUER) is required when NODE_ENV=production: ' +
        'the development issuer is never trusted there',
    );
  }

  const algorithmsText = text('PAMOJA_OIDC_ALGORITHMS');
  const algorithms = algorithmsText
    ? algorithmsText
        .split(',')
        .map((alg) => alg.trim())
        .filter((alg) => alg !== '')
    : [...DEFAULT_OIDC_ALGORITHMS];
  const refused = algorithms.filter((alg) => !SIGNING_ALGORITHMS.includes(alg));
  if (refused.length > 0 || algorithms.length === 0) {
    problems.push(
      `PAMOJA_OIDC_ALGORITHMS must list asymmetric JWS algorithms among ${SIGNING_ALGORITHMS.join(', ')}` +
        (refused.length > 0 ? ` (not ${refused.join(', ')}: none and HS* are never accepted)` : ''),
    );
  }

  const claimPath = (name: string, fallback: string): string => {
    const value = text(name) ?? fallback;
    if (!/^[A-Za-z0-9_:-]+(\.[A-Za-z0-9_:-]+)*$/.test(value)) {
      problems.push(`${name} must be a claim name or a dotted path such as realm_access.roles, not ${value}`);
    }
    return value;
  };
  const agencyClaim = claimPath('PAMOJA_OIDC_AGENCY_CLAIM', 'agency_id');
  // The non-discovery form keeps the top-level `roles` it has always read, unless told otherwise.
  const rolesClaim = claimPath('PAMOJA_OIDC_ROLES_CLAIM', jwksUrl ? 'roles' : 'realm_access.roles');

  const consoleClientId = text('PAMOJA_OIDC_CONSOLE_CLIENT_ID') ?? 'pamoja-console';
  if (!/^[\x21-\x7e]{1,200}$/.test(consoleClientId)) {
    problems.push(`PAMOJA_OIDC_CONSOLE_CLIENT_ID must be a client id without spaces, not ${consoleClientId}`);
  }

  const skewText = text('PAMOJA_OIDC_CLOCK_SKEW_SECONDS') ?? String(DEFAULT_CLOCK_SKEW_SECONDS);
  const clockSkewSeconds = Number(skewText);
  if (!Number.isInteger(clockSkewSeconds) || clockSkewSeconds < 0 || clockSkewSeconds > MAX_CLOCK_SKEW_SECONDS) {
    problems.push(
      `PAMOJA_OIDC_CLOCK_SKEW_SECONDS must be a whole number from 0 to ${MAX_CLOCK_SKEW_SECONDS}, not ${skewText}`,
    );
  }

  const audience =
    text('PAMOJA_OIDC_AUDIENCE') ??
    text('PAMOJA_JWT_AUDIENCE') ??
    (provider === 'oidc' ? DEFAULT_OIDC_AUDIENCE : DEFAULT_AUDIENCE);

  // The issuer exactly as configured: the discovery document's `issuer` and every token's `iss` must equal it.
  const issuer = provider === 'development' ? DEV_ISSUER : (oidcIssuer ?? jwtIssuer ?? '');
  if (provider !== 'development' && issuer === DEV_ISSUER) {
    problems.push(`PAMOJA_JWT_ISSUER must not be ${DEV_ISSUER}, the development issuer`);
  }
  return {
    provider,
    jwksUrl,
    issuer,
    discoveryUrl:
      provider === 'oidc'
        ? (discoveryOverride ?? `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`)
        : undefined,
    audience,
    algorithms,
    agencyClaim,
    rolesClaim,
    consoleClientId,
    clockSkewSeconds,
  };
}
