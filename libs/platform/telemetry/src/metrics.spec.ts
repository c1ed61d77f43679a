import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { InvalidInputError, type NewEvent } from '@pamoja/contracts';
import { NO_STREAM, PgliteDatabase, SqlEventStore } from '@pamoja/event-store';
import { commandOutcomeOf, PlatformMetrics, timedAppends } from './metrics.js';

/** The value of one series of a scrape (undefined when absent). */
function valueOf(text: string, name: string, labels: Record<string, string>): number | undefined {
  const line = text
    .split('\n')
    .find(
      (l) =>
        l.startsWith(`${name}{`) && Object.entries(labels).every(([key, value]) => l.includes(`${key}="${value}"`)),
    );
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

function event(): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'NotebookOpened',
    schemaVersion: 1,
    data: {},
    metadata: {
      actor: { userId: 'u-1', agencyId: 'ngo-kivu-hope', agencyType: 'first_responder', roles: ['field_worker'] },
      correlationId: randomUUID(),
      causationId: null,
      jointCaseId: null,
      occurredAt: '2026-12-06T08:00:00.000Z',
    },
  };
}

describe('the metrics of a process', () => {
  it('keeps each process to its own registry, every series labelled with its service', async () => {
    const one = new PlatformMetrics('pamoja-one', { defaultMetrics: false });
    const two = new PlatformMetrics('pamoja-two', { defaultMetrics: false });
    one.startCommand('SubmitReferral')('accepted');
    const text = (await one.exposition()).body;
    expect(
      valueOf(text, 'pamoja_command_duration_seconds_count', { service: 'pamoja-one', command: 'SubmitReferral' }),
    ).toBe(1);
    expect(valueOf((await two.exposition()).body, 'pamoja_command_duration_seconds_count', {})).toBeUndefined();
  });

  it('names a refused command by its error code, a fault as error', () => {
    expect(commandOutcomeOf(new InvalidInputError([{ field: 'summary', reason: 'is required' }]))).toBe(
      'bad_user_input',
    );
    expect(commandOutcomeOf(new Error('connection lost'))).toBe('error');
  });

  it('times appends by outcome, a lost race as a conflict', async () => {
    const metrics = new PlatformMetrics('pamoja-appends', { defaultMetrics: false });
    const db = await PgliteDatabase.open();
    const store = timedAppends(await SqlEventStore.open(db), metrics);
    try {
      await store.appendToStream('notebook-1', [event()], { expectedRevision: NO_STREAM });
      await expect(store.appendToStream('notebook-1', [event()], { expectedRevision: NO_STREAM })).rejects.toThrow();
      const text = (await metrics.exposition()).body;
      expect(valueOf(text, 'pamoja_event_store_append_duration_seconds_count', { outcome: 'ok' })).toBe(1);
      expect(valueOf(text, 'pamoja_event_store_append_duration_seconds_count', { outcome: 'conflict' })).toBe(1);
    } finally {
      await store.close();
      await db.close();
    }
  });

  it('counts the appends committed together by group commit', async () => {
    const metrics = new PlatformMetrics('pamoja-groups', { defaultMetrics: false });
    const db = await PgliteDatabase.open();
    const store = await SqlEventStore.open(db);
    metrics.groupCommitFrom(() => store.groupCommitStats());
    try {
      // PGlite runs one statement at a time: the first append goes alone, the nine behind it as one group.
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          store.appendToStream(`notebook-${i}`, [event()], { expectedRevision: NO_STREAM }),
        ),
      );
      const text = (await metrics.exposition()).body;
      const line = (name: string) => text.split('\n').find((l) => l.startsWith(`${name}{`));
      expect(line('pamoja_event_store_group_commits_total')).toMatch(/ 1$/);
      expect(line('pamoja_event_store_grouped_appends_total')).toMatch(/ 9$/);
    } finally {
      await store.close();
      await db.close();
    }
  });

  it('reads lags when scraped, and leaves out a source that cannot be read instead of failing the scrape', async () => {
    const metrics = new PlatformMetrics('pamoja-lags', { defaultMetrics: false });
    let behind = 3;
    metrics.projectionsFrom(() => [{ name: 'referrals.handoffs', state: 'catching_up', behind }]);
    metrics.consumersFrom(() => Promise.reject(new Error('the broker is away')));
    metrics.deadlineMissed('referral.response');
    let text = (await metrics.exposition()).body;
    expect(valueOf(text, 'pamoja_projection_lag_positions', { projection: 'referrals.handoffs' })).toBe(3);
    expect(valueOf(text, 'pamoja_projection_state', { projection: 'referrals.handoffs', state: 'catching_up' })).toBe(
      1,
    );
    expect(valueOf(text, 'pamoja_projection_state', { projection: 'referrals.handoffs', state: 'live' })).toBe(0);
    expect(valueOf(text, 'pamoja_shared_events_dead_lettered_total', {})).toBeUndefined();
    expect(valueOf(text, 'pamoja_deadlines_missed_total', { kind: 'referral.response' })).toBe(1);
    behind = 0;
    text = (await metrics.exposition()).body;
    expect(valueOf(text, 'pamoja_projection_lag_positions', { projection: 'referrals.handoffs' })).toBe(0);
  });
});
