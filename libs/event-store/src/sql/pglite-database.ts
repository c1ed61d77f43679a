import { PGlite, type Transaction } from '@electric-sql/pglite';
import { type SqlDatabase, type SqlQueryable } from './sql-database.js';

function wrap(db: PGlite | Transaction): SqlQueryable {
  return {
    async query<R extends object>(sql: string, params?: readonly unknown[]): Promise<R[]> {
      const result = await db.query<R>(sql, params ? [...params] : undefined);
      return result.rows;
    },
    async exec(sql: string): Promise<void> {
      await db.exec(sql);
    },
  };
}

/**
 * PostgreSQL compiled to WebAssembly, in this process. One connection: PGlite runs one
 * statement at a time and a transaction holds it exclusively, so writers queue.
 */
export class PgliteDatabase implements SqlDatabase {
  readonly dialect = 'pglite' as const;
  private readonly direct: SqlQueryable;

  private constructor(private readonly db: PGlite) {
    this.direct = wrap(db);
  }

  /** `dataDir` undefined keeps the database in memory. */
  static async open(dataDir?: string): Promise<PgliteDatabase> {
    const db = await PGlite.create(dataDir === undefined ? {} : { dataDir });
    return new PgliteDatabase(db);
  }

  query<R extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]> {
    return this.direct.query<R>(sql, params);
  }

  exec(sql: string): Promise<void> {
    return this.direct.exec(sql);
  }

  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => work(wrap(tx)));
  }

  async listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
    return this.db.listen(channel, onNotify);
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
  }
}
