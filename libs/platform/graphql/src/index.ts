export { assertMayUseCaseApi, GraphqlAuthGuard, OpenToIntegrators } from './auth.guard.js';
export {
  type Connection,
  ConnectionType,
  type CursorKey,
  decodeCursor,
  encodeCursor,
  PageInput,
  toConnection,
} from './connection.js';
export { StrictDateTimeScalar } from './date-time.scalar.js';
export { ExpectedErrorsFilter } from './expected-errors.filter.js';
export { EntityReferences, JointCaseEntity, resolvedFieldsOf, toSubgraphSchema } from './federation.js';
export { formatGraphqlError } from './format-error.js';
export { GraphqlClient, type GraphqlErrorBody, type GraphqlResponse } from './graphql-client.js';
export { GraphqlWsService, WS_CONTEXT_FACTORY, WS_LIMITS, type WsContextFactory } from './graphql-ws.service.js';
export { MAX_OPERATION_BYTES, MAX_TOKENS, queryLimits } from './limits.js';
export { liveFeed, ReadModelChanges } from './live.js';
export { OperationPipeline } from './operation-pipeline.js';
export { admit, RateLimiter, type RateLimitSettings } from './rate-limit.js';
export { CorrelationId, CurrentActor, type RequestContext, requestContextOf } from './request-context.js';
export { AgencyTypeEnum, clientContext, CommandInput, graphqlEnum } from './shared-types.js';
export { AgencyContactObject, AgencyObject, agencyObjectOf, AgencyStatusEnum, ProvinceEnum } from './agency.types.js';
export { createValidationPipe } from './validation.js';
export { serveGraphqlWs, type WebSocketLimits } from './ws-server.js';
export { withAgencyNameFields, withAgencyNames } from './agency-names.js';
export { DashboardFilterInput, dashboardScopeOf, type DashboardScope } from './dashboard.types.js';
export {
  AREA_LEVELS,
  type AreaLevel,
  STATISTICS_SCOPES,
  type StatisticsDimension,
  StatisticsFilterInput,
  type StatisticsRecord,
  type StatisticsRequest,
  type StatisticsScope,
  StatisticsScopeEnum,
  type StatisticsScopeOf,
  statisticsScopeOf,
  statisticsTable,
  StatisticsTableType,
} from './statistics.types.js';
export { variableProblems } from './variable-problems.js';
