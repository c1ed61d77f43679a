import { v4 as uuidv4, v5 as uuidv5 } from 'uuid';
import { describe, expect, it } from '@jest/globals';
import { idDerivedFrom, isTimeOrderedId, newId, timeOfId } from './ids.js';

const NAMESPACE = '6f1c2a8e-4b7d-5e3f-9a1b-2c3d4e5f6a7b';
const VERSION_7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('ids', () => {
  it('makes time-ordered ids: version 7, carrying the time they were made, sorting in the order they were made', () => {
    const before = Date.now();
    const ids = Array.from({ length: 2000 }, () => newId());
    const after = Date.now();
    for (const id of ids) {
      expect(id).toMatch(VERSION_7);
      expect(timeOfId(id)).toBeGreaterThanOrEqual(before);
      expect(timeOfId(id)).toBeLessThanOrEqual(after);
    }
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('tells a time-ordered id from a random or name-based one', () => {
    expect(isTimeOrderedId(newId())).toBe(true);
    expect(isTimeOrderedId(newId().toUpperCase())).toBe(true);
    expect(isTimeOrderedId(uuidv4())).toBe(false);
    expect(isTimeOrderedId(uuidv5('x', NAMESPACE))).toBe(false);
    expect(isTimeOrderedId('not-an-id')).toBe(false);
    expect(timeOfId(uuidv4())).toBeUndefined();
  });

  it('derives from a time-ordered source a time-ordered id of the same millisecond, the same every time', () => {
    const source = newId();
    const derived = idDerivedFrom(source, source, NAMESPACE);
    expect(derived).toMatch(VERSION_7);
    expect(timeOfId(derived)).toBe(timeOfId(source));
    expect(idDerivedFrom(source, source, NAMESPACE)).toBe(derived);
    expect(derived).not.toBe(source);
  });

  it('derives different ids for different names, namespaces and sources', () => {
    const source = newId();
    const ids = [
      idDerivedFrom(source, `${source}/0`, NAMESPACE),
      idDerivedFrom(source, `${source}/1`, NAMESPACE),
      idDerivedFrom(source, `${source}/0`, '3d5f7a9c-1b2d-5e4f-a6b7-c8d9e0f1a2b3'),
      idDerivedFrom(newId(), `${source}/0`, NAMESPACE),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps the name-based id (UUID v5) any other source always derived, so ids made before stay the same', () => {
    const random = uuidv4();
    expect(idDerivedFrom(random, random, NAMESPACE)).toBe(uuidv5(random, NAMESPACE));
    expect(idDerivedFrom('0b2a4f3e-1c5d-4e6f-8a7b-9c0d1e2f3a4b', 'x/0', NAMESPACE)).toBe(uuidv5('x/0', NAMESPACE));
  });

  it('derives the time-ordered ids it derived when they were introduced: a retry after an upgrade finds its events', () => {
    // Pinned: any change of the derivation would re-name what later retries of stored commands look for.
    const source = '019af9a4-5c3e-7a10-9b2c-3d4e5f60718a';
    expect(idDerivedFrom(source, `${source}/0`, NAMESPACE)).toBe('019af9a4-5c3e-7e89-a0eb-520305960123');
  });

  it('orders ids derived from later sources after those derived from earlier ones', () => {
    const early = '01890a5d-ac96-774b-bcce-b302099a8057';
    const late = '01890a5d-ac97-7000-8000-000000000000';
    const derived = [late, early].map((s) => idDerivedFrom(s, s, NAMESPACE));
    expect(derived[1]! < derived[0]!).toBe(true);
    expect(timeOfId(derived[1]!)).toBe(0x01890a5dac96);
  });
});
