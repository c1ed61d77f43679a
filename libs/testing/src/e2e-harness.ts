import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from '@jest/globals';
import { type DynamicModule, type INestApplication, Module, type Type } from '@nestjs/common';
import { type Actor } from '@pamoja/contracts';
import {
  GraphqlClient,
  issueDevToken,
  loadConfig,
  loadOrCreateDevIssuer,
  PlatformModule,
  startService,
  type DevIssuerKeys,
  type GraphqlErrorBody,
  type GraphqlResponse,
  type PlatformConfig,
  type StartedService,
} from '@pamoja/platform';
import { createTemporaryDatabase } from './postgres.js';

/** A module the platform is started with: a context module, or one built for the test. */
export type TestModule = Type | DynamicModule;

export interface TestPlatformOptions {
  /**
   * What runs: context modules served under `PlatformModule.forRoot(config)`, or `root`, a function of the
   * configuration that builds the whole root module (the embedded app, an agency service). One of the two.
   */
  readonly modules?: readonly TestModule[];
  readonly root?: (config: PlatformConfig) => TestModule;
  /** With `modules`: serve the schema as a federation subgraph, as server mode's agency services do. */
  readonly subgraph?: boolean;
  /**
   * Where the log lives. `pglite` (the default): embedded mode, in the temporary data directory. `postgres`:
   * server mode on a temporary database of the test server, dropped by `stop()`. `{ url }`: server mode on
   * that database, left as it is (several services sharing one database).
   */
  readonly database?: 'pglite' | 'postgres' | { readonly url: string };
  /** Settings as the environment gives them (`PAMOJA_RATE_LIMIT_PER_MINUTE: '0'`, `KAFKA_BROKERS`, ...). */
  readonly env?: Readonly<Record<string, string>>;
  /** The service's name in logs and in the data directory's lock. */
  readonly serviceName?: string;
  /**
   * The data directory (the development issuer's key, and PGlite's files in embedded mode). By default a new
   * temporary one that `stop()` removes; a given one is shared (services of one deployment) and kept.
   */
  readonly dataDir?: string;
  /**
   * Runs once, after the data directory and configuration are ready and before the service first starts:
   * for what a spec does to the data the way a command-line tool would (the seed, a restore).
   */
  readonly beforeStart?: (config: PlatformConfig) => Promise<void>;
}

/** Who a token is for: the agency is required; the user defaults to `<agencyId>-user`, the roles to none. */
export interface TestActor {
  readonly agencyId: string;
  readonly agencyType: Actor['agencyType'];
  readonly roles?: readonly string[];
  readonly userId?: string;
}

/**
 * A GraphQL client of the API under test, bound to a token (or to none). Its address follows the platform
 * across restarts, and its token may still be being issued: a spec can make its clients before the platform
 * has started.
 */
export class TestClient extends GraphqlClient {
  constructor(
    private readonly endpoint: () => string,
    private readonly bearer: () => Promise<string | undefined>,
  ) {
    super('');
  }

  override as(token: string | undefined): TestClient {
    return new TestClient(this.endpoint, () => Promise.resolve(token));
  }

  override async request<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphqlResponse<T>> {
    return new GraphqlClient(this.endpoint(), await this.bearer()).request<T>(query, variables);
  }

  /** A query that must succeed: its data. */
  query<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    return this.ok<T>(query, variables);
  }

  /** A mutation that must succeed: its data. */
  mutate<T = Record<string, unknown>>(mutation: string, variables: Record<string, unknown> = {}): Promise<T> {
    return this.ok<T>(mutation, variables);
  }

  /** An operation that must fail: its first error (`extensions.code` says which), or a thrown error if none. */
  async error(operation: string, variables: Record<string, unknown> = {}): Promise<GraphqlErrorBody> {
    const { errors, data } = await this.request(operation, variables);
    const [first] = errors ?? [];
    if (!first) throw new Error(`expected an error, got ${JSON.stringify(data)}`);
    return first;
  }
}

@Module({})
class TestPlatformRoot {
  static forRoot(config: PlatformConfig, modules: readonly TestModule[], subgraph: boolean): DynamicModule {
    return { module: TestPlatformRoot, imports: [PlatformModule.forRoot(config, { subgraph }), ...modules] };
  }
}

/**
 * A running Pamoja service for an end-to-end spec: its own data directory, configuration read as at boot,
 * the development issuer for tokens per agency, GraphQL clients bound to them, and cleanup.
 */
export class TestPlatform {
  private started: StartedService | undefined;
  private settings: { config: PlatformConfig; keys: DevIssuerKeys; dataDir: string } | undefined;
  private readonly cleanups: (() => Promise<void>)[] = [];
  private readonly clients = new Map<string, TestClient>();
  private readonly beforeStop: (() => Promise<void>)[] = [];

  constructor(private readonly options: TestPlatformOptions) {
    if (!options.modules === !options.root) throw new Error('a test platform needs either modules or root');
  }

  /** Prepares the data directory, the database and the configuration, then starts the service. */
  async start(): Promise<this> {
    if (!this.settings) {
      const name = this.options.serviceName ?? 'pamoja-e2e';
      let dataDir = this.options.dataDir;
      if (dataDir === undefined) {
        const created = await mkdtemp(join(tmpdir(), `${name}-`));
        this.cleanups.push(() => rm(created, { recursive: true, force: true }));
        dataDir = created;
      }
      const database = this.options.database ?? 'pglite';
      let databaseUrl: string | undefined;
      if (database === 'postgres') {
        const temporary = await createTemporaryDatabase(name.replace(/\W/g, '_'));
        this.cleanups.push(temporary.drop);
        databaseUrl = temporary.url;
      } else if (database !== 'pglite') {
        databaseUrl = database.url;
      }
      const config = loadConfig(
        {
          PAMOJA_DATA_DIR: dataDir,
          PORT: '0',
          LOG_LEVEL: 'silent',
          ...(databaseUrl === undefined ? {} : { DATABASE_URL: databaseUrl }),
          ...this.options.env,
        },
        { mode: databaseUrl === undefined ? 'embedded' : 'server', serviceName: name },
      );
      this.settings = { config, keys: await loadOrCreateDevIssuer(dataDir), dataDir };
      await this.options.beforeStart?.(config);
    }
    if (!this.started) {
      const { config } = this.settings;
      const { modules, root, subgraph = false } = this.options;
      const module = root ? root(config) : TestPlatformRoot.forRoot(config, modules ?? [], subgraph);
      this.started = await startService(module, config, { handleSignals: false });
    }
    return this;
  }

  /** Stops the service and keeps its data: `start()` again reads the same log (a restart). */
  async shutdown(): Promise<void> {
    const started = this.started;
    this.started = undefined;
    await started?.stop();
  }

  /** Runs `cleanup` when the platform stops, before the service does (clients to close: sockets, feeds). */
  onStop(cleanup: () => unknown): void {
    this.beforeStop.push(async () => {
      await cleanup();
    });
  }

  /** Stops the service and removes what the platform created for it (data directory, temporary database). */
  async stop(): Promise<void> {
    for (const cleanup of this.beforeStop.splice(0)) await cleanup();
    await this.shutdown();
    for (const cleanup of this.cleanups.splice(0).reverse()) await cleanup();
  }

  private get service(): StartedService {
    if (!this.started) throw new Error('the test platform is not running');
    return this.started;
  }

  private get prepared(): { config: PlatformConfig; keys: DevIssuerKeys; dataDir: string } {
    if (!this.settings) throw new Error('the test platform has not been started');
    return this.settings;
  }

  /** The service's base address (`http://localhost:<port>`); GraphQL is at `graphqlUrl`. */
  get url(): string {
    return this.service.url;
  }

  get graphqlUrl(): string {
    return `${this.url}/graphql`;
  }

  /** GraphQL over WebSocket (graphql-ws), at the same path. */
  get wsUrl(): string {
    return this.graphqlUrl.replace(/^http/, 'ws');
  }

  get app(): INestApplication {
    return this.service.app;
  }

  get config(): PlatformConfig {
    return this.prepared.config;
  }

  get dataDir(): string {
    return this.prepared.dataDir;
  }

  /** The development issuer's keys, for tokens a spec shapes itself (expired, another audience). */
  get keys(): DevIssuerKeys {
    return this.prepared.keys;
  }

  /** A provider of the running application (`platform.get<EventStore>(EVENT_STORE)`). */
  get<T>(token: string | symbol | Type<T>): T {
    return this.app.get<T>(token, { strict: false });
  }

  /** A token of the development issuer for this agency's user. */
  tokenFor(actor: TestActor): Promise<string> {
    return issueDevToken(this.prepared.keys, {
      userId: actor.userId ?? `${actor.agencyId}-user`,
      agencyId: actor.agencyId,
      agencyType: actor.agencyType,
      roles: [...(actor.roles ?? [])],
    });
  }

  /** A client acting for this agency's user (one per user, agency and roles); may be made before the start. */
  as(actor: TestActor): TestClient {
    const key = JSON.stringify([actor.userId, actor.agencyId, actor.agencyType, actor.roles]);
    let client = this.clients.get(key);
    if (!client) {
      let token: Promise<string> | undefined;
      client = new TestClient(
        () => this.graphqlUrl,
        () => (token ??= this.tokenFor(actor)),
      );
      this.clients.set(key, client);
    }
    return client;
  }

  /** A client without a token. */
  get anonymous(): TestClient {
    return new TestClient(
      () => this.graphqlUrl,
      () => Promise.resolve(undefined),
    );
  }
}

/** Starts a test platform (see `TestPlatformOptions`); `stop()` it when done. */
export function startTestPlatform(options: TestPlatformOptions): Promise<TestPlatform> {
  return new TestPlatform(options).start();
}

/**
 * The platform for a spec file or a `describe`: started before its tests, stopped and removed after them.
 * The returned platform can be used (`as`, `anonymous`) at once; its app and address once the tests run.
 */
export function useTestPlatform(options: TestPlatformOptions, timeoutMs = 120_000): TestPlatform {
  const platform = new TestPlatform(options);
  beforeAll(async () => {
    await platform.start();
  }, timeoutMs);
  afterAll(() => platform.stop(), timeoutMs);
  return platform;
}
