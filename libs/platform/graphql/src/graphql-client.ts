import { randomUUID } from 'node:crypto';

export interface GraphqlErrorBody {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: Record<string, unknown> & { code?: string };
}

export interface GraphqlResponse<T> {
  readonly status: number;
  readonly data: T | null | undefined;
  readonly errors: readonly GraphqlErrorBody[] | undefined;
}

/** A small GraphQL-over-HTTP client: what any client of the API sends (tests, the seed script). */
export class GraphqlClient {
  constructor(
    private readonly url: string,
    private readonly token?: string,
  ) {}

  as(token: string | undefined): GraphqlClient {
    return new GraphqlClient(this.url, token);
  }

  async request<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphqlResponse<T>> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-correlation-id': randomUUID(),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T | null; errors?: GraphqlErrorBody[] };
    return { status: response.status, data: body.data, errors: body.errors };
  }

  /** Runs a query that must succeed and returns its data. */
  async ok<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const result = await this.request<T>(query, variables);
    if (result.errors?.length || !result.data) {
      throw new Error(`GraphQL request failed: ${JSON.stringify(result.errors ?? result)}`);
    }
    return result.data;
  }
}
