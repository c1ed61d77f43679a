import { beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { propagation, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { CloudEvent, Kafka } from 'cloudevents';
import { type EventMetadata, type RecordedEvent } from '@pamoja/contracts';
import { applyTraced, traceContextOf, withActiveTraceContext } from '@pamoja/event-store';
import {
  DEFAULT_CATALOGUE,
  cloudEventAttributes,
  fromCloudEventMessage,
  sourceOf,
  toCloudEventMessage,
  type CloudEventKafkaMessage,
} from '@pamoja/messaging';
import { setupTracing, traceHeaders, withSpan } from '@pamoja/platform/telemetry';

// A caller's trace, as it arrives in an HTTP request's headers (sampled, with a vendor's tracestate).
const CALLER_TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER = {
  traceparent: `00-${CALLER_TRACE_ID}-00f067aa0ba902b7-01`,
  tracestate: 'pamoja=t61rcWkgMzE',
};

const metadata: EventMetadata = {
  actor: { userId: 'opj-1', agencyId: 'pnc-masisi', agencyType: 'police', roles: ['investigator'] },
  correlationId: '11111111-2222-4333-8444-555555555555',
  causationId: null,
  jointCaseId: '7d1f6c1e-2b4a-4c39-9b7e-0a1d2c3e4f50',
  occurredAt: '2026-11-27T08:40:00.000Z',
};

function recorded(meta: EventMetadata): RecordedEvent {
  return {
    eventId: '00000000-0000-4000-8000-000000000001',
    type: 'ReferralAccepted',
    schemaVersion: 1,
    data: { referralId: 'r1', byAgencyId: 'pnc-masisi', acceptedAt: '2026-11-27T08:40:00.000Z', note: 'a note' },
    metadata: meta,
    streamId: 'referral-r1',
    streamRevision: 1,
    globalPosition: 101,
    transactionId: 51,
    recordedAt: new Date('2026-11-27T08:40:01.250Z'),
  };
}

function messageOf(event: RecordedEvent): CloudEventKafkaMessage {
  const integration = DEFAULT_CATALOGUE.toIntegrationEvent(event);
  if (!integration) throw new Error(`${event.type} is not shared`);
  return toCloudEventMessage(event, integration, sourceOf(integration.definition.context));
}

/** What kafkajs hands a consumer: header values as Buffers. */
function asReceived(message: CloudEventKafkaMessage) {
  return {
    key: Buffer.from(message.key),
    value: message.value,
    headers: Object.fromEntries(Object.entries(message.headers).map(([k, v]) => [k, Buffer.from(v)])),
  };
}

/** The metadata an append records inside a span that continues the caller's trace, and that span's context. */
async function appendedInCallersTrace(): Promise<{ meta: EventMetadata; traceparent: string; spanId: string }> {
  const caller = propagation.extract(ROOT_CONTEXT, CALLER);
  return withSpan(
    'event-store append',
    {},
    (span) => ({
      meta: withActiveTraceContext(metadata),
      traceparent: traceHeaders().traceparent ?? '',
      spanId: span.spanContext().spanId,
    }),
    { parent: caller },
  );
}

describe('trace context through the log and the CloudEvents on Kafka', () => {
  const exporter = new InMemorySpanExporter();
  beforeAll(() => {
    setupTracing({ serviceName: 'pamoja-trace-context-spec', exporter });
  });
  beforeEach(() => {
    exporter.reset();
  });

  it("records the active span's traceparent and the caller's tracestate in the event metadata", async () => {
    const { meta, traceparent, spanId } = await appendedInCallersTrace();
    expect(meta.traceparent).toBe(traceparent);
    expect(meta.traceparent).toBe(`00-${CALLER_TRACE_ID}-${spanId}-01`);
    expect(meta.tracestate).toBe(CALLER.tracestate);
    // Everything else as it was.
    expect({ ...meta, traceparent: undefined, tracestate: undefined }).toEqual({
      ...metadata,
      traceparent: undefined,
      tracestate: undefined,
    });
  });

  it('records nothing outside a trace, or in a trace nobody samples, and keeps a trace already recorded', async () => {
    expect(withActiveTraceContext(metadata)).toEqual(metadata);
    const unsampled = propagation.extract(ROOT_CONTEXT, { traceparent: `00-${CALLER_TRACE_ID}-00f067aa0ba902b7-00` });
    expect(trace.getSpanContext(unsampled)?.traceFlags).toBe(TraceFlags.NONE);
    expect(withActiveTraceContext(metadata, unsampled)).toEqual(metadata);
    const { meta } = await appendedInCallersTrace();
    await withSpan('another request', {}, () => {
      expect(withActiveTraceContext(meta)).toBe(meta);
    });
  });

  it('carries it as the ce_traceparent and ce_tracestate headers, exactly as the cloudevents package writes them', async () => {
    const { meta } = await appendedInCallersTrace();
    const event = recorded(meta);
    const message = messageOf(event);
    expect(message.headers['ce_traceparent']).toBe(meta.traceparent);
    expect(message.headers['ce_tracestate']).toBe(CALLER.tracestate);
    // Beside the correlation id, which still joins what one request caused.
    expect(message.headers['ce_correlationid']).toBe(metadata.correlationId);
    const integration = DEFAULT_CATALOGUE.toIntegrationEvent(event);
    if (!integration) throw new Error('ReferralAccepted is not shared');
    const reference = Kafka.binary(
      new CloudEvent(
        {
          ...cloudEventAttributes(event, integration, sourceOf(integration.definition.context)),
          data: integration.data,
        },
        true,
      ),
    );
    expect(message.headers).toEqual(reference.headers);
  });

  it('round-trips: the consumer continues the span that appended the event', async () => {
    const { meta, spanId } = await appendedInCallersTrace();
    const received = fromCloudEventMessage(asReceived(messageOf(recorded(meta))));
    expect(received.traceparent).toBe(meta.traceparent);
    expect(received.tracestate).toBe(CALLER.tracestate);
    expect(received.correlationId).toBe(metadata.correlationId);
    const parent = traceContextOf(received);
    expect(parent).toBeDefined();
    const spanContext = trace.getSpanContext(parent ?? ROOT_CONTEXT);
    expect(spanContext).toMatchObject({ traceId: CALLER_TRACE_ID, spanId, isRemote: true });
    expect(spanContext?.traceState?.serialize()).toBe(CALLER.tracestate);
  });

  it('sends no trace headers for an event appended outside a trace, and a consumer starts none for it', () => {
    const message = messageOf(recorded(metadata));
    expect(Object.keys(message.headers).filter((name) => name.startsWith('ce_trace'))).toEqual([]);
    const received = fromCloudEventMessage(asReceived(message));
    expect(received.traceparent).toBeUndefined();
    expect(traceContextOf(received)).toBeUndefined();
  });

  it('reads a message whose traceparent is malformed as untraced, and still decodes it', () => {
    const message = messageOf(recorded(metadata));
    const headers = { ...message.headers, ce_traceparent: '00-not-a-trace-01' };
    const received = fromCloudEventMessage(asReceived({ ...message, headers }));
    expect(received.id).toBe('00000000-0000-4000-8000-000000000001');
    expect(traceContextOf(received)).toBeUndefined();
  });

  it("applies a traced event to a projection in a span of the writer's trace, and an untraced one in none", async () => {
    const { meta, spanId } = await appendedInCallersTrace();
    exporter.reset();
    const applied: string[] = [];
    const projection = {
      name: 'spec.read-model',
      apply: (_tx: unknown, event: RecordedEvent) => {
        applied.push(`${event.type} ${trace.getActiveSpan()?.spanContext().traceId ?? 'untraced'}`);
        return Promise.resolve();
      },
    };
    const tx = { query: () => Promise.resolve([]) } as unknown as Parameters<typeof applyTraced>[1];
    await applyTraced(projection, tx, recorded(meta));
    await applyTraced(projection, tx, recorded(metadata));
    expect(applied).toEqual([`ReferralAccepted ${CALLER_TRACE_ID}`, 'ReferralAccepted untraced']);
    const spans = exporter.getFinishedSpans();
    expect(spans.map((s) => s.name)).toEqual(['projection apply spec.read-model']);
    expect(spans[0]?.spanContext().traceId).toBe(CALLER_TRACE_ID);
    expect(spans[0]?.parentSpanContext?.spanId).toBe(spanId);
    expect(spans[0]?.attributes).toMatchObject({
      'pamoja.projection': 'spec.read-model',
      'pamoja.event.type': 'ReferralAccepted',
    });
  });
});
