import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { type NewEvent } from '@pamoja/contracts';
import { ANY, PgliteDatabase, readLogCheckpoints, SqlEventStore, verifyLog } from '@pamoja/event-store';
import { loadConfig, type PlatformConfig } from '@pamoja/platform/config';
import { LogCheckpointer } from './log-checkpointer.js';

function event(n: number): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'SiteInspected',
    schemaVersion: 1,
    data: { n },
    metadata: {
      actor: { userId: 'u', agencyId: 'saemape-nk', agencyType: 'mining_authority', roles: ['inspector'] },
      correlationId: randomUUID(),
      causationId: null,
      jointCaseId: null,
      occurredAt: new Date().toISOString(),
    },
  };
}

describe('LogCheckpointer', () => {
  let db: PgliteDatabase | undefined;
  let store: SqlEventStore | undefined;
  let checkpointer: LogCheckpointer | undefined;

  afterEach(async () => {
    await checkpointer?.beforeApplicationShutdown();
    await store?.close();
    await db?.close();
    jest.restoreAllMocks();
  });

  async function start(env: Record<string, string>): Promise<{ store: SqlEventStore; config: PlatformConfig }> {
    db = await PgliteDatabase.open();
    store = await SqlEventStore.open(db);
    const config = loadConfig(env, { mode: 'embedded', serviceName: 'test' });
    checkpointer = new LogCheckpointer(db, store, config);
    return { store, config };
  }

  it('reads its interval from PAMOJA_CHECKPOINT_INTERVAL_SECONDS: 300 by default, 0 turns it off', () => {
    expect(loadConfig({}, { mode: 'embedded', serviceName: 't' }).checkpointIntervalSeconds).toBe(300);
    expect(
      loadConfig({ PAMOJA_CHECKPOINT_INTERVAL_SECONDS: '0' }, { mode: 'embedded', serviceName: 't' })
        .checkpointIntervalSeconds,
    ).toBe(0);
    expect(() =>
      loadConfig({ PAMOJA_CHECKPOINT_INTERVAL_SECONDS: 'often' }, { mode: 'embedded', serviceName: 't' }),
    ).toThrow(/PAMOJA_CHECKPOINT_INTERVAL_SECONDS/);
  });

  it('checkpoints at start and then every interval, and logs each new digest at info level', async () => {
    const logged: string[] = [];
    jest.spyOn(Logger.prototype, 'log').mockImplementation((message: unknown) => {
      logged.push(String(message));
    });
    const { store: s } = await start({ PAMOJA_CHECKPOINT_INTERVAL_SECONDS: '1' });
    const stream = `site-${randomUUID()}`;
    await s.appendToStream(stream, [event(0), event(1)], { expectedRevision: ANY });
    checkpointer?.onApplicationBootstrap();
    const waitFor = async (seq: number): Promise<void> => {
      for (let i = 0; i < 100 && (await readLogCheckpoints(s)).length < seq; i++) await sleep(50);
    };
    await waitFor(1);
    await s.appendToStream(stream, [event(2)], { expectedRevision: ANY });
    await waitFor(2);
    const checkpoints = await readLogCheckpoints(s);
    expect(checkpoints.map((c) => c.eventCount)).toEqual([2, 3]);
    const last = checkpoints[1]!;
    expect(logged).toContain(
      `log checkpoint 2: 3 events up to (${last.position.transactionId}, ${last.position.globalPosition}), ` +
        `digest ${last.digest} (verify with: npm run verify -- --expect 3:${last.digest})`,
    );
    // The logged digest is what an operator later checks the log against.
    const report = await verifyLog(s, { expectedDigests: [{ eventCount: 3, digest: last.digest }] });
    expect(report.intact).toBe(true);
  });

  it('takes none when turned off', async () => {
    const { store: s } = await start({ PAMOJA_CHECKPOINT_INTERVAL_SECONDS: '0' });
    await s.appendToStream(`site-${randomUUID()}`, [event(0)], { expectedRevision: ANY });
    checkpointer?.onApplicationBootstrap();
    await sleep(300);
    expect(await readLogCheckpoints(s)).toEqual([]);
  });
});
