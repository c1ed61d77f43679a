import { graphql } from '../../gql';

/** The office's queue of case files the police sent it: unacknowledged first, soonest due first. */
export const IncomingCaseFilesQuery = graphql(`
  query ConsoleProsecutionIncomingCaseFiles($filter: CaseFileListFilter) {
    incomingCaseFiles(filter: $filter) {
      nodes {
        caseFileId
        reference
        jointCaseId
        investigationId
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
        deadlineMissedAt
        summary
        suspectIds
        evidenceIds
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/**
 * The suspects of the investigation a case file comes from, with their roles: what the acknowledgement
 * lists. Read by the office only when the access policy lets it (a party to the case, or a supervisor).
 */
export const CaseFileSuspectsQuery = graphql(`
  query ConsoleProsecutionCaseFileSuspects($investigationId: ID!) {
    investigation(investigationId: $investigationId) {
      investigationId
      reference
      suspects {
        suspectId
        role
        alias
      }
    }
  }
`);

/** The office's prosecutions, most recently received first. */
export const ProsecutionsQuery = graphql(`
  query ConsoleProsecutions($filter: ProsecutionListFilter) {
    prosecutions(filter: $filter) {
      nodes {
        prosecutionId
        reference
        jointCaseId
        status
        receivedAt
        updatedAt
        fromPoliceAgencyId
        fromPoliceAgency {
          name
        }
        chargeCount
        hearingCount
        hearingsHeldCount
        verdictCount
        convictionCount
        closedAt
        closeReason
        jointCase {
          jointCaseId
          reference
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** One prosecution with everything the office recorded on it: what its page shows. */
export const ProsecutionQuery = graphql(`
  query ConsoleProsecution($prosecutionId: ID!) {
    prosecution(prosecutionId: $prosecutionId) {
      prosecutionId
      reference
      revision
      status
      caseFileId
      investigationId
      jointCaseId
      jointCase {
        jointCaseId
        reference
        siteCode
        stage
      }
      officeAgencyId
      officeAgency {
        name
      }
      fromPoliceAgencyId
      fromPoliceAgency {
        name
      }
      receivedAt
      updatedAt
      closedAt
      closeReason
      closeNote
      suspects {
        suspectId
        role
      }
      charges {
        chargeId
        suspectId
        offence
        legalBasis
        filedAt
        verdict
        verdictRenderedAt
        sentence {
          imprisonmentMonths
          fineAmount
          fineCurrency
          otherMeasures
          imposedAt
        }
      }
      hearings {
        hearingId
        prosecutionId
        jointCaseId
        reference
        court
        purpose
        scheduledFor
        heldAt
        outcome
        cancelledAt
        cancelReason
        outcomeOverdueAt
        rescheduleCount
      }
      restitutions {
        restitutionId
        victimRef
        amount
        currency
        note
        orderedAt
      }
      appeals {
        appealId
        chargeId
        by
        filedAt
        outcome
        decidedAt
      }
    }
  }
`);

/** The office's hearings not yet held, soonest first (past ones with no outcome recorded on top). */
export const UpcomingHearingsQuery = graphql(`
  query ConsoleProsecutionUpcomingHearings($filter: UpcomingHearingsFilter) {
    upcomingHearings(filter: $filter) {
      nodes {
        hearingId
        prosecutionId
        jointCaseId
        reference
        court
        purpose
        scheduledFor
        heldAt
        outcome
        cancelledAt
        cancelReason
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

export const ReceiveCaseFileMutation = graphql(`
  mutation ConsoleReceiveCaseFile($input: ReceiveCaseFileInput!) {
    receiveCaseFile(input: $input) {
      prosecutionId
      jointCaseId
      status
      revision
      replayed
    }
  }
`);

export const FileChargesMutation = graphql(`
  mutation ConsoleFileCharges($input: FileChargesInput!) {
    fileCharges(input: $input) {
      prosecutionId
      itemId
      status
      revision
      replayed
    }
  }
`);

export const ScheduleHearingMutation = graphql(`
  mutation ConsoleScheduleHearing($input: ScheduleHearingInput!) {
    scheduleHearing(input: $input) {
      prosecutionId
      itemId
      status
      revision
      replayed
    }
  }
`);

export const RescheduleHearingMutation = graphql(`
  mutation ConsoleRescheduleHearing($input: RescheduleHearingInput!) {
    rescheduleHearing(input: $input) {
      prosecutionId
      itemId
      status
      revision
      replayed
    }
  }
`);

export const CancelHearingMutation = graphql(`
  mutation ConsoleCancelHearing($input: CancelHearingInput!) {
    cancelHearing(input: $input) {
      prosecutionId
      itemId
      status
      revision
      replayed
    }
  }
`);

export const RecordHearingHeldMutation = graphql(`
  mutation ConsoleRecordHearingHeld($input: RecordHearingHeldInput!) {
    recordHearingHeld(input: $input) {
      prosecutionId
      itemId
      status
      revision
      replayed
    }
  }
`);

export const RenderVerdictMutation = graphql(`
  mutation ConsoleRenderVerdict($input: RenderVerdictInput!) {
    renderVerdict(input: $input) {
      prosecutionId
      itemId
      status
      revision
      replayed
    }
  }
`);

export const ImposeSentenceMutation = graphql(`
  mutation ConsoleImposeSentence($input: ImposeSentenceInput!) {
    imposeSentence(input: $input) {
      prosecutionId
      itemId
      status
      revision
      replayed
    }
  }
`);

export const OrderRestitutionMutation = graphql(`
  mutation ConsoleOrderRestitution($input: OrderRestitutionInput!) {
    orderRestitution(input: $input) {
      prosecutionId
      itemId
      status
      revision
      replayed
    }
  }
`);

export const FileAppealMutation = graphql(`
  mutation ConsoleFileAppeal($input: FileAppealInput!) {
    fileAppeal(input: $input) {
      prosecutionId
      itemId
      status
      revision
      replayed
    }
  }
`);

export const DecideAppealMutation = graphql(`
  mutation ConsoleDecideAppeal($input: DecideAppealInput!) {
    decideAppeal(input: $input) {
      prosecutionId
      itemId
      status
      revision
      replayed
    }
  }
`);

export const CloseProsecutionMutation = graphql(`
  mutation ConsoleCloseProsecution($input: CloseProsecutionInput!) {
    closeProsecution(input: $input) {
      prosecutionId
      itemId
      status
      revision
      replayed
    }
  }
`);
