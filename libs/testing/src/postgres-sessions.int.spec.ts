/**
 * The platform's PostgreSQL sessions never compile statements just in time: a statement whose estimate passes
 * jit_above_cost over a large log would spend a hundred milliseconds compiling what runs in a tenth of one
 * (docs/benchmarks.md, bench:growth). Checked as an operator would, on the sessions themselves, where the
 * server's own default is on.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { PostgresDatabase } from '@pamoja/event-store';
import { requirePostgres, TEST_DATABASE_URL } from './postgres.js';

beforeAll(requirePostgres);

describe("the platform's PostgreSQL sessions", () => {
  const db = new PostgresDatabase({ connectionString: TEST_DATABASE_URL, poolSize: 3 });
  afterAll(() => db.close());

  it('have JIT compilation off, where a plain session of the same server has it on', async () => {
    const plain = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await plain.connect();
    try {
      const server = await plain.query<{ jit: string }>('SHOW jit');
      // The control: without the platform's setting, this server compiles (its default).
      expect(server.rows[0]?.jit).toBe('on');
    } finally {
      await plain.end();
    }
    expect(await db.query<{ jit: string }>('SHOW jit')).toEqual([{ jit: 'off' }]);
    // Every session of the pool, in a transaction as a read model's page is applied.
    const seen = await Promise.all(
      [1, 2, 3].map(() =>
        db.transaction(async (tx) => {
          const [row] = await tx.query<{ jit: string; pid: number }>(
            'SELECT current_setting($1) AS jit, pg_backend_pid() AS pid, pg_sleep(0.05)',
            ['jit'],
          );
          return row;
        }),
      ),
    );
    expect(new Set(seen.map((r) => r?.pid)).size).toBe(3);
    expect(seen.map((r) => r?.jit)).toEqual(['off', 'off', 'off']);
  });
});
