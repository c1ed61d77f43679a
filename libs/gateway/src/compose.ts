import { composeServices } from '@theguild/federation-composition';
import { buildSchema, parse, type GraphQLSchema } from 'graphql';

/** One agency service's subgraph: its name, where the gateway reaches it, and its SDL. */
export interface SubgraphSource {
  readonly name: string;
  readonly url: string;
  readonly sdl: string;
}

export interface Composition {
  /** What the gateway plans queries with (which subgraph owns which field). */
  readonly supergraphSdl: string;
  /** The API clients see: the same schema the embedded app serves. */
  readonly publicSdl: string;
}

export class CompositionError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`the agency subgraphs do not compose:\n  - ${problems.join('\n  - ')}`);
    this.name = 'CompositionError';
  }
}

/** Composes the subgraphs with the MIT-licensed federation composition (ADR 0011). */
export function composeSubgraphs(subgraphs: readonly SubgraphSource[]): Composition {
  const result = composeServices(
    subgraphs.map((subgraph) => ({ name: subgraph.name, url: subgraph.url, typeDefs: parse(subgraph.sdl) })),
  );
  if (result.errors && result.errors.length > 0) {
    throw new CompositionError(result.errors.map((error) => error.message));
  }
  if (!result.supergraphSdl || !result.publicSdl) throw new CompositionError(['composition gave no schema']);
  return { supergraphSdl: result.supergraphSdl, publicSdl: result.publicSdl };
}

export function publicSchemaOf(composition: Composition): GraphQLSchema {
  return buildSchema(composition.publicSdl);
}

/** A subgraph's SDL, asked of the running service (`_service { sdl }`), waiting for it to come up. */
export async function fetchSubgraphSdl(
  url: string,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<string> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let lastError: unknown;
  while (Date.now() < deadline && !options.signal?.aborted) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ _service { sdl } }' }),
        signal: AbortSignal.timeout(5000),
      });
      const body = (await response.json()) as {
        data?: { _service?: { sdl?: string } };
        errors?: { message: string }[];
      };
      const sdl = body.data?._service?.sdl;
      if (sdl) return sdl;
      lastError = new Error(body.errors?.map((e) => e.message).join('; ') ?? `HTTP ${response.status}`);
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no subgraph SDL from ${url}: ${lastError instanceof Error ? lastError.message : String(lastError)}`);
}
