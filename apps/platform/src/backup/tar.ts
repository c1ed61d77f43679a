import { createHash } from 'node:crypto';
import { type FileHandle } from 'node:fs/promises';
import { extract, pack, type Extract, type Pack } from 'tar-stream';

/*
 * The backup is one POSIX tar (ustar) file, readable with `tar -tvf`: regular files and directories only,
 * owner-only modes. Headers are written and read by tar-stream, a file at a time through streams, so that no
 * file of the data directory is held in memory whole. On top of it, what a backup must also be: the padding
 * after each file and everything after the end marker are zeros, as written (a byte changed there is a
 * changed backup too), and the end marker is there.
 */

const BLOCK = 512;
const END_MARKER = BLOCK * 2;
const CHUNK = 1 << 20;

/** A tar file that is not one the backup writes: the entry, and why. */
export class TarFormatError extends Error {}

type Sink = ReturnType<Pack['entry']>;

/** Waits until a stream takes more bytes (back-pressure: data flows as fast as the disk takes it), or ends. */
function drained(sink: Sink | Extract): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error): void => {
      sink.off('drain', done).off('close', done).off('error', done);
      if (error) reject(error);
      else resolve();
    };
    sink.on('drain', done).on('close', done).on('error', done);
  });
}

/**
 * `length` bytes of a file from `start`, a fresh buffer a chunk. Read through the handle itself: a stream of
 * the handle would keep it open until the stream closes it.
 */
async function* chunksOf(file: FileHandle, start: number, length: number, what: string): AsyncGenerator<Buffer> {
  for (let done = 0; done < length;) {
    const buffer = Buffer.allocUnsafe(Math.min(CHUNK, length - done));
    const { bytesRead } = await file.read(buffer, 0, buffer.length, start + done);
    if (bytesRead === 0) throw new TarFormatError(what);
    done += bytesRead;
    yield buffer.subarray(0, bytesRead);
  }
}

function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

/** Appends tar entries to an open file (from its start). */
export class TarWriter {
  private readonly archive: Pack = pack();
  private readonly written: Promise<void>;
  /** Rejects when writing the archive out fails (the disk is full, say): no entry waits for ever. */
  private readonly failed: Promise<never>;

  constructor(out: FileHandle) {
    this.written = (async () => {
      let position = 0;
      for await (const chunk of this.archive as AsyncIterable<Buffer>) {
        await out.write(chunk, 0, chunk.length, position);
        position += chunk.length;
      }
    })();
    this.failed = this.written.then(() => new Promise<never>(() => undefined));
    this.failed.catch(() => undefined);
  }

  private async entry(
    path: string,
    type: 'file' | 'directory',
    size: number,
    mtimeSeconds: number,
    write: (sink: Sink) => Promise<void>,
  ): Promise<void> {
    let sink!: Sink;
    const added = new Promise<void>((resolve, reject) => {
      const header = { name: path, type, size, mode: type === 'directory' ? 0o700 : 0o600 };
      sink = this.archive.entry({ ...header, mtime: new Date(mtimeSeconds * 1000) }, (error) => {
        if (error) reject(error);
        else resolve();
      });
    });
    await Promise.race([write(sink), this.failed]);
    sink.end(undefined); // streamx types ask for an argument; none is written
    await Promise.race([added, this.failed]);
  }

  async addBuffer(path: string, content: Buffer, mtimeSeconds: number): Promise<void> {
    await this.entry(path, 'file', content.length, mtimeSeconds, async (sink) => {
      if (content.length > 0 && !sink.write(content)) await drained(sink);
    });
  }

  async addDirectory(path: string, mtimeSeconds: number): Promise<void> {
    await this.entry(`${path}/`, 'directory', 0, mtimeSeconds, () => Promise.resolve());
  }

  /** Copies `size` bytes of `source` into an entry, and returns their sha256 (hex). */
  async addFile(path: string, source: FileHandle, size: number, mtimeSeconds: number): Promise<string> {
    const hash = createHash('sha256');
    await this.entry(path, 'file', size, mtimeSeconds, async (sink) => {
      for await (const chunk of chunksOf(source, 0, size, `${path}: the file shrank while being copied`)) {
        hash.update(chunk);
        if (!sink.write(chunk)) await drained(sink);
      }
    });
    return hash.digest('hex');
  }

  /** The end marker (two zero blocks); the archive is then whole in the file. */
  async finish(): Promise<void> {
    this.archive.finalize();
    await this.written;
  }
}

/** An entry of a tar file: where its content is, and its sha256 (hex). */
export interface TarEntry {
  readonly path: string;
  readonly type: 'file' | 'directory';
  readonly size: number;
  readonly offset: number;
  readonly sha256: string;
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

/**
 * Lists the regular files and directories of a tar file, reading it once through tar-stream (which checks
 * every header's checksum) and hashing every file. Anything but regular files and directories, a header that
 * does not add up, changed padding or trailing bytes, or an archive cut short is an error naming the entry
 * (or its position).
 */
export async function listTar(input: FileHandle, where: string): Promise<TarEntry[]> {
  const { size: total } = await input.stat();
  const entries: TarEntry[] = [];
  /** Where the last entry (with its padding) ends: the next header, or the end marker. */
  let end = 0;
  let current: string | undefined;
  const reader = extract();
  const fed = (async () => {
    try {
      for await (const chunk of chunksOf(input, 0, total, `${where}: the archive changed while being read`)) {
        if (reader.destroyed || reader.destroying) return;
        if (!reader.write(chunk)) await drained(reader);
      }
      reader.end(undefined); // streamx types ask for an argument; none is written
    } catch (error) {
      reader.destroy(error as Error);
    }
  })();
  try {
    for await (const entry of reader) {
      const { header } = entry;
      const path = header.type === 'directory' ? header.name.replace(/\/$/, '') : header.name;
      current = path;
      if (header.type !== 'file' && header.type !== 'directory') {
        throw new TarFormatError(`${where}: ${path} is neither a regular file nor a directory`);
      }
      const offset = entry.offset + BLOCK;
      const hash = createHash('sha256');
      for await (const chunk of entry as AsyncIterable<Buffer>) hash.update(chunk);
      if (!(await allZero(input, offset + header.size, offset + header.size + padding(header.size)))) {
        throw new TarFormatError(`${where}: the padding after ${path} was changed`);
      }
      entries.push({ path, type: header.type, size: header.size, offset, sha256: hash.digest('hex') });
      end = offset + header.size + padding(header.size);
      current = undefined;
    }
  } catch (error) {
    if (error instanceof TarFormatError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (/unexpected end of data/i.test(message)) {
      throw new TarFormatError(
        current ? `${where}: ${current} is cut short` : `${where}: the archive ends without its end marker`,
      );
    }
    if (/invalid/i.test(message)) {
      // A block after the end marker that is not zeros reads as a header that does not add up.
      if (end + BLOCK <= total && (await allZero(input, end, end + BLOCK))) {
        throw new TarFormatError(`${where}: bytes after the end of the archive were changed`);
      }
      const last = entries.at(-1);
      throw new TarFormatError(`${where}: the header at byte ${end}${last ? ` (after ${last.path})` : ''} is damaged`);
    }
    throw error;
  } finally {
    await fed;
  }
  if (end + END_MARKER > total) throw new TarFormatError(`${where}: the archive ends without its end marker`);
  if (!(await allZero(input, end, total))) {
    throw new TarFormatError(`${where}: bytes after the end of the archive were changed`);
  }
  return entries;
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
