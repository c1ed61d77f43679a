/**
 * Dates of the prosecutor's office as read on a clock in the Kivus: Central Africa Time, UTC+2 all year
 * (no daylight saving), whatever time zone the device is set to.
 */
const KIVU_OFFSET_MS = 2 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** `2026-12-06T14:30` read in Kivu time → the instant, or undefined when it is not a real date-time. */
export function instantOfKivuLocal(value: string): Date | undefined {
  const m = LOCAL.exec(value.trim());
  if (!m) return undefined;
  const [year = 0, month = 1, day = 1, hour = 0, minute = 0] = m.slice(1).map(Number);
  const utc = Date.UTC(year, month - 1, day, hour, minute) - KIVU_OFFSET_MS;
  const back = new Date(utc + KIVU_OFFSET_MS);
  // 2026-02-31 rolls over in Date.UTC: not a date a person meant.
  if (back.getUTCDate() !== day || back.getUTCMonth() !== month - 1 || hour > 23 || minute > 59) return undefined;
  return new Date(utc);
}

/** An instant as a `datetime-local` value in Kivu time, to the minute. */
export function kivuLocalOf(instant: Date | string): string {
  return new Date(new Date(instant).getTime() + KIVU_OFFSET_MS).toISOString().slice(0, 16);
}

/** The Kivu calendar day of an instant, `YYYY-MM-DD`. */
export function kivuDayOf(instant: Date | string): string {
  return kivuLocalOf(instant).slice(0, 10);
}

/** A month of the calendar: its year and its month (1 to 12). */
export interface Month {
  readonly year: number;
  readonly month: number;
}

export function monthOf(instant: Date | string): Month {
  const day = kivuDayOf(instant);
  return { year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)) };
}

/** `2026-12` → the month, or undefined. */
export function parseMonth(value: string | null): Month | undefined {
  const m = /^(\d{4})-(\d{2})$/.exec(value ?? '');
  if (!m) return undefined;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? { year: Number(m[1]), month } : undefined;
}

export function monthKey({ year, month }: Month): string {
  return `${String(year)}-${String(month).padStart(2, '0')}`;
}

export function addMonths({ year, month }: Month, delta: number): Month {
  const index = year * 12 + (month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** Noon of a Kivu day as an instant: a safe instant to format the day itself in Kivu time. */
export function noonOf(day: string): Date {
  return new Date(Date.parse(`${day}T12:00:00Z`) - KIVU_OFFSET_MS);
}

/**
 * The weeks of a month as shown on a wall calendar, Monday first: each week seven days (`YYYY-MM-DD`),
 * or null for the days of the months before and after.
 */
export function weeksOf({ year, month }: Month): (string | null)[][] {
  const first = Date.UTC(year, month - 1, 1);
  const days = Math.round((Date.UTC(year, month, 1) - first) / DAY_MS);
  // getUTCDay: Sunday 0 … Saturday 6; Monday first means Monday is column 0.
  const lead = (new Date(first).getUTCDay() + 6) % 7;
  const cells: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let d = 0; d < days; d++) cells.push(new Date(first + d * DAY_MS).toISOString().slice(0, 10));
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}
