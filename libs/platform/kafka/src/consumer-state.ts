import { migrate, type Migration, type SqlDatabase, type SqlQueryable } from '@pamoja/event-store';

/** Where each Kafka consumer keeps its place: per partition, in the same transaction as its read model. */
const CONSUMER_STATE_SCHEMA = 'messaging_state';

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'partition checkpoints, processed events, dead-letter replays',
    up: (s) => `
      CREATE TABLE ${s}.partition_checkpoints (
        consumer text NOT NULL,
        topic text NOT NULL,
        partition integer NOT NULL,
        next_offset bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, topic, partition)
      );
      CREATE TABLE ${s}.processed_events (
        consumer text NOT NULL,
        event_id text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      );
      CREATE TABLE ${s}.dead_letter_replays (
        dead_letter text PRIMARY KEY,
        replayed_at timestamptz NOT NULL DEFAULT now(),
        replayed_by text NOT NULL
      );`,
  },
];

export async function migrateConsumerState(db: SqlDatabase): Promise<void> {
  await migrate(db, CONSUMER_STATE_SCHEMA, MIGRATIONS);
}

const s = CONSUMER_STATE_SCHEMA;

/** Next offset to process per `topic:partition`. */
export async function readPartitionCheckpoints(db: SqlQueryable, consumer: string): Promise<Map<string, bigint>> {
  const rows = await db.query<{ topic: string; partition: number; next_offset: string | number }>(
    `SELECT topic, partition, next_offset FROM ${s}.partition_checkpoints WHERE consumer = $1`,
    [consumer],
  );
  return new Map(rows.map((r) => [`${r.topic}:${r.partition}`, BigInt(r.next_offset)]));
}

export async function writePartitionCheckpoint(
  tx: SqlQueryable,
  consumer: string,
  topic: string,
  partition: number,
  nextOffset: bigint,
): Promise<void> {
  await tx.query(
    `INSERT INTO ${s}.partition_checkpoints (consumer, topic, partition, next_offset, updated_at)
     VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (consumer, topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset, updated_at = now()`,
    [consumer, topic, partition, nextOffset.toString()],
  );
}

/** Records that the consumer has processed the event; false when it already had (a duplicate). */
export async function markProcessed(tx: SqlQueryable, consumer: string, eventId: string): Promise<boolean> {
  const rows = await tx.query(
    `INSERT INTO ${s}.processed_events (consumer, event_id) VALUES ($1, $2)
     ON CONFLICT (consumer, event_id) DO NOTHING RETURNING event_id`,
    [consumer, eventId],
  );
  return rows.length > 0;
}

/**
 * Marks a batch of events as processed in one statement; returns those that were not before (each once, in the
 * order given), the only ones to apply.
 */
export async function markAllProcessed(
  tx: SqlQueryable,
  consumer: string,
  eventIds: readonly string[],
): Promise<string[]> {
  if (eventIds.length === 0) return [];
  const rows = await tx.query<{ event_id: string }>(
    `INSERT INTO ${s}.processed_events (consumer, event_id)
     SELECT $1, id FROM unnest($2::text[]) AS id
     ON CONFLICT (consumer, event_id) DO NOTHING RETURNING event_id`,
    [consumer, [...eventIds]],
  );
  const fresh = new Set(rows.map((row) => row.event_id));
  // A duplicate within the batch is inserted once: only its first occurrence is new.
  return eventIds.filter((id) => fresh.delete(id));
}

/** Forgets everything the consumer processed: the first step of a rebuild from the topics. */
export async function resetConsumerState(tx: SqlQueryable, consumer: string): Promise<void> {
  await tx.query(`DELETE FROM ${s}.partition_checkpoints WHERE consumer = $1`, [consumer]);
  await tx.query(`DELETE FROM ${s}.processed_events WHERE consumer = $1`, [consumer]);
}

export async function replayedDeadLetters(db: SqlQueryable): Promise<Map<string, Date>> {
  const rows = await db.query<{ dead_letter: string; replayed_at: Date | string }>(
    `SELECT dead_letter, replayed_at FROM ${s}.dead_letter_replays`,
  );
  return new Map(rows.map((r) => [r.dead_letter, new Date(r.replayed_at)]));
}

export async function recordReplay(db: SqlQueryable, deadLetter: string, replayedBy: string): Promise<void> {
  await db.query(
    `INSERT INTO ${s}.dead_letter_replays (dead_letter, replayed_by) VALUES ($1, $2)
     ON CONFLICT (dead_letter) DO UPDATE SET replayed_at = now(), replayed_by = EXCLUDED.replayed_by`,
    [deadLetter, replayedBy],
  );
}
