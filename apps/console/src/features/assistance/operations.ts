import { graphql } from '../../gql';

/**
 * The assistance feature's reads and commands. The victim's personal data (identity: name, date of birth,
 * phone, where they are now; a protection measure's own words) is read by `AssistancePersonalQuery` only,
 * on demand, and never through `useQuery` (which keeps every answer on the device): see personal.ts.
 */

/** The agency's assistance cases, as the API orders them: open first, children first, oldest first. */
export const AssistanceCasesQuery = graphql(`
  query ConsoleAssistanceCases($filter: AssistanceCaseFilter) {
    assistanceCases(filter: $filter) {
      nodes {
        assistanceId
        reference
        jointCaseId
        registeredAt
        status
        isChild
        ageGroup
        needsOutstanding
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

/** One assistance case without its personal data: what the page shows and keeps for offline reading. */
export const AssistanceCaseQuery = graphql(`
  query ConsoleAssistanceCase($id: ID!) {
    assistanceCase(id: $id) {
      assistanceId
      reference
      jointCaseId
      revision
      status
      registeredAt
      updatedAt
      assessedAt
      closedAt
      closeReason
      assistingAgencyId
      assistingAgency {
        name
      }
      ageGroup
      isChild
      sex
      nationality
      formsOfExploitation
      agreementToManagePersonalData
      consentGivenBy
      needs {
        need
        priority
        met
      }
      needsOutstanding
      protectionMeasures {
        measureId
        measure
        appliedAt
        reviewBy
        reviewDue
        consentGivenBy
      }
      services {
        serviceId
        kind
        providedAt
        providerAgencyId
        providerAgency {
          name
        }
      }
      jointCase {
        jointCaseId
        reference
        referrals {
          referralId
          reference
          revision
          status
          fromAgencyId
          fromAgency {
            name
          }
          toAgencyId
          toAgency {
            name
          }
          subjectIsChild
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
        }
      }
    }
  }
`);

/**
 * The victim's personal data and the words only the assisting agency reads: asked for when the person
 * chooses to see them, held in memory only (never kept on the device), each read audited by the platform.
 */
export const AssistancePersonalQuery = graphql(`
  query ConsoleAssistancePersonal($id: ID!) {
    assistanceCase(id: $id) {
      assistanceId
      identity {
        fullName
        dateOfBirth
        phone
        currentLocation
      }
      protectionMeasures {
        measureId
        description
      }
      services {
        serviceId
        note
      }
    }
  }
`);

/** Referrals this agency accepted: a person can be taken into assistance from one of them. */
export const AcceptedReferralsQuery = graphql(`
  query ConsoleAssistanceAcceptedReferrals($filter: ReferralListFilter) {
    incomingReferrals(filter: $filter) {
      nodes {
        referralId
        reference
        jointCaseId
        subjectPersonId
        subjectIsChild
        siteCode
        submittedAt
        fromAgencyId
        fromAgency {
          name
        }
      }
    }
  }
`);

/** The directory's active agencies, by name: who gave a service. */
export const AssistanceAgenciesQuery = graphql(`
  query ConsoleAssistanceAgencies($filter: AgencyFilterInput) {
    agencies(filter: $filter) {
      agencyId
      name
      agencyType
    }
  }
`);

export const RegisterVictimMutation = graphql(`
  mutation ConsoleRegisterVictim($input: RegisterVictimInput!) {
    registerVictim(input: $input) {
      assistanceId
      jointCaseId
      status
      revision
      replayed
    }
  }
`);

export const AssessNeedsMutation = graphql(`
  mutation ConsoleAssessNeeds($input: AssessNeedsInput!) {
    assessNeeds(input: $input) {
      assistanceId
      status
      revision
      replayed
    }
  }
`);

export const ProvideServiceMutation = graphql(`
  mutation ConsoleProvideService($input: ProvideServiceInput!) {
    provideService(input: $input) {
      assistanceId
      status
      revision
      replayed
    }
  }
`);

export const ApplyProtectionMeasureMutation = graphql(`
  mutation ConsoleApplyProtectionMeasure($input: ApplyProtectionMeasureInput!) {
    applyProtectionMeasure(input: $input) {
      assistanceId
      status
      revision
      replayed
    }
  }
`);

export const CloseAssistanceMutation = graphql(`
  mutation ConsoleCloseAssistance($input: CloseAssistanceInput!) {
    closeAssistance(input: $input) {
      assistanceId
      status
      revision
      replayed
    }
  }
`);

export const ErasePersonalDataMutation = graphql(`
  mutation ConsoleErasePersonalData($input: ErasePersonalDataInput!) {
    erasePersonalData(input: $input) {
      assistanceId
      status
      revision
      replayed
    }
  }
`);

export const AssistanceRecordConsentMutation = graphql(`
  mutation ConsoleAssistanceRecordConsent($input: RecordReferralConsentInput!) {
    recordConsent(input: $input) {
      referralId
      status
      revision
      replayed
    }
  }
`);

export const AssistanceWithdrawConsentMutation = graphql(`
  mutation ConsoleAssistanceWithdrawConsent($input: WithdrawReferralConsentInput!) {
    withdrawConsent(input: $input) {
      referralId
      status
      revision
      replayed
    }
  }
`);
