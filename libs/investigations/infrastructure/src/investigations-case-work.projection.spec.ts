import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  CHECKPOINT_MIGRATIONS,
  CHECKPOINT_SCHEMA,
  migrate,
  PgliteDatabase,
  readCheckpoint,
  writeCheckpoint,
} from '@pamoja/event-store';
import { INVESTIGATIONS_READ_SCHEMA, investigationsCaseWorkProjection } from './investigations-case-work.projection.js';

/*
 * An installation whose read model held suspects' name, date of birth, alias and description in clear
 * (migrations 1-2) moves to the layout that holds none: the tables are emptied (new files, so the old rows'
 * bytes go with the old files), the columns dropped, and the checkpoint removed so the log is replayed.
 */
describe('investigations read model migration 3: no personal data in clear', () => {
  let db: PgliteDatabase;
  const s = INVESTIGATIONS_READ_SCHEMA;

  beforeEach(async () => {
    db = await PgliteDatabase.open();
    await migrate(db, CHECKPOINT_SCHEMA, CHECKPOINT_MIGRATIONS);
  });
  afterEach(async () => {
    await db.close();
  });

  it("drops the suspects' plaintext columns, empties the read model and makes the runner replay the log", async () => {
    await migrate(
      db,
      s,
      investigationsCaseWorkProjection.migrations.filter((m) => m.version <= 2),
    );
    await db.query(
      `INSERT INTO ${s}.suspects (investigation_id, suspect_id, role, alias, personal_name, identified_at)
       VALUES ('i-1', 's-1', 'exploiter', 'Le Faucon', 'Mwami Fictif', now())`,
    );
    await db.transaction((tx) =>
      writeCheckpoint(tx, 'investigations.case_work', { transactionId: 5, globalPosition: 9 }),
    );

    expect((await migrate(db, s, investigationsCaseWorkProjection.migrations))[0]).toBe(3);

    const columns = await db.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'suspects'
       ORDER BY ordinal_position`,
      [s],
    );
    expect(columns.map((c) => c.column_name)).toEqual([
      'investigation_id',
      'suspect_id',
      'role',
      'identified_at',
      'identified_event_id',
    ]);
    expect(await db.query(`SELECT * FROM ${s}.suspects`)).toEqual([]);
    expect(await readCheckpoint(db, 'investigations.case_work')).toEqual({ transactionId: 0, globalPosition: 0 });
  });
});
