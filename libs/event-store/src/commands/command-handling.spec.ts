import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ConcurrencyConflictError,
  InvalidInputError,
  RuleViolationError,
  newId,
  timeOfId,
  type Decider,
  type DomainEvent,
  type RecordedEvent,
} from '@pamoja/contracts';
import { openPgliteEventStore } from '../factories.js';
import { type SqlEventStore } from '../sql/sql-event-store.js';
import { NO_STREAM } from '../event-store.port.js';
import {
  commandHash,
  eventIdFor,
  findCommandEvent,
  handleCommand,
  nameBasedEventId,
  type CommandContext,
} from './command-handling.js';

// A tally that refuses to go above a limit: enough to exercise every path of command handling.
type Add = { type: 'Add'; data: { amount: number } };
type Added = DomainEvent<'Added', { amount: number }>;
const LIMIT = 10;
const tally: Decider<Add, Added, number> = {
  initialState: 0,
  decide: (command, total) => {
    if (total + command.data.amount > LIMIT) throw new RuleViolationError('over_limit', 'the tally is full');
    return command.data.amount === 0 ? [] : [{ type: 'Added', schemaVersion: 1, data: command.data }];
  },
  evolve: (total, event) => total + event.data.amount,
};
const options = { toDomainEvent: (e: RecordedEvent) => ({ type: 'Added', schemaVersion: 1, data: e.data }) as Added };

function context(overrides: Partial<CommandContext> = {}): CommandContext {
  return {
    commandId: randomUUID(),
    actor: { userId: 'u1', agencyId: 'ngo-1', agencyType: 'first_responder', roles: ['field_worker'] },
    correlationId: randomUUID(),
    jointCaseId: null,
    now: new Date('2026-03-01T10:00:00Z'),
    ...overrides,
  };
}

const add = (amount: number): Add => ({ type: 'Add', data: { amount } });

describe('command handling', () => {
  let store: SqlEventStore;
  beforeAll(async () => {
    store = await openPgliteEventStore({});
  });
  afterAll(() => store.close());

  it('appends what the decider decided, with the actor and the causal chain in the metadata', async () => {
    const ctx = context();
    const outcome = await handleCommand(store, tally, 'tally-a', add(3), ctx, options);
    expect(outcome).toMatchObject({ revision: 0, state: 3, replayed: false });
    const [event] = await store.readStream('tally-a');
    expect(event).toMatchObject({
      eventId: eventIdFor(ctx.commandId, 0),
      type: 'Added',
      metadata: {
        actor: ctx.actor,
        correlationId: ctx.correlationId,
        causationId: ctx.commandId,
        commandId: ctx.commandId,
      },
    });
  });

  it('answers a retried command id with the first outcome and writes nothing', async () => {
    const ctx = context();
    const first = await handleCommand(store, tally, 'tally-b', add(4), ctx, options);
    await handleCommand(store, tally, 'tally-b', add(1), context(), options);
    const retry = await handleCommand(store, tally, 'tally-b', add(4), { ...ctx, now: new Date() }, options);
    expect(retry).toEqual({ ...first, replayed: true });
    expect(await store.readStream('tally-b')).toHaveLength(2);
  });

  it('refuses a command id reused for another command', async () => {
    const ctx = context();
    await handleCommand(store, tally, 'tally-c', add(1), ctx, options);
    await expect(handleCommand(store, tally, 'tally-c', add(2), ctx, options)).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    await expect(handleCommand(store, tally, 'tally-other', add(1), ctx, options)).rejects.toBeInstanceOf(
      InvalidInputError,
    );
  });

  it('refuses to act on a revision the client no longer has, naming the current one', async () => {
    await handleCommand(store, tally, 'tally-d', add(1), context(), options);
    await handleCommand(store, tally, 'tally-d', add(1), context(), options);
    const stale = handleCommand(store, tally, 'tally-d', add(1), context({ expectedRevision: 0 }), options);
    await expect(stale).rejects.toBeInstanceOf(ConcurrencyConflictError);
    await expect(stale).rejects.toMatchObject({ expectedRevision: 0, currentRevision: 1 });
    expect(await store.readStream('tally-d')).toHaveLength(2);
  });

  it('decides again when a concurrent writer got in first, so rules hold under contention', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 15 }, () => handleCommand(store, tally, 'tally-e', add(1), context(), options)),
    );
    const written = results.filter((r) => r.status === 'fulfilled');
    // Losers decide again on the new state; a few may give up after their attempts, never silently.
    expect(written.length).toBeGreaterThan(1);
    expect(written.length).toBeLessThanOrEqual(LIMIT);
    const refused: unknown[] = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(refused.every((e) => e instanceof RuleViolationError || e instanceof ConcurrencyConflictError)).toBe(true);
    const events = await store.readStream('tally-e');
    expect(events.map((e) => e.streamRevision)).toEqual([...Array(written.length).keys()]);

    // Once full, the rule refuses every further command, however many arrive together.
    for (let i = events.length; i < LIMIT; i++)
      await handleCommand(store, tally, 'tally-e', add(1), context(), options);
    const late = await Promise.allSettled(
      Array.from({ length: 5 }, () => handleCommand(store, tally, 'tally-e', add(1), context(), options)),
    );
    expect(late.every((r) => r.status === 'rejected' && r.reason instanceof RuleViolationError)).toBe(true);
    expect(await store.readStream('tally-e')).toHaveLength(LIMIT);
  });

  it('writes nothing when the decider decides nothing', async () => {
    const outcome = await handleCommand(store, tally, 'tally-f', add(0), context(), options);
    expect(outcome).toMatchObject({ revision: -1, replayed: false, position: undefined });
    expect(await store.readStream('tally-f')).toEqual([]);
  });

  it('names the events of a time-ordered command id in time order, after the events of earlier commands', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const ctx = context({ commandId: newId() });
      await handleCommand(store, tally, 'tally-g', add(1), ctx, options);
      ids.push(eventIdFor(ctx.commandId, 0));
      expect(timeOfId(ids[i]!)).toBe(timeOfId(ctx.commandId));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const stored = (await store.readStream('tally-g')).map((e) => e.eventId);
    expect(stored).toEqual(ids);
    expect([...stored].sort()).toEqual(stored);
  });

  it('keeps the name-based event ids of a random command id, as the log has always held them', async () => {
    const ctx = context({ commandId: '0b2a4f3e-1c5d-4e6f-8a7b-9c0d1e2f3a4b' });
    await handleCommand(store, tally, 'tally-h', add(2), ctx, options);
    const [event] = await store.readStream('tally-h');
    expect(event?.eventId).toBe(nameBasedEventId(ctx.commandId, 0));
  });

  it('answers a retry of a time-ordered command stored before its events were time-ordered, and writes nothing', async () => {
    // A client made a version-7 command id; the platform then named its events as every command's (name-based).
    const ctx = context({ commandId: newId() });
    const hash = commandHash({ streamId: 'tally-i', type: 'Add', data: { amount: 3 } });
    await store.appendToStream(
      'tally-i',
      [
        {
          eventId: nameBasedEventId(ctx.commandId, 0),
          type: 'Added',
          schemaVersion: 1,
          data: { amount: 3 },
          metadata: {
            actor: ctx.actor,
            correlationId: ctx.correlationId,
            causationId: ctx.commandId,
            jointCaseId: null,
            occurredAt: ctx.now.toISOString(),
            commandId: ctx.commandId,
            commandHash: hash,
          },
        },
      ],
      { expectedRevision: NO_STREAM },
    );
    expect(await findCommandEvent(store, ctx.commandId)).toMatchObject({ streamId: 'tally-i', streamRevision: 0 });
    const retry = await handleCommand(store, tally, 'tally-i', add(3), { ...ctx, now: new Date() }, options);
    expect(retry).toMatchObject({ revision: 0, state: 3, replayed: true });
    // The same retry racing the first attempt (the look-up ran before it landed, as on a rolling upgrade).
    const racing = Object.assign(Object.create(store) as SqlEventStore, {
      findEvent: () => Promise.resolve(undefined),
    });
    const raced = await handleCommand(racing, tally, 'tally-i', add(3), { ...ctx, now: new Date() }, options);
    expect(raced).toMatchObject({ revision: 0, state: 3 });
    expect(await store.readStream('tally-i')).toHaveLength(1);
  });
});
