import { type ExpectedRevision } from './event-store.port.js';

/** The stream is not where the writer expected it to be; nothing was written. */
export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** NO_STREAM_REVISION (-1) when the stream does not exist. */
    readonly actual: number,
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, actual ${actual}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

/** Some, not all, of the event ids are already stored, or they are stored in another stream. */
export class EventIdConflictError extends Error {
  constructor(
    readonly streamId: string,
    readonly eventIds: readonly string[],
  ) {
    super(`stream ${streamId}: event ids already used elsewhere or partially stored: ${eventIds.join(', ')}`);
    this.name = 'EventIdConflictError';
  }
}
