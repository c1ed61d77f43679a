import { graphql } from '../../gql';
import type { ConsoleMeetingQuery, ConsoleMeetingsQuery, ConsoleMyActionPointsQuery } from '../../gql/graphql';

/** The meetings the caller may read: upcoming ones soonest first, or all, latest first. */
export const MeetingsQuery = graphql(`
  query ConsoleMeetings($filter: MeetingListFilter) {
    meetings(filter: $filter) {
      nodes {
        meetingId
        title
        language
        province
        siteCode
        scheduledFor
        status
        participantAgencyIds
        participantAgencies {
          agencyId
          name
        }
      }
    }
  }
`);

/** One meeting: its facts, the agenda generated from the log, what it decided and undertook, its minutes. */
export const MeetingQuery = graphql(`
  query ConsoleMeeting($meetingId: ID!) {
    meeting(meetingId: $meetingId) {
      meetingId
      title
      language
      province
      siteCode
      scheduledFor
      status
      revision
      closedAt
      scheduledByAgencyId
      scheduledByAgency {
        name
      }
      participantAgencyIds
      participantAgencyTypes
      participantAgencies {
        agencyId
        name
      }
      decisions {
        decisionId
        jointCaseId
        caseReference
        recordedAt
        text
        recordedByAgencyId
        recordedByAgency {
          name
        }
      }
      actionPoints {
        actionPointId
        meetingId
        description
        dueBy
        overdue
        status
        jointCaseId
        caseReference
        ownerAgencyId
        ownerAgencyType
        ownerAgency {
          name
        }
        completedAt
        completedByAgencyId
        completedByAgency {
          name
        }
      }
      minutes {
        text
        recordedAt
        recordedByAgencyId
        recordedByAgency {
          name
        }
      }
      agenda {
        asOf
        since
        previousMeetingId
        overdueHandoffs {
          referralId
          reference
          jointCaseId
          caseReference
          siteCode
          siteName
          dueBy
          submittedAt
          fromAgencyId
          fromAgency {
            name
          }
          toAgencyId
          toAgencyType
          toAgency {
            name
          }
        }
        declinedHandoffs {
          referralId
          reference
          jointCaseId
          caseReference
          siteCode
          siteName
          dueBy
          declinedAt
          submittedAt
          fromAgencyId
          fromAgency {
            name
          }
          toAgencyId
          toAgencyType
          toAgency {
            name
          }
        }
        missedDeadlines {
          escalationId
          subjectKind
          subjectReference
          jointCaseId
          caseReference
          siteCode
          siteName
          agencyId
          agency {
            name
          }
          dueBy
          missedAt
        }
        siteStatusChanges {
          siteId
          siteCode
          siteName
          from
          to
          changedAt
          byAgencyId
          byAgency {
            name
          }
        }
        levelOneIncidents {
          incidentId
          siteId
          siteCode
          siteName
          jointCaseId
          caseReference
          reportedAt
          classifiedAt
          open
        }
        upcomingHearings {
          hearingId
          prosecutionId
          prosecutionReference
          jointCaseId
          caseReference
          siteCode
          siteName
          court
          scheduledFor
        }
        suspendedAgencyHandoffs {
          referralId
          reference
          jointCaseId
          caseReference
          siteCode
          siteName
          dueBy
          declinedAt
          submittedAt
          fromAgencyId
          fromAgency {
            name
          }
          toAgencyId
          toAgencyType
          toAgency {
            name
          }
          suspendedAgencyId
          suspendedAgency {
            name
          }
        }
        openActionPoints {
          actionPointId
          meetingId
          description
          dueBy
          overdue
          status
          jointCaseId
          caseReference
          ownerAgencyId
          ownerAgencyType
          ownerAgency {
            name
          }
          recordedAt
        }
      }
    }
  }
`);

/** The caller's agency's action points, soonest due first. */
export const MyActionPointsQuery = graphql(`
  query ConsoleMyActionPoints($filter: MyActionPointsFilter) {
    myActionPoints(filter: $filter) {
      nodes {
        actionPointId
        meetingId
        description
        dueBy
        overdue
        status
        jointCaseId
        caseReference
        ownerAgencyId
        ownerAgencyType
        ownerAgency {
          name
        }
        completedAt
      }
    }
  }
`);

/** The directory's active agencies, by name: the participants and owners the forms offer. */
export const MeetingAgenciesQuery = graphql(`
  query ConsoleMeetingAgencies($filter: AgencyFilterInput) {
    agencies(filter: $filter) {
      agencyId
      name
      agencyType
      province
      status
    }
  }
`);

export const ScheduleMeetingMutation = graphql(`
  mutation ConsoleScheduleMeeting($input: ScheduleMeetingInput!) {
    scheduleMeeting(input: $input) {
      meetingId
      revision
      status
      replayed
    }
  }
`);

export const RecordDecisionMutation = graphql(`
  mutation ConsoleRecordDecision($input: RecordDecisionInput!) {
    recordDecision(input: $input) {
      meetingId
      itemId
      revision
      status
      replayed
    }
  }
`);

export const RecordActionPointMutation = graphql(`
  mutation ConsoleRecordActionPoint($input: RecordActionPointInput!) {
    recordActionPoint(input: $input) {
      meetingId
      itemId
      revision
      status
      replayed
    }
  }
`);

export const CompleteActionPointMutation = graphql(`
  mutation ConsoleCompleteActionPoint($input: CompleteActionPointInput!) {
    completeActionPoint(input: $input) {
      meetingId
      itemId
      revision
      status
      replayed
    }
  }
`);

export const RecordMinutesMutation = graphql(`
  mutation ConsoleRecordMinutes($input: RecordMinutesInput!) {
    recordMinutes(input: $input) {
      meetingId
      revision
      status
      replayed
    }
  }
`);

export const CloseMeetingMutation = graphql(`
  mutation ConsoleCloseMeeting($input: CloseMeetingInput!) {
    closeMeeting(input: $input) {
      meetingId
      revision
      status
      replayed
    }
  }
`);

export type MeetingData = ConsoleMeetingQuery['meeting'];
export type AgendaData = MeetingData['agenda'];
export type ActionPointData = MeetingData['actionPoints'][number];
export type OpenActionPointData = AgendaData['openActionPoints'][number];
export type MeetingSummary = ConsoleMeetingsQuery['meetings']['nodes'][number];
export type MyActionPoint = ConsoleMyActionPointsQuery['myActionPoints']['nodes'][number];
