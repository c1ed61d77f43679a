import { randomBytes, randomUUID } from 'node:crypto';
import { SqlEventStore, type SqlDatabase } from '@pamoja/event-store';
import { PersonalDataRegistry, ProtectedEventStore, SqlPersonalDataKeys } from '@pamoja/platform/privacy';
import { MembershipGuardedEventStore, SqlCaseMembership } from '@pamoja/platform/membership';
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
 * The event store as the platform builds it: the SQL store behind the personal-data protection (a subject
 * of its own per store, so stores never share a key), optionally behind the membership guard. Cleanup
 * drops the SQL store's schema and closes it; the keys stay in the database's key table.
 */
export async function openProtectedStore(db: SqlDatabase, options: ProtectedStoreOptions): Promise<OpenedEventStore> {
  const inner = await SqlEventStore.open(db, {
    schema: options.schema,
    pollIntervalMs: 25,
    ...(options.hooks ? { hooks: options.hooks } : {}),
  });
  const keys = await SqlPersonalDataKeys.open(db, options.masterKey);
  const registry = contractRegistry(`person:contract-${randomUUID()}`);
  const protectedStore = new ProtectedEventStore(inner, keys, registry);
  const store = options.guarded
    ? new MembershipGuardedEventStore(
        protectedStore,
        new SqlCaseMembership(db, `contract.case-membership-${randomUUID()}`, { head: () => inner.headPosition() }),
      )
    : protectedStore;
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
