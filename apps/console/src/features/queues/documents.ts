import { graphql } from '../../gql';

/*
 * What each queue reads. Every list is a connection (`first`/`after`, `pageInfo.endCursor`); the rows
 * ask only for what a row shows, so a page stays small on a poor link. No personal data is read here.
 */

export const IncomingReferralsQuery = graphql(`
  query ConsoleQueueIncomingReferrals($filter: ReferralListFilter) {
    incomingReferrals(filter: $filter) {
      nodes {
        referralId
        reference
        jointCaseId
        fromAgencyId
        fromAgency {
          name
        }
        toAgencyId
        toAgency {
          name
        }
        siteCode
        submittedAt
        dueBy
        overdue
        deadlineMissed
        urgency
        status
        answeredAt
        subjectIsChild
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const OutgoingReferralsQuery = graphql(`
  query ConsoleQueueOutgoingReferrals($filter: ReferralListFilter) {
    outgoingReferrals(filter: $filter) {
      nodes {
        referralId
        reference
        jointCaseId
        fromAgencyId
        fromAgency {
          name
        }
        toAgencyId
        toAgency {
          name
        }
        siteCode
        submittedAt
        dueBy
        overdue
        deadlineMissed
        urgency
        status
        answeredAt
        subjectIsChild
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const InvestigationsQuery = graphql(`
  query ConsoleQueueInvestigations($filter: InvestigationListFilter) {
    investigations(filter: $filter) {
      nodes {
        investigationId
        reference
        jointCaseId
        siteCode
        openedAt
        lastActivityAt
        status
        offences
        suspectCount
        arrestCount
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const IncomingCaseFilesQuery = graphql(`
  query ConsoleQueueIncomingCaseFiles($filter: CaseFileListFilter) {
    incomingCaseFiles(filter: $filter) {
      nodes {
        caseFileId
        reference
        jointCaseId
        fromAgencyId
        fromAgency {
          name
        }
        toProsecutorOfficeId
        transmittedAt
        dueBy
        overdue
        status
        acknowledgedAt
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const OverdueCaseFilesQuery = graphql(`
  query ConsoleQueueOverdueCaseFiles($filter: CaseFileListFilter) {
    overdueCaseFileTransmissions(filter: $filter) {
      nodes {
        caseFileId
        reference
        jointCaseId
        fromAgencyId
        fromAgency {
          name
        }
        toProsecutorOfficeId
        transmittedAt
        dueBy
        overdue
        status
        acknowledgedAt
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const UpcomingHearingsQuery = graphql(`
  query ConsoleQueueUpcomingHearings($filter: UpcomingHearingsFilter) {
    upcomingHearings(filter: $filter) {
      nodes {
        hearingId
        prosecutionId
        reference
        jointCaseId
        court
        purpose
        scheduledFor
        heldAt
        cancelledAt
        outcomeOverdueAt
        rescheduleCount
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const AssistanceReviewsQuery = graphql(`
  query ConsoleQueueAssistanceReviews($filter: AssistanceCaseFilter) {
    assistanceCases(filter: $filter) {
      nodes {
        assistanceId
        reference
        jointCaseId
        registeredAt
        status
        isChild
        protectionMeasures {
          measureId
          measure
          reviewBy
          reviewDue
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const EscalationsQuery = graphql(`
  query ConsoleQueueEscalations($filter: EscalationFilter) {
    escalations(filter: $filter) {
      nodes {
        escalationId
        reference
        kind
        agencyId
        agency {
          name
        }
        jointCaseId
        subjectId
        dueBy
        missedAt
        resolvedAt
        position
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const OverdueCasesQuery = graphql(`
  query ConsoleQueueOverdueCases($filter: JointCaseFilter) {
    jointCases(filter: $filter) {
      nodes {
        jointCaseId
        reference
        stage
        siteCode
        openedAt
        lastActivityAt
        missedDeadlines
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const MineSitesQuery = graphql(`
  query ConsoleQueueMineSites($filter: MineSiteListFilter) {
    mineSites(filter: $filter) {
      nodes {
        siteId
        code
        name
        status
        openIncidentCount
        highestOpenIncidentLevel
        remediationDeadline
        remediationOverdue
        statusChangedAt
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** New referrals to the agency, live; `after` resumes after the last one seen. */
export const ReferralReceivedSubscription = graphql(`
  subscription ConsoleQueueReferralReceived($after: String) {
    referralReceived(after: $after) {
      referralId
      feedCursor
      submittedAt
      siteCode
    }
  }
`);

/** Deadlines missed (the agency's own; the coordination body's: every one), live. */
export const DeadlineMissedSubscription = graphql(`
  subscription ConsoleQueueDeadlineMissed($after: String) {
    deadlineMissed(after: $after) {
      escalationId
      position
      kind
    }
  }
`);
