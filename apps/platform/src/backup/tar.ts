import { createHash } from 'node:crypto';
import { type FileHandle } from 'node:fs/promises';

/*
 * The backup is one POSIX tar (ustar) file, readable with `tar -tvf`: regular files only, owner-only modes.
 * Written and read here, a file at a time, so that no file of the data directory is held in memory whole.
 */

const BLOCK = 512;
const CHUNK = 1 << 20;

/** A tar file that is not one the backup writes: the entry, and why. */
export class TarFormatError extends Error {}

function splitName(name: string): { name: string; prefix: string } {
  if (Buffer.byteLength(name) <= 100) return { name, prefix: '' };
  const cut = name.lastIndexOf('/', 155);
  if (cut <= 0 || Buffer.byteLength(name.slice(cut + 1)) > 100 || Buffer.byteLength(name.slice(0, cut)) > 155) {
    throw new TarFormatError(`${name}: path too long for a tar header`);
  }
  return { name: name.slice(cut + 1), prefix: name.slice(0, cut) };
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

/** The 512-byte header of a regular file (type 0) or a directory (type 5). */
export function tarHeader(path: string, size: number, mtimeSeconds: number, type: '0' | '5' = '0'): Buffer {
  const header = Buffer.alloc(BLOCK, 0);
  const { name, prefix } = splitName(path);
  header.write(name, 0, 100, 'utf8');
  header.write(octal(type === '5' ? 0o700 : 0o600, 8), 100, 8, 'ascii');
  header.write(octal(0, 8), 108, 8, 'ascii');
  header.write(octal(0, 8), 116, 8, 'ascii');
  header.write(octal(size, 12), 124, 12, 'ascii');
  header.write(octal(mtimeSeconds, 12), 136, 12, 'ascii');
  header.write('        ', 148, 8, 'ascii');
  header.write(type, 156, 1, 'ascii');
  header.write('ustar\u000000', 257, 8, 'ascii');
  header.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  return header;
}

function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

/** Appends tar entries to an open file. */
export class TarWriter {
  private position = 0;

  constructor(private readonly out: FileHandle) {}

  private async write(bytes: Buffer): Promise<void> {
    await this.out.write(bytes, 0, bytes.length, this.position);
    this.position += bytes.length;
  }

  async addBuffer(path: string, content: Buffer, mtimeSeconds: number): Promise<void> {
    await this.write(tarHeader(path, content.length, mtimeSeconds));
    await this.write(content);
    await this.write(Buffer.alloc(padding(content.length)));
  }

  async addDirectory(path: string, mtimeSeconds: number): Promise<void> {
    await this.write(tarHeader(`${path}/`, 0, mtimeSeconds, '5'));
  }

  /** Copies `size` bytes of `source` into an entry, and returns their sha256 (hex). */
  async addFile(path: string, source: FileHandle, size: number, mtimeSeconds: number): Promise<string> {
    await this.write(tarHeader(path, size, mtimeSeconds));
    const hash = createHash('sha256');
    const buffer = Buffer.alloc(Math.min(CHUNK, Math.max(size, 1)));
    let done = 0;
    while (done < size) {
      const { bytesRead } = await source.read(buffer, 0, Math.min(buffer.length, size - done), done);
      if (bytesRead === 0) throw new TarFormatError(`${path}: the file shrank while being copied`);
      const chunk = buffer.subarray(0, bytesRead);
      hash.update(chunk);
      await this.write(chunk);
      done += bytesRead;
    }
    await this.write(Buffer.alloc(padding(size)));
    return hash.digest('hex');
  }

  /** The two zero blocks that end an archive. */
  async finish(): Promise<void> {
    await this.write(Buffer.alloc(BLOCK * 2));
  }
}

/** An entry of a tar file: where its content is. */
export interface TarEntry {
  readonly path: string;
  readonly type: 'file' | 'directory';
  readonly size: number;
  readonly offset: number;
}

function field(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? raw.length : end).toString('utf8');
}

/**
 * Lists the regular files of a tar file, checking every header's checksum. Anything but regular files, a
 * header that does not add up, or an archive cut short is an error naming the entry (or its position).
 */
export async function listTar(input: FileHandle, where: string): Promise<TarEntry[]> {
  const { size: total } = await input.stat();
  const entries: TarEntry[] = [];
  const header = Buffer.alloc(BLOCK);
  let position = 0;
  for (;;) {
    if (position + BLOCK > total) throw new TarFormatError(`${where}: the archive ends without its end marker`);
    await input.read(header, 0, BLOCK, position);
    if (header.every((byte) => byte === 0)) {
      // What follows the end marker is zeros, as written: a byte changed there is a changed backup too.
      if (!(await allZero(input, position, total))) {
        throw new TarFormatError(`${where}: bytes after the end of the archive were changed`);
      }
      return entries;
    }
    const name = field(header, 0, 100);
    const prefix = field(header, 345, 155);
    const path = prefix ? `${prefix}/${name}` : name;
    const stored = parseInt(field(header, 148, 8).trim() || 'x', 8);
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (header[i] ?? 0);
    if (stored !== sum) {
      throw new TarFormatError(`${where}: the header of ${path || `the entry at byte ${position}`} is damaged`);
    }
    const type = field(header, 156, 1);
    if (type !== '0' && type !== '' && type !== '5') {
      throw new TarFormatError(`${where}: ${path} is neither a regular file nor a directory`);
    }
    const size = parseInt(field(header, 124, 12).trim() || '0', 8);
    if (!Number.isSafeInteger(size) || size < 0) throw new TarFormatError(`${where}: ${path} has no valid size`);
    const offset = position + BLOCK;
    if (offset + size > total) throw new TarFormatError(`${where}: ${path} is cut short`);
    if (!(await allZero(input, offset + size, offset + size + padding(size)))) {
      throw new TarFormatError(`${where}: the padding after ${path} was changed`);
    }
    entries.push(
      type === '5'
        ? { path: path.replace(/\/$/, ''), type: 'directory', size: 0, offset }
        : { path, type: 'file', size, offset },
    );
    position = offset + size + padding(size);
  }
}

async function allZero(input: FileHandle, from: number, to: number): Promise<boolean> {
  const buffer = Buffer.alloc(Math.min(CHUNK, Math.max(to - from, 1)));
  for (let at = from; at < to;) {
    const { bytesRead } = await input.read(buffer, 0, Math.min(buffer.length, to - at), at);
    if (bytesRead === 0) return true;
    if (!buffer.subarray(0, bytesRead).every((byte) => byte === 0)) return false;
    at += bytesRead;
  }
  return true;
}

/** Streams an entry's content to `sink` chunk by chunk; returns its sha256 (hex). */
export async function readEntry(
  input: FileHandle,
  entry: TarEntry,
  sink?: (chunk: Buffer) => Promise<void>,
): Promise<string> {
  const hash = createHash('sha256');
  const buffer = Buffer.alloc(Math.min(CHUNK, Math.max(entry.size, 1)));
  let done = 0;
  while (done < entry.size) {
    const { bytesRead } = await input.read(buffer, 0, Math.min(buffer.length, entry.size - done), entry.offset + done);
    if (bytesRead === 0) throw new TarFormatError(`${entry.path} is cut short`);
    const chunk = buffer.subarray(0, bytesRead);
    hash.update(chunk);
    if (sink) await sink(Buffer.from(chunk));
    done += bytesRead;
  }
  return hash.digest('hex');
}

/** An entry's whole content (the manifest: small). */
export async function entryContent(input: FileHandle, entry: TarEntry): Promise<Buffer> {
  const content = Buffer.alloc(entry.size);
  if (entry.size > 0) await input.read(content, 0, entry.size, entry.offset);
  return content;
}
