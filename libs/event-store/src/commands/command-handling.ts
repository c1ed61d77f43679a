import { createHash } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import {
  ConcurrencyConflictError,
  InvalidInputError,
  idDerivedFrom,
  isTimeOrderedId,
  type Actor,
  type Decider,
  type DomainEvent,
  type EventMetadata,
  type LogPosition,
  type NewEvent,
  type RecordedEvent,
} from '@pamoja/contracts';
import { WrongExpectedRevisionError } from '../errors.js';
import { NO_STREAM, NO_STREAM_REVISION, type EventStore } from '../event-store.port.js';

/** Namespace for event ids derived from command ids (UUID v5): fixed forever, never change it. */
const COMMAND_EVENT_NAMESPACE = '6f1c2a8e-4b7d-5e3f-9a1b-2c3d4e5f6a7b';

/** What the client sends besides the command's own data. */
export interface ClientCommandContext {
  readonly commandId: string;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly expectedRevision?: number;
}

/** Everything a command carries besides its own data: who, why, and the client's view of the aggregate. */
export interface CommandContext {
  /** Client-supplied id: the same id retried returns the first result and writes nothing new. */
  readonly commandId: string;
  readonly actor: Actor;
  readonly correlationId: string;
  /** The joint case the command acts in, when the client knows it; otherwise taken from the state. */
  readonly jointCaseId: string | null;
  /** The revision the client last saw; when given, acting on anything newer is a conflict. */
  readonly expectedRevision?: number;
  readonly now: Date;
}

export interface CommandOutcome<TState> {
  readonly streamId: string;
  /** Stream revision after the command; -1 when the stream is still empty. */
  readonly revision: number;
  readonly state: TState;
  /** Log position of the last event written (or found, on a retry); undefined when nothing was written. */
  readonly position: LogPosition | undefined;
  /** True when this was a retry of a command already handled. */
  readonly replayed: boolean;
}

export interface HandleCommandOptions<TEvent extends DomainEvent, TState> {
  /** Turns a stored event back into the domain event (upcasting older schema versions). */
  readonly toDomainEvent: (event: RecordedEvent) => TEvent;
  /** The joint case an aggregate belongs to, to tag its events for distribution. */
  readonly jointCaseIdOf?: (state: TState) => string | null;
  /** Attempts when concurrent writers race and the client gave no expected revision. */
  readonly maxAttempts?: number;
  /**
   * The command's data as the client sent it, before parsing: what a retry is compared on, so parsing
   * (trimming, say) never turns a faithful retry into "a different command".
   */
  readonly sentData?: unknown;
}

/**
 * Deterministic event id for the n-th event a command causes, so a retry writes the same ids.
 *
 * A time-ordered command id (UUID v7, as the console and the platform make them) gives time-ordered event ids: the
 * command id's 48-bit millisecond, then 74 bits of a SHA-256 of the namespace, the command id and the index, laid
 * out as a version 7 UUID. The log's event-id index then grows at its right edge instead of taking each append on a
 * random leaf (docs/adr/0040-time-ordered-ids.md). Any other command id keeps the name-based id (UUID v5) it always
 * had, so a client that sends random ids is answered as before.
 */
export function eventIdFor(commandId: string, index: number): string {
  return idDerivedFrom(commandId, `${commandId}/${index}`, COMMAND_EVENT_NAMESPACE);
}

/** The id the n-th event of a command had before time-ordered ids (UUID v5), for every command id. */
export function nameBasedEventId(commandId: string, index: number): string {
  return uuidv5(`${commandId}/${index}`, COMMAND_EVENT_NAMESPACE);
}

/**
 * The first event a command wrote, if it was handled. A time-ordered command id handled before time-ordered event
 * ids existed wrote its events under the name-based id: looked up too, so a retry that spans the upgrade is
 * answered as the first attempt was and never written twice.
 */
export async function findCommandEvent(
  store: Pick<EventStore, 'findEvent'>,
  commandId: string,
): Promise<RecordedEvent | undefined> {
  const found = await store.findEvent(eventIdFor(commandId, 0));
  if (found || !isTimeOrderedId(commandId)) return found;
  return store.findEvent(nameBasedEventId(commandId, 0));
}

/** The ids the first event of a command may have: the time-ordered one, and the name-based one it replaced. */
function firstEventIds(commandId: string): ReadonlySet<string> {
  return new Set([eventIdFor(commandId, 0), nameBasedEventId(commandId, 0)]);
}

/** SHA-256 over a canonical (key-sorted) JSON of the command, to refuse a command id reused for other input. */
export function commandHash(command: unknown): string {
  return createHash('sha256').update(canonicalJson(command)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  // JSON.stringify returns undefined for undefined and functions, whatever its declared type says.
  return JSON.stringify(value === undefined ? null : value);
}

/**
 * Loads the aggregate's events, folds them with `evolve`, runs `decide`, and appends the result with the
 * exact expected revision. Nothing is published from memory: readers learn of the events from the log.
 */
export async function handleCommand<
  TCommand extends { readonly type: string; readonly data: unknown },
  TEvent extends DomainEvent,
  TState,
>(
  store: EventStore,
  decider: Decider<TCommand, TEvent, TState>,
  streamId: string,
  command: TCommand,
  context: CommandContext,
  options: HandleCommandOptions<TEvent, TState>,
): Promise<CommandOutcome<TState>> {
  // Only what the client sent counts: a retry arrives with another clock and the same data.
  const hash = commandHash({ streamId, type: command.type, data: options.sentData ?? command.data });
  const previous = await findPreviousOutcome(store, decider, streamId, context.commandId, hash, options);
  if (previous) return previous;

  const maxAttempts = context.expectedRevision === undefined ? (options.maxAttempts ?? 5) : 1;
  const firstIds = firstEventIds(context.commandId);
  for (let attempt = 1; ; attempt++) {
    const history = await store.readStream(streamId);
    // The same command may have landed since the check above (a concurrent retry): answer as it did.
    const landed = history.find((e) => firstIds.has(e.eventId));
    if (landed) return outcomeOf(landed, history, decider, streamId, hash, options);
    const revision = history.length === 0 ? NO_STREAM_REVISION : (history[history.length - 1]?.streamRevision ?? -1);
    if (context.expectedRevision !== undefined && context.expectedRevision !== revision) {
      throw new ConcurrencyConflictError(entityOf(streamId), idOf(streamId), context.expectedRevision, revision);
    }
    const state = history
      .map((e) => options.toDomainEvent(e))
      .reduce((s, e) => decider.evolve(s, e), decider.initialState);
    const decided = decider.decide(command, state);
    if (decided.length === 0) return { streamId, revision, state, position: undefined, replayed: false };
    const after = decided.reduce((s, e) => decider.evolve(s, e), state);

    const metadata: EventMetadata = {
      actor: context.actor,
      correlationId: context.correlationId,
      causationId: context.commandId,
      jointCaseId: context.jointCaseId ?? options.jointCaseIdOf?.(after) ?? null,
      occurredAt: context.now.toISOString(),
      commandId: context.commandId,
      commandHash: hash,
    };
    const events: NewEvent[] = decided.map((event, index) => ({
      eventId: eventIdFor(context.commandId, index),
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      metadata,
    }));
    try {
      const result = await store.appendToStream(streamId, events, {
        expectedRevision: revision === NO_STREAM_REVISION ? NO_STREAM : revision,
      });
      return {
        streamId,
        revision: result.nextExpectedRevision,
        state: after,
        position: result.position,
        replayed: result.idempotentReplay,
      };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      if (attempt >= maxAttempts) {
        throw new ConcurrencyConflictError(
          entityOf(streamId),
          idOf(streamId),
          context.expectedRevision ?? revision,
          error.actual,
        );
      }
      // Someone else wrote in between: decide again on the new state.
    }
  }
}

async function findPreviousOutcome<TCommand, TEvent extends DomainEvent, TState>(
  store: EventStore,
  decider: Decider<TCommand, TEvent, TState>,
  streamId: string,
  commandId: string,
  hash: string,
  options: HandleCommandOptions<TEvent, TState>,
): Promise<CommandOutcome<TState> | undefined> {
  const first = await findCommandEvent(store, commandId);
  if (!first) return undefined;
  return outcomeOf(first, await store.readStream(streamId), decider, streamId, hash, options);
}

/** The result a command had when it was first handled, rebuilt from the events it wrote. */
function outcomeOf<TCommand, TEvent extends DomainEvent, TState>(
  first: RecordedEvent,
  history: readonly RecordedEvent[],
  decider: Decider<TCommand, TEvent, TState>,
  streamId: string,
  hash: string,
  options: HandleCommandOptions<TEvent, TState>,
): CommandOutcome<TState> {
  if (first.streamId !== streamId || first.metadata.commandHash !== hash) {
    throw new InvalidInputError([
      { field: 'commandId', reason: 'this command id was already used for a different command; use a new id' },
    ]);
  }
  const commandId = first.metadata.commandId;
  let last = first;
  for (const event of history) {
    if (event.streamRevision > first.streamRevision && event.metadata.commandId === commandId) last = event;
  }
  const state = history
    .filter((e) => e.streamRevision <= last.streamRevision)
    .map((e) => options.toDomainEvent(e))
    .reduce((s, e) => decider.evolve(s, e), decider.initialState);
  return {
    streamId,
    revision: last.streamRevision,
    state,
    position: { transactionId: last.transactionId, globalPosition: last.globalPosition },
    replayed: true,
  };
}

/** Streams are named `<entity>-<id>`; errors name the entity the way a user knows it. */
function entityOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  const entity = dash > 0 ? streamId.slice(0, dash) : streamId;
  return entity.charAt(0).toUpperCase() + entity.slice(1);
}

function idOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash > 0 ? streamId.slice(dash + 1) : streamId;
}

/**
 * Turns a stored event of an aggregate's own stream into its domain event. Old versions were already
 * upcast by the store; an event type the context does not know means the stream is not what it claims.
 */
export function domainEventReader<TEvent extends DomainEvent>(
  knownTypes: readonly TEvent['type'][],
): (event: RecordedEvent) => TEvent {
  return (event) => {
    if (!(knownTypes as readonly string[]).includes(event.type)) {
      throw new Error(`unexpected event ${event.type} in stream ${event.streamId}`);
    }
    // The type was checked above; the data is as the context itself wrote (or upcast) it.
    return { type: event.type, schemaVersion: event.schemaVersion, data: event.data } as TEvent;
  };
}
