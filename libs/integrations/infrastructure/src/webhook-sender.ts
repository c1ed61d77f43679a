import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { context, propagation, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE } from '@opentelemetry/semantic-conventions';
import { inSpan, traceContextOf } from '@pamoja/event-store';

/** Why a target address is refused: a request forgery guard, never a network fault. */
export class RefusedTargetError extends Error {
  constructor(readonly address: string) {
    super(`target address ${address} is private, loopback, link-local or reserved, and not allowed`);
    this.name = 'RefusedTargetError';
  }
}

/**
 * Which addresses a webhook may be sent to (server-side request forgery guard). Only public unicast
 * addresses, unless the operator allowed a range (`PAMOJA_WEBHOOK_ALLOWED_TARGETS`): private networks
 * (RFC 1918, unique-local), loopback, link-local (where cloud metadata services answer), carrier-grade NAT,
 * multicast, broadcast, unspecified and reserved ranges are refused, in IPv4 and IPv6 alike, IPv4-mapped
 * IPv6 addresses as the IPv4 address they carry. The ranges are ipaddr.js's, from the IANA special-purpose
 * registries.
 */
export class TargetGuard {
  private readonly allowed: readonly [ipaddr.IPv4 | ipaddr.IPv6, number][];

  constructor(allowedTargets: readonly string[]) {
    this.allowed = allowedTargets.map((target) =>
      target.includes('/') ? ipaddr.parseCIDR(target) : cidrOfAddress(ipaddr.parse(target)),
    );
  }

  allows(address: string): boolean {
    let parsed = ipaddr.parse(address);
    if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
      parsed = (parsed as ipaddr.IPv6).toIPv4Address();
    }
    if (this.allowed.some(([range, bits]) => range.kind() === parsed.kind() && parsed.match(range, bits))) {
      return true;
    }
    return parsed.range() === 'unicast';
  }

  /** Resolves a host name and refuses it if any of its addresses is refused (no mixing public and private). */
  readonly lookup: LookupFunction = (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) {
        callback(error, '', 0);
        return;
      }
      const refused = addresses.find((a) => !this.allows(a.address));
      if (refused) {
        callback(new RefusedTargetError(refused.address), '', 0);
        return;
      }
      if (options.all) {
        // Node asks for every address when it races them (happy eyeballs).
        (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, addresses);
        return;
      }
      const [first] = addresses;
      if (!first) {
        callback(new Error(`no address for ${hostname}`), '', 0);
        return;
      }
      callback(null, first.address, first.family);
    });
  };
}

function cidrOfAddress(address: ipaddr.IPv4 | ipaddr.IPv6): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  return [address, address.kind() === 'ipv4' ? 32 : 128];
}

export interface WebhookRequest {
  readonly url: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  /**
   * The trace of the event delivered (its `traceparent`, as the CloudEvent in the body carries it): the
   * delivery's span continues it. Without it, the delivery continues the active trace, if any.
   */
  readonly traceparent?: string | null;
  readonly tracestate?: string | null;
}

export type WebhookResponse =
  | { readonly kind: 'answered'; readonly status: number; readonly retryAfter: string | null }
  | { readonly kind: 'no_answer'; readonly error: string };

/**
 * POSTs one webhook. The host is resolved once and checked by the guard, and the connection goes to the
 * address that was checked (no second resolution a DNS rebinding could change). Redirects are not followed
 * (a 3xx is a failed delivery), the answer's body is read and dropped, and the whole exchange has a timeout.
 */
export function sendWebhook(guard: TargetGuard, request: WebhookRequest): Promise<WebhookResponse> {
  // A client span per delivery; the receiver gets its `traceparent` (ADR 0029).
  return inSpan(
    'webhook deliver',
    { [ATTR_HTTP_REQUEST_METHOD]: 'POST' },
    async (span) => {
      const answer = await deliver(guard, request, traceHeaders());
      if (answer.kind === 'answered') span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, answer.status);
      else span.setStatus({ code: SpanStatusCode.ERROR, message: answer.error });
      return answer;
    },
    { kind: SpanKind.CLIENT, parent: traceContextOf(request) ?? context.active() },
  );
}

/**
 * The trace of the event a webhook delivers, as its CloudEvent (the body, structured mode) carries it in the
 * Distributed Tracing extension: none when the event was not traced or the body is not a CloudEvent.
 */
export function traceOfCloudEvent(body: string): { traceparent?: string; tracestate?: string } {
  let event: unknown;
  try {
    event = JSON.parse(body);
  } catch {
    return {};
  }
  if (typeof event !== 'object' || event === null) return {};
  const { traceparent, tracestate } = event as { traceparent?: unknown; tracestate?: unknown };
  if (typeof traceparent !== 'string') return {};
  return typeof tracestate === 'string' ? { traceparent, tracestate } : { traceparent };
}

/** The W3C trace-context headers of the active span (none when nothing is traced). */
function traceHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  propagation.inject(context.active(), headers);
  return headers;
}

function deliver(
  guard: TargetGuard,
  request: WebhookRequest,
  trace: Readonly<Record<string, string>>,
): Promise<WebhookResponse> {
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      resolve({ kind: 'no_answer', error: 'the endpoint URL is not valid' });
      return;
    }
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    if (isIP(host) !== 0 && !guard.allows(host)) {
      resolve({ kind: 'no_answer', error: new RefusedTargetError(host).message });
      return;
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const body = Buffer.from(request.body, 'utf8');
    const req = send(
      url,
      {
        method: 'POST',
        lookup: guard.lookup,
        headers: {
          ...request.headers,
          ...trace,
          // CloudEvents HTTP binding, structured mode: the whole event is the body.
          'content-type': 'application/cloudevents+json; charset=utf-8',
          'content-length': String(body.length),
          'user-agent': 'Pamoja-Webhooks/1.0',
        },
        timeout: request.timeoutMs,
      },
      (res: IncomingMessage) => {
        const retryAfter = res.headers['retry-after'];
        res.resume();
        res.on('end', () => {
          resolve({ kind: 'answered', status: res.statusCode ?? 0, retryAfter: retryAfter ?? null });
        });
        res.on('error', (error) => {
          resolve({ kind: 'no_answer', error: error.message });
        });
      },
    );
    const timer = setTimeout(
      () => req.destroy(new Error(`no answer within ${request.timeoutMs} ms`)),
      request.timeoutMs,
    );
    req.on('close', () => {
      clearTimeout(timer);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${request.timeoutMs} ms`)));
    req.on('error', (error) => {
      resolve({ kind: 'no_answer', error: error.message });
    });
    req.end(body);
  });
}
