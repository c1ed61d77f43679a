import { createHash, randomUUID } from 'node:crypto';
import { type NodeHandler } from '@pamoja/platform/web';
import { createServer, IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { context as activeContext, type Context } from '@opentelemetry/api';
import { performance } from 'node:perf_hooks';
import {
  httpServerTracing,
  isTracedPath,
  parseServerTiming,
  SERVER_TIMING_HEADER,
  setupTracing,
  traceHeaders,
} from '@pamoja/platform/telemetry';
import { type AddressInfo } from 'node:net';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { createGatewayRuntime, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { GraphQLError, type DocumentNode, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { type WebSocketSettings } from '@pamoja/platform/config';
import {
  admit,
  MAX_OPERATION_BYTES,
  MAX_TOKENS,
  queryLimits,
  RateLimiter,
  serveGraphqlWs,
  type RateLimitSettings,
  variableProblems,
} from '@pamoja/platform/graphql';
import { PURPOSE_HEADER } from '@pamoja/platform/audit';
import { composeSubgraphs, fetchSubgraphSdl, type Composition, type SubgraphSource } from './compose.js';
import { feedForwarder } from './feed-forwarding.js';

const CORRELATION_HEADER = 'x-correlation-id';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface SubgraphEndpoint {
  readonly name: string;
  /** The service's GraphQL endpoint over HTTP; subscriptions use the same path over WebSocket. */
  readonly url: string;
}

export interface GatewayOptions {
  readonly subgraphs: readonly SubgraphEndpoint[];
  readonly port: number;
  readonly host?: string;
  readonly production?: boolean;
  /** How often the subgraphs are asked for their SDL again, so a redeployed service's schema is picked up. */
  readonly pollIntervalMs?: number;
  /** How long to wait for every subgraph at start. */
  readonly startTimeoutMs?: number;
  readonly log?: (level: 'info' | 'warn' | 'error', message: string, details?: Record<string, unknown>) => void;
  /**
   * Operations per caller before anything is forwarded (the services limit per verified user as well); a
   * caller is its bearer token, or its address without one. Off when absent or 0 a minute.
   */
  readonly rateLimit?: RateLimitSettings;
  /**
   * WebSocket caps per caller and the browser origins allowed besides the gateway's own (the services'
   * settings, `webSocketFromEnv`); by default 10 connections and 50 subscriptions, localhost outside production.
   */
  readonly webSocket?: Partial<WebSocketSettings>;
  /**
   * Browser-facing handlers in front of the API, tried in order for every path but /graphql: the console
   * and its sign-in, so the console reaches the joint API on its own origin, as in embedded mode.
   */
  readonly web?: readonly NodeHandler[];
  /** `service.name` of the gateway's spans (ADR 0029); default `pamoja-gateway`. */
  readonly serviceName?: string;
}

export interface RunningGateway {
  readonly url: string;
  readonly port: number;
  readonly composition: () => Composition;
  close(): Promise<void>;
}

/** Each subgraph's SDL from the running services, composed: a failure names the subgraphs at fault. */
export async function composeFromServices(
  subgraphs: readonly SubgraphEndpoint[],
  timeoutMs = 30_000,
): Promise<Composition> {
  const sources: SubgraphSource[] = await Promise.all(
    subgraphs.map(async (s) => ({ ...s, sdl: await fetchSubgraphSdl(s.url, { timeoutMs }) })),
  );
  return composeSubgraphs(sources);
}

interface Enveloped {
  readonly schema: GraphQLSchema;
  readonly execute: (args: ExecutionArgs) => unknown;
  readonly subscribe: (args: ExecutionArgs) => unknown;
  readonly contextFactory: () => Promise<Record<string, unknown>>;
  readonly parse: (source: string) => DocumentNode;
  readonly validate: (schema: GraphQLSchema, document: DocumentNode) => readonly GraphQLError[];
}

interface GatewayContext {
  readonly headers?: Record<string, string>;
  readonly authorization?: string;
  readonly correlationId?: string;
  readonly purpose?: string;
}

/**
 * The gateway's server span of each request, by request: the runtime's context holds the Node request (HTTP:
 * `req`; WebSocket: the upgrade request), so the subgraph calls continue it.
 */
const traceOfRequest = new WeakMap<IncomingMessage, Context>();

/** The `traceparent` / `tracestate` headers for the subgraphs: the gateway's span of the caller's request. */
function traceHeadersFor(context: object): { traceparent: string | null; tracestate: string | null } {
  const req = (context as { req?: unknown }).req;
  const trace = traceHeaders(
    (req instanceof IncomingMessage ? traceOfRequest.get(req) : undefined) ?? activeContext.active(),
  );
  return { traceparent: trace.traceparent ?? null, tracestate: trace.tracestate ?? null };
}

/**
 * The `Server-Timing` phases of the subgraphs' answers to a caller's HTTP request, summed per phase over the
 * subgraphs that answered it (their `total` too), by request.
 */
const subgraphTimings = new WeakMap<IncomingMessage, Map<string, number>>();

/** The gateway's own phase in its `Server-Timing` header: its total less the subgraphs' totals. */
export const GATEWAY_TIMING_PHASE = 'gateway';

/**
 * Adds the `Server-Timing` of a subgraph's answer to the caller's request it was asked for (HTTP only: over
 * WebSocket there are no response headers to pass on).
 */
const subgraphServerTiming = {
  onFetch({ context }: { context: object }) {
    const req = (context as { req?: unknown }).req;
    if (!(req instanceof IncomingMessage)) return undefined;
    return ({ response }: { response: Response }) => {
      const phases = parseServerTiming(response.headers.get(SERVER_TIMING_HEADER));
      if (phases.size === 0) return;
      const summed = subgraphTimings.get(req) ?? new Map<string, number>();
      for (const [phase, ms] of phases) summed.set(phase, (summed.get(phase) ?? 0) + ms);
      subgraphTimings.set(req, summed);
    };
  },
};

/**
 * The gateway's `Server-Timing` for a request that took `totalMs` so far: the phases of the subgraphs that
 * answered it, summed per phase, then `gateway` (the total less the subgraphs' totals: planning, forwarding, the
 * hops, merging the answers; never below 0, as subgraphs asked at once overlap) and the gateway's `total`.
 */
export function gatewayServerTiming(subgraphs: ReadonlyMap<string, number> | undefined, totalMs: number): string {
  const parts: string[] = [];
  for (const [phase, ms] of subgraphs ?? []) {
    if (phase !== 'total' && phase !== GATEWAY_TIMING_PHASE) parts.push(`${phase};dur=${ms.toFixed(1)}`);
  }
  const gatewayMs = Math.max(0, totalMs - (subgraphs?.get('total') ?? 0));
  parts.push(`${GATEWAY_TIMING_PHASE};dur=${gatewayMs.toFixed(1)}`, `total;dur=${totalMs.toFixed(1)}`);
  return parts.join(', ');
}

/**
 * The caller's answer gets a `Server-Timing` header with the subgraphs' phases and the gateway's own, written just
 * before its headers go (as the services write theirs).
 */
function timeRequest(req: IncomingMessage, res: ServerResponse): void {
  const startedAt = performance.now();
  // writeHead's overloads cannot be restated in a wrapper; the arguments are passed on untouched.
  const writeHead = res.writeHead.bind(res) as (...passed: unknown[]) => ServerResponse;
  const withTiming = (...args: unknown[]): ServerResponse => {
    if (!res.headersSent) {
      res.setHeader(SERVER_TIMING_HEADER, gatewayServerTiming(subgraphTimings.get(req), performance.now() - startedAt));
    }
    return writeHead(...args);
  };
  res.writeHead = withTiming;
}

/** The bearer token a graphql-ws client passes in its connection parameters. */
function authorizationOf(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const value = params?.['authorization'] ?? params?.['Authorization'];
  return typeof value === 'string' ? value : undefined;
}

/** The purpose a graphql-ws client states in its connection parameters. */
function purposeOf(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const value = params?.['purpose'];
  return typeof value === 'string' ? value : undefined;
}

/** A header of a Fetch request (the runtime brings its own Headers class) or of a Node request. */
function headerOf(headers: Headers | IncomingMessage['headers'], name: string): string | undefined {
  if (typeof (headers as Partial<Headers>).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const value = (headers as IncomingMessage['headers'])[name];
  return typeof value === 'string' ? value : undefined;
}

function correlationIdOf(headers: Headers | IncomingMessage['headers']): string {
  const value = headerOf(headers, CORRELATION_HEADER);
  return value !== undefined && UUID.test(value) ? value : randomUUID();
}

/**
 * The gateway of server mode: composes the agency services' subgraphs into the one API the embedded app
 * serves, and forwards each caller's token (with correlation id and stated purpose) to every subgraph, so each agency
 * decides itself what it discloses. Queries and mutations go to the subgraphs over HTTP, subscriptions
 * over graphql-ws, both ways.
 */
/**
 * The query planner and executor written in Rust (MIT): it plans and merges the subgraphs' answers without
 * re-executing the whole result through a stitched schema, which for a long timeline is most of the cost.
 * It ships as native binaries for the common platforms; elsewhere the gateway plans in JavaScript.
 */
async function rustQueryPlanner(
  log: NonNullable<GatewayOptions['log']>,
): Promise<Awaited<typeof import('@graphql-hive/router-runtime')>['unifiedGraphHandler'] | undefined> {
  try {
    return (await import('@graphql-hive/router-runtime')).unifiedGraphHandler;
  } catch (error) {
    log('warn', 'the Rust query planner does not load on this platform; planning in JavaScript', {
      error: String(error),
    });
    return undefined;
  }
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const log = options.log ?? (() => undefined);
  setupTracing({ serviceName: options.serviceName ?? 'pamoja-gateway' });
  const tracing = httpServerTracing({ ignore: (path) => !isTracedPath(path) });
  const unifiedGraphHandler = await rustQueryPlanner(log);
  let composition = await composeFromServices(options.subgraphs, options.startTimeoutMs);
  log('info', 'subgraphs composed', { subgraphs: options.subgraphs.map((s) => s.name) });

  const gateway: GatewayRuntime<GatewayContext> = createGatewayRuntime<GatewayContext>({
    supergraph: async () => {
      try {
        composition = await composeFromServices(options.subgraphs, 5000);
      } catch (error) {
        // Keep serving the last good composition; a service that is down or broken must not take the API with it.
        log('error', 'recomposition failed; keeping the last supergraph', { error: String(error) });
      }
      return composition.supergraphSdl;
    },
    pollingInterval: options.pollIntervalMs ?? 30_000,
    ...(unifiedGraphHandler ? { unifiedGraphHandler } : {}),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: false,
    logging: false,
    maskedErrors: { maskError: maskUnexpected },
    healthCheckEndpoint: '/health',
    readinessCheckEndpoint: '/ready',
    disableIntrospection: options.production ? { disableIf: () => true } : undefined,
    propagateHeaders: {
      // Over HTTP the request is a Fetch request; over WebSocket, the upgrade request (Node's headers), and the
      // token came in the connection parameters (context.authorization).
      fromClientToSubgraphs: ({ request, context }) => {
        const headers = request.headers as Headers | IncomingMessage['headers'];
        const header = headerOf(headers, 'authorization');
        return {
          authorization: context.authorization ?? header ?? null,
          [CORRELATION_HEADER]: context.correlationId ?? correlationIdOf(headers),
          [PURPOSE_HEADER]: context.purpose ?? headerOf(headers, PURPOSE_HEADER) ?? null,
          ...traceHeadersFor(context),
        };
      },
    },
    transportEntries: {
      '*.http': {
        options: {
          subscriptions: {
            kind: 'ws',
            location: '/graphql',
            options: { connectionParams: { authorization: '{context.authorization}', purpose: '{context.purpose}' } },
          },
        },
      },
    },
    // The same depth, cost and size limits as every service, checked before anything is forwarded.
    plugins: () => [
      EnvelopArmorPlugin({ ...queryLimits(options.production ?? false), maxTokens: { n: MAX_TOKENS } }),
      subgraphServerTiming,
    ],
  });

  const limiter = new RateLimiter(options.rateLimit ?? { perMinute: 0, burst: 0 });
  const web = options.web ?? [];
  // The site feed's HTTP paths, answered by the sites service as at the embedded app (docs/site-feed.md).
  const feeds = feedForwarder(options.subgraphs.find((s) => s.name === 'sites')?.url);
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/graphql' || path.startsWith('/graphql/')) timeRequest(req, res);
    tracing(req, res, () => {
      traceOfRequest.set(req, activeContext.active());
      handle(req, res);
    });
  });
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    if (feeds?.(req, res)) return;
    if (!req.url?.startsWith('/graphql') && web.length > 0) {
      const tryHandler = (index: number): void => {
        const handler = web[index];
        if (handler)
          handler(req, res, () => {
            tryHandler(index + 1);
          });
        else void gateway(req, res);
      };
      tryHandler(0);
      return;
    }
    if (req.url?.startsWith('/graphql') && refusedBySize(req, res)) return;
    if (limiter.enabled && req.url?.startsWith('/graphql') && refusedByRateLimit(limiter, req, res)) return;
    void gateway(req, res);
  };
  // graphql-ws through the same pipeline as HTTP: the runtime's parser and validation (the armor's limits,
  // introspection refused in production), the same rate-limit bucket per caller, and the services' caps.
  const ws = serveGraphqlWs(
    server,
    '/graphql',
    {
      maxMessageBytes: MAX_OPERATION_BYTES,
      maxConnectionsPerUser: options.webSocket?.maxConnectionsPerUser ?? 10,
      maxSubscriptionsPerUser: options.webSocket?.maxSubscriptionsPerUser ?? 50,
      allowedOrigins: options.webSocket?.allowedOrigins ?? [],
      allowLocalhost: options.webSocket?.allowLocalhost ?? !options.production,
    },
    {
      callerOf: (ctx) => callerOf(authorizationOf(ctx.connectionParams), ctx.extra.request),
      admit: (caller) => admit(limiter, caller),
      execute: (args: ExecutionArgs & { rootValue?: unknown }) =>
        (args.rootValue as { execute: (a: ExecutionArgs) => unknown }).execute(args) as never,
      subscribe: (args: ExecutionArgs & { rootValue?: unknown }) =>
        (args.rootValue as { subscribe: (a: ExecutionArgs) => unknown }).subscribe(args) as never,
      prepare: async (ctx, _id, params) => {
        const authorization = authorizationOf(ctx.connectionParams);
        // The runtime types getEnveloped loosely (its plugins may extend it); this is what it returns.
        const enveloped = gateway.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          request: ctx.extra.request,
          params,
          authorization,
          correlationId: correlationIdOf(ctx.extra.request.headers),
          purpose: purposeOf(ctx.connectionParams),
        }) as Enveloped;
        const { schema, execute, subscribe, contextFactory, parse, validate } = enveloped;
        let document: DocumentNode;
        try {
          document = parse(params.query);
        } catch (error) {
          if (error instanceof GraphQLError) return [withCode(error, 'GRAPHQL_PARSE_FAILED')];
          throw error;
        }
        let errors: readonly GraphQLError[];
        try {
          errors = validate(schema, document);
        } catch (error) {
          // The armor's limits throw their refusal rather than return it.
          if (error instanceof GraphQLError) errors = [error];
          else throw error;
        }
        if (errors.length > 0) return errors.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED'));
        return {
          schema,
          document,
          operationName: params.operationName ?? null,
          variableValues: params.variables ?? null,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
      },
      // Answers from the subgraphs are already in the API's format; GraphQL errors carry no stack trace.
      formatError: (error) => error.toJSON(),
    },
  );

  await new Promise<void>((resolve) => server.listen(options.port, options.host ?? '0.0.0.0', resolve));
  const port = (server.address() as AddressInfo).port;
  log('info', 'gateway listening', { port });
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    composition: () => composition,
    async close() {
      await ws.dispose();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
      server.closeAllConnections();
      await gateway.dispose();
    },
  };
}

/** The caller, as far as the gateway can tell without verifying tokens (the services do): a digest of the token, or the address. */
function callerOf(authorization: string | undefined, req: IncomingMessage): string {
  if (authorization) return `token:${createHash('sha256').update(authorization).digest('base64url')}`;
  return `address:${req.socket.remoteAddress ?? 'unknown'}`;
}

/**
 * A body over the services' limit (256 kB, the WebSocket message limit too) is refused before it is read:
 * HTTP 413, or 411 for a POST that does not say its length (a chunked body could be any size).
 */
function refusedBySize(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'POST') return false;
  const length = Number(req.headers['content-length'] ?? Number.NaN);
  const status = Number.isNaN(length) ? 411 : length > MAX_OPERATION_BYTES ? 413 : undefined;
  if (status === undefined) return false;
  res.writeHead(status, { 'content-type': 'application/json', connection: 'close' });
  res.end(
    JSON.stringify({
      errors: [
        {
          message:
            status === 413
              ? `Request body over ${MAX_OPERATION_BYTES / 1024} kB`
              : 'Content-Length is required for a GraphQL request',
          extensions: { code: 'BAD_REQUEST', reason: status === 413 ? 'body_too_large' : 'length_required' },
        },
      ],
    }),
  );
  return true;
}

/** Over the limit: HTTP 429 with RATE_LIMITED and when to retry, as the services answer, and nothing forwarded. */
function refusedByRateLimit(limiter: RateLimiter, req: IncomingMessage, res: ServerResponse): boolean {
  const taken = limiter.take(callerOf(req.headers.authorization, req));
  if (taken.allowed) return false;
  const seconds = taken.retryAfterSeconds;
  res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(seconds) });
  res.end(
    JSON.stringify({
      errors: [
        {
          message: `Too many requests: retry in ${seconds} s`,
          extensions: { code: 'RATE_LIMITED', retryAfterSeconds: seconds },
        },
      ],
    }),
  );
  return true;
}

/** A parse or validation error with the code HTTP clients get for it, unless it has one. */
function withCode(error: GraphQLError, code: string): GraphQLError {
  if (error.extensions['code'] !== undefined) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code },
  });
}

/**
 * A variable the query planner could not coerce to its type (a required input field missing, an unknown
 * field, a value of the wrong type): the caller's input, refused before any service is asked, as the embedded
 * app refuses it (`BAD_USER_INPUT`, graphql-js's sentence naming the field), never an unexpected error.
 */
function variableRefusalOf(error: unknown): GraphQLError | undefined {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.originalError) {
    if (
      cause instanceof GraphQLError &&
      cause.path === undefined &&
      /\bcoerce(InputValue|VariableValues)/.test(cause.stack ?? '')
    ) {
      const fields = variableProblems(cause.message);
      return new GraphQLError(cause.message, {
        extensions: { code: 'BAD_USER_INPUT', ...(fields.length > 0 ? { fields } : {}) },
      });
    }
    if (!(cause instanceof GraphQLError)) break;
  }
  return undefined;
}

/** The error codes the agency services answer with on purpose; anything else is unexpected. */
const SERVICE_ERROR_CODES = new Set([
  'BAD_USER_INPUT',
  'CONFLICT',
  'NOT_FOUND',
  'FORBIDDEN',
  'RULE_VIOLATION',
  'UNAUTHENTICATED',
  'RATE_LIMITED',
]);

/**
 * Errors the caller may see: the gateway's own GraphQL errors, and a service's deliberate answer (its code and
 * message, as the service formatted it) even when it arrives over the subgraph's WebSocket as a plain object,
 * as a refused subscription does. Anything else is masked as unexpected, without its message.
 */
function maskUnexpected(error: unknown, message: string): GraphQLError {
  if (error instanceof GraphQLError && !error.originalError) return error;
  const refused = variableRefusalOf(error);
  if (refused) return refused;
  const answered = error instanceof GraphQLError ? error.originalError : error;
  if (typeof answered === 'object' && answered !== null) {
    const { message: text, extensions } = answered as { message?: unknown; extensions?: Record<string, unknown> };
    const code = extensions?.['code'];
    if (typeof text === 'string' && typeof code === 'string' && SERVICE_ERROR_CODES.has(code)) {
      return new GraphQLError(text, { extensions });
    }
  }
  if (error instanceof GraphQLError && SERVICE_ERROR_CODES.has(String(error.extensions['code']))) return error;
  return new GraphQLError(message, { extensions: { code: 'INTERNAL_SERVER_ERROR', unexpected: true } });
}
