import { mkdir } from 'node:fs/promises';
import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { type LogPosition } from '@pamoja/contracts';
import {
  EVENT_STORE,
  PgliteDatabase,
  PostgresDatabase,
  ProjectionRunner,
  SQL_DATABASE,
  SqlEventStore,
  Upcasters,
  type EventStore,
  type Projection,
  type SqlDatabase,
} from '@pamoja/event-store';
import { PLATFORM_CONFIG, type PlatformConfig } from '../config/platform-config.js';

/** Context modules register their read models here while the application starts. */
@Injectable()
export class ProjectionRegistry {
  private readonly projections: Projection[] = [];
  register(...projections: Projection[]): void {
    this.projections.push(...projections);
  }
  all(): readonly Projection[] {
    return this.projections;
  }
}

/**
 * Runs the registered projections once every module has registered. Commands call `waitFor` so a
 * client that writes and then reads sees its own write.
 */
@Injectable()
export class Projections implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private runner: ProjectionRunner | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    private readonly registry: ProjectionRegistry,
  ) {}

  createRunner(): ProjectionRunner {
    return new ProjectionRunner(this.store, this.db, this.registry.all(), {
      info: (message, details) => {
        this.logger.log({ msg: message, ...details });
      },
      error: (message, details) => {
        this.logger.error({ msg: message, ...details });
      },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.runner = this.createRunner();
    await this.runner.start();
  }

  async waitFor(position: LogPosition | undefined, timeoutMs = 2000): Promise<boolean> {
    if (!position || !this.runner) return true;
    return this.runner.waitFor(position, timeoutMs);
  }

  status(): ReturnType<ProjectionRunner['status']> {
    return this.runner?.status() ?? [];
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner?.stop();
  }
}

/** Closes the store (and the database) last, after the projections stopped. */
@Injectable()
class StoreLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: SqlEventStore,
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
  ) {}
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    await this.db.close();
  }
}

export async function openDatabase(config: PlatformConfig): Promise<SqlDatabase> {
  if (config.mode === 'server') {
    if (!config.databaseUrl) throw new Error('DATABASE_URL is required in server mode');
    return new PostgresDatabase({ connectionString: config.databaseUrl, applicationName: config.serviceName });
  }
  await mkdir(config.dataDir, { recursive: true });
  return PgliteDatabase.open(`${config.dataDir}/pglite`);
}

@Global()
@Module({})
export class EventStoreModule {
  static forRoot(): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [
        {
          provide: SQL_DATABASE,
          inject: [PLATFORM_CONFIG],
          useFactory: (config: PlatformConfig) => openDatabase(config),
        },
        // Context modules register the upcasters for their own event types on this one registry.
        { provide: Upcasters, useValue: new Upcasters() },
        {
          provide: EVENT_STORE,
          inject: [SQL_DATABASE, Upcasters],
          useFactory: (db: SqlDatabase, upcasters: Upcasters) => SqlEventStore.open(db, { upcasters }),
        },
        ProjectionRegistry,
        Projections,
        StoreLifecycle,
      ],
      exports: [SQL_DATABASE, EVENT_STORE, Upcasters, ProjectionRegistry, Projections],
    };
  }
}
