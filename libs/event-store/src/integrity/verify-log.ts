import { compareLogPositions, LOG_START, type LogPosition } from '@pamoja/contracts';
import { chainHash, EMPTY_HASH, extendLogDigest, storedContentSql } from '../sql/event-hash.js';
import {
  bytesOf,
  cursorAfter,
  readLogCheckpoints,
  readLogPage,
  type IntegrityTarget,
  type LogCheckpoint,
  type LogCursor,
} from './log-checkpoints.js';

/**
 * What a broken link is:
 * - `content_altered`: the event's stored content no longer gives its stored hash, and the stored hash is the
 *   original (the next event of the stream, or a checkpoint, chains on it);
 * - `hash_altered`: the event's stored hash was changed (its content gives the hash the next event or a
 *   checkpoint chains on);
 * - `content_or_hash_altered`: the content and the stored hash disagree and nothing after them tells which one
 *   changed (the last event of its stream, not yet under a checkpoint);
 * - `revision_missing`: the stream skips revisions (events deleted, or a stream that does not start at 0);
 * - `revision_out_of_sequence`: a revision appears again or after a later one in log order;
 * - `stream_tail_missing`: a checkpoint recorded a stream at a revision the log no longer reaches;
 * - `events_missing_before_checkpoint` / `events_added_before_checkpoint`: fewer or more events up to a
 *   checkpoint's head than it counted;
 * - `checkpoint_digest_mismatch`: the right number of events, but their hashes or their order differ from what
 *   the checkpoint folded (or the checkpoint row itself was changed);
 * - `checkpoint_missing`: checkpoint numbers skip (checkpoint rows deleted);
 * - `expected_digest_mismatch`: a digest kept outside the database (the platform logs one per checkpoint) does
 *   not match the log;
 * - `log_truncated`: a reader (projection, relay) has already processed positions the log no longer reaches.
 */
export type LogBreakKind =
  | 'content_altered'
  | 'hash_altered'
  | 'content_or_hash_altered'
  | 'revision_missing'
  | 'revision_out_of_sequence'
  | 'stream_tail_missing'
  | 'events_missing_before_checkpoint'
  | 'events_added_before_checkpoint'
  | 'checkpoint_digest_mismatch'
  | 'checkpoint_missing'
  | 'expected_digest_mismatch'
  | 'log_truncated';

export interface LogBreak {
  readonly kind: LogBreakKind;
  /** One sentence saying what is wrong and where. */
  readonly description: string;
  readonly streamId?: string;
  readonly streamRevision?: number;
  /** The position of the event at fault, or where it was found missing. */
  readonly position?: LogPosition;
  readonly checkpointSeq?: number;
  readonly expected: string;
  readonly found: string;
}

/** A log digest recorded outside the database: the first `eventCount` events fold into `digest` (hex). */
export interface ExpectedDigest {
  readonly eventCount: number;
  readonly digest: string;
}

/** A reader's checkpoint: it processed the log up to `position`, so the log must still reach it. */
export interface LogWitness {
  readonly name: string;
  readonly position: LogPosition;
}

export interface VerifyLogProgress {
  readonly events: number;
  readonly position: LogPosition;
  readonly head: LogPosition;
}

export interface VerifyLogOptions {
  /** Events read per query; default 2000. */
  readonly batchSize?: number;
  readonly onProgress?: (progress: VerifyLogProgress) => void;
  readonly expectedDigests?: readonly ExpectedDigest[];
  /** Read them before calling: the verifier takes the head after, so a reader can never be ahead of it. */
  readonly witnesses?: readonly LogWitness[];
  /** Breaks kept in the report (all are counted); default 100. */
  readonly maxBreaks?: number;
}

export interface LogVerification {
  readonly intact: boolean;
  /** The readers' safe head when the verification started: events up to it were checked. */
  readonly head: LogPosition;
  readonly events: number;
  readonly streams: number;
  /** Hex of the log digest over every event checked, in log order. */
  readonly digest: string;
  readonly checkpoints: number;
  readonly lastCheckpoint: LogCheckpoint | undefined;
  /** Events after the last checkpoint: covered by their streams' chains only. */
  readonly eventsAfterLastCheckpoint: number;
  /**
   * The first broken link: the earliest break in a stream (in log order) when there is one, otherwise the
   * earliest checkpoint or digest that does not match.
   */
  readonly firstBreak: LogBreak | undefined;
  readonly breaks: readonly LogBreak[];
  readonly breakCount: number;
}

type MutableBreak = { -readonly [K in keyof LogBreak]: LogBreak[K] };

interface StreamState {
  revision: number;
  hash: Buffer;
  position: LogPosition;
  /** The hash the last event's content gives, when it differs from the stored one. */
  recomputed?: Buffer;
  /** The break at the last event, until a later event or checkpoint tells content from hash. */
  pending?: MutableBreak;
}

interface EventRow {
  transaction_id: number;
  global_position: number;
  stream_id: string;
  stream_revision: number;
  hash: Uint8Array;
  content: string;
}

const at = (p: LogPosition): string => `(${p.transactionId}, ${p.globalPosition})`;

function describe(b: MutableBreak): string {
  const seq = String(b.checkpointSeq ?? '?');
  const where =
    b.streamId !== undefined ? `${b.streamId} revision ${String(b.streamRevision ?? '?')}` : `checkpoint ${seq}`;
  const pos = b.position ? ` at log position ${at(b.position)}` : '';
  switch (b.kind) {
    case 'content_altered':
      return `${where}${pos}: content altered (its stored content no longer gives its stored hash)`;
    case 'hash_altered':
      return `${where}${pos}: hash altered (its content gives the hash the rest of the log chains on, not the stored one)`;
    case 'content_or_hash_altered':
      return `${where}${pos}: content or hash altered (they disagree; nothing after them tells which one changed)`;
    case 'revision_missing':
      return `${b.streamId ?? '?'}${pos}: revision missing (expected ${b.expected}, found ${b.found})`;
    case 'revision_out_of_sequence':
      return `${b.streamId ?? '?'}${pos}: revision out of sequence (expected ${b.expected}, found ${b.found})`;
    case 'stream_tail_missing':
      return `${where}: the stream's tail is missing (checkpoint ${seq} recorded ${b.expected}, the log has ${b.found})`;
    case 'events_missing_before_checkpoint':
      return `checkpoint ${seq}${pos}: events missing before it (it counted ${b.expected}, the log has ${b.found})`;
    case 'events_added_before_checkpoint':
      return b.streamId !== undefined
        ? `${where}${pos}: event added before checkpoint ${seq} (it recorded ${b.expected}, the log has ${b.found})`
        : `checkpoint ${seq}${pos}: events added before it (it counted ${b.expected}, the log has ${b.found})`;
    case 'checkpoint_digest_mismatch':
      return `checkpoint ${seq}${pos}: log digest differs (an event hash before it or their order was changed, or the checkpoint itself)`;
    case 'checkpoint_missing':
      return `checkpoint ${seq}: checkpoint rows missing before it (expected ${b.expected}, found ${b.found})`;
    case 'expected_digest_mismatch':
      return `the first ${b.expected.split(' ')[0] ?? '?'} events do not give the digest kept outside the database`;
    case 'log_truncated':
      return `the log ends before ${b.expected} (found ${b.found}): events at its end were removed`;
  }
}

/**
 * Recomputes every stream's hash chain and the log digest at every checkpoint, reading the log in log order a
 * page at a time. Memory: one entry per stream (its last revision and hash), not the events.
 */
export async function verifyLog(target: IntegrityTarget, options: VerifyLogOptions = {}): Promise<LogVerification> {
  const batchSize = options.batchSize ?? 2000;
  const maxBreaks = options.maxBreaks ?? 100;
  // Checkpoints before the head: every checkpoint read is then at or below the head, unless events were removed.
  const checkpoints = await readLogCheckpoints(target);
  const head = await target.headPosition();

  const breaks: MutableBreak[] = [];
  let breakCount = 0;
  const record = (b: Omit<MutableBreak, 'description'>): MutableBreak | undefined => {
    breakCount++;
    if (breaks.length >= maxBreaks) return undefined;
    const full: MutableBreak = { ...b, description: '' };
    breaks.push(full);
    return full;
  };

  const streams = new Map<string, StreamState>();
  /** Streams appended to since the last checkpoint settled, with their last revision. */
  let touched = new Map<string, number>();
  /** Over every event from the start: compared with digests kept outside. */
  let digest: Buffer = EMPTY_HASH;
  /** From the last checkpoint's recorded digest, with stored hashes and with recomputed ones. */
  let intervalDigest: Buffer = EMPTY_HASH;
  let repairedDigest: Buffer = EMPTY_HASH;
  let pendingInInterval: MutableBreak[] = [];
  let count = 0;
  let checkpointIndex = 0;
  let expectedSeq = 1;
  let lastSettled: LogCheckpoint | undefined;
  let countAtLastCheckpoint = 0;
  let lastPosition: LogPosition = LOG_START;
  const expectedDigests = [...(options.expectedDigests ?? [])].sort((a, b) => a.eventCount - b.eventCount);
  let expectedIndex = 0;

  const settleCheckpoint = (cp: LogCheckpoint): void => {
    if (cp.seq !== expectedSeq) {
      record({
        kind: 'checkpoint_missing',
        checkpointSeq: cp.seq,
        expected: `checkpoint ${expectedSeq}`,
        found: `checkpoint ${cp.seq}`,
      });
    }
    expectedSeq = cp.seq + 1;
    const recorded = cp.digest;
    const stored = intervalDigest.toString('hex');
    // Which pending breaks were content, which were hash: the checkpoint folded the original hashes.
    if (stored === recorded) {
      for (const b of pendingInInterval) if (b.kind === 'content_or_hash_altered') b.kind = 'content_altered';
    } else if (pendingInInterval.length > 0 && repairedDigest.toString('hex') === recorded) {
      for (const b of pendingInInterval) if (b.kind === 'content_or_hash_altered') b.kind = 'hash_altered';
    }
    for (const [streamId, revision] of Object.entries(cp.streamHeads)) {
      const state = streams.get(streamId);
      const have = state ? state.revision : -1;
      if (have < revision) {
        record({
          kind: 'stream_tail_missing',
          streamId,
          streamRevision: have + 1,
          checkpointSeq: cp.seq,
          expected: `revision ${revision}`,
          found: have < 0 ? 'no event of the stream' : `revision ${have}`,
        });
      }
    }
    for (const [streamId, revision] of touched) {
      const recordedRevision = cp.streamHeads[streamId];
      if (recordedRevision === undefined || revision > recordedRevision) {
        const state = streams.get(streamId);
        record({
          kind: 'events_added_before_checkpoint',
          streamId,
          streamRevision: revision,
          ...(state ? { position: state.position } : {}),
          checkpointSeq: cp.seq,
          expected: recordedRevision === undefined ? 'no event of the stream' : `revision ${recordedRevision}`,
          found: `revision ${revision}`,
        });
      }
    }
    const events = count;
    if (events !== cp.eventCount) {
      record({
        kind: events < cp.eventCount ? 'events_missing_before_checkpoint' : 'events_added_before_checkpoint',
        checkpointSeq: cp.seq,
        position: cp.position,
        expected: `${cp.eventCount} events`,
        found: `${events} events`,
      });
    } else if (stored !== recorded) {
      record({
        kind: 'checkpoint_digest_mismatch',
        checkpointSeq: cp.seq,
        position: cp.position,
        expected: `digest ${recorded}`,
        found: `digest ${stored}`,
      });
    }
    // The next interval is checked against what this checkpoint recorded, so one break does not spill over.
    intervalDigest = Buffer.from(recorded, 'hex');
    repairedDigest = intervalDigest;
    pendingInInterval = [];
    touched = new Map();
    lastSettled = cp;
    countAtLastCheckpoint = count;
  };

  let cursor: LogCursor = { position: LOG_START };
  const content = storedContentSql('e');
  for (;;) {
    const rows = await readLogPage<Pick<EventRow, 'hash' | 'content'>>(
      target,
      `e.hash, ${content} AS content`,
      cursor,
      head,
      batchSize,
    );
    for (const row of rows) {
      const position: LogPosition = { transactionId: row.transaction_id, globalPosition: row.global_position };
      for (let cp = checkpoints[checkpointIndex]; cp && compareLogPositions(position, cp.position) > 0;) {
        settleCheckpoint(cp);
        cp = checkpoints[++checkpointIndex];
      }
      const stored = bytesOf(row.hash);
      count++;
      digest = extendLogDigest(digest, row.transaction_id, row.global_position, stored);
      intervalDigest = extendLogDigest(intervalDigest, row.transaction_id, row.global_position, stored);
      lastPosition = position;

      const state = streams.get(row.stream_id);
      const expectedRevision = state ? state.revision + 1 : 0;
      let recomputedForDigest = stored;
      if (row.stream_revision !== expectedRevision) {
        record({
          kind: row.stream_revision > expectedRevision ? 'revision_missing' : 'revision_out_of_sequence',
          streamId: row.stream_id,
          streamRevision: row.stream_revision,
          position,
          expected: `revision ${expectedRevision}`,
          found: `revision ${row.stream_revision}`,
        });
        // Start again from this event: its own link cannot be checked without the one before.
        streams.set(row.stream_id, {
          revision: Math.max(row.stream_revision, state?.revision ?? -1),
          hash: stored,
          position,
        });
      } else {
        const recomputed = chainHash(state?.hash ?? EMPTY_HASH, row.content);
        let intact = recomputed.equals(stored);
        if (state?.pending) {
          if (intact) state.pending.kind = 'content_altered';
          else if (state.recomputed && chainHash(state.recomputed, row.content).equals(stored)) {
            state.pending.kind = 'hash_altered';
            intact = true;
          }
        }
        let pending: MutableBreak | undefined;
        if (!intact) {
          recomputedForDigest = recomputed;
          pending = record({
            kind: 'content_or_hash_altered',
            streamId: row.stream_id,
            streamRevision: row.stream_revision,
            position,
            expected: `hash ${recomputed.toString('hex')}`,
            found: `hash ${stored.toString('hex')}`,
          });
          if (pending) pendingInInterval.push(pending);
        }
        streams.set(row.stream_id, {
          revision: row.stream_revision,
          hash: stored,
          position,
          ...(intact ? {} : { recomputed }),
          ...(pending ? { pending } : {}),
        });
      }
      repairedDigest = extendLogDigest(repairedDigest, row.transaction_id, row.global_position, recomputedForDigest);
      touched.set(row.stream_id, Math.max(touched.get(row.stream_id) ?? -1, row.stream_revision));

      for (let e = expectedDigests[expectedIndex]; e && e.eventCount <= count; e = expectedDigests[++expectedIndex]) {
        if (e.eventCount === count && digest.toString('hex') !== e.digest.toLowerCase()) {
          record({
            kind: 'expected_digest_mismatch',
            position,
            expected: `${e.eventCount} events with digest ${e.digest.toLowerCase()}`,
            found: `digest ${digest.toString('hex')}`,
          });
        }
      }
    }
    const last = rows[rows.length - 1];
    if (last) {
      cursor = cursorAfter(last);
      options.onProgress?.({ events: count, position: cursor.position, head });
    }
    if (!last || rows.length < batchSize) break;
  }
  // Checkpoints beyond the last event: the log lost events up to them.
  for (let cp = checkpoints[checkpointIndex]; cp; cp = checkpoints[++checkpointIndex]) settleCheckpoint(cp);
  for (let e = expectedDigests[expectedIndex]; e; e = expectedDigests[++expectedIndex]) {
    record({
      kind: 'expected_digest_mismatch',
      expected: `${e.eventCount} events with digest ${e.digest.toLowerCase()}`,
      found: `${count} events`,
    });
  }
  for (const witness of options.witnesses ?? []) {
    if (compareLogPositions(witness.position, lastPosition) > 0) {
      record({
        kind: 'log_truncated',
        position: witness.position,
        expected: `position ${at(witness.position)}, which ${witness.name} has already processed`,
        found: `the last event at ${at(lastPosition)}`,
      });
    }
  }

  for (const b of breaks) b.description = describe(b);
  const firstBreak = breaks.find((b) => b.streamId !== undefined) ?? breaks[0];
  return {
    intact: breakCount === 0,
    head,
    events: count,
    streams: streams.size,
    digest: digest.toString('hex'),
    checkpoints: checkpoints.length,
    lastCheckpoint: lastSettled,
    eventsAfterLastCheckpoint: count - countAtLastCheckpoint,
    firstBreak,
    breaks,
    breakCount,
  };
}
