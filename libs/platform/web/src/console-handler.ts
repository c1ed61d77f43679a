import { existsSync } from 'node:fs';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

/** A plain Node request handler; `next` is called when the request is not this handler's. */
export type NodeHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * Paths that belong to the API, never to the console, even when no such route exists. `/auth/callback`, where
 * an identity provider sends the person back, is the console's page.
 */
const API_PREFIXES = ['/graphql', '/health', '/ready', '/auth/config', '/auth/dev-token', '/metrics', '/feeds'];

export interface ConsoleOptions {
  /** Origins the page may fetch from besides its own (the identity provider's, for discovery and tokens). */
  readonly connectSources?: readonly string[];
}

/**
 * Where the built console is: PAMOJA_CONSOLE_DIR, else `dist/console` of the checkout this code runs
 * from. Undefined when it was not built (the API still runs; `/` then says how to build it).
 */
export function findConsoleDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env['PAMOJA_CONSOLE_DIR'];
  if (configured) return existsSync(join(configured, 'index.html')) ? resolve(configured) : undefined;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'dist', 'console');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

/**
 * Serves the console on the API's own origin: hashed assets for a year, the page itself never from a
 * stale cache, and every other browser path answered with the page (the console routes on the client).
 * API paths are passed on untouched.
 */
export function consoleHandler(dir: string | undefined, options: ConsoleOptions = {}): NodeHandler {
  const connect = ["'self'", 'ws:', 'wss:', ...(options.connectSources ?? [])].join(' ');
  const policy =
    `default-src 'self'; connect-src ${connect}; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; ` +
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
  if (!dir) {
    return (req, res, next) => {
      if (!isPageRequest(req)) {
        next();
        return;
      }
      res.statusCode = 404;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end('The console is not built: run `npm run build`, then reload.\n');
    };
  }
  const files = sirv(dir, {
    single: true,
    etag: true,
    // The build writes each asset's .br and .gz beside it: a slow link gets a quarter of the bytes.
    gzip: true,
    brotli: true,
    setHeaders: (res, pathname) => {
      res.setHeader('x-content-type-options', 'nosniff');
      if (pathname.startsWith('/assets/')) {
        res.setHeader('cache-control', 'public, max-age=31536000, immutable');
        return;
      }
      // The page (any deep link is answered with it) and the few unhashed files: always revalidated.
      res.setHeader('cache-control', 'no-cache');
      res.setHeader('referrer-policy', 'no-referrer');
      res.setHeader('x-frame-options', 'DENY');
      res.setHeader('content-security-policy', policy);
    },
  });
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      next();
      return;
    }
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (API_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) {
      next();
      return;
    }
    files(req, res, next);
  };
}

function isPageRequest(req: IncomingMessage): boolean {
  if (req.method !== 'GET') return false;
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  if (API_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) return false;
  return (req.headers.accept ?? '').includes('text/html');
}
