import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type NewEvent } from '@pamoja/contracts';
import {
  ANY,
  KurrentDbEventStore,
  NO_STREAM,
  openPostgresEventStore,
  PostgresDatabase,
  verifyKurrentDbLog,
} from '@pamoja/event-store';
import { createTemporaryDatabase, KurrentDbStandIn } from '@pamoja/testing';
import { runBuiltCli, type CliRun } from './cli.fixture.js';

// `npm run migrate-log -- --from postgres --to kurrentdb` as an operator runs the built tool: a PostgreSQL log
// into the in-process KurrentDB stand-in (a real server is not ours to fill with test logs).
function event(n: number, personal = false): NewEvent {
  return {
    eventId: randomUUID(),
    // Types no read model takes: the rebuild below replays them without changing a row.
    type: personal ? 'MigrationTestPersonNoted' : 'MigrationTestNoteAdded',
    schemaVersion: 1,
    data: { n, note: `note ${n} – Goma ✓`, nested: { list: [1, 2.5, null, true], empty: {} } },
    metadata: {
      actor: { userId: randomUUID(), agencyId: 'pmh-goma', agencyType: 'police', roles: ['investigator'] },
      correlationId: randomUUID(),
      causationId: randomUUID(),
      jointCaseId: null,
      occurredAt: new Date().toISOString(),
      commandId: randomUUID(),
    },
  };
}

describe('npm run migrate-log (the built command line: PostgreSQL to the in-process KurrentDB stand-in)', () => {
  let database: { url: string; drop: () => Promise<void> };
  let standIn: KurrentDbStandIn;
  const sent: NewEvent[] = [];

  const migrate = (...args: string[]): Promise<CliRun> => run('migrate-log', {}, args);
  const run = (tool: string, env: Record<string, string>, args: readonly string[]): Promise<CliRun> =>
    runBuiltCli(tool, database.url, args, { KURRENTDB_URL: standIn.url, ...env });

  beforeAll(async () => {
    const build = spawnSync(process.execPath, ['tools/build.mjs', '--if-stale'], { encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
    database = await createTemporaryDatabase('migrate_log_cli');
    standIn = await KurrentDbStandIn.start();
    const store = await openPostgresEventStore({ connectionString: database.url });
    try {
      const referral = `referral-${randomUUID()}`;
      const assistance = `assistance-${randomUUID()}`;
      // Hashed by the writer (exact revisions) and by the database (ANY): both must arrive as they are.
      const batches: [string, NewEvent[], typeof NO_STREAM | typeof ANY | number][] = [
        [referral, [event(0), event(1), event(2)], NO_STREAM],
        [assistance, [event(0, true)], ANY],
        [referral, [event(3)], 2],
        [assistance, [event(1), event(2)], ANY],
      ];
      for (const [stream, events, expectedRevision] of batches) {
        await store.appendToStream(stream, events, { expectedRevision });
        sent.push(...events);
      }
    } finally {
      await store.close();
    }
  }, 180_000);

  afterAll(async () => {
    await standIn.stop();
    await database.drop();
  });

  it('copies the log with its order, ids and hashes, verifies both sides and says they are identical', async () => {
    const run = await migrate('--from', 'postgres', '--to', 'kurrentdb');
    expect(run.stdout).toContain('PostgreSQL before the copy: intact, 7 events in 2 streams');
    expect(run.stdout).toContain('copied 7 events');
    expect(run.stdout).toContain('KurrentDB: intact, 7 events in 2 streams');
    expect(run.stdout).toContain('IDENTICAL: 7 events');
    expect(run.code).toBe(0);

    // The tool left the index of event ids in DATABASE_URL: this client of the log shares it.
    const db = new PostgresDatabase({ connectionString: database.url });
    const target = await KurrentDbEventStore.open({ connectionString: standIn.url, indexDatabase: db });
    try {
      expect((await target.readAll()).events.map((e) => e.eventId)).toEqual(sent.map((e) => e.eventId));
      expect((await verifyKurrentDbLog(target)).intact).toBe(true);
      expect((await target.findEvent(sent[4]!.eventId))?.streamRevision).toBe(3);
    } finally {
      await target.close();
      await db.close();
    }
  });

  it('run again, copies nothing twice', async () => {
    const run = await migrate('--from', 'postgres', '--to', 'kurrentdb');
    expect(run.stdout).toContain('copied 0 events');
    expect(run.stdout).toContain('(7 were already there)');
    expect(run.stdout).toContain('IDENTICAL: 7 events');
    expect(run.code).toBe(0);
  });

  it('the read models are then rebuilt from the log in KurrentDB', async () => {
    const rebuilt = await run(
      'projections',
      {
        PAMOJA_MODE: 'server',
        PAMOJA_EVENT_STORE: 'kurrentdb',
        PAMOJA_MASTER_KEY: Buffer.alloc(32, 9).toString('base64'),
      },
      ['rebuild', 'platform.deadlines'],
    );
    expect(rebuilt.stdout).toContain('platform.deadlines: rebuilt from');
    expect(rebuilt.code).toBe(0);
    // It reads the log from KurrentDB: with no server at KURRENTDB_URL it stops, naming it.
    const nowhere = await run(
      'projections',
      {
        PAMOJA_MODE: 'server',
        PAMOJA_EVENT_STORE: 'kurrentdb',
        KURRENTDB_URL: 'esdb://127.0.0.1:1?tls=false',
        PAMOJA_MASTER_KEY: Buffer.alloc(32, 9).toString('base64'),
      },
      ['rebuild', 'platform.deadlines'],
    );
    expect(nowhere.code).not.toBe(0);
    expect(nowhere.stderr).toContain('KurrentDB at esdb://127.0.0.1:1?tls=false did not answer');
  });

  it('refuses a direction it does not know, naming the option', async () => {
    const run = await migrate('--from', 'kurrentdb', '--to', 'postgres');
    expect(run.stderr).toContain('--from: only postgres for now, not kurrentdb');
    expect(run.code).toBe(2);
  });
});
