import { type Actor } from './actor.js';

/** Metadata recorded with every event: who, when, and the causal chain. */
export interface EventMetadata {
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly jointCaseId: string | null;
  /** ISO-8601 UTC instant at which the actor acted. */
  readonly occurredAt: string;
  /** The client-supplied command id this event answers, when it came from a command. */
  readonly commandId?: string;
  /** SHA-256 of the command's canonical input; a reused command id with other input is refused. */
  readonly commandHash?: string;
  /**
   * W3C trace context of the request that appended the event (`00-<trace id>-<span id>-<flags>`), when it was
   * traced: what the relay and the projections continue (ADR 0029). Never personal data.
   */
  readonly traceparent?: string;
  /** W3C `tracestate` that came with `traceparent`, when there was one. */
  readonly tracestate?: string;
}

/** An event about to be appended. `type` is an explicit past-tense name, never a class name. */
export interface NewEvent<TType extends string = string, TData = unknown> {
  readonly eventId: string;
  readonly type: TType;
  readonly schemaVersion: number;
  readonly data: TData;
  readonly metadata: EventMetadata;
}

/** A position in the global log. Order is (transactionId, globalPosition): commit-safe, see ADR 0003. */
export interface LogPosition {
  readonly transactionId: number;
  readonly globalPosition: number;
}

export const LOG_START: LogPosition = Object.freeze({ transactionId: 0, globalPosition: 0 });

export function compareLogPositions(a: LogPosition, b: LogPosition): number {
  return a.transactionId - b.transactionId || a.globalPosition - b.globalPosition;
}

/** An event as stored: the envelope every reader receives. */
export interface RecordedEvent<TType extends string = string, TData = unknown> extends NewEvent<TType, TData> {
  readonly streamId: string;
  /** 0-based revision of the event within its stream. */
  readonly streamRevision: number;
  readonly globalPosition: number;
  readonly transactionId: number;
  readonly recordedAt: Date;
}

export function logPositionOf(event: RecordedEvent): LogPosition {
  return { transactionId: event.transactionId, globalPosition: event.globalPosition };
}
