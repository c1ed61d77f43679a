import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mockGraphql, type GraphqlCall } from '../test/render';
import { configureClient, type Document } from './client';
import { database, resetDatabaseConnection } from './db';
import {
  applyToCurrentVersion,
  backoff,
  closeOutbox,
  discard,
  flush,
  forgetPersonalCommands,
  newCommandId,
  openOutboxFor,
  outboxEntries,
  personalCommandsWaiting,
  retryNow,
  startOutbox,
  submitCommand,
} from './outbox';

type Vars = { input: Record<string, unknown> & { commandId: string } };
const ACCEPT =
  'mutation ConsoleAcceptReferral($input: AcceptReferralInput!) { acceptReferral(input: $input) { status } }';
const document = { toString: () => ACCEPT } as unknown as Document<unknown, Vars>;

function command(referralId: string, extra: Record<string, unknown> = {}) {
  return {
    document,
    mutation: 'acceptReferral',
    label: 'outbox.action.acceptReferral',
    subject: { kind: 'referral', id: referralId },
    variables: { input: { commandId: newCommandId(), referralId, expectedRevision: 1, ...extra } },
  };
}

const ok = { data: { acceptReferral: { status: 'ACCEPTED' } } };
const offline = (): never => {
  throw new Error('offline');
};
const sentIds = (calls: readonly GraphqlCall[]) => calls.map((c) => (c.variables['input'] as Vars['input']).commandId);

/** Lets the outbox's own sends (started without being awaited) run to their end. */
async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await flush();
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

let stop: () => void = () => undefined;
let token: string | undefined = 'token-of-a';

beforeEach(async () => {
  vi.stubGlobal('indexedDB', new IDBFactory());
  resetDatabaseConnection();
  token = 'token-of-a';
  configureClient({ token: () => token, unauthenticated: () => undefined });
  stop = startOutbox();
  await openOutboxFor('ngo-kivu-hope/a');
});

afterEach(() => {
  stop();
  closeOutbox();
});

describe('the outbox', () => {
  it('sends the oldest first, and keeps the later ones behind one that waits for the link', async () => {
    let online = false;
    const { calls } = mockGraphql(() => (online ? ok : offline()));
    const first = command('r1');
    const second = command('r2');
    const third = command('r3');
    await submitCommand(first);
    await settle();
    await submitCommand(second);
    await submitCommand(third);
    await settle();
    // Only the first was tried; the others wait behind it, in order.
    expect(sentIds(calls)).toEqual([first.variables.input.commandId]);
    expect(outboxEntries().map((e) => e.commandId)).toEqual(
      [first, second, third].map((c) => c.variables.input.commandId),
    );

    online = true;
    window.dispatchEvent(new Event('online'));
    await settle();
    expect(sentIds(calls)).toEqual([first, first, second, third].map((c) => c.variables.input.commandId));
    expect(outboxEntries()).toEqual([]);
  });

  it('backs off from 2 s, doubling, up to 5 minutes, with jitter, while the platform cannot be reached', async () => {
    mockGraphql(offline);
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    await submitCommand(command('r1'));
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      await settle();
      const [entry] = outboxEntries();
      expect(entry?.attempts).toBe(attempt);
      waits.push(Date.parse(entry?.nextAttemptAt ?? '') - Date.parse(entry?.lastAttemptAt ?? ''));
      await retryNow();
    }
    // Each wait is about 2 s × 2^(attempt − 1), less at most half of it (the jitter).
    waits.forEach((wait, i) => {
      const base = 2000 * 2 ** i;
      expect(wait).toBeGreaterThan(base * 0.95);
      expect(wait).toBeLessThanOrEqual(base + 50);
    });
    vi.spyOn(Math, 'random').mockReturnValue(0);
    expect(backoff(1)).toBe(1000);
    expect(backoff(30)).toBe(150_000);
    vi.spyOn(Math, 'random').mockReturnValue(0.999_999);
    expect(backoff(30)).toBeCloseTo(300_000, -1);
  });

  it('waits as long as the platform asks when it is rate limited, and keeps the command', async () => {
    let limited = true;
    const { calls } = mockGraphql(() =>
      limited
        ? { errors: [{ message: 'slow down', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 30 } }] }
        : ok,
    );
    const sent = command('r1');
    await submitCommand(sent);
    await settle();
    const [entry] = outboxEntries();
    expect(entry?.state).toBe('pending');
    expect(Date.parse(entry?.nextAttemptAt ?? '') - Date.parse(entry?.lastAttemptAt ?? '')).toBeGreaterThanOrEqual(
      29_000,
    );
    limited = false;
    await retryNow();
    await settle();
    expect(sentIds(calls)).toEqual([sent.variables.input.commandId, sent.variables.input.commandId]);
    expect(outboxEntries()).toEqual([]);
  });

  it('never resends a CONFLICT by itself; a new command on the current revision replaces it when the person says so', async () => {
    let conflict = true;
    const { calls } = mockGraphql(() =>
      conflict
        ? {
            errors: [
              {
                message: 'Referral r1 has changed',
                extensions: { code: 'CONFLICT', entity: 'Referral', id: 'r1', expectedRevision: 1, currentRevision: 2 },
              },
            ],
          }
        : ok,
    );
    const sent = command('r1');
    await submitCommand(sent);
    await settle();
    expect(outboxEntries()).toMatchObject([
      { commandId: sent.variables.input.commandId, state: 'conflict', error: { code: 'CONFLICT', currentRevision: 2 } },
    ]);

    // The link drops and comes back, the person presses "try again": the conflict stays as it is.
    window.dispatchEvent(new Event('online'));
    await retryNow();
    await settle();
    expect(calls).toHaveLength(1);
    expect(outboxEntries()[0]?.state).toBe('conflict');

    conflict = false;
    const { commandId, acknowledged } = await applyToCurrentVersion(sent.variables.input.commandId, 2);
    await expect(acknowledged).resolves.toMatchObject({ commandId, answer: { status: 'ACCEPTED' } });
    expect(commandId).not.toBe(sent.variables.input.commandId);
    expect(calls[1]?.variables['input']).toEqual({ ...sent.variables.input, commandId, expectedRevision: 2 });
    await settle();
    expect(outboxEntries()).toEqual([]);
  });

  it('keeps a refusal, with its fields, until the person dismisses it, and sends it no more', async () => {
    const { calls } = mockGraphql(() => ({
      errors: [
        {
          message: 'Invalid input: reason: is required',
          extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'reason', reason: 'is required' }] },
        },
      ],
    }));
    const sent = command('r1', { reason: ' ' });
    await submitCommand(sent);
    await settle();
    await retryNow();
    await settle();
    expect(calls).toHaveLength(1);
    expect(outboxEntries()).toMatchObject([
      { state: 'refused', error: { code: 'BAD_USER_INPUT', fields: [{ field: 'reason', reason: 'is required' }] } },
    ]);
    // Still there after a reload of the page.
    closeOutbox();
    await openOutboxFor('ngo-kivu-hope/a');
    expect(outboxEntries()).toHaveLength(1);

    await discard(sent.variables.input.commandId);
    expect(outboxEntries()).toEqual([]);
    expect(await (await database()).count('outbox')).toBe(0);
  });

  it("shows and sends each person's commands only, with their own token", async () => {
    let online = false;
    const tokens: (string | undefined)[] = [];
    const { calls } = mockGraphql(() => {
      tokens.push(token);
      return online ? ok : offline();
    });
    const ofA = command('r1');
    await submitCommand(ofA);
    await settle();

    // Another person signs in on the same phone, with the link back.
    token = 'token-of-b';
    await openOutboxFor('pnc-pmh-masisi/b');
    online = true;
    expect(outboxEntries()).toEqual([]);
    const ofB = command('r2');
    await submitCommand(ofB);
    await retryNow();
    await settle();
    expect(sentIds(calls)).toEqual([ofA.variables.input.commandId, ofB.variables.input.commandId]);
    expect(tokens).toEqual(['token-of-a', 'token-of-b']);

    // A's command is still there for A, and goes with A's token.
    token = 'token-of-a';
    await openOutboxFor('ngo-kivu-hope/a');
    expect(outboxEntries().map((e) => e.commandId)).toEqual([ofA.variables.input.commandId]);
    await retryNow();
    await settle();
    expect(tokens).toEqual(['token-of-a', 'token-of-b', 'token-of-a']);
    expect(outboxEntries()).toEqual([]);
  });

  it("drops the waiting commands that carry a person's data when the person signs out, and only those", async () => {
    mockGraphql(offline);
    const accept = command('r1');
    const victim = {
      ...command('r2'),
      mutation: 'registerVictim',
      variables: {
        input: { commandId: newCommandId(), personal: { name: 'Fictional Name', location: 'Safe house 4' } },
      },
    };
    await submitCommand(accept);
    await submitCommand(victim);
    await settle();
    expect(personalCommandsWaiting()).toBe(1);

    await forgetPersonalCommands();
    closeOutbox();
    // Nothing of the person's data is left on the device; the other command waits for its owner.
    const stored = await (await database()).getAll('outbox');
    expect(JSON.stringify(stored)).not.toContain('Safe house 4');
    expect(stored.map((e) => e.commandId)).toEqual([accept.variables.input.commandId]);
    await openOutboxFor('ngo-kivu-hope/a');
    expect(personalCommandsWaiting()).toBe(0);
  });

  it('sends nothing while nobody is signed in', async () => {
    token = undefined;
    const { calls } = mockGraphql(() => ok);
    await submitCommand(command('r1'));
    await settle();
    expect(calls).toEqual([]);
    expect(outboxEntries()).toHaveLength(1);
  });

  it('queues one command for the same commandId submitted twice, and answers both callers', async () => {
    const { calls } = mockGraphql(() => ok);
    const sent = command('r1');
    const [a, b] = await Promise.all([submitCommand(sent), submitCommand(sent)]);
    const [first, second] = await Promise.all([a.acknowledged, b.acknowledged]);
    expect(first).toEqual(second);
    await settle();
    expect(sentIds(calls)).toEqual([sent.variables.input.commandId]);
  });
});
