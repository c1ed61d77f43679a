import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { useSession } from '../session/session';
import { request, type Document } from './client';
import { type OutboxEntry } from './db';
import { ApiError, OfflineError } from './errors';
import { onOutboxChange, outboxEntries } from './outbox';
import { loadSnapshot, saveSnapshot } from './snapshots';

export interface QueryState<R> {
  readonly data: R | undefined;
  readonly error: ApiError | undefined;
  readonly loading: boolean;
  /** Set when what is shown is the last answer kept on this device, not a fresh one. */
  readonly offlineAsOf: string | undefined;
  /**
   * True while a NOT_FOUND is being asked again (`notFoundRetryMs`): what was asked for may not have reached this
   * agency's view yet. `loading` stays true meanwhile, and `error` is set only once the time is up.
   */
  readonly arriving: boolean;
  readonly refresh: () => void;
}

/** Waits between the asks of a NOT_FOUND again: doubling from a quarter of a second, two seconds at most. */
const NOT_FOUND_FIRST_RETRY_MS = 250;
const NOT_FOUND_MAX_RETRY_MS = 2000;

/**
 * A query whose last answer stays readable offline: the kept answer shows at once, the fresh one
 * replaces it; when the platform cannot be reached, the kept one stays with the time it was read.
 *
 * `notFoundRetryMs`: a NOT_FOUND is asked again, with growing waits, for up to this long before it is shown. In
 * server mode each agency service learns of another agency's records through the shared log a moment after they
 * are written, so a case opened just after its referral may not be in this agency's view yet: it is "arriving", not
 * missing. The answer after the time is up is the same as at once, so nothing is learnt from the wait.
 */
export function useQuery<R, V>(
  document: Document<R, V>,
  variables: V,
  options: { skip?: boolean; pollMs?: number; notFoundRetryMs?: number } = {},
): QueryState<R> {
  const { session } = useSession();
  const owner = session ? `${session.agencyId}/${session.userId}` : '';
  const key = `${String(document).slice(0, 200)}::${JSON.stringify(variables)}`;
  const [state, setState] = useState<Omit<QueryState<R>, 'refresh'>>({
    data: undefined,
    error: undefined,
    loading: true,
    offlineAsOf: undefined,
    arriving: false,
  });
  const [generation, setGeneration] = useState(0);
  const refresh = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    if (options.skip || !owner) return;
    const controller = new AbortController();
    let fresh = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const startedAt = Date.now();
    void loadSnapshot(owner, key).then((snapshot) => {
      if (fresh || controller.signal.aborted || !snapshot) return;
      setState((s) => (s.data === undefined ? { ...s, data: snapshot.data as R } : s));
    });
    const ask = (wait: number): void => {
      request(document, variables, { signal: controller.signal }).then(
        async (data) => {
          fresh = true;
          if (controller.signal.aborted) return;
          setState({ data, error: undefined, loading: false, offlineAsOf: undefined, arriving: false });
          await saveSnapshot(owner, key, data);
        },
        async (error: unknown) => {
          if (controller.signal.aborted) return;
          if (error instanceof OfflineError) {
            const snapshot = await loadSnapshot(owner, key);
            setState({
              data: snapshot?.data as R | undefined,
              error: undefined,
              loading: false,
              offlineAsOf: snapshot?.savedAt ?? new Date(0).toISOString(),
              arriving: false,
            });
            return;
          }
          const notFound = error instanceof ApiError && error.code === 'NOT_FOUND';
          if (notFound && Date.now() - startedAt + wait <= (options.notFoundRetryMs ?? 0)) {
            setState((s) => ({ ...s, loading: true, arriving: true }));
            retry = setTimeout(() => ask(Math.min(wait * 2, NOT_FOUND_MAX_RETRY_MS)), wait);
            return;
          }
          setState((s) => ({
            ...s,
            error: error instanceof ApiError ? error : new ApiError(String(error), 'INTERNAL_SERVER_ERROR'),
            loading: false,
            arriving: false,
          }));
        },
      );
    };
    ask(NOT_FOUND_FIRST_RETRY_MS);
    return () => {
      controller.abort();
      clearTimeout(retry);
    };
    // The key stands for the document and its variables.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, owner, generation, options.skip, options.notFoundRetryMs]);

  useEffect(() => {
    if (!options.pollMs) return;
    const id = setInterval(refresh, options.pollMs);
    return () => clearInterval(id);
  }, [options.pollMs, refresh]);

  useEffect(() => {
    const back = () => refresh();
    window.addEventListener('online', back);
    return () => window.removeEventListener('online', back);
  }, [refresh]);

  return { ...state, refresh };
}

/** The commands waiting on this device, live. */
export function useOutbox(): readonly OutboxEntry[] {
  return useSyncExternalStore(onOutboxChange, outboxEntries);
}

/** Whether the browser believes it is online (it can be wrong one way: then a request says so). */
export function useOnline(): boolean {
  return useSyncExternalStore(
    (listener) => {
      window.addEventListener('online', listener);
      window.addEventListener('offline', listener);
      return () => {
        window.removeEventListener('online', listener);
        window.removeEventListener('offline', listener);
      };
    },
    () => navigator.onLine,
  );
}
