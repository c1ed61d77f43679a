import { mkdir, mkdtemp, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import {
  PgliteDatabase,
  SqlEventStore,
  Upcasters,
  verifyLog,
  type Projection,
  type SqlDatabase,
} from '@pamoja/event-store';
import { loadConfig, type PlatformConfig } from '@pamoja/platform/config';
import {
  applyTombstones,
  ERASURE_TOMBSTONES_FILE,
  formatTombstones,
  loadMasterKey,
  masterKeyId,
  mergeTombstones,
  openProtectedEventStore,
  PersonalDataRegistry,
  ProtectedEventStore,
  readTombstoneFile,
  SqlPersonalDataKeys,
  type ErasureTombstone,
} from '@pamoja/platform/privacy';
import { lockDataDir } from '@pamoja/platform/config';
import { ALL_UPCASTERS } from '../contexts.js';
import { UsageProblem } from './backup.js';
import { DATA_PREFIX, MANIFEST_ENTRY, ManifestError, parseManifest, type BackupManifest } from './manifest.js';
import {
  checkProjectionsEqualRebuild,
  embeddedProjections,
  rebuildProjections,
  type ProjectionCheck,
} from './projection-check.js';
import { entryContent, listTar, readEntry, TarFormatError, type TarEntry } from './tar.js';

/** A backup that must not be restored: what is wrong with it, naming the file. Nothing was changed. */
export class BackupRefused extends Error {}

const LOCK_FILE = 'pamoja.pid';

interface OpenedBackup {
  readonly input: FileHandle;
  readonly manifest: BackupManifest;
  readonly entries: ReadonlyMap<string, TarEntry>;
}

/**
 * Opens a backup file and checks it whole before anything is written: its manifest (format, fields, own
 * digest), then every file against the manifest's size and sha256, and no file the manifest does not list.
 */
export async function openBackup(from: string): Promise<OpenedBackup> {
  const path = resolve(from);
  const found = await stat(path).catch(() => undefined);
  if (!found?.isFile()) throw new UsageProblem(`--from ${from}: no such backup file`);
  const input = await open(path, 'r');
  try {
    let listed: TarEntry[];
    try {
      listed = await listTar(input, from);
    } catch (error) {
      if (error instanceof TarFormatError) throw new BackupRefused(`backup ${from} refused: ${error.message}`);
      throw error;
    }
    const manifestEntry = listed.find((e) => e.path === MANIFEST_ENTRY);
    if (!manifestEntry) throw new BackupRefused(`backup ${from} refused: it has no ${MANIFEST_ENTRY}`);
    let manifest: BackupManifest;
    try {
      manifest = parseManifest(await entryContent(input, manifestEntry));
    } catch (error) {
      if (error instanceof ManifestError) {
        throw new BackupRefused(`backup ${from} refused: ${MANIFEST_ENTRY}: ${error.message}`);
      }
      throw error;
    }
    const entries = new Map<string, TarEntry>();
    const directories = new Set(manifest.directories);
    for (const entry of listed) {
      if (entry === manifestEntry) continue;
      if (entry.type === 'directory') {
        if (!directories.has(entry.path.slice(DATA_PREFIX.length))) {
          throw new BackupRefused(`backup ${from} refused: ${entry.path}/ is not in ${MANIFEST_ENTRY}`);
        }
        continue;
      }
      if (!entry.path.startsWith(DATA_PREFIX) || entries.has(entry.path.slice(DATA_PREFIX.length))) {
        throw new BackupRefused(`backup ${from} refused: ${entry.path} is not in ${MANIFEST_ENTRY}`);
      }
      entries.set(entry.path.slice(DATA_PREFIX.length), entry);
    }
    const listedInManifest = new Set(manifest.files.map((f) => f.path));
    for (const path of entries.keys()) {
      if (!listedInManifest.has(path)) {
        throw new BackupRefused(`backup ${from} refused: ${DATA_PREFIX}${path} is not in ${MANIFEST_ENTRY}`);
      }
    }
    for (const file of manifest.files) {
      const entry = entries.get(file.path);
      if (!entry) throw new BackupRefused(`backup ${from} refused: ${DATA_PREFIX}${file.path} is missing`);
      const sha256 = entry.size === file.size ? entry.sha256 : undefined;
      if (sha256 !== file.sha256) {
        throw new BackupRefused(
          `backup ${from} refused: ${DATA_PREFIX}${file.path} does not match ${MANIFEST_ENTRY} ` +
            `(${sha256 === undefined ? `${entry.size} bytes, not ${file.size}` : `sha256 ${sha256}, not ${file.sha256}`})`,
        );
      }
    }
    return { input, manifest, entries };
  } catch (error) {
    await input.close();
    throw error;
  }
}

/** Whether a directory holds anything (a missing one does not). */
async function isEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

/** Extracts every file, checking each hash again as it is written (the file could change between reads). */
async function extract(backup: OpenedBackup, into: string): Promise<void> {
  for (const directory of backup.manifest.directories)
    await mkdir(join(into, directory), { recursive: true, mode: 0o700 });
  for (const file of backup.manifest.files) {
    const entry = backup.entries.get(file.path);
    if (!entry) throw new BackupRefused(`${DATA_PREFIX}${file.path} is missing`);
    const target = join(into, file.path);
    await mkdir(dirname(target), { recursive: true, mode: 0o700 });
    const out = await open(target, 'wx', 0o600);
    let position = 0;
    try {
      const sha256 = await readEntry(backup.input, entry, async (chunk) => {
        await out.write(chunk, 0, chunk.length, position);
        position += chunk.length;
      });
      if (sha256 !== file.sha256) throw new BackupRefused(`${DATA_PREFIX}${file.path} changed while being restored`);
      await out.sync();
    } finally {
      await out.close();
    }
  }
}

/** Replaces the directory's content (all but the lock) with the staged one, entry by entry. */
async function moveInto(staged: string, dataDir: string): Promise<void> {
  for (const name of await readdir(dataDir)) {
    if (name !== LOCK_FILE) await rm(join(dataDir, name), { recursive: true, force: true });
  }
  for (const name of await readdir(staged)) await rename(join(staged, name), join(dataDir, name));
}

async function writeTombstoneList(path: string, tombstones: readonly ErasureTombstone[]): Promise<void> {
  const draft = `${path}.${process.pid}.partial`;
  const handle = await open(draft, 'w', 0o600);
  try {
    await handle.writeFile(formatTombstones(tombstones), 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(draft, path);
}

/** Reads the `--tombstones` lists, each named in its error. */
export async function readTombstoneLists(files: readonly string[]): Promise<ErasureTombstone[][]> {
  const lists: ErasureTombstone[][] = [];
  for (const file of files) {
    try {
      lists.push(await readTombstoneFile(resolve(file), 'error'));
    } catch (error) {
      const reason =
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? 'no such file'
          : error instanceof Error
            ? error.message
            : String(error);
      throw new UsageProblem(`--tombstones ${file}: ${reason}`);
    }
  }
  return lists;
}

/** The master key as the restored directory holds it, or `PAMOJA_MASTER_KEY`, opens the backup's key table. */
function assertMasterKey(manifest: BackupManifest, envKey: Buffer | undefined): void {
  const wanted = manifest.keyStore.masterKeyId;
  if (wanted === null) return;
  if (envKey) {
    if (masterKeyId(envKey) !== wanted) {
      throw new BackupRefused(
        `the backup's personal-data keys are wrapped under master key ${wanted}, and PAMOJA_MASTER_KEY is ` +
          `${masterKeyId(envKey)}: set the key the backup was taken with`,
      );
    }
    return;
  }
  if (!manifest.keyStore.masterKeyFile) {
    throw new BackupRefused(
      `the backup holds no master-key file (it was taken with PAMOJA_MASTER_KEY): set PAMOJA_MASTER_KEY to ` +
        `the key ${wanted}`,
    );
  }
}

/**
 * The decrypting store over the restored database with the backup's keys as they were: the key store opened
 * without the tombstone list, which it would otherwise enforce at once (the check must see the backup itself).
 */
async function openStoreAsBackedUp(
  db: SqlDatabase,
  config: PlatformConfig,
  upcasters: Upcasters,
): Promise<ProtectedEventStore> {
  const { current, previous, file } = await loadMasterKey(config);
  const keys = await SqlPersonalDataKeys.open(db, file ? { current, previous, file } : { current, previous });
  return new ProtectedEventStore(await SqlEventStore.open(db), keys, new PersonalDataRegistry(), { upcasters });
}

export interface RestoreReport {
  readonly manifest: BackupManifest;
  readonly tombstones: number;
  readonly destroyedNow: readonly string[];
  readonly rotated: boolean;
  readonly verify: {
    readonly intact: boolean;
    readonly events: number;
    readonly digest: string;
    readonly matchesManifest: boolean;
    readonly firstBreak?: string;
  };
  readonly projections: ProjectionCheck;
  readonly ok: boolean;
}

/** Applies tombstones to an opened embedded database, then replaces the master key file if it is due. */
export async function destroyListedKeys(
  db: SqlDatabase,
  dataDir: string,
  tombstones: readonly ErasureTombstone[],
): Promise<{ destroyed: readonly string[]; rotated: boolean }> {
  const applied = await applyTombstones(db, tombstones);
  const config = loadConfig(
    { ...process.env, PAMOJA_MODE: 'embedded', PAMOJA_DATA_DIR: dataDir },
    {
      mode: 'embedded',
      serviceName: 'pamoja-restore',
    },
  );
  // Opening the key store with the key file rotates it when a key was destroyed (ADR 0018).
  const masterKeys = await loadMasterKey(config);
  const before = masterKeyId(masterKeys.current);
  const keys = await SqlPersonalDataKeys.open(db, masterKeys);
  return { destroyed: applied.destroyed, rotated: keys.masterKeyId !== before };
}

/**
 * Restores a backup into an embedded data directory (ADR 0030), under the directory's lock from the first
 * write to the last step: the backup checked whole; the files put in place; the chains verified against the
 * manifest's digest and every read model compared with its rebuild from the log; then, last, the tombstone
 * list merged (the directory's own, the backup's, and `--tombstones` lists), every key on it destroyed and
 * the read models rebuilt without the persons erased, before anything can serve.
 */
export async function restoreBackup(options: {
  readonly from: string;
  readonly dataDir: string;
  readonly force: boolean;
  readonly tombstoneFiles: readonly string[];
  readonly say?: (line: string) => void;
  readonly projections?: readonly Projection[];
}): Promise<RestoreReport> {
  const say = options.say ?? (() => undefined);
  const dataDir = resolve(options.dataDir);
  const lists = await readTombstoneLists(options.tombstoneFiles);
  const existing = await stat(dataDir).catch(() => undefined);
  if (existing && !existing.isDirectory()) throw new UsageProblem(`--data-dir ${options.dataDir}: not a directory`);
  if (!options.force && !(await isEmptyDir(dataDir))) {
    throw new UsageProblem(
      `--data-dir ${options.dataDir} is not empty: add --force to replace its content with the backup ` +
        `(its erasure tombstones are kept)`,
    );
  }
  const backup = await openBackup(options.from);
  try {
    const { manifest } = backup;
    const config = loadConfig(
      { ...process.env, PAMOJA_MODE: 'embedded', PAMOJA_DATA_DIR: dataDir },
      {
        mode: 'embedded',
        serviceName: 'pamoja-restore',
      },
    );
    assertMasterKey(manifest, config.masterKey);
    say(
      `backup of ${manifest.createdAt} (release ${manifest.release}, taken ${manifest.taken}): ` +
        `${manifest.files.length} files checked, ${manifest.log.events} events up to log position ` +
        `${manifest.log.head?.globalPosition ?? 0}`,
    );
    const unlock = await lockDataDir(dataDir, 'the restore tool');
    try {
      // The directory's own tombstones outlive what it held: read before its content goes.
      const own = await readTombstoneFile(join(dataDir, ERASURE_TOMBSTONES_FILE));
      const staged = await mkdtemp(join(dirname(dataDir), `.${basename(dataDir)}.restore-`));
      try {
        await extract(backup, staged);
        const fromBackup = await readTombstoneFile(join(staged, ERASURE_TOMBSTONES_FILE));
        const merged = mergeTombstones(own, fromBackup, ...lists);
        await writeTombstoneList(join(staged, ERASURE_TOMBSTONES_FILE), merged);
        await moveInto(staged, dataDir);
      } finally {
        await rm(staged, { recursive: true, force: true });
      }
      const merged = await readTombstoneFile(join(dataDir, ERASURE_TOMBSTONES_FILE));
      const db = await PgliteDatabase.open(join(dataDir, 'pglite'));
      try {
        let verify: RestoreReport['verify'] | undefined;
        let projections: ProjectionCheck | undefined;
        const readModels = options.projections ?? embeddedProjections();
        const upcasters = Upcasters.of(...ALL_UPCASTERS);
        let failure: unknown;
        try {
          const store = await SqlEventStore.open(db);
          try {
            const expected = manifest.log.digest
              ? [{ eventCount: manifest.log.events, digest: manifest.log.digest }]
              : [];
            const report = await verifyLog(store, { expectedDigests: expected });
            verify = {
              intact: report.intact,
              events: report.events,
              digest: report.digest,
              matchesManifest: report.events === manifest.log.events && report.intact,
              ...(report.firstBreak ? { firstBreak: report.firstBreak.description } : {}),
            };
          } finally {
            await store.close();
          }
          say(
            verify.intact
              ? `chains: INTACT, ${verify.events} events, log digest ${verify.events}:${verify.digest}` +
                  (verify.matchesManifest
                    ? ' (as in the manifest)'
                    : ` (the manifest says ${manifest.log.events} events)`)
              : `chains: BROKEN: ${verify.firstBreak ?? '?'}`,
          );
          // The backup as it was taken: its read models against their rebuild from its log.
          const checkStore = await openStoreAsBackedUp(db, config, upcasters);
          try {
            projections = await checkProjectionsEqualRebuild(checkStore, db, readModels);
          } finally {
            await checkStore.close();
          }
          say(
            projections.differing.length === 0
              ? `read models: ${projections.projections} projections, ${projections.tables} tables equal their rebuild`
              : `read models: ${projections.differing.length} table(s) differ from their rebuild ` +
                  `(now rebuilt): ${projections.differing.join(', ')}`,
          );
        } catch (error) {
          failure = error;
        }
        // Tombstones last, before anything serves: a key destroyed after the backup is destroyed again.
        const { destroyed, rotated } = await destroyListedKeys(db, dataDir, merged);
        if (destroyed.length > 0) {
          // The read models as the log reads now: an erased person's data is nowhere to point at.
          const rebuildStore = await openProtectedEventStore(db, config, { upcasters });
          try {
            await rebuildProjections(rebuildStore, db, readModels);
          } finally {
            await rebuildStore.close();
          }
        }
        say(
          `erasure tombstones: ${merged.length} on the merged list, ${destroyed.length} key(s) destroyed now` +
            (rotated ? ', master key file replaced' : '') +
            (destroyed.length > 0 ? ', read models rebuilt' : ''),
        );
        if (failure !== undefined || !verify || !projections) throw failure;
        const ok = verify.intact && verify.matchesManifest && projections.differing.length === 0;
        return {
          manifest,
          tombstones: merged.length,
          destroyedNow: destroyed,
          rotated,
          verify,
          projections,
          ok,
        };
      } finally {
        await db.close();
      }
    } finally {
      await unlock();
    }
  } finally {
    await backup.input.close();
  }
}

/**
 * Applies tombstone lists to a database restored by other means (server mode's pg_restore or a base backup;
 * or an embedded directory): every listed key destroyed, in one transaction, before the services start.
 */
export async function applyTombstoneLists(
  db: SqlDatabase,
  tombstoneFiles: readonly string[],
): Promise<{ listed: number; destroyed: readonly string[] }> {
  const merged = mergeTombstones(...(await readTombstoneLists(tombstoneFiles)));
  const applied = await applyTombstones(db, merged);
  return { listed: merged.length, destroyed: applied.destroyed };
}
