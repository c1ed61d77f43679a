import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import {
  CHECKPOINT_MIGRATIONS,
  CHECKPOINT_SCHEMA,
  migrate,
  PgliteDatabase,
  readCheckpoint,
  writeCheckpoint,
} from '@pamoja/event-store';
import { ASSISTANCE_READ_SCHEMA, assistanceCasesProjection } from './assistance-cases.projection.js';

/*
 * An installation whose read model held victims' identities in clear (migrations 1-3) moves to the layout
 * that holds none: the table with the plaintext is dropped (its files go), every table is emptied and the
 * checkpoint removed, so the runner replays the log into the new layout at the next start.
 */
describe('assistance read model migration 4: no personal data in clear', () => {
  let db: PgliteDatabase;
  const s = ASSISTANCE_READ_SCHEMA;

  beforeEach(async () => {
    db = await PgliteDatabase.open();
    await migrate(db, CHECKPOINT_SCHEMA, CHECKPOINT_MIGRATIONS);
  });
  afterEach(async () => {
    await db.close();
  });

  it('drops the plaintext identity, empties the read model and makes the runner replay the log', async () => {
    const before = assistanceCasesProjection.migrations.filter((m) => m.version <= 3);
    await migrate(db, s, before);
    await db.query(
      `INSERT INTO ${s}.victim_identity (assistance_id, full_name, phone) VALUES ('a-1', 'Neema Fictive', '+243 97 1')`,
    );
    await db.query(
      `INSERT INTO ${s}.assistance_cases (assistance_id, joint_case_id, assisting_agency_id, status, age_group,
         is_child, sex, forms_of_exploitation, agreement_to_manage_personal_data, consent_given_by, registered_at,
         needs, addressed_needs, revision, updated_at)
       VALUES ('a-1', 'j-1', 'ngo', 'registered', 'adult', false, 'female', '{}', true, 'self', now(), '[]', '{}', 0, now())`,
    );
    await db.transaction((tx) => writeCheckpoint(tx, 'assistance.cases', { transactionId: 5, globalPosition: 9 }));
    await db.transaction((tx) => writeCheckpoint(tx, 'another.projection', { transactionId: 5, globalPosition: 9 }));

    expect((await migrate(db, s, assistanceCasesProjection.migrations))[0]).toBe(4);

    const columns = await db.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'victim_identity'
       ORDER BY ordinal_position`,
      [s],
    );
    expect(columns.map((c) => c.column_name)).toEqual(['assistance_id', 'registered_event_id']);
    expect(await db.query(`SELECT * FROM ${s}.victim_identity`)).toEqual([]);
    expect(await db.query(`SELECT * FROM ${s}.assistance_cases`)).toEqual([]);
    expect(await readCheckpoint(db, 'assistance.cases')).toEqual({ transactionId: 0, globalPosition: 0 });
    expect(await readCheckpoint(db, 'another.projection')).toEqual({ transactionId: 5, globalPosition: 9 });
  });

  it('applies on a fresh database, with or without the checkpoint table', async () => {
    const fresh = await PgliteDatabase.open();
    try {
      expect((await migrate(fresh, s, assistanceCasesProjection.migrations)).slice(0, 4)).toEqual([1, 2, 3, 4]);
    } finally {
      await fresh.close();
    }
  });
});
