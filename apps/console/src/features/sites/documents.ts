import { graphql } from '../../gql';

/** The registry, filtered: every agency may read it (mine-site data is for everyone). */
export const SitesRegistryQuery = graphql(`
  query ConsoleSitesRegistry($filter: MineSiteListFilter) {
    mineSites(filter: $filter) {
      nodes {
        siteId
        code
        name
        province
        territory
        minerals
        latitude
        longitude
        status
        openIncidentCount
        highestOpenIncidentLevel
        remediationDeadline
        remediationOverdue
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** One site by its registry code: its status and why, what happened there, and its linked cases. */
export const SiteQuery = graphql(`
  query ConsoleSite($code: String!) {
    mineSite(code: $code) {
      siteId
      code
      name
      province
      territory
      minerals
      latitude
      longitude
      status
      statusReason
      statusChangedAt
      remediationDeadline
      remediationOverdue
      revision
      registeredAt
      registeredByAgencyId
      registeredByAgency {
        name
      }
      openIncidentCount
      highestOpenIncidentLevel
      caseCount
      lastInspection {
        inspectedAt
        inspectingAgency
        findings
        indicatorsObserved
        recommendedStatus
        recordedByAgencyId
        recordedByAgency {
          name
        }
      }
      cases(first: 50) {
        nodes {
          jointCaseId
          reference
          linkedVia
          firstLinkedAt
          lastActivityAt
        }
      }
      timeline(first: 200) {
        nodes {
          kind
          occurredAt
          agencyId
          agency {
            name
          }
          agencyType
          fromStatus
          toStatus
          level
          linkedVia
          incidentId
          jointCaseId
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

/** The rest of a site's timeline, after the first page (oldest first: the newest come last). */
export const SiteTimelineQuery = graphql(`
  query ConsoleSiteTimeline($code: String!, $after: String) {
    mineSite(code: $code) {
      siteId
      timeline(first: 200, after: $after) {
        nodes {
          kind
          occurredAt
          agencyId
          agency {
            name
          }
          agencyType
          fromStatus
          toStatus
          level
          linkedVia
          incidentId
          jointCaseId
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

export const SiteIncidentsQuery = graphql(`
  query ConsoleSiteIncidents($siteId: ID!, $filter: SiteIncidentFilter) {
    siteIncidents(siteId: $siteId, filter: $filter) {
      nodes {
        incidentId
        status
        source
        level
        description
        summary
        reportedAt
        reportedByAgencyId
        reportedByAgency {
          name
        }
        classifiedAt
        closedAt
        closeBy
        overdue
        jointCaseId
        revision
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);

export const RegisterMineSiteMutation = graphql(`
  mutation ConsoleRegisterMineSite($input: RegisterMineSiteInput!) {
    registerMineSite(input: $input) {
      siteId
      code
      status
      revision
      replayed
    }
  }
`);

export const RecordMineSiteInspectionMutation = graphql(`
  mutation ConsoleRecordMineSiteInspection($input: RecordMineSiteInspectionInput!) {
    recordMineSiteInspection(input: $input) {
      siteId
      code
      status
      revision
      replayed
    }
  }
`);

export const ChangeMineSiteStatusMutation = graphql(`
  mutation ConsoleChangeMineSiteStatus($input: ChangeMineSiteStatusInput!) {
    changeMineSiteStatus(input: $input) {
      siteId
      code
      status
      revision
      replayed
    }
  }
`);

export const ReportSiteIncidentMutation = graphql(`
  mutation ConsoleReportSiteIncident($input: ReportSiteIncidentInput!) {
    reportSiteIncident(input: $input) {
      incidentId
      siteId
      status
      level
      revision
      replayed
    }
  }
`);

export const ClassifySiteIncidentMutation = graphql(`
  mutation ConsoleClassifySiteIncident($input: ClassifySiteIncidentInput!) {
    classifySiteIncident(input: $input) {
      incidentId
      siteId
      status
      level
      revision
      replayed
    }
  }
`);

export const CloseSiteIncidentMutation = graphql(`
  mutation ConsoleCloseSiteIncident($input: CloseSiteIncidentInput!) {
    closeSiteIncident(input: $input) {
      incidentId
      siteId
      status
      level
      revision
      replayed
    }
  }
`);
