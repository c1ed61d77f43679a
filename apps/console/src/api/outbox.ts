import { currentToken, request, type Document } from './client';
import { database, type OutboxEntry } from './db';
import { ApiError, OfflineError } from './errors';
import { newId } from './ids';

/**
 * The outbox: every command goes through it. Its `commandId` is made once, when the person presses
 * submit, and the command stays in IndexedDB until the platform acknowledges it; resends (on reconnect,
 * after a reload, from another tab) carry the same id, and the platform answers a retry with its first
 * outcome, so each submit lands once. A CONFLICT (the thing changed since the person looked) is never
 * resent: it waits for the person to see what changed and decide. A refusal (bad input, a rule) waits
 * to be read and dismissed.
 */

export type Acknowledgement = { readonly commandId: string; readonly mutation: string; readonly answer: unknown };
type Listener = () => void;

const listeners = new Set<Listener>();
/** One promise per command id, however many times the person pressed submit for it. */
const waiters = new Map<string, { promise: Promise<Acknowledgement>; resolve: (answer: Acknowledgement) => void }>();
let entries: readonly OutboxEntry[] = [];
let owner = '';
/** Whose entries `entries` holds: '' until the first read after sign-in. */
let loadedFor = '';
let flushing: Promise<void> | undefined;
/** A flush was asked for while one ran (the link came back mid-send): run once more after it. */
let flushAgain = false;
let timer: ReturnType<typeof setTimeout> | undefined;
let lastCreatedAt = 0;
/** Other tabs of the console on this device: each tells the others when the outbox changed. */
let channel: BroadcastChannel | undefined;

/**
 * Commands whose input carries a person's own data (a victim's identity and whereabouts, a suspect's name, a
 * protection measure's or a service's description): while they wait on the device, they are dropped when
 * the person signs out, so a phone handed on or lost after signing out holds none of them. A command that
 * waits while the session merely lapses stays, to be sent after signing in again.
 */
const PERSONAL_MUTATIONS: ReadonlySet<string> = new Set([
  'registerVictim',
  'applyProtectionMeasure',
  'provideService',
  'identifySuspect',
  'recordArrest',
]);

/** The signed-in person's waiting commands that carry personal data. */
export function personalCommandsWaiting(): number {
  return entries.filter((entry) => PERSONAL_MUTATIONS.has(entry.mutation)).length;
}

/** On signing out: the signed-in person's commands that carry personal data leave the device, sent or not. */
export async function forgetPersonalCommands(): Promise<void> {
  if (!owner) return;
  const db = await database();
  const tx = db.transaction('outbox', 'readwrite');
  for (const entry of await tx.store.index('byOwner').getAll(owner)) {
    if (PERSONAL_MUTATIONS.has(entry.mutation)) await tx.store.delete(entry.commandId);
  }
  await tx.done;
  await changed();
}

/** The codes that say "not now" rather than "no": the command is kept and sent again later. */
const TRANSIENT = new Set(['RATE_LIMITED', 'INTERNAL_SERVER_ERROR', 'UNAUTHENTICATED']);

/** Retry pauses after a failure to reach the platform or a server error: 2 s up to 5 min, with jitter. */
export function backoff(attempts: number): number {
  const base = Math.min(300_000, 2000 * 2 ** Math.max(0, attempts - 1));
  return base / 2 + Math.random() * (base / 2);
}

function notify(): void {
  for (const listener of listeners) listener();
}

async function reload(): Promise<void> {
  const db = await database();
  const reading = owner;
  const all = reading ? await db.getAllFromIndex('outbox', 'byOwner', reading) : [];
  if (reading !== owner) return; // Another person signed in meanwhile: their read is on its way.
  entries = all.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.commandId.localeCompare(b.commandId));
  loadedFor = reading;
  notify();
}

/** After a change this tab made: its own view, and the other tabs'. */
async function changed(): Promise<void> {
  await reload();
  channel?.postMessage('changed');
}

/** Whose commands this device sends now (on sign-in); another person's stay put. */
export async function openOutboxFor(person: string): Promise<void> {
  if (owner !== person) {
    // Another person's commands leave the screen at once, and their retry timer stops.
    if (timer) clearTimeout(timer);
    timer = undefined;
    entries = [];
    loadedFor = '';
    owner = person;
    notify();
  }
  if (!channel && typeof BroadcastChannel !== 'undefined') {
    channel = new BroadcastChannel('pamoja-outbox');
    channel.onmessage = () => void reload();
  }
  await reload();
  void flush();
}

/** On sign-out: nobody's commands are shown or sent until the next person opens theirs. */
export function closeOutbox(): void {
  owner = '';
  loadedFor = '';
  entries = [];
  if (timer) clearTimeout(timer);
  timer = undefined;
  channel?.close();
  channel = undefined;
  notify();
}

export function outboxEntries(): readonly OutboxEntry[] {
  return entries;
}

/** The answers this tab received lately, for a page that sees its command leave the outbox. */
const answered = new Map<string, Acknowledgement>();
/**
 * Mutations whose answer carries a signing secret (shown once): handed only to the page waiting for it
 * (`acknowledged`), never kept among the answers above, and never written to the device.
 */
const SECRET_ANSWERS: ReadonlySet<string> = new Set(['createWebhookEndpoint', 'rotateWebhookSecret']);

function remember(acknowledgement: Acknowledgement): void {
  answered.set(acknowledgement.commandId, acknowledgement);
  const oldest = answered.keys().next();
  if (answered.size > 100 && !oldest.done) answered.delete(oldest.value);
}

/** The platform's answer to a command this tab sent, while it is remembered. */
export function acknowledgementOf(commandId: string): Acknowledgement | undefined {
  return answered.get(commandId);
}

/** Whether `outboxEntries()` is this device's whole outbox for the person signed in (read since sign-in). */
export function outboxLoaded(): boolean {
  return loadedFor !== '' && loadedFor === owner;
}

export function onOutboxChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function newCommandId(): string {
  return newId();
}

export interface QueuedCommand<V extends { input: Record<string, unknown> & { commandId: string } }> {
  readonly document: Document<unknown, V>;
  readonly mutation: string;
  readonly variables: V;
  readonly label: string;
  readonly subject?: { readonly kind: string; readonly id: string };
}

function waiterFor(commandId: string): Promise<Acknowledgement> {
  const known = waiters.get(commandId);
  if (known) return known.promise;
  let resolve: (answer: Acknowledgement) => void = () => undefined;
  const promise = new Promise<Acknowledgement>((r) => (resolve = r));
  waiters.set(commandId, { promise, resolve });
  return promise;
}

/** Strictly increasing on this device, so two commands queued in the same millisecond keep their order. */
function creationTime(): string {
  lastCreatedAt = Math.max(Date.now(), lastCreatedAt + 1);
  return new Date(lastCreatedAt).toISOString();
}

function entryOf<V extends { input: Record<string, unknown> & { commandId: string } }>(
  command: QueuedCommand<V>,
): OutboxEntry {
  return {
    commandId: command.variables.input.commandId,
    owner,
    mutation: command.mutation,
    document: command.document.toString(),
    variables: command.variables,
    label: command.label,
    createdAt: creationTime(),
    state: 'pending',
    attempts: 0,
    ...(command.subject ? { subject: command.subject } : {}),
  };
}

/**
 * Keeps the command on the device, then tries to send it. Resolves with the platform's answer once it
 * is acknowledged (at once when online; after reconnecting otherwise); callers show "queued" meanwhile.
 */
export async function submitCommand<V extends { input: Record<string, unknown> & { commandId: string } }>(
  command: QueuedCommand<V>,
): Promise<{ queued: true; acknowledged: Promise<Acknowledgement> }> {
  if (!owner) throw new Error('sign in first');
  const entry = entryOf(command);
  const acknowledged = waiterFor(entry.commandId);
  const db = await database();
  // The same commandId twice (a double click) is one command: the first one stays as it was queued.
  const tx = db.transaction('outbox', 'readwrite');
  if (!(await tx.store.get(entry.commandId))) await tx.store.put(entry);
  await tx.done;
  await changed();
  void flush();
  return { queued: true, acknowledged };
}

/** The person read a refusal or chose to drop a conflicting command: it leaves the outbox. */
export async function discard(commandId: string): Promise<void> {
  const db = await database();
  await db.delete('outbox', commandId);
  waiters.delete(commandId);
  await changed();
}

/**
 * The person saw what changed and chose to do the same again on the version there is now: a new
 * command (a new commandId, `expectedRevision` = the current revision) takes the conflicting one's place,
 * in one step, so that neither both nor none stay. Whether the action still makes sense is the caller's
 * to judge; this never happens by itself.
 */
export async function applyToCurrentVersion(
  commandId: string,
  currentRevision: number,
): Promise<{ commandId: string; acknowledged: Promise<Acknowledgement> }> {
  const db = await database();
  const tx = db.transaction('outbox', 'readwrite');
  const old = await tx.store.get(commandId);
  if (old?.state !== 'conflict') {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw new Error(`command ${commandId} is not waiting on a conflict`);
  }
  const fresh = newCommandId();
  const replacement: OutboxEntry = {
    commandId: fresh,
    owner: old.owner,
    mutation: old.mutation,
    document: old.document,
    variables: {
      ...old.variables,
      input: { ...old.variables.input, commandId: fresh, expectedRevision: currentRevision },
    },
    label: old.label,
    createdAt: creationTime(),
    state: 'pending',
    attempts: 0,
    ...(old.subject ? { subject: old.subject } : {}),
  };
  await tx.store.delete(commandId);
  await tx.store.put(replacement);
  await tx.done;
  waiters.delete(commandId);
  const acknowledged = waiterFor(replacement.commandId);
  await changed();
  void flush();
  return { commandId: replacement.commandId, acknowledged };
}

/** Sends every pending command, oldest first, one at a time (and one tab at a time). */
export function flush(): Promise<void> {
  if (flushing) {
    flushAgain = true;
    return flushing;
  }
  const run = async () => {
    let again = true;
    while (again) {
      flushAgain = false;
      await withDeviceLock(sendPending);
      again = askedAgain();
    }
  };
  flushing = run().finally(() => {
    flushing = undefined;
  });
  return flushing;
}

function askedAgain(): boolean {
  return flushAgain;
}

/** "Try now": what waits on a back-off goes at once (the link is back, or the person asked). */
export async function retryNow(): Promise<void> {
  const db = await database();
  for (const entry of entries.filter((e) => e.state === 'pending')) {
    const stored = await db.get('outbox', entry.commandId);
    if (stored?.state === 'pending' && stored.nextAttemptAt) {
      delete stored.nextAttemptAt;
      await db.put('outbox', stored);
    }
  }
  await flush();
}

async function withDeviceLock(work: () => Promise<void>): Promise<void> {
  if (typeof navigator !== 'undefined' && 'locks' in navigator) {
    await navigator.locks.request('pamoja-outbox', work);
  } else {
    await work();
  }
}

function errorOf(error: ApiError): NonNullable<OutboxEntry['error']> {
  const { rule, reason, fields, currentRevision, expectedRevision } = error.details;
  return {
    code: error.code,
    message: error.message,
    ...(rule ? { rule } : {}),
    ...(reason ? { reason } : {}),
    ...(fields ? { fields } : {}),
    ...(currentRevision !== undefined ? { currentRevision } : {}),
    ...(expectedRevision !== undefined ? { expectedRevision } : {}),
  };
}

async function sendPending(): Promise<void> {
  // Whose commands this pass sends: if that person signs out or another signs in meanwhile, it stops,
  // so no command is ever sent with someone else's token.
  const sender = owner;
  await reload();
  // Nobody signed in (the session ended): the commands wait for their owner's next sign-in.
  if (!currentToken()) return;
  const db = await database();
  const now = Date.now();
  for (const stale of entries) {
    if (owner !== sender) break;
    const entry = await db.get('outbox', stale.commandId);
    if (!entry || entry.state !== 'pending' || entry.owner !== sender) continue;
    // Oldest first: while the oldest waits its back-off, the later ones wait behind it (a screening never
    // overtakes the referral it screens).
    if (entry.nextAttemptAt && Date.parse(entry.nextAttemptAt) > now) break;
    entry.attempts += 1;
    entry.lastAttemptAt = new Date().toISOString();
    let data: Record<string, unknown>;
    try {
      data = await request(entry.document as unknown as Document<Record<string, unknown>, unknown>, entry.variables, {
        timeoutMs: 20_000,
      });
    } catch (error) {
      if (error instanceof ApiError && !TRANSIENT.has(error.code)) {
        // A CONFLICT waits for the person to decide; a refusal waits to be read. Neither is sent again.
        entry.state = error.code === 'CONFLICT' ? 'conflict' : 'refused';
        entry.error = errorOf(error);
        delete entry.nextAttemptAt;
        await db.put('outbox', entry);
        continue;
      }
      // Not sent, or not known to be: the link is down, the platform is busy or failed, the session ended.
      // The same command goes again later, and the ones after it wait their turn.
      const retryAfter = error instanceof ApiError ? (error.details.retryAfterSeconds ?? 0) * 1000 : 0;
      entry.nextAttemptAt = new Date(Date.now() + (retryAfter || backoff(entry.attempts))).toISOString();
      await db.put('outbox', entry);
      if (!(error instanceof OfflineError) && !(error instanceof ApiError)) console.error(error);
      break;
    }
    await db.delete('outbox', entry.commandId);
    const acknowledgement = { commandId: entry.commandId, mutation: entry.mutation, answer: data[entry.mutation] };
    if (!SECRET_ANSWERS.has(entry.mutation)) remember(acknowledgement);
    // The outbox shows it gone before anyone hears the answer: a page that moves on never counts it.
    await changed();
    waiters.get(entry.commandId)?.resolve(acknowledgement);
    waiters.delete(entry.commandId);
  }
  await changed();
  scheduleNext();
}

function scheduleNext(): void {
  if (timer) clearTimeout(timer);
  timer = undefined;
  const waiting = entries.filter((e) => e.state === 'pending');
  if (waiting.length === 0 || !owner) return;
  const next = Math.min(...waiting.map((e) => (e.nextAttemptAt ? Date.parse(e.nextAttemptAt) : Date.now())));
  timer = setTimeout(() => void flush(), Math.max(1000, next - Date.now()));
}

/** Sends again as soon as the browser says the link is back. */
export function startOutbox(): () => void {
  const online = () => void retryNow();
  window.addEventListener('online', online);
  return () => window.removeEventListener('online', online);
}
