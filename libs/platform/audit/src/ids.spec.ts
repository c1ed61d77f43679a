import { describe, expect, it } from '@jest/globals';
import { idsOf, subjectsOf } from './ids.js';
import { statedPurpose } from './purpose.js';

describe('the ids a command names', () => {
  const input = {
    commandId: '0B2F6C1E-8D4A-4C55-9E0A-3F1D2C3B4A59',
    referralId: 'r-1',
    jointCaseId: 'c-1',
    summary: 'The team leader Fictif keeps their cards',
    note: 'r-2',
    custodian: { agencyId: 'pmh-goma', officerId: 'opj-12' },
    suspectIds: ['s-1', 's-2', 's-1'],
    personal: { name: 'Kizito Fictif', dateOfBirth: '1979-03-14' },
    toAgencyId: 'not an id: it has spaces',
    items: [{ evidenceId: 'e-1' }],
  };

  it('keeps only *Id and *Ids values that look like ids, UUIDs in lower case', () => {
    expect(idsOf({ input }, { referralId: 'r-1', investigationId: 'i-1', status: 'OPEN' })).toEqual({
      commandId: ['0b2f6c1e-8d4a-4c55-9e0a-3f1d2c3b4a59'],
      referralId: ['r-1'],
      jointCaseId: ['c-1'],
      agencyId: ['pmh-goma'],
      officerId: ['opj-12'],
      suspectId: ['s-1', 's-2'],
      evidenceId: ['e-1'],
      investigationId: ['i-1'],
    });
    expect(JSON.stringify(idsOf({ input }))).not.toMatch(/Fictif|1979|spaces/);
  });

  it('says what the command is about, not who acted or which command', () => {
    expect(subjectsOf(idsOf({ input }))).toEqual(['referral:r-1', 'suspect:s-1', 'suspect:s-2', 'evidence:e-1']);
  });
});

describe('a stated purpose', () => {
  it('is optional, trimmed, at most 200 printable characters', () => {
    expect(statedPurpose(undefined)).toEqual({ purpose: null, error: undefined });
    expect(statedPurpose('   ')).toEqual({ purpose: null, error: undefined });
    expect(statedPurpose('  Suivi médical  ')).toEqual({ purpose: 'Suivi médical', error: undefined });
    expect(statedPurpose('é'.repeat(200)).purpose).toHaveLength(200);
  });

  it('is refused naming the header when too long, not text or not printable', () => {
    for (const value of ['x'.repeat(201), 'a\tb', 'a\nb', ['a', 'b']]) {
      const { purpose, error } = statedPurpose(value);
      expect(purpose).toBeNull();
      expect(error?.problems).toEqual([{ field: 'x-pamoja-purpose', reason: expect.any(String) }]);
    }
    expect(statedPurpose(42, 'purpose').error?.problems[0]?.field).toBe('purpose');
  });
});
