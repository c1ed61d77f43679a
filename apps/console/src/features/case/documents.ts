import { graphql } from '../../gql';
import type { ConsoleCaseQuery } from '../../gql/graphql';

/**
 * The case page's operations. Each one names the timeline entry's fields again: documents are plain
 * strings (see codegen.ts), so a fragment would only add text to every request.
 */

/** The case, every agency's part as it is disclosed to the caller, and the timeline's first page. */
export const CaseQuery = graphql(`
  query ConsoleCase($id: ID!, $first: Int) {
    case(id: $id) {
      jointCaseId
      reference
      stage
      assistanceStage
      siteCode
      province
      territory
      openedAt
      lastActivityAt
      missedDeadlines
      agencyIds
      agencies {
        agencyId
        name
      }
      referralIds
      investigationIds
      prosecutionIds
      assistanceIds
      site {
        code
        name
        province
        territory
        status
      }
      referrals {
        referralId
        fromAgencyId
        fromAgencyType
        fromAgency {
          name
        }
        toAgencyId
        toAgencyType
        toAgency {
          name
        }
        status
        statusReason
        urgency
        submittedAt
        dueBy
        overdue
        deadlineMissed
      }
      investigations {
        investigationId
        leadAgencyId
        leadAgency {
          name
        }
        status
        openedAt
        closedAt
        closureReason
        offences
        evidenceCount
        suspectCount
        arrestCount
        caseFileCount
      }
      prosecutions {
        prosecutionId
        officeAgencyId
        officeAgency {
          name
        }
        fromPoliceAgencyId
        fromPoliceAgency {
          name
        }
        status
        receivedAt
        closedAt
        closeReason
        chargeCount
        hearingCount
        hearingsHeldCount
        verdictCount
        convictionCount
      }
      assistance {
        assistanceId
        assistingAgencyId
        assistingAgency {
          name
        }
        status
        registeredAt
        closedAt
        closeReason
        isChild
        needsOutstanding
      }
      timeline(first: $first) {
        edges {
          cursor
          node {
            position
            eventId
            occurredAt
            agencyId
            agency {
              name
            }
            agencyType
            eventType
            summary
            redacted
            category
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

/** The timeline read on after a page. */
export const CaseTimelineQuery = graphql(`
  query ConsoleCaseTimeline($id: ID!, $first: Int, $after: String) {
    case(id: $id) {
      jointCaseId
      timeline(first: $first, after: $after) {
        edges {
          cursor
          node {
            position
            eventId
            occurredAt
            agencyId
            agency {
              name
            }
            agencyType
            eventType
            summary
            redacted
            category
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

/** New entries, resumed after the last position the page holds. */
export const CaseTimelineEntryAddedSubscription = graphql(`
  subscription ConsoleCaseTimelineEntryAdded($jointCaseId: ID!, $after: String) {
    caseTimelineEntryAdded(jointCaseId: $jointCaseId, after: $after) {
      position
      eventId
      occurredAt
      agencyId
      agency {
        name
      }
      agencyType
      eventType
      summary
      redacted
      category
    }
  }
`);

export type JointCaseData = ConsoleCaseQuery['case'];
export type TimelineEntry = JointCaseData['timeline']['edges'][number]['node'];
export type ReferralPart = JointCaseData['referrals'][number];
export type InvestigationPart = JointCaseData['investigations'][number];
export type ProsecutionPart = JointCaseData['prosecutions'][number];
export type AssistancePart = JointCaseData['assistance'][number];
