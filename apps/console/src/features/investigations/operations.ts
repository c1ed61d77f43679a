import { graphql } from '../../gql';

/** The police agency's investigations, open first, then most recently active: the list page. */
export const InvestigationsListQuery = graphql(`
  query ConsoleInvestigationsList($filter: InvestigationListFilter) {
    investigations(filter: $filter) {
      nodes {
        investigationId
        reference
        jointCaseId
        referralId
        siteCode
        status
        offences
        openedAt
        lastActivityAt
        closedAt
        closureReason
        leadOfficerId
        evidenceCount
        suspectCount
        arrestCount
        caseFileCount
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** One investigation with its evidence, suspects, arrests and case files: the investigation page. */
export const InvestigationQuery = graphql(`
  query ConsoleInvestigation($investigationId: ID!) {
    investigation(investigationId: $investigationId) {
      investigationId
      reference
      jointCaseId
      referralId
      siteCode
      status
      revision
      offences
      openedAt
      lastActivityAt
      closedAt
      closureReason
      closureNote
      leadAgencyId
      leadAgency {
        name
      }
      leadOfficerId
      evidence {
        evidenceId
        kind
        description
        sha256
        collectedAt
        collectedBy
        custodian {
          agencyId
          agency {
            name
          }
          officerId
        }
        custodyChain {
          at
          reason
          from {
            agencyId
            agency {
              name
            }
            officerId
          }
          to {
            agencyId
            agency {
              name
            }
            officerId
          }
        }
      }
      suspects {
        suspectId
        role
        alias
        description
        name
        dateOfBirth
        identifiedAt
      }
      arrests {
        suspectId
        arrestedAt
        location
        legalBasis
      }
      caseFiles {
        caseFileId
        reference
        toProsecutorOfficeId
        status
        transmittedAt
        dueBy
        overdue
        acknowledgedAt
        summary
        suspectIds
        evidenceIds
      }
    }
  }
`);

/** The case an investigation belongs to, by its reference. */
export const InvestigationCaseQuery = graphql(`
  query ConsoleInvestigationCase($jointCaseId: ID!) {
    case(id: $jointCaseId) {
      jointCaseId
      reference
    }
  }
`);

/** The referral an investigation answers (or is about to): its reference, its parties and its status. */
export const InvestigationReferralQuery = graphql(`
  query ConsoleInvestigationReferral($referralId: ID!) {
    referral(referralId: $referralId) {
      referralId
      reference
      jointCaseId
      status
      siteCode
      toAgencyId
      fromAgencyId
      fromAgency {
        name
      }
      indicators
      childLabourFlags
    }
  }
`);

export const OpenInvestigationMutation = graphql(`
  mutation ConsoleOpenInvestigation($input: OpenInvestigationInput!) {
    openInvestigation(input: $input) {
      investigationId
      jointCaseId
      status
      revision
      replayed
    }
  }
`);

export const RecordEvidenceMutation = graphql(`
  mutation ConsoleRecordEvidence($input: RecordEvidenceInput!) {
    recordEvidence(input: $input) {
      investigationId
      evidenceId
      status
      revision
      replayed
    }
  }
`);

export const TransferCustodyMutation = graphql(`
  mutation ConsoleRecordEvidenceCustodyTransfer($input: RecordEvidenceCustodyTransferInput!) {
    recordEvidenceCustodyTransfer(input: $input) {
      investigationId
      evidenceId
      status
      revision
      replayed
    }
  }
`);

export const IdentifySuspectMutation = graphql(`
  mutation ConsoleIdentifySuspect($input: IdentifySuspectInput!) {
    identifySuspect(input: $input) {
      investigationId
      suspectId
      status
      revision
      replayed
    }
  }
`);

export const RecordArrestMutation = graphql(`
  mutation ConsoleRecordArrest($input: RecordArrestInput!) {
    recordArrest(input: $input) {
      investigationId
      suspectId
      status
      revision
      replayed
    }
  }
`);

export const TransmitCaseFileMutation = graphql(`
  mutation ConsoleTransmitCaseFile($input: TransmitCaseFileInput!) {
    transmitCaseFile(input: $input) {
      investigationId
      caseFileId
      status
      revision
      replayed
    }
  }
`);

export const CloseInvestigationMutation = graphql(`
  mutation ConsoleCloseInvestigation($input: CloseInvestigationInput!) {
    closeInvestigation(input: $input) {
      investigationId
      status
      revision
      replayed
    }
  }
`);
