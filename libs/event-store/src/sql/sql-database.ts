/** The small slice of SQL both PostgreSQL and PGlite give us; the event store and projections use only this. */
export interface QueryOptions {
  /**
   * Prepares the statement under this name once per connection and reuses its plan after. The same name must
   * always carry the same text (see `statementName`). Ignored where the database keeps no prepared statements.
   */
  readonly name?: string;
}

export interface SqlQueryable {
  query<R extends object = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<R[]>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface SqlDatabase extends SqlQueryable {
  readonly dialect: 'postgres' | 'pglite';
  /** Runs `work` in one transaction on one connection; commits if it resolves, rolls back if it throws. */
  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  /** Calls `onNotify` whenever another connection or process issues NOTIFY on `channel`. */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** Schema names are interpolated into SQL, so only plain lower-case identifiers are accepted. */
export function assertIdentifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`invalid SQL identifier: ${JSON.stringify(name)}`);
  return name;
}

export const SQL_DATABASE = Symbol.for('pamoja.SqlDatabase');
