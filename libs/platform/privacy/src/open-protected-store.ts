import {
  KurrentDbEventStore,
  SqlEventStore,
  type EventStore,
  type SqlDatabase,
  type SqlEventStoreOptions,
  type Upcasters,
} from '@pamoja/event-store';
import { type PlatformConfig } from '@pamoja/platform/config';
import { loadMasterKey } from './master-key.js';
import { PersonalDataRegistry } from './personal-data-registry.js';
import { ProtectedEventStore } from './protected-event-store.js';
import { SqlPersonalDataKeys, type SqlPersonalDataKeysOptions } from './sql-personal-data-keys.js';

/**
 * The SQL event store behind the personal-data protection, for tools that run outside the Nest app (the
 * projections tool): the same master key and key table, so a rebuild reads what the platform reads.
 */
export async function openProtectedEventStore(
  db: SqlDatabase,
  config: Pick<PlatformConfig, 'masterKey' | 'dataDir'> &
    Partial<Pick<PlatformConfig, 'mode' | 'eventStore' | 'kurrentDbUrl'>>,
  options: Omit<SqlEventStoreOptions, 'upcasters'> & {
    readonly upcasters?: Upcasters;
    readonly registry?: PersonalDataRegistry;
    readonly keys?: SqlPersonalDataKeysOptions;
  } = {},
): Promise<ProtectedEventStore> {
  const { upcasters, registry, keys: keyOptions, ...storeOptions } = options;
  const keys = await SqlPersonalDataKeys.open(db, await loadMasterKey(config), keyOptions);
  // The log where the platform keeps it: in `db`, or in KurrentDB (ADR 0035) with its index of event ids in `db`;
  // the keys in `db` either way.
  const inner: EventStore =
    config.eventStore === 'kurrentdb'
      ? await KurrentDbEventStore.open({ connectionString: config.kurrentDbUrl ?? '', indexDatabase: db })
      : await SqlEventStore.open(db, storeOptions);
  return new ProtectedEventStore(inner, keys, registry ?? new PersonalDataRegistry(), { upcasters });
}
