import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { type RecordedEvent } from '@pamoja/contracts';
import { migrate, PgliteDatabase } from '@pamoja/event-store';
import { type ReferralsShared } from '@pamoja/referrals/contracts';
import { caseSitesProjection } from './case-sites.projection.js';

const SCHEMA = 'spec_case_sites';
const projection = caseSitesProjection('spec.case-sites', SCHEMA);
const CASE = 'c0a80000-0000-4000-8000-000000000001';
const AT = '2026-03-01T08:00:00.000Z';

/** A referral as another agency receives it (shared), at a given log position. */
function referral(position: number, siteCode: string | null, jointCaseId: string = CASE): RecordedEvent {
  const data: ReferralsShared<'ReferralSubmitted'> = {
    referralId: `r${position}`,
    jointCaseId,
    jointCase: position === 1 ? 'opened' : 'joined',
    subjectIsChild: null,
    childProtectionBasis: false,
    siteCode,
    indicators: [],
    childLabourFlags: [],
    urgency: 'routine',
    fromAgencyId: 'ngo-kivu-hope',
    fromAgencyType: 'first_responder',
    toAgencyId: 'ngo-ushindi',
    toAgencyType: 'assistance_provider',
    submittedAt: AT,
    dueBy: AT,
  };
  return {
    eventId: randomUUID(),
    type: 'ReferralSubmitted',
    schemaVersion: 1,
    streamId: `referral-r${position}`,
    streamRevision: 0,
    transactionId: position,
    globalPosition: position,
    recordedAt: new Date(AT),
    data,
    metadata: {
      actor: { userId: 'withheld', agencyId: 'ngo-kivu-hope', agencyType: 'first_responder', roles: [] },
      correlationId: randomUUID(),
      causationId: null,
      jointCaseId,
      occurredAt: AT,
    },
  };
}

describe('the case-sites projection', () => {
  let db: PgliteDatabase;
  const sites = async () =>
    db.query<{ joint_case_id: string; site_code: string }>(
      `SELECT joint_case_id, site_code FROM ${SCHEMA}.case_sites ORDER BY joint_case_id`,
    );

  beforeAll(async () => {
    db = await PgliteDatabase.open();
    await migrate(db, SCHEMA, projection.migrations);
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await projection.reset(db);
  });

  it("keeps the site of the case's earliest referral naming one, whatever order the referrals arrive in", async () => {
    const events = [referral(1, null), referral(2, 'NK-MAS-014'), referral(3, 'NK-WAL-001')];
    for (const order of [
      [0, 1, 2],
      [2, 1, 0],
      [2, 0, 1],
    ]) {
      await projection.reset(db);
      for (const i of order) await projection.apply(db, events[i]!);
      // Delivered twice: nothing changes.
      await projection.apply(db, events[2]!);
      expect(await sites()).toEqual([{ joint_case_id: CASE, site_code: 'NK-MAS-014' }]);
    }
  });

  it('ignores referrals without a site, and the events of other contexts', async () => {
    await projection.apply(db, referral(1, null));
    await projection.apply(db, { ...referral(2, 'NK-MAS-014'), type: 'InvestigationOpened' });
    expect(await sites()).toEqual([]);
  });
});
