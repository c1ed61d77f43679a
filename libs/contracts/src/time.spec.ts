import { describe, expect, it } from '@jest/globals';
import { formatKivuTime } from './time.js';

describe('Kivu time', () => {
  it('shows a UTC instant in Central Africa Time (UTC+2), across midnight', () => {
    expect(formatKivuTime('2026-11-27T08:40:00Z')).toBe('2026-11-27 10:40 CAT');
    expect(formatKivuTime(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01 01:30 CAT');
  });
});
