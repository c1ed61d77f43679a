import { PGlite, type Transaction } from '@electric-sql/pglite';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { type SqlDatabase, type SqlQueryable } from './sql-database.js';

/**
 * PostgreSQL's buffer pool inside PGlite. PostgreSQL's default (128 MB, which initdb writes into
 * postgresql.conf) is all touched at start, so it counted in full in the process's resident memory before a
 * single page was read; the files under the data directory are cached by the operating system anyway, so a
 * pool a quarter of that size reads the odd page back from the system's cache instead, for ~96 MB less.
 * Given on the command line, it wins over the postgresql.conf of an existing data directory, which is left as it is.
 */
export const PGLITE_SHARED_BUFFERS = '32MB';

let optimizingTierOff = false;

/**
 * V8 compiles WebAssembly with a baseline compiler (Liftoff) and recompiles hot functions with its optimizing
 * one (TurboFan). PostgreSQL's parser (raw_parser, 105 kB of WebAssembly, on every statement) is hot at once,
 * and TurboFan needs ~600 MB of working memory to compile that one function: the process peaked near 1 GB at
 * every start for a few seconds, then settled ~500 MB lower. Without the optimizing tier the peak is gone, and in
 * the platform the JavaScript around a statement costs more than the statement: a coordinator's reads
 * (bench:memory) were answered no slower without it (p50 5-7 ms against 6-9 ms with it, on two busy cores where
 * the optimizing compiler also takes one), and the platform started in 3-6 s instead of 8-9. Process-wide: V8
 * reads these flags when it compiles a module, so this runs before PGlite's module is compiled, at the first open.
 */
function turnOffOptimizingTier(): void {
  if (optimizingTierOff) return;
  // Both are needed: with dynamic tiering on, V8 tiers hot functions up whatever --wasm-tier-up says.
  setFlagsFromString('--no-wasm-dynamic-tiering');
  setFlagsFromString('--no-wasm-tier-up');
  optimizingTierOff = true;
}

function wrap(db: PGlite | Transaction): SqlQueryable {
  return {
    async query<R extends object>(sql: string, params?: readonly unknown[]): Promise<R[]> {
      const result = await db.query<R>(sql, params ? [...params] : undefined);
      return result.rows;
    },
    async exec(sql: string): Promise<void> {
      await db.exec(sql);
    },
  };
}

/**
 * PostgreSQL compiled to WebAssembly, in this process. One connection: PGlite runs one
 * statement at a time and a transaction holds it exclusively, so writers queue.
 */
export class PgliteDatabase implements SqlDatabase {
  readonly dialect = 'pglite' as const;
  private readonly direct: SqlQueryable;

  private constructor(private readonly db: PGlite) {
    this.direct = wrap(db);
  }

  /**
   * Creates PostgreSQL's files in a new data directory (initdb, run inside PGlite); false when the directory already
   * has them. `open` does the same on its own; this is for a process that wants initdb's working memory (~450 MB for
   * a few seconds: PGlite runs initdb in two more WebAssembly instances) given back before it loads anything else
   * (the seed, before the platform). Run in a worker thread, whose instances are freed when it ends: in this thread
   * they would wait for a garbage collection, which may come only after the rest has loaded, adding up with it.
   */
  static async initialise(dataDir: string): Promise<boolean> {
    if (existsSync(join(dataDir, 'PG_VERSION'))) return false;
    const worker = new Worker(new URL('./pglite-initdb.worker.js', import.meta.url), { workerData: { dataDir } });
    await new Promise<void>((resolve, reject) => {
      worker.once('error', reject);
      worker.once('exit', (code) => {
        if (code === 0) resolve();
        else reject(new Error(`initdb in ${dataDir} failed (its thread exited with ${code})`));
      });
    });
    return true;
  }

  /** `dataDir` undefined keeps the database in memory. */
  static async open(dataDir?: string): Promise<PgliteDatabase> {
    turnOffOptimizingTier();
    const db = await PGlite.create({
      ...(dataDir === undefined ? {} : { dataDir }),
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
      // A new data directory: initdb writes the same value into postgresql.conf before its bootstrap, which
      // reads it from there (initdb's own choice, 128 MB, was the bulk of a new directory's peak).
      initDbStartParams: ['-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
    });
    return new PgliteDatabase(db);
  }

  query<R extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]> {
    return this.direct.query<R>(sql, params);
  }

  exec(sql: string): Promise<void> {
    return this.direct.exec(sql);
  }

  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => work(wrap(tx)));
  }

  async listen(channel: string, onNotify: () => void): Promise<() => Promise<void>> {
    return this.db.listen(channel, onNotify);
  }

  async close(): Promise<void> {
    if (!this.db.closed) await this.db.close();
  }
}
