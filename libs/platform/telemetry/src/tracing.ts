import { type IncomingMessage, type ServerResponse } from 'node:http';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Span,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { inSpan } from '@pamoja/event-store';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  BatchSpanProcessor,
  NodeTracerProvider,
  ParentBasedSampler,
  SimpleSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-node';
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_SERVICE_NAME,
  ATTR_URL_PATH,
} from '@opentelemetry/semantic-conventions';

/**
 * OpenTelemetry traces of every process (docs/adr/0029): one tracer provider per process, named after the
 * service; W3C trace context in and out of HTTP and, through the event metadata and the CloudEvents
 * `traceparent` extension, across the log and Kafka.
 */

/** GraphQL attribute names of the semantic conventions (still incubating there, so named here). */
export const ATTR_GRAPHQL_OPERATION_NAME = 'graphql.operation.name';
export const ATTR_GRAPHQL_OPERATION_TYPE = 'graphql.operation.type';

/** The response header a client finds its trace by (W3C Trace Context Level 2: the server span's context). */
export const TRACE_RESPONSE_HEADER = 'traceresponse';

/** The name of Pamoja's tracer; each span names what it does. */
const TRACER_NAME = 'pamoja';

export interface TracingOptions {
  /** `service.name` of every span of the process, e.g. `pamoja-referrals`. */
  readonly serviceName: string;
  /**
   * Where spans go. Default: OTLP over HTTP when `OTEL_EXPORTER_OTLP_ENDPOINT` or
   * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` is set and `OTEL_TRACES_EXPORTER` is not `none`; otherwise nowhere.
   * The exporter reads the other standard variables itself (`OTEL_EXPORTER_OTLP_HEADERS`, timeouts...). Tests pass
   * an `InMemorySpanExporter` (exported at once, so a test reads them without waiting).
   */
  readonly exporter?: SpanExporter;
}

export interface Tracing {
  readonly serviceName: string;
  /** Whether spans are exported anywhere; when not, only the context is passed on. */
  readonly exporting: boolean;
  /** Exports every span ended so far. */
  flush(): Promise<void>;
}

let current: (Tracing & { readonly provider: NodeTracerProvider }) | undefined;

/** Whether the environment asks for spans over OTLP/HTTP (the SDK's exporter reads the endpoint itself). */
export function otlpExportRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  const exporters = (env['OTEL_TRACES_EXPORTER'] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (exporters.includes('none')) return false;
  return Boolean(env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] || env['OTEL_EXPORTER_OTLP_ENDPOINT']);
}

/**
 * Sets up tracing once per process; later calls (a second service started in the same process, as tests
 * do) return the first setup. The AsyncLocalStorage context manager and the W3C trace-context propagator are
 * always registered, so a caller's `traceparent` reaches the log, Kafka and the services behind the gateway.
 * Without an exporter nothing is recorded unless the caller's trace is sampled, and then nothing is sent.
 */
export function setupTracing(options: TracingOptions): Tracing {
  if (current) return current;
  const exporter = options.exporter ?? (otlpExportRequested(process.env) ? new OTLPTraceExporter() : undefined);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }),
    spanProcessors: exporter
      ? [options.exporter ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(exporter)]
      : [],
    // With an exporter the SDK's default (parent-based, always on; OTEL_TRACES_SAMPLER may say otherwise).
    ...(exporter ? {} : { sampler: new ParentBasedSampler({ root: new AlwaysOffSampler() }) }),
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  current = {
    serviceName: options.serviceName,
    exporting: exporter !== undefined,
    provider,
    flush: () => provider.forceFlush(),
  };
  return current;
}

/** Exports every span ended so far (a no-op before `setupTracing`). */
export async function flushTraces(): Promise<void> {
  await current?.flush();
}

/** Flushes the spans of a Nest application as it shuts down (the provider lives as long as the process). */
@Injectable()
export class TraceFlusher implements OnApplicationShutdown {
  async onApplicationShutdown(): Promise<void> {
    await flushTraces();
  }
}

export function tracer(): ReturnType<typeof trace.getTracer> {
  return trace.getTracer(TRACER_NAME);
}

export interface SpanOptions {
  readonly kind?: SpanKind;
  /** The parent, when it is not the active context (an event's or a message's trace context). */
  readonly parent?: Context;
  readonly links?: readonly Link[];
}

/**
 * Runs `fn` in a new span, active for everything `fn` does: ended when `fn` settles, its error recorded.
 * Attributes never hold personal data or variables: types, ids of commands and correlations, counts.
 */
export async function withSpan<T>(
  name: string,
  attributes: Attributes,
  fn: (span: Span) => Promise<T> | T,
  options: SpanOptions = {},
): Promise<T> {
  return inSpan(name, attributes, fn, { ...options, tracer: TRACER_NAME });
}

/** W3C trace-context fields, as HTTP headers, event metadata and CloudEvents extensions carry them. */
export interface TraceHeaders {
  traceparent?: string;
  tracestate?: string;
}

/** The trace context of `ctx` (default: the active one) as `traceparent` / `tracestate`; empty when there is none. */
export function traceHeaders(ctx: Context = context.active()): TraceHeaders {
  const carrier: TraceHeaders = {};
  propagation.inject(ctx, carrier);
  return carrier;
}

/** The remote trace context a carrier names (HTTP headers, metadata, a CloudEvent); the root when none or invalid. */
export function traceContextFrom(carrier: Readonly<Record<string, unknown>>): Context {
  return propagation.extract(ROOT_CONTEXT, carrier);
}

/**
 * The paths whose requests have a server span: the API (`/graphql`) and the site feed (`/feeds/...`). Probes,
 * scrapes and the console's pages are left out: a browser route may name a record, and a span must not.
 */
export function isTracedPath(path: string): boolean {
  return path === '/graphql' || path.startsWith('/graphql/') || path.startsWith('/feeds/');
}

/** The path of a request without its query: a GET's query string holds the operation's variables. */
function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

/**
 * Express (or plain Node) middleware: the server span of each request, continuing the caller's
 * `traceparent`, active for everything the request does. The response names it in `traceresponse`.
 * Mounted after the body is read: the body parser's stream callbacks would lose the active context.
 */
export function httpServerTracing(
  options: { ignore?: (path: string) => boolean } = {},
): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  return (req, res, next) => {
    const path = pathOf(req);
    if (options.ignore?.(path)) {
      next();
      return;
    }
    const method = req.method ?? 'GET';
    const parent = traceContextFrom(req.headers);
    const span = tracer().startSpan(
      `${method} ${path}`,
      { kind: SpanKind.SERVER, attributes: { [ATTR_HTTP_REQUEST_METHOD]: method, [ATTR_URL_PATH]: path } },
      parent,
    );
    const active = trace.setSpan(parent, span);
    const response = traceHeaders(active).traceparent;
    if (response && !res.headersSent) res.setHeader(TRACE_RESPONSE_HEADER, response);
    let ended = false;
    const end = (): void => {
      if (ended) return;
      ended = true;
      span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    };
    res.once('finish', end);
    res.once('close', end);
    context.with(active, next);
  };
}

/** What the tracing plugin reads of an Apollo request: the operation's name and type, never its variables. */
interface ResolvedOperation {
  readonly operationName?: string | null;
  readonly operation?: { readonly operation: string } | null;
}

/**
 * Apollo Server plugin: the GraphQL operation's name and type on the request's server span (and its name
 * becomes `<type> <name>`). Variables are never recorded: they hold personal data.
 */
export function graphqlTracingPlugin(): {
  requestDidStart(): Promise<{ didResolveOperation(request: ResolvedOperation): Promise<void> }>;
} {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation(request: ResolvedOperation): Promise<void> {
          const span = trace.getActiveSpan();
          const type = request.operation?.operation;
          if (span && type) {
            const name = request.operationName ?? undefined;
            span.setAttribute(ATTR_GRAPHQL_OPERATION_TYPE, type);
            if (name) span.setAttribute(ATTR_GRAPHQL_OPERATION_NAME, name);
            span.updateName(name ? `${type} ${name}` : type);
          }
          return Promise.resolve();
        },
      });
    },
  };
}

export { SpanKind, type Span } from '@opentelemetry/api';
