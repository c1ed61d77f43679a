/**
 * When a failed delivery is tried again: at once, then after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h. Eight attempts in
 * all, about 27.5 hours; after the last the message is given up (it stays in the delivery log and can be
 * replayed). Each delay is spread by up to a fifth either way so that many endpoints failing together do
 * not all come back at the same second.
 */
export const RETRY_DELAYS_MS: readonly number[] = [
  0,
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
];

export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length;
export const JITTER = 0.2;
/** An endpoint with no successful delivery for this long, while it had some to take, is disabled. */
export const FAILING_DISABLE_AFTER_MS = 5 * 86_400_000;
/** The longest a `Retry-After` may hold an endpoint back (a larger one is read as this). */
export const MAX_RETRY_AFTER_MS = 10 * 3_600_000;

export type DeliveryOutcome =
  | { readonly kind: 'delivered' }
  /** 410 Gone: the endpoint asked to receive nothing more. */
  | { readonly kind: 'gone' }
  | {
      readonly kind: 'failed';
      /** 429 and 5xx: the receiver is overloaded or down; the whole endpoint waits. */
      readonly slowDown: boolean;
      /** From `Retry-After`, in ms, when the receiver said. */
      readonly retryAfterMs: number | null;
    };

/** What an HTTP answer means for the delivery (transport errors are `failed` without slowing down). */
export function outcomeOf(status: number, retryAfter: string | null, now: Date): DeliveryOutcome {
  if (status >= 200 && status < 300) return { kind: 'delivered' };
  if (status === 410) return { kind: 'gone' };
  const slowDown = status === 429 || status >= 500;
  return { kind: 'failed', slowDown, retryAfterMs: slowDown ? retryAfterMsOf(retryAfter, now) : null };
}

/**
 * The three HTTP-date forms (RFC 9110 §5.6.7): IMF-fixdate, and the obsolete RFC 850 and asctime forms. Only these
 * are read as dates: `Date.parse` alone takes junk such as `1.5` or `-5` for a date in 2001.
 */
const HTTP_DATE =
  /^(?:[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT|[A-Z][a-z]+, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT|[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4})$/;

/** `Retry-After` as seconds or an HTTP date (RFC 9110 §10.2.3), bounded; null when absent or unreadable. */
export function retryAfterMsOf(value: string | null, now: Date): number | null {
  if (value === null || value.trim() === '') return null;
  const text = value.trim();
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  // An asctime date names no zone: HTTP dates are GMT.
  else if (HTTP_DATE.test(text)) ms = Date.parse(text.endsWith('GMT') ? text : `${text} GMT`) - now.getTime();
  else return null;
  if (!Number.isFinite(ms)) return null;
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

/**
 * When attempt `attemptsMade + 1` is due, after `attemptsMade` failed ones; null when none is left.
 * `random` is in [0, 1) (Math.random by default; tests pass their own).
 */
export function nextAttemptAt(
  attemptsMade: number,
  now: Date,
  retryAfterMs: number | null,
  random: () => number = Math.random,
): Date | null {
  if (attemptsMade >= MAX_ATTEMPTS) return null;
  const base = RETRY_DELAYS_MS[attemptsMade] ?? 0;
  const jittered = base * (1 - JITTER + 2 * JITTER * random());
  return new Date(now.getTime() + Math.max(Math.round(jittered), retryAfterMs ?? 0));
}

/** Whether an endpoint failing since `failingSince` is to be disabled now. */
export function failingTooLong(failingSince: Date | null, now: Date): boolean {
  return failingSince !== null && now.getTime() - failingSince.getTime() >= FAILING_DISABLE_AFTER_MS;
}
