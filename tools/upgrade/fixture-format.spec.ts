import { describe, expect, it } from '@jest/globals';
import { compareAnswers, compressArchive, decompressArchive, describeDifferences } from './fixture-format.js';

const recorded = {
  referral: { referral: { referralId: 'r-1', status: 'ACCEPTED', consent: { agencyTypes: ['POLICE', 'PROSECUTOR'] } } },
  meeting: {
    meeting: { meetingId: 'm-1', decisions: [{ text: 'Return the cards' }], closedAt: '2026-03-05T07:29:00.000Z' },
  },
};
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('comparing the answers of today with those recorded at fixture time', () => {
  it('finds nothing when the answers are the same, whatever the order of their fields', () => {
    const reordered = {
      meeting: {
        meeting: { closedAt: '2026-03-05T07:29:00.000Z', decisions: [{ text: 'Return the cards' }], meetingId: 'm-1' },
      },
      referral: recorded.referral,
    };
    expect(compareAnswers(recorded, reordered)).toEqual([]);
  });

  it('reports a changed value at its place, with both values', () => {
    const actual = copy(recorded);
    actual.referral.referral.status = 'SUBMITTED';
    const found = compareAnswers(recorded, actual);
    expect(found).toEqual([
      { query: 'referral', path: 'referral.referral.status', recorded: 'ACCEPTED', actual: 'SUBMITTED' },
    ]);
    expect(describeDifferences(found)).toBe('referral.referral.status: recorded "ACCEPTED", now "SUBMITTED"');
  });

  it('reports a field gone, a field added, a list shortened and a query missing', () => {
    const actual = copy(recorded) as Record<string, unknown>;
    const referral = (actual['referral'] as typeof recorded.referral).referral as Record<string, unknown>;
    delete referral['status'];
    referral['reference'] = 'PMJ-1';
    (referral['consent'] as { agencyTypes: string[] }).agencyTypes.pop();
    delete actual['meeting'];
    expect(compareAnswers(recorded, actual).map((d) => d.path)).toEqual([
      'referral.referral.status',
      'referral.referral.consent.agencyTypes.length',
      'referral.referral.reference',
      'meeting',
    ]);
  });

  it('tells null from absent, and a number from its text', () => {
    const actual = copy(recorded) as Record<string, unknown>;
    (actual['meeting'] as { meeting: Record<string, unknown> }).meeting['closedAt'] = null;
    expect(compareAnswers({ n: { count: 1 } }, { n: { count: '1' } })).toHaveLength(1);
    expect(compareAnswers(recorded, actual).map((d) => d.path)).toEqual(['meeting.meeting.closedAt']);
  });

  it('passes over only the paths declared volatile', () => {
    const actual = copy(recorded);
    actual.meeting.meeting.closedAt = '2027-01-01T00:00:00.000Z';
    actual.meeting.meeting.decisions[0] = { text: 'Something else' };
    expect(compareAnswers(recorded, actual, ['meeting.meeting.closedAt']).map((d) => d.path)).toEqual([
      'meeting.meeting.decisions.0.text',
    ]);
    expect(compareAnswers(recorded, actual, ['meeting.meeting.closedAt', 'meeting.meeting.decisions.*.text'])).toEqual(
      [],
    );
  });
});

describe('the embedded archive', () => {
  it('comes back byte for byte', () => {
    const tar = Buffer.from('a tar archive, say '.repeat(100));
    const compressed = compressArchive(tar);
    expect(compressed.length).toBeLessThan(tar.length);
    expect(decompressArchive(compressed).equals(tar)).toBe(true);
  });
});
