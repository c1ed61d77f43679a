/*
 * The platform as the upgrade fixtures run it: the embedded app (every context in one process) on a data
 * directory, over its PGlite database or over a PostgreSQL database, with a clock the caller sets. The same
 * code makes the fixtures (make-fixtures.ts) and starts today's release on them (upgrade.e2e.spec.ts).
 */
import { Test } from '@nestjs/testing';
import { type INestApplication } from '@nestjs/common';
import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { Logger } from 'nestjs-pino';
import { PostgresDatabase, SQL_DATABASE } from '@pamoja/event-store';
import { CLOCK, loadConfig, type Clock, type PlatformConfig } from '@pamoja/platform/config';
import { issueDevToken, loadOrCreateDevIssuer } from '@pamoja/platform/auth';
import { GraphqlClient } from '@pamoja/platform/graphql';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the fixtures run the platform app itself
import { EmbeddedPlatformModule } from '../../apps/platform/src/app.module.js';
// eslint-disable-next-line @nx/enforce-module-boundaries -- and server mode's agency services
import { AgencyServiceModule, type AgencyServiceName } from '../../apps/agency-service/src/service.module.js';
import { type FixtureActor } from './fixture-format.js';

/** A clock that stands still until it is moved: commands are dated from it, deadlines fall due by it. */
export class FixtureClock implements Clock {
  private current: number;

  constructor(start: string) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): Date {
    this.current += ms;
    return this.now();
  }
}

export interface FixturePlatform {
  readonly app: INestApplication;
  readonly url: string;
  readonly config: PlatformConfig;
  /** A GraphQL client with a development token of the data directory's issuer for these claims. */
  clientFor(actor: FixtureActor): Promise<GraphqlClient>;
  stop(): Promise<void>;
}

export interface FixturePlatformOptions {
  /** Key files (master key, development issuer), and PGlite's files when there is no `databaseUrl`. */
  readonly dataDir: string;
  /** A PostgreSQL database instead of the data directory's PGlite. */
  readonly databaseUrl?: string;
  readonly clock: Clock;
  /**
   * With `databaseUrl`: instead of the embedded app, one agency service of server mode (PAMOJA_MODE=server),
   * as `npm run start:server` runs it (without Kafka: only a service that uses no other agency's events starts).
   */
  readonly service?: AgencyServiceName;
}

/**
 * Starts the embedded app. Over PostgreSQL it is the same app with its database replaced: every context's
 * migrations, read models and reactors run on the server-mode schema (ADR 0004), without Kafka.
 */
export async function startFixturePlatform(options: FixturePlatformOptions): Promise<FixturePlatform> {
  const { service, databaseUrl } = options;
  if (service !== undefined && databaseUrl === undefined) throw new Error('an agency service runs on a databaseUrl');
  const config = loadConfig(
    {
      PAMOJA_DATA_DIR: options.dataDir,
      PORT: '0',
      LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'error',
      PAMOJA_RATE_LIMIT_PER_MINUTE: '0',
      ...(service === undefined ? {} : { PAMOJA_MODE: 'server', DATABASE_URL: databaseUrl }),
    },
    { mode: 'embedded', serviceName: service === undefined ? 'pamoja-upgrade-fixture' : `pamoja-${service}` },
  );
  const root =
    service === undefined ? EmbeddedPlatformModule.forRoot(config) : AgencyServiceModule.forRoot(config, service);
  let builder = Test.createTestingModule({ imports: [root] })
    .overrideProvider(CLOCK)
    .useValue(options.clock);
  if (databaseUrl !== undefined && service === undefined) {
    builder = builder
      .overrideProvider(SQL_DATABASE)
      .useValue(new PostgresDatabase({ connectionString: databaseUrl, applicationName: 'pamoja-upgrade-fixture' }));
  }
  const app = (await builder.compile()).createNestApplication({ bufferLogs: true });
  app.useLogger(app.get(Logger));
  try {
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    // A start that fails half-way (a module's bootstrap refused) leaves nothing running behind it.
    await app.close().catch(() => undefined);
    throw error;
  }
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const keys = await loadOrCreateDevIssuer(options.dataDir);
  return {
    app,
    url,
    config,
    clientFor: async (actor) =>
      new GraphqlClient(`${url}/graphql`).as(
        await issueDevToken(keys, { ...actor, roles: [...actor.roles] }, { audience: config.auth.audience }),
      ),
    stop: () => app.close(),
  };
}
