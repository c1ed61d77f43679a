import { describe, expect, it } from '@jest/globals';
import { type Actor, DEADLINE_WATCHER_ACTOR } from '@pamoja/contracts';
import { type ReferralListFilter } from '@pamoja/referrals/application';
import { type ReferralEvent, type ReferralSubmitted, referralStreamId } from '@pamoja/referrals/domain';
import { ProjectionSpecification, type ProjectionEvent } from '@pamoja/testing';
import { referralHandoffsProjection } from './referral-handoffs.projection.js';
import { SqlReferralReadModel } from './sql-referral-read-model.js';

const CASE = 'c0a80000-0000-4000-8000-0000000000a1';
const NGO: Actor = {
  userId: 'field-worker-1',
  agencyId: 'ngo-kivu-hope',
  agencyType: 'first_responder',
  roles: ['field_worker'],
};
const POLICE: Actor = { userId: 'officer-1', agencyId: 'pnc-masisi', agencyType: 'police', roles: ['officer'] };

/** A referral event as the decider decides it, on the referral's stream. */
const recorded = (event: ReferralEvent, actor: Actor = NGO): ProjectionEvent => ({
  ...event,
  streamId: referralStreamId(event.data.referralId),
  actor,
  jointCaseId: CASE,
});

const submitted = (referralId: string, overrides: Partial<ReferralSubmitted['data']> = {}): ProjectionEvent =>
  recorded({
    type: 'ReferralSubmitted',
    schemaVersion: 2,
    data: {
      referralId,
      jointCaseId: CASE,
      jointCase: 'opened',
      subject: { isChild: false, personId: null },
      childProtectionBasis: false,
      site: { code: 'NK-MAS-014', description: null },
      indicators: ['debt_bondage', 'retention_of_identity_documents'],
      childLabourFlags: [],
      urgency: 'urgent',
      fromAgencyId: NGO.agencyId,
      fromAgencyType: 'first_responder',
      toAgencyId: POLICE.agencyId,
      toAgencyType: 'police',
      submittedAt: '2026-03-01T08:00:00.000Z',
      dueBy: '2026-03-03T08:00:00.000Z',
      summary: 'Twelve diggers held for a debt at the pit.',
      ...overrides,
    },
  });

const accepted = (referralId: string): ProjectionEvent =>
  recorded(
    {
      type: 'ReferralAccepted',
      schemaVersion: 1,
      data: { referralId, byAgencyId: POLICE.agencyId, acceptedAt: '2026-03-02T08:00:00.000Z', note: 'Team sent.' },
    },
    POLICE,
  );

const declined = (referralId: string): ProjectionEvent =>
  recorded(
    {
      type: 'ReferralDeclined',
      schemaVersion: 1,
      data: {
        referralId,
        byAgencyId: POLICE.agencyId,
        declinedAt: '2026-03-02T09:00:00.000Z',
        reason: 'Outside our territory.',
      },
    },
    POLICE,
  );

const missed = (referralId: string): ProjectionEvent =>
  recorded(
    {
      type: 'ReferralDeadlineMissed',
      schemaVersion: 1,
      data: {
        referralId,
        dueBy: '2026-03-03T08:00:00.000Z',
        missedAt: '2026-03-03T08:00:05.000Z',
        toAgencyId: POLICE.agencyId,
        escalatedTo: 'coordination_body',
      },
    },
    DEADLINE_WATCHER_ACTOR,
  );

const BEFORE_DUE = new Date('2026-03-02T12:00:00.000Z');
const AFTER_DUE = new Date('2026-03-04T08:00:00.000Z');
const pending = (now: Date): ReferralListFilter => ({ status: 'submitted', first: 20, now });

describe('the referral handoffs projection', () => {
  const spec = ProjectionSpecification.for(referralHandoffsProjection, {
    readModel: (db) => new SqlReferralReadModel(db),
  });

  it("puts a submitted referral in the receiver's incoming queue and the sender's outgoing list", () =>
    spec
      .given()
      .when(submitted('r1'))
      .then(async (referrals, { events }) => {
        const [incoming] = await referrals.incoming(POLICE.agencyId, pending(BEFORE_DUE));
        expect(incoming).toMatchObject({
          referralId: 'r1',
          status: 'submitted',
          urgency: 'urgent',
          fromAgencyId: NGO.agencyId,
          siteCode: 'NK-MAS-014',
          overdue: false,
          deadlineMissed: false,
          receivedAt: { transactionId: events[0]?.transactionId, globalPosition: events[0]?.globalPosition },
        });
        expect((await referrals.outgoing(NGO.agencyId, pending(BEFORE_DUE))).map((r) => r.referralId)).toEqual(['r1']);
        expect(await referrals.incoming(NGO.agencyId, pending(BEFORE_DUE))).toEqual([]);
      }));

  it('takes an accepted or a declined referral out of the pending queue, with the answer', () =>
    spec
      .given(submitted('r1'), submitted('r2'), submitted('r3'))
      .when(accepted('r1'), declined('r2'))
      .then(async (referrals) => {
        expect((await referrals.incoming(POLICE.agencyId, pending(BEFORE_DUE))).map((r) => r.referralId)).toEqual([
          'r3',
        ]);
        expect(await referrals.byId('r1', BEFORE_DUE)).toMatchObject({
          status: 'accepted',
          statusReason: 'Team sent.',
          answeredAt: new Date('2026-03-02T08:00:00.000Z'),
          closedAt: null,
        });
        expect(await referrals.byId('r2', BEFORE_DUE)).toMatchObject({
          status: 'declined',
          statusReason: 'Outside our territory.',
          closedAt: new Date('2026-03-02T09:00:00.000Z'),
        });
      }));

  it('follows a referral through several answers in one page, each in its order: accepted, then completed', () =>
    spec
      .given(submitted('r1'), submitted('r2'))
      .when(
        accepted('r1'),
        recorded(
          {
            type: 'ReferralCompleted',
            schemaVersion: 1,
            data: {
              referralId: 'r1',
              byAgencyId: POLICE.agencyId,
              completedAt: '2026-03-05T10:00:00.000Z',
              outcome: 'Case file sent to the prosecutor.',
            },
          },
          POLICE,
        ),
        accepted('r2'),
        missed('r1'),
      )
      .then(async (referrals) => {
        expect(await referrals.byId('r1', BEFORE_DUE)).toMatchObject({
          status: 'completed',
          statusReason: 'Case file sent to the prosecutor.',
          answeredAt: new Date('2026-03-02T08:00:00.000Z'),
          closedAt: new Date('2026-03-05T10:00:00.000Z'),
          deadlineMissed: true,
        });
        expect(await referrals.byId('r2', BEFORE_DUE)).toMatchObject({ status: 'accepted', closedAt: null });
      }));

  it('lists pending referrals most urgent first, then soonest due', () =>
    spec
      .given()
      .when(
        submitted('routine', { urgency: 'routine', dueBy: '2026-03-02T08:00:00.000Z' }),
        submitted('later', { urgency: 'immediate', dueBy: '2026-03-01T20:00:00.000Z' }),
        submitted('sooner', { urgency: 'immediate', dueBy: '2026-03-01T12:00:00.000Z' }),
      )
      .then(async (referrals) => {
        const queue = await referrals.incoming(POLICE.agencyId, pending(new Date('2026-03-01T09:00:00.000Z')));
        expect(queue.map((r) => r.referralId)).toEqual(['sooner', 'later', 'routine']);
      }));

  it('flags a referral overdue once its due time passed unanswered, and records the missed deadline', () =>
    spec
      .given(submitted('r1'), submitted('r2'))
      .when(missed('r1'), accepted('r2'))
      .then(async (referrals) => {
        expect(await referrals.byId('r1', BEFORE_DUE)).toMatchObject({ overdue: false, deadlineMissed: true });
        const overdue = await referrals.incoming(POLICE.agencyId, { first: 20, now: AFTER_DUE, overdue: true });
        // Answered in time, r2 is not overdue whatever the hour.
        expect(overdue.map((r) => [r.referralId, r.overdue, r.deadlineMissed])).toEqual([['r1', true, true]]);
      }));

  it('shows the trafficking screening, and a withdrawn consent as no longer in force', () =>
    spec
      .given(submitted('r1'))
      .when(
        recorded({
          type: 'ConsentRecorded',
          schemaVersion: 1,
          data: {
            referralId: 'r1',
            consentId: 'k1',
            givenBy: 'self',
            agencyTypes: ['police', 'assistance_provider'],
            purposes: ['investigation', 'assistance'],
            recordedAt: '2026-03-01T08:10:00.000Z',
            byAgencyId: NGO.agencyId,
          },
        }),
        recorded({
          type: 'ConsentWithdrawn',
          schemaVersion: 1,
          data: {
            referralId: 'r1',
            consentId: 'k1',
            withdrawnAt: '2026-03-01T09:00:00.000Z',
            byAgencyId: NGO.agencyId,
            reason: null,
          },
        }),
        recorded({
          type: 'TraffickingScreeningAssessed',
          schemaVersion: 1,
          data: {
            referralId: 'r1',
            acts: ['recruitment'],
            means: ['deception'],
            purposes: ['forced_labour'],
            personIsChild: false,
            meansRequired: true,
            result: 'indicates_trafficking',
            explanation: 'Act, means and purpose are all present.',
            assessedAt: '2026-03-01T09:30:00.000Z',
            byAgencyId: NGO.agencyId,
          },
        }),
      )
      .then(async (referrals) => {
        expect(await referrals.byId('r1', BEFORE_DUE)).toMatchObject({
          screening: { result: 'indicates_trafficking', acts: ['recruitment'], means: ['deception'] },
          consent: {
            active: false,
            withdrawn: true,
            records: [{ consentId: 'k1', withdrawnAt: new Date('2026-03-01T09:00:00.000Z') }],
          },
        });
      }));

  it("lists a joint case's referrals, and the referrals received after a log position", () =>
    spec
      .given(submitted('r1'))
      .when(submitted('r2', { jointCaseId: 'another-case' }))
      .then(async (referrals, { events }) => {
        expect((await referrals.byJointCase(CASE, BEFORE_DUE)).map((r) => r.referralId)).toEqual(['r1']);
        const first = events[0];
        if (!first) throw new Error('no event recorded');
        const after = await referrals.receivedAfter(POLICE.agencyId, first, 10, BEFORE_DUE);
        expect(after.map((r) => r.referralId)).toEqual(['r2']);
      }));
});
