import { request, type Document } from './client';
import { database, type OutboxEntry } from './db';
import { ApiError, OfflineError } from './errors';

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
const acknowledgements = new Map<string, (answer: Acknowledgement) => void>();
let entries: readonly OutboxEntry[] = [];
let owner = '';
let flushing: Promise<void> | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;

/** Retry pauses after a failure to reach the platform or a server error: 2 s up to 5 min, with jitter. */
function backoff(attempts: number): number {
  const base = Math.min(300_000, 2000 * 2 ** Math.max(0, attempts - 1));
  return base / 2 + Math.random() * (base / 2);
}

function notify(): void {
  for (const listener of listeners) listener();
}

async function reload(): Promise<void> {
  const db = await database();
  const all = owner ? await db.getAllFromIndex('outbox', 'byOwner', owner) : [];
  entries = all.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  notify();
}

/** Whose commands this device sends now (on sign-in); another person's stay put. */
export async function openOutboxFor(person: string): Promise<void> {
  owner = person;
  await reload();
  void flush();
}

export function outboxEntries(): readonly OutboxEntry[] {
  return entries;
}

export function onOutboxChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function newCommandId(): string {
  return crypto.randomUUID();
}

export interface QueuedCommand<V extends { input: Record<string, unknown> & { commandId: string } }> {
  readonly document: Document<unknown, V>;
  readonly mutation: string;
  readonly variables: V;
  readonly label: string;
  readonly subject?: { readonly kind: string; readonly id: string };
}

/**
 * Keeps the command on the device, then tries to send it. Resolves with the platform's answer once it
 * is acknowledged (at once when online; after reconnecting otherwise); callers show "queued" meanwhile.
 */
export async function submitCommand<V extends { input: Record<string, unknown> & { commandId: string } }>(
  command: QueuedCommand<V>,
): Promise<{ queued: true; acknowledged: Promise<Acknowledgement> }> {
  if (!owner) throw new Error('sign in first');
  const entry: OutboxEntry = {
    commandId: command.variables.input.commandId,
    owner,
    mutation: command.mutation,
    document: command.document.toString(),
    variables: command.variables,
    label: command.label,
    createdAt: new Date().toISOString(),
    state: 'pending',
    attempts: 0,
    ...(command.subject ? { subject: command.subject } : {}),
  };
  const db = await database();
  // The same commandId twice (a double click) is one command.
  if (!(await db.get('outbox', entry.commandId))) await db.put('outbox', entry);
  const acknowledged = new Promise<Acknowledgement>((resolve) => acknowledgements.set(entry.commandId, resolve));
  await reload();
  void flush();
  return { queued: true, acknowledged };
}

/** The person read a refusal or chose to drop a conflicting command: it leaves the outbox. */
export async function discard(commandId: string): Promise<void> {
  const db = await database();
  await db.delete('outbox', commandId);
  acknowledgements.delete(commandId);
  await reload();
}

/** Sends every pending command, oldest first, one at a time (and one tab at a time). */
export function flush(): Promise<void> {
  flushing ??= withDeviceLock(sendPending).finally(() => {
    flushing = undefined;
  });
  return flushing;
}

async function withDeviceLock(work: () => Promise<void>): Promise<void> {
  if (typeof navigator !== 'undefined' && 'locks' in navigator) {
    await navigator.locks.request('pamoja-outbox', work);
  } else {
    await work();
  }
}

async function sendPending(): Promise<void> {
  await reload();
  const db = await database();
  const now = Date.now();
  for (const stale of entries) {
    const entry = await db.get('outbox', stale.commandId);
    if (!entry || entry.state !== 'pending') continue;
    if (entry.nextAttemptAt && Date.parse(entry.nextAttemptAt) > now) continue;
    entry.attempts += 1;
    entry.lastAttemptAt = new Date().toISOString();
    try {
      const data = await request(
        entry.document as unknown as Document<Record<string, unknown>, unknown>,
        entry.variables,
        {
          timeoutMs: 20_000,
        },
      );
      await db.delete('outbox', entry.commandId);
      acknowledgements.get(entry.commandId)?.({
        commandId: entry.commandId,
        mutation: entry.mutation,
        answer: data[entry.mutation],
      });
      acknowledgements.delete(entry.commandId);
    } catch (error) {
      if (error instanceof OfflineError) {
        entry.nextAttemptAt = new Date(Date.now() + backoff(entry.attempts)).toISOString();
        await db.put('outbox', entry);
        break; // The link is down: the rest waits too, in order.
      }
      if (error instanceof ApiError) {
        if (
          error.code === 'RATE_LIMITED' ||
          error.code === 'INTERNAL_SERVER_ERROR' ||
          error.code === 'UNAUTHENTICATED'
        ) {
          const wait = (error.details.retryAfterSeconds ?? 0) * 1000 || backoff(entry.attempts);
          entry.nextAttemptAt = new Date(Date.now() + wait).toISOString();
          await db.put('outbox', entry);
          break;
        }
        entry.state = error.code === 'CONFLICT' ? 'conflict' : 'refused';
        entry.error = {
          code: error.code,
          message: error.message,
          ...(error.details.rule ? { rule: error.details.rule } : {}),
          ...(error.details.fields ? { fields: error.details.fields } : {}),
          ...(error.details.currentRevision !== undefined ? { currentRevision: error.details.currentRevision } : {}),
          ...(error.details.expectedRevision !== undefined ? { expectedRevision: error.details.expectedRevision } : {}),
        };
        await db.put('outbox', entry);
        continue;
      }
      throw error;
    }
  }
  await reload();
  scheduleNext();
}

function scheduleNext(): void {
  if (timer) clearTimeout(timer);
  const waiting = entries.filter((e) => e.state === 'pending');
  if (waiting.length === 0) return;
  const next = Math.min(...waiting.map((e) => (e.nextAttemptAt ? Date.parse(e.nextAttemptAt) : Date.now())));
  timer = setTimeout(() => void flush(), Math.max(1000, next - Date.now()));
}

/** Sends again as soon as the browser says the link is back. */
export function startOutbox(): () => void {
  const online = () => {
    // Back online: what waited on a back-off goes now.
    void (async () => {
      const db = await database();
      for (const entry of entries.filter((e) => e.state === 'pending')) {
        const stored = await db.get('outbox', entry.commandId);
        if (stored?.nextAttemptAt) {
          delete stored.nextAttemptAt;
          await db.put('outbox', stored);
        }
      }
      await flush();
    })();
  };
  window.addEventListener('online', online);
  return () => window.removeEventListener('online', online);
}
