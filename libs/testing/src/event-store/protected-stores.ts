import { randomBytes, randomUUID } from 'node:crypto';
import { SqlEventStore, type EventStore, type SqlDatabase } from '@pamoja/event-store';
import {
  openProtectedEventStore,
  PersonalDataRegistry,
  ProtectedEventStore,
  SqlPersonalDataKeys,
} from '@pamoja/platform/privacy';
import { MEMBERSHIP_SCHEMA, MembershipGuardedEventStore, SqlCaseMembership } from '@pamoja/platform/membership';
import { type EventStoreTestHooks, type OpenedEventStore } from './contract/index.js';

/**
 * The event types of the contract's fixtures that carry personal data here, so that the contract runs with
 * encryption at work: most of its events have a field encrypted on the way in and decrypted on every read
 * path (streams, the log, one event, subscriptions). Paths a fixture does not have are left alone.
 */
function contractRegistry(subject: string): PersonalDataRegistry {
  const subjectOf = (): string => subject;
  return new PersonalDataRegistry().declare(
    { eventType: 'CaseOpened', paths: ['note', 'site', 'survivor', 'quote'], subjectOf },
    { eventType: 'CaseNoteAdded', paths: ['i'], subjectOf },
    { eventType: 'ReferralSent', paths: ['to', 'nested.deep'], subjectOf },
    { eventType: 'LoadTested', paths: ['i'], subjectOf },
  );
}

export interface ProtectedStoreOptions {
  /** The SQL store's schema, one per test. */
  readonly schema: string;
  readonly hooks?: EventStoreTestHooks;
  /** Also put the membership guard in front, as the platform does (EventStoreModule). */
  readonly guarded?: boolean;
  /**
   * The one master key of the suite's key table: the table (`privacy`) is one per database, so every
   * store a suite opens on that database shares it.
   */
  readonly masterKey: Buffer;
}

/** A key for a suite's key table. */
export const suiteMasterKey = (): Buffer => randomBytes(32);

/**
 * The event store with the personal-data protection (a subject of its own per store, so stores never share a
 * key): as the tools open it (`openProtectedEventStore`, the master key given as PAMOJA_MASTER_KEY gives it),
 * or, `guarded`, as EventStoreModule builds it for the platform, behind the membership guard. Cleanup drops
 * the SQL store's schema and closes it; the keys stay in the database's key table.
 */
export async function openProtectedStore(db: SqlDatabase, options: ProtectedStoreOptions): Promise<OpenedEventStore> {
  const registry = contractRegistry(`person:contract-${randomUUID()}`);
  const storeOptions = {
    schema: options.schema,
    pollIntervalMs: 25,
    ...(options.hooks ? { hooks: options.hooks } : {}),
  };
  let inner: SqlEventStore;
  let store: EventStore;
  if (options.guarded) {
    inner = await SqlEventStore.open(db, storeOptions);
    const keys = await SqlPersonalDataKeys.open(db, options.masterKey);
    const membership = new SqlCaseMembership(
      db,
      { projection: `contract.case-membership-${randomUUID()}`, schema: MEMBERSHIP_SCHEMA },
      { head: () => inner.headPosition() },
    );
    store = new MembershipGuardedEventStore(new ProtectedEventStore(inner, keys, registry), membership);
  } else {
    // The data directory is not read when the master key is given.
    const opened = await openProtectedEventStore(
      db,
      { masterKey: options.masterKey, dataDir: '' },
      { ...storeOptions, registry },
    );
    if (!(opened.inner instanceof SqlEventStore)) throw new Error('openProtectedEventStore wraps a SQL store');
    inner = opened.inner;
    store = opened;
  }
  return {
    store,
    cleanup: async () => {
      try {
        await inner.dropSchema();
      } finally {
        await store.close();
      }
    },
  };
}
