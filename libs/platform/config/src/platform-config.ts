import { isAbsolute, resolve } from 'node:path';
import {
  CONFIG_VARIABLES,
  DEFAULT_OIDC_ALGORITHMS,
  DEV_ISSUER,
  readEnvironment,
  unknownVariables,
  variablesReadBy,
  type ConfigGroup,
  type ConfigProblem,
  type ConfigVariableName,
  type Environment,
} from './environment.js';

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
  /**
   * Server mode: where the log is kept (`PAMOJA_EVENT_STORE`): in PostgreSQL, or in KurrentDB at `kurrentDbUrl`
   * (`KURRENTDB_URL`), everything else staying in PostgreSQL (ADR 0035).
   */
  readonly eventStore: 'postgres' | 'kurrentdb';
  readonly kurrentDbUrl: string | undefined;
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
  /** Unknown `PAMOJA_*` variables of the environment (a misspelling?), for the process to log at boot. */
  readonly warnings: readonly string[];
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
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export { DEV_ISSUER, DEFAULT_OIDC_ALGORITHMS };
export const DEFAULT_AUDIENCE = 'pamoja';
/** The audience an OpenID Connect provider puts in access tokens for the API (ADR 0022). */
export const DEFAULT_OIDC_AUDIENCE = 'pamoja-api';

type Env = Readonly<Record<string, string | undefined>>;

/** The problems of the variables in `scope`, as sentences naming the variable. */
function problemsIn(problems: readonly ConfigProblem[], scope: ReadonlySet<ConfigVariableName>): string[] {
  return problems.filter((p) => scope.has(p.variable)).map((p) => p.message);
}

const namesOf = (predicate: (name: ConfigVariableName) => boolean): ReadonlySet<ConfigVariableName> =>
  new Set((Object.keys(CONFIG_VARIABLES) as ConfigVariableName[]).filter(predicate));
const inGroup = (group: ConfigGroup, names?: readonly string[]) =>
  namesOf((name) => CONFIG_VARIABLES[name].group === group && (names === undefined || names.includes(name)));
/** What `loadConfig` reads: the variables of every process that loads the platform configuration. */
const PLATFORM_SCOPE = namesOf((name) =>
  (['platform', 'agency-service', 'relay', 'tools'] as const).every((p) => CONFIG_VARIABLES[name].readBy.includes(p)),
);
const AUTH_SCOPE = inGroup('auth');
const RATE_LIMIT_SCOPE = inGroup('limits', ['PAMOJA_RATE_LIMIT_PER_MINUTE', 'PAMOJA_RATE_LIMIT_BURST']);
const WEB_SOCKET_SCOPE = inGroup('limits', [
  'PAMOJA_WS_ALLOWED_ORIGINS',
  'PAMOJA_WS_MAX_CONNECTIONS_PER_USER',
  'PAMOJA_WS_MAX_SUBSCRIPTIONS_PER_USER',
]);
const PUBLICATION_SCOPE = inGroup('publication');

/** The environment with the process's mode where PAMOJA_MODE is unset (or empty). */
function withMode(env: Env, mode: RunMode): Env {
  return { ...env, PAMOJA_MODE: env['PAMOJA_MODE']?.trim() || mode };
}

/** The environment with NODE_ENV as `production` says, for the settings that take it as an argument. */
function withProduction(env: Env, production: boolean): Env {
  const nodeEnv = env['NODE_ENV'] === 'production' ? undefined : env['NODE_ENV'];
  return { ...env, NODE_ENV: production ? 'production' : nodeEnv };
}

/**
 * The platform configuration of a process (the embedded platform, an agency service, the relay, a tool), read
 * from the environment through the schema (environment.ts). Every problem is reported at once in a
 * `ConfigError`; `warnings` lists unknown `PAMOJA_*` variables, for the process to log.
 */
export function loadConfig(env: Env, defaults: { mode: RunMode; serviceName: string }): PlatformConfig {
  const { values, problems } = readEnvironment(withMode(env, defaults.mode));
  const found = problemsIn(problems, PLATFORM_SCOPE);
  if (found.length > 0) throw new ConfigError(found);
  return platformConfigOf(values, defaults.serviceName, unknownVariables(env));
}

function platformConfigOf(values: Environment, serviceName: string, warnings: readonly string[]): PlatformConfig {
  const production = values.NODE_ENV === 'production';
  const brokers = values.KAFKA_BROKERS ?? [];
  return {
    mode: values.PAMOJA_MODE ?? 'embedded',
    production,
    port: values.PORT,
    dataDir: resolveDir(values.PAMOJA_DATA_DIR),
    databaseUrl: values.DATABASE_URL,
    eventStore: values.PAMOJA_EVENT_STORE,
    kurrentDbUrl: values.KURRENTDB_URL,
    auth: authOf(values),
    logLevel: values.LOG_LEVEL,
    serviceName,
    kafkaBrokers: brokers.length > 0 ? brokers : undefined,
    kafkaTopicPrefix: values.KAFKA_TOPIC_PREFIX,
    rateLimit: rateLimitOf(values),
    webSocket: webSocketOf(values),
    checkpointIntervalSeconds: values.PAMOJA_CHECKPOINT_INTERVAL_SECONDS,
    masterKey: values.PAMOJA_MASTER_KEY,
    publication: publicationOf(values),
    readiness: { maxProjectionLag: values.PAMOJA_READY_MAX_LAG },
    warnings,
  };
}

const resolveDir = (dir: string): string => (isAbsolute(dir) ? dir : resolve(process.cwd(), dir));

/** The relay's configuration: the platform's, in server mode by default, and the batch size. */
export interface RelayConfig extends PlatformConfig {
  /** Log events published per batch (`RELAY_BATCH_SIZE`); undefined: the relay's own default. */
  readonly batchSize: number | undefined;
}

export function loadRelayConfig(env: Env): RelayConfig {
  const { values, problems } = readEnvironment(withMode(env, 'server'));
  const found = problemsIn(problems, variablesReadBy('relay'));
  if (found.length > 0) throw new ConfigError(found);
  return { ...platformConfigOf(values, 'pamoja-relay', unknownVariables(env)), batchSize: values.RELAY_BATCH_SIZE };
}

/**
 * An agency service's configuration: which service (`PAMOJA_SERVICE`, one of `services`) and the platform's,
 * in server mode by default; every problem at once.
 */
export function loadAgencyServiceConfig<S extends string>(
  env: Env,
  services: readonly S[],
): { readonly service: S; readonly config: PlatformConfig } {
  const { values, problems } = readEnvironment(withMode(env, 'server'));
  const found = problemsIn(problems, variablesReadBy('agency-service'));
  const service = values.PAMOJA_SERVICE ?? '';
  const known = (services as readonly string[]).includes(service);
  if (service && !known && !found.some((p) => p.startsWith('PAMOJA_SERVICE'))) {
    found.unshift(`PAMOJA_SERVICE must be one of ${services.join(', ')}, not "${service}"`);
  }
  if (found.length > 0 || !known) throw new ConfigError(found);
  return {
    service: service as S,
    config: platformConfigOf(values, `pamoja-${service}`, unknownVariables(env)),
  };
}

/** What the gateway reads (ADR 0011): its port, the services it composes, the same limits and token settings. */
export interface GatewayConfig {
  readonly port: number;
  readonly production: boolean;
  readonly logLevel: string;
  readonly subgraphs: readonly { readonly name: string; readonly url: string }[];
  readonly rateLimit: { readonly perMinute: number; readonly burst: number };
  readonly webSocket: WebSocketSettings;
  readonly auth: AuthSettings;
  /** Where the development issuer's key is (shared with the services), for the development sign-in. */
  readonly dataDir: string;
  /** `PAMOJA_CONSOLE_DIR` as given; undefined: the checkout's `dist/console` (see `findConsoleDir`). */
  readonly consoleDir: string | undefined;
  readonly warnings: readonly string[];
}

export function loadGatewayConfig(env: Env): GatewayConfig {
  const { values, problems } = readEnvironment(env);
  const found = problemsIn(problems, variablesReadBy('gateway'));
  if (found.length > 0) throw new ConfigError(found);
  return {
    port: values.PORT,
    production: values.NODE_ENV === 'production',
    logLevel: values.LOG_LEVEL,
    subgraphs: values.PAMOJA_SUBGRAPHS ?? [],
    rateLimit: rateLimitOf(values),
    webSocket: webSocketOf(values),
    auth: authOf(values),
    dataDir: resolveDir(values.PAMOJA_DATA_DIR),
    consoleDir: values.PAMOJA_CONSOLE_DIR,
    warnings: unknownVariables(env),
  };
}

/** The publication settings (see `PublicationSettings`); what is wrong is added to `problems`. */
export function publicationFromEnv(env: Env, problems: string[]): PublicationSettings {
  const read = readEnvironment(env);
  problems.push(...problemsIn(read.problems, PUBLICATION_SCOPE));
  return publicationOf(read.values);
}

function publicationOf(values: Environment): PublicationSettings {
  return {
    minCellCount: values.PAMOJA_MIN_CELL_COUNT,
    siteFeedPublic: values.PAMOJA_SITE_FEED_PUBLIC,
    siteFeedDelayDays: values.PAMOJA_SITE_FEED_DELAY_DAYS,
    webhookAllowedTargets: values.PAMOJA_WEBHOOK_ALLOWED_TARGETS ?? [],
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
export function rateLimitFromEnv(env: Env, problems: string[]): { readonly perMinute: number; readonly burst: number } {
  const read = readEnvironment(env);
  problems.push(...problemsIn(read.problems, RATE_LIMIT_SCOPE));
  return rateLimitOf(read.values);
}

function rateLimitOf(values: Environment): { readonly perMinute: number; readonly burst: number } {
  return { perMinute: values.PAMOJA_RATE_LIMIT_PER_MINUTE, burst: values.PAMOJA_RATE_LIMIT_BURST };
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
export function webSocketFromEnv(env: Env, production: boolean, problems: string[]): WebSocketSettings {
  const read = readEnvironment(withProduction(env, production));
  problems.push(...problemsIn(read.problems, WEB_SOCKET_SCOPE));
  return webSocketOf(read.values);
}

function webSocketOf(values: Environment): WebSocketSettings {
  return {
    maxConnectionsPerUser: values.PAMOJA_WS_MAX_CONNECTIONS_PER_USER,
    maxSubscriptionsPerUser: values.PAMOJA_WS_MAX_SUBSCRIPTIONS_PER_USER,
    allowedOrigins: values.PAMOJA_WS_ALLOWED_ORIGINS ?? [],
    allowLocalhost: values.NODE_ENV !== 'production',
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
export function authFromEnv(env: Env, production: boolean, problems: string[]): AuthSettings {
  const read = readEnvironment(withProduction(env, production));
  problems.push(...problemsIn(read.problems, AUTH_SCOPE));
  return authOf(read.values);
}

function authOf(values: Environment): AuthSettings {
  const oidcIssuer = values.PAMOJA_OIDC_ISSUER;
  const jwksUrl = values.PAMOJA_JWKS_URL;
  const provider: AuthSettings['provider'] = oidcIssuer ? 'oidc' : jwksUrl ? 'jwks' : 'development';
  // The issuer exactly as configured: the discovery document's `issuer` and every token's `iss` must equal it.
  const issuer = provider === 'development' ? DEV_ISSUER : (oidcIssuer ?? values.PAMOJA_JWT_ISSUER ?? '');
  return {
    provider,
    jwksUrl,
    issuer,
    discoveryUrl:
      provider === 'oidc'
        ? (values.PAMOJA_OIDC_DISCOVERY_URL ?? `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`)
        : undefined,
    audience:
      values.PAMOJA_OIDC_AUDIENCE ??
      values.PAMOJA_JWT_AUDIENCE ??
      (provider === 'oidc' ? DEFAULT_OIDC_AUDIENCE : DEFAULT_AUDIENCE),
    algorithms: values.PAMOJA_OIDC_ALGORITHMS,
    agencyClaim: values.PAMOJA_OIDC_AGENCY_CLAIM ?? 'agency_id',
    // The non-discovery form keeps the top-level `roles` it has always read, unless told otherwise.
    rolesClaim: values.PAMOJA_OIDC_ROLES_CLAIM ?? (jwksUrl ? 'roles' : 'realm_access.roles'),
    consoleClientId: values.PAMOJA_OIDC_CONSOLE_CLIENT_ID,
    clockSkewSeconds: values.PAMOJA_OIDC_CLOCK_SKEW_SECONDS,
  };
}
