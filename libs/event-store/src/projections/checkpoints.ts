import { LOG_START, type LogPosition } from '@pamoja/contracts';
import { type Migration } from '../sql/migrations.js';
import { type SqlQueryable } from '../sql/sql-database.js';

export const CHECKPOINT_SCHEMA = 'projection_state';

export const CHECKPOINT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'checkpoints',
    up: (s) => `
      CREATE TABLE ${s}.checkpoints (
        projection text PRIMARY KEY,
        transaction_id bigint NOT NULL,
        global_position bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );`,
  },
];

export async function readCheckpoint(db: SqlQueryable, projection: string): Promise<LogPosition> {
  const rows = await db.query<{ transaction_id: number; global_position: number }>(
    `SELECT transaction_id, global_position FROM ${CHECKPOINT_SCHEMA}.checkpoints WHERE projection = $1`,
    [projection],
  );
  const row = rows[0];
  return row ? { transactionId: row.transaction_id, globalPosition: row.global_position } : LOG_START;
}

export async function writeCheckpoint(tx: SqlQueryable, projection: string, position: LogPosition): Promise<void> {
  await tx.query(
    `INSERT INTO ${CHECKPOINT_SCHEMA}.checkpoints (projection, transaction_id, global_position, updated_at)
     VALUES ($1, $2, $3, now())
     ON CONFLICT (projection) DO UPDATE
       SET transaction_id = EXCLUDED.transaction_id, global_position = EXCLUDED.global_position, updated_at = now()`,
    [projection, position.transactionId, position.globalPosition],
  );
}

/** Moves several projections' checkpoints to one position in one statement (a page applied to all of them at once). */
export async function writeCheckpoints(
  tx: SqlQueryable,
  projections: readonly string[],
  position: LogPosition,
): Promise<void> {
  if (projections.length === 0) return;
  await tx.query(
    `INSERT INTO ${CHECKPOINT_SCHEMA}.checkpoints (projection, transaction_id, global_position, updated_at)
     SELECT name, $2, $3, now() FROM unnest($1::text[]) AS name ORDER BY name
     ON CONFLICT (projection) DO UPDATE
       SET transaction_id = EXCLUDED.transaction_id, global_position = EXCLUDED.global_position, updated_at = now()`,
    [[...projections], position.transactionId, position.globalPosition],
  );
}

export async function deleteCheckpoint(tx: SqlQueryable, projection: string): Promise<void> {
  await tx.query(`DELETE FROM ${CHECKPOINT_SCHEMA}.checkpoints WHERE projection = $1`, [projection]);
}

/**
 * SQL that removes a projection's checkpoint, so that the runner replays the log into it at the next start:
 * for a migration that empties the read model. Does nothing where no checkpoint table exists yet.
 */
export function forgetCheckpointSql(projection: string): string {
  if (!/^[a-z_.-]+$/.test(projection)) throw new Error(`invalid projection name ${projection}`);
  return `DO $forget$ BEGIN
    IF to_regclass('${CHECKPOINT_SCHEMA}.checkpoints') IS NOT NULL THEN
      DELETE FROM ${CHECKPOINT_SCHEMA}.checkpoints WHERE projection = '${projection}';
    END IF;
  END $forget$;`;
}
