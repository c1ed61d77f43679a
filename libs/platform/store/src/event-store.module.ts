import { mkdir } from 'node:fs/promises';
import {
  Global,
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import {
  EVENT_STORE,
  KurrentDbEventStore,
  PgliteDatabase,
  PostgresDatabase,
  SQL_DATABASE,
  SqlEventStore,
  Upcasters,
  type EventStore,
  type SqlDatabase,
} from '@pamoja/event-store';
import { PLATFORM_CONFIG, type PlatformConfig } from '@pamoja/platform/config';
import { SharedEventRegistry } from '@pamoja/platform/messaging';
import { DeadlineRegistry, ProjectionRegistry, Projections } from './projections.service.js';
import { LogCheckpointer } from './log-checkpointer.js';
import {
  loadMasterKey,
  PERSONAL_DATA_KEYS,
  PersonalDataRegistry,
  ProtectedEventStore,
  SqlPersonalDataKeys,
  type PersonalDataKeys,
} from '@pamoja/platform/privacy';
import {
  caseMembershipCopy,
  caseMembershipProjection,
  MembershipGuardedEventStore,
  SqlCaseMembership,
  type ReadModelCopy,
} from '@pamoja/platform/membership';
import {
  agencyDirectoryProjection,
  agencyDirectoryProjectionName,
  SqlAgencyDirectory,
} from '@pamoja/platform/directory';
import { AGENCY_DIRECTORY, CASE_MEMBERSHIP } from '@pamoja/contracts';
import { PlatformMetrics, timedAppends } from '@pamoja/platform/telemetry';

/** The membership read model this process keeps: in server mode the service's own copy, in a schema of its own. */
function membershipCopy(config: PlatformConfig): ReadModelCopy {
  return caseMembershipCopy(config.mode === 'server' ? config.serviceName : undefined);
}

/** The agency directory's read model name in this process: its own checkpoint in server mode. */
function directoryProjectionName(config: PlatformConfig): string {
  return agencyDirectoryProjectionName(config.mode === 'server' ? config.serviceName : undefined);
}

/** Every process keeps who is party to which case, from the log, and its store refuses non-parties. */
@Injectable()
class MembershipRegistration implements OnModuleInit {
  constructor(
    private readonly registry: ProjectionRegistry,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}
  onModuleInit(): void {
    this.registry.register(caseMembershipProjection(membershipCopy(this.config)));
    // The agency directory too: tokens, commands naming an agency or a site, and names beside ids read it.
    this.registry.register(agencyDirectoryProjection(directoryProjectionName(this.config)));
  }
}

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
          inject: [
            SQL_DATABASE,
            Upcasters,
            PERSONAL_DATA_KEYS,
            PersonalDataRegistry,
            PLATFORM_CONFIG,
            { token: PlatformMetrics, optional: true },
          ],
          // Upcasting after decryption, so upcasters see plain values; membership checked before anything.
          // A membership lookup waits for its read model to reach the log's head, read from the store.
          useFactory: async (
            db: SqlDatabase,
            upcasters: Upcasters,
            keys: PersonalDataKeys,
            registry: PersonalDataRegistry,
            config: PlatformConfig,
            metrics: PlatformMetrics | undefined,
          ) => {
            // The log in PostgreSQL with everything else, or in KurrentDB (ADR 0035): the rest, the KurrentDB log's index
            // of event ids included, stays in `db`.
            const opened =
              config.eventStore === 'kurrentdb'
                ? await KurrentDbEventStore.open({ connectionString: config.kurrentDbUrl ?? '', indexDatabase: db })
                : await SqlEventStore.open(db);
            // Every append timed where it reaches the database (ADR 0029), under encryption and membership.
            const store = metrics ? timedAppends(opened, metrics) : opened;
            if (opened instanceof SqlEventStore) metrics?.groupCommitFrom(() => opened.groupCommitStats());
            const membership = new SqlCaseMembership(db, membershipCopy(config), {
              head: () => store.headPosition(),
            });
            return new MembershipGuardedEventStore(
              new ProtectedEventStore(store, keys, registry, { upcasters }),
              membership,
            );
          },
        },
        {
          provide: CASE_MEMBERSHIP,
          inject: [EVENT_STORE],
          useFactory: (store: MembershipGuardedEventStore) => store.membership,
        },
        {
          provide: AGENCY_DIRECTORY,
          inject: [SQL_DATABASE, EVENT_STORE, PLATFORM_CONFIG],
          useFactory: (db: SqlDatabase, store: EventStore, config: PlatformConfig) =>
            new SqlAgencyDirectory(db, directoryProjectionName(config), { head: () => store.headPosition() }),
        },
        MembershipRegistration,
        ProjectionRegistry,
        DeadlineRegistry,
        Projections,
        SharedEventRegistry,
        StoreLifecycle,
        LogCheckpointer,
      ],
      exports: [
        SQL_DATABASE,
        EVENT_STORE,
        CASE_MEMBERSHIP,
        AGENCY_DIRECTORY,
        Upcasters,
        PersonalDataRegistry,
        PERSONAL_DATA_KEYS,
        ProjectionRegistry,
        DeadlineRegistry,
        Projections,
        SharedEventRegistry,
      ],
    };
  }
}
