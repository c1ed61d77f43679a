import { createHash } from 'node:crypto';

/** The name of the manifest inside the backup file: its last entry, written once every file's hash is known. */
export const MANIFEST_ENTRY = 'manifest.json';
/** The data directory's files sit under this folder of the backup file. */
export const DATA_PREFIX = 'data/';
export const BACKUP_FORMAT = 'pamoja-backup';
export const BACKUP_FORMAT_VERSION = 1;

export interface LogPositionFacts {
  readonly transactionId: number;
  readonly globalPosition: number;
}

/** The log as it stood in the backup: what `npm run verify` of the restored directory must find again. */
export interface LogFacts {
  /** The last event's position in log order; null for an empty log. */
  readonly head: LogPositionFacts | null;
  readonly events: number;
  readonly streams: number;
  /** The log digest over every event (hex; ADR 0012), as `npm run verify` prints it; null for an empty log. */
  readonly digest: string | null;
  /** The last checkpoint the platform had taken (sequence, events covered, digest), if any. */
  readonly lastCheckpoint: { readonly seq: number; readonly eventCount: number; readonly digest: string } | null;
}

/** The key store in the backup: fingerprints and counts, never a key. */
export interface KeyStoreFacts {
  /** The fingerprint of the master key the data keys are wrapped under (`privacy.master_key`). */
  readonly masterKeyId: string | null;
  readonly rotationDue: boolean;
  readonly liveKeys: number;
  readonly erasedKeys: number;
  /** Whether the data directory's `master-key` file is in the backup (no: the key came from PAMOJA_MASTER_KEY). */
  readonly masterKeyFile: boolean;
}

export interface ManifestFile {
  /** Relative to the data directory, with `/`. */
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

export interface BackupManifest {
  readonly format: typeof BACKUP_FORMAT;
  readonly formatVersion: number;
  /** The release that took it (package.json). */
  readonly release: string;
  readonly createdAt: string;
  /** `online`: served by the running platform; `offline`: the tool held the data directory itself. */
  readonly taken: 'online' | 'offline';
  readonly log: LogFacts;
  readonly keyStore: KeyStoreFacts;
  readonly files: readonly ManifestFile[];
  /** Directories to create, empty ones included (relative, with `/`, parents first). */
  readonly directories: readonly string[];
  /** sha256 of the manifest without this field (canonical JSON): a changed byte anywhere in it shows. */
  readonly digest: string;
}

export type UnsignedManifest = Omit<BackupManifest, 'digest'>;

/** A manifest that cannot be trusted: what is wrong, naming the field. */
export class ManifestError extends Error {}

/** JSON with object keys sorted, so that the digest does not depend on how the manifest was written. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function manifestDigest(manifest: UnsignedManifest): string {
  return createHash('sha256').update(canonicalJson(manifest)).digest('hex');
}

export function sealManifest(manifest: UnsignedManifest): BackupManifest {
  return { ...manifest, digest: manifestDigest(manifest) };
}

export function serializeManifest(manifest: BackupManifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
}

type Json = Record<string, unknown>;

function object(value: unknown, field: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ManifestError(`${field} must be an object`);
  }
  return value as Json;
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) throw new ManifestError(`${field} must be a non-empty string`);
  return value;
}

function count(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new ManifestError(`${field} must be a whole number, 0 or more`);
  }
  return value;
}

function hex64(value: unknown, field: string): string {
  if (typeof value !== 'string' || !/^[0-9a-f]{64}$/.test(value)) {
    throw new ManifestError(`${field} must be 64 lower-case hex digits`);
  }
  return value;
}

function nullable<T>(value: unknown, read: (v: unknown) => T): T | null {
  return value === null ? null : read(value);
}

/** A safe relative path inside the data directory: no absolute path, no `..`, no empty segment. */
export function isSafeRelativePath(path: string): boolean {
  if (path.length === 0 || path.startsWith('/') || path.includes('\\') || path.includes('\0')) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

/**
 * Reads and checks a manifest: the format and version this release reads, every field present and of its
 * type, file paths inside the data directory and each listed once, and the manifest's own digest.
 */
export function parseManifest(content: Buffer | string): BackupManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(typeof content === 'string' ? content : content.toString('utf8'));
  } catch {
    throw new ManifestError(`${MANIFEST_ENTRY} is not JSON`);
  }
  const m = object(raw, MANIFEST_ENTRY);
  if (m['format'] !== BACKUP_FORMAT) throw new ManifestError(`format must be "${BACKUP_FORMAT}"`);
  const formatVersion = count(m['formatVersion'], 'formatVersion');
  if (formatVersion !== BACKUP_FORMAT_VERSION) {
    throw new ManifestError(
      `formatVersion ${formatVersion} is not one this release reads (it reads ${BACKUP_FORMAT_VERSION})`,
    );
  }
  const createdAt = text(m['createdAt'], 'createdAt');
  if (Number.isNaN(Date.parse(createdAt))) throw new ManifestError('createdAt must be a date-time');
  const taken = m['taken'];
  if (taken !== 'online' && taken !== 'offline') throw new ManifestError('taken must be "online" or "offline"');
  const log = object(m['log'], 'log');
  const position = (v: unknown): LogPositionFacts => {
    const p = object(v, 'log.head');
    return {
      transactionId: count(p['transactionId'], 'log.head.transactionId'),
      globalPosition: count(p['globalPosition'], 'log.head.globalPosition'),
    };
  };
  const checkpoint = (v: unknown) => {
    const c = object(v, 'log.lastCheckpoint');
    return {
      seq: count(c['seq'], 'log.lastCheckpoint.seq'),
      eventCount: count(c['eventCount'], 'log.lastCheckpoint.eventCount'),
      digest: hex64(c['digest'], 'log.lastCheckpoint.digest'),
    };
  };
  const keyStore = object(m['keyStore'], 'keyStore');
  if (typeof keyStore['rotationDue'] !== 'boolean') throw new ManifestError('keyStore.rotationDue must be a boolean');
  if (typeof keyStore['masterKeyFile'] !== 'boolean') {
    throw new ManifestError('keyStore.masterKeyFile must be a boolean');
  }
  if (!Array.isArray(m['files'])) throw new ManifestError('files must be an array');
  const seen = new Set<string>();
  const files = (m['files'] as unknown[]).map((value, index) => {
    const f = object(value, `files[${index}]`);
    const path = text(f['path'], `files[${index}].path`);
    if (!isSafeRelativePath(path)) throw new ManifestError(`files[${index}].path ${path} leaves the data directory`);
    if (seen.has(path)) throw new ManifestError(`files[${index}].path ${path} is listed twice`);
    seen.add(path);
    return {
      path,
      size: count(f['size'], `files[${index}].size`),
      sha256: hex64(f['sha256'], `files[${index}].sha256`),
    };
  });
  if (!Array.isArray(m['directories'])) throw new ManifestError('directories must be an array');
  const directories = (m['directories'] as unknown[]).map((value, index) => {
    const path = text(value, `directories[${index}]`);
    if (!isSafeRelativePath(path)) throw new ManifestError(`directories[${index}] ${path} leaves the data directory`);
    return path;
  });
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    formatVersion,
    release: text(m['release'], 'release'),
    createdAt,
    taken,
    log: {
      head: nullable(log['head'], position),
      events: count(log['events'], 'log.events'),
      streams: count(log['streams'], 'log.streams'),
      digest: nullable(log['digest'], (v) => hex64(v, 'log.digest')),
      lastCheckpoint: nullable(log['lastCheckpoint'], checkpoint),
    },
    keyStore: {
      masterKeyId: nullable(keyStore['masterKeyId'], (v) => text(v, 'keyStore.masterKeyId')),
      rotationDue: keyStore['rotationDue'],
      liveKeys: count(keyStore['liveKeys'], 'keyStore.liveKeys'),
      erasedKeys: count(keyStore['erasedKeys'], 'keyStore.erasedKeys'),
      masterKeyFile: keyStore['masterKeyFile'],
    },
    files,
    directories,
    digest: hex64(m['digest'], 'digest'),
  };
  const { digest, ...unsigned } = manifest;
  if (manifestDigest(unsigned) !== digest) {
    throw new ManifestError(`${MANIFEST_ENTRY} was changed: its content does not match its digest`);
  }
  return manifest;
}
