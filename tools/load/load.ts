/**
 * The load test's engine: a mixed workload of the platform's users (first responders, police, prosecutors,
 * assistance providers, coordination bodies) sent through the GraphQL API as the console sends it, over HTTP for
 * queries and commands and over WebSocket (graphql-ws) for the live queues and case timelines.
 *
 * Open loop: commands leave at a fixed rate whatever the platform's answers do, and each operation's latency is
 * measured from the moment it was due, not from when it could be sent, so a slow platform cannot hide its slowness
 * by slowing the sender down (coordinated omission). Each due command is the next step of a case that is ready for
 * it (its previous step answered, and the user's "think time" passed), or else a new referral: the cases walk from
 * referral through investigation to a hearing, with assistance to the person alongside, so the mix follows the
 * steps of real cases. Reads (queues, the joint case) go at their own fixed rate.
 *
 * Runs on loopback only, for a bounded time: see `checkLoopbackUrl` and `LIMITS`.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToLoop, setTimeout as sleep } from 'node:timers/promises';
import ipaddr from 'ipaddr.js';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { newId, type AgencyType } from '@pamoja/contracts';
import { issueDevToken, loadOrCreateDevIssuer, type DevIssuerKeys } from '@pamoja/platform/auth';
import { formatMs, percentile, renderConsoleTable } from '../bench/bench-report.js';
import * as ops from './operations.js';
import { BreakdownRecorder, renderBreakdown, type TimeBreakdown } from './time-breakdown.js';

// ---------------------------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------------------------

export interface LoadOptions {
  /** The GraphQL endpoint (the embedded app's or the gateway's); loopback only. */
  readonly url: string;
  /** Commands per second, open loop. */
  readonly rate: number;
  /** Reads (queues, the joint case) per command: reads go at `rate * readsPerCommand` a second. */
  readonly readsPerCommand: number;
  /** The measured window. */
  readonly seconds: number;
  /** Seconds of load before the window, not measured. */
  readonly warmup: number;
  /** HTTP connections (keep-alive); requests beyond them wait for one, and that wait is part of their latency. */
  readonly clients: number;
  /** WebSocket clients: police users with their queue's live feed and the timelines of cases they follow. */
  readonly subscribers: number;
  /** A user's pause between the answer to one step of a case and the next step. */
  readonly thinkMs: number;
  /** Where the development token issuer's key is (the platform's data directory). */
  readonly dataDir: string;
  /** An operation not answered within this is an error (`TIMEOUT`). */
  readonly timeoutMs: number;
  /**
   * After the window, the cases started in it go on to their last step (no new arrivals), and those steps are
   * measured too: every case started is followed to its end, however slow the platform, instead of being cut off.
   */
  readonly finishCases?: boolean;
}

export const LIMITS = {
  maxSeconds: 600,
  maxRate: 5000,
  maxClients: 1024,
  maxSubscribers: 1000,
} as const;

export const DEFAULTS = {
  url: 'http://127.0.0.1:4000/graphql',
  rate: 20,
  readsPerCommand: 1,
  seconds: 30,
  warmup: 5,
  clients: 16,
  subscribers: 5,
  thinkMs: 250,
  timeoutMs: 30_000,
} as const;

/**
 * The URL, if it is http(s) on a loopback host (127.0.0.0/8, ::1 or localhost); otherwise an error saying why.
 * The load test is meant for a platform on the same machine, never for someone else's.
 */
export function checkLoopbackUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--url ${text} is not a URL (e.g. ${DEFAULTS.url})`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`--url ${text}: only http: and https: URLs (the WebSocket URL is derived from it)`);
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const loopback =
    host.toLowerCase() === 'localhost' || (ipaddr.isValid(host) && ipaddr.process(host).range() === 'loopback');
  if (!loopback) {
    throw new Error(
      `--url ${text}: the host ${url.hostname} is not loopback. The load test runs only against a platform on this ` +
        'machine (127.0.0.0/8, ::1 or localhost)',
    );
  }
  return url;
}

// ---------------------------------------------------------------------------------------------------------------
// Who acts
// ---------------------------------------------------------------------------------------------------------------

interface Agency {
  readonly agencyId: string;
  readonly agencyType: AgencyType;
  readonly role: string;
}

const agency = (agencyId: string, agencyType: AgencyType, role: string): Agency => ({ agencyId, agencyType, role });

/** One province's agencies of the demonstration directory (DEMO_AGENCIES) and its demonstration sites. */
interface Region {
  readonly firstResponder: Agency;
  readonly police: readonly Agency[];
  readonly prosecutor: Agency;
  readonly assistance: Agency;
  readonly coordination: Agency;
  readonly sites: readonly string[];
}

export const REGIONS: readonly Region[] = [
  {
    firstResponder: agency('ngo-kivu-hope', 'first_responder', 'field_worker'),
    police: [
      agency('pnc-pmh-masisi', 'police', 'investigator'),
      agency('pnc-masisi', 'police', 'investigator'),
      agency('pnc-rutshuru', 'police', 'investigator'),
    ],
    prosecutor: agency('parquet-goma', 'prosecutor', 'prosecutor'),
    assistance: agency('ngo-ushindi', 'assistance_provider', 'case_worker'),
    coordination: agency('aplt-nk', 'coordination_body', 'coordinator'),
    sites: ['NK-MAS-014', 'NK-WAL-002'],
  },
  {
    firstResponder: agency('ngo-tumaini-fizi', 'first_responder', 'field_worker'),
    police: [agency('pnc-fizi', 'police', 'investigator'), agency('pnc-uvira', 'police', 'investigator')],
    prosecutor: agency('parquet-bukavu', 'prosecutor', 'prosecutor'),
    assistance: agency('ngo-amani-bukavu', 'assistance_provider', 'case_worker'),
    coordination: agency('aplt-sk', 'coordination_body', 'coordinator'),
    sites: ['SK-FIZ-001', 'SK-KAL-001'],
  },
];

const POLICE_UNITS: readonly Agency[] = REGIONS.flatMap((r) => r.police);

/** Development tokens, one per user, made on first use; several users per agency keep each under its rate limit. */
class Tokens {
  private readonly cache = new Map<string, Promise<string>>();

  constructor(private readonly keys: DevIssuerKeys) {}

  of(who: Agency, user: number): Promise<string> {
    const userId = `load-${who.agencyId}-${user}`;
    let token = this.cache.get(userId);
    if (!token) {
      token = issueDevToken(
        this.keys,
        { userId, agencyId: who.agencyId, agencyType: who.agencyType, roles: [who.role] },
        { expiresIn: '1h' },
      );
      this.cache.set(userId, token);
    }
    return token;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------------------------------------------

export interface Outcome {
  readonly ok: boolean;
  /** `extensions.code` of the first GraphQL error, `HTTP_<status>`, `NETWORK_<code>` or `TIMEOUT`. */
  readonly code?: string;
  readonly message?: string;
  readonly data?: Record<string, unknown>;
  /** The answer's `Server-Timing` header: where the platform says its time went. */
  readonly serverTiming?: string;
}

interface GraphqlBody {
  data?: Record<string, unknown> | null;
  errors?: { message?: string; extensions?: { code?: unknown } }[];
}

class HttpGraphql {
  private readonly agent: http.Agent;
  private readonly request: typeof http.request;

  constructor(
    private readonly url: URL,
    clients: number,
    private readonly timeoutMs: number,
  ) {
    const secure = url.protocol === 'https:';
    const settings = { keepAlive: true, maxSockets: clients, maxFreeSockets: clients };
    this.agent = secure ? new https.Agent(settings) : new http.Agent(settings);
    this.request = secure ? https.request : http.request;
  }

  /** Connections the server closed just as a request went out on them again, and the request was sent anew. */
  resent = 0;

  post(token: string, query: string, variables: Record<string, unknown>): Promise<Outcome> {
    const body = JSON.stringify({ query, variables });
    return new Promise<Outcome>((resolve) => {
      let settled = false;
      let req: http.ClientRequest | undefined;
      const done = (outcome: Outcome): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      };
      const send = (again: boolean): void => {
        const sent = this.request(
          this.url,
          {
            method: 'POST',
            agent: this.agent,
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
              authorization: `Bearer ${token}`,
              'x-pamoja-purpose': 'load test',
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('error', (error) => {
              done({ ok: false, code: 'NETWORK_ERROR', message: error.message });
            });
            res.on('end', () => {
              const timing = res.headers['server-timing'];
              const serverTiming = Array.isArray(timing) ? timing.join(', ') : timing;
              done({ ...outcomeOf(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8')), serverTiming });
            });
          },
        );
        req = sent;
        sent.on('error', (error: NodeJS.ErrnoException) => {
          // A kept-alive connection the server closed as the request went out on it: sent again once, as a
          // browser does (the command id makes a command safe to send twice).
          if (!again && !settled && sent.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) {
            this.resent++;
            send(true);
            return;
          }
          done({ ok: false, code: `NETWORK_${error.code ?? 'ERROR'}`, message: error.message });
        });
        sent.end(body);
      };
      // Measured from when the operation was due; the wait for a connection is part of it.
      const timer = setTimeout(() => {
        done({ ok: false, code: 'TIMEOUT', message: `no answer within ${String(this.timeoutMs)} ms` });
        req?.destroy();
      }, this.timeoutMs);
      send(false);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

function outcomeOf(status: number, text: string): Outcome {
  let body: GraphqlBody;
  try {
    body = JSON.parse(text) as GraphqlBody;
  } catch {
    return { ok: false, code: `HTTP_${status}`, message: text.slice(0, 200) };
  }
  const [first] = body.errors ?? [];
  if (first) {
    const code = typeof first.extensions?.code === 'string' ? first.extensions.code : `HTTP_${status}`;
    return { ok: false, code, message: first.message ?? '' };
  }
  if (!body.data || status >= 400) return { ok: false, code: `HTTP_${status}`, message: text.slice(0, 200) };
  return { ok: true, data: body.data };
}

// ---------------------------------------------------------------------------------------------------------------
// Statistics
// ---------------------------------------------------------------------------------------------------------------

export type OperationKind = 'command' | 'read' | 'subscription';

class OperationStats {
  readonly samples: number[] = [];
  errors = 0;
  constructor(
    readonly name: string,
    readonly kind: OperationKind,
  ) {}
}

interface ErrorTally {
  count: number;
  readonly operations: Set<string>;
  readonly samples: string[];
}

class Recorder {
  readonly operations = new Map<string, OperationStats>();
  readonly errors = new Map<string, ErrorTally>();
  /** Where the measured commands' time went, from their answers' Server-Timing. */
  readonly breakdown = new BreakdownRecorder();
  /** Subscription events received in the window, by subscription, whether or not a delay could be measured. */
  readonly received = new Map<string, number>();

  /** The measured window (performance.now() times); nothing is measured until it is set. */
  private windowStart = Number.POSITIVE_INFINITY;
  private windowEnd = Number.NEGATIVE_INFINITY;

  measure(start: number, end: number): void {
    this.windowStart = start;
    this.windowEnd = end;
  }

  inWindow(at: number): boolean {
    return at >= this.windowStart && at < this.windowEnd;
  }

  stats(name: string, kind: OperationKind): OperationStats {
    let stats = this.operations.get(name);
    if (!stats) {
      stats = new OperationStats(name, kind);
      this.operations.set(name, stats);
    }
    return stats;
  }

  /**
   * An operation due at `dueAt` that ended at `endedAt`; counted only when it was due within the window, or when
   * `measured` says so (a case's step after the window, as the case is finished).
   */
  operation(
    name: string,
    kind: OperationKind,
    dueAt: number,
    endedAt: number,
    outcome: Outcome,
    measured = this.inWindow(dueAt),
  ): void {
    if (!measured) return;
    const stats = this.stats(name, kind);
    stats.samples.push(endedAt - dueAt);
    if (kind === 'command') this.breakdown.add(name, endedAt - dueAt, outcome.serverTiming);
    if (!outcome.ok) {
      stats.errors++;
      this.error(outcome.code ?? 'UNKNOWN', name, outcome.message ?? '');
    }
  }

  error(code: string, operation: string, message: string): void {
    let tally = this.errors.get(code);
    if (!tally) {
      tally = { count: 0, operations: new Set(), samples: [] };
      this.errors.set(code, tally);
    }
    tally.count++;
    tally.operations.add(operation);
    if (tally.samples.length < 3 && message && !tally.samples.includes(message)) tally.samples.push(message);
  }

  delay(name: string, delayMs: number): void {
    this.stats(name, 'subscription').samples.push(delayMs);
  }

  event(name: string, at: number): void {
    if (this.inWindow(at)) this.received.set(name, (this.received.get(name) ?? 0) + 1);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Subscribers
// ---------------------------------------------------------------------------------------------------------------

/** An acknowledged command whose event a subscriber should see, waiting for it (or the event, for its command). */
class Matcher {
  private readonly acks = new Map<string, number[]>();
  private readonly early = new Map<string, number[]>();

  constructor(
    private readonly recorder: Recorder,
    private readonly name: string,
  ) {}

  /** The command was answered at `at` (it was due at `dueAt`, which decides whether it is measured). */
  acknowledged(key: string, at: number, dueAt: number): void {
    if (!this.recorder.inWindow(dueAt)) return;
    const early = this.early.get(key);
    if (early?.length) {
      early.shift();
      // The event came before the command's answer: no delay to speak of.
      this.recorder.delay(this.name, 0);
      return;
    }
    push(this.acks, key, at);
  }

  event(key: string, at: number): void {
    const acks = this.acks.get(key);
    const ack = acks?.shift();
    if (ack !== undefined) {
      this.recorder.delay(this.name, at - ack);
      if (acks?.length === 0) this.acks.delete(key);
    } else {
      push(this.early, key, at);
      // Bounded: what nobody will acknowledge (events of commands sent before the window) is let go.
      if (this.early.size > 10_000) this.early.delete(this.early.keys().next().value ?? '');
    }
  }

  /** Lets go of what was acknowledged for keys starting with `prefix` (a case page opened again). */
  forget(prefix: string): void {
    for (const map of [this.acks, this.early]) {
      for (const key of [...map.keys()]) if (key.startsWith(prefix)) map.delete(key);
    }
  }

  waiting(): number {
    let count = 0;
    for (const acks of this.acks.values()) count += acks.length;
    return count;
  }
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const REFERRAL_FEED = 'sub referralReceived';
const TIMELINE_FEED = 'sub caseTimelineEntryAdded';
/** Cases a subscriber follows at once (case pages open). */
const FOLLOW_AT_ONCE = 3;
/**
 * In server mode the coordination service learns of a new case through Kafka, a moment after the referral's answer:
 * a case page opened before then is refused (NOT_FOUND) and opened again, as a user reloads it, every
 * REOPEN_AFTER_MS for up to REOPEN_FOR_MS, before the refusal counts as an error.
 */
const REOPEN_AFTER_MS = 250;
const REOPEN_FOR_MS = 10_000;

/** Whether a subscription's error (an error list, or one error) is the service's NOT_FOUND. */
function isNotFound(error: unknown): boolean {
  const errors: unknown[] = Array.isArray(error) ? error : [error];
  return errors.some(
    (e) =>
      typeof e === 'object' &&
      e !== null &&
      (e as { extensions?: { code?: unknown } }).extensions?.code === 'NOT_FOUND',
  );
}

/** Waits between the asks of a NOT_FOUND again, as the console's pages wait: doubling from 250 ms, 2 s at most. */
const ASK_AGAIN_FIRST_MS = 250;
const ASK_AGAIN_MAX_MS = 2000;

/**
 * A read answered NOT_FOUND asked again, with growing waits, for up to `forMs` from the first ask, as the console's
 * case page does (in server mode a case opened just after its referral's answer can take a moment to reach the
 * coordination service): the outcome of the last ask, and `onAgain` called for each ask after the first.
 */
export async function askAgainWhileNotFound(
  ask: () => Promise<Outcome>,
  forMs: number,
  onAgain: () => void = () => undefined,
): Promise<Outcome> {
  const startedAt = performance.now();
  let outcome = await ask();
  let wait = ASK_AGAIN_FIRST_MS;
  while (!outcome.ok && outcome.code === 'NOT_FOUND' && performance.now() - startedAt + wait <= forMs) {
    await sleep(wait);
    wait = Math.min(wait * 2, ASK_AGAIN_MAX_MS);
    onAgain();
    outcome = await ask();
  }
  return outcome;
}

class Subscriber {
  readonly referrals: Matcher;
  readonly timelines: Matcher;
  private readonly followed = new Map<string, () => void>();
  /** When each followed case's current subscription was made: commands sent before it are not expected on it. */
  private readonly since = new Map<string, number>();
  /** Case pages opened again after the coordination service did not know the case yet. */
  reopened = 0;
  private readonly failures: unknown[] = [];

  private constructor(
    readonly police: Agency,
    private readonly client: Client,
    private readonly recorder: Recorder,
  ) {
    this.referrals = new Matcher(recorder, REFERRAL_FEED);
    this.timelines = new Matcher(recorder, TIMELINE_FEED);
  }

  static async connect(url: URL, police: Agency, token: string, recorder: Recorder): Promise<Subscriber> {
    const wsUrl = new URL(url);
    wsUrl.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    let connected: () => void = () => undefined;
    let failed: (error: unknown) => void = () => undefined;
    const ready = new Promise<void>((resolve, reject) => {
      connected = resolve;
      failed = reject;
    });
    const client = createClient({
      url: wsUrl.toString(),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}`, purpose: 'load test' },
      lazy: false,
      retryAttempts: 0,
      on: {
        connected: () => {
          connected();
        },
        closed: (event) => {
          failed(new Error(`the WebSocket closed before it was acknowledged: ${JSON.stringify(event)}`));
        },
        error: (error) => {
          failed(error);
        },
      },
    });
    const subscriber = new Subscriber(police, client, recorder);
    await Promise.race([
      ready,
      sleep(10_000).then(() => {
        throw new Error(`no graphql-ws connection at ${wsUrl.toString()} within 10 s`);
      }),
    ]);
    subscriber.subscribeToQueue();
    return subscriber;
  }

  private subscribeToQueue(): void {
    this.client.subscribe<{ referralReceived: { referralId: string } }>(
      { query: ops.REFERRAL_RECEIVED, variables: {} },
      {
        next: (result) => {
          const at = performance.now();
          if (result.errors?.length) this.failed(REFERRAL_FEED, result.errors);
          const referralId = result.data?.referralReceived.referralId;
          if (referralId === undefined) return;
          this.recorder.event(REFERRAL_FEED, at);
          this.referrals.event(referralId, at);
        },
        error: (error) => {
          this.failed(REFERRAL_FEED, error);
        },
        complete: () => undefined,
      },
    );
  }

  /** Opens the case's page, if fewer than FOLLOW_AT_ONCE are open. */
  follow(jointCaseId: string): boolean {
    if (this.followed.size >= FOLLOW_AT_ONCE || this.followed.has(jointCaseId)) return false;
    this.subscribeToTimeline(jointCaseId, performance.now() + REOPEN_FOR_MS);
    return true;
  }

  private subscribeToTimeline(jointCaseId: string, reopenUntil: number, again = false): void {
    // A page opened again may be in place only a moment after a step its user takes now: as for a page opened
    // after the referral (the user's pause before the next step), only steps sent a while later are expected on it.
    this.since.set(jointCaseId, performance.now() + (again ? REOPEN_AFTER_MS : 0));
    // What was acknowledged while the page was refused is not expected on it.
    this.timelines.forget(`${jointCaseId}|`);
    /** A refusal because the case is not known yet: the page is opened again a moment later, for a while. */
    const reopened = (error: unknown): boolean => {
      if (!isNotFound(error) || performance.now() >= reopenUntil) return false;
      this.reopened++;
      const timer = setTimeout(() => {
        if (this.followed.has(jointCaseId)) this.subscribeToTimeline(jointCaseId, reopenUntil, true);
      }, REOPEN_AFTER_MS);
      timer.unref();
      return true;
    };
    const stop = this.client.subscribe<{ caseTimelineEntryAdded: { eventType: string | null } }>(
      { query: ops.CASE_TIMELINE_ENTRY_ADDED, variables: { jointCaseId } },
      {
        next: (result) => {
          const at = performance.now();
          if (result.errors?.length && !reopened(result.errors)) this.failed(TIMELINE_FEED, result.errors);
          const entry = result.data?.caseTimelineEntryAdded;
          if (!entry) return;
          this.recorder.event(TIMELINE_FEED, at);
          // A notice (what the police may not read in full, e.g. the assistance given) has no type to match.
          if (entry.eventType !== null) this.timelines.event(`${jointCaseId}|${entry.eventType}`, at);
        },
        error: (error) => {
          if (!reopened(error)) this.failed(TIMELINE_FEED, error);
        },
        complete: () => undefined,
      },
    );
    this.followed.set(jointCaseId, stop);
  }

  follows(jointCaseId: string): boolean {
    return this.followed.has(jointCaseId);
  }

  /** When the case's page was (last) opened, while it is followed. */
  followedSince(jointCaseId: string): number | undefined {
    return this.since.get(jointCaseId);
  }

  unfollow(jointCaseId: string): void {
    this.followed.get(jointCaseId)?.();
    this.followed.delete(jointCaseId);
    this.since.delete(jointCaseId);
  }

  private failed(feed: string, error: unknown): void {
    this.failures.push(error);
    const message = Array.isArray(error)
      ? JSON.stringify(error[0])
      : error instanceof Error
        ? error.message
        : JSON.stringify(error);
    this.recorder.error('SUBSCRIPTION_ERROR', feed, message);
  }

  async close(): Promise<void> {
    for (const stop of this.followed.values()) stop();
    this.followed.clear();
    await this.client.dispose();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The cases
// ---------------------------------------------------------------------------------------------------------------

const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

/** One case as its users know it: what each step answered, for the next. */
interface Case {
  readonly number: number;
  readonly region: Region;
  readonly police: Agency;
  readonly site: string;
  /** Which of each agency's users acts in this case. */
  readonly user: number;
  referralId: string;
  jointCaseId: string;
  referralRevision: number;
  investigationId: string;
  investigationRevision: number;
  suspectId: string;
  caseFileId: string;
  prosecutionId: string;
  prosecutionRevision: number;
  personId: string;
  assistanceReferralId: string;
  assistanceReferralRevision: number;
  assistanceId: string;
  assistanceRevision: number;
  /** Tracks (police and justice; assistance) still going. */
  openTracks: number;
  /** Its referral was due within the window: with `finishCases`, its steps are measured to its end. */
  startedInWindow: boolean;
  subscriber: Subscriber | undefined;
}

interface Step {
  readonly name: string;
  readonly kind: 'command' | 'read';
  readonly who: (c: Case) => Agency;
  readonly document: string;
  readonly variables: (c: Case) => Record<string, unknown>;
  /** What the answer teaches the case; the steps that follow. */
  readonly then: (c: Case, data: Record<string, unknown>) => readonly Step[];
  /** The timeline entry type the case's police see for this step (none for steps they see as notices). */
  readonly entry?: string;
}

function payload(data: Record<string, unknown>): Record<string, unknown> {
  const [value] = Object.values(data);
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const count = (value: unknown): number => (typeof value === 'number' ? value : 0);
const inDays = (days: number): string => new Date(Date.now() + days * DAY_MS).toISOString();
const command = (input: Record<string, unknown>): Record<string, unknown> => ({
  input: { commandId: newId(), ...input },
});

const trackDone = (c: Case): readonly Step[] => {
  c.openTracks--;
  return [];
};

const SCHEDULE_HEARING_STEP: Step = {
  name: 'scheduleHearing',
  kind: 'command',
  who: (c) => c.region.prosecutor,
  document: ops.SCHEDULE_HEARING,
  entry: 'HearingScheduled',
  variables: (c) =>
    command({
      prosecutionId: c.prosecutionId,
      expectedRevision: c.prosecutionRevision,
      court: 'Tribunal de grande instance (chambre foraine)',
      scheduledFor: inDays(14),
      purpose: 'Audience de fond',
    }),
  then: trackDone,
};

const RECEIVE_CASE_FILE_STEP: Step = {
  name: 'receiveCaseFile',
  kind: 'command',
  who: (c) => c.region.prosecutor,
  document: ops.RECEIVE_CASE_FILE,
  entry: 'CaseFileReceived',
  variables: (c) =>
    command({
      jointCaseId: c.jointCaseId,
      caseFileId: c.caseFileId,
      investigationId: c.investigationId,
      fromPoliceAgencyId: c.police.agencyId,
      suspects: [{ suspectId: c.suspectId, role: 'recruiter' }],
    }),
  then: (c, data) => {
    const answer = payload(data);
    c.prosecutionId = text(answer['prosecutionId']);
    c.prosecutionRevision = count(answer['revision']);
    return [SCHEDULE_HEARING_STEP];
  },
};

const TRANSMIT_CASE_FILE_STEP: Step = {
  name: 'transmitCaseFile',
  kind: 'command',
  who: (c) => c.police,
  document: ops.TRANSMIT_CASE_FILE,
  entry: 'CaseFileTransmitted',
  variables: (c) =>
    command({
      investigationId: c.investigationId,
      expectedRevision: c.investigationRevision,
      toProsecutorOfficeId: c.region.prosecutor.agencyId,
      dueBy: inDays(7),
      summary: 'Debt bondage of diggers at the pit; ledger photo and statements enclosed.',
      suspectIds: [c.suspectId],
    }),
  then: (c, data) => {
    const answer = payload(data);
    c.caseFileId = text(answer['caseFileId']);
    c.investigationRevision = count(answer['revision']);
    return [RECEIVE_CASE_FILE_STEP];
  },
};

const IDENTIFY_SUSPECT_STEP: Step = {
  name: 'identifySuspect',
  kind: 'command',
  who: (c) => c.police,
  document: ops.IDENTIFY_SUSPECT,
  entry: 'SuspectIdentified',
  variables: (c) =>
    command({
      investigationId: c.investigationId,
      expectedRevision: c.investigationRevision,
      role: 'RECRUITER',
      alias: `Chef ${c.number}`,
      description: 'Recruits diggers at the bus station',
    }),
  then: (c, data) => {
    const answer = payload(data);
    c.suspectId = text(answer['suspectId']);
    c.investigationRevision = count(answer['revision']);
    return [TRANSMIT_CASE_FILE_STEP];
  },
};

const RECORD_EVIDENCE_STEP: Step = {
  name: 'recordEvidence',
  kind: 'command',
  who: (c) => c.police,
  document: ops.RECORD_EVIDENCE,
  entry: 'EvidenceRecorded',
  variables: (c) =>
    command({
      investigationId: c.investigationId,
      expectedRevision: c.investigationRevision,
      description: 'Photo of the debt ledger kept by the team leader',
      kind: 'PHOTO',
      sha256: createHash('sha256').update(`ledger photo of case ${c.number}`).digest('hex'),
      collectedAt: new Date(Date.now() - HOUR_MS).toISOString(),
      collectedBy: `opj-${c.user}`,
    }),
  then: (c, data) => {
    c.investigationRevision = count(payload(data)['revision']);
    return [IDENTIFY_SUSPECT_STEP];
  },
};

const OPEN_INVESTIGATION_STEP: Step = {
  name: 'openInvestigation',
  kind: 'command',
  who: (c) => c.police,
  document: ops.OPEN_INVESTIGATION,
  entry: 'InvestigationOpened',
  variables: (c) =>
    command({
      jointCaseId: c.jointCaseId,
      referralId: c.referralId,
      siteCode: c.site,
      offences: ['FORCED_LABOUR', 'TRAFFICKING_IN_PERSONS'],
      leadOfficerId: `opj-${c.user}`,
    }),
  then: (c, data) => {
    const answer = payload(data);
    c.investigationId = text(answer['investigationId']);
    c.investigationRevision = count(answer['revision']);
    return [RECORD_EVIDENCE_STEP];
  },
};

const PROVIDE_SERVICE_STEP: Step = {
  name: 'provideService',
  kind: 'command',
  who: (c) => c.region.assistance,
  document: ops.PROVIDE_SERVICE,
  variables: (c) =>
    command({
      assistanceId: c.assistanceId,
      expectedRevision: c.assistanceRevision,
      kind: 'MEDICAL',
      note: 'First consultation',
    }),
  then: trackDone,
};

const ASSESS_NEEDS_STEP: Step = {
  name: 'assessNeeds',
  kind: 'command',
  who: (c) => c.region.assistance,
  document: ops.ASSESS_NEEDS,
  variables: (c) =>
    command({
      assistanceId: c.assistanceId,
      expectedRevision: c.assistanceRevision,
      needs: [
        { need: 'MEDICAL', priority: 'URGENT' },
        { need: 'PSYCHOSOCIAL', priority: 'HIGH' },
      ],
    }),
  then: (c, data) => {
    c.assistanceRevision = count(payload(data)['revision']);
    return [PROVIDE_SERVICE_STEP];
  },
};

const REGISTER_VICTIM_STEP: Step = {
  name: 'registerVictim',
  kind: 'command',
  who: (c) => c.region.assistance,
  document: ops.REGISTER_VICTIM,
  variables: (c) =>
    command({
      jointCaseId: c.jointCaseId,
      personId: c.personId,
      ageGroup: 'ADULT',
      sex: 'MALE',
      nationality: 'CD',
      formsOfExploitation: ['FORCED_LABOUR'],
      agreementToManagePersonalData: true,
      consentGivenBy: 'SELF',
      personal: { fullName: `Personne Fictive ${c.number}`, currentLocation: 'Goma' },
    }),
  then: (c, data) => {
    const answer = payload(data);
    c.assistanceId = text(answer['assistanceId']);
    c.assistanceRevision = count(answer['revision']);
    return [ASSESS_NEEDS_STEP];
  },
};

const ACCEPT_ASSISTANCE_REFERRAL_STEP: Step = {
  name: 'acceptReferral',
  kind: 'command',
  who: (c) => c.region.assistance,
  document: ops.ACCEPT_REFERRAL,
  entry: 'ReferralAccepted',
  variables: (c) =>
    command({
      referralId: c.assistanceReferralId,
      expectedRevision: c.assistanceReferralRevision,
      note: 'Place in the transit centre',
    }),
  then: () => [REGISTER_VICTIM_STEP],
};

const REFER_TO_ASSISTANCE_STEP: Step = {
  name: 'submitReferral',
  kind: 'command',
  who: (c) => c.region.firstResponder,
  document: ops.SUBMIT_REFERRAL,
  entry: 'ReferralSubmitted',
  variables: (c) =>
    command({
      jointCaseId: c.jointCaseId,
      subject: { isChild: null, personId: c.personId },
      site: { code: c.site },
      indicators: ['DEBT_BONDAGE'],
      urgency: 'URGENT',
      toAgencyId: c.region.assistance.agencyId,
      toAgencyType: 'ASSISTANCE_PROVIDER',
      dueBy: inDays(3),
      summary: 'The same digger needs medical care and a safe place to stay.',
    }),
  then: (c, data) => {
    const answer = payload(data);
    c.assistanceReferralId = text(answer['referralId']);
    c.assistanceReferralRevision = count(answer['revision']);
    return [ACCEPT_ASSISTANCE_REFERRAL_STEP];
  },
};

/** The first responder opens the referral's page (its person) before referring them on: a read of the case's own. */
const READ_REFERRAL_STEP: Step = {
  name: 'referral',
  kind: 'read',
  who: (c) => c.region.firstResponder,
  document: ops.REFERRAL,
  variables: (c) => ({ id: c.referralId }),
  then: (c, data) => {
    c.personId = text(payload(data)['subjectPersonId']);
    return [REFER_TO_ASSISTANCE_STEP];
  },
};

const ACCEPT_REFERRAL_STEP: Step = {
  name: 'acceptReferral',
  kind: 'command',
  who: (c) => c.police,
  document: ops.ACCEPT_REFERRAL,
  entry: 'ReferralAccepted',
  variables: (c) => command({ referralId: c.referralId, expectedRevision: c.referralRevision, note: 'OPJ assigned' }),
  then: (c, data) => {
    c.referralRevision = count(payload(data)['revision']);
    // From here two tracks go side by side: the investigation, and assistance to the person.
    c.openTracks = 2;
    return [OPEN_INVESTIGATION_STEP, READ_REFERRAL_STEP];
  },
};

const SUBMIT_REFERRAL_STEP: Step = {
  name: 'submitReferral',
  kind: 'command',
  who: (c) => c.region.firstResponder,
  document: ops.SUBMIT_REFERRAL,
  variables: (c) =>
    command({
      subject: { isChild: false },
      consent: { givenBy: 'SELF', agencyTypes: ['POLICE'], purposes: ['ASSISTANCE', 'INVESTIGATION'] },
      site: { code: c.site },
      indicators: ['DEBT_BONDAGE', 'RETENTION_OF_IDENTITY_DOCUMENTS'],
      urgency: 'URGENT',
      toAgencyId: c.police.agencyId,
      toAgencyType: 'POLICE',
      dueBy: inDays(5),
      summary: 'Diggers at the pit say the team leader keeps their voter cards until their debt is repaid.',
    }),
  then: (c, data) => {
    const answer = payload(data);
    c.referralId = text(answer['referralId']);
    c.jointCaseId = text(answer['jointCaseId']);
    c.referralRevision = count(answer['revision']);
    return [ACCEPT_REFERRAL_STEP];
  },
};

/** Every step a case takes, for the report's check that each kind was sent. */
export const CASE_STEPS: readonly string[] = [
  'submitReferral',
  'acceptReferral',
  'openInvestigation',
  'recordEvidence',
  'identifySuspect',
  'transmitCaseFile',
  'receiveCaseFile',
  'scheduleHearing',
  'registerVictim',
  'assessNeeds',
  'provideService',
];

// ---------------------------------------------------------------------------------------------------------------
// Reads that are not a case's next step: the queues and the joint case, as users open their pages
// ---------------------------------------------------------------------------------------------------------------

interface Read {
  readonly name: string;
  readonly weight: number;
  readonly who: (region: Region, pick: (n: number) => number, known: Case | undefined) => Agency;
  readonly document: string;
  readonly variables: (known: Case | undefined) => Record<string, unknown> | undefined;
  /** A NOT_FOUND is asked again for up to this long before it counts as an error, as the console's page does. */
  readonly notFoundRetryMs?: number;
}

const QUEUE_PAGE = { first: 25 };

export const READS: readonly Read[] = [
  {
    name: 'incomingReferrals',
    weight: 25,
    who: (r, pick) => (pick(3) === 0 ? r.assistance : (r.police[pick(r.police.length)] ?? r.assistance)),
    document: ops.INCOMING_REFERRALS,
    variables: () => ({ filter: QUEUE_PAGE }),
  },
  {
    // The joint case view, as its police and the coordination body open it.
    name: 'case',
    weight: 30,
    who: (r, pick, known) => (pick(2) === 0 || !known ? r.coordination : known.police),
    document: ops.CASE,
    variables: (known) => (known ? { id: known.jointCaseId, first: 50 } : undefined),
    // The console's case page asks a case not found again for 8 s before it says so (CasePage.tsx).
    notFoundRetryMs: 8000,
  },
  {
    name: 'outgoingReferrals',
    weight: 8,
    who: (r) => r.firstResponder,
    document: ops.OUTGOING_REFERRALS,
    variables: () => ({ filter: QUEUE_PAGE }),
  },
  {
    name: 'investigations',
    weight: 10,
    who: (r, pick) => r.police[pick(r.police.length)] ?? r.police[0] ?? r.firstResponder,
    document: ops.INVESTIGATIONS,
    variables: () => ({ filter: QUEUE_PAGE }),
  },
  {
    name: 'incomingCaseFiles',
    weight: 7,
    who: (r) => r.prosecutor,
    document: ops.INCOMING_CASE_FILES,
    variables: () => ({ filter: QUEUE_PAGE }),
  },
  {
    name: 'upcomingHearings',
    weight: 7,
    who: (r) => r.prosecutor,
    document: ops.UPCOMING_HEARINGS,
    variables: () => ({ filter: { days: 30, ...QUEUE_PAGE } }),
  },
  {
    name: 'assistanceCases',
    weight: 7,
    who: (r) => r.assistance,
    document: ops.ASSISTANCE_CASES,
    variables: () => ({ filter: QUEUE_PAGE }),
  },
  {
    name: 'jointCases',
    weight: 6,
    who: (r) => r.coordination,
    document: ops.JOINT_CASES,
    variables: () => ({ filter: QUEUE_PAGE }),
  },
];

// ---------------------------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------------------------

export interface OperationReport {
  readonly operation: string;
  readonly kind: OperationKind;
  readonly count: number;
  readonly errors: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

export interface LoadReport {
  readonly url: string;
  readonly startedAt: string;
  readonly seconds: number;
  readonly warmupSeconds: number;
  readonly clients: number;
  readonly subscribers: number;
  readonly thinkMs: number;
  /** Load average (1, 5, 15 min) before and after the run. */
  readonly loadBefore: readonly number[];
  readonly loadAfter: readonly number[];
  readonly commands: RateReport;
  readonly reads: RateReport;
  /** Per operation (commands and reads: from when it was due to its answer; subscriptions: from the command's answer to the event). */
  readonly operations: readonly OperationReport[];
  /** Commands and reads together. */
  readonly overall: OperationReport;
  /** Every command together, and every read together. */
  readonly commandsOverall: OperationReport;
  readonly readsOverall: OperationReport;
  /**
   * Where the commands' time went, per operation (p50 and p99 of each part): the answers' Server-Timing phases,
   * the rest of the server's total, and the client's queueing beyond it.
   */
  readonly timeBreakdown: TimeBreakdown;
  /** Subscription events received in the window, by feed. */
  readonly events: Readonly<Record<string, number>>;
  /** Commands the subscribers should have seen an event for, and did not within the grace period. */
  readonly eventsMissing: number;
  /** Requests sent again because the server closed their kept-alive connection as they went out (not errors). */
  readonly requestsResent: number;
  /**
   * Case pages (timeline subscriptions) opened again because the coordination service did not know the case yet
   * (server mode, where it learns of a case through Kafka); not errors unless it still did not after 10 s.
   */
  readonly casePagesReopened: number;
  /** Reads answered NOT_FOUND and asked again, as the console's case page does (a case not known yet); not errors. */
  readonly readsAskedAgain: number;
  readonly errors: readonly { code: string; count: number; operations: string[]; samples: string[] }[];
  readonly errorCount: number;
  /** Cases started in the window, and those that reached the hearing and the assistance given. */
  readonly cases: { readonly started: number; readonly completed: number };
  /** The cases started in the window were followed to their end after it, and those steps measured. */
  readonly finishCases: boolean;
  /** Why the run failed (errors, a rate that fell short), or empty. */
  readonly failures: readonly string[];
}

export interface RateReport {
  readonly target: number;
  /**
   * Successful answers that arrived within the window, per second of it: the throughput. It keeps up with the target
   * while the platform does; past the knee answers queue up and it falls to what the platform can do.
   */
  readonly achieved: number;
  /** Operations due in the window (sent at their due time, whatever the platform's state). */
  readonly sent: number;
  /** Of those, how many succeeded (by the end of the run). */
  readonly succeeded: number;
}

/** A shortfall beyond this fraction of the target rate fails the run. */
const RATE_TOLERANCE = 0.05;
/** After the window: how long subscribers may take to see the last commands' events. */
const EVENT_GRACE_MS = 5_000;

/** Runs the load test and reports; throws only when it cannot start (no key, no platform). */
export async function runLoad(
  options: LoadOptions,
  log: (line: string) => void = () => undefined,
): Promise<LoadReport> {
  const url = checkLoopbackUrl(options.url);
  if (!existsSync(join(options.dataDir, 'dev-issuer-key.json'))) {
    throw new Error(
      `no development token issuer key in ${options.dataDir} (dev-issuer-key.json): point --data-dir (or ` +
        'PAMOJA_DATA_DIR) at the data directory of the platform under test (server mode: data/server)',
    );
  }
  const tokens = new Tokens(await loadOrCreateDevIssuer(options.dataDir));
  const http = new HttpGraphql(url, options.clients, options.timeoutMs);
  const loadBefore = os.loadavg();
  const startedAt = new Date().toISOString();

  // Several users per agency, so that no user goes over the platform's per-user rate limit (20 a second by
  // default): at most about 2 operations a second each on the busiest agency.
  const perSecond = options.rate * (1 + options.readsPerCommand);
  const usersPerAgency = Math.max(4, Math.ceil(perSecond / 2 / 2));

  const readRate = options.rate * options.readsPerCommand;
  const recorder = new Recorder();

  // Before anything is sent: the platform answers, with these tokens.
  const probe = await http.post(await tokens.of(nth(REGIONS, 0).coordination, 0), '{ __typename }', {});
  if (!probe.ok) {
    http.close();
    throw new Error(`${url.toString()} does not answer a GraphQL query: ${probe.code ?? ''} ${probe.message ?? ''}`);
  }

  // Every token before the clock starts: signing one is the load generator's work, not the platform's.
  for (const region of REGIONS) {
    const everyone = [
      region.firstResponder,
      ...region.police,
      region.prosecutor,
      region.assistance,
      region.coordination,
    ];
    for (const who of everyone) for (let user = 0; user < usersPerAgency; user++) await tokens.of(who, user);
  }

  const subscribers: Subscriber[] = [];
  try {
    for (let i = 0; i < options.subscribers; i++) {
      const police = nth(POLICE_UNITS, i);
      subscribers.push(await Subscriber.connect(url, police, await tokens.of(police, usersPerAgency + i), recorder));
    }
  } catch (error) {
    await Promise.all(subscribers.map((s) => s.close()));
    http.close();
    throw error;
  }
  const t0 = performance.now() + 200;
  const windowStart = t0 + options.warmup * 1000;
  const windowEnd = windowStart + options.seconds * 1000;
  recorder.measure(windowStart, windowEnd);
  log(
    `load: ${String(options.rate)} commands/s and ${String(readRate)} reads/s for ${String(options.seconds)} s ` +
      `after ${String(options.warmup)} s of warm-up, ${String(options.clients)} connections, ` +
      `${String(subscribers.length)} subscribers, against ${url.toString()}`,
  );

  let caseNumber = 0;
  let random = 0x9e3779b9;
  /** A small deterministic generator: the same mix at each run. */
  const pick = (n: number): number => {
    random ^= random << 13;
    random ^= random >>> 17;
    random ^= random << 5;
    return (random >>> 0) % Math.max(1, n);
  };
  const cases: Case[] = [];
  let casesStarted = 0;
  let casesCompleted = 0;
  const ready: { readyAt: number; step: Step; case: Case }[] = [];
  const readyReads: { readyAt: number; step: Step; case: Case }[] = [];
  const inFlight = new Set<Promise<void>>();
  const answered = { command: 0, read: 0 };
  const pending = new Set<NodeJS.Timeout>();
  let stopped = false;
  const sent = { command: 0, read: 0 };
  const succeeded = { command: 0, read: 0 };

  const track = (work: Promise<void>): void => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };

  const newCase = (): Case => {
    const number = caseNumber++;
    const region = nth(REGIONS, number);
    const police = nth(region.police, Math.floor(number / REGIONS.length));
    return {
      number,
      region,
      police,
      site: nth(region.sites, number),
      user: number % usersPerAgency,
      referralId: '',
      jointCaseId: '',
      referralRevision: 0,
      investigationId: '',
      investigationRevision: 0,
      suspectId: '',
      caseFileId: '',
      prosecutionId: '',
      prosecutionRevision: 0,
      personId: '',
      assistanceReferralId: '',
      assistanceReferralRevision: 0,
      assistanceId: '',
      assistanceRevision: 0,
      openTracks: 1,
      startedInWindow: false,
      subscriber: undefined,
    };
  };

  const closePage = (c: Case): void => {
    const subscriber = c.subscriber;
    if (subscriber) {
      // Keep the page open a moment for the last events, then make room for another case.
      const timer = setTimeout(() => {
        subscriber.unfollow(c.jointCaseId);
      }, 2_000);
      timer.unref();
    }
  };
  /** After the window, while the cases started in it are finished. */
  let finishing = false;
  const measured = (dueAt: number, c: Case): boolean => recorder.inWindow(dueAt) || (finishing && c.startedInWindow);
  const caseClosed = (c: Case): void => {
    if (recorder.inWindow(performance.now()) || (finishing && c.startedInWindow)) casesCompleted++;
    closePage(c);
  };

  const runStep = async (step: Step, c: Case, dueAt: number): Promise<void> => {
    const who = step.who(c);
    const token = await tokens.of(who, c.user);
    const sentAt = performance.now();
    const outcome = await http.post(token, step.document, step.variables(c));
    const answeredAt = performance.now();
    const counted = measured(dueAt, c);
    recorder.operation(step.name, step.kind, dueAt, answeredAt, outcome, counted);
    if (outcome.ok && recorder.inWindow(answeredAt)) answered[step.kind]++;
    if (!outcome.ok || !outcome.data) {
      // The case stops on this track, as a user would stop to find out what went wrong.
      c.openTracks = step === SUBMIT_REFERRAL_STEP ? 0 : c.openTracks - 1;
      if (c.openTracks <= 0) closePage(c);
      return;
    }
    if (counted) succeeded[step.kind]++;
    const next = step.then(c, outcome.data);

    // What the subscribers should now see: the referral in the police's live queue, the entry on the case's page.
    if (step === SUBMIT_REFERRAL_STEP) {
      if (recorder.inWindow(dueAt)) {
        casesStarted++;
        c.startedInWindow = true;
      }
      for (const subscriber of subscribers) {
        if (subscriber.police.agencyId === c.police.agencyId) {
          subscriber.referrals.acknowledged(c.referralId, answeredAt, dueAt);
        }
      }
      const follower = subscribers.find((s) => s.police.agencyId === c.police.agencyId && s.follow(c.jointCaseId));
      if (follower) c.subscriber = follower;
    } else if (
      step.entry &&
      c.subscriber?.follows(c.jointCaseId) &&
      sentAt > (c.subscriber.followedSince(c.jointCaseId) ?? Number.POSITIVE_INFINITY)
    ) {
      c.subscriber.timelines.acknowledged(`${c.jointCaseId}|${step.entry}`, answeredAt, dueAt);
    }

    if (next.length === 0 && c.openTracks <= 0) caseClosed(c);
    const readyAt = performance.now() + options.thinkMs;
    for (const step of next) {
      if (step.kind === 'command') ready.push({ readyAt, step, case: c });
      else if (readRate > 0) readyReads.push({ readyAt, step, case: c });
      else {
        // Without a read rate, a case's own read (the referral's page) still goes, once its user is ready.
        const timer = setTimeout(() => {
          pending.delete(timer);
          if (stopped) return;
          if (measured(readyAt, c)) sent.read++;
          track(runStep(step, c, readyAt));
        }, options.thinkMs);
        pending.add(timer);
      }
    }
  };

  /** The ready step of the oldest case: users finish what they started before they take on new cases. */
  const takeReady = (queue: { readyAt: number; step: Step; case: Case }[], now: number) => {
    let best = -1;
    for (let i = 0; i < queue.length; i++) {
      const candidate = queue[i];
      if (!candidate || candidate.readyAt > now) continue;
      if (best < 0 || candidate.case.number < (queue[best]?.case.number ?? Infinity)) best = i;
    }
    return best < 0 ? undefined : queue.splice(best, 1)[0];
  };

  const onCommand = (dueAt: number): void => {
    // A new referral at the share it has in a case's steps (one in CASE_STEPS.length), and whenever no case is
    // ready for its next step: new cases keep arriving while others are under way, as in a real week.
    const startNew = pick(CASE_STEPS.length) === 0;
    const next = startNew ? undefined : takeReady(ready, performance.now());
    let work: Promise<void>;
    if (next) {
      work = runStep(next.step, next.case, dueAt);
    } else {
      const c = newCase();
      cases.push(c);
      if (cases.length > 5_000) cases.splice(0, 1_000);
      work = runStep(SUBMIT_REFERRAL_STEP, c, dueAt);
    }
    if (recorder.inWindow(dueAt)) sent.command++;
    track(work);
  };

  const totalWeight = READS.reduce((sum, r) => sum + r.weight, 0);
  const credit: number[] = READS.map(() => 0);
  let readsAskedAgain = 0;
  const onRead = (dueAt: number): void => {
    if (recorder.inWindow(dueAt)) sent.read++;
    const next = takeReady(readyReads, performance.now());
    if (next) {
      track(runStep(next.step, next.case, dueAt));
      return;
    }
    // Smooth weighted round robin: every read its share in any run of a hundred, spread out, none left out.
    let best = 0;
    READS.forEach((candidate, i) => {
      credit[i] = (credit[i] ?? 0) + candidate.weight;
      if ((credit[i] ?? 0) > (credit[best] ?? 0)) best = i;
    });
    credit[best] = (credit[best] ?? 0) - totalWeight;
    const read = nth(READS, best);
    // A case someone has open: one of the recent ones with its joint case id.
    const known = cases.length > 0 ? cases[cases.length - 1 - pick(Math.min(cases.length, 200))] : undefined;
    const usable = known && known.jointCaseId !== '' ? known : undefined;
    let variables = read.variables(usable);
    let chosen = read;
    if (variables === undefined) {
      chosen = nth(READS, 0);
      variables = chosen.variables(undefined) ?? {};
    }
    const region = usable?.region ?? nth(REGIONS, pick(REGIONS.length));
    const who = chosen.who(region, pick, usable);
    const user = pick(usersPerAgency);
    const query = chosen.document;
    const body = variables;
    track(
      (async () => {
        const token = await tokens.of(who, user);
        const outcome = await askAgainWhileNotFound(
          () => http.post(token, query, body),
          chosen.notFoundRetryMs ?? 0,
          () => readsAskedAgain++,
        );
        const answeredAt = performance.now();
        recorder.operation(chosen.name, 'read', dueAt, answeredAt, outcome);
        if (outcome.ok && recorder.inWindow(answeredAt)) answered.read++;
        if (outcome.ok && recorder.inWindow(dueAt)) succeeded.read++;
      })(),
    );
  };

  /**
   * The window is over: each case started in it takes its remaining steps as soon as they are ready (no rate, no
   * new case); the other cases stop where they are. Ends when no such case has a step left, in flight or to come.
   */
  const finishCasesStartedInWindow = async (): Promise<void> => {
    const keep = (queue: typeof ready): void => {
      for (let i = queue.length - 1; i >= 0; i--) if (!queue[i]?.case.startedInWindow) queue.splice(i, 1);
    };
    log(`load: finishing the cases started in the window`);
    for (;;) {
      keep(ready);
      keep(readyReads);
      const now = performance.now();
      const next = takeReady(ready, now) ?? takeReady(readyReads, now);
      if (next) {
        sent[next.step.kind]++;
        track(runStep(next.step, next.case, next.readyAt));
        continue;
      }
      const waiting = [...ready, ...readyReads];
      if (waiting.length === 0 && inFlight.size === 0 && pending.size === 0) return;
      const soonest = waiting.reduce((t, r) => Math.min(t, r.readyAt), Number.POSITIVE_INFINITY);
      const until = Number.isFinite(soonest) ? Math.max(1, soonest - now) : 100;
      await Promise.race([sleep(until), ...inFlight]);
    }
  };

  const tickers = [ticker(options.rate, t0, windowEnd, onCommand)];
  if (readRate > 0) tickers.push(ticker(readRate, t0, windowEnd, onRead));
  await Promise.all(tickers);
  if (options.finishCases) {
    finishing = true;
    await finishCasesStartedInWindow();
  }
  stopped = true;
  for (const timer of pending) clearTimeout(timer);
  log(`load: the window is over; waiting for ${String(inFlight.size)} operations still in flight`);
  while (inFlight.size > 0) await Promise.race(inFlight);

  // The subscribers' last events.
  const graceEnd = performance.now() + EVENT_GRACE_MS;
  const waiting = (): number => subscribers.reduce((n, s) => n + s.referrals.waiting() + s.timelines.waiting(), 0);
  while (waiting() > 0 && performance.now() < graceEnd) await sleep(100);
  const eventsMissing = waiting();
  if (eventsMissing > 0) {
    recorder.error(
      'SUBSCRIPTION_EVENT_MISSING',
      'subscriptions',
      `${String(eventsMissing)} acknowledged commands had no event on the subscribers' feeds ${String(EVENT_GRACE_MS / 1000)} s after the window`,
    );
  }
  await Promise.all(subscribers.map((s) => s.close()));
  const requestsResent = http.resent;
  const casePagesReopened = subscribers.reduce((n, s) => n + s.reopened, 0);
  http.close();

  const rates = (kind: 'command' | 'read', target: number): RateReport => ({
    target,
    achieved: answered[kind] / options.seconds,
    sent: sent[kind],
    succeeded: succeeded[kind],
  });
  const commands = rates('command', options.rate);
  const reads = rates('read', readRate);

  const operationReports = [...recorder.operations.values()]
    .sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind) || a.name.localeCompare(b.name))
    .map((s) => summarize(s.name, s.kind, s.samples, s.errors));
  const requests = [...recorder.operations.values()].filter((s) => s.kind !== 'subscription');
  const overall = summarize(
    'overall',
    'read',
    requests.flatMap((s) => s.samples),
    requests.reduce((n, s) => n + s.errors, 0),
  );
  const ofKind = (name: string, kind: 'command' | 'read'): OperationReport => {
    const stats = requests.filter((s) => s.kind === kind);
    return summarize(
      name,
      kind,
      stats.flatMap((s) => s.samples),
      stats.reduce((n, s) => n + s.errors, 0),
    );
  };
  const errors = [...recorder.errors.entries()]
    .map(([code, tally]) => ({
      code,
      count: tally.count,
      operations: [...tally.operations].sort(),
      samples: tally.samples,
    }))
    .sort((a, b) => b.count - a.count);
  const errorCount = errors.reduce((n, e) => n + e.count, 0);
  const failures: string[] = [];
  if (errorCount > 0) failures.push(`${String(errorCount)} errors`);
  for (const [label, rate] of [
    ['commands', commands],
    ['reads', reads],
  ] as const) {
    if (rate.target > 0 && rate.achieved < rate.target * (1 - RATE_TOLERANCE)) {
      failures.push(
        `${label}: ${rate.achieved.toFixed(1)}/s achieved, more than ${String(RATE_TOLERANCE * 100)}% short of ${String(rate.target)}/s`,
      );
    }
  }
  return {
    url: url.toString(),
    startedAt,
    seconds: options.seconds,
    warmupSeconds: options.warmup,
    clients: options.clients,
    subscribers: subscribers.length,
    thinkMs: options.thinkMs,
    loadBefore,
    loadAfter: os.loadavg(),
    commands,
    reads,
    operations: operationReports,
    overall,
    commandsOverall: ofKind('all commands', 'command'),
    readsOverall: ofKind('all reads', 'read'),
    timeBreakdown: recorder.breakdown.report(),
    events: Object.fromEntries(recorder.received),
    eventsMissing,
    requestsResent,
    casePagesReopened,
    readsAskedAgain,
    errors,
    errorCount,
    cases: { started: casesStarted, completed: casesCompleted },
    finishCases: options.finishCases ?? false,
    failures,
  };
}

/** The list's item at `index` modulo its length; the lists here are constants, never empty. */
function nth<T>(list: readonly T[], index: number): T {
  const item = list[index % list.length];
  if (item === undefined) throw new Error('an empty list');
  return item;
}

function kindOrder(kind: OperationKind): number {
  return kind === 'command' ? 0 : kind === 'read' ? 1 : 2;
}

function summarize(name: string, kind: OperationKind, samples: readonly number[], errors: number): OperationReport {
  return {
    operation: name,
    kind,
    count: samples.length,
    errors,
    p50Ms: percentile(samples, 50),
    p90Ms: percentile(samples, 90),
    p99Ms: percentile(samples, 99),
    maxMs: samples.length === 0 ? Number.NaN : samples.reduce((m, s) => Math.max(m, s), 0),
  };
}

/**
 * Calls `onTick(dueAt)` `rate` times a second from `start` to `end` (performance.now() times), each with the time it
 * was due: when the loop falls behind, the late ticks go at once with their own due times, so the lateness counts.
 */
async function ticker(rate: number, start: number, end: number, onTick: (dueAt: number) => void): Promise<void> {
  const interval = 1000 / rate;
  for (let k = 0; ; k++) {
    const dueAt = start + k * interval;
    if (dueAt >= end) return;
    const wait = dueAt - performance.now();
    if (wait > 1) await sleep(wait);
    else if (k % 32 === 0) await yieldToLoop();
    onTick(dueAt);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------------------------

const ms = (value: number): string => formatMs(value);

export function renderReport(report: LoadReport): string {
  const rows = [...report.operations, report.overall].map((o) => [
    o.operation,
    o.kind === 'subscription' ? 'event delay' : o.operation === 'overall' ? 'all requests' : o.kind,
    String(o.count),
    String(o.errors),
    ms(o.p50Ms),
    ms(o.p90Ms),
    ms(o.p99Ms),
    ms(o.maxMs),
  ]);
  const lines = [
    `Load test against ${report.url}, ${report.startedAt}: ${String(report.seconds)} s measured after ` +
      `${String(report.warmupSeconds)} s of warm-up; ${String(report.clients)} HTTP connections, ` +
      `${String(report.subscribers)} WebSocket subscribers, ${String(report.thinkMs)} ms between a case's steps`,
    `Load average (1/5/15 min): before ${report.loadBefore.map((l) => l.toFixed(2)).join(' / ')}, ` +
      `after ${report.loadAfter.map((l) => l.toFixed(2)).join(' / ')}; ${String(os.availableParallelism())} cores`,
    '',
    renderConsoleTable({
      columns: ['operation', 'kind', 'count', 'errors', 'p50', 'p90', 'p99', 'max'],
      rows,
      align: ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right'],
    }),
    '',
    'Latency of commands and reads: from when the operation was due (open loop) to its answer. Event delay: from ' +
      "the command's answer to the subscriber's event (0 when the event came first).",
    '',
    renderBreakdown(report.timeBreakdown),
    '',
    rateLine('commands', report.commands),
    rateLine('reads', report.reads),
    `cases: ${String(report.cases.started)} started in the window, ${String(report.cases.completed)} reached the ` +
      `hearing and the assistance given${report.finishCases ? ' (followed to their end after the window)' : ''}`,
    `subscription events received: ${
      Object.entries(report.events)
        .map(([feed, n]) => `${feed.replace(/^sub /, '')} ${String(n)}`)
        .join(', ') || 'none'
    }${report.eventsMissing > 0 ? `; ${String(report.eventsMissing)} expected and missing` : ''}`,
    ...(report.requestsResent > 0
      ? [
          `requests sent again on a new connection after the server closed a kept-alive one: ${String(report.requestsResent)}`,
        ]
      : []),
    ...(report.readsAskedAgain > 0
      ? [`reads asked again because the case was not known yet: ${String(report.readsAskedAgain)}`]
      : []),
    ...(report.casePagesReopened > 0
      ? [
          `case pages opened again because the coordination service did not know the case yet: ${String(report.casePagesReopened)}`,
        ]
      : []),
    '',
  ];
  if (report.errors.length === 0) {
    lines.push('errors: none');
  } else {
    lines.push(
      renderConsoleTable({
        title: 'errors by code',
        columns: ['code', 'count', 'operations', 'e.g.'],
        rows: report.errors.map((e) => [e.code, String(e.count), e.operations.join(', '), e.samples[0] ?? '']),
        align: ['left', 'right', 'left', 'left'],
      }),
    );
  }
  lines.push('', report.failures.length === 0 ? 'PASS' : `FAIL: ${report.failures.join('; ')}`);
  return lines.join('\n');
}

function rateLine(label: string, rate: RateReport): string {
  const ratio = rate.target > 0 ? ` (${((rate.achieved / rate.target) * 100).toFixed(1)}% of target)` : '';
  return (
    `${label}: target ${String(rate.target)}/s, achieved ${rate.achieved.toFixed(1)}/s${ratio}; ` +
    `${String(rate.sent)} due in the window, ${String(rate.succeeded)} of them succeeded`
  );
}
