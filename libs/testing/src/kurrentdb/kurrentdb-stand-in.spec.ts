import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import esdb, { type EventStoreDBClient, type Position } from '@eventstore/db-client';
import { KurrentDbStandIn } from './kurrentdb-stand-in.js';

// The semantics the stand-in implements, checked through the client as the adapter sees them. Against a real
// server when KURRENTDB_URL is set (npm run test:kurrentdb): then this is the check of the stand-in itself.
const serverUrl = process.env['KURRENTDB_URL'];
const target = serverUrl ? `a real KurrentDB at ${serverUrl}` : 'the in-process stand-in (not a KurrentDB server)';
const { EventStoreDBClient: Client, jsonEvent, NO_STREAM, ANY, START, END, BACKWARDS } = esdb;

let standIn: KurrentDbStandIn | undefined;
let client: EventStoreDBClient;

beforeAll(async () => {
  process.stdout.write(`KurrentDB protocol semantics: running against ${target}\n`);
  if (!serverUrl) standIn = await KurrentDbStandIn.start();
  client = Client.connectionString(serverUrl ?? standIn!.url);
});

afterAll(async () => {
  await client.dispose();
  await standIn?.stop();
});

const stream = (): string => `semantics-${randomUUID()}`;
const event = (): ReturnType<typeof jsonEvent> =>
  jsonEvent({ id: randomUUID(), type: 'Noted', data: { at: Date.now() } });
const compare = (a: Position, b: Position): number =>
  a.commit !== b.commit ? (a.commit < b.commit ? -1 : 1) : a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1;

async function read(name: string): Promise<NonNullable<esdb.ResolvedEvent['event']>[]> {
  const out: NonNullable<esdb.ResolvedEvent['event']>[] = [];
  for await (const resolved of client.readStream(name)) if (resolved.event) out.push(resolved.event);
  return out;
}

describe(`KurrentDB protocol semantics on ${target}`, () => {
  it('one write is one transaction: its events share the commit position and are prepared in order', async () => {
    const name = stream();
    const result = await client.appendToStream(name, [event(), event(), event()], { expectedRevision: NO_STREAM });
    const events = await read(name);
    const positions = events.map((e) => e.position!);
    expect(new Set(positions.map((p) => p.commit)).size).toBe(1);
    for (let i = 1; i < positions.length; i++) expect(compare(positions[i - 1]!, positions[i]!)).toBeLessThan(0);
    expect(result.nextExpectedRevision).toBe(2n);
    // What the adapter takes as the append's position: the last event's.
    expect(result.position).toEqual(positions[2]);
  });

  it('a later write commits after an earlier one in $all', async () => {
    const first = await client.appendToStream(stream(), [event()], { expectedRevision: NO_STREAM });
    const second = await client.appendToStream(stream(), [event()], { expectedRevision: NO_STREAM });
    expect(compare(first.position!, second.position!)).toBeLessThan(0);
  });

  it('a wrong expected version writes nothing and reports the current revision', async () => {
    const name = stream();
    await client.appendToStream(name, [event(), event()], { expectedRevision: NO_STREAM });
    for (const expectedRevision of [NO_STREAM, 0n, 5n] as const) {
      const error = await client.appendToStream(name, [event()], { expectedRevision }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(esdb.WrongExpectedVersionError);
      expect((error as InstanceType<typeof esdb.WrongExpectedVersionError>).actualVersion).toBe(1n);
    }
    const missing = await client.appendToStream(stream(), [event()], { expectedRevision: 0n }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((missing as InstanceType<typeof esdb.WrongExpectedVersionError>).actualVersion).toBe('no_stream');
    expect(await read(name)).toHaveLength(2);
  });

  it('the same event ids after the same revision are written once, and the retry gets the first answer', async () => {
    const name = stream();
    const ids = [randomUUID(), randomUUID()];
    const events = ids.map((id) => jsonEvent({ id, type: 'Noted', data: { at: Date.now() } }));
    const first = await client.appendToStream(name, events, { expectedRevision: NO_STREAM });
    const again = await client.appendToStream(name, events, { expectedRevision: NO_STREAM });
    expect(again.nextExpectedRevision).toBe(first.nextExpectedRevision);
    const withAny = await client.appendToStream(name, events, { expectedRevision: ANY });
    expect(withAny.nextExpectedRevision).toBe(first.nextExpectedRevision);
    expect((await read(name)).map((e) => e.id)).toEqual(ids);
  });

  it('a deleted stream refuses appends and reads with "stream deleted"', async () => {
    const name = stream();
    await client.appendToStream(name, [event()], { expectedRevision: NO_STREAM });
    await client.tombstoneStream(name);
    await expect(client.appendToStream(name, [event()], { expectedRevision: ANY })).rejects.toBeInstanceOf(
      esdb.StreamDeletedError,
    );
    await expect(read(name)).rejects.toBeInstanceOf(esdb.StreamDeletedError);
  });

  it('a missing stream reads as "stream not found"', async () => {
    await expect(read(stream())).rejects.toBeInstanceOf(esdb.StreamNotFoundError);
  });

  it('$all reads forwards from the start and backwards from the end, system events included', async () => {
    await client.appendToStream(stream(), [event()], { expectedRevision: NO_STREAM });
    const all: esdb.AllStreamResolvedEvent[] = [];
    for await (const resolved of client.readAll({ fromPosition: START, maxCount: 10_000 })) all.push(resolved);
    // The stand-in writes one ($settings) to make readers skip them; whether a fresh server has written any yet
    // depends on its settings, so there it is not asserted.
    if (!serverUrl) expect(all.some((r) => r.event?.streamId.startsWith('$'))).toBe(true);
    const [last] = await (async () => {
      const out: esdb.AllStreamResolvedEvent[] = [];
      for await (const r of client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 })) out.push(r);
      return out;
    })();
    expect(last?.event?.position).toBeDefined();
  });

  it('a filtered subscription to $all sends only what the filter keeps, checkpoints, and says when it caught up', async () => {
    const prefix = `filtered-${randomUUID()}-`;
    await client.appendToStream(`${prefix}kept`, [event()], { expectedRevision: NO_STREAM });
    for (let i = 0; i < 25; i++) await client.appendToStream(stream(), [event()], { expectedRevision: NO_STREAM });
    const checkpoints: Position[] = [];
    const seen: string[] = [];
    const subscription = client.subscribeToAll({
      fromPosition: START,
      filter: esdb.streamNameFilter({
        prefixes: [prefix],
        maxSearchWindow: 5,
        checkpointInterval: 1,
        checkpointReached: (_s, position) => {
          checkpoints.push(position);
        },
      }),
    });
    const caughtUp = new Promise<void>((resolve) =>
      subscription.once('caughtUp', () => {
        resolve();
      }),
    );
    subscription.on('data', (resolved: esdb.AllStreamResolvedEvent) => {
      if (resolved.event) seen.push(resolved.event.streamId);
    });
    try {
      await caughtUp;
      expect(seen).toEqual([`${prefix}kept`]);
      // At least one checkpoint per five events examined: 26 of ours, more on a real server (its own events).
      expect(checkpoints.length).toBeGreaterThanOrEqual(5);
      for (let i = 1; i < checkpoints.length; i++)
        expect(compare(checkpoints[i - 1]!, checkpoints[i]!)).toBeLessThan(0);
    } finally {
      await subscription.unsubscribe();
    }
  });
});
