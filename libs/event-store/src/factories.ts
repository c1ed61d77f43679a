import { PgliteDatabase } from './sql/pglite-database.js';
import { PostgresDatabase } from './sql/postgres-database.js';
import { SqlEventStore, type SqlEventStoreOptions } from './sql/sql-event-store.js';

export function openPostgresEventStore(
  options: SqlEventStoreOptions & { connectionString: string; poolSize?: number },
): Promise<SqlEventStore> {
  const db = new PostgresDatabase({
    connectionString: options.connectionString,
    ...(options.poolSize === undefined ? {} : { poolSize: options.poolSize }),
  });
  return SqlEventStore.open(db, options, true);
}

/** `dataDir` undefined keeps everything in memory. */
export async function openPgliteEventStore(
  options: SqlEventStoreOptions & { dataDir?: string },
): Promise<SqlEventStore> {
  const db = await PgliteDatabase.open(options.dataDir);
  return SqlEventStore.open(db, options, true);
}
