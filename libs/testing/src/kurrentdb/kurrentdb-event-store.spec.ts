import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ANY,
  KurrentDbEventStore,
  NO_STREAM,
  PgliteDatabase,
  STREAM_EXISTS,
  verifyKurrentDbLog,
  type EventStore,
} from '@pamoja/event-store';
import { PersonalDataRegistry, ProtectedEventStore, SqlPersonalDataKeys } from '@pamoja/platform/privacy';
import { eventStoreContract } from '../event-store/contract/index.js';
import { newEvents, streamId } from '../event-store/contract/harness.js';
import { KurrentDbStandIn } from './kurrentdb-stand-in.js';

// The contract on the KurrentDB adapter: against a real server when KURRENTDB_URL is set (npm run test:kurrentdb),
// otherwise against the in-process stand-in (CI). Each test has a log of its own: on a real server a stream prefix
// of its own, on the stand-in a stand-in of its own.
const serverUrl = process.env['KURRENTDB_URL'];
const target = serverUrl ? `a real KurrentDB at ${serverUrl}` : 'the in-process stand-in (not a KurrentDB server)';

beforeAll(() => {
  process.stdout.write(`KurrentDB contract: running against ${target}\n`);
});

eventStoreContract(`KurrentDbEventStore against ${target}`, async (hooks) => {
  if (hooks?.beforeCommit) {
    // The held-transaction test: an append on KurrentDB is one write, committed by the server; there is no
    // transaction to hold open from the client. What it checks (nothing delivered out of order, once, after a slow
    // commit) holds by construction on $all, whose order is the commit order.
    return openHeld(hooks.beforeCommit);
  }
  return openStore();
});

// The platform's stack on this log: personal fields encrypted by the same decorator as on PostgreSQL, the keys and
// the index of event ids in a SQL database (PGlite in memory here) beside the log, as in a deployment they stay in
// PostgreSQL (the index on a real PostgreSQL: kurrentdb-event-index.int.spec.ts).
let keysDb: PgliteDatabase | undefined;
let keys: SqlPersonalDataKeys | undefined;
beforeAll(async () => {
  keysDb = await PgliteDatabase.open();
  keys = await SqlPersonalDataKeys.open(keysDb, randomBytes(32));
});
afterAll(async () => {
  await keysDb?.close();
});

eventStoreContract(`ProtectedEventStore over KurrentDbEventStore against ${target}`, async (hooks) => {
  const opened = hooks?.beforeCommit ? await openHeld(hooks.beforeCommit) : await openStore();
  const person = `person:contract-${randomUUID()}`;
  const subject = (): string => person;
  const registry = new PersonalDataRegistry().declare(
    { eventType: 'CaseOpened', paths: ['note', 'site', 'survivor', 'quote'], subjectOf: subject },
    { eventType: 'CaseNoteAdded', paths: ['i'], subjectOf: subject },
    { eventType: 'ReferralSent', paths: ['to', 'nested.deep'], subjectOf: subject },
    { eventType: 'LoadTested', paths: ['i'], subjectOf: subject },
  );
  if (!keys) throw new Error('the key table is not open');
  const store: EventStore = new ProtectedEventStore(opened.store, keys, registry);
  return { store, cleanup: opened.cleanup };
});

/** The index of event ids of a new log: a schema of its own in the PGlite database. */
function newIndex(): { indexDatabase: PgliteDatabase; indexSchema: string } {
  if (!keysDb) throw new Error('the PGlite database is not open');
  return { indexDatabase: keysDb, indexSchema: `kurrentdb_index_${randomUUID().replaceAll('-', '')}` };
}

async function openStore(): Promise<{ store: KurrentDbEventStore; cleanup: () => Promise<void> }> {
  const standIn = serverUrl ? undefined : await KurrentDbStandIn.start();
  const index = newIndex();
  const store = await KurrentDbEventStore.open({
    connectionString: serverUrl ?? standIn!.url,
    streamPrefix: serverUrl ? `t${randomUUID().replaceAll('-', '')}-` : '',
    ...index,
  });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await standIn?.stop();
      await index.indexDatabase.exec(`DROP SCHEMA ${index.indexSchema} CASCADE`);
    },
  };
}

/** The store with a hook that delays one stream's append before it is sent (there is no transaction to hold). */
async function openHeld(
  beforeCommit: (streamId: string) => Promise<void>,
): Promise<{ store: KurrentDbEventStore; cleanup: () => Promise<void> }> {
  const opened = await openStore();
  const append = opened.store.appendToStream.bind(opened.store);
  opened.store.appendToStream = async (id, events, options) => {
    await beforeCommit(id);
    return append(id, events, options);
  };
  return opened;
}

describe(`KurrentDbEventStore on ${target}: what the contract does not show`, () => {
  let standIn: KurrentDbStandIn | undefined;
  beforeAll(async () => {
    standIn = serverUrl ? undefined : await KurrentDbStandIn.start();
  });
  afterAll(async () => {
    await standIn?.stop();
  });

  it('keeps system events and other logs on the same server out of its reads', async () => {
    const url = serverUrl ?? standIn!.url;
    const mine = await KurrentDbEventStore.open({
      connectionString: url,
      streamPrefix: `a${randomUUID().slice(0, 8)}-`,
      ...newIndex(),
    });
    const other = await KurrentDbEventStore.open({
      connectionString: url,
      streamPrefix: `b${randomUUID().slice(0, 8)}-`,
      ...newIndex(),
    });
    try {
      const id = streamId();
      const written = await mine.appendToStream(id, newEvents(2), { expectedRevision: NO_STREAM });
      await other.appendToStream(id, newEvents(3), { expectedRevision: NO_STREAM });
      const read = await mine.readAll();
      expect(read.events.map((e) => e.streamId)).toEqual([id, id]);
      expect(read.checkedUpTo).toEqual(written.position);
      expect(await mine.headPosition()).toEqual(written.position);
      expect(await other.streamRevision(id)).toBe(2);
    } finally {
      await mine.close();
      await other.close();
    }
  });

  it('stores personal fields encrypted on the server and hands them back decrypted', async () => {
    if (!keys) throw new Error('the key table is not open');
    const url = serverUrl ?? standIn!.url;
    const inner = await KurrentDbEventStore.open({
      connectionString: url,
      streamPrefix: `p${randomUUID().slice(0, 8)}-`,
      ...newIndex(),
    });
    const person = `person:${randomUUID()}`;
    const registry = new PersonalDataRegistry().declare({
      eventType: 'VictimRegistered',
      paths: ['name'],
      subjectOf: () => person,
    });
    const store = new ProtectedEventStore(inner, keys, registry);
    try {
      const id = streamId('assistance');
      const [event] = newEvents(1, 'VictimRegistered');
      await store.appendToStream(id, [{ ...event!, data: { name: 'Amani Furaha', ageBand: '12-14' } }], {
        expectedRevision: NO_STREAM,
      });
      const [atRest] = await inner.readStream(id);
      expect(JSON.stringify(atRest!.data)).not.toContain('Amani');
      expect((atRest!.data as { ageBand: string }).ageBand).toBe('12-14');
      const [read] = await store.readStream(id);
      expect(read!.data).toEqual({ name: 'Amani Furaha', ageBand: '12-14' });
      expect((await store.readAll()).events[0]!.data).toEqual({ name: 'Amani Furaha', ageBand: '12-14' });
    } finally {
      await inner.close();
    }
  });

  it('verify finds every chain intact, and names the event whose stored content was changed', async () => {
    const url = serverUrl ?? standIn!.url;
    const prefix = `v${randomUUID().slice(0, 8)}-`;
    const store = await KurrentDbEventStore.open({ connectionString: url, streamPrefix: prefix, ...newIndex() });
    try {
      const a = streamId();
      const b = streamId('referral');
      await store.appendToStream(a, newEvents(3), { expectedRevision: NO_STREAM });
      await store.appendToStream(b, newEvents(1), { expectedRevision: ANY });
      await store.appendToStream(a, newEvents(2), { expectedRevision: 2 });
      await store.appendToStream(b, newEvents(2), { expectedRevision: STREAM_EXISTS });
      await store.appendToStream(a, newEvents(1), { expectedRevision: ANY });
      const intact = await verifyKurrentDbLog(store);
      expect({ intact: intact.intact, events: intact.events, streams: intact.streams }).toEqual({
        intact: true,
        events: 9,
        streams: 2,
      });
      const kept = { eventCount: 9, digest: intact.digest };
      expect((await verifyKurrentDbLog(store, { expectedDigests: [kept] })).intact).toBe(true);
      if (!standIn) return; // a real server's files are not ours to change

      // Someone rewrites revision 1 of stream a on the server: its content no longer gives its hash, and
      // revision 2 still chains on the stored one.
      standIn.tamper(`${prefix}${a}`, 1, (event) => {
        event.data = Buffer.from(JSON.stringify({ i: 99 }));
      });
      const broken = await verifyKurrentDbLog(store, { expectedDigests: [kept] });
      expect(broken.intact).toBe(false);
      expect(broken.firstBreak).toMatchObject({ kind: 'content_altered', streamId: a, streamRevision: 1 });
      // The digest is over the stored hashes, which were left alone.
      expect(broken.breaks.map((x) => x.kind)).toEqual(['content_altered']);

      // What a reader gets is the changed content: only the chain tells.
      const [tampered] = await store.readStream(a, { fromRevision: 1, maxCount: 1 });
      expect(tampered!.data).toEqual({ i: 99 });
    } finally {
      await store.close();
    }
  });

  it('tells a concurrent retry of the same events from the write: one is written, the others are replays', async () => {
    const url = serverUrl ?? standIn!.url;
    const store = await KurrentDbEventStore.open({
      connectionString: url,
      streamPrefix: `r${randomUUID().slice(0, 8)}-`,
      ...newIndex(),
    });
    try {
      const id = streamId();
      const events = newEvents(2);
      const results = await Promise.all(
        Array.from({ length: 4 }, () => store.appendToStream(id, events, { expectedRevision: NO_STREAM })),
      );
      expect(results.filter((r) => !r.idempotentReplay)).toHaveLength(1);
      expect(new Set(results.map((r) => JSON.stringify(r.position))).size).toBe(1);
      expect((await store.readStream(id)).map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
    } finally {
      await store.close();
    }
  });
});
