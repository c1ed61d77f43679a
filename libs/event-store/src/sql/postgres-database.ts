import pg from 'pg';
import { assertIdentifier, type QueryOptions, type SqlDatabase, type SqlQueryable } from './sql-database.js';

const INT8_OID: number = pg.types.builtins.INT8;
const NUMERIC_OID: number = pg.types.builtins.NUMERIC;
const defaultParser = pg.types.getTypeParser as (oid: number, format: 'text' | 'binary') => (value: string) => unknown;

/** int8 and numeric as JS numbers: positions and revisions stay far below 2^53. */
const types = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID || oid === NUMERIC_OID ? (value: string) => Number(value) : defaultParser(oid, format ?? 'text'),
};

function wrap(client: pg.ClientBase | pg.Pool): SqlQueryable {
  return {
    async query<R extends object>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<R[]> {
      const values = params as unknown[] | undefined;
      const result = options?.name
        ? await client.query<R>({ name: options.name, text: sql, ...(values ? { values } : {}) })
        : await client.query<R>(sql, values);
      return result.rows;
    },
    async exec(sql: string): Promise<void> {
      await client.query(sql);
    },
  };
}

export interface PostgresDatabaseOptions {
  readonly connectionString: string;
  readonly poolSize?: number;
  readonly applicationName?: string;
}

export class PostgresDatabase implements SqlDatabase {
  readonly dialect = 'postgres' as const;
  private readonly pool: pg.Pool;
  private readonly direct: SqlQueryable;

  constructor(private readonly options: PostgresDatabaseOptions) {
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      application_name: options.applicationName ?? 'pamoja',
      // No JIT compilation on the platform's sessions. PostgreSQL compiles a statement whose estimated cost passes
      // jit_above_cost (100,000), and estimates over a large log pass it for statements that then run in a tenth
      // of a millisecond: a read model's page statement over a million events spent 130 ms of 133 compiling
      // (EXPLAIN ANALYZE), and the rebuild of coordination.joint-cases took 213 s instead of 71. The platform's
      // statements are short; none gains from JIT (docs/benchmarks.md, bench:growth).
      options: '-c jit=off',
      types,
    });
    // An idle client that loses its connection must not crash the process; the pool replaces it.
    this.pool.on('error', () => undefined);
    this.direct = wrap(this.pool);
  }

  query<R extends object = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<R[]> {
    return this.direct.query<R>(sql, params, options);
  }

  exec(sql: string): Promise<void> {
    return this.direct.exec(sql);
  }

  async transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(wrap(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (rollbackError) {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** LISTEN holds its connection for good, so it gets its own rather than one of the pool's. */
  async listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      // Named as the pool's sessions are, so an operator can tell whose session it is.
      application_name: this.options.applicationName ?? 'pamoja',
      types,
    });
    // A dropped listener only delays wake-ups: subscribers keep polling.
    client.on('error', () => undefined);
    client.on('notification', (message) => {
      if (message.channel === channel) onNotify();
    });
    await client.connect();
    await client.query(`LISTEN ${assertIdentifier(channel)}`);
    return async () => {
      await client.end().catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
