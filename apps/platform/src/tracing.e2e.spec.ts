import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from '@jest/globals';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { EVENT_STORE, type EventStore } from '@pamoja/event-store';
import { parseServerTiming, SERVER_TIMING_HEADER, setupTracing } from '@pamoja/platform/telemetry';
import { SUBMIT, submitInput, useTestPlatform } from '@pamoja/testing';
import { EmbeddedPlatformModule } from './app.module.js';

// Before the platform starts: its own set-up then finds this one (one provider per process).
const exporter = new InMemorySpanExporter();
setupTracing({ serviceName: 'pamoja-tracing-e2e', exporter });

/** The finished spans of one trace, once `done` says they are all there (polled: spans end after the answer). */
async function spansOf(traceId: string, done: (spans: ReadableSpan[]) => boolean): Promise<ReadableSpan[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const spans = exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
    if (done(spans)) return spans;
    if (Date.now() > deadline) {
      throw new Error(`the trace has only ${JSON.stringify(spans.map((s) => s.name))}`);
    }
    await sleep(100);
  }
}

function one(spans: readonly ReadableSpan[], name: string): ReadableSpan {
  const found = spans.filter((span) => span.name === name);
  if (found.length !== 1) throw new Error(`expected one span ${name}, found ${found.length}`);
  return found[0] as ReadableSpan;
}

describe('traces in the embedded platform', () => {
  const platform = useTestPlatform({
    root: (config) => EmbeddedPlatformModule.forRoot(config),
    serviceName: 'pamoja-tracing-e2e',
  });
  const NGO = { agencyId: 'ngo-kivu-hope', agencyType: 'first_responder', roles: ['field_worker'] } as const;
  platform.as(NGO);

  it("continues a caller's traceparent from the GraphQL mutation through the command and the append to the projection", async () => {
    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const correlationId = randomUUID();
    const input = submitInput();
    const response = await fetch(platform.graphqlUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await platform.tokenFor(NGO)}`,
        'x-correlation-id': correlationId,
        traceparent: `00-${traceId}-${callerSpanId}-01`,
      },
      body: JSON.stringify({ query: SUBMIT, operationName: 'Submit', variables: { input } }),
    });
    const body = (await response.json()) as { data?: { submitReferral: { referralId: string } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    const referralId = body.data?.submitReferral.referralId ?? '';

    const writtenEvents = (await platform.get<EventStore>(EVENT_STORE).readStream(`referral-${referralId}`)).length;
    const spans = await spansOf(
      traceId,
      (found) => found.filter((span) => span.name === 'projection apply referrals.handoffs').length === writtenEvents,
    );
    // The request's server span: a child of the caller's span, named by the operation, never its variables.
    const server = one(spans, 'mutation Submit');
    expect(server.kind).toBe(SpanKind.SERVER);
    expect(server.parentSpanContext?.spanId).toBe(callerSpanId);
    expect(server.resource.attributes['service.name']).toBe('pamoja-tracing-e2e');
    expect(server.attributes).toMatchObject({
      'graphql.operation.type': 'mutation',
      'graphql.operation.name': 'Submit',
      'http.request.method': 'POST',
      'url.path': '/graphql',
      'http.response.status_code': 200,
    });
    // The client finds its trace: the server span's context in `traceresponse`.
    expect(response.headers.get('traceresponse')).toBe(`00-${traceId}-${server.spanContext().spanId}-01`);

    const command = one(spans, 'command SubmitReferral');
    expect(command.parentSpanContext?.spanId).toBe(server.spanContext().spanId);
    expect(command.attributes).toMatchObject({
      'pamoja.command.type': 'SubmitReferral',
      'pamoja.command.id': input['commandId'],
      'pamoja.correlation_id': correlationId,
    });

    const appends = spans.filter(
      (span) => span.name === 'event-store append' && span.attributes['pamoja.stream.category'] === 'referral',
    );
    expect(appends).toHaveLength(1);
    const append = appends[0] as ReadableSpan;
    expect(append.parentSpanContext?.spanId).toBe(command.spanContext().spanId);
    expect(append.attributes['pamoja.event.count']).toBeGreaterThanOrEqual(1);

    // The projection continues the append's context, recorded with the events in the log.
    // (one span per event the command wrote, each in the trace that wrote it).
    const events = await platform.get<EventStore>(EVENT_STORE).readStream(`referral-${referralId}`);
    const applied = spans.filter((span) => span.name === 'projection apply referrals.handoffs');
    expect(applied.map((span) => span.attributes['pamoja.event.type'])).toEqual(events.map((event) => event.type));
    expect(applied.map((span) => span.parentSpanContext?.spanId)).toEqual(
      events.map(() => append.spanContext().spanId),
    );
    expect(applied[0]?.attributes['pamoja.event.type']).toBe('ReferralSubmitted');
    expect(events.map((event) => event.metadata.traceparent)).toEqual(
      events.map(() => `00-${traceId}-${append.spanContext().spanId}-01`),
    );

    // Nothing the caller typed is on a span: no variables, no free text, no person's data.
    const recorded = JSON.stringify(spans.map((span) => [span.name, span.attributes]));
    expect(recorded).not.toContain(String(input['summary']));
    expect(recorded).not.toContain('NK-MAS-014');
  });

  it('starts a trace of its own for a request without traceparent, and still names it in traceresponse', async () => {
    const response = await fetch(platform.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await platform.tokenFor(NGO)}` },
      body: JSON.stringify({ query: 'query Mine { __typename }' }),
    });
    expect(response.status).toBe(200);
    const header = response.headers.get('traceresponse') ?? '';
    expect(header).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    const [, traceId] = header.split('-');
    const spans = await spansOf(traceId ?? '', (found) => found.length > 0);
    expect(spans.map((span) => [span.name, span.parentSpanContext])).toEqual([['query Mine', undefined]]);
  });

  it('says in Server-Timing where a command’s time went: checks, store, read models, audit and the total', async () => {
    const token = await platform.tokenFor(NGO);
    const command = await fetch(platform.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: SUBMIT, operationName: 'Submit', variables: { input: submitInput() } }),
    });
    expect(((await command.json()) as { errors?: unknown }).errors).toBeUndefined();
    const phases = parseServerTiming(command.headers.get(SERVER_TIMING_HEADER));
    expect([...phases.keys()]).toEqual(['checks', 'store', 'wait', 'audit', 'total']);
    const named = ['checks', 'store', 'wait', 'audit'].reduce((sum, phase) => sum + (phases.get(phase) ?? 0), 0);
    expect(phases.get('store')).toBeGreaterThan(0);
    expect(phases.get('total')).toBeGreaterThanOrEqual(named);
    // A read goes through none of a command's phases.
    const read = await fetch(platform.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'query Mine { __typename }' }),
    });
    expect([...parseServerTiming(read.headers.get(SERVER_TIMING_HEADER)).keys()]).toEqual(['total']);
  });

  it('ignores a malformed traceparent: the request is answered in a new trace', async () => {
    const response = await fetch(platform.graphqlUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await platform.tokenFor(NGO)}`,
        traceparent: '00-00000000000000000000000000000000-0000000000000000-01',
      },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('traceresponse')).toMatch(/^00-(?!0{32})[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });
});
