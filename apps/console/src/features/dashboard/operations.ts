import { graphql } from '../../gql';

/**
 * The dashboard's three reads, one per part of the page, so that each part shows what it has when another
 * is slow or refused.
 */

/** Joint cases opened in the period, by the stage they are at now; every stage, in order. */
export const CaseStageCountsQuery = graphql(`
  query ConsoleDashboardCaseStages($filter: DashboardFilter) {
    caseStageCounts(filter: $filter) {
      stage
      count
    }
  }
`);

/** Referrals submitted in the period: how they were answered, how long acceptance took, who is overdue. */
export const HandoffStatisticsQuery = graphql(`
  query ConsoleDashboardHandoffs($filter: DashboardFilter) {
    handoffStatistics(filter: $filter) {
      submitted
      accepted
      declined
      open
      overdue
      acceptHoursMedian
      acceptHoursP90
      overdueByAgency {
        agencyId
        agency {
          name
        }
        overdue
      }
    }
  }
`);

/** Registered sites by their status now: the period does not apply, the province does. */
export const MineSiteStatusCountsQuery = graphql(`
  query ConsoleDashboardSites($filter: DashboardFilter) {
    mineSiteStatusCounts(filter: $filter) {
      status
      count
    }
  }
`);
