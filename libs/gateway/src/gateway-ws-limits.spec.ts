import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildSchema, graphql } from 'graphql';
import { WebSocket } from 'ws';
import { startGateway, type RunningGateway } from './gateway.js';

/*
 * The gateway's WebSocket (graphql-ws) passes the same limits as its HTTP endpoint and as the services: the
 * query limits, 256 kB messages, the per-caller rate limit (one bucket for both transports), a cap on
 * connections per caller, the Origin allow-list and, in production, no introspection. Tried as an attacker
 * would, with a raw graphql-ws connection. The subgraph is a small stand-in that counts what reaches it.
 */

const SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: [])

type Query {
  echo: String
  node: Node
}

type Node {
  value: String
  next: Node
}`;
const schema = buildSchema(
  'type Query { echo: String node: Node _service: Service } type Node { value: String next: Node } type Service { sdl: String }',
);
const PROTOCOL = 'graphql-transport-ws';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Received {
  readonly type: string;
  readonly id?: string;
  readonly payload?: unknown;
}
interface ErrorBody {
  readonly message: string;
  readonly extensions?: Record<string, unknown>;
}

/** A graphql-ws connection spoken by hand. */
class RawConnection {
  readonly received: Received[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      this.received.push(JSON.parse(data.toString('utf8')) as Received);
    });
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString('utf8') });
      });
    });
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<RawConnection | { refused: number }> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url.replace(/^http/, 'ws'), PROTOCOL, { headers });
      socket.once('open', () => {
        resolve(new RawConnection(socket));
      });
      socket.once('unexpected-response', (_req, res) => {
        resolve({ refused: res.statusCode ?? 0 });
        res.resume();
      });
      socket.once('error', reject);
    });
  }

  static async connect(url: string, authorization?: string): Promise<RawConnection> {
    const connection = await RawConnection.open(url);
    if (!(connection instanceof RawConnection)) throw new Error(`upgrade refused: ${connection.refused}`);
    connection.send({ type: 'connection_init', payload: authorization ? { authorization } : {} });
    if (!(await connection.next((m) => m.type === 'connection_ack'))) {
      throw new Error(`no connection_ack: ${JSON.stringify(await connection.closed)}`);
    }
    return connection;
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  async next(match: (message: Received) => boolean, timeoutMs = 10_000): Promise<Received | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(match);
      if (found) return found;
      if (this.socket.readyState === WebSocket.CLOSED || Date.now() > deadline) return undefined;
      await sleep(20);
    }
  }

  async operation(query: string): Promise<Received | undefined> {
    const id = randomUUID();
    this.send({ type: 'subscribe', id, payload: { query } });
    return this.next((m) => m.id === id && (m.type === 'next' || m.type === 'error'));
  }

  close(): void {
    this.socket.close();
  }
}

function errorsOf(answer: Received | undefined): ErrorBody[] {
  if (!answer) throw new Error('no answer');
  if (answer.type === 'error') return answer.payload as ErrorBody[];
  return (answer.payload as { errors?: ErrorBody[] }).errors ?? [];
}

function dataOf(answer: Received | undefined): unknown {
  return answer?.type === 'next' ? (answer.payload as { data?: unknown }).data : undefined;
}

const nested = (levels: number): string => (levels === 0 ? 'value' : `next { ${nested(levels - 1)} }`);
const DEEP = `{ node { ${nested(13)} } }`;
const MANY_ALIASES = `{ ${Array.from({ length: 21 }, (_, i) => `a${i}: echo`).join(' ')} }`;
const MANY_TOKENS = `{ ${'echo '.repeat(4100)} }`;

describe('the gateway’s WebSocket has the limits of its HTTP endpoint', () => {
  let subgraph: Server;
  let gateway: RunningGateway;
  let production: RunningGateway;
  let forwarded = 0;

  beforeAll(async () => {
    subgraph = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        const { query } = JSON.parse(body) as { query: string };
        if (!query.includes('_service')) forwarded += 1;
        const node = (): unknown => ({ value: 'v', next: node });
        void graphql({
          schema,
          source: query,
          rootValue: { echo: () => 'hello', node, _service: () => ({ sdl: SDL }) },
        }).then((result) => {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify(result));
        });
      });
    });
    await new Promise<void>((resolve) => subgraph.listen(0, '127.0.0.1', resolve));
    const subgraphs = [{ name: 'echo', url: `http://127.0.0.1:${(subgraph.address() as AddressInfo).port}/graphql` }];
    gateway = await startGateway({
      subgraphs,
      port: 0,
      host: '127.0.0.1',
      rateLimit: { perMinute: 6, burst: 3 },
      webSocket: { maxConnectionsPerUser: 2, allowedOrigins: ['https://pamoja.example'] },
    });
    production = await startGateway({ subgraphs, port: 0, host: '127.0.0.1', production: true });
  });

  afterAll(async () => {
    await production.close();
    await gateway.close();
    await new Promise<void>((resolve) =>
      subgraph.close(() => {
        resolve();
      }),
    );
  });

  const token = () => `Bearer ${createHash('sha256').update(randomUUID()).digest('hex')}`;
  const post = (authorization: string, query: string, url = gateway.url) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ query }),
    });

  it.each([
    ['depth', DEEP, /depth limit of 12/i],
    ['aliases', MANY_ALIASES, /aliases limit of 20/i],
    ['tokens', MANY_TOKENS, /token/i],
  ])('refuses a query over the %s limit as over HTTP, and forwards nothing', async (_limit, query, message) => {
    const caller = token();
    const overHttp = (await (await post(caller, query)).json()) as { data?: unknown; errors?: ErrorBody[] };
    expect(overHttp.data ?? null).toBeNull();
    expect(overHttp.errors?.[0]?.message).toMatch(message);

    const before = forwarded;
    const connection = await RawConnection.connect(gateway.url, caller);
    const answer = await connection.operation(query);
    expect(connection.isOpen).toBe(true);
    expect(dataOf(answer) ?? null).toBeNull();
    expect(errorsOf(answer)[0]?.message).toBe(overHttp.errors?.[0]?.message);
    expect(forwarded).toBe(before);
    connection.close();
  });

  it('closes a connection that sends a message over 256 kB (1009), forwarding nothing; HTTP answers 413', async () => {
    const before = forwarded;
    const overHttp = await fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: token() },
      body: JSON.stringify({ query: '{ echo }', variables: { padding: 'x'.repeat(300 * 1024) } }),
    });
    expect(overHttp.status).toBe(413);
    expect(forwarded).toBe(before);
    const connection = await RawConnection.connect(gateway.url, token());
    connection.send({
      type: 'subscribe',
      id: 'huge',
      payload: { query: '{ echo }', variables: { padding: 'x'.repeat(10 * 1024 * 1024) } },
    });
    expect((await connection.closed).code).toBe(1009);
    expect(connection.received.filter((m) => m.id === 'huge')).toEqual([]);
    expect(forwarded).toBe(before);
  });

  it('counts WebSocket operations in the caller’s HTTP rate limit: a flood is refused, nothing forwarded', async () => {
    const caller = token();
    for (let i = 0; i < 3; i += 1) expect((await post(caller, '{ echo }')).status).toBe(200);
    expect((await post(caller, '{ echo }')).status).toBe(429);
    const before = forwarded;
    const connection = await RawConnection.connect(gateway.url, caller);
    const answers = await Promise.all(Array.from({ length: 30 }, () => connection.operation('{ echo }')));
    for (const answer of answers) {
      const extensions = errorsOf(answer)[0]?.extensions;
      expect(extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
      // When the caller may try again: what is left of the 10-second window, in whole seconds (a busy machine may
      // have spent a second of it since the flood began).
      const retryAfter = Number(extensions?.['retryAfterSeconds']);
      expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 10).toBe(true);
    }
    expect(forwarded).toBe(before);
    connection.close();
    // Another caller goes on.
    const other = await RawConnection.connect(gateway.url, token());
    expect(dataOf(await other.operation('{ echo }'))).toEqual({ echo: 'hello' });
    other.close();
  });

  it('caps the connections of one caller (4429)', async () => {
    const caller = token();
    const first = await RawConnection.connect(gateway.url, caller);
    const second = await RawConnection.connect(gateway.url, caller);
    const third = await RawConnection.open(gateway.url);
    if (!(third instanceof RawConnection)) throw new Error('upgrade refused');
    third.send({ type: 'connection_init', payload: { authorization: caller } });
    const closed = await third.closed;
    expect(closed.code).toBe(4429);
    expect(closed.reason).toMatch(/too many connections/i);
    first.close();
    second.close();
  });

  it('refuses the upgrade from a forbidden Origin with 403; its own, a configured one and none are allowed', async () => {
    expect(await RawConnection.open(gateway.url, { origin: 'https://evil.example' })).toEqual({ refused: 403 });
    for (const origin of [undefined, 'https://pamoja.example', new URL(gateway.url).origin]) {
      const connection = await RawConnection.open(gateway.url, origin ? { origin } : {});
      expect(connection).toBeInstanceOf(RawConnection);
      if (connection instanceof RawConnection) connection.close();
    }
    // In production, a developer's localhost page is not allowed either.
    expect(await RawConnection.open(production.url, { origin: 'http://localhost:3000' })).toEqual({ refused: 403 });
  });

  it('in production refuses introspection and hides field suggestions over WebSocket as over HTTP', async () => {
    const introspection = '{ __schema { queryType { name } } }';
    const overHttp = (await (await post(token(), introspection, production.url)).json()) as {
      data?: unknown;
      errors?: ErrorBody[];
    };
    expect(overHttp.data ?? null).toBeNull();
    const connection = await RawConnection.connect(production.url, token());
    const answer = await connection.operation(introspection);
    expect(dataOf(answer) ?? null).toBeNull();
    expect(errorsOf(answer)[0]?.message).toBe(overHttp.errors?.[0]?.message);
    const typo = '{ ecko }';
    const typoOverHttp = (await (await post(token(), typo, production.url)).json()) as { errors?: ErrorBody[] };
    const typoOverWs = errorsOf(await connection.operation(typo));
    expect(typoOverWs[0]?.message).toMatch(/Cannot query field "ecko"/);
    for (const message of [typoOverHttp.errors?.[0]?.message, typoOverWs[0]?.message]) {
      expect(message).not.toMatch(/did you mean/i);
    }
    connection.close();
  });
});
