import { describe, expect, it } from '@jest/globals';
import {
  failingTooLong,
  MAX_ATTEMPTS,
  MAX_RETRY_AFTER_MS,
  nextAttemptAt,
  outcomeOf,
  retryAfterMsOf,
} from './delivery-policy.js';

const NOW = new Date('2026-11-02T09:00:00.000Z');
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The middle of the jitter: exactly the scheduled delay. */
const middle = (): number => 0.5;
const delayAfter = (attemptsMade: number, random: () => number = middle, retryAfterMs: number | null = null) => {
  const at = nextAttemptAt(attemptsMade, NOW, retryAfterMs, random);
  return at === null ? null : at.getTime() - NOW.getTime();
};

describe('the retry schedule', () => {
  it('tries at once, then after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h: eight attempts', () => {
    expect(Array.from({ length: MAX_ATTEMPTS }, (_, made) => delayAfter(made))).toEqual([
      0,
      5 * SECOND,
      5 * MINUTE,
      30 * MINUTE,
      2 * HOUR,
      5 * HOUR,
      10 * HOUR,
      10 * HOUR,
    ]);
    expect(MAX_ATTEMPTS).toBe(8);
  });

  it('gives up after the eighth failure', () => {
    expect(nextAttemptAt(8, NOW, null, middle)).toBeNull();
    expect(nextAttemptAt(9, NOW, null, middle)).toBeNull();
    // Not even a Retry-After brings a ninth attempt.
    expect(nextAttemptAt(8, NOW, 60 * SECOND, middle)).toBeNull();
  });

  it.each([1, 2, 3, 4, 5, 6, 7])('spreads the delay after failure %i by at most a fifth either way', (made) => {
    const scheduled = delayAfter(made)!;
    const lowest = delayAfter(made, () => 0)!;
    const highest = delayAfter(made, () => 0.999_999)!;
    expect(lowest).toBe(Math.round(scheduled * 0.8));
    expect(highest).toBeLessThanOrEqual(Math.round(scheduled * 1.2));
    expect(highest).toBeGreaterThan(Math.round(scheduled * 1.199));
    for (const r of [0.1, 0.25, 0.75, 0.9]) {
      const delay = delayAfter(made, () => r)!;
      expect(delay).toBeGreaterThanOrEqual(lowest);
      expect(delay).toBeLessThanOrEqual(highest);
    }
  });

  it('spreads endpoints failing together over different moments', () => {
    const moments = new Set([0, 0.2, 0.4, 0.6, 0.8].map((r) => delayAfter(3, () => r)));
    expect(moments.size).toBe(5);
  });

  it('waits as long as Retry-After asks when that is longer than the schedule', () => {
    expect(delayAfter(1, middle, 10 * MINUTE)).toBe(10 * MINUTE);
  });

  it('keeps the schedule when Retry-After asks for less', () => {
    expect(delayAfter(4, middle, 10 * MINUTE)).toBe(2 * HOUR);
  });
});

describe('Retry-After', () => {
  it('reads seconds', () => {
    expect(retryAfterMsOf('120', NOW)).toBe(120 * SECOND);
    expect(retryAfterMsOf(' 0 ', NOW)).toBe(0);
  });

  it('reads an HTTP date, as a delay from now', () => {
    expect(retryAfterMsOf('Mon, 02 Nov 2026 09:30:00 GMT', NOW)).toBe(30 * MINUTE);
  });

  it('reads the obsolete HTTP date forms (RFC 850, asctime) as GMT', () => {
    expect(retryAfterMsOf('Monday, 02-Nov-26 09:30:00 GMT', NOW)).toBe(30 * MINUTE);
    expect(retryAfterMsOf('Mon Nov  2 09:30:00 2026', NOW)).toBe(30 * MINUTE);
  });

  it('reads a date already past as no wait', () => {
    expect(retryAfterMsOf('Mon, 02 Nov 2026 08:00:00 GMT', NOW)).toBe(0);
  });

  it('bounds a wait to 10 hours, as seconds or as a date', () => {
    expect(MAX_RETRY_AFTER_MS).toBe(10 * HOUR);
    expect(retryAfterMsOf(String(10 * 3600), NOW)).toBe(10 * HOUR);
    expect(retryAfterMsOf(String(10 * 3600 + 1), NOW)).toBe(10 * HOUR);
    expect(retryAfterMsOf('86400', NOW)).toBe(10 * HOUR);
    expect(retryAfterMsOf('Tue, 10 Nov 2026 09:00:00 GMT', NOW)).toBe(10 * HOUR);
  });

  it.each([null, '', '   ', 'soon', '120abc', '5 minutes', '1e3', '0x10', '-5', '1.5', 'Tuesday 3'])(
    'ignores %p',
    (value) => {
      expect(retryAfterMsOf(value, NOW)).toBeNull();
    },
  );
});

describe('what an answer means', () => {
  it.each([200, 201, 202, 204, 299])('%i: delivered', (status) => {
    expect(outcomeOf(status, null, NOW)).toEqual({ kind: 'delivered' });
  });

  it('410: gone (the endpoint asks for nothing more)', () => {
    expect(outcomeOf(410, '60', NOW)).toEqual({ kind: 'gone' });
  });

  it.each([429, 500, 502, 503, 504])('%i: failed, and the endpoint slows down as Retry-After says', (status) => {
    expect(outcomeOf(status, '600', NOW)).toEqual({ kind: 'failed', slowDown: true, retryAfterMs: 10 * MINUTE });
    expect(outcomeOf(status, null, NOW)).toEqual({ kind: 'failed', slowDown: true, retryAfterMs: null });
  });

  it.each([400, 401, 403, 404, 413, 422, 301, 302, 307, 100])(
    '%i: failed, without slowing down and whatever Retry-After says',
    (status) => {
      expect(outcomeOf(status, '600', NOW)).toEqual({ kind: 'failed', slowDown: false, retryAfterMs: null });
    },
  );
});

describe('an endpoint failing too long', () => {
  const since = new Date(NOW.getTime() - 5 * DAY);

  it('is disabled at exactly 5 days without a successful delivery', () => {
    expect(failingTooLong(since, NOW)).toBe(true);
    expect(failingTooLong(since, new Date(NOW.getTime() + DAY))).toBe(true);
  });

  it('is not disabled a moment before', () => {
    expect(failingTooLong(since, new Date(NOW.getTime() - 1))).toBe(false);
  });

  it('is not failing when nothing failed', () => {
    expect(failingTooLong(null, NOW)).toBe(false);
  });
});
