import { describe, expect, it } from '@jest/globals';
import { type Actor, InvalidInputError, NotFoundError, RuleViolationError } from '@pamoja/contracts';
// Test-only dependency: the boundary rule has no spec-file exception for type:testing yet.
import { DeciderSpecification } from '@pamoja/testing';
import {
  type AcceptReferral,
  type CompleteReferral,
  type DeclineReferral,
  FORCED_LABOUR_INDICATORS,
  type ForcedLabourIndicator,
  type ReferralAccepted,
  type ReferralCompleted,
  type ReferralDeclined,
  type ReferralEvent,
  type ReferralRevoked,
  type ReferralSubmitted,
  type RevokeReferral,
  type SubmitReferral,
  isChildLabourFlag,
  isForcedLabourIndicator,
  isOverdue,
  isReferralEvent,
  isSiteCode,
  referralDecider,
  referralStreamId,
} from './index.js';

const spec = DeciderSpecification.for(referralDecider);

const REFERRAL_ID = 'ref-0001';
const NOW = new Date('2025-03-10T08:00:00.000Z');
const LATER = new Date('2025-03-11T09:30:00.000Z');
const DUE_BY = new Date('2025-03-17T08:00:00.000Z');
const AFTER_DUE = new Date('2025-03-18T08:00:00.000Z');
const HOUR_MS = 60 * 60 * 1000;

// Fictional agencies only.
const sender: Actor = { userId: 'user-ngo-1', agencyId: 'agency-ngo-masisi', agencyType: 'first_responder', roles: [] };
const receiver: Actor = { userId: 'user-pmh-1', agencyId: 'agency-pmh-goma', agencyType: 'police', roles: [] };
const outsider: Actor = { userId: 'user-iom-1', agencyId: 'agency-iom', agencyType: 'assistance_provider', roles: [] };

function submit(overrides: Partial<SubmitReferral['data']> = {}, actor: Actor = sender, now = NOW): SubmitReferral {
  return {
    type: 'SubmitReferral',
    data: {
      referralId: REFERRAL_ID,
      jointCaseId: null,
      site: { code: 'NK-MAS-014', description: null },
      indicators: ['debt_bondage', 'retention_of_identity_documents'],
      childLabourFlags: [],
      urgency: 'urgent',
      toAgencyId: receiver.agencyId,
      toAgencyType: receiver.agencyType,
      dueBy: DUE_BY,
      summary: 'Diggers at the pit say the team leader keeps their voter cards until their debt is repaid.',
      ...overrides,
    },
    metadata: { actor, now },
  };
}

const accept = (actor: Actor = receiver, note?: string, now = LATER): AcceptReferral => ({
  type: 'AcceptReferral',
  data: note === undefined ? { referralId: REFERRAL_ID } : { referralId: REFERRAL_ID, note },
  metadata: { actor, now },
});
const decline = (reason: string, actor: Actor = receiver): DeclineReferral => ({
  type: 'DeclineReferral',
  data: { referralId: REFERRAL_ID, reason },
  metadata: { actor, now: LATER },
});
const revoke = (reason: string, actor: Actor = sender): RevokeReferral => ({
  type: 'RevokeReferral',
  data: { referralId: REFERRAL_ID, reason },
  metadata: { actor, now: LATER },
});
const complete = (outcome: string, actor: Actor = receiver): CompleteReferral => ({
  type: 'CompleteReferral',
  data: { referralId: REFERRAL_ID, outcome },
  metadata: { actor, now: LATER },
});

const submitted: ReferralSubmitted = {
  type: 'ReferralSubmitted',
  schemaVersion: 1,
  data: {
    referralId: REFERRAL_ID,
    jointCaseId: null,
    site: { code: 'NK-MAS-014', description: null },
    indicators: ['debt_bondage', 'retention_of_identity_documents'],
    childLabourFlags: [],
    urgency: 'urgent',
    fromAgencyId: sender.agencyId,
    fromAgencyType: 'first_responder',
    toAgencyId: receiver.agencyId,
    toAgencyType: 'police',
    submittedAt: '2025-03-10T08:00:00.000Z',
    dueBy: '2025-03-17T08:00:00.000Z',
    summary: 'Diggers at the pit say the team leader keeps their voter cards until their debt is repaid.',
  },
};
const accepted: ReferralAccepted = {
  type: 'ReferralAccepted',
  schemaVersion: 1,
  data: { referralId: REFERRAL_ID, byAgencyId: receiver.agencyId, acceptedAt: LATER.toISOString(), note: null },
};
const declined: ReferralDeclined = {
  type: 'ReferralDeclined',
  schemaVersion: 1,
  data: { referralId: REFERRAL_ID, byAgencyId: receiver.agencyId, declinedAt: LATER.toISOString(), reason: 'No team' },
};
const revoked: ReferralRevoked = {
  type: 'ReferralRevoked',
  schemaVersion: 1,
  data: { referralId: REFERRAL_ID, byAgencyId: sender.agencyId, revokedAt: LATER.toISOString(), reason: 'Sent twice' },
};
const completed: ReferralCompleted = {
  type: 'ReferralCompleted',
  schemaVersion: 1,
  data: { referralId: REFERRAL_ID, byAgencyId: receiver.agencyId, completedAt: LATER.toISOString(), outcome: 'Done' },
};

/** The InvalidInputError names exactly these fields, in order. */
const fields =
  (...expected: string[]) =>
  (error: InvalidInputError): boolean =>
    JSON.stringify(error.problems.map((p) => p.field)) === JSON.stringify(expected);
const rule =
  (expected: string) =>
  (error: RuleViolationError): boolean =>
    error.rule === expected;

const fold = (events: readonly ReferralEvent[]) => events.reduce(referralDecider.evolve, referralDecider.initialState);

describe('SubmitReferral', () => {
  it('records the referral from the actor’s agency with ISO-8601 instants', () => {
    spec.given([]).when(submit()).then([submitted]);
  });

  it('accepts a child-labour flag alone, an unregistered site described in words, and trims free text', () => {
    spec
      .given([])
      .when(
        submit({
          indicators: [],
          childLabourFlags: ['child_in_hazardous_work', 'child_out_of_school'],
          site: { code: '  ', description: '  Pit near the Rubaya road, 2 km north  ' },
          jointCaseId: 'case-77',
          summary: '  Children carry sacks out of the pit.  ',
        }),
      )
      .then([
        {
          ...submitted,
          data: {
            ...submitted.data,
            indicators: [],
            childLabourFlags: ['child_in_hazardous_work', 'child_out_of_school'],
            site: { code: null, description: 'Pit near the Rubaya road, 2 km north' },
            jointCaseId: 'case-77',
            summary: 'Children carry sacks out of the pit.',
          },
        },
      ]);
  });

  it('refuses a referral that already exists', () => {
    spec.given([submitted]).when(submit()).thenThrows(RuleViolationError, rule('referral_already_exists'));
  });

  it('requires at least one indicator or child-labour flag', () => {
    spec
      .given([])
      .when(submit({ indicators: [], childLabourFlags: [] }))
      .thenThrows(InvalidInputError, fields('indicators'));
  });

  it('refuses a duplicate indicator', () => {
    spec
      .given([])
      .when(submit({ indicators: ['deception', 'isolation', 'deception'] }))
      .thenThrows(InvalidInputError, fields('indicators'));
  });

  it('refuses an indicator outside the ILO vocabulary', () => {
    spec
      .given([])
      .when(submit({ indicators: ['bad_luck' as ForcedLabourIndicator] }))
      .thenThrows(InvalidInputError, fields('indicators'));
  });

  it('refuses a duplicate child-labour flag', () => {
    spec
      .given([])
      .when(submit({ childLabourFlags: ['child_night_work', 'child_night_work'] }))
      .thenThrows(InvalidInputError, fields('childLabourFlags'));
  });

  it('requires a site code or a site description', () => {
    spec
      .given([])
      .when(submit({ site: { code: null, description: ' ' } }))
      .thenThrows(InvalidInputError, fields('site.code'));
  });

  it.each(['NK-MAS-14', 'nk-mas-014', 'XX-MAS-014', 'NK-MASI-014', 'NK MAS 014'])('refuses site code %p', (code) => {
    spec
      .given([])
      .when(submit({ site: { code, description: 'Bisie' } }))
      .thenThrows(InvalidInputError, fields('site.code'));
  });

  it('refuses a referral to the actor’s own agency', () => {
    spec
      .given([])
      .when(submit({ toAgencyId: sender.agencyId }))
      .thenThrows(InvalidInputError, fields('toAgencyId'));
  });

  it('refuses a referral to an integrator, who may only see privacy-safe events', () => {
    spec
      .given([])
      .when(submit({ toAgencyType: 'integrator' }))
      .thenThrows(InvalidInputError, fields('toAgencyType'));
  });

  it.each([
    ['now', NOW],
    ['in the past', new Date(NOW.getTime() - 1)],
    ['more than 90 days ahead', new Date(NOW.getTime() + 90 * 24 * HOUR_MS + 1)],
    ['not a date', new Date('not a date')],
  ])('refuses a dueBy %s', (_label, dueBy) => {
    spec.given([]).when(submit({ dueBy })).thenThrows(InvalidInputError, fields('dueBy'));
  });

  it('accepts a dueBy exactly 90 days ahead', () => {
    const dueBy = new Date(NOW.getTime() + 90 * 24 * HOUR_MS);
    spec
      .given([])
      .when(submit({ dueBy }))
      .then([{ ...submitted, data: { ...submitted.data, dueBy: '2025-06-08T08:00:00.000Z' } }]);
  });

  it('refuses an immediate referral (danger to life) due later than 24 hours', () => {
    spec
      .given([])
      .when(submit({ urgency: 'immediate', dueBy: new Date(NOW.getTime() + 24 * HOUR_MS + 1) }))
      .thenThrows(InvalidInputError, fields('dueBy'));
  });

  it('accepts an immediate referral due within 24 hours', () => {
    spec
      .given([])
      .when(submit({ urgency: 'immediate', dueBy: new Date(NOW.getTime() + 24 * HOUR_MS) }))
      .then([{ ...submitted, data: { ...submitted.data, urgency: 'immediate', dueBy: '2025-03-11T08:00:00.000Z' } }]);
  });

  it('refuses a summary over 2000 characters and accepts one of exactly 2000', () => {
    spec
      .given([])
      .when(submit({ summary: 'x'.repeat(2001) }))
      .thenThrows(InvalidInputError, fields('summary'));
    spec
      .given([])
      .when(submit({ summary: 'x'.repeat(2000) }))
      .then([{ ...submitted, data: { ...submitted.data, summary: 'x'.repeat(2000) } }]);
  });

  it('reports every problem at once', () => {
    spec
      .given([])
      .when(
        submit({
          indicators: [],
          site: { code: 'Masisi', description: null },
          toAgencyId: sender.agencyId,
          dueBy: NOW,
        }),
      )
      .thenThrows(InvalidInputError, fields('site.code', 'indicators', 'toAgencyId', 'dueBy'));
  });
});

describe('AcceptReferral', () => {
  it('records the acceptance by the receiving agency', () => {
    spec.given([submitted]).when(accept()).then([accepted]);
  });

  it('keeps a trimmed note', () => {
    spec
      .given([submitted])
      .when(accept(receiver, '  Team leaves for Rubaya tomorrow  '))
      .then([{ ...accepted, data: { ...accepted.data, note: 'Team leaves for Rubaya tomorrow' } }]);
  });

  it('still accepts after dueBy: a late answer is better than none', () => {
    spec
      .given([submitted])
      .when(accept(receiver, undefined, AFTER_DUE))
      .then([{ ...accepted, data: { ...accepted.data, acceptedAt: AFTER_DUE.toISOString() } }]);
  });

  it('refuses a note over 2000 characters', () => {
    spec
      .given([submitted])
      .when(accept(receiver, 'x'.repeat(2001)))
      .thenThrows(InvalidInputError, fields('note'));
  });

  it('refuses an unknown referral', () => {
    const error = spec.given([]).when(accept()).thenThrows(NotFoundError);
    expect([error.entity, error.id]).toEqual(['Referral', REFERRAL_ID]);
  });

  it.each([
    ['the sending agency', sender],
    ['a third agency', outsider],
  ])('refuses acceptance by %s', (_label, actor) => {
    spec.given([submitted]).when(accept(actor)).thenThrows(RuleViolationError, rule('only_receiving_agency'));
  });

  it.each([
    ['revoked', [submitted, revoked], 'referral_revoked'],
    ['declined', [submitted, declined], 'referral_declined'],
    ['accepted', [submitted, accepted], 'referral_not_pending'],
    ['completed', [submitted, accepted, completed], 'referral_not_pending'],
  ])('refuses a %s referral', (_status, given, expectedRule) => {
    spec.given(given).when(accept()).thenThrows(RuleViolationError, rule(expectedRule));
  });
});

describe('DeclineReferral', () => {
  it('records the decline with its trimmed reason', () => {
    spec.given([submitted]).when(decline('  No team  ')).then([declined]);
  });

  it('refuses an unknown referral', () => {
    spec.given([]).when(decline('No team')).thenThrows(NotFoundError);
  });

  it('refuses a decline by the sending agency', () => {
    spec
      .given([submitted])
      .when(decline('No team', sender))
      .thenThrows(RuleViolationError, rule('only_receiving_agency'));
  });

  it.each([' ', 'x'.repeat(2001)])('refuses reason %#', (reason) => {
    spec.given([submitted]).when(decline(reason)).thenThrows(InvalidInputError, fields('reason'));
  });

  it.each([
    ['revoked', [submitted, revoked], 'referral_revoked'],
    ['declined', [submitted, declined], 'referral_declined'],
    ['accepted', [submitted, accepted], 'referral_not_pending'],
    ['completed', [submitted, accepted, completed], 'referral_not_pending'],
  ])('refuses a %s referral', (_status, given, expectedRule) => {
    spec.given(given).when(decline('No team')).thenThrows(RuleViolationError, rule(expectedRule));
  });
});

describe('RevokeReferral', () => {
  it('revokes a submitted referral', () => {
    spec.given([submitted]).when(revoke('Sent twice')).then([revoked]);
  });

  it('revokes an accepted referral', () => {
    spec.given([submitted, accepted]).when(revoke('Sent twice')).then([revoked]);
  });

  it('refuses an unknown referral', () => {
    spec.given([]).when(revoke('Sent twice')).thenThrows(NotFoundError);
  });

  it.each([
    ['the receiving agency', receiver],
    ['a third agency', outsider],
  ])('refuses revocation by %s', (_label, actor) => {
    spec
      .given([submitted])
      .when(revoke('Sent twice', actor))
      .thenThrows(RuleViolationError, rule('only_sending_agency'));
  });

  it('requires a reason', () => {
    spec.given([submitted]).when(revoke('  ')).thenThrows(InvalidInputError, fields('reason'));
  });

  it.each([
    ['revoked', [submitted, revoked], 'referral_revoked'],
    ['declined', [submitted, declined], 'referral_declined'],
    ['completed', [submitted, accepted, completed], 'referral_completed'],
  ])('refuses a %s referral', (_status, given, expectedRule) => {
    spec.given(given).when(revoke('Sent twice')).thenThrows(RuleViolationError, rule(expectedRule));
  });
});

describe('CompleteReferral', () => {
  it('completes an accepted referral with its outcome', () => {
    spec.given([submitted, accepted]).when(complete(' Done ')).then([completed]);
  });

  it('refuses an unknown referral', () => {
    spec.given([]).when(complete('Done')).thenThrows(NotFoundError);
  });

  it('refuses completion by the sending agency', () => {
    spec
      .given([submitted, accepted])
      .when(complete('Done', sender))
      .thenThrows(RuleViolationError, rule('only_receiving_agency'));
  });

  it.each([' ', 'x'.repeat(2001)])('refuses outcome %#', (outcome) => {
    spec.given([submitted, accepted]).when(complete(outcome)).thenThrows(InvalidInputError, fields('outcome'));
  });

  it.each([
    ['submitted', [submitted]],
    ['declined', [submitted, declined]],
    ['revoked', [submitted, revoked]],
    ['completed', [submitted, accepted, completed]],
  ])('refuses a %s referral', (_status, given) => {
    spec.given(given).when(complete('Done')).thenThrows(RuleViolationError, rule('referral_not_accepted'));
  });
});

describe('state', () => {
  it('keeps only what decisions need', () => {
    expect(fold([submitted, accepted])).toStrictEqual({
      status: 'accepted',
      referralId: REFERRAL_ID,
      jointCaseId: submitted.data.jointCaseId,
      fromAgencyId: sender.agencyId,
      toAgencyId: receiver.agencyId,
      urgency: 'urgent',
      dueBy: '2025-03-17T08:00:00.000Z',
    });
  });
});

describe('isOverdue', () => {
  it('is overdue only while submitted and past dueBy', () => {
    expect(isOverdue(fold([submitted]), LATER)).toBe(false);
    expect(isOverdue(fold([submitted]), DUE_BY)).toBe(false);
    expect(isOverdue(fold([submitted]), AFTER_DUE)).toBe(true);
  });

  it.each([
    ['accepted', [submitted, accepted]],
    ['declined', [submitted, declined]],
    ['revoked', [submitted, revoked]],
    ['completed', [submitted, accepted, completed]],
    ['none', []],
  ])('is never overdue once %s', (_status, events) => {
    expect(isOverdue(fold(events), AFTER_DUE)).toBe(false);
  });

  it('reads a projection row with a Date dueBy', () => {
    expect(isOverdue({ status: 'submitted', dueBy: DUE_BY }, AFTER_DUE)).toBe(true);
  });
});

describe('vocabularies and names', () => {
  it('has the 11 ILO forced-labour indicators', () => {
    expect(FORCED_LABOUR_INDICATORS).toHaveLength(11);
    expect(isForcedLabourIndicator('debt_bondage')).toBe(true);
    expect(isForcedLabourIndicator('debt')).toBe(false);
    expect(isChildLabourFlag('child_associated_with_armed_group')).toBe(true);
    expect(isChildLabourFlag('debt_bondage')).toBe(false);
  });

  it('recognises site codes of North and South Kivu', () => {
    expect(['NK-MAS-014', 'SK-SHA-001'].map(isSiteCode)).toEqual([true, true]);
    expect([null, 'NK-MAS-0145'].map(isSiteCode)).toEqual([false, false]);
  });

  it('recognises referral events by type name', () => {
    expect(isReferralEvent(completed)).toBe(true);
    expect(isReferralEvent({ type: 'MineSiteRegistered' })).toBe(false);
  });

  it('names the stream after the referral', () => {
    expect(referralStreamId(REFERRAL_ID)).toBe('referral-ref-0001');
  });
});
