import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type PlatformConfig } from '@pamoja/platform/config';
import { ErasureTombstoneLog } from './erasure-tombstones.js';

export const MASTER_KEY_FILE = 'master-key';
/** The next master key while a rotation is under way (ADR 0018): written before the keys are re-wrapped. */
export const NEXT_MASTER_KEY_FILE = 'master-key.next';
/** Accepted for unwrapping, never for wrapping, while an operator rotates `PAMOJA_MASTER_KEY`. */
export const PREVIOUS_MASTER_KEY_ENV = 'PAMOJA_MASTER_KEY_PREVIOUS';

/**
 * The master keys a process holds: the one that wraps, older ones that still unwrap (an operator's rotation
 * of `PAMOJA_MASTER_KEY` under way), and the data directory's key file when the key comes from it (the
 * platform then rotates it itself after every erasure, ADR 0018).
 */
export interface MasterKeys {
  readonly current: Buffer;
  readonly previous: readonly Buffer[];
  readonly file?: MasterKeyFile;
  /**
   * Embedded mode: the data directory's erasure tombstone list, written before every key destruction and
   * merged by a restore (ADR 0030). Server mode has none: the key table is its list (`npm run backup --
   * --tombstones-out`).
   */
  readonly erasureLog?: ErasureTombstoneLog;
}

type MasterKeyConfig = Pick<PlatformConfig, 'masterKey' | 'dataDir'> & Partial<Pick<PlatformConfig, 'mode'>>;

/**
 * The key-encryption key of the personal-data keys: `PAMOJA_MASTER_KEY` when set (required in production,
 * with `PAMOJA_MASTER_KEY_PREVIOUS` accepted for reading during a rotation), otherwise a key file in the data
 * directory, created once (readable by the owner only). In embedded mode the file is rotatable: the one
 * process that owns the data directory replaces it after an erasure. In server mode (a file shared by the
 * services, the relay and the tools) it is never rotated.
 */
export async function loadMasterKey(
  config: MasterKeyConfig,
  env: NodeJS.ProcessEnv = process.env,
): Promise<MasterKeys> {
  const erasureLog = config.mode === 'server' ? undefined : ErasureTombstoneLog.inDataDir(config.dataDir);
  if (config.masterKey) {
    const previousText = env[PREVIOUS_MASTER_KEY_ENV]?.trim();
    const previous = previousText ? [decode(previousText, PREVIOUS_MASTER_KEY_ENV)] : [];
    return { current: config.masterKey, previous, ...(erasureLog ? { erasureLog } : {}) };
  }
  const file = new MasterKeyFile(config.dataDir);
  const current = await file.loadOrCreate();
  return config.mode === 'server' ? { current, previous: [] } : { current, previous: [], file, erasureLog };
}

/**
 * The data directory's key file and the steps of its rotation. Each step is durable before the next begins
 * (file and directory synced), so that a crash between any two leaves a state the next start resolves from
 * the database: `master-key.next` exists only between "written" and "promoted", and the database records
 * which key wraps its keys.
 */
export class MasterKeyFile {
  readonly path: string;
  readonly nextPath: string;

  constructor(readonly dataDir: string) {
    this.path = join(dataDir, MASTER_KEY_FILE);
    this.nextPath = join(dataDir, NEXT_MASTER_KEY_FILE);
  }

  /** The key in `master-key`, created when there is none (another process creating it at once wins). */
  async loadOrCreate(): Promise<Buffer> {
    try {
      return await this.read();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    await mkdir(this.dataDir, { recursive: true });
    // Written aside, then linked into place: another process never reads a half-written key.
    const draft = this.draftPath();
    await writeKeyFile(draft, randomBytes(32));
    try {
      await link(draft, this.path);
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await unlink(draft);
    }
    await syncDirectory(this.dataDir);
    return this.read();
  }

  async read(): Promise<Buffer> {
    return decode(await readFile(this.path, 'utf8'), this.path);
  }

  /** The key in `master-key.next`; `undefined` without one; `'unreadable'` for a file that is not a key. */
  async readNext(): Promise<Buffer | 'unreadable' | undefined> {
    let text: string;
    try {
      text = await readFile(this.nextPath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      return decode(text, this.nextPath);
    } catch {
      return 'unreadable';
    }
  }

  /** Step 1: the new key on disk as `master-key.next`, whole (written aside, synced, renamed, directory synced). */
  async writeNext(key: Buffer): Promise<void> {
    const draft = this.draftPath();
    try {
      await writeKeyFile(draft, key);
      await rename(draft, this.nextPath);
    } catch (error) {
      await unlink(draft).catch(() => undefined);
      throw error;
    }
    await syncDirectory(this.dataDir);
  }

  /** Step 3: `master-key.next` replaces `master-key` in one rename; the old key file is gone. */
  async promoteNext(): Promise<void> {
    await rename(this.nextPath, this.path);
    await syncDirectory(this.dataDir);
  }

  /** Rolling back: the database never committed to `master-key.next`. */
  async discardNext(): Promise<void> {
    await unlink(this.nextPath).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    });
    await syncDirectory(this.dataDir);
  }

  /**
   * Before promoting: makes the re-wrapping commit durable, whatever the database's own syncing (PGlite's
   * files under the data directory): every file of its write-ahead log is synced.
   */
  async syncDatabaseLog(): Promise<void> {
    const wal = join(this.dataDir, 'pglite', 'pg_wal');
    let names: string[];
    try {
      names = await readdir(wal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const name of names) await syncFile(join(wal, name));
    await syncDirectory(wal);
  }

  private draftPath(): string {
    return `${this.path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  }
}

async function writeKeyFile(path: string, key: Buffer): Promise<void> {
  await writeFile(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  await syncFile(path);
}

async function syncFile(path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    // A directory or a file gone meanwhile (a recycled WAL segment): nothing to sync.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR') return;
    throw error;
  }
  try {
    await handle.sync();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EISDIR') throw error;
  } finally {
    await handle.close();
  }
}

async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } catch (error) {
    // Some file systems refuse to sync a directory; the rename is then as durable as they make it.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'EPERM' && code !== 'EISDIR') throw error;
  } finally {
    await handle.close();
  }
}

function decode(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${where} must hold 32 bytes in base64`);
  return key;
}
