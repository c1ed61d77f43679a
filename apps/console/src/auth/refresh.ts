import { SignInError } from './provider';

/** How long before its expiry an access token is renewed: a quarter of what is left, at most a minute. */
export function refreshDelay(expiresAt: number, now: number): number {
  const remaining = expiresAt - now;
  return Math.max(0, remaining - Math.min(60_000, remaining / 4));
}

/** How soon a refresh that could not reach the provider is tried again. */
export const RETRY_MS = 30_000;

/**
 * Renews the access token before it expires, silently: `refresh` gets and keeps new tokens (and the
 * session that uses them schedules the next renewal). When the provider cannot be reached it tries again
 * every 30 s, even past the expiry (the console stays readable offline, and signing out would delete
 * what it kept for the person); when the provider refuses (the session ended there), `ended` is called.
 * Answers the function that stops it.
 */
export function keepFresh(options: {
  readonly expiresAt: number;
  readonly refresh: () => Promise<void>;
  readonly ended: () => void;
  readonly now?: () => number;
}): () => void {
  const now = options.now ?? Date.now;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const attempt = async () => {
    try {
      await options.refresh();
    } catch (error) {
      if (stopped) return;
      if (error instanceof SignInError && error.reason === 'unreachable') {
        timer = setTimeout(() => void attempt(), RETRY_MS);
        return;
      }
      options.ended();
    }
  };
  timer = setTimeout(() => void attempt(), refreshDelay(options.expiresAt, now()));
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
