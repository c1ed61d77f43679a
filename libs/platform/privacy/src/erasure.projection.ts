import { type RecordedEvent } from '@pamoja/contracts';
import { type Projection, type SqlQueryable } from '@pamoja/event-store';
import { type ErasureDeclaration } from './personal-data-registry.js';
import { destroyPersonalDataKey, PRIVACY_MIGRATIONS, PRIVACY_SCHEMA } from './sql-personal-data-keys.js';

/**
 * Destroys the key of every subject an erasure event names, from the log, in the projection's transaction.
 * The store already destroys it right after appending the erasure; this catches a crash in between (the
 * next start finishes the job) and a key table restored from a backup older than an erasure (rebuild it).
 * A rebuild never brings a key back: resetting it does nothing.
 */
export function personalDataErasureProjection(name: string, erasures: readonly ErasureDeclaration[]): Projection {
  const byType = new Map(erasures.map((e) => [e.eventType, e]));
  return {
    name,
    schema: PRIVACY_SCHEMA,
    migrations: PRIVACY_MIGRATIONS,
    filter: { eventTypes: [...byType.keys()] },
    async apply(tx: SqlQueryable, event: RecordedEvent): Promise<void> {
      const erasure = byType.get(event.type);
      if (!erasure) return;
      const data = event.data as Readonly<Record<string, unknown>>;
      await destroyPersonalDataKey(tx, erasure.subjectOf(data), erasure.reasonOf(data), event.recordedAt);
    },
    async reset(): Promise<void> {
      // Keys are never restored: there is nothing to empty.
    },
  };
}
