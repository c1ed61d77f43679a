import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '@pamoja/platform/config';
import { RateLimiter } from './rate-limit.js';

describe('the per-user rate limit', () => {
  it('lets a burst through, then refuses until the bucket refills at the average rate', () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 60, burst: 3 }, () => now);
    expect([1, 2, 3].map(() => limiter.take('police/opj-1').allowed)).toEqual([true, true, true]);
    expect(limiter.take('police/opj-1')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    // Another user has a bucket of their own.
    expect(limiter.take('ngo/fr-1').allowed).toBe(true);
    now += 1000; // 60 a minute: one more a second
    expect(limiter.take('police/opj-1').allowed).toBe(true);
    expect(limiter.take('police/opj-1').allowed).toBe(false);
    now += 60_000; // a quiet minute refills the burst, never beyond it
    expect([1, 2, 3, 4].map(() => limiter.take('police/opj-1').allowed)).toEqual([true, true, true, false]);
  });

  it('says how long to wait when the average is slow', () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 6, burst: 1 }, () => now);
    expect(limiter.take('u').allowed).toBe(true);
    expect(limiter.take('u')).toEqual({ allowed: false, retryAfterSeconds: 10 });
    now += 4000;
    expect(limiter.take('u')).toEqual({ allowed: false, retryAfterSeconds: 6 });
  });

  it('is off at 0 a minute, and refuses settings that are not whole numbers', () => {
    const off = new RateLimiter({ perMinute: 0, burst: 0 });
    expect(Array.from({ length: 10_000 }, () => off.take('u').allowed).every(Boolean)).toBe(true);
    const defaults = { mode: 'embedded' as const, serviceName: 't' };
    expect(loadConfig({}, defaults).rateLimit).toEqual({ perMinute: 1200, burst: 300 });
    expect(() => loadConfig({ PAMOJA_RATE_LIMIT_PER_MINUTE: 'lots' }, defaults)).toThrow(ConfigError);
    expect(() => loadConfig({ PAMOJA_RATE_LIMIT_BURST: '-1' }, defaults)).toThrow(/PAMOJA_RATE_LIMIT_BURST/);
  });
});
