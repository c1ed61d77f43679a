/**
 * Emmett's PostgreSQL event store, the peer `bench:store` measures appends against in the same run.
 *
 * It is installed apart from the workspace, in infra/bench-peers (`npm ci --prefix infra/bench-peers`, which
 * `npm run bench:store` does): Emmett asks for commander 12 as a peer, the platform uses 15, and a peer used by a
 * benchmark alone has no business in the platform's dependency tree. This module loads it from there and types
 * the little of it the bench uses.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { workspaceRoot } from './bench-report.js';

const PEERS = path.join(workspaceRoot(), 'infra', 'bench-peers');
const PACKAGE = '@event-driven-io/emmett-postgresql';

interface EmmettEvent {
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly metadata?: Record<string, unknown>;
}

interface EmmettAppendResult {
  readonly nextExpectedStreamVersion: bigint;
}

interface EmmettStore {
  appendToStream(
    streamName: string,
    events: EmmettEvent[],
    options: { expectedStreamVersion: bigint | 'STREAM_DOES_NOT_EXIST' },
  ): Promise<EmmettAppendResult>;
  close(): Promise<void>;
}

interface PgPool {
  end(): Promise<void>;
  on(event: 'error', listener: () => void): void;
}

interface EmmettModule {
  getPostgreSQLEventStore(
    connectionString: string,
    options: { connectionOptions: { pooled: true; pool: PgPool; connectionString: string } },
  ): EmmettStore;
}

interface PgModule {
  Pool: new (config: { connectionString: string; max: number }) => PgPool;
}

/** One Emmett event store over a pool of `connections`, on the given database. */
export interface EmmettPeer {
  readonly version: string;
  /** Appends `events` to `streamName` at `revision` (-1: the stream must not exist); resolves with the new revision. */
  append(streamName: string, revision: number, events: readonly EmmettEvent[]): Promise<number>;
  close(): Promise<void>;
}

function peerFile(...parts: string[]): string {
  return path.join(PEERS, 'node_modules', ...parts);
}

export function emmettVersion(): string | undefined {
  const manifest = peerFile(...PACKAGE.split('/'), 'package.json');
  if (!existsSync(manifest)) return undefined;
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version;
}

export async function openEmmett(connectionString: string, connections: number): Promise<EmmettPeer> {
  const version = emmettVersion();
  if (!version) {
    throw new Error(`Emmett is not installed: run \`npm ci --prefix infra/bench-peers\` (npm run bench:store does)`);
  }
  const emmett = (await import(
    pathToFileURL(peerFile(...PACKAGE.split('/'), 'dist', 'index.js')).href
  )) as EmmettModule;
  // Emmett's own copy of pg, so the pool is the kind it expects.
  const pgModule = (await import(pathToFileURL(peerFile('pg', 'esm', 'index.mjs')).href)) as { default: PgModule };
  const pool = new pgModule.default.Pool({ connectionString, max: connections });
  pool.on('error', () => undefined);
  const store = emmett.getPostgreSQLEventStore(connectionString, {
    connectionOptions: { pooled: true, pool, connectionString },
  });
  return {
    version,
    append: async (streamName, revision, events) => {
      const result = await store.appendToStream(streamName, [...events], {
        expectedStreamVersion: revision < 0 ? 'STREAM_DOES_NOT_EXIST' : BigInt(revision + 1),
      });
      return Number(result.nextExpectedStreamVersion) - 1;
    },
    close: async () => {
      await store.close();
      await pool.end().catch(() => undefined);
    },
  };
}
