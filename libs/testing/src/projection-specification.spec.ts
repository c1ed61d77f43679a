import { describe, expect, it } from '@jest/globals';
import { type RecordedEvent } from '@pamoja/contracts';
import { type Projection, type SqlQueryable } from '@pamoja/event-store';
import { ProjectionSpecification, recordEvents, type ProjectionEvent } from './projection-specification.js';

const SCHEMA = 'spec_kit_read';

/** A toy read model: how many times each counter was bumped. `flaws` breaks it the ways the kit must catch. */
function counters(flaws: { countsRedeliveries?: boolean; stampsWallClock?: boolean } = {}): Projection {
  return {
    name: 'spec-kit.counters',
    schema: SCHEMA,
    filter: { eventTypes: ['Bumped'], streamPrefixes: ['counter-'] },
    migrations: [
      {
        version: 1,
        name: 'counters',
        up: (
          s,
        ) => `CREATE TABLE ${s}.counters (counter text PRIMARY KEY, bumps integer NOT NULL, revision integer NOT NULL,
            first_seen timestamptz NOT NULL);
          CREATE TABLE ${s}.log (seq serial PRIMARY KEY, counter text NOT NULL, revision integer NOT NULL,
            UNIQUE (counter, revision));`,
      },
    ],
    async reset(tx: SqlQueryable): Promise<void> {
      await tx.query(`TRUNCATE ${SCHEMA}.counters, ${SCHEMA}.log`);
    },
    async apply(tx: SqlQueryable, event: RecordedEvent): Promise<void> {
      const counter = event.streamId;
      const guard = flaws.countsRedeliveries ? '' : `WHERE ${SCHEMA}.counters.revision < excluded.revision`;
      await tx.query(
        `INSERT INTO ${SCHEMA}.counters (counter, bumps, revision, first_seen)
         VALUES ($1, 1, $2, ${flaws.stampsWallClock ? 'clock_timestamp()' : '$3::timestamptz'})
         ON CONFLICT (counter) DO UPDATE SET bumps = ${SCHEMA}.counters.bumps + 1, revision = excluded.revision ${guard}`,
        flaws.stampsWallClock ? [counter, event.streamRevision] : [counter, event.streamRevision, event.recordedAt],
      );
      await tx.query(`INSERT INTO ${SCHEMA}.log (counter, revision) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
        counter,
        event.streamRevision,
      ]);
    },
  };
}

const bump = (counter: string): ProjectionEvent => ({ type: 'Bumped', data: {}, streamId: `counter-${counter}` });

const bumpsOf = async (db: SqlQueryable, counter: string): Promise<number | undefined> => {
  const [row] = await db.query<{ bumps: number }>(`SELECT bumps FROM ${SCHEMA}.counters WHERE counter = $1`, [
    `counter-${counter}`,
  ]);
  return row?.bumps;
};

describe('the projection specification', () => {
  const sound = ProjectionSpecification.for(counters());
  const countsRedeliveries = ProjectionSpecification.for(counters({ countsRedeliveries: true }));
  const stampsWallClock = ProjectionSpecification.for(counters({ stampsWallClock: true }));
  const stampsWallClockIgnored = ProjectionSpecification.for(counters({ stampsWallClock: true }), {
    ignoreColumns: ['first_seen'],
  });

  it('applies the given then the when events, and starts each specification from empty tables', async () => {
    await sound
      .given(bump('a'), bump('a'))
      .when(bump('b'))
      .then(async (db) => {
        expect(await bumpsOf(db, 'a')).toBe(2);
        expect(await bumpsOf(db, 'b')).toBe(1);
      });
    await sound
      .given()
      .when(bump('b'))
      .then(async (db) => {
        expect(await bumpsOf(db, 'a')).toBeUndefined();
      });
  });

  it("applies only the events the projection's filter lets through, as the runner reads them", () =>
    sound
      .given({ type: 'Bumped', data: {}, streamId: 'other-a' }, { type: 'Reset', data: {}, streamId: 'counter-a' })
      .when(bump('a'))
      .then(async (db, { events }) => {
        expect(await db.query(`SELECT counter, bumps FROM ${SCHEMA}.counters`)).toEqual([
          { counter: 'counter-a', bumps: 1 },
        ]);
        expect(events.map((e) => e.globalPosition)).toEqual([1, 2, 3]);
      }));

  it('fails a projection that counts an event delivered twice', async () => {
    await expect(
      countsRedeliveries
        .given(bump('a'))
        .when()
        .then(() => Promise.resolve()),
    ).rejects.toThrow(/every event delivered again/);
  });

  it('fails a projection that a rebuild does not bring back to the same rows (a wall-clock instant)', async () => {
    await expect(
      stampsWallClock
        .given(bump('a'))
        .when(bump('a'))
        .then(() => Promise.resolve()),
    ).rejects.toThrow(/reset and replay/);
  });

  it('compares a rebuild without the columns it is told to ignore', () =>
    stampsWallClockIgnored
      .given(bump('a'))
      .when(bump('a'))
      .then(async (db) => {
        expect(await bumpsOf(db, 'a')).toBe(2);
      }));

  it('fails when the assertion does not hold', async () => {
    await expect(
      sound
        .given(bump('a'))
        .when()
        .then(async (db) => {
          expect(await bumpsOf(db, 'a')).toBe(2);
        }),
    ).rejects.toThrow();
  });
});

describe('recordEvents', () => {
  it('fills positions, per-stream revisions and transactions in log order', () => {
    const events = recordEvents([
      bump('a'),
      { ...bump('b'), sameTransaction: true },
      { ...bump('a'), occurredAt: '2026-05-01T10:00:00.000Z', jointCaseId: 'case-1' },
    ]);
    expect(
      events.map((e) => [e.globalPosition, e.transactionId, e.streamId, e.streamRevision, e.metadata.jointCaseId]),
    ).toEqual([
      [1, 101, 'counter-a', 0, null],
      [2, 101, 'counter-b', 0, null],
      [3, 102, 'counter-a', 1, 'case-1'],
    ]);
    expect(events[2]?.recordedAt).toEqual(new Date('2026-05-01T10:00:00.000Z'));
    expect(events[0]?.recordedAt).toEqual(new Date('2026-03-01T08:00:00.000Z'));
  });
});
