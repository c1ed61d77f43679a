import { randomUUID } from 'node:crypto';
import { type IncomingMessage } from 'node:http';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Global, Logger, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { GraphQLModule } from '@nestjs/graphql';
import { type GraphQLSchema } from 'graphql';
import { TerminusModule } from '@nestjs/terminus';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { type Request } from 'express';
import { LoggerModule } from 'nestjs-pino';
import { CLOCK, systemClock, type PlatformConfig, PLATFORM_CONFIG } from '@pamoja/platform/config';
import { AuthenticationError, BEARER_ACTORS, TokenVerifier, type BearerActors } from '@pamoja/platform/auth';
import {
  AgencyObject,
  assertMayUseCaseApi,
  createValidationPipe,
  EntityReferences,
  ExpectedErrorsFilter,
  formatGraphqlError,
  GraphqlAuthGuard,
  GraphqlWsService,
  JointCaseEntity,
  MAX_OPERATION_BYTES,
  OperationPipeline,
  ReadModelChanges,
  resolvedFieldsOf,
  StrictDateTimeScalar,
  toSubgraphSchema,
  withAgencyNameFields,
  withAgencyNames,
  WS_CONTEXT_FACTORY,
  WS_LIMITS,
  type RequestContext,
  type WebSocketLimits,
  type WsContextFactory,
} from '@pamoja/platform/graphql';
import {
  ACCESS_AUDITOR,
  applyAccessPolicy,
  shareQueryFactsAt,
  PolicyAccessDecider,
  PolicyModule,
  type AccessAuditor,
} from '@pamoja/platform/policy';
import { EventStoreModule } from '@pamoja/platform/store';
import { CaseReferencesModule } from '@pamoja/platform/references';
import { SharedEvents } from '@pamoja/platform/kafka';
import { AuditModule, PURPOSE_HEADER, statedPurpose } from '@pamoja/platform/audit';
import { MetricsModule, TraceFlusher } from '@pamoja/platform/telemetry';
import { HealthController } from './health.controller.js';
import { Readiness } from './readiness.js';
import { actorFromDirectory } from './directory-actor.js';
import { AGENCY_DIRECTORY, type AgencyDirectory } from '@pamoja/contracts';

const CORRELATION_HEADER = 'x-correlation-id';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A caller may pass its own correlation id (a UUID) to follow a request across agencies. */
function correlationIdOf(req: IncomingMessage): string {
  const header = req.headers[CORRELATION_HEADER];
  return typeof header === 'string' && UUID.test(header) ? header : randomUUID();
}

@Global()
@Module({})
class ConfigHolderModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return {
      module: ConfigHolderModule,
      providers: [
        { provide: PLATFORM_CONFIG, useValue: config },
        { provide: CLOCK, useValue: systemClock },
        { provide: TokenVerifier, useFactory: () => TokenVerifier.create(config) },
        // HTTP endpoints beside GraphQL (the site feed) verify a bearer token the same way GraphQL does.
        {
          provide: BEARER_ACTORS,
          inject: [TokenVerifier, AGENCY_DIRECTORY],
          useFactory: (verifier: TokenVerifier, directory: AgencyDirectory): BearerActors => ({
            actorOf: async (authorization) =>
              actorFromDirectory(await verifier.verifyIdentity(authorization), directory),
          }),
        },
        EntityReferences,
        ReadModelChanges,
      ],
      exports: [PLATFORM_CONFIG, CLOCK, TokenVerifier, BEARER_ACTORS, EntityReferences, ReadModelChanges],
    };
  }
}

/** The bearer token of a subscription: graphql-ws clients pass it in the connection parameters. */
function authorizationOf(connectionParams: Readonly<Record<string, unknown>> | undefined): string | undefined {
  if (!connectionParams) return undefined;
  const headers = connectionParams['headers'];
  const candidates = [
    connectionParams['authorization'],
    connectionParams['Authorization'],
    typeof headers === 'object' && headers !== null ? (headers as Record<string, unknown>)['authorization'] : undefined,
  ];
  return candidates.find((value): value is string => typeof value === 'string');
}

/**
 * Who is asking and why, for an HTTP request (headers) or a WebSocket operation (connection parameters):
 * the same context whichever the transport.
 */
async function requestContextOf(
  verifier: TokenVerifier,
  directory: AgencyDirectory,
  req: Request | undefined,
  connectionParams: Readonly<Record<string, unknown>> | undefined,
): Promise<RequestContext> {
  const correlationId = req ? (typeof req.id === 'string' ? req.id : correlationIdOf(req)) : randomUUID();
  const authorization = req ? req.headers.authorization : authorizationOf(connectionParams);
  const { purpose, error: purposeError } = req
    ? statedPurpose(req.headers[PURPOSE_HEADER])
    : statedPurpose(connectionParams?.['purpose'], 'purpose');
  try {
    const actor = await actorFromDirectory(await verifier.verifyIdentity(authorization), directory);
    return { req, correlationId, actor, authError: undefined, purpose, purposeError };
  } catch (error) {
    if (!(error instanceof AuthenticationError)) throw error;
    return { req, correlationId, actor: undefined, authError: error, purpose, purposeError };
  }
}

interface PlatformOptions {
  /** Serve the schema as a federation subgraph (server mode's agency services, behind the gateway). */
  readonly subgraph?: boolean;
  /** Serve the auditors' query (`auditEntries`); by default only when not a subgraph (the embedded app). */
  readonly auditQueries?: boolean;
}

/**
 * Everything a Pamoja service needs around its context modules: configuration, structured logs with
 * correlation ids, the event store and projections, CQRS buses, GraphQL with authentication and the
 * API's error format, validation of every input, /health (live and ready) and /metrics.
 */
@Module({})
export class PlatformModule {
  static forRoot(config: PlatformConfig, options: PlatformOptions = {}): DynamicModule {
    const errorLogger = new Logger('GraphQL');
    const logError = (e: unknown): void => {
      errorLogger.error(e instanceof Error ? e.stack : e);
    };
    // One pipeline for every operation, over HTTP (Apollo Server) and over WebSocket (GraphqlWsService).
    const pipeline = new OperationPipeline({ production: config.production, rateLimit: config.rateLimit });
    const wsLimits: WebSocketLimits = { ...config.webSocket, maxMessageBytes: MAX_OPERATION_BYTES };
    return {
      module: PlatformModule,
      imports: [
        ConfigHolderModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            name: config.serviceName,
            genReqId: (req, res) => {
              const id = correlationIdOf(req);
              res.setHeader(CORRELATION_HEADER, id);
              return id;
            },
            customProps: (req) => ({ correlationId: (req as IncomingMessage & { id?: unknown }).id }),
            redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
            // Probes and scrapes come every few seconds: not logged.
            autoLogging: { ignore: (req) => req.url === '/metrics' || req.url?.startsWith('/health') === true },
          },
        }),
        // /metrics, and the process's metrics for every seam that measures (ADR 0029).
        MetricsModule.forRoot(config.serviceName),
        EventStoreModule.forRoot(),
        // Human references of cases and records, numbered from the log in every process (ADR 0023).
        CaseReferencesModule,
        PolicyModule,
        AuditModule.forRoot({ serveQueries: options.auditQueries ?? !options.subgraph }),
        CqrsModule.forRoot(),
        TerminusModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [DiscoveryModule],
          inject: [
            TokenVerifier,
            AGENCY_DIRECTORY,
            EntityReferences,
            DiscoveryService,
            PolicyAccessDecider,
            { token: ACCESS_AUDITOR, optional: true },
          ],
          useFactory: (
            verifier: TokenVerifier,
            directory: AgencyDirectory,
            references: EntityReferences,
            discovery: DiscoveryService,
            decider: PolicyAccessDecider,
            auditor: AccessAuditor | undefined,
          ): ApolloDriverConfig => ({
            path: '/graphql',
            autoSchemaFile: true,
            // Each context adds its part of a joint case with field resolvers, even where none of its queries
            // returns one (a subgraph is reached through `_entities`): the type is always in the schema.
            buildSchemaOptions: {
              orphanedTypes: [JointCaseEntity, AgencyObject],
              // Dates only as full ISO-8601 date-times with a zone: the framework's scalar reads `true` as 1970.
              scalarsMap: [{ type: Date, scalar: StrictDateTimeScalar }],
            },
            sortSchema: true,
            // Refused in production by the pipeline's validation rules, for HTTP and WebSocket alike.
            introspection: true,
            includeStacktraceInErrorResponses: false,
            csrfPrevention: true,
            plugins: [
              // Field suggestions hidden in production; one user may not flood or scrape (HTTP 429, RATE_LIMITED).
              ...(pipeline.apolloPlugins() as NonNullable<ApolloDriverConfig['plugins']>),
              // Cache hints instrument every field resolution, and nothing here caches responses by them.
              ApolloServerPluginCacheControlDisabled(),
              // Traces are for Apollo's commercial reporting; our gateway neither asks for nor reads them.
              ...(options.subgraph ? [ApolloServerPluginInlineTraceDisabled()] : []),
            ],
            validationRules: [...pipeline.validationRules],
            parseOptions: pipeline.parseOptions,
            // Compact JSON: the default indents every response, a third more bytes for a long timeline.
            stringifyResult: (result) => JSON.stringify(result),
            // Subscriptions are served by GraphqlWsService, through the same pipeline (see there).
            // The access policy is enforced here, in every service, before any resolver runs.
            transformSchema: (schema: GraphQLSchema) => {
              // Beside every agency id, the agency as the directory names it (read through the guarded id).
              const guarded = withAgencyNames(applyAccessPolicy(schema, decider, auditor ?? undefined), directory);
              if (!options.subgraph) return guarded;
              const subgraph = toSubgraphSchema(
                guarded,
                references,
                (context) => {
                  assertMayUseCaseApi(context as RequestContext);
                },
                withAgencyNameFields(resolvedFieldsOf(discovery)),
              );
              // The entities the gateway asks for are looked up with the request's facts, as its own fields are.
              const entryPoints = subgraph.getQueryType()?.getFields()['_entities'] ? ['_entities'] : [];
              return shareQueryFactsAt(subgraph, entryPoints);
            },
            context: ({ req }: { req: Request }): Promise<RequestContext> =>
              requestContextOf(verifier, directory, req, undefined),
            formatError: (formatted, error) => formatGraphqlError(formatted, error, logError),
          }),
        }),
      ],
      controllers: [HealthController],
      providers: [
        { provide: OperationPipeline, useValue: pipeline },
        { provide: WS_LIMITS, useValue: wsLimits },
        {
          provide: WS_CONTEXT_FACTORY,
          inject: [TokenVerifier, AGENCY_DIRECTORY],
          useFactory:
            (verifier: TokenVerifier, directory: AgencyDirectory): WsContextFactory =>
            (params) =>
              requestContextOf(verifier, directory, undefined, params),
        },
        GraphqlWsService,
        SharedEvents,
        // The spans of the process are exported before it stops.
        TraceFlusher,
        Readiness,
        { provide: APP_GUARD, useClass: GraphqlAuthGuard },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: ExpectedErrorsFilter },
      ],
      exports: [CqrsModule],
    };
  }
}
