import { TypedDocumentString, type JointCaseStage, type MineSiteStatus } from '../../gql/graphql';
import { type DashboardFilterInput } from './figures';

/**
 * The dashboard's three reads, one per part of the page, so that each part shows what it has when another
 * is slow or refused. Written by hand until the schema publishes these queries; then typed by codegen.
 */

export interface DashboardVariables {
  readonly filter?: DashboardFilterInput | null;
}

export interface CaseStageCountsResult {
  readonly caseStageCounts: readonly { readonly stage: JointCaseStage; readonly count: number }[];
}

export interface HandoffStatisticsResult {
  readonly handoffStatistics: {
    readonly submitted: number;
    readonly accepted: number;
    readonly declined: number;
    readonly open: number;
    readonly overdue: number;
    readonly acceptHoursMedian?: number | null;
    readonly acceptHoursP90?: number | null;
    readonly overdueByAgency: readonly {
      readonly agencyId: string;
      readonly overdue: number;
      readonly agency?: { readonly name: string } | null;
    }[];
  };
}

export interface MineSiteStatusCountsResult {
  readonly mineSiteStatusCounts: readonly { readonly status: MineSiteStatus; readonly count: number }[];
}

export const CaseStageCountsQuery = new TypedDocumentString<CaseStageCountsResult, DashboardVariables>(`
  query ConsoleDashboardCaseStages($filter: DashboardFilter) {
    caseStageCounts(filter: $filter) {
      stage
      count
    }
  }
`);

export const HandoffStatisticsQuery = new TypedDocumentString<HandoffStatisticsResult, DashboardVariables>(`
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

export const MineSiteStatusCountsQuery = new TypedDocumentString<MineSiteStatusCountsResult, DashboardVariables>(`
  query ConsoleDashboardSites($filter: DashboardFilter) {
    mineSiteStatusCounts(filter: $filter) {
      status
      count
    }
  }
`);
