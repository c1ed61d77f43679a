import { z } from 'zod';

/**
 * Every environment variable Pamoja reads, in one table: its zod type (which parses the text and holds the
 * default), what it is for, and which processes read it. `ENVIRONMENT` is the one schema built from it; the
 * loaders (`loadConfig`, `loadGatewayConfig`, ...) and `docs/configuration.md` are derived from it (ADR 0031).
 */

/** The processes that read variables. */
export const CONFIG_PROCESSES = {
  platform: 'the embedded platform (`npm start`)',
  'agency-service': "server mode's agency services (`PAMOJA_SERVICE=<name>`)",
  gateway: "server mode's gateway",
  relay: "server mode's relay (log to Kafka)",
  tools:
    'the command-line tools (`npm run token`, `projections`, `verify`, `keys`, `directory`, `seed`, `deadletters`)',
  'start:server': 'the server-mode launcher (`npm run start:server`)',
  tests: 'the test suite (`npm test`)',
} as const;
export type ConfigProcess = keyof typeof CONFIG_PROCESSES;

/** The sections of docs/configuration.md, in order. */
export const CONFIG_GROUPS = {
  runtime: 'Runtime',
  database: 'Database and stored data',
  kafka: 'Kafka (server mode)',
  auth: 'Authentication (OpenID Connect, JWKS)',
  limits: 'Limits',
  publication: 'Publication (site feed, statistics, webhooks)',
  readiness: 'Readiness',
  opentelemetry: 'OpenTelemetry (passed through)',
  development: 'Development and tests',
} as const;
export type ConfigGroup = keyof typeof CONFIG_GROUPS;

/** A variable's type: the zod type of its text, and how the reference shows it. */
interface Kind<T extends z.ZodType> {
  readonly type: T;
  /** The values allowed, in words. */
  readonly allowed: string;
  /** The default, in words; undefined when unset means absent. */
  readonly default?: string;
}

export interface ConfigVariable<T extends z.ZodType = z.ZodType> extends Kind<T> {
  readonly group: ConfigGroup;
  readonly description: string;
  readonly readBy: readonly ConfigProcess[];
  /** Not checked by Pamoja: handed to the library that reads it (OpenTelemetry). */
  readonly passThrough?: boolean;
}

type Ctx = z.core.$RefinementCtx;
function refuse(ctx: Ctx, message: string): never {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}

const text = () => ({ type: z.string().optional(), allowed: 'any text' });
const textOr = (fallback: string) => ({ type: z.string().default(fallback), allowed: 'any text', default: fallback });

function choiceCheck<const V extends string>(values: readonly [V, ...V[]]) {
  const words = values.length === 2 ? values.join(' or ') : `one of ${values.join(', ')}`;
  return z.string().transform((value, ctx): V => {
    if (!(values as readonly string[]).includes(value)) return refuse(ctx, `must be ${words}, not ${value}`);
    return value as V;
  });
}
const allowedOf = (values: readonly string[]): string => values.map((v) => `\`${v}\``).join(', ');

const choice = <const V extends string>(values: readonly [V, ...V[]]) => ({
  type: choiceCheck(values).optional(),
  allowed: allowedOf(values),
});
const choiceOr = <const V extends string>(values: readonly [V, ...V[]], fallback: V) => ({
  type: z.string().default(fallback).pipe(choiceCheck(values)),
  allowed: allowedOf(values),
  default: fallback,
});

function wholeNumber(fallback: number, min: number, max?: number) {
  const words = max === undefined ? `a whole number, ${min} or more` : `a whole number from ${min} to ${max}`;
  return {
    type: z
      .string()
      .default(String(fallback))
      .transform((value, ctx): number => {
        const parsed = Number(value);
        if (!Number.isInteger(parsed) || parsed < min || (max !== undefined && parsed > max)) {
          return refuse(ctx, `must be ${words}, not ${value}`);
        }
        return parsed;
      }),
    allowed: max === undefined ? `whole number ≥ ${min}` : `whole number ${min}–${max}`,
    default: String(fallback),
  };
}

function optionalWholeNumber(min: number) {
  return {
    type: z
      .string()
      .transform((value, ctx): number => {
        const parsed = Number(value);
        if (!Number.isInteger(parsed) || parsed < min) {
          return refuse(ctx, `must be a whole number, ${min} or more, not ${value}`);
        }
        return parsed;
      })
      .optional(),
    allowed: `whole number ≥ ${min}`,
  };
}

const port = (fallback: number) => ({
  type: z
    .string()
    .default(String(fallback))
    .transform((value, ctx): number => {
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535) {
        return refuse(ctx, `must be a port number, not ${value}`);
      }
      return parsed;
    }),
  allowed: 'port number 0–65535 (0: any free port)',
  default: String(fallback),
});

const flag = (fallback: boolean) => ({
  type: z
    .string()
    .default(String(fallback))
    .transform((value, ctx): boolean => {
      if (value !== 'true' && value !== 'false') return refuse(ctx, `must be true or false, not ${value}`);
      return value === 'true';
    }),
  allowed: '`true`, `false`',
  default: String(fallback),
});

/** A comma-separated list, each item checked; every wrong item is a problem of its own. */
function list<T>(words: string, item: (value: string) => T | undefined, allowed: string) {
  return {
    type: z
      .string()
      .transform((value, ctx): T[] => {
        const items: T[] = [];
        for (const part of value
          .split(',')
          .map((p) => p.trim())
          .filter((p) => p !== '')) {
          const parsed = item(part);
          if (parsed === undefined) ctx.addIssue({ code: 'custom', message: `must list ${words}, not ${part}` });
          else items.push(parsed);
        }
        return items;
      })
      .optional(),
    allowed,
  };
}

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

const httpUrl = () => ({
  type: z
    .string()
    .transform((value, ctx): string => {
      const parsed = parseUrl(value);
      if (!parsed || !/^https?:$/.test(parsed.protocol)) return refuse(ctx, `must be an http(s) URL, not ${value}`);
      return value;
    })
    .optional(),
  allowed: 'http(s) URL',
});

const patternCheck = (regex: RegExp, words: string) =>
  z.string().transform((value, ctx): string => {
    if (!regex.test(value)) return refuse(ctx, `must be ${words}, not ${value}`);
    return value;
  });
const pattern = (regex: RegExp, words: string, allowed: string) => ({
  type: patternCheck(regex, words).optional(),
  allowed,
});
const patternOr = (regex: RegExp, words: string, allowed: string, fallback: string) => ({
  type: z.string().default(fallback).pipe(patternCheck(regex, words)),
  allowed,
  default: fallback,
});

/** A key-encryption key: base64 of exactly 32 bytes. */
const base64Key = () => ({
  type: z
    .string()
    .transform((value, ctx): Buffer => {
      const key = Buffer.from(value, 'base64');
      if (key.length !== 32 || key.toString('base64') !== value) {
        return refuse(ctx, 'must be 32 bytes in base64 (openssl rand -base64 32)');
      }
      return key;
    })
    .optional(),
  allowed: 'base64 of 32 bytes (`openssl rand -base64 32`)',
});

/** Asymmetric JWS algorithms only: `none` and the HMAC family (a shared secret) are never accepted. */
export const SIGNING_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;
export const DEFAULT_OIDC_ALGORITHMS = ['RS256', 'PS256', 'ES256'] as const;

const algorithms = () => ({
  type: z
    .string()
    .default(DEFAULT_OIDC_ALGORITHMS.join(','))
    .transform((value, ctx): string[] => {
      const listed = value
        .split(',')
        .map((alg) => alg.trim())
        .filter((alg) => alg !== '');
      const refused = listed.filter((alg) => !(SIGNING_ALGORITHMS as readonly string[]).includes(alg));
      if (refused.length > 0 || listed.length === 0) {
        return refuse(
          ctx,
          `must list asymmetric JWS algorithms among ${SIGNING_ALGORITHMS.join(', ')}` +
            (refused.length > 0 ? ` (not ${refused.join(', ')}: none and HS* are never accepted)` : ''),
        );
      }
      return listed;
    }),
  allowed: `comma-separated, among ${SIGNING_ALGORITHMS.join(', ')}`,
  default: DEFAULT_OIDC_ALGORITHMS.join(','),
});

const CLAIM_PATH = /^[A-Za-z0-9_:-]+(\.[A-Za-z0-9_:-]+)*$/;
const claimPath = (defaultText: string) => ({
  ...pattern(CLAIM_PATH, 'a claim name or a dotted path such as realm_access.roles', 'claim name or dotted path'),
  default: defaultText,
});

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** Read by every process that loads the platform configuration (`loadConfig`). */
const CORE = ['platform', 'agency-service', 'relay', 'tools'] as const satisfies readonly ConfigProcess[];

function variable<T extends z.ZodType>(
  group: ConfigGroup,
  readBy: readonly ConfigProcess[],
  kind: Kind<T>,
  description: string,
  passThrough?: boolean,
): ConfigVariable<T> {
  return { group, readBy, description, ...kind, ...(passThrough ? { passThrough } : {}) };
}

const otel = (description: string) =>
  variable(
    'opentelemetry',
    ['platform', 'agency-service', 'gateway', 'relay'],
    { type: z.string().optional(), allowed: 'see the OpenTelemetry specification' },
    description,
    true,
  );

/** The table: every variable, in the order of the reference. */
export const CONFIG_VARIABLES = {
  // Runtime
  NODE_ENV: variable(
    'runtime',
    [...CORE, 'gateway'],
    { ...textOr('development'), allowed: '`production`, or anything else (development)' },
    '`production` turns on the production rules: an identity provider and PAMOJA_MASTER_KEY are required; the ' +
      'development issuer, the development sign-in, localhost WebSocket origins and the demonstration data are refused.',
  ),
  PAMOJA_MODE: variable(
    'runtime',
    CORE,
    { ...choice(['embedded', 'server']), default: '`embedded` (`npm start`, the tools), `server` (services, relay)' },
    '`embedded`: one process on PGlite in PAMOJA_DATA_DIR. `server`: PostgreSQL at DATABASE_URL, Kafka between ' +
      'the agency services.',
  ),
  PORT: variable('runtime', [...CORE, 'gateway'], port(4000), 'The HTTP port the process listens on.'),
  PAMOJA_DATA_DIR: variable(
    'runtime',
    [...CORE, 'gateway'],
    textOr('data'),
    "Embedded mode: where PGlite keeps its files; in every mode, the development issuer's key and, without " +
      'PAMOJA_MASTER_KEY, the master key file. Relative to the working directory.',
  ),
  LOG_LEVEL: variable(
    'runtime',
    [...CORE, 'gateway'],
    choiceOr(LOG_LEVELS, 'info'),
    'The least severe log line written.',
  ),
  PAMOJA_SERVICE: variable(
    'runtime',
    ['agency-service'],
    pattern(/^[a-z][a-z0-9-]*$/, 'an agency service name', 'an agency service name'),
    'Which agency service this process is (required): referrals, sites, coordination, ... (see docs/running.md).',
  ),
  PAMOJA_SUBGRAPHS: variable(
    'runtime',
    ['gateway'],
    list(
      'name=http(s)://host:port/graphql pairs',
      (pair) => {
        const [name = '', url = '', ...rest] = pair.split('=');
        return rest.length === 0 && /^[a-z][a-z0-9-]*$/.test(name) && /^https?:\/\/\S+$/.test(url)
          ? { name, url }
          : undefined;
      },
      'comma-separated `name=http(s)://host:port/graphql`',
    ),
    'The agency services the gateway composes (required), e.g. ' +
      '`referrals=http://127.0.0.1:4001/graphql,sites=http://127.0.0.1:4002/graphql`.',
  ),
  PAMOJA_CONSOLE_DIR: variable(
    'runtime',
    ['platform', 'gateway'],
    { ...text(), default: '`dist/console` of the checkout' },
    'Where the built console is; unset, `dist/console` of the checkout the process runs from.',
  ),

  // Database and stored data
  DATABASE_URL: variable(
    'database',
    CORE,
    pattern(/^postgres(ql)?:\/\//, 'a postgres:// URL', '`postgres://` or `postgresql://` URL'),
    'Server mode: the PostgreSQL database (required there).',
  ),
  PAMOJA_EVENT_STORE: variable(
    'database',
    CORE,
    choiceOr(['postgres', 'kurrentdb'], 'postgres'),
    'Server mode: where the log is kept. `postgres`: in DATABASE_URL with everything else. `kurrentdb`: in ' +
      'KurrentDB at KURRENTDB_URL (ADR 0035); read models, checkpoints, audit and keys stay in DATABASE_URL.',
  ),
  KURRENTDB_URL: variable(
    'database',
    CORE,
    pattern(
      /^(esdb|kurrentdb)(\+discover)?:\/\/\S+$/,
      'an esdb:// or kurrentdb:// connection string',
      '`esdb://`, `esdb+discover://`, `kurrentdb://` or `kurrentdb+discover://` connection string',
    ),
    'With PAMOJA_EVENT_STORE=kurrentdb: the KurrentDB server or cluster (required there), e.g. ' +
      '`esdb://127.0.0.1:2113?tls=false`.',
  ),
  PAMOJA_MASTER_KEY: variable(
    'database',
    CORE,
    base64Key(),
    'The key-encryption key of the personal-data keys (ADR 0013). Required in production; otherwise a key file ' +
      'in PAMOJA_DATA_DIR is created once and reused.',
  ),
  PAMOJA_MASTER_KEY_PREVIOUS: variable(
    'database',
    CORE,
    base64Key(),
    'During a rotation of PAMOJA_MASTER_KEY (ADR 0018): the old key, accepted for unwrapping only. Remove it ' +
      'once `npm run keys -- rotate` has re-wrapped every data key.',
  ),
  PAMOJA_CHECKPOINT_INTERVAL_SECONDS: variable(
    'database',
    CORE,
    wholeNumber(300, 0),
    'How often the log head is checkpointed (its digest logged, for `npm run verify -- --expect`); 0 turns it off.',
  ),

  // Kafka
  KAFKA_BROKERS: variable(
    'kafka',
    CORE,
    list(
      'host:port',
      (broker) => (/^[A-Za-z0-9.-]+:\d{1,5}$/.test(broker) ? broker : undefined),
      'comma-separated `host:port`',
    ),
    "Server mode: the Kafka brokers through which agencies receive each other's events.",
  ),
  KAFKA_TOPIC_PREFIX: variable(
    'kafka',
    CORE,
    pattern(
      /^[a-z0-9][a-z0-9-]{0,39}$/,
      'up to 40 lower-case letters, digits and dashes',
      'up to 40 lower-case letters, digits and dashes',
    ),
    'Prefix of the topic names, when deployments share a cluster.',
  ),
  RELAY_BATCH_SIZE: variable(
    'kafka',
    ['relay'],
    { ...optionalWholeNumber(1), default: "the relay's own" },
    'How many log events the relay publishes per batch.',
  ),

  // Authentication
  PAMOJA_OIDC_ISSUER: variable(
    'auth',
    [...CORE, 'gateway'],
    httpUrl(),
    'The OpenID Connect issuer; its keys are found through discovery (ADR 0022). Exclusive with PAMOJA_JWKS_URL. ' +
      'With neither, the development issuer is trusted, which production refuses.',
  ),
  PAMOJA_OIDC_DISCOVERY_URL: variable(
    'auth',
    [...CORE, 'gateway'],
    { ...httpUrl(), default: '`<issuer>/.well-known/openid-configuration`' },
    'Where the discovery document is, when not under the issuer (needs PAMOJA_OIDC_ISSUER).',
  ),
  PAMOJA_JWKS_URL: variable(
    'auth',
    [...CORE, 'gateway'],
    httpUrl(),
    'A JWKS to verify tokens with, without discovery (needs PAMOJA_JWT_ISSUER).',
  ),
  PAMOJA_JWT_ISSUER: variable(
    'auth',
    [...CORE, 'gateway'],
    text(),
    'With PAMOJA_JWKS_URL: the `iss` tokens must carry (never the development issuer).',
  ),
  PAMOJA_OIDC_AUDIENCE: variable(
    'auth',
    [...CORE, 'gateway'],
    { ...text(), default: '`pamoja-api` with an OIDC issuer, `pamoja` otherwise' },
    'The `aud` tokens must carry.',
  ),
  PAMOJA_JWT_AUDIENCE: variable(
    'auth',
    [...CORE, 'gateway'],
    { ...text(), default: 'as PAMOJA_OIDC_AUDIENCE' },
    'The former name of PAMOJA_OIDC_AUDIENCE, still read when that one is unset.',
  ),
  PAMOJA_OIDC_ALGORITHMS: variable(
    'auth',
    [...CORE, 'gateway'],
    algorithms(),
    'The JWS algorithms accepted from the identity provider.',
  ),
  PAMOJA_OIDC_AGENCY_CLAIM: variable(
    'auth',
    [...CORE, 'gateway'],
    claimPath('`agency_id`'),
    "The claim naming the user's agency.",
  ),
  PAMOJA_OIDC_ROLES_CLAIM: variable(
    'auth',
    [...CORE, 'gateway'],
    claimPath('`realm_access.roles`; `roles` with PAMOJA_JWKS_URL'),
    "The claim holding the user's roles.",
  ),
  PAMOJA_OIDC_CONSOLE_CLIENT_ID: variable(
    'auth',
    [...CORE, 'gateway'],
    patternOr(/^[\x21-\x7e]{1,200}$/, 'a client id without spaces', 'client id without spaces', 'pamoja-console'),
    "The console's public client at the identity provider.",
  ),
  PAMOJA_OIDC_CLOCK_SKEW_SECONDS: variable(
    'auth',
    [...CORE, 'gateway'],
    wholeNumber(60, 0, 300),
    'The clock difference with the issuer tolerated on `exp` and `nbf`.',
  ),

  // Limits
  PAMOJA_RATE_LIMIT_PER_MINUTE: variable(
    'limits',
    [...CORE, 'gateway'],
    wholeNumber(1200, 0),
    'GraphQL operations per user and minute; 0 turns the limit off.',
  ),
  PAMOJA_RATE_LIMIT_BURST: variable(
    'limits',
    [...CORE, 'gateway'],
    wholeNumber(300, 0),
    'Operations a user may send at once above the rate (at least 1 while the limit is on).',
  ),
  PAMOJA_WS_ALLOWED_ORIGINS: variable(
    'limits',
    [...CORE, 'gateway'],
    {
      ...list(
        'origins such as https://pamoja.example',
        (origin) => {
          const parsed = parseUrl(origin);
          return parsed && /^https?:$/.test(parsed.protocol) && parsed.origin === origin.replace(/\/$/, '')
            ? parsed.origin
            : undefined;
        },
        'comma-separated `scheme://host[:port]`',
      ),
      default: "none (the service's own origin; localhost too outside production)",
    },
    "Browser origins allowed to open a WebSocket besides the service's own.",
  ),
  PAMOJA_WS_MAX_CONNECTIONS_PER_USER: variable(
    'limits',
    [...CORE, 'gateway'],
    wholeNumber(10, 1),
    'Open WebSocket connections per user.',
  ),
  PAMOJA_WS_MAX_SUBSCRIPTIONS_PER_USER: variable(
    'limits',
    [...CORE, 'gateway'],
    wholeNumber(50, 1),
    'Live subscriptions per user, over all their connections.',
  ),

  // Publication
  PAMOJA_MIN_CELL_COUNT: variable(
    'publication',
    CORE,
    wholeNumber(10, 2),
    'k: the fewest people or events a published count may stand for; a smaller count is withheld (docs/statistics.md).',
  ),
  PAMOJA_SITE_FEED_PUBLIC: variable(
    'publication',
    CORE,
    flag(false),
    'Whether the per-site supply-chain feed is readable without a token.',
  ),
  PAMOJA_SITE_FEED_DELAY_DAYS: variable(
    'publication',
    CORE,
    wholeNumber(30, 0),
    'The site feed shows what happened at least this many days ago.',
  ),
  PAMOJA_WEBHOOK_ALLOWED_TARGETS: variable(
    'publication',
    CORE,
    {
      ...list(
        'IP addresses or CIDR ranges',
        (target) => (/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(target) ? target : undefined),
        'comma-separated IP addresses or CIDR ranges',
      ),
      default: 'none',
    },
    'Private, loopback and link-local addresses webhooks may nevertheless be sent to (e.g. `127.0.0.1/32`); ' +
      'otherwise refused (server-side request forgery).',
  ),

  // Readiness
  PAMOJA_READY_MAX_LAG: variable(
    'readiness',
    CORE,
    wholeNumber(1000, 0),
    'The most log positions a projection may be behind the head before `/health/ready` reports the process not ' +
      'ready (it is catching up: a rebuild, a restart after an outage).',
  ),

  // OpenTelemetry: the SDK reads these itself; Pamoja neither checks nor changes them.
  OTEL_EXPORTER_OTLP_ENDPOINT: otel(
    'Where traces are sent, OTLP over HTTP (`/v1/traces` is added). Unset (and no traces endpoint): spans are not ' +
      'exported, and only a trace a caller sent sampled is passed on. Metrics are scraped at `/metrics`, not sent.',
  ),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: otel('The full URL traces are sent to, instead of the endpoint above.'),
  OTEL_EXPORTER_OTLP_HEADERS: otel("Headers sent with each export (`key=value,...`), e.g. a collector's token."),
  OTEL_TRACES_EXPORTER: otel('`none` turns the export off even where an endpoint is set.'),
  OTEL_TRACES_SAMPLER: otel('Which traces are kept when exporting (default: parent-based, always on).'),

  // Development and tests: read by the tools that start things, never by the processes themselves.
  PAMOJA_BASE_PORT: variable(
    'development',
    ['start:server'],
    wholeNumber(4000, 0, 65535),
    "The gateway's port; the services take the next ones.",
  ),
  PAMOJA_START_TIMEOUT: variable(
    'development',
    ['start:server'],
    wholeNumber(180, 0, 3600),
    'Seconds to wait for every process to answer `/health`.',
  ),
  PAMOJA_TEST_RUN_DIR: variable('development', ['tests'], text(), 'Set by the test setup: the services tests started.'),
  PAMOJA_TEST_PGLITE_TEMPLATE_DIR: variable(
    'development',
    ['tests'],
    text(),
    'A PGlite database the tests copy instead of creating one each; set by the test setup unless given.',
  ),
  PAMOJA_TEST_PGLITE_TEMPLATE_DIR_REMOVE: variable(
    'development',
    ['tests'],
    text(),
    'Set by the test setup: the template is removed at the end.',
  ),
  PAMOJA_FUZZ_SEED: variable('development', ['tests'], optionalWholeNumber(0), 'Replays a fuzz run.'),
  PAMOJA_FUZZ_RUNS: variable('development', ['tests'], wholeNumber(15, 1), 'Fuzz runs per mutation.'),
} as const;

export type ConfigVariableName = keyof typeof CONFIG_VARIABLES;
type Shape = { [K in ConfigVariableName]: (typeof CONFIG_VARIABLES)[K]['type'] };

/** The one schema: the environment as the table types it. */
export const ENVIRONMENT = z.object(
  // Object.fromEntries cannot keep the keys' types; the mapped type says what it builds.
  Object.fromEntries(Object.entries(CONFIG_VARIABLES).map(([name, v]) => [name, v.type])) as Shape,
);
export type Environment = z.output<typeof ENVIRONMENT>;

/** What is wrong with one variable: its name and the whole sentence. */
export interface ConfigProblem {
  readonly variable: ConfigVariableName;
  readonly message: string;
}

/** A rule across variables, checked once each variable it involves has a value of its type. */
interface Rule {
  readonly variable: ConfigVariableName;
  readonly involves: readonly ConfigVariableName[];
  readonly check: (env: Environment) => string | undefined;
}

export const DEV_ISSUER = 'pamoja-dev-issuer';
const production = (env: Environment): boolean => env.NODE_ENV === 'production';

const RULES: readonly Rule[] = [
  {
    variable: 'DATABASE_URL',
    involves: ['PAMOJA_MODE', 'DATABASE_URL'],
    check: (env) =>
      env.PAMOJA_MODE === 'server' && !env.DATABASE_URL ? 'DATABASE_URL is required in server mode' : undefined,
  },
  {
    variable: 'PAMOJA_EVENT_STORE',
    involves: ['PAMOJA_MODE', 'PAMOJA_EVENT_STORE'],
    check: (env) =>
      env.PAMOJA_EVENT_STORE === 'kurrentdb' && env.PAMOJA_MODE !== 'server'
        ? 'PAMOJA_EVENT_STORE=kurrentdb needs PAMOJA_MODE=server: the embedded mode keeps its log in PGlite'
        : undefined,
  },
  {
    variable: 'KURRENTDB_URL',
    involves: ['PAMOJA_EVENT_STORE', 'KURRENTDB_URL'],
    check: (env) =>
      env.PAMOJA_EVENT_STORE === 'kurrentdb' && !env.KURRENTDB_URL
        ? 'KURRENTDB_URL is required with PAMOJA_EVENT_STORE=kurrentdb'
        : undefined,
  },
  {
    variable: 'PAMOJA_MASTER_KEY',
    involves: ['PAMOJA_MASTER_KEY'],
    check: (env) =>
      production(env) && !env.PAMOJA_MASTER_KEY ? 'PAMOJA_MASTER_KEY is required when NODE_ENV=production' : undefined,
  },
  {
    variable: 'PAMOJA_OIDC_ISSUER',
    involves: ['PAMOJA_OIDC_ISSUER', 'PAMOJA_JWKS_URL'],
    check: (env) =>
      env.PAMOJA_OIDC_ISSUER && env.PAMOJA_JWKS_URL
        ? 'PAMOJA_OIDC_ISSUER and PAMOJA_JWKS_URL are exclusive: set the issuer (discovery) or the JWKS, not both'
        : undefined,
  },
  {
    variable: 'PAMOJA_OIDC_DISCOVERY_URL',
    involves: ['PAMOJA_OIDC_ISSUER', 'PAMOJA_OIDC_DISCOVERY_URL'],
    check: (env) =>
      env.PAMOJA_OIDC_DISCOVERY_URL && !env.PAMOJA_OIDC_ISSUER
        ? 'PAMOJA_OIDC_DISCOVERY_URL needs PAMOJA_OIDC_ISSUER'
        : undefined,
  },
  {
    variable: 'PAMOJA_JWT_ISSUER',
    involves: ['PAMOJA_JWKS_URL'],
    check: (env) =>
      env.PAMOJA_JWKS_URL && !env.PAMOJA_JWT_ISSUER ? 'PAMOJA_JWT_ISSUER is required with PAMOJA_JWKS_URL' : undefined,
  },
  {
    variable: 'PAMOJA_JWT_ISSUER',
    involves: ['PAMOJA_JWKS_URL', 'PAMOJA_OIDC_ISSUER'],
    check: (env) =>
      env.PAMOJA_JWKS_URL && !env.PAMOJA_OIDC_ISSUER && env.PAMOJA_JWT_ISSUER === DEV_ISSUER
        ? `PAMOJA_JWT_ISSUER must not be ${DEV_ISSUER}, the development issuer`
        : undefined,
  },
  {
    variable: 'PAMOJA_OIDC_ISSUER',
    involves: ['PAMOJA_OIDC_ISSUER', 'PAMOJA_JWKS_URL'],
    check: (env) =>
      production(env) && !env.PAMOJA_OIDC_ISSUER && !env.PAMOJA_JWKS_URL
        ? 'PAMOJA_OIDC_ISSUER (or PAMOJA_JWKS_URL with PAMOJA_JWT_ISSUER) is required when NODE_ENV=production: ' +
          'the development issuer is never trusted there'
        : undefined,
  },
  {
    variable: 'PAMOJA_RATE_LIMIT_BURST',
    involves: ['PAMOJA_RATE_LIMIT_PER_MINUTE', 'PAMOJA_RATE_LIMIT_BURST'],
    check: (env) =>
      env.PAMOJA_RATE_LIMIT_PER_MINUTE > 0 && env.PAMOJA_RATE_LIMIT_BURST < 1
        ? 'PAMOJA_RATE_LIMIT_BURST must be 1 or more'
        : undefined,
  },
  {
    variable: 'PAMOJA_SUBGRAPHS',
    involves: ['PAMOJA_SUBGRAPHS'],
    check: (env) =>
      (env.PAMOJA_SUBGRAPHS ?? []).length === 0
        ? 'PAMOJA_SUBGRAPHS must list the agency services (name=url, comma-separated)'
        : undefined,
  },
  {
    variable: 'PAMOJA_SERVICE',
    involves: ['PAMOJA_SERVICE'],
    check: (env) => (env.PAMOJA_SERVICE ? undefined : 'PAMOJA_SERVICE is required: which agency service to run'),
  },
];

/**
 * The environment read through the schema: the values (a wrong variable takes its default, so that every
 * later problem is found too) and every problem, field by field, then across variables. An empty or blank
 * variable counts as unset.
 */
export function readEnvironment(env: Readonly<Record<string, string | undefined>>): {
  readonly values: Environment;
  readonly problems: readonly ConfigProblem[];
} {
  const input: Record<string, string> = {};
  for (const name of Object.keys(CONFIG_VARIABLES)) {
    const value = env[name]?.trim();
    if (value) input[name] = value;
  }
  const problems: ConfigProblem[] = [];
  const parsed = ENVIRONMENT.safeParse(input);
  let values: Environment;
  if (parsed.success) values = parsed.data;
  else {
    for (const issue of parsed.error.issues) {
      const variable = issue.path[0] as ConfigVariableName;
      problems.push({ variable, message: `${variable} ${issue.message}` });
    }
    const wrong = new Set<string>(problems.map((p) => p.variable));
    values = ENVIRONMENT.parse(Object.fromEntries(Object.entries(input).filter(([name]) => !wrong.has(name))));
  }
  const wrong = new Set(problems.map((p) => p.variable));
  for (const rule of RULES) {
    if (rule.involves.some((name) => wrong.has(name))) continue;
    const message = rule.check(values);
    if (message) problems.push({ variable: rule.variable, message });
  }
  return { values, problems };
}

/** The variables a process reads. */
export function variablesReadBy(process: ConfigProcess): Set<ConfigVariableName> {
  return new Set(
    (Object.keys(CONFIG_VARIABLES) as ConfigVariableName[]).filter((name) =>
      CONFIG_VARIABLES[name].readBy.includes(process),
    ),
  );
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}

/**
 * A warning for each `PAMOJA_*` variable of the environment that is not in the table (not fatal: the process
 * starts, ignoring it), with the nearest known name when one is close: a misspelt setting is otherwise silently
 * left at its default.
 */
export function unknownVariables(env: Readonly<Record<string, string | undefined>>): string[] {
  const known = Object.keys(CONFIG_VARIABLES).filter((name) => name.startsWith('PAMOJA_'));
  return Object.keys(env)
    .filter((name) => name.startsWith('PAMOJA_') && !(name in CONFIG_VARIABLES))
    .sort()
    .map((name) => {
      const [nearest] = known
        .map((candidate) => ({
          candidate,
          // A name cut short (or with a word too many) is as near as a typo.
          d: candidate.startsWith(`${name}_`) || name.startsWith(`${candidate}_`) ? 1 : distance(name, candidate),
        }))
        .filter(({ d }) => d <= Math.max(2, Math.floor(name.length / 6)))
        .sort((a, b) => a.d - b.d || a.candidate.localeCompare(b.candidate));
      return (
        `${name} is not a Pamoja setting and is ignored` +
        (nearest ? `: did you mean ${nearest.candidate}?` : ' (docs/configuration.md lists them)')
      );
    });
}
