import { mkdir } from 'node:fs/promises';
import { Global, Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import {
  EVENT_STORE,
  PgliteDatabase,
  PostgresDatabase,
  SQL_DATABASE,
  SqlEventStore,
  Upcasters,
  type EventStore,
  type SqlDatabase,
} from '@pamoja/event-store';
import { PLATFORM_CONFIG, type PlatformConfig } from '../config/platform-config.js';
import { CommandSender } from '../graphql/command-sender.js';
import { SharedEventRegistry, SharedEvents } from '../messaging/shared-events.service.js';
import { DeadlineRegistry, ProjectionRegistry, Projections } from './projections.service.js';
import { LogCheckpointer } from './log-checkpointer.js';
import {
  loadMasterKey,
  PERSONAL_DATA_KEYS,
  PersonalDataRegistry,
  ProtectedEventStore,
  SqlPersonalDataKeys,
  type PersonalDataKeys,
} from '../privacy/index.js';

/** Closes the store (and the database) last, after the projections stopped. */
@Injectable()
class StoreLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
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
        // Context modules declare where their events carry personal data (encrypted per person, ADR 0013).
        { provide: PersonalDataRegistry, useValue: new PersonalDataRegistry() },
        {
          provide: PERSONAL_DATA_KEYS,
          inject: [SQL_DATABASE, PLATFORM_CONFIG],
          useFactory: async (db: SqlDatabase, config: PlatformConfig) =>
            SqlPersonalDataKeys.open(db, await loadMasterKey(config)),
        },
        {
          provide: EVENT_STORE,
          inject: [SQL_DATABASE, Upcasters, PERSONAL_DATA_KEYS, PersonalDataRegistry],
          // Upcasting after decryption, so upcasters see plain values.
          useFactory: async (
            db: SqlDatabase,
            upcasters: Upcasters,
            keys: PersonalDataKeys,
            registry: PersonalDataRegistry,
          ) => new ProtectedEventStore(await SqlEventStore.open(db), keys, registry, { upcasters }),
        },
        ProjectionRegistry,
        DeadlineRegistry,
        Projections,
        SharedEventRegistry,
        SharedEvents,
        StoreLifecycle,
        LogCheckpointer,
        CommandSender,
      ],
      exports: [
        SQL_DATABASE,
        EVENT_STORE,
        Upcasters,
        PersonalDataRegistry,
        PERSONAL_DATA_KEYS,
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
