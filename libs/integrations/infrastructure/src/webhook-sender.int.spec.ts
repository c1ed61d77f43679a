import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { sendWebhook, TargetGuard, type WebhookRequest } from './webhook-sender.js';

/*
 * The sender against real HTTP servers on loopback, no mock: what reaches a receiver, and what never leaves the
 * platform (private, loopback and link-local targets, redirects).
 */

interface Received {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** A receiver on 127.0.0.1 that records every request and answers as `answer` says. */
class Receiver {
  readonly received: Received[] = [];
  answer: (res: ServerResponse) => void = (res) => {
    res.writeHead(200).end();
  };
  private readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      this.received.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      });
      this.answer(res);
    });
  });

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  url(path = '/hook'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  start(): Promise<void> {
    return new Promise((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => {
      this.server.close(() => {
        resolve();
      });
    });
  }
}

const LOOPBACK_ALLOWED = new TargetGuard(['127.0.0.1/32']);
const NOTHING_ALLOWED = new TargetGuard([]);
const REFUSED = /is private, loopback, link-local or reserved, and not allowed/;

const BODY = JSON.stringify({
  specversion: '1.0',
  id: '5f0c2a7e-9b1d-4c3e-8f2a-1b3c4d5e6f70',
  type: 'pamoja.sites.MineSiteStatusChanged.v1',
  data: { siteCode: 'SK-FIZ-001', to: 'red', note: 'Kalimbi – colline ⛏' },
});
const HEADERS = {
  'webhook-id': 'a1c7f0e2-3b4d-5e6f-8a9b-0c1d2e3f4a5b',
  'webhook-timestamp': '1793610000',
  'webhook-signature':
    'v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4= v1,x9Z5aUq0eBS3Tn2p6p1dfwDZTNwlwGfoy2Sz7KxUKvQ=',
};
const request = (url: string, more: Partial<WebhookRequest> = {}): WebhookRequest => ({
  url,
  body: BODY,
  headers: HEADERS,
  timeoutMs: 5_000,
  ...more,
});

describe('sendWebhook against a real receiver on loopback', () => {
  const receiver = new Receiver();
  const elsewhere = new Receiver();

  beforeAll(async () => {
    await receiver.start();
    await elsewhere.start();
  });
  afterAll(async () => {
    await receiver.stop();
    await elsewhere.stop();
  });
  beforeEach(() => {
    receiver.received.length = 0;
    elsewhere.received.length = 0;
    receiver.answer = (res) => {
      res.writeHead(200).end();
    };
  });

  it('delivers the body and headers as sent, as a structured CloudEvent, when loopback is allowed', async () => {
    const response = await sendWebhook(LOOPBACK_ALLOWED, request(receiver.url('/in/pamoja?source=kivu')));
    expect(response).toEqual({ kind: 'answered', status: 200, retryAfter: null });
    expect(receiver.received).toHaveLength(1);
    const [got] = receiver.received;
    expect(got?.method).toBe('POST');
    expect(got?.path).toBe('/in/pamoja?source=kivu');
    expect(got?.body.toString('utf8')).toBe(BODY);
    expect(got?.headers).toMatchObject({
      ...HEADERS,
      'content-type': 'application/cloudevents+json; charset=utf-8',
      'content-length': String(Buffer.byteLength(BODY, 'utf8')),
      'user-agent': 'Pamoja-Webhooks/1.0',
    });
  });

  it('does not let a caller’s header replace the content type', async () => {
    await sendWebhook(
      LOOPBACK_ALLOWED,
      request(receiver.url(), { headers: { ...HEADERS, 'content-type': 'text/plain' } }),
    );
    expect(receiver.received[0]?.headers['content-type']).toBe('application/cloudevents+json; charset=utf-8');
  });

  it('gives back the status and Retry-After the receiver answered', async () => {
    receiver.answer = (res) => res.writeHead(503, { 'retry-after': '120' }).end('busy');
    expect(await sendWebhook(LOOPBACK_ALLOWED, request(receiver.url()))).toEqual({
      kind: 'answered',
      status: 503,
      retryAfter: '120',
    });
  });

  it.each([
    ['the IP literal 127.0.0.1', (port: number) => `http://127.0.0.1:${port}/hook`],
    ['the host name localhost', (port: number) => `http://localhost:${port}/hook`],
    ['the IPv6 loopback [::1]', (port: number) => `http://[::1]:${port}/hook`],
    ['an IPv4-mapped loopback', (port: number) => `http://[::ffff:127.0.0.1]:${port}/hook`],
  ])('refuses %s without an allowance, and nothing reaches the receiver', async (_label, url) => {
    const response = await sendWebhook(NOTHING_ALLOWED, request(url(receiver.port)));
    expect(response.kind).toBe('no_answer');
    expect(response.kind === 'no_answer' && response.error).toMatch(REFUSED);
    expect(receiver.received).toHaveLength(0);
  });

  it('delivers to a host name whose every address is allowed, connecting to the address it checked', async () => {
    // A receiver of its own: the connection kept alive to it is not one another test's guard would reuse.
    const named = new Receiver();
    await named.start();
    try {
      const response = await sendWebhook(LOOPBACK_ALLOWED, request(`http://localhost:${named.port}/by-name`));
      expect(response).toEqual({ kind: 'answered', status: 200, retryAfter: null });
      expect(named.received.map((r) => r.path)).toEqual(['/by-name']);
    } finally {
      await named.stop();
    }
  });

  it('refuses a host name whose addresses are not all allowed', async () => {
    // localhost resolves to loopback; an allowance of another range does not cover it.
    const guard = new TargetGuard(['10.0.0.0/8']);
    const response = await sendWebhook(guard, request(`http://localhost:${receiver.port}/hook`));
    expect(response.kind === 'no_answer' && response.error).toMatch(REFUSED);
    expect(receiver.received).toHaveLength(0);
  });

  it('does not follow a redirect: the answer is the 302, and its target receives nothing', async () => {
    receiver.answer = (res) => res.writeHead(302, { location: elsewhere.url('/stolen') }).end();
    const response = await sendWebhook(LOOPBACK_ALLOWED, request(receiver.url()));
    expect(response).toEqual({ kind: 'answered', status: 302, retryAfter: null });
    expect(receiver.received).toHaveLength(1);
    expect(elsewhere.received).toHaveLength(0);
  });

  it('gives up on a receiver that never answers, as no answer', async () => {
    receiver.answer = () => undefined; // holds the request open
    const response = await sendWebhook(LOOPBACK_ALLOWED, request(receiver.url(), { timeoutMs: 300 }));
    expect(response).toEqual({ kind: 'no_answer', error: 'no answer within 300 ms' });
    expect(receiver.received).toHaveLength(1);
  });

  it('reports a port nobody listens on as no answer', async () => {
    const closed = new Receiver();
    await closed.start();
    const url = closed.url();
    await closed.stop();
    const response = await sendWebhook(LOOPBACK_ALLOWED, request(url));
    expect(response.kind).toBe('no_answer');
    expect(response.kind === 'no_answer' && response.error).toMatch(/ECONNREFUSED/);
  });

  it('reports a URL it cannot read as no answer, without sending', async () => {
    expect(await sendWebhook(LOOPBACK_ALLOWED, request('not a url'))).toEqual({
      kind: 'no_answer',
      error: 'the endpoint URL is not valid',
    });
  });
});

describe('TargetGuard', () => {
  it.each([
    ['10.0.0.1', 'private (RFC 1918)'],
    ['172.16.0.1', 'private (RFC 1918)'],
    ['192.168.1.1', 'private (RFC 1918)'],
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::1', 'IPv6 loopback'],
    ['::', 'IPv6 unspecified'],
    ['fe80::1', 'IPv6 link-local'],
    ['fc00::1', 'IPv6 unique-local'],
    ['fd12:3456::1', 'IPv6 unique-local'],
    ['ff02::1', 'IPv6 multicast'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:169.254.169.254', 'IPv4-mapped link-local'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['2001:db8::1', 'IPv6 documentation (reserved)'],
  ])('refuses %s (%s)', (address) => {
    expect(NOTHING_ALLOWED.allows(address)).toBe(false);
  });

  it.each(['8.8.8.8', '1.1.1.1', '2001:4860:4860::8888', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'allows the public address %s',
    (address) => {
      expect(NOTHING_ALLOWED.allows(address)).toBe(true);
    },
  );

  it('allows exactly what an operator allowed, by range or single address', () => {
    expect(LOOPBACK_ALLOWED.allows('127.0.0.1')).toBe(true);
    expect(LOOPBACK_ALLOWED.allows('::ffff:127.0.0.1')).toBe(true);
    expect(LOOPBACK_ALLOWED.allows('127.0.0.2')).toBe(false);
    expect(LOOPBACK_ALLOWED.allows('::1')).toBe(false);
    expect(LOOPBACK_ALLOWED.allows('10.0.0.1')).toBe(false);
    const network = new TargetGuard(['10.20.0.0/16', 'fd00::5']);
    expect(network.allows('10.20.3.4')).toBe(true);
    expect(network.allows('10.21.0.1')).toBe(false);
    expect(network.allows('fd00::5')).toBe(true);
    expect(network.allows('fd00::6')).toBe(false);
  });
});
