import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import { compareLogPositions, type LogPosition, type NewEvent } from '@pamoja/contracts';
import { NO_STREAM, openPostgresEventStore, type SqlEventStore } from '@pamoja/event-store';
import { runBuiltCli, type CliRun } from './cli.fixture.js';
import { createTemporaryDatabase } from '@pamoja/testing';

/** The built `verify` tool, as an operator runs it against the temporary database in server mode. */
const verify = (url: string, ...args: string[]): Promise<CliRun> => runBuiltCli('verify', url, args);

/** On a shared server another client's open transaction can hold the readers' head back a while (ADR 0003). */
async function untilHeadReaches(store: SqlEventStore, position: LogPosition): Promise<void> {
  for (let i = 0; i < 1500 && compareLogPositions(await store.headPosition(), position) < 0; i++) await sleep(20);
}

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

describe('npm run verify (the built command line, PostgreSQL)', () => {
  let database: { url: string; drop: () => Promise<void> };
  const referral = `referral-${randomUUID()}`;
  const site = `site-${randomUUID()}`;

  beforeAll(async () => {
    const build = spawnSync(process.execPath, ['tools/build.mjs', '--if-stale'], { encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
    database = await createTemporaryDatabase('verify_cli');
    const store = await openPostgresEventStore({ connectionString: database.url });
    try {
      await store.appendToStream(referral, [0, 1, 2, 3].map(event), { expectedRevision: NO_STREAM });
      const second = await store.appendToStream(site, [event(0)], { expectedRevision: NO_STREAM });
      await untilHeadReaches(store, second.position);
      await store.takeCheckpoint();
      const third = await store.appendToStream(site, [event(1)], { expectedRevision: 0 });
      await untilHeadReaches(store, third.position);
    } finally {
      await store.close();
    }
  }, 180_000);

  afterAll(async () => {
    await database.drop();
  });

  it('says the log is intact and exits 0', async () => {
    const run = await verify(database.url);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('checked 6 events in 2 streams');
    expect(run.stdout).toContain('checkpoints: 1, the last (1)');
    expect(run.stdout).toContain('1 events after it are covered by their streams');
    expect(run.stdout).toContain('INTACT');
    expect(run.code).toBe(0);
  });

  it('takes a checkpoint with --checkpoint and checks a digest kept elsewhere with --expect', async () => {
    const taken = await verify(database.url, '--checkpoint');
    expect(taken.code).toBe(0);
    const line = /checkpoint 2 taken: 6 events up to \(\d+, \d+\), digest ([0-9a-f]{64})/.exec(taken.stdout);
    expect(line).not.toBeNull();
    const digest = line?.[1] ?? '';
    expect((await verify(database.url, '--expect', `6:${digest}`)).code).toBe(0);
    const wrong = await verify(database.url, '--expect', `6:${'0'.repeat(64)}`);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain('expected_digest_mismatch');
  });

  it('refuses a bad argument or an unreachable database with exit code 2', async () => {
    const usage = await verify(database.url, '--expect', 'yesterday');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('usage: npm run verify');
    const down = await verify('postgres://postgres@127.0.0.1:1/nowhere');
    expect(down.code).toBe(2);
    expect(down.stderr).toContain('the database does not answer');
  });

  it('finds one row altered directly in PostgreSQL, names it and exits 1', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const updated = await client.query(
        `UPDATE event_store.events SET data = jsonb_set(data, '{note}', '"the suspect was never there"')
         WHERE stream_id = $1 AND stream_revision = 2`,
        [referral],
      );
      expect(updated.rowCount).toBe(1);
    } finally {
      await client.end();
    }
    const run = await verify(database.url);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('BROKEN: 1 break(s) found. First broken link:');
    expect(run.stdout).toContain(`stream: ${referral}, revision 2`);
    expect(run.stdout).toContain('kind: content_altered');
    expect(run.stdout).toMatch(/expected: hash [0-9a-f]{64}\n\s+found: hash [0-9a-f]{64}/);
  });
});
