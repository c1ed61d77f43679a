import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SpanKind } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { sendWebhook, TargetGuard, traceOfCloudEvent } from './webhook-sender.js';

/*
 * A webhook delivery in a trace: the receiver gets a `traceparent` whose parent is the delivery's span, and
 * that span continues the trace of the event delivered. The receiver is a real HTTP server on loopback.
 */

const exporter = new InMemorySpanExporter();

describe('a webhook delivery carries traceparent', () => {
  const received: IncomingHttpHeaders[] = [];
  const server: Server = createServer((req, res) => {
    received.push(req.headers);
    req.resume();
    req.on('end', () => res.writeHead(204).end());
  });
  let url = '';

  beforeAll(async () => {
    // The SDK as a process sets it up (the platform's `setupTracing`), with spans kept in memory.
    new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }).register({
      propagator: new W3CTraceContextPropagator(),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
  });

  const deliver = (trace: { traceparent?: string; tracestate?: string } = {}) =>
    sendWebhook(new TargetGuard(['127.0.0.1/32']), {
      url,
      body: '{"specversion":"1.0"}',
      headers: { 'webhook-id': 'a1c7f0e2-3b4d-5e6f-8a9b-0c1d2e3f4a5b' },
      timeoutMs: 5_000,
      ...trace,
    });

  it("continues the event's trace: the receiver's parent is the delivery's span", async () => {
    const traceId = randomBytes(16).toString('hex');
    const eventSpanId = randomBytes(8).toString('hex');
    expect(await deliver({ traceparent: `00-${traceId}-${eventSpanId}-01`, tracestate: 'vendor=opaque' })).toEqual({
      kind: 'answered',
      status: 204,
      retryAfter: null,
    });
    const span = exporter.getFinishedSpans().find((s) => s.spanContext().traceId === traceId);
    if (!span) throw new Error('no span in the trace of the event');
    expect(span.name).toBe('webhook deliver');
    expect(span.kind).toBe(SpanKind.CLIENT);
    expect(span.parentSpanContext?.spanId).toBe(eventSpanId);
    expect(span.attributes['http.response.status_code']).toBe(204);
    const headers = received.at(-1);
    expect(headers?.['traceparent']).toBe(`00-${traceId}-${span.spanContext().spanId}-01`);
    expect(headers?.['tracestate']).toBe('vendor=opaque');
    expect(headers?.['webhook-id']).toBe('a1c7f0e2-3b4d-5e6f-8a9b-0c1d2e3f4a5b');
  });

  it("reads the event's trace from the CloudEvent it delivers, and nothing from a body that names none", () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const event = { specversion: '1.0', id: 'e-1', correlationid: 'c-1', data: {} };
    expect(traceOfCloudEvent(JSON.stringify({ ...event, traceparent, tracestate: 'vendor=1' }))).toEqual({
      traceparent,
      tracestate: 'vendor=1',
    });
    expect(traceOfCloudEvent(JSON.stringify({ ...event, traceparent }))).toEqual({ traceparent });
    expect(traceOfCloudEvent(JSON.stringify(event))).toEqual({});
    expect(traceOfCloudEvent(JSON.stringify({ ...event, traceparent: 7 }))).toEqual({});
    expect(traceOfCloudEvent('not json')).toEqual({});
    expect(traceOfCloudEvent('null')).toEqual({});
  });

  it('starts a trace of its own for an event that was not traced', async () => {
    exporter.reset();
    await deliver();
    const [span] = exporter.getFinishedSpans();
    if (!span) throw new Error('no span of the delivery');
    expect(span.parentSpanContext).toBeUndefined();
    expect(received.at(-1)?.['traceparent']).toBe(`00-${span.spanContext().traceId}-${span.spanContext().spanId}-01`);
  });
});
