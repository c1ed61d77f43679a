/** The Kivus' time zone (Central Africa Time, UTC+2, no daylight saving). Time is stored in UTC. */
export const KIVU_TIME_ZONE = 'Africa/Lubumbashi';

const formatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: KIVU_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A UTC instant as people in Goma and Bukavu read it, e.g. "2026-11-27 10:40 CAT". */
export function formatKivuTime(instant: Date | string): string {
  const parts = Object.fromEntries(
    formatter.formatToParts(typeof instant === 'string' ? new Date(instant) : instant).map((p) => [p.type, p.value]),
  );
  return `${parts['year'] ?? ''}-${parts['month'] ?? ''}-${parts['day'] ?? ''} ${parts['hour'] ?? ''}:${parts['minute'] ?? ''} CAT`;
}
