import { describe, expect, it } from '@jest/globals';
import { type Actor, DEADLINE_WATCHER_ACTOR } from '@pamoja/contracts';
import { deadlinesProjection, dueDeadlines } from '@pamoja/event-store';
import { type ReferralEvent, referralStreamId } from '@pamoja/referrals/domain';
import { ProjectionSpecification, type ProjectionEvent } from '@pamoja/testing';
import { referralDeadlineRule } from './referral-deadline.js';

const NGO: Actor = {
  userId: 'fw-1',
  agencyId: 'ngo-kivu-hope',
  agencyType: 'first_responder',
  roles: ['field_worker'],
};
const POLICE: Actor = { userId: 'officer-1', agencyId: 'pnc-masisi', agencyType: 'police', roles: ['officer'] };
const DUE = '2026-03-03T08:00:00.000Z';
const LATER = new Date('2026-06-01T00:00:00.000Z');

const recorded = (event: ReferralEvent, actor: Actor): ProjectionEvent => ({
  ...event,
  streamId: referralStreamId(event.data.referralId),
  actor,
  jointCaseId: 'case-1',
});

const submitted = (referralId: string): ProjectionEvent =>
  recorded(
    {
      type: 'ReferralSubmitted',
      schemaVersion: 2,
      data: {
        referralId,
        jointCaseId: 'case-1',
        jointCase: 'opened',
        subject: { isChild: false, personId: null },
        childProtectionBasis: false,
        site: { code: 'NK-MAS-014', description: null },
        indicators: ['debt_bondage'],
        childLabourFlags: [],
        urgency: 'urgent',
        fromAgencyId: NGO.agencyId,
        fromAgencyType: 'first_responder',
        toAgencyId: POLICE.agencyId,
        toAgencyType: 'police',
        submittedAt: '2026-03-01T08:00:00.000Z',
        dueBy: DUE,
        summary: 'Diggers held for a debt.',
      },
    },
    NGO,
  );

describe('the referral answer deadlines', () => {
  const spec = ProjectionSpecification.for(deadlinesProjection([referralDeadlineRule()]));

  it('raises a referral nobody answered at its due time, for the agency it was sent to', () =>
    spec
      .given()
      .when(submitted('r1'))
      .then(async (db) => {
        expect(await dueDeadlines(db, new Date('2026-03-03T07:59:59.000Z'))).toEqual([]);
        expect(await dueDeadlines(db, new Date(DUE))).toMatchObject([
          { key: 'referral:r1', dueAt: DUE, agencyId: POLICE.agencyId, streamId: 'referral-r1' },
        ]);
      }));

  it('raises nothing once the referral is answered or revoked, and raises a miss only once', async () => {
    const answers: ProjectionEvent[] = [
      recorded(
        {
          type: 'ReferralAccepted',
          schemaVersion: 1,
          data: { referralId: 'r1', byAgencyId: POLICE.agencyId, acceptedAt: '2026-03-02T08:00:00.000Z', note: null },
        },
        POLICE,
      ),
      recorded(
        {
          type: 'ReferralDeclined',
          schemaVersion: 1,
          data: { referralId: 'r1', byAgencyId: POLICE.agencyId, declinedAt: '2026-03-02T08:00:00.000Z', reason: 'No' },
        },
        POLICE,
      ),
      recorded(
        {
          type: 'ReferralRevoked',
          schemaVersion: 1,
          data: {
            referralId: 'r1',
            byAgencyId: NGO.agencyId,
            revokedAt: '2026-03-02T08:00:00.000Z',
            reason: 'Sent twice',
          },
        },
        NGO,
      ),
      recorded(
        {
          type: 'ReferralDeadlineMissed',
          schemaVersion: 1,
          data: {
            referralId: 'r1',
            dueBy: DUE,
            missedAt: '2026-03-03T08:00:05.000Z',
            toAgencyId: POLICE.agencyId,
            escalatedTo: 'coordination_body',
          },
        },
        DEADLINE_WATCHER_ACTOR,
      ),
    ];
    for (const answer of answers) {
      await spec
        .given(submitted('r1'), submitted('r2'))
        .when(answer)
        .then(async (db) => {
          expect((await dueDeadlines(db, LATER)).map((d) => d.key)).toEqual(['referral:r2']);
        });
    }
  });
});
