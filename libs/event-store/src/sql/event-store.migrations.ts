import { eventHashSql, storedContentSql } from './event-hash.js';
import { type Migration } from './migrations.js';

/**
 * One schema for both adapters. `transaction_id` records the writing transaction so readers can
 * stay below the oldest still-running one (see docs/adr/0003-gap-free-global-order.md).
 * Indexes are few on purpose: each one costs every append. A stream is read by its primary key, the
 * log by the log-order index (filtered reads walk it too); the identity needs no index of its own.
 */
export const EVENT_STORE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'events',
    up: (s) => `
      CREATE TABLE ${s}.events (
        global_position bigint GENERATED ALWAYS AS IDENTITY,
        transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
        stream_id text NOT NULL,
        stream_revision bigint NOT NULL,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        schema_version integer NOT NULL,
        data jsonb NOT NULL,
        metadata jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT events_pkey PRIMARY KEY (stream_id, stream_revision),
        CONSTRAINT events_event_id_unique UNIQUE (event_id)
      );
      CREATE INDEX events_log_order ON ${s}.events (transaction_id, global_position);
    `,
  },
  {
    // Tamper evidence (docs/adr/0012-hash-chained-streams.md): every event carries its stream's chain hash, and
    // checkpoints record the log digest at a head. Rows stored before this migration are chained here, stream by
    // stream in revision order, so an existing database verifies like a new one.
    version: 2,
    name: 'hash chains and log checkpoints',
    up: (s) => `
      ALTER TABLE ${s}.events ADD COLUMN hash bytea;
      WITH RECURSIVE chain AS (
        SELECT e.stream_id, e.stream_revision, ${eventHashSql(`''::bytea`, storedContentSql('e'))} AS hash
        FROM ${s}.events e WHERE e.stream_revision = 0
        UNION ALL
        SELECT e.stream_id, e.stream_revision, ${eventHashSql('chain.hash', storedContentSql('e'))}
        FROM chain JOIN ${s}.events e
          ON e.stream_id = chain.stream_id AND e.stream_revision = chain.stream_revision + 1
      )
      UPDATE ${s}.events e SET hash = chain.hash
      FROM chain WHERE e.stream_id = chain.stream_id AND e.stream_revision = chain.stream_revision;
      ALTER TABLE ${s}.events ALTER COLUMN hash SET NOT NULL;
      CREATE TABLE ${s}.log_checkpoints (
        seq bigint PRIMARY KEY,
        transaction_id xid8 NOT NULL,
        global_position bigint NOT NULL,
        event_count bigint NOT NULL,
        digest bytea NOT NULL,
        stream_heads jsonb NOT NULL,
        taken_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT log_checkpoints_seq_positive CHECK (seq > 0)
      );
    `,
  },
];
