import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll } from '@jest/globals';
import { type DynamicModule, type INestApplication, Module, type Type } from '@nestjs/common';
import { type Actor } from '@pamoja/contracts';
import { loadConfig, type PlatformConfig } from '@pamoja/platform/config';
import { issueDevToken, loadOrCreateDevIssuer, type DevIssuerKeys } from '@pamoja/platform/auth';
import { GraphqlClient, type GraphqlErrorBody, type GraphqlResponse } from '@pamoja/platform/graphql';
import { PlatformModule, startService, type StartedService } from '@pamoja/platform/runtime';
import { type AgencyRegistration, DEMO_AGENCIES, registerAgencies } from '@pamoja/platform/directory';
import { EVENT_STORE, PostgresDatabase, SqlEventStore, type EventStore } from '@pamoja/event-store';
import { registerTestSites, TEST_SITES, type TestSite } from './test-sites.js';
import { createTestTopics, TEST_KAFKA_BROKERS, type TestTopics } from './kafka.js';
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
  /**
   * Providers replaced in the running app (the embedded app over a PostgreSQL database, say), read at each
   * start. The app is then built as a testing module and listens on 127.0.0.1, without the data directory's lock.
   */
  readonly overrides?: () => readonly ProviderOverride[];
  /**
   * Mine sites registered in the log at the first start, so referrals and incidents may name them
   * (`TEST_SITES` by default; none for a spec that registers these codes itself through the API).
   */
  readonly registeredSites?: readonly TestSite[];
  /**
   * Agencies registered in the directory at the first start, besides the demonstration directory and every
   * agency a client was made for: those a spec sends cases to before they act.
   */
  readonly agencies?: readonly Pick<TestActor, 'agencyId' | 'agencyType'>[];
}

/** A provider of the app and the value that stands in for it. */
export interface ProviderOverride {
  readonly provide: string | symbol | Type;
  readonly useValue: unknown;
}

/** Who a token is for: the agency is required; the user defaults to `<agencyId>-user`, the roles to none. */
export interface TestActor {
  readonly agencyId: string;
  readonly agencyType: Actor['agencyType'];
  readonly roles?: readonly string[];
  readonly userId?: string;
}

function tokenOf(keys: DevIssuerKeys, actor: TestActor): Promise<string> {
  return issueDevToken(keys, {
    userId: actor.userId ?? `${actor.agencyId}-user`,
    agencyId: actor.agencyId,
    agencyType: actor.agencyType,
    roles: [...(actor.roles ?? [])],
  });
}

/** Registers `start` before a spec's (or a describe's) tests and `stop` after them. */
function aroundTests<T>(subject: T, start: () => Promise<unknown>, stop: () => Promise<void>, timeoutMs: number): T {
  beforeAll(async () => {
    await start();
  }, timeoutMs);
  afterAll(stop, timeoutMs);
  return subject;
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
  private readonly registeredAgencies = new Set<string>();
  private registeredDemo = false;
  private readonly actorsBeforeStart = new Map<string, TestActor>();

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
      const overrides = this.options.overrides?.();
      this.started = overrides
        ? await startWithOverrides(module, overrides)
        : await startService(module, config, { handleSignals: false });
      if (!this.registeredDemo) {
        await this.registerAgencies(DEMO_AGENCIES);
        await this.registerAgencies(
          [...(this.options.agencies ?? []), ...this.actorsBeforeStart.values()].map((actor) => ({
            agencyId: actor.agencyId,
            agencyType: actor.agencyType,
            name: `${actor.agencyId} (test agency)`,
          })),
        );
        await registerTestSites(this.get<EventStore>(EVENT_STORE), this.options.registeredSites ?? TEST_SITES);
        this.registeredDemo = true;
      }
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

  /**
   * A token of the development issuer for this agency's user. The agency is registered in the directory
   * first if it is not in it yet (of the actor's type), as the coordination body would have done: the
   * platform refuses a token of an agency it does not know.
   */
  async tokenFor(actor: TestActor): Promise<string> {
    await this.registerAgencies([
      { agencyId: actor.agencyId, agencyType: actor.agencyType, name: `${actor.agencyId} (test agency)` },
    ]);
    return tokenOf(this.prepared.keys, actor);
  }

  /**
   * Registers agencies in the directory through the running platform's log, as the operator; the
   * demonstration directory of North and South Kivu is registered at the first start. Agencies already in
   * the directory are left as they are.
   */
  async registerAgencies(agencies: readonly AgencyRegistration[]): Promise<void> {
    const missing = agencies.filter((agency) => !this.registeredAgencies.has(agency.agencyId));
    if (missing.length === 0) return;
    await registerAgencies(this.get<EventStore>(EVENT_STORE), missing);
    for (const agency of missing) this.registeredAgencies.add(agency.agencyId);
  }

  /** A client acting for this agency's user (one per user, agency and roles); may be made before the start. */
  as(actor: TestActor): TestClient {
    const key = JSON.stringify([actor.userId, actor.agencyId, actor.agencyType, actor.roles]);
    let client = this.clients.get(key);
    // Known before the start: registered with the demonstration directory, so that it can be sent a case
    // before it first acts.
    if (!this.started && !this.actorsBeforeStart.has(actor.agencyId)) this.actorsBeforeStart.set(actor.agencyId, actor);
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

async function startWithOverrides(module: TestModule, overrides: readonly ProviderOverride[]): Promise<StartedService> {
  const { Test } = await import('@nestjs/testing');
  let builder = Test.createTestingModule({ imports: [module] });
  for (const { provide, useValue } of overrides) builder = builder.overrideProvider(provide).useValue(useValue);
  const app = (await builder.compile()).createNestApplication();
  await app.listen(0, '127.0.0.1');
  const { port } = (app.getHttpServer() as Server).address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, stop: () => app.close() };
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
  return aroundTests(
    platform,
    () => platform.start(),
    () => platform.stop(),
    timeoutMs,
  );
}

export interface TestDeploymentOptions<S extends string> {
  /** The root module of one service of the deployment (`AgencyServiceModule.forRoot(config, service)`). */
  readonly root: (config: PlatformConfig, service: S) => TestModule;
  /** The service's name in logs. */
  readonly serviceName: (service: S) => string;
  /**
   * Settings every service shares, read once the deployment's database and data directory exist: the place
   * to create what the spec's services share besides (Kafka topics of their own), with `onStop` to remove it.
   */
  readonly env?: (deployment: TestDeployment<S>) => Promise<Readonly<Record<string, string>>>;
  /**
   * Kafka topics of the deployment's own, under a random prefix (`KAFKA_BROKERS` and `KAFKA_TOPIC_PREFIX` for
   * every process), dropped at the end; created after `env`, so that `env` may start a broker first.
   */
  readonly kafka?: { readonly partitions?: number; readonly brokers?: readonly string[] };
  /** Mine sites registered in the shared log before the first token (`TEST_SITES` by default). */
  readonly registeredSites?: readonly TestSite[];
}

/**
 * Server mode for an integration spec: several services (and the tools beside them, such as the relay) on one
 * temporary PostgreSQL database and one development issuer, each service a `TestPlatform`. `stop()` undoes
 * everything in reverse order of creation.
 */
export class TestDeployment<S extends string> {
  private readonly cleanups: (() => Promise<void>)[] = [];
  private readonly running = new Map<S, TestPlatform>();
  private prepared: { databaseUrl: string; dataDir: string; env: Readonly<Record<string, string>> } | undefined;
  private kafkaTopics: TestTopics | undefined;

  constructor(private readonly options: TestDeploymentOptions<S>) {}

  /** Creates the database and the data directory (the issuer's key), then reads the shared settings. */
  async prepare(): Promise<this> {
    if (this.prepared) return this;
    const database = await createTemporaryDatabase('pamoja_deployment');
    this.onStop(database.drop);
    const dataDir = await mkdtemp(join(tmpdir(), 'pamoja-deployment-'));
    this.onStop(() => rm(dataDir, { recursive: true, force: true }));
    // The issuer's key before any service: services starting together would each create one.
    await loadOrCreateDevIssuer(dataDir);
    this.prepared = { databaseUrl: database.url, dataDir, env: {} };
    const env = { ...(await this.options.env?.(this)) };
    const { kafka } = this.options;
    if (kafka) {
      const topics = await createTestTopics(kafka);
      this.onStop(() => topics.drop());
      this.kafkaTopics = topics;
      env['KAFKA_BROKERS'] = (kafka.brokers ?? TEST_KAFKA_BROKERS).join(',');
      env['KAFKA_TOPIC_PREFIX'] = topics.prefix;
    }
    this.prepared.env = env;
    return this;
  }

  /** The deployment's own topics (with the `kafka` option). */
  get topics(): TestTopics {
    if (!this.kafkaTopics) throw new Error('the test deployment has no topics of its own (the kafka option)');
    return this.kafkaTopics;
  }

  private get settings(): { databaseUrl: string; dataDir: string; env: Readonly<Record<string, string>> } {
    if (!this.prepared) throw new Error('the test deployment has not been prepared');
    return this.prepared;
  }

  get databaseUrl(): string {
    return this.settings.databaseUrl;
  }

  get dataDir(): string {
    return this.settings.dataDir;
  }

  /** The configuration a process of the deployment reads (a service, the relay, a tool). */
  config(name: string, env: Readonly<Record<string, string>> = {}): PlatformConfig {
    const { databaseUrl, dataDir } = this.settings;
    return loadConfig(
      {
        DATABASE_URL: databaseUrl,
        PAMOJA_DATA_DIR: dataDir,
        PORT: '0',
        LOG_LEVEL: 'silent',
        ...this.settings.env,
        ...env,
      },
      { mode: 'server', serviceName: name },
    );
  }

  /** Starts one service; `env` adds settings of its own. */
  async start(service: S, env: Readonly<Record<string, string>> = {}): Promise<TestPlatform> {
    const { databaseUrl, dataDir } = this.settings;
    const platform = await startTestPlatform({
      root: (config) => this.options.root(config, service),
      database: { url: databaseUrl },
      dataDir,
      env: { ...this.settings.env, ...env },
      serviceName: this.options.serviceName(service),
      ...(this.options.registeredSites ? { registeredSites: this.options.registeredSites } : {}),
    });
    this.running.set(service, platform);
    this.onStop(() => platform.stop());
    return platform;
  }

  /** A started service. */
  service(service: S): TestPlatform {
    const platform = this.running.get(service);
    if (!platform) throw new Error(`the service ${service} has not been started`);
    return platform;
  }

  /**
   * A token of the deployment's issuer, valid at every service of it. The agency is registered in the shared
   * log's directory first (with the demonstration directory and the test sites, once), as `TestPlatform` does.
   */
  async tokenFor(actor: TestActor): Promise<string> {
    const registered = this.registered;
    if (!registered.has(actor.agencyId)) {
      const store = await this.registrationStore();
      if (registered.size === 0) {
        await registerAgencies(store, DEMO_AGENCIES);
        for (const agency of DEMO_AGENCIES) registered.add(agency.agencyId);
        await registerTestSites(store, this.options.registeredSites ?? TEST_SITES);
      }
      if (!registered.has(actor.agencyId)) {
        await registerAgencies(store, [
          { agencyId: actor.agencyId, agencyType: actor.agencyType, name: `${actor.agencyId} (test agency)` },
        ]);
        registered.add(actor.agencyId);
      }
    }
    return tokenOf(await loadOrCreateDevIssuer(this.dataDir), actor);
  }

  private readonly registered = new Set<string>();
  private store: Promise<EventStore> | undefined;

  /** The shared log, opened once by the deployment itself to register agencies (closed at `stop()`). */
  private registrationStore(): Promise<EventStore> {
    if (!this.store) {
      const opened = SqlEventStore.open(new PostgresDatabase({ connectionString: this.databaseUrl }), {}, true);
      this.onStop(async () => (await opened).close());
      this.store = opened;
    }
    return this.store;
  }

  /** Runs `cleanup` at `stop()`, before whatever was created earlier is undone. */
  onStop(cleanup: () => unknown): void {
    this.cleanups.push(async () => {
      await cleanup();
    });
  }

  /** Undoes everything in reverse order of creation (a service a test stopped stops again as a no-op). */
  async stop(): Promise<void> {
    for (const cleanup of this.cleanups.splice(0).reverse()) await cleanup();
    this.running.clear();
    this.registered.clear();
    this.store = undefined;
    this.prepared = undefined;
    this.kafkaTopics = undefined;
  }
}

/** A deployment for a spec file or a `describe`: prepared before its tests, stopped after them. */
export function useTestDeployment<S extends string>(
  options: TestDeploymentOptions<S>,
  timeoutMs = 120_000,
): TestDeployment<S> {
  const deployment = new TestDeployment(options);
  return aroundTests(
    deployment,
    () => deployment.prepare(),
    () => deployment.stop(),
    timeoutMs,
  );
}
