import { randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { buildSchema, graphql } from 'graphql';
import { setupTracing } from '@pamoja/platform/telemetry';
import { startGateway, type RunningGateway } from './gateway.js';

/*
 * The gateway's part of a trace: its server span continues the caller's traceparent, and the subgraph it
 * forwards to receives the gateway's span as its parent. The subgraph is a stand-in that keeps the headers.
 */

const SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: [])

type Query {
  echo: String
}`;
const schema = buildSchema('type Query { echo: String _service: Service } type Service { sdl: String }');

const exporter = new InMemorySpanExporter();

describe('the gateway in a trace', () => {
  let subgraph: Server;
  let gateway: RunningGateway;
  const received: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    // Before the gateway's own set-up, which then finds this one (one provider per process).
    setupTracing({ serviceName: 'pamoja-gateway-tracing-spec', exporter });
    subgraph = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        const { query } = JSON.parse(body) as { query: string };
        if (!query.includes('_service')) received.push(req.headers);
        void graphql({
          schema,
          source: query,
          rootValue: { echo: () => 'hello', _service: () => ({ sdl: SDL }) },
        }).then((result) => {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify(result));
        });
      });
    });
    await new Promise<void>((resolve) => subgraph.listen(0, '127.0.0.1', resolve));
    const port = (subgraph.address() as AddressInfo).port;
    gateway = await startGateway({
      subgraphs: [{ name: 'echo', url: `http://127.0.0.1:${port}/graphql` }],
      port: 0,
      host: '127.0.0.1',
    });
  });

  afterAll(async () => {
    await gateway.close();
    subgraph.closeAllConnections();
    await new Promise<void>((resolve) =>
      subgraph.close(() => {
        resolve();
      }),
    );
  });

  it("passes the caller's trace on to the subgraph, as a child of its own server span", async () => {
    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer token-of-the-caller',
        traceparent: `00-${traceId}-${callerSpanId}-01`,
        tracestate: 'vendor=opaque',
      },
      body: JSON.stringify({ query: '{ echo }' }),
    });
    expect(await response.json()).toEqual({ data: { echo: 'hello' } });
    const server = exporter
      .getFinishedSpans()
      .find((span) => span.spanContext().traceId === traceId && span.kind === SpanKind.SERVER);
    expect(server?.parentSpanContext?.spanId).toBe(callerSpanId);
    expect(server?.resource.attributes['service.name']).toBe('pamoja-gateway-tracing-spec');
    const serverSpanId = server?.spanContext().spanId ?? '';
    expect(response.headers.get('traceresponse')).toBe(`00-${traceId}-${serverSpanId}-01`);
    const forwarded = received.at(-1);
    expect(forwarded?.['traceparent']).toBe(`00-${traceId}-${serverSpanId}-01`);
    expect(forwarded?.['tracestate']).toBe('vendor=opaque');
    // The other forwarded headers are as they were.
    expect(forwarded?.['authorization']).toBe('Bearer token-of-the-caller');
  });

  it("starts a trace for a caller without one, and the subgraph's request is in it", async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ echo }' }),
    });
    expect(await response.json()).toEqual({ data: { echo: 'hello' } });
    const traceresponse = response.headers.get('traceresponse') ?? '';
    expect(traceresponse).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(received.at(-1)?.['traceparent']).toBe(traceresponse);
  });
});
