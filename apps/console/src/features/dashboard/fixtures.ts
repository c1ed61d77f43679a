import { testSession, type GraphqlCall } from '../../test/render';
import type {
  ConsoleDashboardCaseStagesQuery as CaseStageCountsResult,
  ConsoleDashboardHandoffsQuery as HandoffStatisticsResult,
  ConsoleDashboardSitesQuery as MineSiteStatusCountsResult,
} from '../../gql/graphql';

/** The dashboard's answers in component tests, typed as the queries answer. */

export const POLICE = testSession({
  userId: 'pnc-pmh-masisi-user',
  agencyId: 'pnc-pmh-masisi',
  agencyType: 'police',
  roles: ['investigator'],
});

export const COORDINATION = testSession({
  userId: 'aplt-nk-user',
  agencyId: 'aplt-nk',
  agencyType: 'coordination_body',
  roles: ['coordinator'],
});

export function caseStages(): CaseStageCountsResult {
  // IN_PROSECUTION has no row: the page shows it at zero.
  return {
    caseStageCounts: [
      { stage: 'UNDER_INVESTIGATION', count: 7 },
      { stage: 'IDENTIFIED', count: 12 },
      { stage: 'ADJUDICATED', count: 2 },
    ],
  };
}

export function handoffs(
  overrides: Partial<HandoffStatisticsResult['handoffStatistics']> = {},
): HandoffStatisticsResult {
  return {
    handoffStatistics: {
      submitted: 40,
      accepted: 31,
      declined: 3,
      open: 6,
      overdue: 5,
      acceptHoursMedian: 5.5,
      acceptHoursP90: 30,
      overdueByAgency: [
        { agencyId: 'parquet-goma', agency: { name: 'Parquet de grande instance de Goma' }, overdue: 1 },
        { agencyId: 'pnc-pmh-masisi', agency: { name: 'PNC – Police de protection des mineurs, Masisi' }, overdue: 3 },
        { agencyId: 'ngo-gone', agency: null, overdue: 1 },
        { agencyId: 'ngo-ushindi', agency: { name: 'Ushindi' }, overdue: 0 },
      ],
      ...overrides,
    },
  };
}

export function siteStatuses(): MineSiteStatusCountsResult {
  return {
    mineSiteStatusCounts: [
      { status: 'BLUE', count: 9 },
      { status: 'GREEN', count: 18 },
      { status: 'YELLOW', count: 4 },
      { status: 'RED', count: 1 },
    ],
  };
}

/** Answers the dashboard's three operations; anything else is a test's mistake. */
export function dashboardAnswer(
  answers: {
    cases?: () => CaseStageCountsResult;
    handoffs?: () => HandoffStatisticsResult;
    sites?: () => MineSiteStatusCountsResult;
  } = {},
): (call: GraphqlCall) => unknown {
  return (call) => {
    switch (call.operationName ?? '') {
      case 'ConsoleDashboardCaseStages':
        return { data: (answers.cases ?? caseStages)() };
      case 'ConsoleDashboardHandoffs':
        return { data: (answers.handoffs ?? handoffs)() };
      case 'ConsoleDashboardSites':
        return { data: (answers.sites ?? siteStatuses)() };
      case 'ConsoleAgencyName':
        return {
          data: {
            agency: {
              agencyId: call.variables['agencyId'],
              name:
                call.variables['agencyId'] === 'aplt-nk'
                  ? 'APLT Nord-Kivu'
                  : 'PNC – Police de protection des mineurs, Masisi',
            },
          },
        };
      default:
        throw new Error(`unexpected operation ${String(call.operationName)}`);
    }
  };
}
