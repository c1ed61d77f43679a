import type { ConsoleSiteIncidentsQuery, ConsoleSiteQuery } from '../../gql/graphql';
import { testSession } from '../../test/render';
import { type RegistrySite } from './SitesPage';

/** For component tests of the sites pages: fictional sites, agencies and incidents only. */

export const MINING_AUTHORITY = testSession({
  userId: 'inspector-1',
  agencyId: 'saemape-nk',
  agencyType: 'mining_authority',
  roles: ['inspector'],
});

export function registrySite(overrides: Partial<RegistrySite> = {}): RegistrySite {
  return {
    siteId: '5b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
    code: 'NK-MAS-014',
    name: 'Rubaya B',
    province: 'NORTH_KIVU',
    territory: 'MASISI',
    minerals: ['COLTAN', 'CASSITERITE'],
    latitude: -1.556,
    longitude: 28.879,
    status: 'RED',
    openIncidentCount: 2,
    highestOpenIncidentLevel: 1,
    remediationDeadline: null,
    remediationOverdue: false,
    ...overrides,
  };
}

export const connection = <N>(nodes: readonly N[], hasNextPage = false) => ({
  nodes,
  pageInfo: { hasNextPage, endCursor: hasNextPage ? 'cursor-1' : null },
});

type Site = ConsoleSiteQuery['mineSite'];
type Incident = ConsoleSiteIncidentsQuery['siteIncidents']['nodes'][number];

export function site(overrides: Partial<Site> = {}): Site {
  return {
    siteId: '5b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
    code: 'NK-MAS-014',
    name: 'Rubaya B',
    province: 'NORTH_KIVU',
    territory: 'MASISI',
    minerals: ['COLTAN'],
    latitude: -1.556,
    longitude: 28.879,
    status: 'GREEN',
    statusReason: 'Inspection without findings.',
    statusChangedAt: '2026-10-01T08:00:00Z',
    remediationDeadline: null,
    remediationOverdue: false,
    revision: 3,
    registeredAt: '2026-09-01T08:00:00Z',
    registeredByAgencyId: 'saemape-nk',
    registeredByAgency: { name: 'SAEMAPE Nord-Kivu' },
    openIncidentCount: 1,
    highestOpenIncidentLevel: null,
    caseCount: 3,
    lastInspection: null,
    cases: {
      nodes: [
        {
          jointCaseId: '6f7e2d0a-1c3b-4e5f-8a9b-0c1d2e3f4a5b',
          reference: 'NK-2026-00042',
          linkedVia: 'REFERRAL',
          firstLinkedAt: '2026-11-01T08:00:00Z',
          lastActivityAt: '2026-12-01T08:00:00Z',
        },
      ],
    },
    timeline: {
      nodes: [
        {
          kind: 'REGISTERED',
          occurredAt: '2026-09-01T08:00:00Z',
          agencyId: 'saemape-nk',
          agency: { name: 'SAEMAPE Nord-Kivu' },
          agencyType: 'MINING_AUTHORITY',
          fromStatus: null,
          toStatus: 'BLUE',
          level: null,
          linkedVia: null,
          incidentId: null,
          jointCaseId: null,
        },
        {
          kind: 'STATUS_CHANGED',
          occurredAt: '2026-10-01T08:00:00Z',
          agencyId: 'saemape-nk',
          agency: { name: 'SAEMAPE Nord-Kivu' },
          agencyType: 'MINING_AUTHORITY',
          fromStatus: 'BLUE',
          toStatus: 'GREEN',
          level: null,
          linkedVia: null,
          incidentId: null,
          jointCaseId: null,
        },
      ],
      pageInfo: { hasNextPage: false, endCursor: null },
    },
    ...overrides,
  };
}

export function incident(overrides: Partial<Incident> = {}): Incident {
  return {
    incidentId: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d',
    status: 'OPEN',
    source: 'FIELD_AGENT',
    level: null,
    description: 'Children seen carrying ore at night.',
    summary: null,
    reportedAt: '2026-11-20T08:00:00Z',
    reportedByAgencyId: 'ngo-kivu-hope',
    reportedByAgency: { name: 'Kivu Hope' },
    classifiedAt: null,
    closedAt: null,
    closeBy: '2027-05-20T08:00:00Z',
    overdue: false,
    jointCaseId: null,
    revision: 1,
    ...overrides,
  };
}
