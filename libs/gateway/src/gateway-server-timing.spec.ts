import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildSchema, graphql } from 'graphql';
import { parseServerTiming } from '@pamoja/platform/telemetry';
import { gatewayServerTiming, startGateway, type RunningGateway } from './gateway.js';

/*
 * Where a request's time went, through the gateway: the answer carries the phases of the subgraph that answered
 * it (its Server-Timing header), and the gateway's own time. The subgraph is a stand-in that answers a mutation
 * after a pause, with phases of its own.
 */

const SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: [])

type Query {
  echo: String
}

type Mutation {
  note(text: String!): String
}`;
const schema = buildSchema(`type Query { echo: String _service: Service } type Service { sdl: String }
type Mutation { note(text: String!): String }`);

/** What the subgraph says it spent; its total is a little more than the pause it takes. */
const SUBGRAPH_TIMING = 'checks;dur=1.5, store;dur=12.0, wait;dur=4.0, audit;dur=2.5, total;dur=30.0';

describe("the gateway's Server-Timing", () => {
  let subgraph: Server;
  let gateway: RunningGateway;

  beforeAll(async () => {
    subgraph = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        const { query, variables } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
        const pause = query.includes('_service') ? 0 : 30;
        setTimeout(() => {
          void graphql({
            schema,
            source: query,
            variableValues: variables,
            rootValue: {
              echo: () => 'hello',
              note: ({ text }: { text: string }) => `noted: ${text}`,
              _service: () => ({ sdl: SDL }),
            },
          }).then((result) => {
            res.setHeader('content-type', 'application/json');
            if (!query.includes('_service')) res.setHeader('server-timing', SUBGRAPH_TIMING);
            res.end(JSON.stringify(result));
          });
        }, pause);
      });
    });
    await new Promise<void>((resolve) => subgraph.listen(0, '127.0.0.1', resolve));
    const port = (subgraph.address() as AddressInfo).port;
    gateway = await startGateway({
      subgraphs: [{ name: 'notes', url: `http://127.0.0.1:${port}/graphql` }],
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

  it("passes a mutation's subgraph phases on, with the gateway's own time beside them", async () => {
    const started = performance.now();
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer token-of-the-caller' },
      body: JSON.stringify({ query: 'mutation Note($text: String!) { note(text: $text) }', variables: { text: 'x' } }),
    });
    const elapsed = performance.now() - started;
    expect(await response.json()).toEqual({ data: { note: 'noted: x' } });
    const phases = parseServerTiming(response.headers.get('server-timing'));
    expect(Object.fromEntries([...phases].filter(([name]) => name !== 'gateway' && name !== 'total'))).toEqual({
      checks: 1.5,
      store: 12,
      wait: 4,
      audit: 2.5,
    });
    const total = phases.get('total') ?? Number.NaN;
    // The gateway's total covers the subgraph's pause, and is no more than the client saw.
    expect(total).toBeGreaterThanOrEqual(30);
    expect(total).toBeLessThanOrEqual(elapsed + 1);
    expect(phases.get('gateway')).toBeCloseTo(total - 30, 0);
  });

  it('has a gateway phase and a total for an answer no subgraph gave (a request refused by validation)', async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ nothingHere }' }),
    });
    await response.json();
    const phases = parseServerTiming(response.headers.get('server-timing'));
    expect([...phases.keys()]).toEqual(['gateway', 'total']);
    expect(phases.get('gateway')).toBe(phases.get('total'));
  });
});

describe('gatewayServerTiming', () => {
  it('sums the phases of several subgraphs, and the gateway is the total less their totals', () => {
    const summed = new Map([
      ['store', 10 + 5],
      ['wait', 3],
      ['total', 20 + 9],
    ]);
    expect(gatewayServerTiming(summed, 40)).toBe('store;dur=15.0, wait;dur=3.0, gateway;dur=11.0, total;dur=40.0');
  });

  it('never gives the gateway less than nothing when subgraphs asked at once overlap', () => {
    expect(gatewayServerTiming(new Map([['total', 50]]), 30)).toBe('gateway;dur=0.0, total;dur=30.0');
  });
});
