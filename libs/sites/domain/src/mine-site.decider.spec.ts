import { describe, expect, it } from '@jest/globals';
import {
  type Actor,
  InvalidInputError,
  NotFoundError,
  parsingDecider,
  RuleViolationError,
  type Unparsed,
} from '@pamoja/contracts';
import { DeciderSpecification, fields, rule } from '@pamoja/testing';
import {
  addUtcMonths,
  type ChangeSiteStatus,
  isMineSiteEvent,
  type Mineral,
  type MineSiteEvent,
  type MineSiteInspected,
  type MineSiteRegistered,
  type MineSiteStatus,
  type MineSiteStatusChanged,
  mineSiteDecider,
  parseMineSiteCommand,
  mineSiteStreamId,
  type Province,
  type RecommendableSiteStatus,
  type MineSiteIcglrIdRecorded,
  type RecordIcglrId,
  type RecordInspection,
  type RegisterMineSite,
  type Territory,
} from './index.js';

const spec = DeciderSpecification.for(parsingDecider(mineSiteDecider, parseMineSiteCommand));

const SITE_ID = '6d1f7b0e-2f4a-5c3b-9e8d-7a6b5c4d3e2f';
const NOW = new Date('2025-03-10T08:00:00.000Z');
const LATER = new Date('2025-03-20T08:00:00.000Z');

// Fictional agencies and sites only.
const saemape: Actor = {
  userId: 'user-saemape-1',
  agencyId: 'saemape-goma',
  agencyType: 'mining_authority',
  roles: [],
};
const ngo: Actor = { userId: 'user-ngo-1', agencyId: 'ngo-kivu-hope', agencyType: 'first_responder', roles: [] };

function register(
  overrides: Partial<Unparsed<RegisterMineSite>['data']> = {},
  actor: Actor = saemape,
): Unparsed<RegisterMineSite> {
  return {
    type: 'RegisterMineSite',
    data: {
      siteId: SITE_ID,
      code: 'NK-MAS-014',
      name: '  Kalimbi Hill pit 3  ',
      province: 'north_kivu',
      territory: 'masisi',
      minerals: ['coltan', 'cassiterite'],
      latitude: -1.6,
      longitude: 28.8,
      ...overrides,
    },
    metadata: { actor, now: NOW },
  };
}

function inspection(
  overrides: Partial<Unparsed<RecordInspection>['data']> = {},
  actor: Actor = ngo,
): Unparsed<RecordInspection> {
  return {
    type: 'RecordInspection',
    data: {
      siteId: SITE_ID,
      inspectedAt: new Date('2025-03-18T10:00:00.000Z'),
      inspectingAgency: ' Joint validation team Masisi ',
      findings: ' Children under 15 carry sacks at the washing point. ',
      indicatorsObserved: [' child_in_hazardous_work ', 'debt bondage'],
      recommendedStatus: 'red',
      ...overrides,
    },
    metadata: { actor, now: LATER },
  };
}

function change(
  to: MineSiteStatus,
  overrides: Partial<Unparsed<ChangeSiteStatus>['data']> = {},
  actor: Actor = saemape,
  now = LATER,
): Unparsed<ChangeSiteStatus> {
  return {
    type: 'ChangeSiteStatus',
    data: { siteId: SITE_ID, to, reason: null, remediationDeadline: null, ...overrides },
    metadata: { actor, now },
  };
}

const registered: MineSiteRegistered = {
  type: 'MineSiteRegistered',
  schemaVersion: 1,
  data: {
    siteId: SITE_ID,
    code: 'NK-MAS-014',
    name: 'Kalimbi Hill pit 3',
    province: 'north_kivu',
    territory: 'masisi',
    minerals: ['coltan', 'cassiterite'],
    latitude: -1.6,
    longitude: 28.8,
    status: 'blue',
    registeredAt: '2025-03-10T08:00:00.000Z',
    byAgencyId: 'saemape-goma',
  },
};

const inspected: MineSiteInspected = {
  type: 'MineSiteInspected',
  schemaVersion: 1,
  data: {
    siteId: SITE_ID,
    inspectedAt: '2025-03-18T10:00:00.000Z',
    inspectingAgency: 'Joint validation team Masisi',
    findings: 'Children under 15 carry sacks at the washing point.',
    indicatorsObserved: ['child_in_hazardous_work', 'debt bondage'],
    recommendedStatus: 'red',
    recordedAt: '2025-03-20T08:00:00.000Z',
    byAgencyId: 'ngo-kivu-hope',
  },
};

function changed(from: MineSiteStatus, to: MineSiteStatus, more: Partial<MineSiteStatusChanged['data']> = {}) {
  return {
    type: 'MineSiteStatusChanged',
    schemaVersion: 1,
    data: {
      siteId: SITE_ID,
      from,
      to,
      reason: null,
      remediationDeadline: null,
      changedAt: '2025-03-20T08:00:00.000Z',
      byAgencyId: 'saemape-goma',
      ...more,
    },
  } satisfies MineSiteStatusChanged;
}
const madeGreen = changed('blue', 'green');

const fold = (events: readonly MineSiteEvent[]) => events.reduce(mineSiteDecider.evolve, mineSiteDecider.initialState);

describe('RegisterMineSite', () => {
  it('registers a site as blue (not yet verified), trimming its name', () => {
    spec.given([]).when(register()).then([registered]);
  });

  it('registers a South Kivu site by any agency', () => {
    spec
      .given([])
      .when(register({ code: 'SK-SHA-001', province: 'south_kivu', territory: 'shabunda', minerals: ['gold'] }, ngo))
      .then([
        {
          ...registered,
          data: {
            ...registered.data,
            code: 'SK-SHA-001',
            province: 'south_kivu',
            territory: 'shabunda',
            minerals: ['gold'],
            byAgencyId: 'ngo-kivu-hope',
          },
        },
      ]);
  });

  it('refuses a code already registered (the site id is derived from the code)', () => {
    spec.given([registered]).when(register()).thenThrows(RuleViolationError, rule('site_already_registered'));
  });

  it.each(['NK-MAS-14', 'nk-mas-014', 'XX-MAS-014', 'NK-MASI-014', 'NK MAS 014', ''])('refuses code %p', (code) => {
    spec.given([]).when(register({ code })).thenThrows(InvalidInputError, fields('code'));
  });

  it('refuses a code whose prefix is not the province of the site', () => {
    spec
      .given([])
      .when(register({ code: 'SK-MAS-014' }))
      .thenThrows(InvalidInputError, fields('code'));
  });

  it.each<[Province, Territory]>([
    ['north_kivu', 'shabunda'],
    ['south_kivu', 'masisi'],
  ])('refuses a territory outside its province (%s, %s)', (province, territory) => {
    spec
      .given([])
      .when(register({ province, territory, code: province === 'north_kivu' ? 'NK-SHA-001' : 'SK-MAS-001' }))
      .thenThrows(InvalidInputError, fields('territory'));
  });

  it('refuses an unknown province and territory', () => {
    spec
      .given([])
      .when(register({ province: 'ituri' as Province, territory: 'djugu' as Territory }))
      .thenThrows(InvalidInputError, fields('province', 'territory'));
  });

  it.each<[string, readonly Mineral[]]>([
    ['no mineral', []],
    ['an unknown mineral', ['diamond' as Mineral]],
    ['a mineral twice', ['gold', 'gold']],
  ])('refuses %s', (_label, minerals) => {
    spec.given([]).when(register({ minerals })).thenThrows(InvalidInputError, fields('minerals'));
  });

  it.each([
    ['north of the Kivus', 1.01, 28.8, 'latitude'],
    ['south of the Kivus', -5.01, 28.8, 'latitude'],
    ['west of the Kivus', -1.6, 25.99, 'longitude'],
    ['east of the Kivus (swapped coordinates)', 28.8, -1.6, 'latitude'],
    ['not a number', Number.NaN, 28.8, 'latitude'],
  ])('refuses coordinates %s', (_label, latitude, longitude, field) => {
    const problems = spec.given([]).when(register({ latitude, longitude })).thenThrows(InvalidInputError);
    expect(problems.problems.map((p) => p.field)).toContain(field);
  });

  it('accepts coordinates on the edges of the Kivus box', () => {
    spec
      .given([])
      .when(register({ latitude: -5, longitude: 30 }))
      .then([{ ...registered, data: { ...registered.data, latitude: -5, longitude: 30 } }]);
  });

  it('reports every problem at once', () => {
    spec
      .given([])
      .when(register({ code: 'X', name: ' ', minerals: [], latitude: 3, longitude: 40 }))
      .thenThrows(InvalidInputError, fields('code', 'name', 'minerals', 'latitude', 'longitude'));
  });
});

describe('RecordInspection', () => {
  it('records the inspection with its recommendation, without changing the status', () => {
    spec.given([registered]).when(inspection()).then([inspected]);
    expect(fold([registered, inspected]).status).toBe('blue');
  });

  it('accepts an inspection without indicators', () => {
    spec
      .given([registered, madeGreen])
      .when(inspection({ indicatorsObserved: [], recommendedStatus: 'green' }))
      .then([{ ...inspected, data: { ...inspected.data, indicatorsObserved: [], recommendedStatus: 'green' } }]);
  });

  it('refuses an inspection of an unregistered site', () => {
    const error = spec.given([]).when(inspection()).thenThrows(NotFoundError);
    expect(error).toMatchObject({ entity: 'MineSite', id: SITE_ID });
  });

  it('refuses an inspection dated in the future', () => {
    spec
      .given([registered])
      .when(inspection({ inspectedAt: new Date(LATER.getTime() + 1) }))
      .thenThrows(InvalidInputError, fields('inspectedAt'));
  });

  it('refuses a recommendation of blue, which means "not yet verified"', () => {
    spec
      .given([registered])
      .when(inspection({ recommendedStatus: 'blue' as RecommendableSiteStatus }))
      .thenThrows(InvalidInputError, fields('recommendedStatus'));
  });

  it('refuses blank or repeated indicators, and missing agency and findings', () => {
    spec
      .given([registered])
      .when(inspection({ inspectingAgency: ' ', findings: '', indicatorsObserved: ['isolation', ' isolation', ' '] }))
      .thenThrows(
        InvalidInputError,
        fields('inspectingAgency', 'findings', 'indicatorsObserved', 'indicatorsObserved'),
      );
  });
});

describe('ChangeSiteStatus', () => {
  const deadline = new Date('2025-08-20T08:00:00.000Z');

  it('lets a mining authority make a verified site green', () => {
    spec.given([registered, inspected]).when(change('green')).then([madeGreen]);
  });

  it('refuses any other agency type, even with a good reason', () => {
    spec
      .given([registered])
      .when(change('red', { reason: 'Children in the pits' }, ngo))
      .thenThrows(RuleViolationError, rule('only_mining_authority'));
  });

  it('refuses the status the site already has', () => {
    spec.given([registered, madeGreen]).when(change('green')).thenThrows(RuleViolationError, rule('status_unchanged'));
  });

  it('refuses a change on an unregistered site', () => {
    spec.given([]).when(change('green')).thenThrows(NotFoundError);
  });

  it('refuses a return to blue once verified', () => {
    spec.given([registered, madeGreen]).when(change('blue')).thenThrows(InvalidInputError, fields('to'));
  });

  it('suspends a site (red) with its reason', () => {
    spec
      .given([registered, madeGreen])
      .when(change('red', { reason: ' Forced labour found by the joint team ' }))
      .then([changed('green', 'red', { reason: 'Forced labour found by the joint team' })]);
  });

  it('requires a reason to suspend a site', () => {
    spec
      .given([registered, madeGreen])
      .when(change('red', { reason: '  ' }))
      .thenThrows(InvalidInputError, fields('reason'));
  });

  it('puts a site in remediation (yellow) with a deadline', () => {
    spec
      .given([registered, madeGreen])
      .when(change('yellow', { remediationDeadline: deadline }))
      .then([changed('green', 'yellow', { remediationDeadline: '2025-08-20T08:00:00.000Z' })]);
  });

  it('accepts a deadline exactly 6 calendar months ahead and refuses one a millisecond later', () => {
    const sixMonths = addUtcMonths(LATER, 6);
    expect(sixMonths.toISOString()).toBe('2025-09-20T08:00:00.000Z');
    spec
      .given([registered])
      .when(change('yellow', { remediationDeadline: sixMonths }))
      .then([changed('blue', 'yellow', { remediationDeadline: '2025-09-20T08:00:00.000Z' })]);
    spec
      .given([registered])
      .when(change('yellow', { remediationDeadline: new Date(sixMonths.getTime() + 1) }))
      .thenThrows(InvalidInputError, fields('remediationDeadline'));
  });

  it.each([
    ['missing', null],
    ['now', LATER],
    ['in the past', new Date('2025-01-01T00:00:00.000Z')],
    ['not a date', new Date('not a date')],
  ])('refuses a yellow status with a deadline %s', (_label, remediationDeadline) => {
    spec
      .given([registered])
      .when(change('yellow', { remediationDeadline }))
      .thenThrows(InvalidInputError, fields('remediationDeadline'));
  });

  it.each<MineSiteStatus>(['green', 'red'])('refuses a remediation deadline with status %s', (to) => {
    spec
      .given([registered])
      .when(change(to, { reason: 'Reviewed', remediationDeadline: deadline }))
      .thenThrows(InvalidInputError, fields('remediationDeadline'));
  });

  it('refuses an unknown status', () => {
    spec
      .given([registered])
      .when(change('orange' as MineSiteStatus))
      .thenThrows(InvalidInputError, fields('to'));
  });
});

describe('RecordIcglrId', () => {
  const ICGLR_ID = 'CDNK0001483';
  const record = (icglrId: string, actor: Actor = saemape): Unparsed<RecordIcglrId> => ({
    type: 'RecordIcglrId',
    data: { siteId: SITE_ID, icglrId },
    metadata: { actor, now: LATER },
  });
  const recorded = (icglrId: string, previousIcglrId: string | null = null): MineSiteIcglrIdRecorded => ({
    type: 'MineSiteIcglrIdRecorded',
    schemaVersion: 1,
    data: {
      siteId: SITE_ID,
      icglrId,
      previousIcglrId,
      recordedAt: LATER.toISOString(),
      byAgencyId: 'saemape-goma',
    },
  });

  it('lets a mining authority record the id the joint validation gave the site, trimmed', () => {
    spec
      .given([registered])
      .when(record(` ${ICGLR_ID} `))
      .then([recorded(ICGLR_ID)]);
  });

  it('corrects an id, naming the one it replaces, and refuses the same id again', () => {
    spec
      .given([registered, recorded('CDNK0001438')])
      .when(record(ICGLR_ID))
      .then([recorded(ICGLR_ID, 'CDNK0001438')]);
    spec
      .given([registered, recorded(ICGLR_ID)])
      .when(record(ICGLR_ID))
      .thenThrows(RuleViolationError, rule('icglr_id_unchanged'));
  });

  it.each(['CD', 'CD-NK-0001', 'CDNK 0001', 'é1234', 'X'.repeat(41)])('refuses %p as an ICGLR id', (icglrId) => {
    spec.given([registered]).when(record(icglrId)).thenThrows(InvalidInputError, fields('icglrId'));
  });

  it('refuses any other agency type, and a site not registered', () => {
    spec.given([registered]).when(record(ICGLR_ID, ngo)).thenThrows(RuleViolationError, rule('only_mining_authority'));
    spec.given([]).when(record(ICGLR_ID)).thenThrows(NotFoundError);
  });

  it('keeps the id in the state', () => {
    expect(fold([registered, recorded(ICGLR_ID)])).toMatchObject({ icglrId: ICGLR_ID });
  });
});

describe('state and names', () => {
  it('keeps the status and when it was last reviewed', () => {
    expect(fold([registered])).toStrictEqual({
      status: 'blue',
      siteId: SITE_ID,
      code: 'NK-MAS-014',
      province: 'north_kivu',
      registeredAt: '2025-03-10T08:00:00.000Z',
      statusChangedAt: null,
      icglrId: null,
    });
    expect(fold([registered, inspected, madeGreen])).toMatchObject({
      status: 'green',
      statusChangedAt: '2025-03-20T08:00:00.000Z',
    });
  });

  it('adds calendar months, clamping to the end of a shorter month', () => {
    expect(addUtcMonths(new Date('2025-08-31T12:00:00.000Z'), 6).toISOString()).toBe('2026-02-28T12:00:00.000Z');
    expect(addUtcMonths(new Date('2023-08-31T12:00:00.000Z'), 6).toISOString()).toBe('2024-02-29T12:00:00.000Z');
  });

  it('recognises site events by type name and names the stream after the site', () => {
    expect(isMineSiteEvent(madeGreen)).toBe(true);
    expect(isMineSiteEvent({ type: 'SiteIncidentReported' })).toBe(false);
    expect(mineSiteStreamId(SITE_ID)).toBe(`site-${SITE_ID}`);
  });
});
