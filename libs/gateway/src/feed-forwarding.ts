import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { request as requestTls } from 'node:https';

/** The paths of the site feed (docs/site-feed.md), served by the sites service. */
export const FEED_PREFIX = '/feeds/';

/** What a reader sends that the sites service needs: its token, its cached version, its correlation id. */
const FORWARDED_REQUEST_HEADERS = ['authorization', 'accept', 'if-none-match', 'x-correlation-id'] as const;
/** What the sites service answers that the reader needs. */
const FORWARDED_RESPONSE_HEADERS = [
  'content-type',
  'content-disposition',
  'etag',
  'cache-control',
  'vary',
  'www-authenticate',
  'x-content-type-options',
] as const;

/** How long the gateway waits for the sites service before answering 504. */
const UPSTREAM_TIMEOUT_MS = 15_000;

/** A handler that answers the request (true) or leaves it to the next one (false). */
export type FeedForwarder = (req: IncomingMessage, res: ServerResponse) => boolean;

function refuse(res: ServerResponse, status: number, reason: string, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ error: { code: status === 405 ? 'METHOD_NOT_ALLOWED' : 'BAD_GATEWAY', reason, message } }));
}

/**
 * The gateway answers the site feed's paths at its own origin, as the embedded app does, by forwarding them
 * to the sites service (the origin of its subgraph URL) with the reader's token: the service verifies it and
 * decides, the gateway reads nothing. Undefined when no `sites` subgraph is configured.
 */
export function feedForwarder(sitesGraphqlUrl: string | undefined): FeedForwarder | undefined {
  if (sitesGraphqlUrl === undefined) return undefined;
  const upstream = new URL(sitesGraphqlUrl);
  const send = upstream.protocol === 'https:' ? requestTls : request;
  return (req, res) => {
    const path = req.url ?? '/';
    if (!path.startsWith(FEED_PREFIX)) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      refuse(res, 405, 'method_not_allowed', 'The site feed is read with GET');
      return true;
    }
    const headers: Record<string, string> = {};
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const forwarded = send(
      new URL(path, upstream.origin),
      { method: req.method, headers, timeout: UPSTREAM_TIMEOUT_MS },
      (answer) => {
        const out: Record<string, string> = {};
        for (const name of FORWARDED_RESPONSE_HEADERS) {
          const value = answer.headers[name];
          if (typeof value === 'string') out[name] = value;
        }
        res.writeHead(answer.statusCode ?? 502, out);
        answer.pipe(res);
      },
    );
    forwarded.on('timeout', () => {
      forwarded.destroy(new Error('timeout'));
    });
    forwarded.on('error', (error) => {
      const timedOut = error.message === 'timeout';
      refuse(
        res,
        timedOut ? 504 : 502,
        'sites_service_unreachable',
        timedOut ? 'The sites service did not answer in time' : 'The sites service cannot be reached',
      );
    });
    forwarded.end();
    return true;
  };
}
