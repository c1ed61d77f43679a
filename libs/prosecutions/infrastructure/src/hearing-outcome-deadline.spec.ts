import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Actor } from '@pamoja/contracts';
import {
  deadlinesProjection,
  DeadlineWatcher,
  openPgliteEventStore,
  ProjectionRunner,
  type SqlEventStore,
} from '@pamoja/event-store';
import {
  hearingOutcomeDeadline,
  prosecutionCommands,
  prosecutionIdForCaseFile,
  type HearingView,
} from '@pamoja/prosecutions/application';
import { type SentProsecutionCommand } from '@pamoja/prosecutions/domain';
import { prosecutionsProjection } from './prosecutions.projection.js';
import { SqlProsecutionReadModel } from './sql-prosecution-read-model.js';

// The whole path of a hearing nobody records: the log, the deadlines read model, the platform's watcher
// with its own clock, the command it sends, and the office's queue of hearings, on one in-process store.
const DAY_MS = 24 * 3600_000;
const T0 = new Date('2026-03-02T08:00:00.000Z');
const parquet: Actor = { userId: 'clerk-1', agencyId: 'parquet-goma', agencyType: 'prosecutor', roles: [] };

describe('a hearing never recorded as held', () => {
  let store: SqlEventStore;
  let runner: ProjectionRunner;
  let readModel: SqlProsecutionReadModel;
  let clock = T0;
  const prosecutionId = prosecutionIdForCaseFile(randomUUID());
  const hearingId = randomUUID();

  async function send(type: SentProsecutionCommand['type'], data: object, now = clock): Promise<void> {
    const command = { type, data: { prosecutionId, ...data }, metadata: { actor: parquet, now } };
    const result = await prosecutionCommands.run(store, command as SentProsecutionCommand, {
      commandId: randomUUID(),
      actor: parquet,
      correlationId: randomUUID(),
    });
    if (result.position) await runner.waitFor(result.position, 5000);
  }

  /** One look of the platform's watcher at the time given, then the read models catch up. */
  async function watcherLooksAt(now: Date): Promise<number> {
    const watcher = new DeadlineWatcher({
      db: store.db,
      now: () => now,
      kinds: [hearingOutcomeDeadline.rule.kind],
      onError: (_deadline, error) => {
        throw error;
      },
      onDue: async (deadline) => {
        const { command, context } = hearingOutcomeDeadline.commandFor(deadline, now);
        const result = await prosecutionCommands.run(store, command, context);
        if (result.position) await runner.waitFor(result.position, 5000);
      },
    });
    return watcher.tick();
  }

  const queue = (now: Date): Promise<HearingView[]> =>
    readModel.upcomingHearings(parquet.agencyId, {
      until: new Date(now.getTime() + 14 * DAY_MS),
      limit: 50,
    });

  beforeAll(async () => {
    store = await openPgliteEventStore({});
    runner = new ProjectionRunner(store, store.db, [
      prosecutionsProjection,
      deadlinesProjection([hearingOutcomeDeadline.rule], 'spec.deadlines'),
    ]);
    await runner.start();
    readModel = new SqlProsecutionReadModel(store.db);
    await send('ReceiveCaseFile', {
      jointCaseId: randomUUID(),
      caseFileId: randomUUID(),
      investigationId: randomUUID(),
      fromPoliceAgencyId: 'pnc-masisi',
      suspects: [{ suspectId: randomUUID(), role: 'recruiter' }],
    });
    await send('ScheduleHearing', {
      hearingId,
      court: 'Tribunal de grande instance de Goma',
      scheduledFor: new Date(T0.getTime() + DAY_MS),
      purpose: 'Audience de fond',
    });
  });
  afterAll(async () => {
    await runner.stop();
    await store.close();
  });

  it('is not flagged before two days after its date', async () => {
    expect(await watcherLooksAt(new Date(T0.getTime() + 2 * DAY_MS))).toBe(0);
    expect((await queue(T0)).map((h) => h.hearingId)).toEqual([hearingId]);
  });

  it('is flagged once its outcome is two days overdue, and stays in the office’s queue', async () => {
    const later = new Date(T0.getTime() + 3 * DAY_MS + 60_000);
    expect(await watcherLooksAt(later)).toBe(1);
    // However often the watcher looks, the outcome is flagged once.
    expect(await watcherLooksAt(later)).toBe(0);
    const events = (await store.readStream(`prosecution-${prosecutionId}`)).map((e) => e.type);
    expect(events.filter((t) => t === 'HearingOutcomeOverdue')).toHaveLength(1);
    const [hearing] = await queue(later);
    expect(hearing).toMatchObject({ hearingId, heldAt: null, cancelledAt: null });
    expect(hearing?.outcomeOverdueAt).toEqual(later);
  });

  it('moved to a new date, it is due again, and an old deadline no longer fires', async () => {
    clock = new Date(T0.getTime() + 4 * DAY_MS);
    const newDate = new Date(T0.getTime() + 10 * DAY_MS);
    await send('RescheduleHearing', { hearingId, scheduledFor: newDate, reason: 'Renvoi à la demande de la défense' });
    const [hearing] = await queue(clock);
    expect(hearing).toMatchObject({ hearingId, outcomeOverdueAt: null, rescheduleCount: 1 });
    expect(hearing?.scheduledFor).toEqual(newDate);
    expect(await watcherLooksAt(new Date(T0.getTime() + 11 * DAY_MS))).toBe(0);
    expect(await watcherLooksAt(new Date(T0.getTime() + 12 * DAY_MS + 60_000))).toBe(1);
  });

  it('held at last, it leaves the queue and nothing more is raised', async () => {
    clock = new Date(T0.getTime() + 13 * DAY_MS);
    await send('RecordHearingHeld', {
      hearingId,
      heldAt: new Date(T0.getTime() + 10 * DAY_MS),
      outcome: 'Témoins entendus',
    });
    expect(await queue(clock)).toEqual([]);
    expect(await watcherLooksAt(new Date(T0.getTime() + 30 * DAY_MS))).toBe(0);
  });

  it('a cancelled hearing leaves the queue and raises nothing', async () => {
    const cancelledId = randomUUID();
    clock = new Date(T0.getTime() + 14 * DAY_MS);
    await send('ScheduleHearing', {
      hearingId: cancelledId,
      court: 'Tribunal de grande instance de Goma',
      scheduledFor: new Date(T0.getTime() + 15 * DAY_MS),
      purpose: 'Prononcé',
    });
    expect((await queue(clock)).map((h) => h.hearingId)).toEqual([cancelledId]);
    await send('CancelHearing', { hearingId: cancelledId, reason: 'Jonction avec une autre affaire' });
    expect(await queue(clock)).toEqual([]);
    expect(await watcherLooksAt(new Date(T0.getTime() + 40 * DAY_MS))).toBe(0);
  });
});
