import { randomBytes, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { WebSocket } from 'ws';
import { GraphqlTestClient, useTestPlatform, type GraphqlErrorBody } from '@pamoja/testing';
import { EmbeddedPlatformModule } from './app.module.js';

/*
 * The limits of the HTTP API hold over WebSocket (graphql-ws) too, tried the way an attacker would: a raw
 * graphql-ws connection, a huge message, a flood by a user already over the HTTP limit, a forbidden Origin,
 * more connections and subscriptions than a user may hold, and production's ban on introspection and field
 * suggestions. Each refusal comes before anything runs and leaves nothing behind.
 */

const PROTOCOL = 'graphql-transport-ws';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Received {
  readonly type: string;
  readonly id?: string;
  readonly payload?: unknown;
}

/** A graphql-ws connection spoken by hand, as a hostile client would: every frame is ours to choose. */
class RawConnection {
  readonly received: Received[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private wake: () => void = () => undefined;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      this.received.push(JSON.parse(data.toString('utf8')) as Received);
      this.wake();
    });
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => {
        resolve({ code, reason: reason.toString('utf8') });
        this.wake();
      });
    });
  }

  /** Opens the socket; resolves with the HTTP status when the upgrade is refused. */
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

  static async connect(url: string, token: string, headers: Record<string, string> = {}): Promise<RawConnection> {
    const connection = await RawConnection.open(url, headers);
    if (!(connection instanceof RawConnection)) throw new Error(`upgrade refused: ${connection.refused}`);
    connection.send({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } });
    const ack = await connection.next((m) => m.type === 'connection_ack');
    if (!ack) throw new Error(`no connection_ack: ${JSON.stringify(await connection.closed)}`);
    return connection;
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Waits for a message that matches, or for the socket to close (undefined). */
  async next(match: (message: Received) => boolean, timeoutMs = 10_000): Promise<Received | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(match);
      if (found) return found;
      if (this.socket.readyState === WebSocket.CLOSED || Date.now() > deadline) return undefined;
      await Promise.race([new Promise<void>((resolve) => (this.wake = resolve)), sleep(100)]);
    }
  }

  /** Sends one operation and returns its first answer: `next` (data or errors) or `error` (refused). */
  async operation(query: string, variables: Record<string, unknown> = {}): Promise<Received | undefined> {
    const id = randomUUID();
    this.send({ type: 'subscribe', id, payload: { query, variables } });
    return this.next((m) => m.id === id && (m.type === 'next' || m.type === 'error'));
  }

  close(): void {
    this.socket.close();
  }
}

/** The errors of an answer over WebSocket: an `error` message's payload, or a `next` message's errors. */
function errorsOf(answer: Received | undefined): GraphqlErrorBody[] {
  if (!answer) throw new Error('no answer');
  if (answer.type === 'error') return answer.payload as GraphqlErrorBody[];
  return (answer.payload as { errors?: GraphqlErrorBody[] }).errors ?? [];
}

function dataOf(answer: Received | undefined): unknown {
  return answer?.type === 'next' ? (answer.payload as { data?: unknown }).data : undefined;
}

const CASE_ID = randomUUID();
const DEEP = `query($id: ID!) { case(id: $id) { site { cases { nodes { jointCase { site { cases { nodes {
  jointCase { site { cases { nodes { jointCase { site { code } } } } } } } } } } } } } } }`;
const MANY_ALIASES = `query($id: ID!) { ${Array.from({ length: 21 }, (_, i) => `a${i}: case(id: $id) { stage }`).join(' ')} }`;
const MANY_TOKENS = `{ ${'__typename '.repeat(4100)} }`;
/** Within the depth and token limits, but hundreds of scalars at depth 11: over the cost limit. */
const COSTLY = `query($id: ID!) { case(id: $id) { site { cases { nodes { jointCase { site { cases { nodes {
  jointCase { site { ${'code '.repeat(880)} } } } } } } } } } } }`;

describe('WebSocket operations pass the same limits as HTTP', () => {
  const platform = useTestPlatform({
    root: (config) => EmbeddedPlatformModule.forRoot(config),
    serviceName: 'pamoja-ws-limits-e2e',
    env: {
      PAMOJA_RATE_LIMIT_PER_MINUTE: '6',
      PAMOJA_RATE_LIMIT_BURST: '5',
      PAMOJA_WS_MAX_CONNECTIONS_PER_USER: '2',
      PAMOJA_WS_MAX_SUBSCRIPTIONS_PER_USER: '2',
      PAMOJA_WS_ALLOWED_ORIGINS: 'https://pamoja.example',
    },
  });
  const production = useTestPlatform({
    root: (config) => EmbeddedPlatformModule.forRoot(config),
    serviceName: 'pamoja-ws-production-e2e',
    env: {
      NODE_ENV: 'production',
      // Never asked: introspection and validation are refused before any token is verified.
      PAMOJA_JWKS_URL: 'http://127.0.0.1:9/jwks.json',
      PAMOJA_JWT_ISSUER: 'https://id.pamoja.example',
      PAMOJA_MASTER_KEY: randomBytes(32).toString('base64'),
    },
  });
  let url: string;

  const tokenOf = (userId: string, agencyType: 'police' | 'first_responder' = 'police') =>
    platform.tokenFor({
      userId,
      agencyId: agencyType === 'police' ? 'pnc-masisi' : 'ngo-kivu-hope',
      agencyType,
      roles: [agencyType === 'police' ? 'investigator' : 'field_worker'],
    });

  beforeAll(() => {
    url = platform.graphqlUrl;
  });

  it.each([
    ['depth', DEEP, /depth limit of 12/i],
    ['aliases', MANY_ALIASES, /aliases limit of 20/i],
    ['cost', COSTLY, /cost limit of 50000/i],
    ['tokens', MANY_TOKENS, /more that 4000 tokens/i],
  ])('refuses a query over the %s limit as HTTP does, before it runs', async (limit, query, message) => {
    const token = await tokenOf(`opj-${limit}`);
    const overHttp = await new GraphqlTestClient(url).as(token).request(query, { id: CASE_ID });
    expect(overHttp.data ?? null).toBeNull();
    expect(overHttp.errors?.[0]?.message).toMatch(message);

    const connection = await RawConnection.connect(url, token);
    const answer = await connection.operation(query, { id: CASE_ID });
    expect(dataOf(answer) ?? null).toBeNull();
    const errors = errorsOf(answer);
    expect(errors[0]?.message).toMatch(message);
    // The same refusal, in the same format, whichever the transport.
    expect({ message: errors[0]?.message, code: errors[0]?.extensions?.code }).toEqual({
      message: overHttp.errors?.[0]?.message,
      code: overHttp.errors?.[0]?.extensions?.code,
    });
    expect(JSON.stringify(errors)).not.toMatch(/stack|at \w+ \(/);
    connection.close();
  });

  it('closes a connection that sends a message over 256 kB (1009) and runs nothing of it', async () => {
    const token = await tokenOf('ngo-huge', 'first_responder');
    const overHttp = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: `{ __typename }`, variables: { padding: 'x'.repeat(300 * 1024) } }),
    });
    expect(overHttp.status).toBe(413);

    const connection = await RawConnection.connect(url, token);
    const commandId = randomUUID();
    connection.send({
      type: 'subscribe',
      id: 'huge',
      payload: {
        query: `mutation($input: SubmitReferralInput!) { submitReferral(input: $input) { referralId } }`,
        variables: {
          input: {
            commandId,
            subject: { isChild: true },
            site: { code: 'NK-MAS-014' },
            indicators: ['DEBT_BONDAGE'],
            urgency: 'URGENT',
            toAgencyId: 'pnc-masisi',
            toAgencyType: 'POLICE',
            dueBy: new Date(Date.now() + 24 * 3600e3).toISOString(),
            summary: 'x'.repeat(10 * 1024 * 1024),
          },
        },
      },
    });
    const closed = await connection.closed;
    expect(closed.code).toBe(1009);
    expect(connection.received.filter((m) => m.id === 'huge')).toEqual([]);
    // Nothing was written: the agency's outgoing referrals are still empty.
    const outgoing = await new GraphqlTestClient(url)
      .as(await tokenOf('ngo-colleague', 'first_responder'))
      .ok<{ outgoingReferrals: { nodes: unknown[] } }>('{ outgoingReferrals { nodes { referralId } } }');
    expect(outgoing.outgoingReferrals.nodes).toEqual([]);
  });

  it('counts WebSocket operations in the same per-user limit as HTTP: a flood is refused with RATE_LIMITED', async () => {
    const token = await tokenOf('opj-flood');
    const http = new GraphqlTestClient(url).as(token);
    const query = '{ incomingReferrals { nodes { referralId } } }';
    for (let i = 0; i < 5; i += 1) expect((await http.request(query)).errors).toBeUndefined();
    expect((await http.request(query)).status).toBe(429);

    // Already over the limit over HTTP: nothing more over WebSocket either.
    const connection = await RawConnection.connect(url, token);
    const answers = await Promise.all(Array.from({ length: 50 }, () => connection.operation(query)));
    const answered = answers.filter((a) => dataOf(a) !== undefined && dataOf(a) !== null);
    expect(answered).toHaveLength(0);
    for (const answer of answers) {
      // Retry-After counts down from the 10 s a token takes to come back, as time passes on a slow machine.
      expect(errorsOf(answer)[0]?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
      expect(errorsOf(answer)[0]?.extensions?.['retryAfterSeconds']).toBeGreaterThanOrEqual(1);
      expect(errorsOf(answer)[0]?.extensions?.['retryAfterSeconds']).toBeLessThanOrEqual(10);
    }
    connection.close();

    // A fresh user gets the burst and no more, whichever the transport.
    const fresh = await tokenOf('opj-flood-ws');
    const wsFirst = await RawConnection.connect(url, fresh);
    const flood = await Promise.all(Array.from({ length: 20 }, () => wsFirst.operation(query)));
    expect(flood.filter((a) => errorsOf(a).length === 0)).toHaveLength(5);
    expect((await new GraphqlTestClient(url).as(fresh).request(query)).status).toBe(429);
    wsFirst.close();
  });

  it('refuses a mutation over the limit before it runs: nothing is written', async () => {
    const token = await tokenOf('ngo-flood', 'first_responder');
    const connection = await RawConnection.connect(url, token);
    for (let i = 0; i < 5; i += 1) await connection.operation('{ __typename }');
    const answer = await connection.operation(
      `mutation($input: SubmitReferralInput!) { submitReferral(input: $input) { referralId } }`,
      {
        input: {
          commandId: randomUUID(),
          subject: { isChild: true },
          site: { code: 'NK-MAS-014' },
          indicators: ['DEBT_BONDAGE'],
          urgency: 'URGENT',
          toAgencyId: 'pnc-masisi',
          toAgencyType: 'POLICE',
          dueBy: new Date(Date.now() + 24 * 3600e3).toISOString(),
          summary: 'A digger asks for help.',
        },
      },
    );
    expect(errorsOf(answer)[0]?.extensions?.code).toBe('RATE_LIMITED');
    const outgoing = await new GraphqlTestClient(url)
      .as(await tokenOf('ngo-colleague-2', 'first_responder'))
      .ok<{ outgoingReferrals: { nodes: unknown[] } }>('{ outgoingReferrals { nodes { referralId } } }');
    expect(outgoing.outgoingReferrals.nodes).toEqual([]);
    connection.close();
  });

  it('caps the connections of one user (4429), and frees a place when one closes', async () => {
    const token = await tokenOf('opj-connections');
    const first = await RawConnection.connect(url, token);
    const second = await RawConnection.connect(url, token);
    const third = await RawConnection.open(url);
    if (!(third instanceof RawConnection)) throw new Error('upgrade refused');
    third.send({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } });
    const closed = await third.closed;
    expect(closed.code).toBe(4429);
    expect(closed.reason).toMatch(/too many connections/i);
    expect(third.received.find((m) => m.type === 'connection_ack')).toBeUndefined();
    // Another user is not affected.
    const other = await RawConnection.connect(url, await tokenOf('opj-connections-other'));
    other.close();
    first.close();
    await first.closed;
    await sleep(100);
    const again = await RawConnection.connect(url, token);
    expect(again.isOpen).toBe(true);
    again.close();
    second.close();
  });

  it('caps the subscriptions of one user across connections: the next is refused with RATE_LIMITED', async () => {
    const token = await tokenOf('opj-subscriptions');
    const subscription = 'subscription { referralReceived { referralId } }';
    const first = await RawConnection.connect(url, token);
    const second = await RawConnection.connect(url, token);
    first.send({ type: 'subscribe', id: 's1', payload: { query: subscription } });
    second.send({ type: 'subscribe', id: 's2', payload: { query: subscription } });
    await sleep(300);
    const refused = await second.operation(subscription);
    expect(errorsOf(refused)[0]?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      reason: 'subscriptions_per_user',
    });
    expect(second.isOpen).toBe(true);
    // Completing one frees its place.
    first.send({ type: 'complete', id: 's1' });
    await sleep(300);
    second.send({ type: 'subscribe', id: 's3', payload: { query: subscription } });
    await sleep(300);
    expect(second.received.find((m) => m.id === 's3' && m.type === 'error')).toBeUndefined();
    first.close();
    second.close();
  });

  it('refuses the upgrade from a forbidden Origin with 403, and allows its own, the configured and none', async () => {
    expect(await RawConnection.open(url, { origin: 'https://evil.example' })).toEqual({ refused: 403 });
    expect(await RawConnection.open(url, { origin: 'null' })).toEqual({ refused: 403 });
    for (const origin of [undefined, 'https://pamoja.example', new URL(url).origin]) {
      const connection = await RawConnection.open(url, origin ? { origin } : {});
      expect(connection).toBeInstanceOf(RawConnection);
      if (connection instanceof RawConnection) connection.close();
    }
  });

  it('in production refuses introspection and hides field suggestions over WebSocket as over HTTP', async () => {
    const productionUrl = production.graphqlUrl;
    const introspection = '{ __schema { queryType { name } } }';
    const typo = '{ incomingReferal { nodes { referralId } } }';
    const overHttp = await new GraphqlTestClient(productionUrl).request(introspection);
    expect(overHttp.data ?? null).toBeNull();
    expect(overHttp.errors?.[0]?.message).toMatch(/introspection/i);
    const typoOverHttp = await new GraphqlTestClient(productionUrl).request(typo);
    expect(typoOverHttp.errors?.[0]?.message).not.toMatch(/did you mean/i);

    const connection = await RawConnection.open(productionUrl);
    if (!(connection instanceof RawConnection)) throw new Error('upgrade refused');
    connection.send({ type: 'connection_init', payload: {} });
    expect(await connection.next((m) => m.type === 'connection_ack')).toBeDefined();
    const answer = await connection.operation(introspection);
    expect(dataOf(answer) ?? null).toBeNull();
    expect(errorsOf(answer)[0]?.message).toMatch(/introspection/i);
    const typoAnswer = errorsOf(await connection.operation(typo));
    expect(typoAnswer[0]?.message).toMatch(/Cannot query field "incomingReferal"/);
    expect(typoAnswer[0]?.message).not.toMatch(/did you mean/i);
    expect(typoAnswer.map((e) => e.message)).toEqual((typoOverHttp.errors ?? []).map((e) => e.message));
    connection.close();
  });
});
