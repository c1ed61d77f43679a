import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildSchema, graphql } from 'graphql';
import { startGateway, type RunningGateway } from './gateway.js';

/*
 * What the gateway forwards to a subgraph: the caller's token, correlation id and stated purpose, so the
 * service behind it authenticates, correlates and audits the request itself. The subgraph here is a
 * small stand-in that answers with the headers it received.
 */

const SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: [])

type Query {
  echo: String
}`;
const schema = buildSchema('type Query { echo: String _service: Service } type Service { sdl: String }');

describe('the gateway forwards', () => {
  let subgraph: Server;
  let gateway: RunningGateway;
  let limited: RunningGateway;
  const received: IncomingHttpHeaders[] = [];

  beforeAll(async () => {
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
    limited = await startGateway({
      subgraphs: [{ name: 'echo', url: `http://127.0.0.1:${port}/graphql` }],
      port: 0,
      host: '127.0.0.1',
      rateLimit: { perMinute: 6, burst: 2 },
    });
  });

  afterAll(async () => {
    await limited.close();
    await gateway.close();
    await new Promise<void>((resolve) =>
      subgraph.close(() => {
        resolve();
      }),
    );
  });

  const ask = async (headers: Record<string, string>) => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ echo }' }),
    });
    expect(await response.json()).toEqual({ data: { echo: 'hello' } });
    return received.at(-1);
  };

  it('the token, the correlation id and the stated purpose', async () => {
    const correlationId = '0b2f6c1e-8d4a-4c55-9e0a-3f1d2c3b4a59';
    const headers = await ask({
      authorization: 'Bearer token-of-the-caller',
      'x-correlation-id': correlationId,
      'x-pamoja-purpose': 'Arranging medical care',
    });
    expect(headers).toMatchObject({
      authorization: 'Bearer token-of-the-caller',
      'x-correlation-id': correlationId,
      'x-pamoja-purpose': 'Arranging medical care',
    });
  });

  it('no purpose when the caller states none', async () => {
    const headers = await ask({ authorization: 'Bearer token-of-the-caller' });
    expect(headers?.['x-pamoja-purpose']).toBeUndefined();
    expect(headers?.['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('nothing from a caller over the rate limit: HTTP 429 with RATE_LIMITED, while other callers go on', async () => {
    const post = (authorization: string) =>
      fetch(limited.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ query: '{ echo }' }),
      });
    for (let i = 0; i < 2; i += 1) expect((await post('Bearer flooding-caller')).status).toBe(200);
    const forwardedBefore = received.length;
    const refused = await post('Bearer flooding-caller');
    expect(refused.status).toBe(429);
    // One operation per 10 s refills the bucket: the wait left is at most 10 s, less on a slow machine.
    const seconds = Number(refused.headers.get('retry-after'));
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(10);
    expect(await refused.json()).toEqual({
      errors: [
        {
          message: `Too many requests: retry in ${seconds} s`,
          extensions: { code: 'RATE_LIMITED', retryAfterSeconds: seconds },
        },
      ],
    });
    expect(received.length).toBe(forwardedBefore);
    const other = await post('Bearer another-caller');
    expect(other.status).toBe(200);
    expect(await other.json()).toEqual({ data: { echo: 'hello' } });
  });
});
