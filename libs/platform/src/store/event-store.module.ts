import { mkdir } from 'node:fs/promises';
import { Global, Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import {
  EVENT_STORE,
  PgliteDatabase,
  PostgresDatabase,
  SQL_DATABASE,
  SqlEventStore,
  Upcasters,
  type SqlDatabase,
} from '@pamoja/event-store';
import { PLATFORM_CONFIG, type PlatformConfig } from '../config/platform-config.js';
import { CommandSender } from '../graphql/command-sender.js';
import { SharedEventRegistry, SharedEvents } from '../messaging/shared-events.service.js';
import { DeadlineRegistry, ProjectionRegistry, Projections } from './projections.service.js';

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
        DeadlineRegistry,
        Projections,
        SharedEventRegistry,
        SharedEvents,
        StoreLifecycle,
        CommandSender,
      ],
      exports: [
        SQL_DATABASE,
        EVENT_STORE,
        Upcasters,
        ProjectionRegistry,
        DeadlineRegistry,
        Projections,
        SharedEventRegistry,
        SharedEvents,
        CommandSender,
      ],
    };
  }
}
