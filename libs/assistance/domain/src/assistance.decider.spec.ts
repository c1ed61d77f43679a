import { describe, expect, it } from '@jest/globals';
import { type Actor, InvalidInputError, NotFoundError, parsingDecider, RuleViolationError } from '@pamoja/contracts';
// Test-only dependency: the boundary rule has no spec-file exception for type:testing yet.
import { DeciderSpecification, fields, rule } from '@pamoja/testing';
import {
  type AssistanceClosed,
  type AssistanceEvent,
  type FormOfExploitation,
  type NeedsAssessed,
  type PersonalDataErased,
  type ProtectionMeasureApplied,
  type SentAssistanceCommandOf,
  type ServiceKind,
  type ServiceProvided,
  type VictimRegistered,
  assistanceDecider,
  assistanceStreamId,
  isAssistanceEvent,
  isNationality,
  isReviewDue,
  parseAssistanceCommand,
} from './index.js';

// Commands as a client sends them: parsed at the edge, then decided, as the command path does.
const spec = DeciderSpecification.for(parsingDecider(assistanceDecider, parseAssistanceCommand));

type RegisterVictim = SentAssistanceCommandOf<'RegisterVictim'>;
type AssessNeeds = SentAssistanceCommandOf<'AssessNeeds'>;
type ProvideService = SentAssistanceCommandOf<'ProvideService'>;
type ApplyProtectionMeasure = SentAssistanceCommandOf<'ApplyProtectionMeasure'>;
type CloseAssistance = SentAssistanceCommandOf<'CloseAssistance'>;
type ErasePersonalData = SentAssistanceCommandOf<'ErasePersonalData'>;

const ASSISTANCE_ID = '5a0c2f7e-2a53-4f3e-9f7c-0d6f3b1f8e21';
const JOINT_CASE_ID = '0f3e8d6c-61a4-4c55-8d0c-1b2a3c4d5e6f';
const NOW = new Date('2025-03-10T08:00:00.000Z');
const LATER = new Date('2025-03-12T09:30:00.000Z');
const DAY_MS = 24 * 60 * 60 * 1000;

// Fictional agencies and a fictional person only.
const ngo: Actor = { userId: 'user-ngo-1', agencyId: 'ngo-tumaini-goma', agencyType: 'assistance_provider', roles: [] };
const otherNgo: Actor = { userId: 'user-iom-1', agencyId: 'iom-goma', agencyType: 'assistance_provider', roles: [] };
const police: Actor = { userId: 'user-pnc-1', agencyId: 'pnc-masisi', agencyType: 'police', roles: [] };

function register(overrides: Partial<RegisterVictim['data']> = {}, actor: Actor = ngo): RegisterVictim {
  return {
    type: 'RegisterVictim',
    data: {
      assistanceId: ASSISTANCE_ID,
      jointCaseId: JOINT_CASE_ID,
      personId: null,
      ageGroup: 'adult',
      sex: 'female',
      nationality: 'CD',
      formsOfExploitation: ['forced_labour'],
      agreementToManagePersonalData: true,
      consentGivenBy: 'self',
      personal: { fullName: '  Neema Fictive  ', dateOfBirth: '1999-04-02', phone: '+243 970 000 001' },
      ...overrides,
    },
    metadata: { actor, now: NOW },
  };
}

const assess = (needs: AssessNeeds['data']['needs'], actor: Actor = ngo): AssessNeeds => ({
  type: 'AssessNeeds',
  data: { assistanceId: ASSISTANCE_ID, needs },
  metadata: { actor, now: LATER },
});

function provide(overrides: Partial<ProvideService['data']> = {}, actor: Actor = ngo): ProvideService {
  return {
    type: 'ProvideService',
    data: {
      assistanceId: ASSISTANCE_ID,
      serviceId: 'svc-1',
      kind: 'medical',
      providedAt: null,
      providerAgencyId: null,
      note: null,
      ...overrides,
    },
    metadata: { actor, now: LATER },
  };
}

function protect(overrides: Partial<ApplyProtectionMeasure['data']> = {}, actor: Actor = ngo): ApplyProtectionMeasure {
  return {
    type: 'ApplyProtectionMeasure',
    data: {
      assistanceId: ASSISTANCE_ID,
      measureId: 'pm-1',
      measure: 'safe_house',
      description: null,
      reviewBy: new Date(LATER.getTime() + 30 * DAY_MS),
      consentGivenBy: 'self',
      ...overrides,
    },
    metadata: { actor, now: LATER },
  };
}

const close = (
  reason: CloseAssistance['data']['reason'],
  note: string | null = null,
  actor: Actor = ngo,
): CloseAssistance => ({
  type: 'CloseAssistance',
  data: { assistanceId: ASSISTANCE_ID, reason, note },
  metadata: { actor, now: LATER },
});

const registered: VictimRegistered = {
  type: 'VictimRegistered',
  schemaVersion: 1,
  data: {
    assistanceId: ASSISTANCE_ID,
    jointCaseId: JOINT_CASE_ID,
    personId: null,
    assistingAgencyId: ngo.agencyId,
    registeredAt: '2025-03-10T08:00:00.000Z',
    ageGroup: 'adult',
    isChild: false,
    sex: 'female',
    nationality: 'CD',
    formsOfExploitation: ['forced_labour'],
    agreementToManagePersonalData: true,
    consentGivenBy: 'self',
    personal: {
      fullName: 'Neema Fictive',
      dateOfBirth: '1999-04-02',
      phone: '+243 970 000 001',
      currentLocation: null,
    },
  },
};
const childRegistered: VictimRegistered = {
  ...registered,
  data: { ...registered.data, ageGroup: 'child_15_17', isChild: true, consentGivenBy: 'guardian' },
};
const assessed: NeedsAssessed = {
  type: 'NeedsAssessed',
  schemaVersion: 1,
  data: {
    assistanceId: ASSISTANCE_ID,
    byAgencyId: ngo.agencyId,
    assessedAt: LATER.toISOString(),
    needs: [
      { need: 'medical', priority: 'urgent' },
      { need: 'shelter', priority: 'high' },
    ],
  },
};
const provided: ServiceProvided = {
  type: 'ServiceProvided',
  schemaVersion: 1,
  data: {
    assistanceId: ASSISTANCE_ID,
    serviceId: 'svc-1',
    kind: 'medical',
    providedAt: LATER.toISOString(),
    providerAgencyId: ngo.agencyId,
    note: null,
  },
};
const applied: ProtectionMeasureApplied = {
  type: 'ProtectionMeasureApplied',
  schemaVersion: 1,
  data: {
    assistanceId: ASSISTANCE_ID,
    measureId: 'pm-1',
    measure: 'safe_house',
    description: null,
    byAgencyId: ngo.agencyId,
    appliedAt: LATER.toISOString(),
    reviewBy: '2025-04-11T09:30:00.000Z',
    consentGivenBy: 'self',
  },
};
const closed: AssistanceClosed = {
  type: 'AssistanceClosed',
  schemaVersion: 1,
  data: {
    assistanceId: ASSISTANCE_ID,
    byAgencyId: ngo.agencyId,
    closedAt: LATER.toISOString(),
    reason: 'reintegrated',
    note: null,
  },
};

/** The InvalidInputError names exactly these fields, in order. */

const fold = (events: readonly AssistanceEvent[]) =>
  events.reduce(assistanceDecider.evolve, assistanceDecider.initialState);

describe('RegisterVictim', () => {
  it('records the victim for the actor’s agency, personal data trimmed and apart', () => {
    spec.given([]).when(register()).then([registered]);
  });

  it('records the person as the referral that brought them names them', () => {
    const personId = '62a93650-7893-58d6-a13b-d84a3e74fa0b';
    spec
      .given([])
      .when(register({ personId }))
      .then([{ ...registered, data: { ...registered.data, personId } }]);
  });

  it('marks a child so that child-protection rules apply, with a guardian’s consent', () => {
    spec
      .given([])
      .when(register({ ageGroup: 'child_15_17', consentGivenBy: 'guardian' }))
      .then([childRegistered]);
  });

  it('records no personal data when the person does not agree to it being managed', () => {
    spec
      .given([])
      .when(register({ agreementToManagePersonalData: false, personal: null, nationality: null }))
      .then([
        {
          ...registered,
          data: { ...registered.data, agreementToManagePersonalData: false, personal: null, nationality: null },
        },
      ]);
  });

  it('refuses personal data without the agreement to manage it', () => {
    spec
      .given([])
      .when(register({ agreementToManagePersonalData: false }))
      .thenThrows(InvalidInputError, fields('personal'));
  });

  it.each<Actor>([police, { ...ngo, agencyType: 'first_responder' }])(
    'refuses registration by an agency that is not an assistance provider (%#)',
    (actor) => {
      spec.given([]).when(register({}, actor)).thenThrows(RuleViolationError, rule('only_assistance_provider'));
    },
  );

  it('refuses an assistance that already exists', () => {
    spec.given([registered]).when(register()).thenThrows(RuleViolationError, rule('assistance_already_exists'));
  });

  it('refuses a child’s own consent: a guardian or the child-protection authority decides', () => {
    spec
      .given([])
      .when(register({ ageGroup: 'child_under_15', consentGivenBy: 'self' }))
      .thenThrows(RuleViolationError, rule('child_consent_by_guardian_or_authority'));
  });

  it('refuses someone else’s consent for an adult', () => {
    spec
      .given([])
      .when(register({ consentGivenBy: 'guardian' }))
      .thenThrows(RuleViolationError, rule('adult_consents_for_self'));
  });

  it('lets the child-protection authority consent while the age is unknown', () => {
    spec
      .given([])
      .when(register({ ageGroup: 'unknown', consentGivenBy: 'child_protection_authority' }))
      .then([
        {
          ...registered,
          data: { ...registered.data, ageGroup: 'unknown', consentGivenBy: 'child_protection_authority' },
        },
      ]);
  });

  it('names every invalid field at once', () => {
    spec
      .given([])
      .when(
        register({
          jointCaseId: 'case-1',
          nationality: 'XX',
          formsOfExploitation: ['forced_labour', 'bad_luck' as FormOfExploitation, 'forced_labour'],
          personal: { fullName: ' ', dateOfBirth: '2025-02-30', phone: 'call me', currentLocation: 'x'.repeat(501) },
        }),
      )
      .thenThrows(
        InvalidInputError,
        fields(
          'jointCaseId',
          'nationality',
          'formsOfExploitation',
          'formsOfExploitation',
          'personal.fullName',
          'personal.dateOfBirth',
          'personal.phone',
          'personal.currentLocation',
        ),
      );
  });

  it('requires a form of exploitation and refuses a birth date in the future', () => {
    spec
      .given([])
      .when(register({ formsOfExploitation: [], personal: { fullName: 'Neema Fictive', dateOfBirth: '2025-03-11' } }))
      .thenThrows(InvalidInputError, fields('formsOfExploitation', 'personal.dateOfBirth'));
  });
});

describe('AssessNeeds', () => {
  it('records the needs with their priorities', () => {
    spec
      .given([registered])
      .when(
        assess([
          { need: 'medical', priority: 'urgent' },
          { need: 'shelter', priority: 'high' },
        ]),
      )
      .then([assessed]);
  });

  it('refuses no needs, a repeated need and an unknown priority, naming each', () => {
    spec.given([registered]).when(assess([])).thenThrows(InvalidInputError, fields('needs'));
    spec
      .given([registered])
      .when(
        assess([
          { need: 'medical', priority: 'urgent' },
          { need: 'medical', priority: 'soon' as 'high' },
        ]),
      )
      .thenThrows(InvalidInputError, fields('needs.1.priority', 'needs'));
  });

  it('is for the assisting agency only', () => {
    spec
      .given([registered])
      .when(assess([{ need: 'medical', priority: 'urgent' }], otherNgo))
      .thenThrows(RuleViolationError, rule('only_assisting_agency'));
  });

  it('refuses an assistance that does not exist', () => {
    const error = spec
      .given([])
      .when(assess([{ need: 'medical', priority: 'urgent' }]))
      .thenThrows(NotFoundError);
    expect(error).toMatchObject({ entity: 'Assistance', id: ASSISTANCE_ID });
  });
});

describe('ProvideService', () => {
  it('records a service given by the assisting agency, after the needs were assessed', () => {
    spec.given([registered, assessed]).when(provide()).then([provided]);
  });

  it('records a service given earlier by a partner agency, with a note', () => {
    const providedAt = new Date('2025-03-11T15:00:00.000Z');
    spec
      .given([registered, assessed])
      .when(provide({ providedAt, providerAgencyId: 'hopital-heal-africa', note: '  First consultation.  ' }))
      .then([
        {
          ...provided,
          data: {
            ...provided.data,
            providedAt: '2025-03-11T15:00:00.000Z',
            providerAgencyId: 'hopital-heal-africa',
            note: 'First consultation.',
          },
        },
      ]);
  });

  it('is refused before the needs were assessed', () => {
    spec.given([registered]).when(provide()).thenThrows(RuleViolationError, rule('needs_not_assessed'));
  });

  it('is refused after closure', () => {
    spec
      .given([registered, assessed, closed])
      .when(provide())
      .thenThrows(RuleViolationError, rule('assistance_closed'));
  });

  it('refuses the same service id twice', () => {
    spec
      .given([registered, assessed, provided])
      .when(provide())
      .thenThrows(RuleViolationError, rule('service_already_recorded'));
  });

  it('refuses protection as a service, a service in the future and an overlong note', () => {
    spec
      .given([registered, assessed])
      .when(
        provide({
          kind: 'protection' as ServiceKind,
          providedAt: new Date(LATER.getTime() + 1),
          note: 'x'.repeat(2001),
        }),
      )
      .thenThrows(InvalidInputError, fields('kind', 'providedAt', 'note'));
  });

  it('is for the assisting agency only', () => {
    spec
      .given([registered, assessed])
      .when(provide({}, otherNgo))
      .thenThrows(RuleViolationError, rule('only_assisting_agency'));
  });
});

describe('ApplyProtectionMeasure', () => {
  it('records the measure and when it must be reviewed', () => {
    spec.given([registered]).when(protect()).then([applied]);
  });

  it('protects a child on the child-protection authority’s decision, without the child’s consent', () => {
    spec
      .given([childRegistered])
      .when(protect({ consentGivenBy: 'child_protection_authority' }))
      .then([{ ...applied, data: { ...applied.data, consentGivenBy: 'child_protection_authority' } }]);
  });

  it('refuses the child as the one consenting', () => {
    spec
      .given([childRegistered])
      .when(protect({ consentGivenBy: 'self' }))
      .thenThrows(RuleViolationError, rule('child_consent_by_guardian_or_authority'));
  });

  it('refuses a guardian deciding for an adult', () => {
    spec
      .given([registered])
      .when(protect({ consentGivenBy: 'guardian' }))
      .thenThrows(RuleViolationError, rule('adult_consents_for_self'));
  });

  it.each([
    ['now', LATER],
    ['in the past', new Date(LATER.getTime() - 1)],
    ['more than 180 days ahead', new Date(LATER.getTime() + 180 * DAY_MS + 1)],
    ['not a date', new Date('not a date')],
  ])('refuses a reviewBy %s', (_label, reviewBy) => {
    spec.given([registered]).when(protect({ reviewBy })).thenThrows(InvalidInputError, fields('reviewBy'));
  });

  it('requires a description for another kind of measure', () => {
    spec
      .given([registered])
      .when(protect({ measure: 'other' }))
      .thenThrows(InvalidInputError, fields('description'));
  });

  it('refuses the same measure id twice, and any measure after closure', () => {
    spec.given([registered, applied]).when(protect()).thenThrows(RuleViolationError, rule('measure_already_applied'));
    spec.given([registered, closed]).when(protect()).thenThrows(RuleViolationError, rule('assistance_closed'));
  });
});

describe('CloseAssistance', () => {
  it('closes with a reason', () => {
    spec.given([registered, assessed, provided]).when(close('reintegrated')).then([closed]);
  });

  it('requires a note when the reason is other', () => {
    spec.given([registered]).when(close('other', '  ')).thenThrows(InvalidInputError, fields('note'));
    spec
      .given([registered])
      .when(close('other', 'Moved to a programme in Bukavu'))
      .then([{ ...closed, data: { ...closed.data, reason: 'other', note: 'Moved to a programme in Bukavu' } }]);
  });

  it('takes no changes once closed', () => {
    spec
      .given([registered, closed])
      .when(close('lost_contact'))
      .thenThrows(RuleViolationError, rule('assistance_closed'));
    spec
      .given([registered, closed])
      .when(assess([{ need: 'medical', priority: 'normal' }]))
      .thenThrows(RuleViolationError, rule('assistance_closed'));
  });

  it('is for the assisting agency only', () => {
    spec
      .given([registered])
      .when(close('transferred', null, otherNgo))
      .thenThrows(RuleViolationError, rule('only_assisting_agency'));
  });
});

describe('assistance state and helpers', () => {
  it('moves from registered to assessed to in assistance to closed, keeping the joint case', () => {
    expect(fold([registered])).toMatchObject({ status: 'registered', jointCaseId: JOINT_CASE_ID });
    expect(fold([registered, applied]).status).toBe('registered');
    expect(fold([registered, assessed]).status).toBe('assessed');
    expect(fold([registered, assessed, applied]).status).toBe('in_assistance');
    expect(fold([registered, assessed, provided, assessed]).status).toBe('in_assistance');
    expect(fold([registered, assessed, provided, closed]).status).toBe('closed');
  });

  it('keeps personal data out of the decision state', () => {
    expect(JSON.stringify(fold([registered, assessed]))).not.toContain('Neema');
  });

  it('names the stream and recognises its events', () => {
    expect(assistanceStreamId(ASSISTANCE_ID)).toBe(`assistance-${ASSISTANCE_ID}`);
    expect(isAssistanceEvent(provided)).toBe(true);
    expect(isAssistanceEvent({ type: 'ReferralSubmitted' })).toBe(false);
  });

  it('knows country codes and a review that has come due', () => {
    expect(['CD', 'RW', 'UG', 'BI'].every(isNationality)).toBe(true);
    expect(['XX', 'cd', 'COD', 'EU', 'ZZ'].some(isNationality)).toBe(false);
    expect(isReviewDue({ reviewBy: '2025-03-12T09:30:00.000Z' }, LATER)).toBe(true);
    expect(isReviewDue({ reviewBy: new Date(LATER.getTime() + 1) }, LATER)).toBe(false);
  });
});

describe('ErasePersonalData', () => {
  const erase = (
    reason: ErasePersonalData['data']['reason'] = 'legal_request',
    actor: Actor = ngo,
    assistanceId = ASSISTANCE_ID,
  ): ErasePersonalData => ({
    type: 'ErasePersonalData',
    data: { assistanceId, reason },
    metadata: { actor, now: LATER },
  });
  const erased: PersonalDataErased = {
    type: 'PersonalDataErased',
    schemaVersion: 1,
    data: {
      assistanceId: ASSISTANCE_ID,
      jointCaseId: JOINT_CASE_ID,
      subjectId: `victim:${ASSISTANCE_ID}`,
      reason: 'legal_request',
      erasedAt: LATER.toISOString(),
      byAgencyId: ngo.agencyId,
    },
  };

  it("erases the victim's personal data at the assisting agency's request, naming the victim's key", () => {
    spec.given([registered]).when(erase()).then([erased]);
  });

  it('erases at the end of retention, after the case was closed', () => {
    spec
      .given([registered, closed])
      .when(erase('retention_expired'))
      .then([{ ...erased, data: { ...erased.data, reason: 'retention_expired' } }]);
  });

  it('changes nothing when the personal data is already erased', () => {
    spec.given([registered, erased]).when(erase('retention_expired')).then([]);
    expect(fold([registered, erased])).toMatchObject({ personalDataErased: true });
  });

  it('is for the assisting agency only, on an existing assistance, for a known reason', () => {
    spec
      .given([registered])
      .when(erase('legal_request', otherNgo))
      .thenThrows(RuleViolationError, rule('only_assisting_agency'));
    spec.given([]).when(erase()).thenThrows(NotFoundError);
    spec
      .given([registered])
      .when(erase('forgotten' as ErasePersonalData['data']['reason']))
      .thenThrows(InvalidInputError, fields('reason'));
  });
});
