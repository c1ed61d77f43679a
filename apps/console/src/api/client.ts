import { type TypedDocumentString } from '../gql/graphql';
import { ApiError, apiErrorOf, OfflineError } from './errors';

export type Document<R, V> = TypedDocumentString<R, V>;

let tokenSource: () => string | undefined = () => undefined;
let onUnauthenticated: () => void = () => undefined;

/** Where requests take their token from, and what happens when the platform no longer accepts it. */
export function configureClient(options: { token: () => string | undefined; unauthenticated: () => void }): void {
  tokenSource = options.token;
  onUnauthenticated = options.unauthenticated;
}

export function currentToken(): string | undefined {
  return tokenSource();
}

/** One GraphQL operation over HTTP on the console's own origin. */
export async function request<R, V>(
  document: Document<R, V>,
  variables: V,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<R> {
  const token = tokenSource();
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 30_000);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query: document.toString(), variables }),
      signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new OfflineError(error);
  }
  let body: { data?: R | null; errors?: { message?: unknown; extensions?: Record<string, unknown> }[] };
  try {
    body = (await response.json()) as typeof body;
  } catch (error) {
    if (response.status >= 500 || response.status === 0) throw new OfflineError(error);
    throw new ApiError(`unexpected answer (${response.status})`, 'INTERNAL_SERVER_ERROR');
  }
  const first = body.errors?.[0];
  if (first) {
    const error = apiErrorOf(first);
    if (error.code === 'UNAUTHENTICATED') onUnauthenticated();
    throw error;
  }
  if (body.data === undefined || body.data === null) throw new ApiError('empty answer', 'INTERNAL_SERVER_ERROR');
  return body.data;
}
