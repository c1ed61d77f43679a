import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { configurationDocument } from './configuration-doc.js';
import { CONFIG_VARIABLES, unknownVariables } from './environment.js';
import {
  ConfigError,
  loadAgencyServiceConfig,
  loadConfig,
  loadGatewayConfig,
  loadRelayConfig,
  type PlatformConfig,
} from './platform-config.js';

const embedded = { mode: 'embedded', serviceName: 't' } as const;
const KEY = Buffer.alloc(32, 7).toString('base64');

/** The problems a configuration error lists, one per line. */
function problemsOf(load: () => unknown): readonly string[] {
  try {
    load();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('the configuration schema', () => {
  it('gives every setting its default when the environment is empty', () => {
    const config: PlatformConfig = loadConfig({}, embedded);
    expect(config).toMatchObject({
      mode: 'embedded',
      production: false,
      port: 4000,
      logLevel: 'info',
      databaseUrl: undefined,
      kafkaBrokers: undefined,
      kafkaTopicPrefix: undefined,
      rateLimit: { perMinute: 1200, burst: 300 },
      webSocket: { maxConnectionsPerUser: 10, maxSubscriptionsPerUser: 50, allowedOrigins: [], allowLocalhost: true },
      checkpointIntervalSeconds: 300,
      masterKey: undefined,
      publication: { minCellCount: 10, siteFeedPublic: false, siteFeedDelayDays: 30, webhookAllowedTargets: [] },
      readiness: { maxProjectionLag: 1000 },
      warnings: [],
    });
    expect(config.dataDir).toBe(resolve(process.cwd(), 'data'));
    expect(config.auth).toMatchObject({
      provider: 'development',
      issuer: 'pamoja-dev-issuer',
      audience: 'pamoja',
      algorithms: ['RS256', 'PS256', 'ES256'],
      agencyClaim: 'agency_id',
      rolesClaim: 'realm_access.roles',
      consoleClientId: 'pamoja-console',
      clockSkewSeconds: 60,
    });
  });

  it('reads each kind of value: numbers, flags, lists, choices, keys; an empty variable is unset', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        LOG_LEVEL: 'debug',
        PAMOJA_SITE_FEED_PUBLIC: 'true',
        PAMOJA_WEBHOOK_ALLOWED_TARGETS: '127.0.0.1/32, ::1',
        PAMOJA_MASTER_KEY: ` ${KEY} `,
        PAMOJA_READY_MAX_LAG: '0',
        KAFKA_TOPIC_PREFIX: '',
      },
      embedded,
    );
    expect(config).toMatchObject({ port: 8080, logLevel: 'debug', kafkaTopicPrefix: undefined });
    expect(config.publication).toMatchObject({ siteFeedPublic: true, webhookAllowedTargets: ['127.0.0.1/32', '::1'] });
    expect(config.masterKey?.toString('base64')).toBe(KEY);
    expect(config.readiness.maxProjectionLag).toBe(0);
  });

  it('refuses every kind of wrong value, naming the variable and the reason, all at once', () => {
    expect(
      problemsOf(() =>
        loadConfig(
          {
            PAMOJA_MODE: 'cluster',
            PORT: '70000',
            LOG_LEVEL: 'loud',
            DATABASE_URL: 'mysql://db',
            PAMOJA_MASTER_KEY: 'c2hvcnQ=',
            PAMOJA_CHECKPOINT_INTERVAL_SECONDS: '-5',
            KAFKA_BROKERS: 'kafka-1:9092,kafka-2',
            PAMOJA_OIDC_ISSUER: 'id.example',
            PAMOJA_OIDC_CLOCK_SKEW_SECONDS: '301',
            PAMOJA_SITE_FEED_PUBLIC: 'yes',
            PAMOJA_MIN_CELL_COUNT: '1',
            PAMOJA_READY_MAX_LAG: 'far',
          },
          embedded,
        ),
      ),
    ).toEqual([
      'PAMOJA_MODE must be embedded or server, not cluster',
      'PORT must be a port number, not 70000',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, not loud',
      'DATABASE_URL must be a postgres:// URL, not mysql://db',
      'PAMOJA_MASTER_KEY must be 32 bytes in base64 (openssl rand -base64 32)',
      'PAMOJA_CHECKPOINT_INTERVAL_SECONDS must be a whole number, 0 or more, not -5',
      'KAFKA_BROKERS must list host:port, not kafka-2',
      'PAMOJA_OIDC_ISSUER must be an http(s) URL, not id.example',
      'PAMOJA_OIDC_CLOCK_SKEW_SECONDS must be a whole number from 0 to 300, not 301',
      'PAMOJA_MIN_CELL_COUNT must be a whole number, 2 or more, not 1',
      'PAMOJA_SITE_FEED_PUBLIC must be true or false, not yes',
      'PAMOJA_READY_MAX_LAG must be a whole number, 0 or more, not far',
    ]);
  });

  it('applies the rules across variables: server mode, exclusive providers, the burst', () => {
    expect(problemsOf(() => loadConfig({}, { mode: 'server', serviceName: 's' }))).toEqual([
      'DATABASE_URL is required in server mode',
    ]);
    expect(
      problemsOf(() =>
        loadConfig(
          {
            PAMOJA_OIDC_ISSUER: 'https://id.example/realms/p',
            PAMOJA_JWKS_URL: 'https://id.example/jwks',
            PAMOJA_RATE_LIMIT_BURST: '0',
          },
          embedded,
        ),
      ),
    ).toEqual([
      'PAMOJA_OIDC_ISSUER and PAMOJA_JWKS_URL are exclusive: set the issuer (discovery) or the JWKS, not both',
      'PAMOJA_JWT_ISSUER is required with PAMOJA_JWKS_URL',
      'PAMOJA_RATE_LIMIT_BURST must be 1 or more',
    ]);
    expect(problemsOf(() => loadConfig({ PAMOJA_JWKS_URL: 'https://id.example/jwks' }, embedded))).toEqual([
      'PAMOJA_JWT_ISSUER is required with PAMOJA_JWKS_URL',
    ]);
  });

  it('requires an identity provider and PAMOJA_MASTER_KEY in production, and nothing of the development issuer', () => {
    expect(problemsOf(() => loadConfig({ NODE_ENV: 'production' }, embedded))).toEqual([
      'PAMOJA_MASTER_KEY is required when NODE_ENV=production',
      'PAMOJA_OIDC_ISSUER (or PAMOJA_JWKS_URL with PAMOJA_JWT_ISSUER) is required when NODE_ENV=production: ' +
        'the development issuer is never trusted there',
    ]);
    const production = loadConfig(
      { NODE_ENV: 'production', PAMOJA_MASTER_KEY: KEY, PAMOJA_OIDC_ISSUER: 'https://id.example/realms/p' },
      embedded,
    );
    expect(production).toMatchObject({ production: true, webSocket: { allowLocalhost: false } });
    expect(production.auth).toMatchObject({ provider: 'oidc', audience: 'pamoja-api' });
    expect(
      problemsOf(() =>
        loadConfig(
          {
            NODE_ENV: 'production',
            PAMOJA_MASTER_KEY: KEY,
            PAMOJA_JWKS_URL: 'https://id.example/jwks',
            PAMOJA_JWT_ISSUER: 'pamoja-dev-issuer',
          },
          embedded,
        ),
      ),
    ).toEqual(['PAMOJA_JWT_ISSUER must not be pamoja-dev-issuer, the development issuer']);
  });

  it('reports a wrong variable once, not again through the rules that involve it', () => {
    expect(
      problemsOf(() =>
        loadConfig({ NODE_ENV: 'production', PAMOJA_MASTER_KEY: KEY, PAMOJA_JWKS_URL: 'jwks' }, embedded),
      ),
    ).toEqual(['PAMOJA_JWKS_URL must be an http(s) URL, not jwks']);
  });
});

describe('the loaders of the gateway, the relay and the agency services', () => {
  it('the gateway reads its services, port and limits, and nothing of the database', () => {
    const gateway = loadGatewayConfig({
      PAMOJA_SUBGRAPHS: 'referrals=http://127.0.0.1:4001/graphql, sites=http://127.0.0.1:4002/graphql',
      PORT: '5000',
      PAMOJA_MODE: 'server',
    });
    expect(gateway).toMatchObject({
      port: 5000,
      subgraphs: [
        { name: 'referrals', url: 'http://127.0.0.1:4001/graphql' },
        { name: 'sites', url: 'http://127.0.0.1:4002/graphql' },
      ],
      rateLimit: { perMinute: 1200, burst: 300 },
      auth: { provider: 'development' },
      consoleDir: undefined,
    });
    expect(problemsOf(() => loadGatewayConfig({}))).toEqual([
      'PAMOJA_SUBGRAPHS must list the agency services (name=url, comma-separated)',
    ]);
    expect(problemsOf(() => loadGatewayConfig({ PAMOJA_SUBGRAPHS: 'referrals=ftp://x', PORT: 'http' }))).toEqual([
      'PORT must be a port number, not http',
      'PAMOJA_SUBGRAPHS must list name=http(s)://host:port/graphql pairs, not referrals=ftp://x',
    ]);
  });

  it('the relay is in server mode by default and reads its batch size', () => {
    const relay = loadRelayConfig({ DATABASE_URL: 'postgres://x@h/db', RELAY_BATCH_SIZE: '200' });
    expect(relay).toMatchObject({ mode: 'server', serviceName: 'pamoja-relay', batchSize: 200 });
    expect(loadRelayConfig({ DATABASE_URL: 'postgres://x@h/db', PAMOJA_MODE: '' })).toMatchObject({
      mode: 'server',
      batchSize: undefined,
    });
    expect(problemsOf(() => loadRelayConfig({ RELAY_BATCH_SIZE: '0' }))).toEqual([
      'RELAY_BATCH_SIZE must be a whole number, 1 or more, not 0',
      'DATABASE_URL is required in server mode',
    ]);
  });

  it('an agency service must be one of the services, named with the other problems', () => {
    const services = ['referrals', 'sites'] as const;
    const { service, config } = loadAgencyServiceConfig(
      { PAMOJA_SERVICE: 'sites', DATABASE_URL: 'postgres://x@h/db' },
      services,
    );
    expect(service).toBe('sites');
    expect(config).toMatchObject({ mode: 'server', serviceName: 'pamoja-sites' });
    expect(problemsOf(() => loadAgencyServiceConfig({ PAMOJA_SERVICE: 'payroll' }, services))).toEqual([
      'PAMOJA_SERVICE must be one of referrals, sites, not "payroll"',
      'DATABASE_URL is required in server mode',
    ]);
    expect(problemsOf(() => loadAgencyServiceConfig({ DATABASE_URL: 'postgres://x@h/db' }, services))).toEqual([
      'PAMOJA_SERVICE is required: which agency service to run',
    ]);
  });
});

describe('unknown PAMOJA_* variables', () => {
  it('are warned about, with the nearest setting when the name is close', () => {
    expect(
      unknownVariables({
        PAMOJA_MASTERKEY: 'x',
        PAMOJA_RATE_LIMIT_PER_MINUT: '10',
        PAMOJA_COLOUR: 'blue',
        PAMOJA_MODE: 'embedded',
        HOME: '/home/someone',
      }),
    ).toEqual([
      'PAMOJA_COLOUR is not a Pamoja setting and is ignored (docs/configuration.md lists them)',
      'PAMOJA_MASTERKEY is not a Pamoja setting and is ignored: did you mean PAMOJA_MASTER_KEY?',
      'PAMOJA_RATE_LIMIT_PER_MINUT is not a Pamoja setting and is ignored: did you mean PAMOJA_RATE_LIMIT_PER_MINUTE?',
    ]);
  });

  it('do not stop the process: the configuration carries them for the boot to log', () => {
    const config = loadConfig({ PAMOJA_CHECKPOINT_INTERVAL: '60' }, embedded);
    expect(config.checkpointIntervalSeconds).toBe(300);
    expect(config.warnings).toEqual([
      'PAMOJA_CHECKPOINT_INTERVAL is not a Pamoja setting and is ignored: did you mean PAMOJA_CHECKPOINT_INTERVAL_SECONDS?',
    ]);
  });
});

describe('docs/configuration.md', () => {
  const committed = readFileSync(new URL('../../../../docs/configuration.md', import.meta.url), 'utf8');

  it('lists every variable of the schema with its default and readers', () => {
    for (const [name, variable] of Object.entries(CONFIG_VARIABLES)) {
      const line = committed.split('\n').find((l) => l.startsWith(`| \`${name}\` `));
      expect(line).toBeDefined();
      expect(line).toContain(variable.readBy.join(', '));
    }
    expect(committed).toContain('OpenTelemetry SDK');
  });

  it('is the document the schema generates today (npm run config:doc)', () => {
    expect(committed).toBe(configurationDocument());
  });
});
