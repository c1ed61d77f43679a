import { graphql } from '../../gql';

/** One referral, as its parties (and the coordination body) read it: what the referral page shows. */
export const ReferralQuery = graphql(`
  query ConsoleReferral($referralId: ID!) {
    referral(referralId: $referralId) {
      referralId
      reference
      jointCaseId
      status
      revision
      urgency
      dueBy
      overdue
      deadlineMissed
      submittedAt
      answeredAt
      closedAt
      updatedAt
      statusReason
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
      siteCode
      siteDescription
      subjectIsChild
      subjectPersonId
      childProtectionBasis
      indicators
      childLabourFlags
      summary
      consent {
        active
        withdrawn
        agencyTypes
        purposes
        records {
          consentId
          givenBy
          agencyTypes
          purposes
          recordedAt
          withdrawnAt
        }
      }
      screening {
        acts
        means
        purposes
        personIsChild
        meansRequired
        result
        assessedAt
        byAgencyId
        byAgency {
          name
        }
      }
    }
  }
`);

/** The directory's active agencies of one type, by name: the receiving agencies the form offers. */
export const AgenciesQuery = graphql(`
  query ConsoleAgencies($filter: AgencyFilterInput) {
    agencies(filter: $filter) {
      agencyId
      name
      agencyType
      province
      status
    }
  }
`);

export const SubmitReferralMutation = graphql(`
  mutation ConsoleSubmitReferral($input: SubmitReferralInput!) {
    submitReferral(input: $input) {
      referralId
      jointCaseId
      status
      revision
      replayed
    }
  }
`);

export const AcceptReferralMutation = graphql(`
  mutation ConsoleAcceptReferral($input: AcceptReferralInput!) {
    acceptReferral(input: $input) {
      referralId
      status
      revision
      replayed
    }
  }
`);

export const DeclineReferralMutation = graphql(`
  mutation ConsoleDeclineReferral($input: DeclineReferralInput!) {
    declineReferral(input: $input) {
      referralId
      status
      revision
      replayed
    }
  }
`);

export const RevokeReferralMutation = graphql(`
  mutation ConsoleRevokeReferral($input: RevokeReferralInput!) {
    revokeReferral(input: $input) {
      referralId
      status
      revision
      replayed
    }
  }
`);

export const CompleteReferralMutation = graphql(`
  mutation ConsoleCompleteReferral($input: CompleteReferralInput!) {
    completeReferral(input: $input) {
      referralId
      status
      revision
      replayed
    }
  }
`);

export const AssessScreeningMutation = graphql(`
  mutation ConsoleAssessTraffickingScreening($input: AssessTraffickingScreeningInput!) {
    assessTraffickingScreening(input: $input) {
      referralId
      status
      revision
      replayed
    }
  }
`);
