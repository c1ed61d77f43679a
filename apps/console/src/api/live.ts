import type { Client } from 'graphql-ws';
import type * as GraphqlWs from 'graphql-ws';
import { apiErrorOf, type ApiError } from './errors';
import { currentToken, type Document } from './client';

let client: Client | undefined;
let clientToken: string | undefined;
/** The WebSocket client's library: fetched with the first subscription, not with the console's first load. */
let library: Promise<typeof GraphqlWs> | undefined;

function loadLibrary(): Promise<typeof GraphqlWs> {
  library ??= import('graphql-ws').catch((error: unknown) => {
    library = undefined;
    throw error;
  });
  return library;
}

function liveClient({ createClient }: typeof GraphqlWs): Client {
  const token = currentToken();
  if (client && clientToken === token) return client;
  void client?.dispose();
  clientToken = token;
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  client = createClient({
    url,
    connectionParams: () => ({ authorization: currentToken() ? `Bearer ${currentToken() ?? ''}` : undefined }),
    lazy: true,
    // A poor link drops often: keep trying, backing off, for as long as someone is watching.
    retryAttempts: Infinity,
    shouldRetry: () => true,
    retryWait: async (retries) => {
      const base = Math.min(30_000, 1000 * 2 ** retries);
      await new Promise((resolve) => setTimeout(resolve, base / 2 + Math.random() * (base / 2)));
    },
  });
  return client;
}

/**
 * A subscription over graphql-ws on the console's origin. Returns the function that ends it. On a
 * reconnect the subscription starts again: callers pass `variables()` so it resumes after what they saw.
 */
export function subscribe<R, V>(
  document: Document<R, V>,
  variables: () => V,
  handlers: { next(data: R): void; error?(error: ApiError | Error): void },
): () => void {
  let active = true;
  let dispose: (() => void) | undefined;
  const start = () => {
    if (!active) return;
    loadLibrary().then(
      (ws) => {
        if (active) listen(ws);
      },
      // Offline before the library ever arrived: tried again after a pause, as a dropped socket is.
      (error: unknown) => {
        handlers.error?.(error as Error);
        setTimeout(start, 5000);
      },
    );
  };
  const listen = (ws: typeof GraphqlWs) => {
    dispose = liveClient(ws).subscribe<R>(
      { query: document.toString(), variables: variables() as Record<string, unknown> },
      {
        next: (result) => {
          if (result.errors?.[0]) handlers.error?.(apiErrorOf(result.errors[0]));
          else if (result.data) handlers.next(result.data);
        },
        error: (error: unknown) => {
          handlers.error?.(Array.isArray(error) ? apiErrorOf(error[0] as object) : (error as Error));
          // The socket was closed for good (e.g. the platform restarted): start over after a pause.
          setTimeout(start, 5000);
        },
        complete: () => undefined,
      },
    );
  };
  start();
  return () => {
    active = false;
    dispose?.();
  };
}
