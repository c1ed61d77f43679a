import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildSchema, graphql } from 'graphql';
import { startGateway, type RunningGateway } from './gateway.js';

/*
 * The gateway answers the site feed's paths at its own origin by forwarding them to the sites service. The
 * sites service here is a small real HTTP server: a GraphQL subgraph (for the composition) that also serves
 * /feeds/..., answering with what it received, as the service would.
 */

const SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: [])

type Query {
  echo: String
}`;
const schema = buildSchema('type Query { echo: String _service: Service } type Service { sdl: String }');

describe('the gateway forwards the site feed to the sites service', () => {
  let sites: Server;
  let gateway: RunningGateway;
  let sitesUp = true;
  const received: { method: string; url: string; headers: IncomingHttpHeaders }[] = [];

  beforeAll(async () => {
    sites = createServer((req, res) => {
      if (!sitesUp) {
        req.socket.destroy();
        return;
      }
      if (req.url?.startsWith('/feeds/')) {
        received.push({ method: req.method ?? '', url: req.url, headers: req.headers });
        if (req.headers.authorization !== 'Bearer integrator-token') {
          res.writeHead(401, { 'content-type': 'application/json; charset=utf-8', 'www-authenticate': 'Bearer' });
          res.end(JSON.stringify({ error: { code: 'UNAUTHENTICATED', reason: 'token_required', message: 'no' } }));
          return;
        }
        if (req.headers['if-none-match'] === '"v1"') {
          res.writeHead(304, { etag: '"v1"' });
          res.end();
          return;
        }
        res.writeHead(200, {
          'content-type': 'text/csv; charset=utf-8',
          etag: '"v1"',
          'cache-control': 'private, max-age=300',
          'set-cookie': 'internal=1',
        });
        res.end('code\r\nNK-MAS-014\r\n');
        return;
      }
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        const { query } = JSON.parse(body) as { query: string };
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
    await new Promise<void>((resolve) => sites.listen(0, '127.0.0.1', resolve));
    const port = (sites.address() as AddressInfo).port;
    gateway = await startGateway({
      subgraphs: [{ name: 'sites', url: `http://127.0.0.1:${port}/graphql` }],
      port: 0,
      host: '127.0.0.1',
    });
  });

  afterAll(async () => {
    await gateway.close();
    await new Promise<void>((resolve) =>
      sites.close(() => {
        resolve();
      }),
    );
  });

  const origin = () => `http://127.0.0.1:${String(gateway.port)}`;

  it('with the path, the token, the cached version and the correlation id; the answer as the service gave it', async () => {
    const response = await fetch(`${origin()}/feeds/sites.csv?x=1`, {
      headers: {
        authorization: 'Bearer integrator-token',
        'x-correlation-id': '0b2f6c1e-8d4a-4c55-9e0a-3f1d2c3b4a59',
        cookie: 'session=secret',
      },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('code\r\nNK-MAS-014\r\n');
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('etag')).toBe('"v1"');
    expect(response.headers.get('cache-control')).toBe('private, max-age=300');
    // Nothing the service did not mean for the reader, nothing of the reader's the service does not need.
    expect(response.headers.get('set-cookie')).toBeNull();
    const forwarded = received.at(-1);
    expect(forwarded).toMatchObject({ method: 'GET', url: '/feeds/sites.csv?x=1' });
    expect(forwarded?.headers).toMatchObject({
      authorization: 'Bearer integrator-token',
      'x-correlation-id': '0b2f6c1e-8d4a-4c55-9e0a-3f1d2c3b4a59',
    });
    expect(forwarded?.headers.cookie).toBeUndefined();
  });

  it('passes on the service’s refusal and its 304', async () => {
    const refused = await fetch(`${origin()}/feeds/sites.json`);
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer');
    expect(await refused.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED', reason: 'token_required' } });
    const cached = await fetch(`${origin()}/feeds/sites.csv`, {
      headers: { authorization: 'Bearer integrator-token', 'if-none-match': '"v1"' },
    });
    expect(cached.status).toBe(304);
  });

  it('refuses anything but GET and HEAD, and still serves GraphQL', async () => {
    const before = received.length;
    const post = await fetch(`${origin()}/feeds/sites.json`, { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
    expect(received.length).toBe(before);
    const graph = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ echo }' }),
    });
    expect(await graph.json()).toEqual({ data: { echo: 'hello' } });
  });

  it('answers 502 naming the reason when the sites service cannot be reached', async () => {
    sitesUp = false;
    try {
      const response = await fetch(`${origin()}/feeds/sites.json`, {
        headers: { authorization: 'Bearer integrator-token' },
      });
      expect(response.status).toBe(502);
      expect(await response.json()).toMatchObject({
        error: { code: 'BAD_GATEWAY', reason: 'sites_service_unreachable' },
      });
    } finally {
      sitesUp = true;
    }
  });
});
