import { describe, expect, it } from '@jest/globals';
import { type Actor, type AgencyType, ForbiddenError, InvalidInputError, RuleViolationError } from '@pamoja/contracts';
// Test-only dependency: the boundary rule has no spec-file exception for type:testing yet.
import { DeciderSpecification, fields, rule } from '@pamoja/testing';
import {
  type AdmitCaseParty,
  CASE_PARTY_EVENT_TYPES,
  type CasePartyAdmitted,
  caseDecisionsStreamId,
  casePartyDecider,
} from './index.js';

const spec = DeciderSpecification.for(casePartyDecider);

const JOINT_CASE_ID = '7d1f6c1e-2b4a-4c39-9b7e-0a1d2c3e4f50';
const DECISION_ID = '3c9e1a7b-5d2f-4e8a-9b6c-1f0e2d3c4b5a';
const NOW = new Date('2026-03-10T08:00:00.000Z');
const LATER = new Date('2026-03-12T08:00:00.000Z');

// Fictional agencies only.
const aplt: Actor = { userId: 'aplt-1', agencyId: 'aplt-nk', agencyType: 'coordination_body', roles: ['coordinator'] };
const police: Actor = { userId: 'opj-1', agencyId: 'pnc-masisi', agencyType: 'police', roles: ['investigator'] };
const ngo: Actor = { userId: 'ngo-1', agencyId: 'ngo-kivu-hope', agencyType: 'first_responder', roles: [] };

function admit(overrides: Partial<AdmitCaseParty['data']> = {}, actor: Actor = aplt, now = NOW): AdmitCaseParty {
  return {
    type: 'AdmitCaseParty',
    data: {
      jointCaseId: JOINT_CASE_ID,
      decisionId: DECISION_ID,
      agencyId: 'pnc-walikale',
      agencyType: 'police',
      reason: 'jurisdiction',
      note: null,
      ...overrides,
    },
    metadata: { actor, now },
  };
}

const admitted: CasePartyAdmitted = {
  type: 'CasePartyAdmitted',
  schemaVersion: 1,
  data: {
    jointCaseId: JOINT_CASE_ID,
    decisionId: DECISION_ID,
    agencyId: 'pnc-walikale',
    agencyType: 'police',
    reason: 'jurisdiction',
    note: null,
    admittedAt: NOW.toISOString(),
    byAgencyId: aplt.agencyId,
  },
};

describe('AdmitCaseParty', () => {
  it('lets the coordination body admit an agency to a case, with its reason', () => {
    spec.given([]).when(admit()).then([admitted]);
  });

  it('keeps the note that explains an admission for another reason', () => {
    const note = 'Second shelter takes the family in while the first is full';
    spec
      .given([])
      .when(admit({ agencyId: 'ngo-ushindi', agencyType: 'assistance_provider', reason: 'other', note }))
      .then([
        {
          ...admitted,
          data: { ...admitted.data, agencyId: 'ngo-ushindi', agencyType: 'assistance_provider', reason: 'other', note },
        },
      ]);
  });

  it.each<[string, Actor]>([
    ['the police', police],
    ['a first responder', ngo],
    ['an integrator', { userId: 'int-1', agencyId: 'ilo-dashboard', agencyType: 'integrator', roles: [] }],
  ])('forbids %s to admit an agency, even itself', (_label, actor) => {
    spec.given([]).when(admit({}, actor)).thenThrows(ForbiddenError);
    spec
      .given([])
      .when(admit({ agencyId: actor.agencyId, agencyType: actor.agencyType }, actor))
      .thenThrows(ForbiddenError);
  });

  it('refuses to admit an agency already admitted to the case', () => {
    spec
      .given([admitted])
      .when(admit({ decisionId: 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b', reason: 'related_case' }, aplt, LATER))
      .thenThrows(RuleViolationError, rule('already_admitted'));
  });

  it('admits another agency once one is admitted', () => {
    spec
      .given([admitted])
      .when(admit({ agencyId: 'saemape-masisi', agencyType: 'mining_authority', reason: 'related_case' }))
      .then([
        {
          ...admitted,
          data: {
            ...admitted.data,
            agencyId: 'saemape-masisi',
            agencyType: 'mining_authority',
            reason: 'related_case',
          },
        },
      ]);
  });

  it.each([
    ['no note', null],
    ['a blank note', '   '],
  ])('refuses the reason other with %s', (_label, note) => {
    spec
      .given([])
      .when(admit({ reason: 'other', note }))
      .thenThrows(InvalidInputError, fields('note'));
  });

  it('refuses to admit an integrator, naming the agency type: integrators see privacy-safe events only', () => {
    spec
      .given([])
      .when(admit({ agencyId: 'ilo-dashboard', agencyType: 'integrator' }))
      .thenThrows(InvalidInputError, fields('agencyType'));
  });

  it('refuses an agency type that does not exist', () => {
    spec
      .given([])
      .when(admit({ agencyType: 'army' as AgencyType }))
      .thenThrows(InvalidInputError, fields('agencyType'));
  });

  it('names every problem at once', () => {
    spec
      .given([])
      .when(admit({ agencyType: 'integrator', reason: 'other', note: null }))
      .thenThrows(InvalidInputError, fields('agencyType', 'note'));
  });
});

describe('case decisions', () => {
  it('keep the admitted agencies in the order they were admitted', () => {
    const second = { ...admitted, data: { ...admitted.data, agencyId: 'ngo-ushindi' } };
    const state = [admitted, second].reduce(casePartyDecider.evolve, casePartyDecider.initialState);
    expect(state).toStrictEqual({ admitted: ['pnc-walikale', 'ngo-ushindi'] });
  });

  it('live in the case’s own stream of decisions', () => {
    expect(caseDecisionsStreamId(JOINT_CASE_ID)).toBe(`case-${JOINT_CASE_ID}`);
    expect(CASE_PARTY_EVENT_TYPES).toEqual(['CasePartyAdmitted']);
  });
});
