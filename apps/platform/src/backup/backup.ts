import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, open, rename, rm, stat, utimes } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PgliteDatabase, SqlEventStore, verifyLog, type SqlDatabase } from '@pamoja/event-store';
import {
  ERASURE_TOMBSTONES_FILE,
  erasedSubjects,
  formatTombstones,
  mergeTombstones,
  readTombstoneFile,
  type ErasureTombstone,
} from '@pamoja/platform/privacy';
import { lockDataDir } from '@pamoja/platform/config';
import { channelPath, requestSnapshot } from './backup-channel.js';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  DATA_PREFIX,
  MANIFEST_ENTRY,
  sealManifest,
  serializeManifest,
  type BackupManifest,
  type LogFacts,
  type ManifestFile,
} from './manifest.js';
import { takeSnapshot, type SnapshotFacts } from './snapshot.js';
import { TarWriter } from './tar.js';

/** A problem with what the operator asked: the argument, and why. Exit code 2, nothing written. */
export class UsageProblem extends Error {}

/** The release in the repository's package.json (the nearest one above this module named pamoja). */
export function releaseVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'pamoja' && pkg.version) return pkg.version;
    }
    const parent = dirname(dir);
    if (parent === dir) return process.env['npm_package_version'] ?? 'unknown';
    dir = parent;
  }
}

function stampOf(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/** Where the backup file goes: `--out` names the file, or an existing directory to put it in. */
async function backupFileOf(out: string, now: Date): Promise<string> {
  const target = resolve(out);
  const found = await stat(target).catch(() => undefined);
  if (found?.isDirectory()) return join(target, `pamoja-backup-${stampOf(now)}.tar`);
  if (found) throw new UsageProblem(`--out ${out}: the file exists; a backup never overwrites one`);
  const parent = await stat(dirname(target)).catch(() => undefined);
  if (!parent?.isDirectory()) throw new UsageProblem(`--out ${out}: the directory ${dirname(target)} does not exist`);
  return target;
}

/** Checks that `--data-dir` names an embedded data directory. */
export async function assertDataDir(dataDir: string): Promise<string> {
  const dir = resolve(dataDir);
  const found = await stat(dir).catch(() => undefined);
  if (!found?.isDirectory()) throw new UsageProblem(`--data-dir ${dataDir}: no such directory`);
  if (!(await stat(join(dir, 'pglite')).catch(() => undefined))?.isDirectory()) {
    throw new UsageProblem(`--data-dir ${dataDir}: not a Pamoja data directory (it has no pglite/ database)`);
  }
  return dir;
}

/**
 * The snapshot, from whoever holds the data directory: the tool itself when nobody does (it takes the lock),
 * otherwise the running platform through its backup channel.
 */
async function snapshot(
  dataDir: string,
  into: string,
  keyFromEnvironment: boolean,
): Promise<SnapshotFacts & { taken: 'online' | 'offline' }> {
  let unlock: (() => Promise<void>) | undefined;
  try {
    unlock = await lockDataDir(dataDir, 'the backup tool');
  } catch (error) {
    if (!existsSync(channelPath(dataDir))) throw error;
  }
  if (!unlock) return { ...(await requestSnapshot(dataDir, into)), taken: 'online' };
  let db: SqlDatabase | undefined;
  try {
    db = await PgliteDatabase.open(join(dataDir, 'pglite'));
    return { ...(await takeSnapshot(db, dataDir, into, { keyFromEnvironment })), taken: 'offline' };
  } finally {
    await db?.close();
    await unlock();
  }
}

/** The log of the copy, verified as `npm run verify` does: facts for the manifest, or why it is broken. */
async function verifyCopy(pgliteDir: string): Promise<LogFacts> {
  const db = await PgliteDatabase.open(pgliteDir);
  try {
    const store = await SqlEventStore.open(db);
    try {
      const report = await verifyLog(store);
      if (!report.intact) {
        throw new Error(
          `the log in the snapshot does not verify (${report.breakCount} break(s); first: ` +
            `${report.firstBreak?.description ?? '?'}): run npm run verify, no backup written`,
        );
      }
      const last = report.lastCheckpoint;
      return {
        head:
          report.events > 0
            ? { transactionId: report.head.transactionId, globalPosition: report.head.globalPosition }
            : null,
        events: report.events,
        streams: report.streams,
        digest: report.events > 0 ? report.digest : null,
        lastCheckpoint: last ? { seq: last.seq, eventCount: last.eventCount, digest: last.digest } : null,
      };
    } finally {
      await store.close();
    }
  } finally {
    await db.close();
  }
}

export interface BackupResult {
  readonly file: string;
  readonly manifest: BackupManifest;
  readonly bytes: number;
}

/**
 * Takes a backup of an embedded data directory into one tar file: the data directory's files under `data/`
 * (the database, the key files, the development issuer's key, the tombstone list) and `manifest.json` last.
 * The file appears under its name only once whole and synced; the copy's log is verified first.
 */
export async function takeBackup(options: {
  readonly dataDir: string;
  readonly out: string;
  readonly keyFromEnvironment: boolean;
  readonly now?: Date;
}): Promise<BackupResult> {
  const now = options.now ?? new Date();
  const dataDir = await assertDataDir(options.dataDir);
  const file = await backupFileOf(options.out, now);
  const staging = await mkdtemp(join(dirname(file), '.pamoja-backup-'));
  const partial = `${file}.partial`;
  try {
    const facts = await snapshot(dataDir, staging, options.keyFromEnvironment);
    const out = await open(partial, 'wx', 0o600);
    let bytes = 0;
    try {
      const tar = new TarWriter(out);
      const mtime = Math.floor(now.getTime() / 1000);
      const files: ManifestFile[] = [];
      for (const path of facts.directories) await tar.addDirectory(`${DATA_PREFIX}${path}`, mtime);
      for (const path of facts.files) {
        const source = await open(join(staging, path), 'r');
        try {
          const { size } = await source.stat();
          const sha256 = await tar.addFile(`${DATA_PREFIX}${path}`, source, size, mtime);
          files.push({ path, size, sha256 });
        } finally {
          await source.close();
        }
      }
      // Verified on the copy, after its files went into the archive (opening a database writes to it).
      const log = await verifyCopy(join(staging, 'pglite'));
      const manifest = sealManifest({
        format: BACKUP_FORMAT,
        formatVersion: BACKUP_FORMAT_VERSION,
        release: releaseVersion(),
        createdAt: now.toISOString(),
        taken: facts.taken,
        log,
        keyStore: facts.keyStore,
        files,
        directories: facts.directories,
      });
      await tar.addBuffer(MANIFEST_ENTRY, serializeManifest(manifest), mtime);
      await tar.finish();
      await out.sync();
      bytes = (await out.stat()).size;
      await out.close();
      await rename(partial, file);
      await utimes(file, now, now);
      return { file, manifest, bytes };
    } catch (error) {
      await out.close().catch(() => undefined);
      throw error;
    }
  } finally {
    await rm(partial, { force: true });
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * Writes the tombstone list kept outside the backups: what the file holds already, merged with the data
 * directory's `erasures.log` or a database's destroyed keys. Written aside and renamed: never half a list.
 */
export async function exportTombstones(options: {
  readonly file: string;
  readonly dataDir?: string;
  readonly db?: SqlDatabase;
}): Promise<{ total: number; added: number }> {
  const target = resolve(options.file);
  if (!(await stat(dirname(target)).catch(() => undefined))?.isDirectory()) {
    throw new UsageProblem(`--tombstones-out ${options.file}: the directory ${dirname(target)} does not exist`);
  }
  const kept = await readTombstoneFile(target);
  const fresh: ErasureTombstone[] = [];
  if (options.dataDir) fresh.push(...(await readTombstoneFile(join(options.dataDir, ERASURE_TOMBSTONES_FILE))));
  if (options.db) fresh.push(...(await erasedSubjects(options.db)));
  const merged = mergeTombstones(kept, fresh);
  const draft = `${target}.${process.pid}.partial`;
  const handle = await open(draft, 'w', 0o600);
  try {
    await handle.writeFile(formatTombstones(merged), 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(draft, target);
  return { total: merged.length, added: merged.length - kept.length };
}
