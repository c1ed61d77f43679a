/**
 * The console's budgets, measured: the JavaScript a first visit loads, gzipped, against 200 kB; and the time until
 * the police's home queue is usable on an emulated slow 3G link (400 kbps down and up, 400 ms round trip), cold
 * and warm, against 3 s and against the raw limit of the link for the bytes that load actually moved.
 *
 *   npm run bench:console
 *   BENCH_RUNS=5                 cold and warm loads each (a cold load, then a warm one, in a new context)
 *   BENCH_REFERRALS=5            referrals put in the police's queue first
 *   BENCH_KBPS=400               the link's rate, down and up (kilobits per second, 1 kbit = 1000 bits)
 *   BENCH_RTT_MS=400             its round trip (Chromium adds it to every request)
 *   BENCH_READY_SELECTOR=...     what "usable" waits for (default: the first row of the incoming referrals
 *                                table, or the page's `main h1` when the console has no such table yet)
 *   BENCH_CHROMIUM=/usr/bin/chromium
 *   BENCH_STRICT=1               exit 1 when a target is missed
 *
 * Reads the console as built in dist/console (the script builds first) and runs the platform as `npm start`
 * does (`node dist/apps/platform/src/main.js`) on a free port and a temporary data directory, removed at the end.
 * Writes its section of docs/benchmarks.md (see bench-report.ts). Not part of `npm test` or CI.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { newId } from '@pamoja/contracts';
import { startBuiltPlatform, type BuiltPlatform } from '../readme/built-platform.js';
import {
  formatRatio,
  machineRows,
  renderConsoleReport,
  workspaceRoot,
  writeReportSection,
  type BenchReport,
  type Table,
  type Target,
} from './bench-report.js';

const RUNS = Math.max(1, Number(process.env['BENCH_RUNS'] ?? '5'));
const REFERRALS = Math.max(1, Number(process.env['BENCH_REFERRALS'] ?? '5'));
const KBPS = Number(process.env['BENCH_KBPS'] ?? '400');
const RTT_MS = Number(process.env['BENCH_RTT_MS'] ?? '400');
const CHROMIUM = process.env['BENCH_CHROMIUM'] ?? '/usr/bin/chromium';
/** Bytes per second of the emulated link, each way. */
const BYTES_PER_SECOND = (KBPS * 1000) / 8;
const JS_BUDGET_BYTES = 200_000;
const USABLE_BUDGET_MS = 3000;
const QUEUE_ROW = 'section[aria-labelledby="queue-incoming-referrals"] table tbody tr';
const FALLBACK_READY = 'main h1';
const SESSION_KEY = 'pamoja.session';
const POLICE = { agencyId: 'pnc-pmh-masisi', agencyType: 'police', roles: ['investigator'] };
const NGO = { agencyId: 'ngo-kivu-hope', agencyType: 'first_responder', roles: ['field_worker'] };
const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// ---------------------------------------------------------------------------------------------------------------
// The initial JavaScript
// ---------------------------------------------------------------------------------------------------------------

type AssetKind = 'entry script' | 'modulepreload' | 'static import' | 'stylesheet';

interface Asset {
  /** As the page asks for it, e.g. `/assets/index-abc.js`. */
  readonly path: string;
  readonly kind: AssetKind;
  readonly bytes: number;
  readonly gzipBytes: number;
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

/** The modules a built chunk imports statically (`import … from "./x.js"`, `import "./x.js"`, `export … from`). */
function staticImportsOf(code: string): string[] {
  const found = new Set<string>();
  const patterns = [
    /(?:^|[;}\s])import\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+)["']/g,
    /(?:^|[;}\s])export\s*(?:\*(?:\s*as\s+[\w$]+)?|\{[^}]*\})\s*from\s*["']([^"']+)["']/g,
  ];
  for (const pattern of patterns) {
    for (const match of code.matchAll(pattern)) if (match[1]) found.add(match[1]);
  }
  return [...found];
}

/** What index.html loads at start: its module scripts, modulepreloads and what they import statically; its CSS. */
async function initialAssets(
  consoleDir: string,
): Promise<{ assets: Asset[]; lazyJs: { count: number; gzipBytes: number } }> {
  const html = await readFile(path.join(consoleDir, 'index.html'), 'utf8');
  const fileOf = (urlPath: string) => path.join(consoleDir, urlPath.replace(/^\//, ''));
  const assets: Asset[] = [];
  const seen = new Set<string>();
  const add = async (urlPath: string, kind: AssetKind): Promise<void> => {
    const clean = urlPath.split(/[?#]/)[0] ?? urlPath;
    if (seen.has(clean)) return;
    seen.add(clean);
    const content = await readFile(fileOf(clean));
    assets.push({ path: clean, kind, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length });
    if (kind === 'stylesheet') return;
    for (const specifier of staticImportsOf(content.toString('utf8'))) {
      if (!specifier.startsWith('./') && !specifier.startsWith('../') && !specifier.startsWith('/')) continue;
      const resolved = new URL(specifier, `http://console${clean}`).pathname;
      await add(resolved, 'static import');
    }
  };
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    const src = attribute(tag, 'src');
    if (src && attribute(tag, 'type') === 'module') await add(src, 'entry script');
  }
  for (const tag of html.match(/<link\b[^>]*>/gi) ?? []) {
    const rel = attribute(tag, 'rel')?.toLowerCase();
    const href = attribute(tag, 'href');
    if (!href || href.startsWith('data:')) continue;
    if (rel === 'modulepreload') await add(href, 'modulepreload');
    else if (rel === 'stylesheet') await add(href, 'stylesheet');
  }
  let count = 0;
  let gzipBytes = 0;
  for (const name of await readdir(path.join(consoleDir, 'assets'))) {
    if (!name.endsWith('.js') || seen.has(`/assets/${name}`)) continue;
    count++;
    gzipBytes += gzipSync(await readFile(path.join(consoleDir, 'assets', name)), { level: 9 }).length;
  }
  return { assets, lazyJs: { count, gzipBytes } };
}

// ---------------------------------------------------------------------------------------------------------------
// The platform, its data and the police's session
// ---------------------------------------------------------------------------------------------------------------

async function devToken(platform: BuiltPlatform, actor: typeof POLICE): Promise<string> {
  const response = await fetch(`${platform.url}/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(actor),
  });
  const body = (await response.json()) as { token?: string };
  if (!body.token) throw new Error(`POST /auth/dev-token answered ${response.status}: ${JSON.stringify(body)}`);
  return body.token;
}

async function graphql(platform: BuiltPlatform, token: string, query: string, variables: unknown): Promise<unknown> {
  const response = await fetch(`${platform.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: unknown; errors?: unknown };
  if (body.errors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data;
}

async function fillPoliceQueue(platform: BuiltPlatform): Promise<void> {
  const ngo = await devToken(platform, NGO);
  // The demonstration sites, which a new development log registers (referrals name registered sites).
  const sites = ['NK-MAS-014', 'NK-WAL-002', 'SK-FIZ-001', 'SK-KAL-001'];
  for (let i = 0; i < REFERRALS; i++) {
    await graphql(
      platform,
      ngo,
      'mutation ($input: SubmitReferralInput!) { submitReferral(input: $input) { referralId status } }',
      {
        input: {
          commandId: newId(),
          subject: { isChild: i % 2 === 0 ? true : false },
          ...(i % 2 === 0
            ? {}
            : { consent: { givenBy: 'SELF', agencyTypes: ['POLICE'], purposes: ['ASSISTANCE', 'INVESTIGATION'] } }),
          site: { code: sites[i % sites.length] },
          indicators: ['DEBT_BONDAGE', 'RETENTION_OF_IDENTITY_DOCUMENTS'],
          urgency: i % 3 === 0 ? 'IMMEDIATE' : 'URGENT',
          toAgencyId: POLICE.agencyId,
          toAgencyType: 'POLICE',
          dueBy: new Date(Date.now() + (6 + i) * 3600_000).toISOString(),
          summary: `Bench referral ${i + 1}: diggers at the pit say the team leader keeps their voter cards.`,
        },
      },
    );
  }
}

/** The console's session (apps/console/src/session/session.tsx) for a development token. */
function sessionOf(token: string): string {
  const payload = token.split('.')[1] ?? '';
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
    sub: string;
    agency_id: string;
    agency_type: string;
    roles: string[];
    exp: number;
  };
  return JSON.stringify({
    token,
    userId: claims.sub,
    agencyId: claims.agency_id,
    agencyType: claims.agency_type,
    roles: claims.roles,
    expiresAt: new Date(claims.exp * 1000).toISOString(),
    development: true,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Page loads
// ---------------------------------------------------------------------------------------------------------------

interface NetworkRequest {
  readonly url: string;
  readonly type: string;
  requestBytes: number;
  responseBytes: number;
  fromCache: boolean;
  fromServiceWorker: boolean;
  finished: boolean;
}

interface Load {
  /** From navigation start until the ready element was visible, as the page's clock says. */
  readonly ms: number;
  /** When the page itself had arrived (navigation timing's responseEnd), by the same clock. */
  readonly pageMs: number;
  /** Every request of the load until then, with where its answer came from. */
  readonly requests: readonly NetworkRequest[];
}

/** Went over the link: neither the HTTP cache nor the service worker answered it (the page always does). */
function overTheLink(request: NetworkRequest): boolean {
  if (request.url.startsWith('data:')) return false;
  // The service worker answers navigations from the network first (apps/console/public/sw.js).
  return request.type === 'Document' || (!request.fromCache && !request.fromServiceWorker);
}

/** Watches for the ready element from the first script on, and notes the page's time when it is visible. */
function readyWatcher(selector: string): string {
  return `(() => {
    const selector = ${JSON.stringify(selector)};
    const check = () => {
      if (window.__benchReadyAt !== undefined) return;
      const element = document.querySelector(selector);
      if (element && element.getClientRects().length > 0) window.__benchReadyAt = performance.now();
    };
    new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
    document.addEventListener('DOMContentLoaded', check);
  })();`;
}

const LINK = {
  offline: false,
  latency: RTT_MS,
  downloadThroughput: BYTES_PER_SECOND,
  uploadThroughput: BYTES_PER_SECOND,
};

async function throttled(page: Page, context: BrowserContext): Promise<CDPSession> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', LINK);
  return cdp;
}

/**
 * The page's emulation does not reach what its service worker fetches (the page it answers navigations with
 * comes from the network first): the worker gets the same link, through a session of the browser's own.
 */
class WorkerThrottle {
  private next = 0;
  private readonly pending = new Map<string, (message: { error?: unknown }) => void>();

  private constructor(private readonly browser: CDPSession) {
    browser.on('Target.receivedMessageFromTarget', (event) => {
      const message = JSON.parse(event.message) as { id?: number; error?: unknown };
      const key = `${event.sessionId}/${String(message.id)}`;
      this.pending.get(key)?.(message);
      this.pending.delete(key);
    });
  }

  static async open(browser: Browser): Promise<WorkerThrottle> {
    return new WorkerThrottle(await browser.newBrowserCDPSession());
  }

  private send(sessionId: string, method: string, params: unknown): Promise<void> {
    const id = ++this.next;
    const answered = new Promise<void>((resolve, reject) => {
      this.pending.set(`${sessionId}/${id}`, (message) => {
        if (message.error) reject(new Error(`${method}: ${JSON.stringify(message.error)}`));
        else resolve();
      });
    });
    void this.browser.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id, method, params }),
    });
    return answered;
  }

  /** Throttles the service workers of the page's browser context; how many there were. */
  async throttle(page: CDPSession): Promise<number> {
    const { targetInfo } = await page.send('Target.getTargetInfo');
    const { targetInfos } = await this.browser.send('Target.getTargets');
    const workers = targetInfos.filter(
      (t) => t.type === 'service_worker' && t.browserContextId === targetInfo.browserContextId,
    );
    for (const worker of workers) {
      const { sessionId } = await this.browser.send('Target.attachToTarget', {
        targetId: worker.targetId,
        flatten: false,
      });
      await this.send(sessionId, 'Network.enable', {});
      await this.send(sessionId, 'Network.emulateNetworkConditions', LINK);
    }
    return workers.length;
  }

  async close(): Promise<void> {
    await this.browser.detach().catch(() => undefined);
  }
}

function recordRequests(cdp: CDPSession): { take: () => NetworkRequest[] } {
  let requests = new Map<string, NetworkRequest>();
  cdp.on('Network.requestWillBeSent', (event) => {
    const headers = Object.entries(event.request.headers).reduce((n, [k, v]) => n + k.length + v.length + 4, 0);
    requests.set(event.requestId, {
      url: event.request.url,
      type: event.type ?? 'Other',
      requestBytes: headers + (event.request.postData?.length ?? 0) + event.request.url.length + 16,
      responseBytes: 0,
      fromCache: false,
      fromServiceWorker: false,
      finished: false,
    });
  });
  cdp.on('Network.requestServedFromCache', (event) => {
    const request = requests.get(event.requestId);
    if (request) request.fromCache = true;
  });
  cdp.on('Network.responseReceived', (event) => {
    const request = requests.get(event.requestId);
    if (!request) return;
    if (event.response.fromDiskCache || event.response.fromPrefetchCache) request.fromCache = true;
    if (event.response.fromServiceWorker) request.fromServiceWorker = true;
  });
  cdp.on('Network.loadingFinished', (event) => {
    const request = requests.get(event.requestId);
    if (!request) return;
    request.responseBytes = event.encodedDataLength;
    request.finished = true;
  });
  return {
    take: () => {
      const taken = [...requests.values()];
      requests = new Map();
      return taken;
    },
  };
}

async function timeLoad(
  page: Page,
  url: string,
  selector: string,
  requests: { take: () => NetworkRequest[] },
): Promise<Load> {
  requests.take();
  await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
  await page.locator(selector).first().waitFor({ state: 'visible', timeout: 120_000 });
  const { ms, pageMs } = await page.evaluate(() => ({
    ms: (window as unknown as { __benchReadyAt?: number }).__benchReadyAt,
    pageMs: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined)?.responseEnd,
  }));
  if (ms === undefined) throw new Error(`the page never noted ${selector}`);
  const pathname = new URL(page.url()).pathname;
  if (pathname !== '/') throw new Error(`the page went to ${page.url()} instead of staying on /`);
  // What the load asked for until the element showed, as far as it had finished by then.
  return { ms, pageMs: pageMs ?? Number.NaN, requests: requests.take() };
}

/** Waits until the service worker controls the page (or 20 s), as it does for a person who comes back later. */
async function settle(page: Page): Promise<string> {
  return page.evaluate(async () => {
    if (!('serviceWorker' in navigator)) return 'no service worker API';
    const ready = navigator.serviceWorker.ready.then(() => 'service worker active');
    const late = new Promise<string>((resolve) =>
      setTimeout(() => {
        resolve('no service worker within 20 s');
      }, 20_000),
    );
    return Promise.race([ready, late]);
  });
}

async function newContext(browser: Browser, session: string, selector: string): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addInitScript(
    ([key, value]) => {
      localStorage.setItem(key, value);
    },
    [SESSION_KEY, session] as const,
  );
  await context.addInitScript(readyWatcher(selector));
  return context;
}

/** Does the console show the queue's rows yet? One unthrottled load tells. */
async function chooseReady(
  browser: Browser,
  base: string,
  session: string,
): Promise<{ selector: string; why: string; what: string }> {
  const configured = process.env['BENCH_READY_SELECTOR'];
  if (configured) return { selector: configured, why: `\`${configured}\` (BENCH_READY_SELECTOR)`, what: configured };
  const context = await newContext(browser, session, QUEUE_ROW);
  try {
    const page = await context.newPage();
    await page.goto(`${base}/`, { waitUntil: 'load' });
    await page.locator(FALLBACK_READY).first().waitFor({ state: 'visible', timeout: 30_000 });
    const row = await page
      .locator(QUEUE_ROW)
      .first()
      .waitFor({ state: 'visible', timeout: 15_000 })
      .then(() => true)
      .catch(() => false);
    return row
      ? {
          selector: QUEUE_ROW,
          why: 'the first row of the incoming referrals table on the police home page',
          what: 'police queue usable (first row)',
        }
      : {
          selector: FALLBACK_READY,
          why: 'the page’s `main h1` (this build of the console shows no incoming referrals table yet)',
          what: 'police home page shown (`main h1`: no queue table in this build yet)',
        };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The raw limit
// ---------------------------------------------------------------------------------------------------------------

interface Limit {
  readonly ms: number;
  readonly bytesDown: number;
  readonly bytesUp: number;
  readonly roundTrips: number;
  readonly waves: string;
  /** The same bytes with one round trip per wave, as Chromium's emulation charges (no connection set-up). */
  readonly emulatedMs: number;
}

/**
 * What the link allows for the bytes a load moved: every byte at the link's rate, each way, plus the round trips
 * a real link needs: two for the page (connection, then request), then one per wave of requests that depend on
 * the one before (the page's scripts and styles, then the API calls the script makes).
 */
function rawLimit(requests: readonly NetworkRequest[]): Limit {
  const network = requests.filter(overTheLink);
  const kinds = new Set(network.map((r) => waveOf(r)));
  const waves = (['page', 'assets', 'api'] as const).filter((w) => kinds.has(w));
  const roundTrips = waves.reduce((n, w) => n + (w === 'page' ? 2 : 1), 0);
  const bytesDown = network.reduce((n, r) => n + r.responseBytes, 0);
  const bytesUp = network.reduce((n, r) => n + r.requestBytes, 0);
  return {
    ms: ((bytesDown + bytesUp) / BYTES_PER_SECOND) * 1000 + roundTrips * RTT_MS,
    bytesDown,
    bytesUp,
    roundTrips,
    waves: waves.join(' → ') || 'none',
    emulatedMs: ((bytesDown + bytesUp) / BYTES_PER_SECOND) * 1000 + waves.length * RTT_MS,
  };
}

function waveOf(request: NetworkRequest): 'page' | 'assets' | 'api' | 'other' {
  if (request.type === 'Document') return 'page';
  if (request.type === 'Fetch' || request.type === 'XHR') return 'api';
  if (['Script', 'Stylesheet', 'Font', 'Image'].includes(request.type)) return 'assets';
  return 'other';
}

// ---------------------------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------------------------

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? NaN)
    : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

function procLoadavg(): string {
  try {
    return readFileSync('/proc/loadavg', 'utf8').trim();
  } catch {
    return 'unknown';
  }
}

/** Which commit the console was built from, and whether its sources had changes not committed. */
function consoleSource(root: string): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
    const commit = git('rev-parse', '--short', 'HEAD');
    const dirty = git('status', '--porcelain', '--', 'apps/console') !== '';
    return dirty ? `${commit}, with changes to apps/console not committed` : `${commit} (apps/console as committed)`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

async function main(): Promise<number> {
  const date = new Date();
  const loadAtStart = procLoadavg();
  const root = workspaceRoot();
  const consoleDir = path.join(root, 'dist', 'console');

  // 1. The initial JavaScript, from the built page.
  const { assets, lazyJs } = await initialAssets(consoleDir);
  const scripts = assets.filter((a) => a.kind !== 'stylesheet');
  const styles = assets.filter((a) => a.kind === 'stylesheet');
  const jsGzip = scripts.reduce((n, a) => n + a.gzipBytes, 0);
  const jsRaw = scripts.reduce((n, a) => n + a.bytes, 0);
  const cssGzip = styles.reduce((n, a) => n + a.gzipBytes, 0);
  const cssRaw = styles.reduce((n, a) => n + a.bytes, 0);
  const assetTable: Table = {
    title: 'What dist/console/index.html loads at start (gzip level 9; 1 kB = 1000 bytes)',
    columns: ['file', 'loaded as', 'bytes', 'gzipped'],
    rows: [
      ...assets.map((a) => [a.path, a.kind, kB(a.bytes), kB(a.gzipBytes)]),
      ['initial JavaScript', `${scripts.length} file(s)`, kB(jsRaw), kB(jsGzip)],
      ['CSS', `${styles.length} file(s)`, kB(cssRaw), kB(cssGzip)],
      ['lazy chunks (not counted)', `${lazyJs.count} file(s)`, '', kB(lazyJs.gzipBytes)],
    ],
    align: ['left', 'left', 'right', 'right'],
  };
  process.stdout.write(`initial JavaScript ${kB(jsGzip)} gzipped (${kB(jsRaw)}), CSS ${kB(cssGzip)} gzipped\n`);

  // 2. Loads on the emulated link.
  const platform = await startBuiltPlatform({ root, env: { PAMOJA_RATE_LIMIT_PER_MINUTE: '0' } });
  let browser: Browser | undefined;
  try {
    await fillPoliceQueue(platform);
    const session = sessionOf(await devToken(platform, POLICE));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const ready = await chooseReady(browser, platform.url, session);
    const workers = await WorkerThrottle.open(browser);
    process.stdout.write(`usable = ${ready.selector} (${ready.why})\n`);
    const cold: Load[] = [];
    const warm: Load[] = [];
    const settled: string[] = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await newContext(browser, session, ready.selector);
      try {
        const page = await context.newPage();
        const cdp = await throttled(page, context);
        await cdp.send('Network.clearBrowserCache');
        const requests = recordRequests(cdp);
        cold.push(await timeLoad(page, `${platform.url}/`, ready.selector, requests));
        await page.waitForLoadState('load');
        const worker = await settle(page);
        const throttledWorkers = await workers.throttle(cdp);
        settled.push(`${worker}, ${throttledWorkers} throttled`);
        // A moment for what the first load started after the queue showed (the live link, the worker's cache).
        await page.waitForTimeout(2000);
        warm.push(await timeLoad(page, `${platform.url}/`, ready.selector, requests));
      } finally {
        await context.close();
      }
      const last = (loads: Load[]) => seconds(loads[loads.length - 1]?.ms ?? NaN);
      process.stdout.write(`run ${run + 1}/${RUNS}: cold ${last(cold)}, warm ${last(warm)}\n`);
    }

    const rows: (string | number)[][] = [];
    const targets: Target[] = [
      {
        description: `initial JavaScript ≤ ${kB(JS_BUDGET_BYTES)} gzipped`,
        actual: `${kB(jsGzip)} (${scripts.length} file(s); CSS ${kB(cssGzip)} besides)`,
        met: jsGzip <= JS_BUDGET_BYTES,
      },
    ];
    const notes: string[] = [];
    for (const [name, loads] of [
      ['cold', cold],
      ['warm', warm],
    ] as const) {
      const times = loads.map((l) => l.ms);
      const mid = median(times);
      const worst = Math.max(...times);
      const limits = loads.map((l) => rawLimit(l.requests));
      const limit = median(limits.map((l) => l.ms));
      const typical = limits[0];
      rows.push([
        name,
        times.map((t) => (t / 1000).toFixed(2)).join(', '),
        seconds(mid),
        seconds(worst),
        typical
          ? `${seconds(limit)} (${kB(median(limits.map((l) => l.bytesDown)))} down, ${kB(median(limits.map((l) => l.bytesUp)))} up, ${typical.roundTrips} RTT: ${typical.waves})`
          : 'n/a',
        formatRatio(mid / limit),
        seconds(median(limits.map((l) => l.emulatedMs))),
        seconds(median(loads.map((l) => l.pageMs))),
        `${median(loads.map((l) => l.requests.filter(overTheLink).length))} / ${median(loads.map((l) => l.requests.filter((r) => !overTheLink(r)).length))}`,
      ]);
      targets.push({
        description: `${name} load: ${ready.what} ≤ ${seconds(USABLE_BUDGET_MS)} on ${KBPS} kbps / ${RTT_MS} ms RTT (worst of ${RUNS})`,
        actual: `median ${seconds(mid)}, worst ${seconds(worst)}; raw limit ${seconds(limit)}`,
        met: worst <= USABLE_BUDGET_MS,
      });
    }
    const timeTable: Table = {
      title: `Until ${ready.what}, ${KBPS} kbps down and up, ${RTT_MS} ms RTT (Chromium, DevTools network emulation)`,
      columns: [
        'load',
        `runs (s)`,
        'median',
        'worst',
        'raw limit of the link (median)',
        'median / raw',
        'floor as emulated (1 RTT a wave)',
        'page arrived (median)',
        'requests: link / cache',
      ],
      rows,
      align: ['left', 'left', 'right', 'right', 'left', 'right', 'right', 'right', 'right'],
    };
    const coldNetwork = (cold[0]?.requests ?? []).filter(overTheLink);
    const transferTable: Table = {
      title: 'What the first cold load moved over the link (response bytes as received, headers included)',
      columns: ['request', 'type', 'down', 'up'],
      rows: coldNetwork.map((r) => [new URL(r.url).pathname, r.type, kB(r.responseBytes), kB(r.requestBytes)]),
      align: ['left', 'left', 'right', 'right'],
    };
    const servedJs = coldNetwork
      .filter((r) => r.type === 'Script' || r.type === 'Stylesheet')
      .reduce((n, r) => n + r.responseBytes, 0);
    const gzipWouldBe = ((jsGzip + cssGzip) / BYTES_PER_SECOND) * 1000;
    notes.push(
      `The platform serves each asset precompressed by the build (brotli to a browser that accepts it, else gzip): the cold load moved ${kB(servedJs)} of scripts and styles, where gzip would have moved ${kB(jsGzip + cssGzip)}. At ${KBPS} kbps the gzipped bytes alone take ${seconds(gzipWouldBe)}, the four round trips of a cold load (the page's two, its scripts and styles, the API) ${seconds(4 * RTT_MS)} more: under this link a cold load cannot show the queue within ${seconds(USABLE_BUDGET_MS)} unless its scripts and styles are under about ${kB(((USABLE_BUDGET_MS - 4 * RTT_MS) / 1000) * BYTES_PER_SECOND)} on the wire.`,
      `Service worker after each cold load: ${[...new Set(settled)].join('; ')}. Warm loads are the same page navigated again in the same browser context: the page through the service worker (network first, the worker throttled like the page), the hashed assets from its cache or the HTTP cache. The worker's own fetches (the page at install, then every other asset of the build, which the page asks it to keep once it is active) are not throttled (it is attached only once active) and come after the queue showed.`,
      `Load average (/proc/loadavg) at start: ${loadAtStart}; at the end: ${procLoadavg()}.`,
    );
    const report: BenchReport = {
      id: 'console',
      title: 'The console on a slow link (bench:console)',
      command: 'npm run bench:console',
      date,
      environment: [
        ...machineRows(),
        ['Load average at start (/proc/loadavg)', loadAtStart],
        ['Console built from', consoleSource(root)],
        ['Chromium', `${browser.version()} (${CHROMIUM}, headless), playwright-core`],
        [
          'Link (emulated)',
          `${KBPS} kbps down and up (${BYTES_PER_SECOND.toLocaleString('en-US')} bytes/s), ${RTT_MS} ms latency per request`,
        ],
      ],
      method: [
        'Initial JavaScript: the module scripts of `dist/console/index.html`, its `modulepreload` links and every chunk they import ' +
          'statically (not the lazily imported ones), each gzipped at level 9; the stylesheets separately.',
        `Usable: the built platform runs as \`npm start\` runs it (own port, temporary data directory) with ${REFERRALS} referrals ` +
          `sent to the police unit \`${POLICE.agencyId}\` through GraphQL. Chromium opens \`/\` signed in as that unit (the session put in ` +
          "localStorage before the page's first script), throttled through the DevTools protocol (`Network.emulateNetworkConditions`), " +
          `and the time runs from navigation start to when ${ready.why} is visible, by the page's own clock. Cold: a new browser ` +
          'context (empty HTTP cache, no service worker) with its cache cleared. Warm: the same context, once the first load has ' +
          `finished and the service worker is active, \`/\` again. ${RUNS} of each.`,
        'Raw limit: the bytes that load moved (down and up, at the link rate) plus the round trips a real link needs: two for the ' +
          'page (connection, request), one for each wave of requests that depends on the one before (scripts and styles, then the ' +
          'API). Chromium adds its latency to each request instead, so the two count round trips alike only roughly.',
      ],
      tables: [assetTable, timeTable, transferTable],
      targets,
      notes,
    };
    process.stdout.write(`${renderConsoleReport(report)}\n`);
    const file = await writeReportSection(report);
    process.stdout.write(`wrote ${path.relative(root, file)}\n`);
    return process.env['BENCH_STRICT'] === '1' && targets.some((t) => !t.met) ? 1 : 0;
  } finally {
    await browser?.close();
    await platform.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `bench:console failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
