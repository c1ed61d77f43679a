import { graphql } from '../../gql';

/** The audit trail, newest first: for auditors only, and reading it is itself audited. */
export const AuditEntriesQuery = graphql(`
  query ConsoleAuditEntries($filter: AuditEntryFilter) {
    auditEntries(filter: $filter) {
      nodes {
        id
        at
        action
        operation
        outcome
        purpose
        subjects
        userId
        agencyId
        agencyType
        agency {
          name
        }
        roles
        jointCaseId
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** A case reference (NK-2026-00042, or a record's NK-2026-00042-R1) read as the case's id. */
export const AuditCaseByReferenceQuery = graphql(`
  query ConsoleAuditCaseByReference($reference: String!) {
    caseByReference(reference: $reference) {
      jointCaseId
    }
  }
`);

/** The directory's agencies, to filter by one by its name. */
export const AuditAgenciesQuery = graphql(`
  query ConsoleAuditAgencies {
    agencies {
      agencyId
      name
      agencyType
    }
  }
`);
