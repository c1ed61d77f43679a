import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/** A command waiting for the platform's answer, kept on the device until it is acknowledged. */
export interface OutboxEntry {
  /** Made once, when the person pressed submit; every resend carries the same one. */
  readonly commandId: string;
  /** Who queued it: another person signing in on this device neither sees nor sends it. */
  readonly owner: string;
  /** The mutation's field, e.g. `submitReferral`; its answer is read from there. */
  readonly mutation: string;
  readonly document: string;
  readonly variables: { readonly input: Record<string, unknown> };
  /** What it acts on, so a conflict can show what changed: e.g. `{ kind: 'referral', id }`. */
  readonly subject?: { readonly kind: string; readonly id: string };
  /** A catalogue key naming the action for the person, e.g. `outbox.action.submitReferral`. */
  readonly label: string;
  readonly createdAt: string;
  state: 'pending' | 'conflict' | 'refused';
  attempts: number;
  lastAttemptAt?: string;
  nextAttemptAt?: string;
  error?: {
    readonly code: string;
    readonly message: string;
    readonly rule?: string;
    /** An access refusal's reason (e.g. not_a_party): its own sentence, not the generic FORBIDDEN one. */
    readonly reason?: string;
    readonly fields?: readonly { field: string; reason: string }[];
    readonly currentRevision?: number;
    readonly expectedRevision?: number;
  };
}

/** The last answer to a query, readable offline. */
export interface Snapshot {
  readonly key: string;
  readonly owner: string;
  readonly data: unknown;
  readonly savedAt: string;
}

interface ConsoleDb extends DBSchema {
  outbox: { key: string; value: OutboxEntry; indexes: { byOwner: string } };
  snapshots: { key: string; value: Snapshot; indexes: { byOwner: string } };
}

let opening: Promise<IDBPDatabase<ConsoleDb>> | undefined;

export function database(): Promise<IDBPDatabase<ConsoleDb>> {
  opening ??= openDB<ConsoleDb>('pamoja-console', 1, {
    upgrade(db) {
      const outbox = db.createObjectStore('outbox', { keyPath: 'commandId' });
      outbox.createIndex('byOwner', 'owner');
      const snapshots = db.createObjectStore('snapshots', { keyPath: 'key' });
      snapshots.createIndex('byOwner', 'owner');
    },
    blocking() {
      // A newer console in another tab needs the database: let it upgrade.
      void opening?.then((db) => db.close());
      opening = undefined;
    },
  });
  return opening;
}

/** For tests: forget the open connection (a fresh fake IndexedDB per test). */
export function resetDatabaseConnection(): void {
  opening = undefined;
}
