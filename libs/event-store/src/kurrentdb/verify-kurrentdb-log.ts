import { compareLogPositions, type LogPosition } from '@pamoja/contracts';
import { contentText } from '../sql/canonical-content.js';
import { chainHash, EMPTY_HASH, extendLogDigest } from '../sql/event-hash.js';
import { type LogBreak, type LogVerification, type VerifyLogOptions } from '../integrity/verify-log.js';
import { type KurrentDbEventStore, type StoredEvent } from './kurrentdb-event-store.js';

type MutableBreak = { -readonly [K in keyof LogBreak]: LogBreak[K] };

interface StreamState {
  revision: number;
  /** The stored hash of the stream's last event. */
  hash: Buffer;
  /** What the last event's content gives, when it differs from the stored hash. */
  recomputed?: Buffer;
  pending?: MutableBreak;
}

const at = (p: LogPosition): string => `(${p.transactionId}, ${p.globalPosition})`;

function recompute(previous: Buffer, event: StoredEvent): Buffer {
  return chainHash(
    previous,
    contentText({
      streamId: event.streamId,
      revision: event.revision,
      eventId: event.eventId,
      eventType: event.type,
      schemaVersion: event.schemaVersion,
      recordedAtMicros: event.recordedAtMicros,
      dataJson: JSON.stringify(event.data),
      metadataJson: JSON.stringify(event.metadata),
    }),
  );
}

/**
 * `npm run verify` on a log kept in KurrentDB: every stream's hash chain (ADR 0012) recomputed from the events as
 * the server keeps them, with the same content(e) and the same printer as the PostgreSQL log's writer (ADR 0032),
 * and the log digest over `$all` in commit order, compared with digests kept outside (`--expect`). A break in a
 * chain is told apart as on PostgreSQL: content altered when the next event still chains on the stored hash, hash
 * altered when it chains on the recomputed one. The log's periodic checkpoints are not kept for this log yet, so
 * events deleted from a stream's end are not detected (ADR 0035).
 */
export async function verifyKurrentDbLog(
  store: KurrentDbEventStore,
  options: Pick<VerifyLogOptions, 'expectedDigests' | 'maxBreaks' | 'onProgress' | 'witnesses'> = {},
): Promise<LogVerification> {
  const maxBreaks = options.maxBreaks ?? 100;
  const head = await store.headPosition();
  const breaks: MutableBreak[] = [];
  let breakCount = 0;
  const record = (b: Omit<MutableBreak, 'description'>, description: string): MutableBreak | undefined => {
    breakCount++;
    if (breaks.length >= maxBreaks) return undefined;
    const full: MutableBreak = { ...b, description };
    breaks.push(full);
    return full;
  };
  const expected = new Map((options.expectedDigests ?? []).map((d) => [d.eventCount, d.digest.toLowerCase()]));
  const streams = new Map<string, StreamState>();
  let digest: Buffer = EMPTY_HASH;
  let count = 0;

  for await (const event of store.storedEvents(head)) {
    count++;
    const where = `${event.streamId} revision ${event.revision} at log position ${at(event.position)}`;
    const state = streams.get(event.streamId);
    const lastRevision = state?.revision ?? -1;
    if (event.revision !== lastRevision + 1) {
      const kind = event.revision > lastRevision + 1 ? 'revision_missing' : 'revision_out_of_sequence';
      record(
        {
          kind,
          streamId: event.streamId,
          streamRevision: event.revision,
          position: event.position,
          expected: String(lastRevision + 1),
          found: String(event.revision),
        },
        `${event.streamId} at log position ${at(event.position)}: ${kind === 'revision_missing' ? 'revision missing' : 'revision out of sequence'} (expected ${lastRevision + 1}, found ${event.revision})`,
      );
    }
    // The previous event's pending break is told apart by what this one chains on.
    if (state?.pending && state.recomputed) {
      const onStored = recompute(state.hash, event).equals(event.hash);
      const onRecomputed = recompute(state.recomputed, event).equals(event.hash);
      if (onStored) {
        state.pending.kind = 'content_altered';
        state.pending.description = state.pending.description.replace(
          'content or hash altered (they disagree; nothing after them tells which one changed)',
          'content altered (its stored content no longer gives its stored hash)',
        );
      } else if (onRecomputed) {
        state.pending.kind = 'hash_altered';
        state.pending.description = state.pending.description.replace(
          'content or hash altered (they disagree; nothing after them tells which one changed)',
          'hash altered (its content gives the hash the rest of the log chains on, not the stored one)',
        );
      }
    }
    const recomputed = recompute(state?.hash ?? EMPTY_HASH, event);
    const next: StreamState = { revision: event.revision, hash: event.hash };
    if (!recomputed.equals(event.hash)) {
      next.recomputed = recomputed;
      next.pending = record(
        {
          kind: 'content_or_hash_altered',
          streamId: event.streamId,
          streamRevision: event.revision,
          position: event.position,
          expected: recomputed.toString('hex'),
          found: event.hash.toString('hex'),
        },
        `${where}: content or hash altered (they disagree; nothing after them tells which one changed)`,
      );
    }
    streams.set(event.streamId, next);
    digest = extendLogDigest(digest, event.position.transactionId, event.position.globalPosition, event.hash);
    const kept = expected.get(count);
    if (kept !== undefined && kept !== digest.toString('hex')) {
      record(
        { kind: 'expected_digest_mismatch', expected: `${count} events: ${kept}`, found: digest.toString('hex') },
        `the first ${count} events do not give the digest kept outside the database`,
      );
    }
    if (options.onProgress && count % 1000 === 0) options.onProgress({ events: count, position: event.position, head });
  }
  for (const [eventCount, kept] of expected) {
    if (eventCount > count) {
      record(
        { kind: 'expected_digest_mismatch', expected: `${eventCount} events: ${kept}`, found: `${count} events` },
        `the log has ${count} events, fewer than the ${eventCount} a digest kept outside the database counted`,
      );
    }
  }
  // A reader (a projection, the relay) that processed positions the log no longer reaches: its end was cut.
  for (const witness of options.witnesses ?? []) {
    if (compareLogPositions(witness.position, head) > 0) {
      record(
        { kind: 'log_truncated', expected: `${witness.name} at ${at(witness.position)}`, found: `head ${at(head)}` },
        `the log ends before ${witness.name} at ${at(witness.position)} (found head ${at(head)}): events at its end were removed`,
      );
    }
  }
  return {
    intact: breakCount === 0,
    head,
    events: count,
    streams: streams.size,
    digest: digest.toString('hex'),
    checkpoints: 0,
    lastCheckpoint: undefined,
    eventsAfterLastCheckpoint: count,
    firstBreak: breaks[0],
    breaks,
    breakCount,
  };
}
