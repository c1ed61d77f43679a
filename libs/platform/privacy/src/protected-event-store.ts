import { type NewEvent, type RecordedEvent, type LogPosition } from '@pamoja/contracts';
import {
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type ReadAllOptions,
  type ReadAllResult,
  type ReadStreamOptions,
  type SubscribeOptions,
  type Subscription,
  type Upcasters,
} from '@pamoja/event-store';
import { decryptValue, encryptValue, isEncryptedEnvelope, type EncryptedEnvelope } from './personal-data-cipher.js';
import { PersonalDataErasedError, type PersonalDataKeys, type SubjectKey } from './personal-data-keys.js';
import { type PersonalDataRegistry } from './personal-data-registry.js';

type Json = Record<string, unknown>;

interface ProtectedEventStoreOptions {
  /** Applied after decryption, so upcasters see plain values (give the inner store none). */
  readonly upcasters?: Upcasters;
}

/**
 * The event store as every command handler and projection sees it: declared personal fields are encrypted
 * with the subject's key before they are stored, and decrypted on every read. A field whose key was
 * destroyed (erasure) reads as null. Storing an erasure event destroys its subject's key right after the
 * append; the erasure projection does it again from the log, so a crash in between loses nothing.
 */
export class ProtectedEventStore implements EventStore {
  constructor(
    readonly inner: EventStore,
    private readonly keys: PersonalDataKeys,
    private readonly registry: PersonalDataRegistry,
    private readonly options: ProtectedEventStoreOptions = {},
  ) {}

  async appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    // A retried append encrypts again with fresh IVs: the store recognises a replay by event ids alone.
    const stored = await this.encryptAll(streamId, events);
    const result = await this.inner.appendToStream(streamId, stored, options);
    for (const event of events) {
      const erasure = this.registry.erasureOf(event.type);
      if (erasure) {
        const data = event.data as Json;
        await this.keys.destroy(erasure.subjectOf(data), erasure.reasonOf(data));
      }
    }
    return result;
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.decryptAll(await this.inner.readStream(streamId, options));
  }

  streamRevision(streamId: string): Promise<number> {
    return this.inner.streamRevision(streamId);
  }

  async readAll(options?: ReadAllOptions): Promise<ReadAllResult> {
    const page = await this.inner.readAll(options);
    return { events: await this.decryptAll(page.events), checkedUpTo: page.checkedUpTo };
  }

  async findEvent(eventId: string): Promise<RecordedEvent | undefined> {
    const event = await this.inner.findEvent(eventId);
    return event ? (await this.decryptAll([event]))[0] : undefined;
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    return this.inner.subscribeToAll({
      ...options,
      onEvents: async (events: RecordedEvent[], checkedUpTo: LogPosition) =>
        options.onEvents(await this.decryptAll(events), checkedUpTo),
    });
  }

  headPosition(): Promise<LogPosition> {
    return this.inner.headPosition();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /**
   * Encrypts every event's declared fields. New personal data of an erased person is refused; but a retry
   * of events already stored in this stream (the first answer was lost) is a retry still, whoever was erased
   * since: it goes on without its personal data, and the store answers it with the first result, writing
   * nothing.
   */
  private async encryptAll(streamId: string, events: readonly NewEvent[]): Promise<NewEvent[]> {
    try {
      return await Promise.all(events.map((event) => this.encrypt(event)));
    } catch (error) {
      if (!(error instanceof PersonalDataErasedError) || !(await this.allStoredIn(streamId, events))) throw error;
      return events.map((event) => this.withoutPersonalData(event));
    }
  }

  private async allStoredIn(streamId: string, events: readonly NewEvent[]): Promise<boolean> {
    const found = await Promise.all(events.map((event) => this.inner.findEvent(event.eventId)));
    return found.every((event) => event?.streamId === streamId);
  }

  private withoutPersonalData(event: NewEvent): NewEvent {
    const declaration = this.registry.personalDataOf(event.type);
    if (!declaration) return event;
    let data = event.data as Json;
    for (const path of declaration.paths) if (getPath(data, path) != null) data = withPath(data, path, null);
    return { ...event, data };
  }

  private async encrypt(event: NewEvent): Promise<NewEvent> {
    const declaration = this.registry.personalDataOf(event.type);
    if (!declaration) return event;
    const data = event.data as Json;
    const subject = declaration.subjectOf(data);
    let copy: Json | undefined;
    for (const path of declaration.paths) {
      const value = getPath(data, path);
      // Nothing to protect (no personal data given); an envelope already there is stored as it is.
      if (value === undefined || value === null || isEncryptedEnvelope(value)) continue;
      const key = await this.keys.keyForWriting(subject);
      const envelope = encryptValue(key, value, { subject, eventId: event.eventId, eventType: event.type, path });
      copy = withPath(copy ?? data, path, envelope);
    }
    return copy ? { ...event, data: copy } : event;
  }

  /** Decrypts every envelope of a batch with one key look-up, then upcasts. */
  async decryptAll(events: readonly RecordedEvent[]): Promise<RecordedEvent[]> {
    const found = events.map((event) => ({ event, envelopes: envelopesIn(event.data) }));
    const subjects = found.flatMap(({ envelopes }) => envelopes.map(({ envelope }) => envelope.encrypted.subject));
    const keys: ReadonlyMap<string, SubjectKey> =
      subjects.length > 0 ? await this.keys.keysForReading(subjects) : new Map<string, SubjectKey>();
    return found.map(({ event, envelopes }) => {
      let current = event;
      if (envelopes.length > 0) {
        let data = event.data as Json;
        for (const { path, envelope } of envelopes) {
          const subject = envelope.encrypted.subject;
          const key = keys.get(subject);
          // Erased (or a key that is not there): the field reads as if no personal data had been given.
          const value =
            key?.state === 'active'
              ? decryptValue(key.key, envelope, { subject, eventId: event.eventId, eventType: event.type, path })
              : null;
          data = withPath(data, path, value);
        }
        current = { ...event, data };
      }
      return this.options.upcasters ? this.options.upcasters.upcast(current) : current;
    });
  }
}

/** Every envelope in an event's data with its dotted path (objects only: personal data is never in a list). */
function envelopesIn(data: unknown, prefix = '', depth = 0): { path: string; envelope: EncryptedEnvelope }[] {
  if (typeof data !== 'object' || data === null || Array.isArray(data) || depth > 4) return [];
  const found: { path: string; envelope: EncryptedEnvelope }[] = [];
  for (const [key, value] of Object.entries(data as Json)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (isEncryptedEnvelope(value)) found.push({ path, envelope: value });
    else found.push(...envelopesIn(value, path, depth + 1));
  }
  return found;
}

function getPath(data: Json, path: string): unknown {
  let current: unknown = data;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Json)[part];
  }
  return current;
}

/**
 * `data` with the value at `path` replaced, leaving `data` itself untouched: the objects on the path are copied
 * (one level each), everything else is shared. A path through something that is not an object changes nothing.
 * Cheaper than cloning the whole event, which every read of a personal field did.
 */
function withPath(data: Json, path: string, value: unknown): Json {
  const [head, ...rest] = path.split('.');
  if (head === undefined) return data;
  if (rest.length === 0) return { ...data, [head]: value };
  const next = data[head];
  if (typeof next !== 'object' || next === null || Array.isArray(next)) return data;
  return { ...data, [head]: withPath(next as Json, rest.join('.'), value) };
}
