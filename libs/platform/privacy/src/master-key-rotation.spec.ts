import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { PgliteDatabase } from '@pamoja/event-store';
import { loadMasterKey, MASTER_KEY_FILE, NEXT_MASTER_KEY_FILE } from './master-key.js';
import { unwrapKey } from './personal-data-cipher.js';
import {
  masterKeyId,
  rewrapPersonalDataKeys,
  SqlPersonalDataKeys,
  type RotationStep,
  type SqlPersonalDataKeysOptions,
} from './sql-personal-data-keys.js';

/*
 * ADR 0018: in embedded mode, destroying a data key replaces the data directory's master key, so that the
 * destroyed key's old wrapped copies (old row versions, the WAL, copies of the directory) open with no key
 * that still exists. A crash at any point of the rotation must lose no one's key.
 */

const SUBJECTS = ['person:a', 'person:b', 'person:c'];
const dirs: string[] = [];
const open: PgliteDatabase[] = [];

afterEach(async () => {
  for (const db of open.splice(0)) await db.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function dataDirectory(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pamoja-rotation-'));
  dirs.push(dir);
  return dir;
}

/** A process starting on the data directory: its database and its key store, as the platform opens them. */
async function start(dataDir: string, options: SqlPersonalDataKeysOptions = {}) {
  const db = await PgliteDatabase.open(join(dataDir, 'pglite'));
  open.push(db);
  const keys = await SqlPersonalDataKeys.open(
    db,
    await loadMasterKey({ dataDir, masterKey: undefined, mode: 'embedded' }),
    {
      cacheTtlMs: 0,
      ...options,
    },
  );
  return { db, keys };
}

async function stop(db: PgliteDatabase): Promise<void> {
  open.splice(open.indexOf(db), 1);
  await db.close();
}

const keyFile = async (dataDir: string) =>
  Buffer.from((await readFile(join(dataDir, MASTER_KEY_FILE), 'utf8')).trim(), 'base64');
const keyFiles = async (dataDir: string) => (await readdir(dataDir)).filter((name) => name.startsWith(MASTER_KEY_FILE));

async function wrappedKeys(db: PgliteDatabase): Promise<Map<string, Buffer>> {
  const rows = await db.query<{ subject_id: string; wrapped_key: Uint8Array }>(
    `SELECT subject_id, wrapped_key FROM privacy.personal_data_keys WHERE wrapped_key IS NOT NULL`,
  );
  return new Map(rows.map((row) => [row.subject_id, Buffer.from(row.wrapped_key)]));
}

async function dataKeys(keys: SqlPersonalDataKeys, subjects: readonly string[]): Promise<Map<string, string>> {
  const found = await keys.keysForReading(subjects);
  return new Map(
    [...found].map(([subject, key]) => [subject, key.state === 'active' ? key.key.toString('hex') : key.state]),
  );
}

/** Three people with keys; returns their data keys, the master key and the wrapped keys as first stored. */
async function threePeople(dataDir: string) {
  const { db, keys } = await start(dataDir);
  for (const subject of SUBJECTS) await keys.keyForWriting(subject);
  const before = {
    dataKeys: await dataKeys(keys, SUBJECTS),
    master: await keyFile(dataDir),
    wrapped: await wrappedKeys(db),
  };
  await stop(db);
  return before;
}

/** Nothing lost: b and c have the same data keys; a is erased; its old wrapped key opens with no key file. */
async function expectSettled(dataDir: string, before: Awaited<ReturnType<typeof threePeople>>) {
  const { db, keys } = await start(dataDir);
  expect(await keyFiles(dataDir)).toEqual([MASTER_KEY_FILE]);
  const now = await dataKeys(keys, SUBJECTS);
  expect(now.get('person:a')).toBe('erased');
  expect(now.get('person:b')).toBe(before.dataKeys.get('person:b'));
  expect(now.get('person:c')).toBe(before.dataKeys.get('person:c'));
  const master = await keyFile(dataDir);
  expect(master.equals(before.master)).toBe(false);
  expect(() => unwrapKey(master, before.wrapped.get('person:a') as Buffer, 'person:a')).toThrow();
  const [state] = await db.query<{ master_key_id: string; rotation_due: boolean }>(
    `SELECT master_key_id, rotation_due FROM privacy.master_key`,
  );
  expect(state).toEqual({ master_key_id: masterKeyId(master), rotation_due: false });
  expect(keys.masterKeyId).toBe(masterKeyId(master));
  await stop(db);
}

describe('rotating the data directory master key when a data key is destroyed', () => {
  it('re-wraps every remaining key under a new master key and replaces the key file', async () => {
    const dataDir = await dataDirectory();
    const before = await threePeople(dataDir);
    const { db, keys } = await start(dataDir);
    await keys.destroy('person:a', 'legal_request');
    // This process keeps working under the new key, without a restart.
    const now = await dataKeys(keys, ['person:b', 'person:c']);
    expect(now.get('person:b')).toBe(before.dataKeys.get('person:b'));
    const rows = await wrappedKeys(db);
    expect(rows.get('person:b')?.equals(before.wrapped.get('person:b') as Buffer)).toBe(false);
    // A new person's key is wrapped under the new master key too.
    await keys.keyForWriting('person:d');
    await stop(db);
    await expectSettled(dataDir, before);
  });

  it('does not rotate when nothing live was destroyed (erasing someone who never had a key)', async () => {
    const dataDir = await dataDirectory();
    const before = await threePeople(dataDir);
    const { db, keys } = await start(dataDir);
    await keys.destroy('person:never', 'legal_request');
    expect((await keyFile(dataDir)).equals(before.master)).toBe(true);
    await stop(db);
  });

  const steps: RotationStep[] = ['next-key-written', 'keys-rewrapped', 'committed', 'promoted'];
  it.each(steps)('loses nothing when the process dies after "%s" and starts again', async (crashAt) => {
    const dataDir = await dataDirectory();
    const before = await threePeople(dataDir);
    const crashing = await start(dataDir, {
      onRotationStep: (step) => {
        if (step === crashAt) throw new Error(`crash after ${step}`);
      },
    });
    await expect(crashing.keys.destroy('person:a', 'legal_request')).rejects.toThrow(`crash after ${crashAt}`);
    const filesAtCrash = await keyFiles(dataDir);
    await stop(crashing.db);
    // What the crash left: the next key beside the current one until it was promoted.
    expect(filesAtCrash).toEqual(
      crashAt === 'promoted' ? [MASTER_KEY_FILE] : [MASTER_KEY_FILE, NEXT_MASTER_KEY_FILE].sort(),
    );
    // The next start finishes (or rolls back and redoes) the rotation: everyone else's key is intact.
    await expectSettled(dataDir, before);
  });

  it('discards a torn next key file (a crash while writing it)', async () => {
    const dataDir = await dataDirectory();
    const before = await threePeople(dataDir);
    await writeFile(join(dataDir, NEXT_MASTER_KEY_FILE), 'dG9ybg');
    const { db, keys } = await start(dataDir);
    expect(await keyFiles(dataDir)).toEqual([MASTER_KEY_FILE]);
    expect((await keyFile(dataDir)).equals(before.master)).toBe(true);
    expect((await dataKeys(keys, ['person:b'])).get('person:b')).toBe(before.dataKeys.get('person:b'));
    await stop(db);
  });

  it('touches nothing when neither key file holds the key the database records', async () => {
    const dataDir = await dataDirectory();
    await threePeople(dataDir);
    await writeFile(join(dataDir, NEXT_MASTER_KEY_FILE), `${randomBytes(32).toString('base64')}\n`);
    const db = await PgliteDatabase.open(join(dataDir, 'pglite'));
    open.push(db);
    await db.query(`UPDATE privacy.master_key SET master_key_id = 'elsewhere'`);
    await stop(db);
    await expect(start(dataDir)).rejects.toThrow(/wrapped under master key elsewhere/);
    expect(await keyFiles(dataDir)).toEqual([MASTER_KEY_FILE, NEXT_MASTER_KEY_FILE].sort());
  });
});

describe('an operator rotating PAMOJA_MASTER_KEY', () => {
  it('reads keys under the previous master key, and re-wraps them all under the new one', async () => {
    const db = await PgliteDatabase.open();
    open.push(db);
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const before = await SqlPersonalDataKeys.open(db, oldKey, { cacheTtlMs: 0 });
    const a = (await before.keyForWriting('person:a')).toString('hex');
    // During the rotation: the new key wraps, the previous one still unwraps.
    const during = await SqlPersonalDataKeys.open(db, { current: newKey, previous: [oldKey] }, { cacheTtlMs: 0 });
    const b = (await during.keyForWriting('person:b')).toString('hex');
    expect((await dataKeys(during, ['person:a'])).get('person:a')).toBe(a);
    const newOnly = await SqlPersonalDataKeys.open(db, newKey, { cacheTtlMs: 0 });
    await expect(newOnly.keysForReading(['person:a'])).rejects.toThrow(/another master key/);
    // A key under a master key not given: nothing is re-wrapped.
    await expect(db.transaction((tx) => rewrapPersonalDataKeys(tx, [randomBytes(32)], newKey))).rejects.toThrow(
      /not given/,
    );
    const result = await db.transaction((tx) => rewrapPersonalDataKeys(tx, [oldKey], newKey));
    expect(result).toEqual({ rewrapped: 1, alreadyCurrent: 1, masterKeyId: masterKeyId(newKey) });
    const after = await SqlPersonalDataKeys.open(db, newKey, { cacheTtlMs: 0 });
    expect(await dataKeys(after, ['person:a', 'person:b'])).toEqual(
      new Map([
        ['person:a', a],
        ['person:b', b],
      ]),
    );
    // The environment's key is never rotated by the platform itself.
    await expect(after.rotateNow()).rejects.toThrow(/keys tool/);
  });
});
