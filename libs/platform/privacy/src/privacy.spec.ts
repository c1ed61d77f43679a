import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type EventMetadata, type NewEvent, type RecordedEvent } from '@pamoja/contracts';
import { NO_STREAM, PgliteDatabase, ProjectionRunner, SqlEventStore, Upcasters } from '@pamoja/event-store';
import { loadConfig } from '@pamoja/platform/config';
import { personalDataErasureProjection } from './erasure.projection.js';
import { loadMasterKey, MASTER_KEY_FILE } from './master-key.js';
import { PersonalDataErasedError } from './personal-data-keys.js';
import { PersonalDataRegistry, type ErasureDeclaration } from './personal-data-registry.js';
import { ProtectedEventStore } from './protected-event-store.js';
import { SqlPersonalDataKeys } from './sql-personal-data-keys.js';

const NAME = 'Furaha Zawadi-Test';
const PHONE = '+243 990 000 111';

const metadata: EventMetadata = {
  actor: { userId: 'u1', agencyId: 'ngo-1', agencyType: 'assistance_provider', roles: ['case_worker'] },
  correlationId: randomUUID(),
  causationId: null,
  jointCaseId: null,
  occurredAt: new Date().toISOString(),
};

const ERASURE: ErasureDeclaration = {
  eventType: 'PersonErased',
  subjectOf: (data) => `person:${String(data['personId'])}`,
  reasonOf: () => 'legal_request',
};

function registry(): PersonalDataRegistry {
  return new PersonalDataRegistry()
    .declare({
      eventType: 'PersonRegistered',
      paths: ['personal', 'contact.phone'],
      subjectOf: (data) => `person:${String(data['personId'])}`,
    })
    .declareErasure(ERASURE);
}

const registered = (personId: string, eventId = randomUUID()): NewEvent => ({
  eventId,
  type: 'PersonRegistered',
  schemaVersion: 1,
  data: { personId, personal: { fullName: NAME, dateOfBirth: '1999-01-02' }, contact: { phone: PHONE }, age: 'adult' },
  metadata,
});
const erased = (personId: string): NewEvent => ({
  eventId: randomUUID(),
  type: 'PersonErased',
  schemaVersion: 1,
  data: { personId },
  metadata,
});

describe('personal data encrypted per person', () => {
  // One database for the suite (each test its own people and streams): opening PGlite is slow.
  let db: PgliteDatabase;
  let inner: SqlEventStore;
  const masterKey = randomBytes(32);
  beforeAll(async () => {
    db = await PgliteDatabase.open();
    inner = await SqlEventStore.open(db);
  });
  afterAll(async () => {
    await inner.close();
    await db.close();
  });

  async function setUp(options: { upcasters?: Upcasters } = {}) {
    const keys = await SqlPersonalDataKeys.open(db, masterKey);
    const store = new ProtectedEventStore(inner, keys, registry(), options);
    const rawData = async (streamId: string): Promise<string> =>
      JSON.stringify(
        await db.query('SELECT data::text AS data FROM event_store.events WHERE stream_id = $1', [streamId]),
      );
    return { db, masterKey, keys, inner, store, rawData };
  }

  it('stores the declared fields encrypted and gives them back on every read path', async () => {
    const { store, rawData, inner } = await setUp();
    const personId = randomUUID();
    const event = registered(personId);
    await store.appendToStream(`person-${personId}`, [event], { expectedRevision: NO_STREAM });

    const stored = await rawData(`person-${personId}`);
    expect(stored).not.toContain('Furaha');
    expect(stored).not.toContain('990 000');
    expect(stored).not.toContain('1999-01-02');
    expect(stored).toContain('adult');
    const [raw] = await inner.readStream(`person-${personId}`);
    expect(raw?.data).toMatchObject({
      personal: { encrypted: { v: 1, subject: `person:${personId}` } },
      contact: { phone: { encrypted: { v: 1 } } },
    });

    const plain = { personal: { fullName: NAME, dateOfBirth: '1999-01-02' }, contact: { phone: PHONE } };
    expect((await store.readStream(`person-${personId}`))[0]?.data).toMatchObject(plain);
    const filter = { streamPrefixes: [`person-${personId}`] };
    expect((await store.readAll({ filter })).events[0]?.data).toMatchObject(plain);
    expect((await store.findEvent(event.eventId))?.data).toMatchObject(plain);
    const delivered: RecordedEvent[] = [];
    const subscription = store.subscribeToAll({
      filter,
      onEvents: (events) => {
        delivered.push(...events);
        return Promise.resolve();
      },
    });
    for (let i = 0; i < 100 && delivered.length === 0; i++) await sleep(20);
    await subscription.stop();
    expect(delivered[0]?.data).toMatchObject(plain);
  });

  it('leaves events without personal data, and absent personal data, as they are', async () => {
    const { store, keys } = await setUp();
    const personId = randomUUID();
    const event: NewEvent = { ...registered(personId), data: { personId, personal: null, contact: {} } };
    await store.appendToStream(`person-${personId}`, [event], { expectedRevision: NO_STREAM });
    expect((await store.readStream(`person-${personId}`))[0]?.data).toEqual({ personId, personal: null, contact: {} });
    // No key was made for someone without personal data.
    expect((await keys.keysForReading([`person:${personId}`])).get(`person:${personId}`)).toEqual({
      state: 'unknown',
    });
  });

  it('recognises a retried append by its event ids although the ciphertext differs', async () => {
    const { store } = await setUp();
    const personId = randomUUID();
    const event = registered(personId);
    const first = await store.appendToStream(`person-${personId}`, [event], { expectedRevision: NO_STREAM });
    const retry = await store.appendToStream(`person-${personId}`, [event], { expectedRevision: NO_STREAM });
    expect(first.idempotentReplay).toBe(false);
    expect(retry.idempotentReplay).toBe(true);
    expect(retry.position).toEqual(first.position);
    expect(await store.readStream(`person-${personId}`)).toHaveLength(1);
  });

  it('upcasts after decrypting, so upcasters see plain values', async () => {
    const upcasters = new Upcasters().register('PersonRegistered', 1, (data) => {
      const d = data as { personal: { fullName: string } };
      return { ...d, initials: d.personal.fullName.slice(0, 1) };
    });
    const { store } = await setUp({ upcasters });
    const personId = randomUUID();
    await store.appendToStream(`person-${personId}`, [registered(personId)], { expectedRevision: NO_STREAM });
    const [event] = await store.readStream(`person-${personId}`);
    expect(event?.schemaVersion).toBe(2);
    expect(event?.data).toMatchObject({ initials: 'F' });
  });

  it('erasure destroys the key: the fields read as null, the rest stays, and no new personal data is written', async () => {
    const { store, db, keys } = await setUp();
    const personId = randomUUID();
    const other = randomUUID();
    await store.appendToStream(`person-${personId}`, [registered(personId)], { expectedRevision: NO_STREAM });
    await store.appendToStream(`person-${other}`, [registered(other)], { expectedRevision: NO_STREAM });
    await store.appendToStream(`person-${personId}`, [erased(personId)], { expectedRevision: 0 });

    const [first] = await store.readStream(`person-${personId}`);
    expect(first?.data).toEqual({ personId, personal: null, contact: { phone: null }, age: 'adult' });
    // Another person's data is untouched.
    expect((await store.readStream(`person-${other}`))[0]?.data).toMatchObject({ personal: { fullName: NAME } });
    const rows = await db.query<{ wrapped_key: unknown; erased_at: Date | null; erase_reason: string | null }>(
      'SELECT wrapped_key, erased_at, erase_reason FROM privacy.personal_data_keys WHERE subject_id = $1',
      [`person:${personId}`],
    );
    expect(rows).toEqual([{ wrapped_key: null, erased_at: expect.any(Date), erase_reason: 'legal_request' }]);
    await expect(keys.keyForWriting(`person:${personId}`)).rejects.toBeInstanceOf(PersonalDataErasedError);
    await expect(
      store.appendToStream(`person-${personId}`, [registered(personId)], { expectedRevision: 1 }),
    ).rejects.toBeInstanceOf(PersonalDataErasedError);
  });

  it('a key destroyed in one process stops working in another within the cache time', async () => {
    const { db, masterKey, store } = await setUp();
    const elsewhere = await SqlPersonalDataKeys.open(db, masterKey, { cacheTtlMs: 100 });
    const otherProcess = new ProtectedEventStore(inner, elsewhere, registry());
    const personId = randomUUID();
    await store.appendToStream(`person-${personId}`, [registered(personId)], { expectedRevision: NO_STREAM });
    expect((await otherProcess.readStream(`person-${personId}`))[0]?.data).toMatchObject({
      personal: { fullName: NAME },
    });
    await store.appendToStream(`person-${personId}`, [erased(personId)], { expectedRevision: 0 });
    await sleep(150);
    expect((await otherProcess.readStream(`person-${personId}`))[0]?.data).toMatchObject({ personal: null });
  });

  it('the erasure projection destroys the key when the process stopped between the erasure and the key', async () => {
    const { store, inner, db } = await setUp();
    const personId = randomUUID();
    await store.appendToStream(`person-${personId}`, [registered(personId)], { expectedRevision: NO_STREAM });
    // The erasure reached the log, the key was not destroyed (as after a crash).
    await inner.appendToStream(`person-${personId}`, [erased(personId)], { expectedRevision: 0 });
    expect((await store.readStream(`person-${personId}`))[0]?.data).toMatchObject({ personal: { fullName: NAME } });

    const projection = personalDataErasureProjection('test.personal-data-erasure', [ERASURE]);
    const runner = new ProjectionRunner(store, db, [projection]);
    await runner.migrate();
    await runner.rebuild(projection.name);
    const fresh = new ProtectedEventStore(inner, await SqlPersonalDataKeys.open(db, randomBytes(32)), registry());
    expect((await fresh.readStream(`person-${personId}`))[0]?.data).toMatchObject({ personal: null });
    // Running it again (a rebuild) changes nothing and never brings a key back.
    await runner.rebuild(projection.name);
    const [row] = await db.query<{ wrapped_key: unknown }>(
      'SELECT wrapped_key FROM privacy.personal_data_keys WHERE subject_id = $1',
      [`person:${personId}`],
    );
    expect(row?.wrapped_key).toBeNull();
  });

  it('refuses a ciphertext that was altered or moved to another event, and a wrong master key', async () => {
    const { store, db, inner } = await setUp();
    const personId = randomUUID();
    const first = registered(personId);
    await store.appendToStream(`person-${personId}`, [first], { expectedRevision: NO_STREAM });
    const [raw] = await inner.readStream(`person-${personId}`);
    // The same envelope copied into a second event of the same person does not decrypt there.
    const copy: NewEvent = { ...registered(personId), data: raw?.data };
    await inner.appendToStream(`person-${personId}`, [copy], { expectedRevision: 0 });
    await expect(store.findEvent(copy.eventId)).rejects.toThrow();
    expect((await store.findEvent(first.eventId))?.data).toMatchObject({ personal: { fullName: NAME } });

    const wrongMaster = new ProtectedEventStore(inner, await SqlPersonalDataKeys.open(db, randomBytes(32)), registry());
    await expect(wrongMaster.findEvent(first.eventId)).rejects.toThrow(/another master key/);
  });

  it('a database dump holds no usable key: data keys are stored wrapped under the master key', async () => {
    const { db, store, masterKey } = await setUp();
    const personId = randomUUID();
    await store.appendToStream(`person-${personId}`, [registered(personId)], { expectedRevision: NO_STREAM });
    const [row] = await db.query<{ wrapped_key: Uint8Array }>(
      'SELECT wrapped_key FROM privacy.personal_data_keys WHERE subject_id = $1',
      [`person:${personId}`],
    );
    const wrapped = Buffer.from(row?.wrapped_key ?? new Uint8Array());
    expect(wrapped).toHaveLength(12 + 16 + 32);
    const keys = await SqlPersonalDataKeys.open(db, masterKey);
    const found = (await keys.keysForReading([`person:${personId}`])).get(`person:${personId}`);
    expect(found?.state).toBe('active');
    if (found?.state === 'active') expect(wrapped.includes(found.key)).toBe(false);
  });

  it('keeps no sample of the wrapped keys in the planner statistics, which erasure would not reach', async () => {
    const { db, store } = await setUp();
    for (let i = 0; i < 5; i++) {
      const personId = randomUUID();
      await store.appendToStream(`person-${personId}`, [registered(personId)], { expectedRevision: NO_STREAM });
    }
    await db.query('ANALYZE privacy.personal_data_keys');
    const columns = await db.query<{ column: string }>(
      `SELECT attname AS column FROM pg_stats WHERE schemaname = 'privacy' AND tablename = 'personal_data_keys'
       ORDER BY attname`,
    );
    // The other columns are analysed as any; the wrapped key is not.
    expect(columns.map((c) => c.column)).toContain('subject_id');
    expect(columns.map((c) => c.column)).not.toContain('wrapped_key');
  });
});

describe('the master key', () => {
  it('is created once in the data directory, readable by the owner only, and reused', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'pamoja-master-key-'));
    try {
      const [a, b] = await Promise.all([
        loadMasterKey({ dataDir, masterKey: undefined }).then((keys) => keys.current),
        loadMasterKey({ dataDir, masterKey: undefined }).then((keys) => keys.current),
      ]);
      expect(a).toHaveLength(32);
      expect(b.equals(a)).toBe(true);
      expect((await loadMasterKey({ dataDir, masterKey: undefined })).current.equals(a)).toBe(true);
      expect((await stat(join(dataDir, MASTER_KEY_FILE))).mode & 0o777).toBe(0o600);
      expect(Buffer.from((await readFile(join(dataDir, MASTER_KEY_FILE), 'utf8')).trim(), 'base64')).toEqual(a);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('comes from PAMOJA_MASTER_KEY when set, which production requires and which must be 32 bytes', async () => {
    const key = randomBytes(32);
    const config = loadConfig({ PAMOJA_MASTER_KEY: key.toString('base64') }, { mode: 'embedded', serviceName: 't' });
    expect((await loadMasterKey(config)).current.equals(key)).toBe(true);
    expect(() =>
      loadConfig({ PAMOJA_MASTER_KEY: randomBytes(16).toString('base64') }, { mode: 'embedded', serviceName: 't' }),
    ).toThrow(/PAMOJA_MASTER_KEY must be 32 bytes/);
    expect(() =>
      loadConfig(
        { NODE_ENV: 'production', PAMOJA_JWKS_URL: 'https://id.example/jwks', PAMOJA_JWT_ISSUER: 'https://id.example' },
        { mode: 'embedded', serviceName: 't' },
      ),
    ).toThrow(/PAMOJA_MASTER_KEY is required when NODE_ENV=production/);
  });
});
