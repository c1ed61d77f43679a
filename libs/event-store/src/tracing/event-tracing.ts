import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  TraceFlags,
  type Attributes,
  type Context,
  type Link,
  type Span,
} from '@opentelemetry/api';
import { type EventMetadata } from '@pamoja/contracts';

/**
 * Trace context through the log (docs/adr/0029): an event records the `traceparent` (and `tracestate`) active
 * when it was appended, so whoever reads it later (a projection, the relay, a consumer in another service)
 * continues the trace of the request that wrote it. Through the OpenTelemetry API only: the process that sets
 * up the SDK (`@pamoja/platform/telemetry`) decides whether anything is recorded.
 */
const TRACER_NAME = 'pamoja.event-store';

/** The attribute names of Pamoja's own span attributes (never a person's id or data). */
export const TRACE_ATTRIBUTES = {
  streamCategory: 'pamoja.stream.category',
  eventCount: 'pamoja.event.count',
  eventType: 'pamoja.event.type',
  projection: 'pamoja.projection',
  correlationId: 'pamoja.correlation_id',
  commandType: 'pamoja.command.type',
  commandId: 'pamoja.command.id',
} as const;

/** The category of a stream (`referral` of `referral-<id>`): what a span may say of it. */
export function streamCategoryOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash > 0 ? streamId.slice(0, dash) : streamId;
}

/**
 * The metadata with the active trace context added, when the active trace is sampled (an unsampled one is
 * recorded nowhere, so nothing could continue it). Metadata that already names a trace keeps it.
 */
export function withActiveTraceContext(metadata: EventMetadata, active: Context = context.active()): EventMetadata {
  if (metadata.traceparent) return metadata;
  const spanContext = trace.getSpanContext(active);
  if (!spanContext || (spanContext.traceFlags & TraceFlags.SAMPLED) === 0) return metadata;
  const carrier: { traceparent?: string; tracestate?: string } = {};
  propagation.inject(active, carrier);
  if (!carrier.traceparent) return metadata;
  return {
    ...metadata,
    traceparent: carrier.traceparent,
    ...(carrier.tracestate ? { tracestate: carrier.tracestate } : {}),
  };
}

/** The trace context an event's metadata (or a message's trace headers) names; undefined when none. */
export function traceContextOf(carrier: {
  readonly traceparent?: string | null;
  readonly tracestate?: string | null;
}): Context | undefined {
  if (!carrier.traceparent) return undefined;
  const extracted = propagation.extract(ROOT_CONTEXT, {
    traceparent: carrier.traceparent,
    ...(carrier.tracestate ? { tracestate: carrier.tracestate } : {}),
  });
  return trace.getSpanContext(extracted) ? extracted : undefined;
}

/**
 * Runs `fn` in a span of the event store's tracer (child of `parent`, default the active context), active for
 * what `fn` does, ended when it settles.
 */
export async function inSpan<T>(
  name: string,
  attributes: Attributes,
  fn: (span: Span) => Promise<T> | T,
  options: {
    readonly parent?: Context;
    readonly kind?: SpanKind;
    readonly links?: readonly Link[];
    /** The tracer (instrumentation scope) the span belongs to; default the event store's. */
    readonly tracer?: string;
  } = {},
): Promise<T> {
  const parent = options.parent ?? context.active();
  const span = trace
    .getTracer(options.tracer ?? TRACER_NAME)
    .startSpan(
      name,
      { kind: options.kind ?? SpanKind.INTERNAL, attributes, links: options.links ? [...options.links] : [] },
      parent,
    );
  try {
    return await context.with(trace.setSpan(parent, span), () => fn(span));
  } catch (error) {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    throw error;
  } finally {
    span.end();
  }
}
