import { type LogPosition, type NewEvent, type RecordedEvent } from '@pamoja/contracts';

/** Append whatever the stream's state. */
export const ANY = 'any' as const;
/** Append only if the stream does not exist yet. */
export const NO_STREAM = 'no_stream' as const;
/** Append only if the stream already has at least one event. */
export const STREAM_EXISTS = 'stream_exists' as const;

/** `number` is the exact revision of the stream's last event (0-based). */
export type ExpectedRevision = typeof ANY | typeof NO_STREAM | typeof STREAM_EXISTS | number;

/** The revision a stream that has no events reports. */
export const NO_STREAM_REVISION = -1;

export interface AppendOptions {
  readonly expectedRevision: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the last event appended: pass it as the exact expected revision next time. */
  readonly nextExpectedRevision: number;
  /** Log position of the last event appended. */
  readonly position: LogPosition;
  /** True when every event id was already stored: a retry, nothing new was written. */
  readonly idempotentReplay: boolean;
}

export interface ReadStreamOptions {
  readonly direction?: 'forwards' | 'backwards';
  /** Inclusive; defaults to the first (forwards) or last (backwards) event. */
  readonly fromRevision?: number;
  readonly maxCount?: number;
}

export interface EventFilter {
  /** Keep events whose stream id starts with one of these prefixes. */
  readonly streamPrefixes?: readonly string[];
  /** Keep events of these types. */
  readonly eventTypes?: readonly string[];
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Defaults to the start of the log. */
  readonly after?: LogPosition;
  readonly maxCount?: number;
  readonly filter?: EventFilter;
}

export interface ReadAllResult {
  readonly events: RecordedEvent[];
  /**
   * How far the log has been examined: every committed event up to here was either returned or
   * filtered out. A reader resumes from it, so a filter that matches little does not rescan.
   */
  readonly checkedUpTo: LogPosition;
}

export interface SubscribeOptions {
  /** Exclusive; defaults to the start of the log. */
  readonly after?: LogPosition;
  readonly filter?: EventFilter;
  readonly batchSize?: number;
  /** Called with each batch in global order; the next batch waits for the promise. */
  readonly onEvents: (events: RecordedEvent[], checkedUpTo: LogPosition) => Promise<void>;
  /** Called whenever the subscription has delivered everything committed so far. */
  readonly onCaughtUp?: (position: LogPosition) => void;
}

export interface Subscription {
  /** Last position handed to (and accepted by) the handler, or examined past by the filter. */
  readonly position: LogPosition;
  /** Resolves when stopped; rejects with the handler's error if the handler failed. */
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

/**
 * The system of record. Every adapter passes the contract suite in libs/testing.
 */
export interface EventStore {
  appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** The stream's current revision, or NO_STREAM_REVISION. */
  streamRevision(streamId: string): Promise<number>;
  readAll(options?: ReadAllOptions): Promise<ReadAllResult>;
  /** Finds an already stored event by id (used to answer a retried command). */
  findEvent(eventId: string): Promise<RecordedEvent | undefined>;
  /** Catch up from `after`, then follow new events live; never skips an event that commits late. */
  subscribeToAll(options: SubscribeOptions): Subscription;
  /** The position of the newest committed event that readers may see. */
  headPosition(): Promise<LogPosition>;
  close(): Promise<void>;
}

/** Dependency-injection tokens, so layers that only know the ports can ask for the adapters. */
export const EVENT_STORE = Symbol.for('pamoja.EventStore');
