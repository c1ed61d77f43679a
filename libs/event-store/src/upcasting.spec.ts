import { describe, expect, it } from '@jest/globals';
import { type RecordedEvent } from '@pamoja/contracts';
import { Upcasters } from './upcasting.js';

const stored: RecordedEvent = {
  eventId: '4b0c3a52-8f7e-4a55-9d1e-1f3c5b7a9e21',
  type: 'ReferralSubmitted',
  schemaVersion: 1,
  data: { site: 'Rubaya pit 3' },
  metadata: {
    actor: { userId: 'u', agencyId: 'a', agencyType: 'first_responder', roles: [] },
    correlationId: 'c',
    causationId: null,
    jointCaseId: null,
    occurredAt: '2026-01-01T00:00:00.000Z',
  },
  streamId: 'referral-1',
  streamRevision: 0,
  globalPosition: 1,
  transactionId: 700,
  recordedAt: new Date('2026-01-01T00:00:00.000Z'),
};

describe('upcasters', () => {
  const upcasters = new Upcasters()
    .register('ReferralSubmitted', 1, (data) => ({ site: { description: (data as { site: string }).site } }))
    .register('ReferralSubmitted', 2, (data) => ({ ...(data as object), childLabourFlags: [] }));

  it('brings an old event to the current version step by step, leaving the envelope alone', () => {
    const current = upcasters.upcast(stored);
    expect(current.schemaVersion).toBe(3);
    expect(current.data).toEqual({ site: { description: 'Rubaya pit 3' }, childLabourFlags: [] });
    expect({ ...current, data: stored.data, schemaVersion: 1 }).toEqual(stored);
  });

  it('leaves current events and other types untouched', () => {
    const other = { ...stored, type: 'ReferralAccepted' };
    expect(upcasters.upcast(other)).toBe(other);
  });

  it('refuses two upcasters for the same step', () => {
    expect(() => upcasters.register('ReferralSubmitted', 1, (d) => d)).toThrow(/already registered/);
  });
});
