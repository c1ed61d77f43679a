import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { RuleViolationError } from '@pamoja/contracts';
import { type PersonalDataKeys } from '@pamoja/platform/privacy';

/** What the contract needs from an adapter's test harness. */
export interface OpenedPersonalDataKeys {
  readonly keys: PersonalDataKeys;
  /**
   * Another instance on the same storage under the same master key, as another process (or this one after
   * a restart) opens it now: a cache of its own, nothing shared in memory.
   */
  readonly openAnother: () => Promise<PersonalDataKeys>;
  /** Every byte the storage holds for the keys, as a copy of it (a dump, a backup) would show them. */
  readonly dump: () => Promise<Buffer>;
  /** Releases what the harness opened. */
  readonly cleanup: () => Promise<void>;
}

/** Opens a key store; subjects are fresh per test, so a store may be shared between tests. */
export type OpenPersonalDataKeys = () => Promise<OpenedPersonalDataKeys>;

export interface PersonalDataKeysContractOptions {
  /**
   * How long an instance may still use a key that another instance destroyed (its cache time). The
   * instance that destroys a key stops using it at once.
   */
  readonly destroyedElsewhereWithinMs: number;
}

/** A subject's key as a reader finds it (the port's `SubjectKey`). */
type SubjectKey =
  Awaited<ReturnType<PersonalDataKeys['keysForReading']>> extends ReadonlyMap<string, infer K> ? K : never;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const subject = (): string => `person:${randomUUID()}`;

async function keyOf(keys: PersonalDataKeys, subjectId: string): Promise<SubjectKey | undefined> {
  return (await keys.keysForReading([subjectId])).get(subjectId);
}

/** What an active key reads as: its bytes in hex, or the state it is in. */
async function stateOf(keys: PersonalDataKeys, subjectId: string): Promise<string | undefined> {
  const key = await keyOf(keys, subjectId);
  return key?.state === 'active' ? key.key.toString('hex') : key?.state;
}

async function expectRefusedAsErased(write: Promise<unknown>): Promise<void> {
  await expect(write).rejects.toBeInstanceOf(RuleViolationError);
  await expect(write).rejects.toMatchObject({ rule: 'personal_data_erased' });
}

/**
 * The promises of the personal-data keys port (ADR 0013, 0018), on any adapter: one data key per person,
 * made on first use and the same ever after (in every instance, under concurrent first uses); a person
 * who never had one is unknown; destroying a key is for good, keeps when, and no key is ever made for that
 * person again (also for one who never had a key); no one else's key changes; another instance stops
 * using a destroyed key within its cache time; and the storage never holds a data key in the clear.
 */
export function personalDataKeysContract(
  name: string,
  open: OpenPersonalDataKeys,
  options: PersonalDataKeysContractOptions,
): void {
  describe(`PersonalDataKeys contract: ${name}`, () => {
    let opened: OpenedPersonalDataKeys;
    let keys: PersonalDataKeys;

    beforeEach(async () => {
      opened = await open();
      keys = opened.keys;
    });

    afterEach(async () => {
      await opened.cleanup();
    });

    it('a subject that never had a key is unknown, and asking does not make one', async () => {
      const nobody = subject();
      expect(await keyOf(keys, nobody)).toEqual({ state: 'unknown' });
      expect(await keyOf(keys, nobody)).toEqual({ state: 'unknown' });
      expect(await keyOf(await opened.openAnother(), nobody)).toEqual({ state: 'unknown' });
    });

    it('creates a 32-byte key on first use and gives the same key after, to readers and to another instance', async () => {
      const person = subject();
      const key = await keys.keyForWriting(person);
      expect(key).toHaveLength(32);
      expect((await keys.keyForWriting(person)).equals(key)).toBe(true);
      expect(await stateOf(keys, person)).toBe(key.toString('hex'));
      // Unwrapped from the storage under the master key by an instance that never saw it.
      const another = await opened.openAnother();
      expect(await stateOf(another, person)).toBe(key.toString('hex'));
      expect((await another.keyForWriting(person)).equals(key)).toBe(true);
    });

    it('gives every subject a key of its own, and answers many subjects in one look-up', async () => {
      const [a, b, erased, unknown] = [subject(), subject(), subject(), subject()];
      const keyA = await keys.keyForWriting(a);
      const keyB = await keys.keyForWriting(b);
      expect(keyA.equals(keyB)).toBe(false);
      await keys.keyForWriting(erased);
      await keys.destroy(erased, 'retention_expired');
      const found = await (await opened.openAnother()).keysForReading([a, b, erased, unknown, a]);
      expect(found.size).toBe(4);
      expect(found.get(a)).toEqual({ state: 'active', key: keyA });
      expect(found.get(b)).toEqual({ state: 'active', key: keyB });
      expect(found.get(erased)).toEqual({ state: 'erased', erasedAt: expect.any(Date) });
      expect(found.get(unknown)).toEqual({ state: 'unknown' });
      expect((await keys.keysForReading([])).size).toBe(0);
    });

    it('concurrent first uses, here and in another instance, agree on one key', async () => {
      const another = await opened.openAnother();
      const person = subject();
      const made = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? keys : another).keyForWriting(person)),
      );
      expect(new Set(made.map((key) => key.toString('hex'))).size).toBe(1);
      expect(await stateOf(await opened.openAnother(), person)).toBe(made[0]!.toString('hex'));
    });

    it('destroying a key: it reads as erased since then, and writing for that subject is refused', async () => {
      const person = subject();
      await keys.keyForWriting(person);
      const before = Date.now();
      await keys.destroy(person, 'legal_request');
      const after = Date.now();
      const found = await keyOf(keys, person);
      expect(found?.state).toBe('erased');
      if (found?.state === 'erased') {
        // The storage's clock may differ a little from ours.
        expect(found.erasedAt.getTime()).toBeGreaterThan(before - 60_000);
        expect(found.erasedAt.getTime()).toBeLessThan(after + 60_000);
      }
      await expectRefusedAsErased(keys.keyForWriting(person));
    });

    it('destroyed stays destroyed: destroying again is harmless, and another instance sees it erased and makes no key', async () => {
      const person = subject();
      await keys.keyForWriting(person);
      await keys.destroy(person, 'legal_request');
      const first = await keyOf(await opened.openAnother(), person);
      await keys.destroy(person, 'retention_expired');
      const another = await opened.openAnother();
      await another.destroy(person, 'legal_request');
      expect(await stateOf(keys, person)).toBe('erased');
      const again = await keyOf(await opened.openAnother(), person);
      expect(again).toEqual(first);
      await expectRefusedAsErased(another.keyForWriting(person));
      await expectRefusedAsErased((await opened.openAnother()).keyForWriting(person));
      expect(await stateOf(await opened.openAnother(), person)).toBe('erased');
    });

    it('destroying a subject that never had a key leaves it erased: no key is ever made for them', async () => {
      const never = subject();
      await keys.destroy(never, 'legal_request');
      expect(await stateOf(keys, never)).toBe('erased');
      await expectRefusedAsErased(keys.keyForWriting(never));
      const another = await opened.openAnother();
      expect(await stateOf(another, never)).toBe('erased');
      await expectRefusedAsErased(another.keyForWriting(never));
    });

    it("destroying one subject's key leaves every other key as it was", async () => {
      const people = [subject(), subject(), subject()];
      const before = await Promise.all(
        people.map(async (person) => (await keys.keyForWriting(person)).toString('hex')),
      );
      await keys.destroy(people[0]!, 'legal_request');
      for (const reader of [keys, await opened.openAnother()]) {
        expect(await stateOf(reader, people[0]!)).toBe('erased');
        expect(await stateOf(reader, people[1]!)).toBe(before[1]);
        expect(await stateOf(reader, people[2]!)).toBe(before[2]);
      }
      // Keys made afterwards are as good as the others.
      const later = subject();
      const laterKey = await keys.keyForWriting(later);
      expect(await stateOf(await opened.openAnother(), later)).toBe(laterKey.toString('hex'));
    });

    it('a key destroyed by another instance stops working here within the cache time', async () => {
      const person = subject();
      await keys.keyForWriting(person);
      expect((await keyOf(keys, person))?.state).toBe('active');
      await (await opened.openAnother()).destroy(person, 'legal_request');
      await sleep(options.destroyedElsewhereWithinMs + 50);
      expect(await stateOf(keys, person)).toBe('erased');
      await expectRefusedAsErased(keys.keyForWriting(person));
    });

    it('the storage holds no data key in the clear', async () => {
      const people = [subject(), subject()];
      const made = await Promise.all(people.map((person) => keys.keyForWriting(person)));
      const dump = await opened.dump();
      expect(dump.length).toBeGreaterThan(0);
      for (const key of made) {
        expect(dump.includes(key)).toBe(false);
        expect(dump.includes(Buffer.from(key.toString('hex')))).toBe(false);
        expect(dump.includes(Buffer.from(key.toString('base64')))).toBe(false);
      }
    });
  });
}
