/*
 * `@electric-sql/pglite` as the tests see it (jest maps the package here). Creating a database runs
 * PostgreSQL's initdb inside WebAssembly, 4-5 s on a CI core, and the unit tier creates hundreds. Here a
 * database created empty (in memory, or in a data directory that holds no cluster yet) starts instead from
 * a copy of a cluster that initdb made once for the whole run: the same files, loaded in under a second.
 * Nothing else differs: every test still gets a database of its own, as empty as initdb leaves it, and a
 * database opened on an existing cluster, or with any other option, is created exactly as asked.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
// The real package by its file, not its name: under jest the name is mapped to this very module.
// eslint-disable-next-line @nx/enforce-module-boundaries -- the package itself, not a project's source
import {
  PGlite as RealPGlite,
  type PGliteInterfaceExtensions,
  type PGliteOptions,
} from '../../node_modules/@electric-sql/pglite/dist/index.js';

// eslint-disable-next-line @nx/enforce-module-boundaries -- the package itself, not a project's source
export * from '../../node_modules/@electric-sql/pglite/dist/index.js';

/**
 * Where the first worker to need it leaves the initdb copy: the run's own directory (the global setup), or
 * one given in the environment, kept across runs.
 */
export const TEMPLATE_DIR_ENV = 'PAMOJA_TEST_PGLITE_TEMPLATE_DIR';
const PGLITE_PACKAGE = new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url);
/** Named by the PGlite version that made it: a kept copy is never loaded by another version. */
const TEMPLATE_FILE = `initdb-${(JSON.parse(readFileSync(PGLITE_PACKAGE, 'utf8')) as { version: string }).version}.tar`;

type Created<O extends PGliteOptions> = RealPGlite & PGliteInterfaceExtensions<O['extensions']>;

let template: Promise<Blob> | undefined;

async function makeTemplate(): Promise<Blob> {
  const dir = process.env[TEMPLATE_DIR_ENV];
  const file = dir === undefined ? undefined : join(dir, TEMPLATE_FILE);
  if (file !== undefined && existsSync(file)) return new Blob([await readFile(file)]);
  const db = await RealPGlite.create();
  try {
    const dump = await db.dumpDataDir('none');
    if (dir !== undefined && file !== undefined) {
      await mkdir(dir, { recursive: true });
      // Written beside and renamed: a worker reading it never sees half a file.
      const partial = `${file}.${process.pid}`;
      await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
      await rename(partial, file);
    }
    return dump;
  } finally {
    await db.close();
  }
}

/**
 * Where a new cluster would be made: true for memory and for a directory without one; never for others.
 * Start parameters apply to the copy as they would to a new cluster. initdb's parameters are not applied to the
 * copy (no initdb runs): the event store gives initdb the settings it also gives at every start (the buffer pool's
 * size), and those win over the copy's postgresql.conf, so the database runs as initdb would have left it.
 */
function createsEmptyCluster(options: PGliteOptions): boolean {
  const known = new Set(['dataDir', 'debug', 'startParams', 'initDbStartParams']);
  if (Object.keys(options).some((key) => !known.has(key) && (options as Record<string, unknown>)[key] !== undefined)) {
    return false;
  }
  const { dataDir } = options;
  if (dataDir === undefined || dataDir === 'memory://' || dataDir.startsWith('memory://')) return true;
  if (dataDir.includes('://') && !dataDir.startsWith('file://')) return false;
  return !existsSync(join(dataDir.replace(/^file:\/\//, ''), 'PG_VERSION'));
}

export class PGlite extends RealPGlite {
  static override create<O extends PGliteOptions>(options?: O): Promise<Created<O>>;
  static override create<O extends PGliteOptions>(dataDir?: string, options?: O): Promise<Created<O>>;
  static override async create<O extends PGliteOptions>(
    dataDirOrOptions?: string | O,
    options?: O,
  ): Promise<Created<O>> {
    const given: O =
      typeof dataDirOrOptions === 'string'
        ? ({ dataDir: dataDirOrOptions, ...(options ?? {}) } as O)
        : (dataDirOrOptions ?? options ?? ({} as O));
    if (!createsEmptyCluster(given)) return RealPGlite.create(given);
    template ??= makeTemplate();
    return RealPGlite.create({ ...given, loadDataDir: await template });
  }
}
