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
  type AnnexIICategory,
  type ClassifySiteIncident,
  type CloseSiteIncident,
  type IncidentLevel,
  type IncidentSource,
  incidentCloseBy,
  isSiteIncidentEvent,
  type MineSiteStatus,
  type ReportSiteIncident,
  type SiteIncidentClassified,
  type SiteIncidentClosed,
  type SiteIncidentEvent,
  type SiteIncidentReported,
  SITES_UPCASTERS,
  upcastSiteIncidentClassifiedV1,
  siteIncidentDecider,
  parseSiteIncidentCommand,
  siteIncidentStreamId,
} from './index.js';

const spec = DeciderSpecification.for(parsingDecider(siteIncidentDecider, parseSiteIncidentCommand));

const INCIDENT_ID = '0f3c2b1a-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const SITE_ID = '6d1f7b0e-2f4a-5c3b-9e8d-7a6b5c4d3e2f';
const CASE_ID = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const REPORTED = new Date('2025-03-10T08:00:00.000Z');
const CLASSIFIED = new Date('2025-03-12T08:00:00.000Z');
const CLOSING = new Date('2025-04-01T08:00:00.000Z');

const fieldAgent: Actor = {
  userId: 'user-agent-1',
  agencyId: 'ngo-kivu-hope',
  agencyType: 'first_responder',
  roles: [],
};
const saemape: Actor = {
  userId: 'user-saemape-1',
  agencyId: 'saemape-goma',
  agencyType: 'mining_authority',
  roles: [],
};

function report(overrides: Partial<Unparsed<ReportSiteIncident>['data']> = {}): Unparsed<ReportSiteIncident> {
  return {
    type: 'ReportSiteIncident',
    data: {
      incidentId: INCIDENT_ID,
      siteId: SITE_ID,
      jointCaseId: null,
      source: 'sms',
      description: '  Armed men take a share of every sack at the pit exit.  ',
      ...overrides,
    },
    metadata: { actor: fieldAgent, now: REPORTED },
  };
}

const classify = (level: IncidentLevel, category: AnnexIICategory | null = null): Unparsed<ClassifySiteIncident> => ({
  type: 'ClassifySiteIncident',
  data: { incidentId: INCIDENT_ID, level, category },
  metadata: { actor: saemape, now: CLASSIFIED },
});

function close(
  site: { status: MineSiteStatus; reviewedAt: Date | null } = { status: 'green', reviewedAt: null },
  summary = ' Taxation stopped after the FARDC patrol. ',
): Unparsed<CloseSiteIncident> {
  return {
    type: 'CloseSiteIncident',
    data: { incidentId: INCIDENT_ID, summary },
    metadata: { actor: saemape, now: CLOSING, siteStatus: site.status, siteStatusReviewedAt: site.reviewedAt },
  };
}

const reported: SiteIncidentReported = {
  type: 'SiteIncidentReported',
  schemaVersion: 1,
  data: {
    incidentId: INCIDENT_ID,
    siteId: SITE_ID,
    jointCaseId: null,
    source: 'sms',
    description: 'Armed men take a share of every sack at the pit exit.',
    reportedAt: '2025-03-10T08:00:00.000Z',
    byAgencyId: 'ngo-kivu-hope',
  },
};
const classified = (
  level: IncidentLevel,
  previousLevel: IncidentLevel | null = null,
  category: AnnexIICategory | null = null,
): SiteIncidentClassified => ({
  type: 'SiteIncidentClassified',
  schemaVersion: 2,
  data: {
    incidentId: INCIDENT_ID,
    level,
    previousLevel,
    category,
    classifiedAt: '2025-03-12T08:00:00.000Z',
    byAgencyId: 'saemape-goma',
  },
});
const closed: SiteIncidentClosed = {
  type: 'SiteIncidentClosed',
  schemaVersion: 1,
  data: {
    incidentId: INCIDENT_ID,
    summary: 'Taxation stopped after the FARDC patrol.',
    closedAt: '2025-04-01T08:00:00.000Z',
    byAgencyId: 'saemape-goma',
  },
};

const fold = (events: readonly SiteIncidentEvent[]) =>
  events.reduce(siteIncidentDecider.evolve, siteIncidentDecider.initialState);

describe('ReportSiteIncident', () => {
  it('records the report, open and unclassified', () => {
    spec.given([]).when(report()).then([reported]);
    expect(fold([reported])).toMatchObject({ status: 'open', level: null });
  });

  it('joins a joint case when one is named', () => {
    spec
      .given([])
      .when(report({ jointCaseId: CASE_ID, source: 'whistle_blower' }))
      .then([{ ...reported, data: { ...reported.data, jointCaseId: CASE_ID, source: 'whistle_blower' } }]);
  });

  it('refuses an incident reported twice', () => {
    spec.given([reported]).when(report()).thenThrows(RuleViolationError, rule('incident_already_reported'));
  });

  it('refuses a bad joint case id, an unknown source and a blank description, all at once', () => {
    spec
      .given([])
      .when(report({ jointCaseId: 'case-77', source: 'rumour' as IncidentSource, description: ' ', siteId: '' }))
      .thenThrows(InvalidInputError, fields('siteId', 'jointCaseId', 'source', 'description'));
  });

  it('refuses a description over 2000 characters', () => {
    spec
      .given([])
      .when(report({ description: 'x'.repeat(2001) }))
      .thenThrows(InvalidInputError, fields('description'));
  });
});

describe('ClassifySiteIncident', () => {
  it('classifies an open incident', () => {
    spec
      .given([reported])
      .when(classify(1))
      .then([classified(1)]);
  });

  it('reclassifies, keeping the previous level', () => {
    spec
      .given([reported, classified(2)])
      .when(classify(1))
      .then([classified(1, 2)]);
  });

  it('refuses the level the incident already has', () => {
    spec
      .given([reported, classified(2)])
      .when(classify(2))
      .thenThrows(RuleViolationError, rule('incident_level_unchanged'));
  });

  it('classifies under an OECD Annex II risk, and keeps it when a reclassification names none', () => {
    spec
      .given([reported])
      .when(classify(1, 'forced_labour'))
      .then([classified(1, null, 'forced_labour')]);
    spec
      .given([reported, classified(1, null, 'forced_labour')])
      .when(classify(2))
      .then([classified(2, 1, 'forced_labour')]);
  });

  it('changes the category alone at the same level, and refuses a repeat of both', () => {
    spec
      .given([reported, classified(1, null, 'forced_labour')])
      .when(classify(1, 'worst_forms_of_child_labour'))
      .then([classified(1, 1, 'worst_forms_of_child_labour')]);
    spec
      .given([reported, classified(1, null, 'forced_labour')])
      .when(classify(1, 'forced_labour'))
      .thenThrows(RuleViolationError, rule('incident_level_unchanged'));
  });

  it('refuses a category outside Annex II', () => {
    spec
      .given([reported])
      .when(classify(1, 'deforestation' as AnnexIICategory))
      .thenThrows(InvalidInputError, fields('category'));
  });

  it.each([0, 4, 1.5])('refuses level %p', (level) => {
    spec
      .given([reported])
      .when(classify(level as IncidentLevel))
      .thenThrows(InvalidInputError, fields('level'));
  });

  it('refuses an unknown incident', () => {
    const error = spec.given([]).when(classify(1)).thenThrows(NotFoundError);
    expect(error).toMatchObject({ entity: 'SiteIncident', id: INCIDENT_ID });
  });

  it('refuses a closed incident', () => {
    spec
      .given([reported, classified(2), closed])
      .when(classify(1))
      .thenThrows(RuleViolationError, rule('incident_closed'));
  });
});

describe('CloseSiteIncident', () => {
  it('closes a classified incident with its summary', () => {
    spec
      .given([reported, classified(3)])
      .when(close())
      .then([closed]);
    expect(fold([reported, classified(3), closed]).status).toBe('closed');
  });

  it('refuses to close an unclassified incident', () => {
    spec.given([reported]).when(close()).thenThrows(RuleViolationError, rule('incident_not_classified'));
  });

  it('refuses to close a closed incident', () => {
    spec
      .given([reported, classified(3), closed])
      .when(close())
      .thenThrows(RuleViolationError, rule('incident_closed'));
  });

  it('requires a summary', () => {
    spec
      .given([reported, classified(3)])
      .when(close(undefined, '  '))
      .thenThrows(InvalidInputError, fields('summary'));
  });

  it.each([
    ['never reviewed', null],
    ['last reviewed before the report', new Date('2025-03-01T00:00:00.000Z')],
    ['reviewed at the very instant of the report', REPORTED],
  ])('keeps the incident of a red site open while its status was %s', (_label, reviewedAt) => {
    spec
      .given([reported, classified(1)])
      .when(close({ status: 'red', reviewedAt }))
      .thenThrows(RuleViolationError, rule('red_site_status_not_reviewed'));
  });

  it('closes the incident of a red site whose status was reviewed after the report', () => {
    spec
      .given([reported, classified(1)])
      .when(close({ status: 'red', reviewedAt: new Date('2025-03-25T00:00:00.000Z') }))
      .then([closed]);
  });

  it.each<MineSiteStatus>(['blue', 'green', 'yellow'])(
    'closes the incident of a %s site not reviewed since',
    (status) => {
      spec
        .given([reported, classified(1)])
        .when(close({ status, reviewedAt: null }))
        .then([closed]);
    },
  );
});

describe('state and names', () => {
  it('keeps the case, the site, the level and the category', () => {
    const events = [{ ...reported, data: { ...reported.data, jointCaseId: CASE_ID } }, classified(2, null, 'other')];
    expect(fold(events)).toStrictEqual({
      status: 'open',
      incidentId: INCIDENT_ID,
      siteId: SITE_ID,
      jointCaseId: CASE_ID,
      level: 2,
      category: 'other',
      reportedAt: '2025-03-10T08:00:00.000Z',
    });
  });

  it('reads a classification of before categories (v1) as one without a category', () => {
    const v1 = {
      incidentId: INCIDENT_ID,
      level: 1,
      previousLevel: null,
      classifiedAt: CLASSIFIED.toISOString(),
      byAgencyId: 'x',
    } as const;
    expect(upcastSiteIncidentClassifiedV1(v1)).toStrictEqual({ ...v1, category: null });
    expect(SITES_UPCASTERS).toMatchObject([{ type: 'SiteIncidentClassified', fromVersion: 1 }]);
  });

  it('expects an incident closed within 6 months of its report', () => {
    expect(incidentCloseBy('2025-03-10T08:00:00.000Z').toISOString()).toBe('2025-09-10T08:00:00.000Z');
  });

  it('recognises incident events by type name and names the stream after the incident', () => {
    expect(isSiteIncidentEvent(closed)).toBe(true);
    expect(isSiteIncidentEvent({ type: 'MineSiteRegistered' })).toBe(false);
    expect(siteIncidentStreamId(INCIDENT_ID)).toBe(`incident-${INCIDENT_ID}`);
  });
});
