import { type SqlDatabase } from '@pamoja/event-store';
import { WEBHOOK_OUTBOX_SCHEMA } from './webhook-outbox.projection.js';

const s = WEBHOOK_OUTBOX_SCHEMA;

/** A message the dispatcher holds for one attempt. */
export interface LeasedMessage {
  readonly messageId: string;
  readonly endpointId: string;
  readonly url: string;
  readonly payload: string;
  /** Attempts made before this one. */
  readonly attempts: number;
  /** The endpoint's secrets valid at the time of the lease, the current one first. */
  readonly secretIds: readonly string[];
}

export interface AttemptRecord {
  readonly messageId: string;
  readonly endpointId: string;
  readonly attempt: number;
  readonly attemptedAt: Date;
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly durationMs: number;
  readonly delivered: boolean;
  /** When to try again (null: no attempt left, or delivered). */
  readonly nextAttemptAt: Date | null;
  /** Until when the whole endpoint waits (429, 5xx), or null. */
  readonly pauseEndpointUntil: Date | null;
}

export interface EndpointFailing {
  readonly endpointId: string;
  readonly failingSince: Date;
  readonly lastFailure: string;
}

/**
 * The dispatcher's side of the outbox. A message is leased for one attempt with a single statement that skips
 * rows another dispatcher holds, so two processes never send the same attempt; a lease that outlives a crash
 * expires and the message is sent again, with the same `webhook-id` (receivers deduplicate on it).
 */
export class SqlWebhookDeliveries {
  constructor(private readonly db: SqlDatabase) {}

  /**
   * Due messages of enabled, unpaused endpoints, at most one per endpoint and ordering key (a joint case, or
   * the stream of an event in none): the first still pending. A later message of a case waits for the earlier
   * to be delivered or given up, so each endpoint receives a case's events in log order.
   */
  async leaseDue(now: Date, leaseMs: number, limit: number): Promise<LeasedMessage[]> {
    const rows = await this.db.query<{
      message_id: string;
      endpoint_id: string;
      url: string;
      payload: string;
      attempts: number;
      secret_ids: string[] | null;
    }>(
      `WITH due AS (
         SELECT m.message_id
         FROM ${s}.messages m
         JOIN ${s}.subscriptions e ON e.endpoint_id = m.endpoint_id AND e.enabled
         LEFT JOIN ${s}.endpoint_health h ON h.endpoint_id = m.endpoint_id
         WHERE m.state = 'pending' AND m.next_attempt_at <= $1
           AND (m.leased_until IS NULL OR m.leased_until <= $1)
           AND (h.paused_until IS NULL OR h.paused_until <= $1)
           AND NOT EXISTS (
             SELECT 1 FROM ${s}.messages p
             WHERE p.endpoint_id = m.endpoint_id AND p.order_key = m.order_key AND p.seq < m.seq AND p.state = 'pending')
         ORDER BY m.seq
         LIMIT $3
         FOR UPDATE OF m SKIP LOCKED
       )
       UPDATE ${s}.messages m SET leased_until = $2
       FROM due, ${s}.subscriptions e
       WHERE m.message_id = due.message_id AND e.endpoint_id = m.endpoint_id
       RETURNING m.message_id, m.endpoint_id, e.url, m.payload, m.attempts,
         (SELECT array_agg(k.secret_id ORDER BY k.valid_until DESC NULLS FIRST)
          FROM ${s}.secrets k WHERE k.endpoint_id = m.endpoint_id AND (k.valid_until IS NULL OR k.valid_until > $1))
           AS secret_ids`,
      [now, new Date(now.getTime() + leaseMs), limit],
    );
    return rows
      .map((r) => ({
        messageId: r.message_id,
        endpointId: r.endpoint_id,
        url: r.url,
        payload: r.payload,
        attempts: r.attempts,
        secretIds: r.secret_ids ?? [],
      }))
      .sort((a, b) => a.messageId.localeCompare(b.messageId));
  }

  /**
   * The attempt, the message's new state and the endpoint's health, in one transaction: the delivery log never
   * says more or less than what happened to the message. Returns the endpoint's failing state afterwards.
   */
  async record(attempt: AttemptRecord): Promise<EndpointFailing | null> {
    return this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO ${s}.attempts (message_id, attempt, attempted_at, status_code, error, duration_ms)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [
          attempt.messageId,
          attempt.attempt,
          attempt.attemptedAt,
          attempt.statusCode,
          attempt.error,
          attempt.durationMs,
        ],
      );
      const state = attempt.delivered ? 'delivered' : attempt.nextAttemptAt === null ? 'failed' : 'pending';
      await tx.query(
        `UPDATE ${s}.messages SET state = $2, attempts = $3, next_attempt_at = $4, leased_until = NULL,
           delivered_at = $5
         WHERE message_id = $1`,
        [
          attempt.messageId,
          state,
          attempt.attempt,
          attempt.nextAttemptAt,
          attempt.delivered ? attempt.attemptedAt : null,
        ],
      );
      if (attempt.delivered) {
        await tx.query(
          `INSERT INTO ${s}.endpoint_health (endpoint_id, last_success_at) VALUES ($1, $2)
           ON CONFLICT (endpoint_id) DO UPDATE SET failing_since = NULL, last_success_at = $2, paused_until = NULL,
             last_failure = NULL`,
          [attempt.endpointId, attempt.attemptedAt],
        );
        return null;
      }
      const failure = attempt.statusCode !== null ? `HTTP ${attempt.statusCode}` : (attempt.error ?? 'no answer');
      const [health] = await tx.query<{ failing_since: Date | null }>(
        `INSERT INTO ${s}.endpoint_health (endpoint_id, failing_since, paused_until, last_failure) VALUES ($1, $2, $3, $4)
         ON CONFLICT (endpoint_id) DO UPDATE SET failing_since = COALESCE(${s}.endpoint_health.failing_since, $2),
           paused_until = $3, last_failure = $4
         RETURNING failing_since`,
        [attempt.endpointId, attempt.attemptedAt, attempt.pauseEndpointUntil, failure],
      );
      // The statement always returns the row it wrote, failing since then or earlier.
      const since = health?.failing_since ?? attempt.attemptedAt;
      return { endpointId: attempt.endpointId, failingSince: new Date(since), lastFailure: failure };
    });
  }

  /** Lets a leased message go without an attempt (the process stops, or the endpoint changed). */
  async release(messageId: string): Promise<void> {
    await this.db.query(`UPDATE ${s}.messages SET leased_until = NULL WHERE message_id = $1`, [messageId]);
  }

  /** How many messages wait in the outbox to be delivered (the operators' backlog). */
  async pendingCount(): Promise<number> {
    const rows = await this.db.query<{ pending: number | string }>(
      `SELECT count(*) AS pending FROM ${s}.messages WHERE state = 'pending'`,
    );
    return Number(rows[0]?.pending ?? 0);
  }
}
