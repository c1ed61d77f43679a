import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { PgliteDatabase } from '@pamoja/event-store';
import { markAllProcessed, markProcessed, migrateConsumerState } from './consumer-state.js';

describe('the events a consumer has processed', () => {
  let db: PgliteDatabase;

  beforeEach(async () => {
    db = await PgliteDatabase.open();
    await migrateConsumerState(db);
  });

  afterEach(async () => {
    await db.close();
  });

  it('marks a chunk in one statement and names only the events it had not seen, each once, in order', async () => {
    expect(await markProcessed(db, 'coordination.joint-cases', 'e-2')).toBe(true);
    // A redelivery of e-2, a duplicate of e-1 within the chunk, and two new ones.
    expect(await markAllProcessed(db, 'coordination.joint-cases', ['e-3', 'e-1', 'e-2', 'e-1', 'e-4'])).toEqual([
      'e-3',
      'e-1',
      'e-4',
    ]);
    expect(await markAllProcessed(db, 'coordination.joint-cases', ['e-4', 'e-5'])).toEqual(['e-5']);
    // Another consumer has seen none of them.
    expect(await markAllProcessed(db, 'sites.site-cases', ['e-1', 'e-2'])).toEqual(['e-1', 'e-2']);
    expect(await markAllProcessed(db, 'sites.site-cases', [])).toEqual([]);
    const rows = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM messaging_state.processed_events WHERE consumer = 'coordination.joint-cases'`,
    );
    expect(rows[0]?.n).toBe(5);
  });
});
