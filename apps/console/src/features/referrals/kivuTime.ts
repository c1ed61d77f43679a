import type { Urgency } from '../../gql/graphql';

/**
 * Due times are entered as read on a clock in the Kivus (Central Africa Time, UTC+2 all year: the
 * catalogue's KIVU_TIME_ZONE has no daylight saving), whatever time zone the phone is set to, and sent
 * to the API as an ISO instant.
 */
const KIVU_OFFSET_MS = 2 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** `2026-12-06T14:30` read in Kivu time → the instant, or undefined when it is not a date-time. */
export function instantOfKivuLocal(value: string): Date | undefined {
  const m = LOCAL.exec(value.trim());
  if (!m) return undefined;
  // Seconds are optional: a missing group reads as 0.
  const [year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0] = m.slice(1).map((part) => Number(part || 0));
  const utc = Date.UTC(year, month - 1, day, hour, minute, second) - KIVU_OFFSET_MS;
  const instant = new Date(utc);
  // 2026-02-31 rolls over in Date.UTC: not a date a person meant.
  const back = new Date(utc + KIVU_OFFSET_MS);
  if (back.getUTCDate() !== day || back.getUTCMonth() !== month - 1) return undefined;
  return instant;
}

/** An instant as a `datetime-local` value in Kivu time, to the minute. */
export function kivuLocalOf(instant: Date): string {
  return new Date(instant.getTime() + KIVU_OFFSET_MS).toISOString().slice(0, 16);
}

/**
 * How long the receiving agency has by default: an IMMEDIATE referral means danger to life and must be
 * answered within a day (the API refuses more), so half a day leaves room; URGENT three days; ROUTINE
 * five working days, about a week (the UK NRM's reasonable-grounds target).
 */
export const DEFAULT_DUE_HOURS: Readonly<Record<Urgency, number>> = {
  IMMEDIATE: 12,
  URGENT: 72,
  ROUTINE: 7 * 24,
};

export function defaultDueLocal(urgency: Urgency, now = new Date()): string {
  const due = new Date(now.getTime() + DEFAULT_DUE_HOURS[urgency] * HOUR_MS);
  // Rounded down to the minute: the field shows minutes, and the value stays within the limit.
  return kivuLocalOf(due);
}
