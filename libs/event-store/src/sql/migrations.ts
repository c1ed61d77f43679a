import { assertIdentifier, type SqlDatabase } from './sql-database.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  /** SQL for the given schema name. */
  readonly up: (schema: string) => string;
}

/**
 * Applies pending migrations in order, each in its own transaction, under an advisory lock so that
 * services starting together do not race. Applied versions are recorded in `<schema>.schema_migrations`.
 */
export async function migrate(db: SqlDatabase, schema: string, migrations: readonly Migration[]): Promise<number[]> {
  const s = assertIdentifier(schema);
  const applied: number[] = [];
  const ordered = [...migrations].sort((a, b) => a.version - b.version);
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`pamoja.migrate.${s}`]);
    await tx.exec(`CREATE SCHEMA IF NOT EXISTS ${s};
      CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      );`);
    const rows = await tx.query<{ version: number }>(`SELECT version FROM ${s}.schema_migrations`);
    const done = new Set(rows.map((r) => r.version));
    for (const migration of ordered) {
      if (done.has(migration.version)) continue;
      await tx.exec(migration.up(s));
      await tx.query(`INSERT INTO ${s}.schema_migrations (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
  });
  return applied;
}
