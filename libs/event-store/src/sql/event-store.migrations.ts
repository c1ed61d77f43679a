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
];
