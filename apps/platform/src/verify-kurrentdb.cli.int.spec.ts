import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type NewEvent } from '@pamoja/contracts';
import { ANY, KurrentDbEventStore, NO_STREAM, PostgresDatabase } from '@pamoja/event-store';
import { createTemporaryDatabase, KurrentDbStandIn } from '@pamoja/testing';
import { runBuiltCli, type CliRun } from './cli.fixture.js';

// `npm run verify` on a log kept in KurrentDB (PAMOJA_EVENT_STORE=kurrentdb), as an operator runs the built tool:
// against the in-process stand-in here (a real server's stored events are not ours to change).
function event(n: number): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'ReferralNoteAdded',
    schemaVersion: 1,
    data: { n, note: `note ${n}` },
    metadata: {
      actor: { userId: randomUUID(), agencyId: 'pmh-goma', agencyType: 'police', roles: ['investigator'] },
      correlationId: randomUUID(),
      causationId: null,
      jointCaseId: null,
      occurredAt: new Date().toISOString(),
    },
  };
}

describe('npm run verify (the built command line, the log in KurrentDB: the in-process stand-in)', () => {
  let database: { url: string; drop: () => Promise<void> };
  let standIn: KurrentDbStandIn;
  const referral = `referral-${randomUUID()}`;

  const verify = (...args: string[]): Promise<CliRun> =>
    runBuiltCli('verify', database.url, args, { PAMOJA_EVENT_STORE: 'kurrentdb', KURRENTDB_URL: standIn.url });

  beforeAll(async () => {
    const build = spawnSync(process.execPath, ['tools/build.mjs', '--if-stale'], { encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
    database = await createTemporaryDatabase('verify_kurrentdb_cli');
    standIn = await KurrentDbStandIn.start();
    const db = new PostgresDatabase({ connectionString: database.url });
    const store = await KurrentDbEventStore.open({ connectionString: standIn.url, indexDatabase: db });
    try {
      await store.appendToStream(referral, [0, 1, 2].map(event), { expectedRevision: NO_STREAM });
      await store.appendToStream(`site-${randomUUID()}`, [event(0)], { expectedRevision: ANY });
    } finally {
      await store.close();
      await db.close();
    }
  }, 180_000);

  afterAll(async () => {
    await standIn.stop();
    await database.drop();
  });

  it('says the log is intact, names where it is, and exits 0', async () => {
    const run = await verify();
    expect(run.stdout).toContain(`Verifying the event log in KurrentDB at ${standIn.url}`);
    expect(run.stdout).toContain('checked 4 events in 2 streams');
    expect(run.stdout).toContain('INTACT');
    expect(run.code).toBe(0);
  });

  it('names the event whose stored content was changed, and exits 1', async () => {
    standIn.tamper(referral, 2, (stored) => {
      stored.data = Buffer.from(JSON.stringify({ n: 2, note: 'rewritten' }));
    });
    const run = await verify();
    expect(run.stdout).toContain('BROKEN: 1 break(s) found');
    expect(run.stdout).toContain(`stream: ${referral}, revision 2`);
    expect(run.stdout).toContain('kind: content_or_hash_altered');
    expect(run.code).toBe(1);
  });
});
