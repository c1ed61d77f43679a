import { describe, expect, it } from '@jest/globals';
import {
  type Actor,
  InvalidInputError,
  NotFoundError,
  parsingDecider,
  RuleViolationError,
  personIdIntroducedBy,
} from '@pamoja/contracts';
// Test-only dependency: the boundary rule has no spec-file exception for type:testing yet.
import { DeciderSpecification, fields, rule } from '@pamoja/testing';
import {
  type ConsentRecorded,
  type ConsentWithdrawn,
  FORCED_LABOUR_INDICATORS,
  type ForcedLabourIndicator,
  type ReferralAccepted,
  type ReferralCompleted,
  type ReferralConsentGrant,
  type ReferralDeadlineMissed,
  type ReferralDeclined,
  type ReferralEvent,
  type ReferralRevoked,
  type ReferralSubmitted,
  type TraffickingAct,
  type TraffickingScreeningAssessed,
  isChildLabourFlag,
  isForcedLabourIndicator,
  isOverdue,
  isReferralEvent,
  isSiteCode,
  parseReferralCommand,
  referralDecider,
  type SentReferral,
  referralStreamId,
} from './index.js';

/** Commands as clients send them: parsed at the edge, then decided (what the command path does). */
const decider = parsingDecider(referralDecider, parseReferralCommand);
const spec = DeciderSpecification.for(decider);

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

/** The person this referral introduces: its sender met them. */
const PERSON_ID = personIdIntroducedBy(REFERRAL_ID);
/** A person an earlier referral introduced, whom a later referral forwards. */
const KNOWN_PERSON_ID = personIdIntroducedBy('ref-0000');
/** SHA-256 of a signed consent form (the form stays with the agency). */
const FORM_SHA256 = 'a3f1c2d4e5b6978877665544332211ffeeddccbbaa99887766554433221100ab';

const CONSENT_ID = 'consent-0001';
/** An adult's own, informed consent: to the police and an assistance provider, for help and an investigation. */
const ADULT_CONSENT: ReferralConsentGrant = {
  consentId: CONSENT_ID,
  givenBy: 'self',
  agencyTypes: ['police', 'assistance_provider'],
  purposes: ['assistance', 'investigation'],
};

function submit(
  overrides: Partial<SentReferral<'SubmitReferral'>['data']> = {},
  actor: Actor = sender,
  now = NOW,
  keepsConsent?: boolean,
): SentReferral<'SubmitReferral'> {
  return {
    type: 'SubmitReferral',
    data: {
      referralId: REFERRAL_ID,
      jointCaseId: null,
      jointCase: 'opened',
      subject: { isChild: null },
      consent: ADULT_CONSENT,
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
    metadata: keepsConsent === undefined ? { actor, now } : { actor, now, keepsConsent },
  };
}

const accept = (actor: Actor = receiver, note?: string, now = LATER): SentReferral<'AcceptReferral'> => ({
  type: 'AcceptReferral',
  data: note === undefined ? { referralId: REFERRAL_ID } : { referralId: REFERRAL_ID, note },
  metadata: { actor, now },
});
const decline = (reason: string, actor: Actor = receiver): SentReferral<'DeclineReferral'> => ({
  type: 'DeclineReferral',
  data: { referralId: REFERRAL_ID, reason },
  metadata: { actor, now: LATER },
});
const revoke = (reason: string, actor: Actor = sender): SentReferral<'RevokeReferral'> => ({
  type: 'RevokeReferral',
  data: { referralId: REFERRAL_ID, reason },
  metadata: { actor, now: LATER },
});
const complete = (outcome: string, actor: Actor = receiver): SentReferral<'CompleteReferral'> => ({
  type: 'CompleteReferral',
  data: { referralId: REFERRAL_ID, outcome },
  metadata: { actor, now: LATER },
});

const submitted: ReferralSubmitted = {
  type: 'ReferralSubmitted',
  schemaVersion: 2,
  data: {
    referralId: REFERRAL_ID,
    jointCaseId: null,
    jointCase: 'opened',
    subject: { isChild: null, personId: PERSON_ID },
    childProtectionBasis: false,
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
const consentAtSubmit: ConsentRecorded = {
  type: 'ConsentRecorded',
  schemaVersion: 1,
  data: {
    referralId: REFERRAL_ID,
    consentId: CONSENT_ID,
    personId: PERSON_ID,
    givenBy: 'self',
    method: null,
    formSha256: null,
    agencyTypes: ['police', 'assistance_provider'],
    purposes: ['assistance', 'investigation'],
    recordedAt: NOW.toISOString(),
    byAgencyId: sender.agencyId,
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

const fold = (events: readonly ReferralEvent[]) => events.reduce(referralDecider.evolve, referralDecider.initialState);

describe('SubmitReferral', () => {
  it('records the referral from the actor’s agency with ISO-8601 instants', () => {
    spec.given([]).when(submit()).then([submitted, consentAtSubmit]);
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
          jointCase: 'joined',
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
            jointCase: 'joined',
            summary: 'Children carry sacks out of the pit.',
          },
        },
        consentAtSubmit,
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
      .then([{ ...submitted, data: { ...submitted.data, dueBy: '2025-06-08T08:00:00.000Z' } }, consentAtSubmit]);
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
      .then([
        { ...submitted, data: { ...submitted.data, urgency: 'immediate', dueBy: '2025-03-11T08:00:00.000Z' } },
        consentAtSubmit,
      ]);
  });

  it('refuses a summary over 2000 characters and accepts one of exactly 2000', () => {
    spec
      .given([])
      .when(submit({ summary: 'x'.repeat(2001) }))
      .thenThrows(InvalidInputError, fields('summary'));
    spec
      .given([])
      .when(submit({ summary: 'x'.repeat(2000) }))
      .then([{ ...submitted, data: { ...submitted.data, summary: 'x'.repeat(2000) } }, consentAtSubmit]);
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

  it('refuses acceptance by the sending agency', () => {
    spec.given([submitted]).when(accept(sender)).thenThrows(RuleViolationError, rule('only_receiving_agency'));
  });

  it('answers a third agency as if the referral did not exist: a refusal never confirms an id', () => {
    const error = spec.given([submitted]).when(accept(outsider)).thenThrows(NotFoundError);
    expect([error.entity, error.id]).toEqual(['Referral', REFERRAL_ID]);
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

  it('refuses revocation by the receiving agency', () => {
    spec
      .given([submitted])
      .when(revoke('Sent twice', receiver))
      .thenThrows(RuleViolationError, rule('only_sending_agency'));
  });

  it('answers a third agency’s revocation as if the referral did not exist', () => {
    spec.given([submitted]).when(revoke('Sent twice', outsider)).thenThrows(NotFoundError);
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

describe('SubmitReferral: the subject, consent and the right not to report to the police', () => {
  it.each([
    ['not known to be a child, without consent', { subject: { isChild: null }, consent: null }],
    ['an adult, without consent', { subject: { isChild: false }, consent: undefined }],
    ['an adult, with a guardian’s consent', { consent: { ...ADULT_CONSENT, givenBy: 'guardian' as const } }],
    ['an adult, with a parent’s consent', { consent: { ...ADULT_CONSENT, givenBy: 'parent' as const } }],
    ['an adult who consented to assistance only', { consent: { ...ADULT_CONSENT, purposes: ['assistance' as const] } }],
    [
      'an adult who did not consent to the police',
      { consent: { ...ADULT_CONSENT, agencyTypes: ['assistance_provider' as const] } },
    ],
  ])('refuses a referral to the police of %s', (_label, overrides) => {
    spec.given([]).when(submit(overrides)).thenThrows(RuleViolationError, rule('adult_consent_required_for_police'));
  });

  it('refers a child to the police without the child’s consent, on child-protection grounds', () => {
    spec
      .given([])
      .when(submit({ subject: { isChild: true }, consent: null, childLabourFlags: ['child_in_hazardous_work'] }))
      .then([
        {
          ...submitted,
          data: {
            ...submitted.data,
            subject: { isChild: true, personId: PERSON_ID },
            childProtectionBasis: true,
            childLabourFlags: ['child_in_hazardous_work'],
          },
        },
      ]);
  });

  it('refers an adult to an assistance provider without recording consent', () => {
    spec
      .given([])
      .when(
        submit({
          subject: { isChild: false },
          consent: null,
          toAgencyId: outsider.agencyId,
          toAgencyType: 'assistance_provider',
        }),
      )
      .then([
        {
          ...submitted,
          data: {
            ...submitted.data,
            subject: { isChild: false, personId: PERSON_ID },
            toAgencyId: outsider.agencyId,
            toAgencyType: 'assistance_provider',
          },
        },
      ]);
  });

  it('names each problem of the consent given with the referral', () => {
    spec
      .given([])
      .when(
        submit({
          consent: {
            ...ADULT_CONSENT,
            givenBy: 'neighbour' as ReferralConsentGrant['givenBy'],
            agencyTypes: [],
            purposes: ['investigation', 'gossip' as ReferralConsentGrant['purposes'][number], 'investigation'],
          },
        }),
      )
      .thenThrows(
        InvalidInputError,
        fields('consent.givenBy', 'consent.agencyTypes', 'consent.purposes', 'consent.purposes'),
      );
  });

  it('refuses isChild other than true, false or null', () => {
    spec
      .given([])
      .when(submit({ subject: { isChild: 'maybe' as unknown as boolean } }))
      .thenThrows(InvalidInputError, fields('subject.isChild'));
  });

  it('refuses to join a joint case without naming it', () => {
    spec
      .given([])
      .when(submit({ jointCase: 'joined', jointCaseId: null }))
      .thenThrows(InvalidInputError, fields('jointCaseId'));
  });
});

const screen = (
  overrides: Partial<SentReferral<'AssessTraffickingScreening'>['data']> = {},
  actor: Actor = receiver,
): SentReferral<'AssessTraffickingScreening'> => ({
  type: 'AssessTraffickingScreening',
  data: {
    referralId: REFERRAL_ID,
    acts: ['recruitment', 'transport'],
    means: ['deception'],
    purposes: ['forced_labour'],
    personIsChild: false,
    ...overrides,
  },
  metadata: { actor, now: LATER },
});

const screened = (
  data: Omit<TraffickingScreeningAssessed['data'], 'referralId' | 'assessedAt' | 'byAgencyId'>,
  byAgencyId = receiver.agencyId,
): TraffickingScreeningAssessed => ({
  type: 'TraffickingScreeningAssessed',
  schemaVersion: 1,
  data: { referralId: REFERRAL_ID, ...data, assessedAt: LATER.toISOString(), byAgencyId },
});

describe('AssessTraffickingScreening (Palermo Protocol art. 3)', () => {
  it('indicates trafficking for an adult when act, means and purpose are all present', () => {
    spec
      .given([submitted])
      .when(screen())
      .then([
        screened({
          acts: ['recruitment', 'transport'],
          means: ['deception'],
          purposes: ['forced_labour'],
          personIsChild: false,
          meansRequired: true,
          result: 'indicates_trafficking',
          explanation:
            'Indicates trafficking: act (recruitment and transport), means (deception) and purpose (forced labour) ' +
            'identified; for an adult the act, the means and the purpose are all required (Palermo Protocol art. 3(a)).',
        }),
      ]);
  });

  it('indicates trafficking for a child without any means, and says the means element is not required', () => {
    spec
      .given([submitted])
      .when(screen({ means: [], purposes: ['child_labour_worst_forms'], personIsChild: true, acts: ['recruitment'] }))
      .then([
        screened({
          acts: ['recruitment'],
          means: [],
          purposes: ['child_labour_worst_forms'],
          personIsChild: true,
          meansRequired: false,
          result: 'indicates_trafficking',
          explanation:
            'Indicates trafficking: act (recruitment) and purpose (child labour worst forms) identified; the means ' +
            'element is not required because the person is a child (Palermo Protocol art. 3(c)).',
        }),
      ]);
  });

  it('does not indicate trafficking for an adult without means', () => {
    spec
      .given([submitted])
      .when(screen({ means: [] }))
      .then([
        screened({
          acts: ['recruitment', 'transport'],
          means: [],
          purposes: ['forced_labour'],
          personIsChild: false,
          meansRequired: true,
          result: 'does_not_indicate_trafficking',
          explanation:
            'Does not indicate trafficking: no means identified; for an adult the act, the means and the purpose ' +
            'are all required (Palermo Protocol art. 3(a)).',
        }),
      ]);
  });

  it('does not indicate trafficking for a child without an act or a purpose', () => {
    const [event] = decider.decide(
      screen({ acts: [], purposes: [], means: [], personIsChild: true }),
      fold([submitted]),
    );
    expect(event?.data).toMatchObject({ result: 'does_not_indicate_trafficking', meansRequired: false });
    expect((event as TraffickingScreeningAssessed).data.explanation).toBe(
      'Does not indicate trafficking: no act and purpose of exploitation identified; the means element is not ' +
        'required because the person is a child (Palermo Protocol art. 3(c)).',
    );
  });

  it('lets the sending agency assess as well, on an accepted referral', () => {
    const [event] = decider.decide(screen({}, sender), fold([submitted, accepted]));
    expect(event?.data).toMatchObject({ byAgencyId: sender.agencyId, result: 'indicates_trafficking' });
  });

  it('allows a re-assessment: the latest one is a new event', () => {
    const first = screened({
      acts: [],
      means: [],
      purposes: [],
      personIsChild: false,
      meansRequired: true,
      result: 'does_not_indicate_trafficking',
      explanation: 'Does not indicate trafficking: no act, means and purpose of exploitation identified.',
    });
    const [event] = decider.decide(screen(), fold([submitted, first]));
    expect(event?.data).toMatchObject({ result: 'indicates_trafficking' });
  });

  it('refuses an agency that is not a party to the referral', () => {
    spec.given([submitted]).when(screen({}, outsider)).thenThrows(NotFoundError);
  });

  it('refuses a revoked referral', () => {
    spec.given([submitted, revoked]).when(screen()).thenThrows(RuleViolationError, rule('referral_revoked'));
  });

  it('refuses an unknown referral', () => {
    spec.given([]).when(screen()).thenThrows(NotFoundError);
  });

  it('names unknown and repeated elements', () => {
    spec
      .given([submitted])
      .when(
        screen({
          acts: ['kidnapping' as TraffickingAct],
          means: ['force', 'force'],
          personIsChild: 'yes' as unknown as boolean,
        }),
      )
      .thenThrows(InvalidInputError, fields('acts', 'means', 'personIsChild'));
  });
});

const recordConsent = (
  overrides: Partial<SentReferral<'RecordConsent'>['data']> = {},
  actor: Actor = sender,
  keepsConsent?: boolean,
): SentReferral<'RecordConsent'> => ({
  type: 'RecordConsent',
  data: {
    referralId: REFERRAL_ID,
    consentId: 'consent-0002',
    givenBy: 'self',
    agencyTypes: ['prosecutor'],
    purposes: ['prosecution'],
    ...overrides,
  },
  metadata: keepsConsent === undefined ? { actor, now: LATER } : { actor, now: LATER, keepsConsent },
});
const withdrawConsent = (
  consentId = CONSENT_ID,
  reason?: string | null,
  actor: Actor = sender,
  keepsConsent?: boolean,
): SentReferral<'WithdrawConsent'> => ({
  type: 'WithdrawConsent',
  data: { referralId: REFERRAL_ID, consentId, ...(reason === undefined ? {} : { reason }) },
  metadata: keepsConsent === undefined ? { actor, now: LATER } : { actor, now: LATER, keepsConsent },
});
/** The person's further consent to the prosecutor, recorded later by the sender that met them. */
const prosecutorConsent: ConsentRecorded = {
  type: 'ConsentRecorded',
  schemaVersion: 1,
  data: {
    referralId: REFERRAL_ID,
    consentId: 'consent-0002',
    personId: PERSON_ID,
    givenBy: 'self',
    method: null,
    formSha256: null,
    agencyTypes: ['prosecutor'],
    purposes: ['prosecution'],
    recordedAt: LATER.toISOString(),
    byAgencyId: sender.agencyId,
  },
};
const consentWithdrawn: ConsentWithdrawn = {
  type: 'ConsentWithdrawn',
  schemaVersion: 1,
  data: {
    referralId: REFERRAL_ID,
    consentId: CONSENT_ID,
    personId: PERSON_ID,
    withdrawnAt: LATER.toISOString(),
    byAgencyId: sender.agencyId,
    reason: 'She fears reprisals at the site',
  },
};

describe('RecordConsent', () => {
  it('lets the sender that met the person widen their consent, for the person', () => {
    spec.given([submitted, consentAtSubmit]).when(recordConsent()).then([prosecutorConsent]);
  });

  it('records how the consent was given and the hash of the signed form', () => {
    spec
      .given([submitted, consentAtSubmit])
      .when(recordConsent({ method: 'thumbprint', formSha256: FORM_SHA256 }))
      .then([
        { ...prosecutorConsent, data: { ...prosecutorConsent.data, method: 'thumbprint', formSha256: FORM_SHA256 } },
      ]);
  });

  it('refuses a consent id already recorded', () => {
    spec
      .given([submitted, consentAtSubmit, consentWithdrawn])
      .when(recordConsent({ consentId: CONSENT_ID }))
      .thenThrows(RuleViolationError, rule('consent_already_recorded'));
  });

  it('refuses a revoked referral', () => {
    spec.given([submitted, revoked]).when(recordConsent()).thenThrows(RuleViolationError, rule('referral_revoked'));
  });

  it('names each problem', () => {
    spec
      .given([submitted])
      .when(recordConsent({ consentId: ' ', agencyTypes: ['army' as 'police'], purposes: [] }))
      .thenThrows(InvalidInputError, fields('consentId', 'agencyTypes', 'purposes'));
  });

  it.each([
    ['an unknown method', { method: 'fingerprint' as 'thumbprint' }, 'method'],
    ['a form hash in upper case', { formSha256: FORM_SHA256.toUpperCase() }, 'formSha256'],
    ['a form hash of the wrong length', { formSha256: FORM_SHA256.slice(1) }, 'formSha256'],
    ['a form hash that is not hex', { formSha256: `${FORM_SHA256.slice(1)}g` }, 'formSha256'],
  ])('refuses %s, naming the field', (_label, overrides, field) => {
    spec.given([submitted]).when(recordConsent(overrides)).thenThrows(InvalidInputError, fields(field));
  });

  it('lets a parent consent for a child', () => {
    const child: ReferralSubmitted = {
      ...submitted,
      data: { ...submitted.data, subject: { isChild: true, personId: PERSON_ID }, childProtectionBasis: true },
    };
    const parental = { givenBy: 'parent' as const, agencyTypes: ['assistance_provider' as const] };
    spec
      .given([child])
      .when(recordConsent({ ...parental, purposes: ['assistance'], method: 'written', formSha256: FORM_SHA256 }))
      .then([
        {
          ...prosecutorConsent,
          data: {
            ...prosecutorConsent.data,
            ...parental,
            purposes: ['assistance'],
            method: 'written',
            formSha256: FORM_SHA256,
          },
        },
      ]);
  });
});

describe('Consent is kept by the agency that met the person (a party cannot widen consent for itself)', () => {
  it.each([
    ['for the prosecutor', {}],
    ['for its own agency type', { agencyTypes: ['police' as const], purposes: ['information_sharing' as const] }],
  ])('refuses the receiving agency recording consent %s', (_label, overrides) => {
    spec
      .given([submitted, consentAtSubmit, accepted])
      .when(recordConsent(overrides, receiver))
      .thenThrows(RuleViolationError, rule('only_consent_keeper'));
  });

  it('refuses the receiving agency renewing, for itself, a consent the person withdrew', () => {
    const renewal = recordConsent(
      { consentId: 'consent-0003', agencyTypes: ['police'], purposes: ['investigation'] },
      receiver,
    );
    spec
      .given([submitted, consentAtSubmit, consentWithdrawn])
      .when(renewal)
      .thenThrows(RuleViolationError, rule('only_consent_keeper'));
    spec
      .given([submitted, consentAtSubmit, consentWithdrawn])
      .when(accept())
      .thenThrows(RuleViolationError, rule('consent_withdrawn'));
  });

  it('refuses the receiving agency before reading its input: a refusal tells it nothing about the consents', () => {
    spec
      .given([submitted, consentAtSubmit])
      .when(recordConsent({ consentId: CONSENT_ID, method: 'fingerprint' as 'thumbprint' }, receiver))
      .thenThrows(RuleViolationError, rule('only_consent_keeper'));
  });

  it('refuses an agency that is not a party and does not keep the consent', () => {
    // To an agency with no part in the referral, it does not exist.
    spec.given([submitted]).when(recordConsent({}, outsider)).thenThrows(NotFoundError);
    spec
      .given([submitted])
      .when(recordConsent({}, outsider, false))
      .thenThrows(NotFoundError);
  });

  it('lets an agency that keeps the consent record it (the assistance provider holding the person’s case)', () => {
    spec
      .given([submitted, consentAtSubmit])
      .when(recordConsent({}, outsider, true))
      .then([{ ...prosecutorConsent, data: { ...prosecutorConsent.data, byAgencyId: outsider.agencyId } }]);
  });

  it('lets the sender that met the person record consent whatever the application layer looked up', () => {
    spec
      .given([submitted, consentAtSubmit])
      .when(recordConsent({}, sender, false))
      .then([prosecutorConsent]);
  });

  it('reads a referral recorded before persons had ids as introducing the person', () => {
    const { personId: _p, ...legacySubject } = submitted.data.subject;
    const legacy: ReferralSubmitted = { ...submitted, data: { ...submitted.data, subject: legacySubject } };
    const { personId: _q, method: _m, formSha256: _f, ...legacyConsentData } = consentAtSubmit.data;
    const legacyConsent: ConsentRecorded = { ...consentAtSubmit, data: legacyConsentData };
    spec.given([legacy, legacyConsent]).when(recordConsent()).then([prosecutorConsent]);
    spec
      .given([legacy, legacyConsent])
      .when(recordConsent({}, receiver))
      .thenThrows(RuleViolationError, rule('only_consent_keeper'));
    spec
      .given([legacy, legacyConsent])
      .when(withdrawConsent(CONSENT_ID, 'She fears reprisals at the site'))
      .then([consentWithdrawn]);
  });
});

describe('SubmitReferral: forwarding a known person', () => {
  const forward = (
    overrides: Partial<SentReferral<'SubmitReferral'>['data']> = {},
    keepsConsent?: boolean,
  ): SentReferral<'SubmitReferral'> =>
    submit(
      {
        subject: { isChild: false, personId: KNOWN_PERSON_ID },
        consent: null,
        toAgencyId: outsider.agencyId,
        toAgencyType: 'assistance_provider',
        ...overrides,
      },
      sender,
      NOW,
      keepsConsent,
    );
  const forwarded: ReferralSubmitted = {
    ...submitted,
    data: {
      ...submitted.data,
      subject: { isChild: false, personId: KNOWN_PERSON_ID },
      toAgencyId: outsider.agencyId,
      toAgencyType: 'assistance_provider',
    },
  };

  it('names the known person instead of introducing one', () => {
    spec.given([]).when(forward()).then([forwarded]);
  });

  it('reads a blank person id as introducing the person', () => {
    spec
      .given([])
      .when(forward({ subject: { isChild: false, personId: '  ' } }))
      .then([{ ...forwarded, data: { ...forwarded.data, subject: { isChild: false, personId: PERSON_ID } } }]);
  });

  it('refuses consent carried by a forward from an agency that does not keep it', () => {
    spec
      .given([])
      .when(forward({ consent: ADULT_CONSENT }))
      .thenThrows(RuleViolationError, rule('only_consent_keeper'));
    spec
      .given([])
      .when(forward({ consent: ADULT_CONSENT }, false))
      .thenThrows(RuleViolationError, rule('only_consent_keeper'));
  });

  it('records consent carried by a forward from the agency that keeps it, for the known person', () => {
    spec
      .given([])
      .when(forward({ consent: ADULT_CONSENT }, true))
      .then([forwarded, { ...consentAtSubmit, data: { ...consentAtSubmit.data, personId: KNOWN_PERSON_ID } }]);
  });

  it('refers a forwarded adult to the police only with consent from the agency that keeps it', () => {
    const toPolice = { toAgencyId: receiver.agencyId, toAgencyType: 'police' as const };
    spec.given([]).when(forward(toPolice)).thenThrows(RuleViolationError, rule('adult_consent_required_for_police'));
    spec
      .given([])
      .when(forward({ ...toPolice, consent: ADULT_CONSENT }))
      .thenThrows(RuleViolationError, rule('only_consent_keeper'));
  });

  it('does not make its sender the keeper of the person’s consent', () => {
    spec.given([forwarded]).when(recordConsent({}, sender)).thenThrows(RuleViolationError, rule('only_consent_keeper'));
    spec
      .given([forwarded])
      .when(recordConsent({}, sender, true))
      .then([{ ...prosecutorConsent, data: { ...prosecutorConsent.data, personId: KNOWN_PERSON_ID } }]);
  });

  it('lets only the keeper withdraw consent recorded on the forward', () => {
    const kept = { ...consentAtSubmit, data: { ...consentAtSubmit.data, personId: KNOWN_PERSON_ID } };
    spec
      .given([forwarded, kept])
      .when(withdrawConsent(CONSENT_ID, null, sender))
      .thenThrows(RuleViolationError, rule('only_consent_keeper'));
    spec
      .given([forwarded, kept])
      .when(withdrawConsent(CONSENT_ID, null, sender, true))
      .then([{ ...consentWithdrawn, data: { ...consentWithdrawn.data, personId: KNOWN_PERSON_ID, reason: null } }]);
  });
});

describe('SubmitReferral: consent terms', () => {
  it('records how the consent was given and the hash of the signed form', () => {
    spec
      .given([])
      .when(submit({ consent: { ...ADULT_CONSENT, method: 'audio_recording', formSha256: FORM_SHA256 } }))
      .then([
        submitted,
        { ...consentAtSubmit, data: { ...consentAtSubmit.data, method: 'audio_recording', formSha256: FORM_SHA256 } },
      ]);
  });

  it('names an unknown method and a malformed form hash', () => {
    spec
      .given([])
      .when(submit({ consent: { ...ADULT_CONSENT, method: 'nod' as 'verbal', formSha256: 'not-a-hash' } }))
      .thenThrows(InvalidInputError, fields('consent.method', 'consent.formSha256'));
  });

  it('lets a parent consent for a child referred to an assistance provider', () => {
    const parental: ReferralConsentGrant = {
      consentId: CONSENT_ID,
      givenBy: 'parent',
      method: 'verbal',
      agencyTypes: ['assistance_provider'],
      purposes: ['assistance'],
    };
    spec
      .given([])
      .when(
        submit({
          subject: { isChild: true },
          consent: parental,
          toAgencyId: outsider.agencyId,
          toAgencyType: 'assistance_provider',
        }),
      )
      .then([
        {
          ...submitted,
          data: {
            ...submitted.data,
            subject: { isChild: true, personId: PERSON_ID },
            toAgencyId: outsider.agencyId,
            toAgencyType: 'assistance_provider',
          },
        },
        {
          ...consentAtSubmit,
          data: {
            ...consentAtSubmit.data,
            givenBy: 'parent',
            method: 'verbal',
            agencyTypes: ['assistance_provider'],
            purposes: ['assistance'],
          },
        },
      ]);
  });
});

describe('WithdrawConsent', () => {
  it('withdraws a consent with its trimmed reason', () => {
    spec
      .given([submitted, consentAtSubmit])
      .when(withdrawConsent(CONSENT_ID, '  She fears reprisals at the site  '))
      .then([consentWithdrawn]);
  });

  it('needs no reason, and remains possible once the referral is completed', () => {
    spec
      .given([submitted, consentAtSubmit, accepted, completed])
      .when(withdrawConsent(CONSENT_ID, ' '))
      .then([{ ...consentWithdrawn, data: { ...consentWithdrawn.data, reason: null } }]);
  });

  it('refuses an unknown consent', () => {
    spec
      .given([submitted, consentAtSubmit])
      .when(withdrawConsent('consent-9999'))
      .thenThrows(RuleViolationError, rule('consent_unknown'));
  });

  it('refuses a consent already withdrawn', () => {
    spec
      .given([submitted, consentAtSubmit, consentWithdrawn])
      .when(withdrawConsent())
      .thenThrows(RuleViolationError, rule('consent_already_withdrawn'));
  });

  it('refuses the receiving agency, which does not keep the consent', () => {
    spec
      .given([submitted, consentAtSubmit])
      .when(withdrawConsent(CONSENT_ID, null, receiver))
      .thenThrows(RuleViolationError, rule('only_consent_keeper'));
  });

  it('answers a third agency as if the referral did not exist', () => {
    spec
      .given([submitted, consentAtSubmit])
      .when(withdrawConsent(CONSENT_ID, null, outsider))
      .thenThrows(NotFoundError);
  });

  it('lets an agency that keeps the consent withdraw it', () => {
    spec
      .given([submitted, consentAtSubmit])
      .when(withdrawConsent(CONSENT_ID, null, outsider, true))
      .then([{ ...consentWithdrawn, data: { ...consentWithdrawn.data, byAgencyId: outsider.agencyId, reason: null } }]);
  });

  it('refuses a reason over 2000 characters', () => {
    spec
      .given([submitted, consentAtSubmit])
      .when(withdrawConsent(CONSENT_ID, 'x'.repeat(2001)))
      .thenThrows(InvalidInputError, fields('reason'));
  });
});

describe('AcceptReferral after consent was withdrawn', () => {
  it('refuses a police referral whose only consent to an investigation was withdrawn', () => {
    spec
      .given([submitted, consentAtSubmit, consentWithdrawn])
      .when(accept())
      .thenThrows(RuleViolationError, rule('consent_withdrawn'));
  });

  it('accepts once the person consents again', () => {
    const again = recordConsent({ consentId: 'consent-0003', agencyTypes: ['police'], purposes: ['investigation'] });
    const [renewed] = decider.decide(again, fold([submitted, consentAtSubmit, consentWithdrawn]));
    if (!renewed) throw new Error('no consent recorded');
    spec.given([submitted, consentAtSubmit, consentWithdrawn, renewed]).when(accept()).then([accepted]);
  });

  it('accepts a child’s referral whose guardian withdrew consent: it rests on child protection', () => {
    const child = {
      ...submitted,
      data: { ...submitted.data, subject: { isChild: true, personId: PERSON_ID }, childProtectionBasis: true },
    };
    const guardian = { ...consentAtSubmit, data: { ...consentAtSubmit.data, givenBy: 'guardian' as const } };
    spec.given([child, guardian, consentWithdrawn]).when(accept()).then([accepted]);
  });

  it('accepts when only a consent that did not concern the police was withdrawn', () => {
    const other = {
      ...consentAtSubmit,
      data: { ...consentAtSubmit.data, consentId: 'consent-0002', agencyTypes: ['assistance_provider' as const] },
    };
    const otherWithdrawn = { ...consentWithdrawn, data: { ...consentWithdrawn.data, consentId: 'consent-0002' } };
    spec.given([submitted, consentAtSubmit, other, otherWithdrawn]).when(accept()).then([accepted]);
  });
});

const SYSTEM: Actor = { userId: 'system', agencyId: 'pamoja-platform', agencyType: 'coordination_body', roles: [] };
const deadlineMissed = (now: Date): SentReferral<'RecordReferralDeadlineMissed'> => ({
  type: 'RecordReferralDeadlineMissed',
  data: { referralId: REFERRAL_ID },
  metadata: { actor: SYSTEM, now },
});
const missed: ReferralDeadlineMissed = {
  type: 'ReferralDeadlineMissed',
  schemaVersion: 1,
  data: {
    referralId: REFERRAL_ID,
    dueBy: DUE_BY.toISOString(),
    missedAt: AFTER_DUE.toISOString(),
    toAgencyId: receiver.agencyId,
    escalatedTo: 'coordination_body',
  },
};

describe('RecordReferralDeadlineMissed', () => {
  it('escalates an unanswered referral to the coordination body once its due time has passed', () => {
    spec.given([submitted]).when(deadlineMissed(AFTER_DUE)).then([missed]);
  });

  it('never raises the same deadline twice', () => {
    spec
      .given([submitted, missed])
      .when(deadlineMissed(new Date(AFTER_DUE.getTime() + HOUR_MS)))
      .then([]);
  });

  it.each([
    ['before the due time', LATER],
    ['exactly at the due time', DUE_BY],
  ])('records nothing %s', (_label, now) => {
    spec.given([submitted]).when(deadlineMissed(now)).then([]);
  });

  it.each([
    ['accepted', [submitted, accepted]],
    ['declined', [submitted, declined]],
    ['revoked', [submitted, revoked]],
    ['completed', [submitted, accepted, completed]],
    ['unknown', []],
  ])('records nothing for a referral %s', (_status, given) => {
    spec.given(given).when(deadlineMissed(AFTER_DUE)).then([]);
  });

  it('still lets the receiving agency accept late, and remembers the miss', () => {
    spec
      .given([submitted, missed])
      .when(accept(receiver, undefined, AFTER_DUE))
      .then([{ ...accepted, data: { ...accepted.data, acceptedAt: AFTER_DUE.toISOString() } }]);
    expect(fold([submitted, missed])).toMatchObject({ status: 'submitted', deadlineMissed: true });
  });
});

describe('state', () => {
  it('keeps only what decisions need', () => {
    expect(fold([submitted, consentAtSubmit, accepted])).toStrictEqual({
      status: 'accepted',
      referralId: REFERRAL_ID,
      jointCaseId: submitted.data.jointCaseId,
      fromAgencyId: sender.agencyId,
      toAgencyId: receiver.agencyId,
      toAgencyType: 'police',
      urgency: 'urgent',
      dueBy: '2025-03-17T08:00:00.000Z',
      subjectIsChild: null,
      personId: PERSON_ID,
      introducedPerson: true,
      consents: [{ ...ADULT_CONSENT, method: null, formSha256: null, withdrawn: false }],
      deadlineMissed: false,
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
