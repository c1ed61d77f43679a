import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ASSISTANCE_PUBLISHED_TYPES } from '@pamoja/assistance/contracts';
import { type RecordedEvent } from '@pamoja/contracts';
import { COORDINATION_PUBLISHED_TYPES } from '@pamoja/coordination/contracts';
import { migrate, PgliteDatabase } from '@pamoja/event-store';
import { INVESTIGATIONS_PUBLISHED_TYPES } from '@pamoja/investigations/contracts';
import { DEFAULT_CATALOGUE, MalformedSharedEventError, RESTRICTED_ACTIVITY_NOTICE } from '@pamoja/messaging';
import { PROSECUTIONS_PUBLISHED_TYPES } from '@pamoja/prosecutions/contracts';
import { REFERRALS_PUBLISHED_TYPES } from '@pamoja/referrals/contracts';
import { SITES_PUBLISHED_TYPES } from '@pamoja/sites/contracts';
import { asJointCaseEvent, COORDINATION_READ_SCHEMA as s, jointCaseProjection } from './joint-case.projection.js';

const CASE = 'c0a80000-0000-4000-8000-0000000000c2';

/** A referral's ReferralAccepted as the coordination body receives it, with the given data. */
function accepted(data: unknown): RecordedEvent {
  return {
    eventId: '00000000-0000-4000-8000-0000000000a1',
    type: 'ReferralAccepted',
    schemaVersion: 1,
    streamId: 'referral-r1',
    streamRevision: 1,
    transactionId: 1,
    globalPosition: 1,
    recordedAt: new Date('2026-03-01T09:00:00.000Z'),
    data,
    metadata: {
      actor: { userId: 'withheld', agencyId: 'pnc-masisi', agencyType: 'police', roles: ['officer'] },
      correlationId: '11111111-2222-4333-8444-555555555555',
      causationId: null,
      jointCaseId: CASE,
      occurredAt: '2026-03-01T09:00:00.000Z',
    },
  };
}

describe("the joint case reads every context's published language", () => {
  it('has a contracts library for every event type the catalogue publishes', () => {
    const read = [
      ...REFERRALS_PUBLISHED_TYPES,
      ...SITES_PUBLISHED_TYPES,
      ...INVESTIGATIONS_PUBLISHED_TYPES,
      ...PROSECUTIONS_PUBLISHED_TYPES,
      ...ASSISTANCE_PUBLISHED_TYPES,
      ...COORDINATION_PUBLISHED_TYPES,
      RESTRICTED_ACTIVITY_NOTICE,
    ];
    const published = DEFAULT_CATALOGUE.definitions().map((d) => d.domainEventType);
    expect(new Set(read)).toEqual(new Set(published));
    expect(read).toHaveLength(new Set(read).size);
  });

  it('reads a well-formed event typed, and refuses a malformed one rather than reading it with defaults', () => {
    const data = { referralId: 'r1', byAgencyId: 'pnc-masisi', acceptedAt: '2026-03-01T09:00:00.000Z' };
    expect(asJointCaseEvent(accepted(data))).toMatchObject({ type: 'ReferralAccepted', data });
    expect(() => asJointCaseEvent(accepted({ referralId: 'r1' }))).toThrow(MalformedSharedEventError);
    expect(asJointCaseEvent({ ...accepted(data), type: 'MinutesRecorded' })).toBeNull();
  });

  describe('a malformed event (for the dead letters)', () => {
    let db: PgliteDatabase;

    beforeAll(async () => {
      db = await PgliteDatabase.open();
      await migrate(db, s, jointCaseProjection.migrations);
    });

    afterAll(async () => {
      await db.close();
    });

    it('fails the projection and leaves the case as it was', async () => {
      await expect(db.transaction((tx) => jointCaseProjection.apply(tx, accepted({ referralId: 42 })))).rejects.toThrow(
        /referralId: expected string/,
      );
      expect(await db.query(`SELECT 1 FROM ${s}.timeline WHERE joint_case_id = $1`, [CASE])).toEqual([]);
    });
  });
});
