import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  type Actor,
  type Decider,
  type DomainEvent,
  InvalidInputError,
  type LogPosition,
  parseInput,
  RuleViolationError,
  type Text,
} from '@pamoja/contracts';
import { commandRunner, openPgliteEventStore, type CommandOutcome, type SqlEventStore } from '@pamoja/event-store';
import { InMemoryAgencyDirectory } from '@pamoja/platform/directory';
import { CommandEndpoint, type CommandPreparation } from './command-endpoint.js';
import { cursorPart, keysetCursor } from './keyset-cursor.js';

// A notebook of notes: enough to see every step of the kit, from the client's input to the store.
type Metadata = { readonly actor: Actor; readonly now: Date };
type WriteNote = {
  readonly type: 'WriteNote';
  readonly data: { notebookId: string; text: Text };
  readonly metadata: Metadata;
};
type SentWriteNote = {
  readonly type: 'WriteNote';
  readonly data: { notebookId: string; text: string };
  readonly metadata: Metadata;
};
type NoteWritten = DomainEvent<'NoteWritten', { notebookId: string; text: string }>;
const MAX_NOTES = 2;
const notebook: Decider<WriteNote, NoteWritten, number> = {
  initialState: 0,
  decide: (command, count) => {
    if (count >= MAX_NOTES) throw new RuleViolationError('notebook_full', 'the notebook is full');
    return [{ type: 'NoteWritten', schemaVersion: 1, data: { ...command.data } }];
  },
  evolve: (count) => count + 1,
};
const runnerSpec = {
  name: 'notebook',
  parse: (sent: SentWriteNote): WriteNote =>
    parseInput((p) => ({ ...sent, data: { ...sent.data, text: p.text('text', sent.data.text, 20) } })),
  decider: notebook,
  eventTypes: ['NoteWritten'] as const,
  streamId: (command: WriteNote) => `notebook-${command.data.notebookId}`,
  jointCaseId: { ofState: () => null },
  result: (outcome: CommandOutcome<number>) => ({
    count: outcome.state,
    revision: outcome.revision,
    replayed: outcome.replayed,
    position: outcome.position,
  }),
};
const runner = commandRunner(runnerSpec);

const directory = new InMemoryAgencyDirectory();
const actor: Actor = { userId: 'u1', agencyId: 'ngo-1', agencyType: 'first_responder', roles: [] };
const clock = { now: () => new Date('2026-03-01T08:00:00.000Z') };

describe('the command kit', () => {
  let store: SqlEventStore;
  const waited: (LogPosition | undefined)[] = [];
  const projections = {
    waitFor: (position: LogPosition | undefined) => {
      waited.push(position);
      return Promise.resolve(true);
    },
  };
  beforeAll(async () => {
    store = await openPgliteEventStore({});
  });
  afterAll(() => store.close());

  const send = (
    endpoint: CommandEndpoint<SentWriteNote, { count: number; position: LogPosition | undefined }>,
    notebookId: string,
    text: string,
    commandId = randomUUID(),
  ) =>
    endpoint.send({ commandId }, actor, randomUUID(), (metadata) => ({
      type: 'WriteNote',
      metadata,
      data: { notebookId, text },
    }));

  it('parses at the edge, decides, appends, and waits for the read models before answering', async () => {
    const endpoint = new CommandEndpoint(store, projections, clock, runner, directory);
    const notebookId = randomUUID();
    const answer = await send(endpoint, notebookId, '  first  ');
    expect(answer).toMatchObject({ count: 1, revision: 0, replayed: false });
    expect(waited.at(-1)).toEqual(answer.position);
    const [event] = await store.readStream(`notebook-${notebookId}`);
    expect(event).toMatchObject({ type: 'NoteWritten', data: { notebookId, text: 'first' } });
  });

  it('refuses bad input naming the field, before deciding, and writes nothing', async () => {
    const endpoint = new CommandEndpoint(store, projections, clock, runner, directory);
    const notebookId = randomUUID();
    const refused = send(endpoint, notebookId, '   ');
    await expect(refused).rejects.toBeInstanceOf(InvalidInputError);
    await expect(refused).rejects.toMatchObject({ problems: [{ field: 'text', reason: 'is required' }] });
    expect(await store.readStream(`notebook-${notebookId}`)).toEqual([]);
  });

  it('answers a retry as sent with the first outcome, though parsing changed the text', async () => {
    const endpoint = new CommandEndpoint(store, projections, clock, runner, directory);
    const notebookId = randomUUID();
    const commandId = randomUUID();
    const first = await send(endpoint, notebookId, ' spaced ', commandId);
    const retry = await send(endpoint, notebookId, ' spaced ', commandId);
    expect(retry).toEqual({ ...first, replayed: true });
    await expect(send(endpoint, notebookId, 'other', commandId)).rejects.toBeInstanceOf(InvalidInputError);
    expect(await store.readStream(`notebook-${notebookId}`)).toHaveLength(1);
  });

  it('runs the context’s preparation first on every path; a refusal there writes nothing', async () => {
    const seen: string[] = [];
    const onlyOwnNotebooks: CommandPreparation<SentWriteNote> = {
      prepare: (command) => {
        seen.push(command.data.notebookId);
        if (command.data.notebookId.startsWith('other-')) {
          return Promise.reject(new RuleViolationError('not_yours', 'not your notebook'));
        }
        return Promise.resolve(command);
      },
    };
    const endpoint = new CommandEndpoint(store, projections, clock, runner, directory, onlyOwnNotebooks);
    await send(endpoint, 'mine-1', 'hello');
    // The platform's own command, not through a mutation, is prepared too.
    const platformCommand = endpoint.execute(
      { type: 'WriteNote', data: { notebookId: 'other-1', text: 'x' }, metadata: { actor, now: clock.now() } },
      { commandId: randomUUID(), actor, correlationId: randomUUID() },
    );
    await expect(platformCommand).rejects.toBeInstanceOf(RuleViolationError);
    expect(seen).toEqual(['mine-1', 'other-1']);
    expect(await store.readStream('notebook-other-1')).toEqual([]);
  });

  it('answers a retry that arrives after its input stopped passing (a date gone by) with the first outcome', async () => {
    // A note with a date that must be in the future when the note is written.
    const dated = commandRunner({
      ...runnerSpec,
      name: 'dated-notebook',
      parse: (sent: SentWriteNote): WriteNote =>
        parseInput((p) => {
          if (Date.parse(sent.data.text) <= sent.metadata.now.getTime()) p.add('text', 'must be in the future');
          return { ...sent, data: { ...sent.data, text: p.text('text', sent.data.text, 30) } };
        }),
    });
    let now = new Date('2026-03-01T08:00:00.000Z');
    const endpoint = new CommandEndpoint(store, projections, { now: () => now }, dated, directory);
    const notebookId = randomUUID();
    const commandId = randomUUID();
    const first = await send(endpoint, notebookId, '2026-03-02T08:00:00.000Z', commandId);
    now = new Date('2026-03-05T08:00:00.000Z');
    // The client never heard the answer and retries days later: same answer, nothing new written.
    expect(await send(endpoint, notebookId, '2026-03-02T08:00:00.000Z', commandId)).toEqual({
      ...first,
      replayed: true,
    });
    // A new command with that date is refused, naming the field.
    await expect(send(endpoint, notebookId, '2026-03-02T08:00:00.000Z')).rejects.toMatchObject({
      problems: [{ field: 'text', reason: 'must be in the future' }],
    });
    expect(await store.readStream(`notebook-${notebookId}`)).toHaveLength(1);
  });

  it('keeps the domain rule: a full notebook refuses', async () => {
    const endpoint = new CommandEndpoint(store, projections, clock, runner, directory);
    const notebookId = randomUUID();
    for (let i = 0; i < MAX_NOTES; i++) await send(endpoint, notebookId, `note ${i}`);
    await expect(send(endpoint, notebookId, 'one more')).rejects.toMatchObject({ rule: 'notebook_full' });
  });

  it('refuses a command naming an agency that is not in the directory, suspended or of another type', async () => {
    const agency = (agencyId: string, agencyType: Actor['agencyType'], status: 'active' | 'suspended') => ({
      agencyId,
      name: agencyId.toUpperCase(),
      agencyType,
      province: 'north_kivu' as const,
      territory: null,
      parentAgencyId: null,
      contact: { email: null, phone: null },
      status,
      registeredAt: '2026-01-01T00:00:00.000Z',
      suspendedAt: status === 'suspended' ? '2026-02-01T00:00:00.000Z' : null,
      suspensionReason: status === 'suspended' ? 'audit' : null,
    });
    const known = new InMemoryAgencyDirectory([
      agency('pnc-1', 'police', 'active'),
      agency('pnc-2', 'police', 'suspended'),
      agency('ngo-2', 'assistance_provider', 'active'),
    ]);
    // The note is "addressed" to the agency its notebook id names, which must be a police unit.
    const addressed = commandRunner({
      ...runnerSpec,
      references: (command: SentWriteNote) => [
        { field: 'notebookId', agencyId: command.data.notebookId, agencyTypes: ['police'] },
      ],
    });
    const endpoint = new CommandEndpoint(store, projections, clock, addressed, known);
    await expect(send(endpoint, 'pnc-1', 'to the police')).resolves.toMatchObject({ count: 1 });
    for (const [notebookId, reason] of [
      ['pnc-typo', 'pnc-typo is not an agency in the directory'],
      ['pnc-2', 'PNC-2 (pnc-2) is suspended'],
      ['ngo-2', 'NGO-2 (ngo-2) is an assistance provider, not a police unit'],
    ] as const) {
      await expect(send(endpoint, notebookId, 'lost')).rejects.toMatchObject({
        problems: [{ field: 'notebookId', reason }],
      });
      expect(await store.readStream(`notebook-${notebookId}`)).toEqual([]);
    }
  });

  it('answers a retry as it did, though the agency it named was suspended since', async () => {
    const active = new InMemoryAgencyDirectory([
      {
        agencyId: 'pnc-3',
        name: 'PNC 3',
        agencyType: 'police',
        province: null,
        territory: null,
        parentAgencyId: null,
        contact: { email: null, phone: null },
        status: 'active',
        registeredAt: '2026-01-01T00:00:00.000Z',
        suspendedAt: null,
        suspensionReason: null,
      },
    ]);
    const suspended = new InMemoryAgencyDirectory();
    const addressed = commandRunner({
      ...runnerSpec,
      references: (command: SentWriteNote) => [{ field: 'notebookId', agencyId: command.data.notebookId }],
    });
    const commandId = randomUUID();
    const first = await send(
      new CommandEndpoint(store, projections, clock, addressed, active),
      'pnc-3',
      'hi',
      commandId,
    );
    const retry = await send(
      new CommandEndpoint(store, projections, clock, addressed, suspended),
      'pnc-3',
      'hi',
      commandId,
    );
    expect(retry).toEqual({ ...first, replayed: true });
  });
});

describe('keyset cursors', () => {
  const cursor = keysetCursor(cursorPart.instant, cursorPart.id, cursorPart.int);
  const notOurs = {
    problems: [{ field: 'after', reason: 'is not a cursor of this list; pass an endCursor it returned' }],
  };

  it('gives back the sort key it was made from, typed part by part', () => {
    const at = new Date('2026-03-01T08:00:00.000Z');
    const [time, id, rank] = cursor.decode(cursor.encode([at, 'r-1', 3]));
    expect(time).toEqual(at);
    expect([id, rank]).toEqual(['r-1', 3]);
    expect(cursor.keyOf([at, 'r-1', 3])).toEqual([at.toISOString(), 'r-1', 3]);
  });

  it('refuses a cursor of another list, a forged one and garbage, naming the field', () => {
    const other = keysetCursor(cursorPart.id, cursorPart.id);
    expect(() => cursor.decode(other.encode(['a', 'b']))).toThrow(expect.objectContaining(notOurs));
    const forged = Buffer.from(JSON.stringify(['not a time', 'r-1', 3])).toString('base64url');
    expect(() => cursor.decode(forged)).toThrow(expect.objectContaining(notOurs));
    expect(() => cursor.decode('%%%', 'before')).toThrow(
      expect.objectContaining({
        problems: [{ field: 'before', reason: expect.stringContaining('is not a cursor') as unknown }],
      }),
    );
  });
});
