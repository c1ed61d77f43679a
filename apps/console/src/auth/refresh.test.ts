import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SignInError } from './provider';
import { keepFresh, refreshDelay, RETRY_MS } from './refresh';

describe('the silent refresh', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('renews a minute before expiry, or at three quarters of a short lifetime, and at once when expired', () => {
    expect(refreshDelay(300_000, 0)).toBe(240_000);
    expect(refreshDelay(20_000, 0)).toBe(15_000);
    expect(refreshDelay(1_000, 5_000)).toBe(0);
  });

  it('asks for new tokens before the access token expires, not earlier', async () => {
    const refresh = vi.fn(() => Promise.resolve());
    const ended = vi.fn();
    keepFresh({ expiresAt: Date.now() + 300_000, refresh, ended });
    await vi.advanceTimersByTimeAsync(239_000);
    expect(refresh).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(ended).not.toHaveBeenCalled();
  });

  it('tries again every 30 s while the provider cannot be reached, even past the expiry', async () => {
    const refresh = vi
      .fn<() => Promise<void>>()
      .mockRejectedValueOnce(new SignInError('unreachable'))
      .mockRejectedValueOnce(new SignInError('unreachable'))
      .mockResolvedValueOnce(undefined);
    const ended = vi.fn();
    keepFresh({ expiresAt: Date.now() + 40_000, refresh, ended });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(refresh).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(RETRY_MS);
    expect(refresh).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(RETRY_MS);
    expect(refresh).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(10 * RETRY_MS);
    expect(refresh).toHaveBeenCalledTimes(3);
    expect(ended).not.toHaveBeenCalled();
  });

  it('ends the session when the provider refuses to renew it', async () => {
    const refresh = vi.fn(() => Promise.reject(new SignInError('expired')));
    const ended = vi.fn();
    keepFresh({ expiresAt: Date.now() + 60_000, refresh, ended });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(ended).toHaveBeenCalledTimes(1);
  });

  it('does nothing once stopped (signed out, or a newer token took over)', async () => {
    const refresh = vi.fn(() => Promise.resolve());
    const stop = keepFresh({ expiresAt: Date.now() + 60_000, refresh, ended: vi.fn() });
    stop();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(refresh).not.toHaveBeenCalled();
  });
});
