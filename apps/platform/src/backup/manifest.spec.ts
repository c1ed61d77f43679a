import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  ManifestError,
  parseManifest,
  sealManifest,
  serializeManifest,
  type UnsignedManifest,
} from './manifest.js';
import { entryContent, listTar, readEntry, TarFormatError, TarWriter } from './tar.js';

const HASH = 'a'.repeat(64);

function unsigned(overrides: Partial<UnsignedManifest> = {}): UnsignedManifest {
  return {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    release: '0.1.0',
    createdAt: '2026-12-06T10:00:00.000Z',
    taken: 'online',
    log: {
      head: { transactionId: 812, globalPosition: 40 },
      events: 40,
      streams: 12,
      digest: 'b'.repeat(64),
      lastCheckpoint: { seq: 2, eventCount: 30, digest: 'c'.repeat(64) },
    },
    keyStore: { masterKeyId: '2cdcad4a9fc01b5c', rotationDue: false, liveKeys: 3, erasedKeys: 1, masterKeyFile: true },
    files: [
      { path: 'master-key', size: 45, sha256: HASH },
      { path: 'pglite/base/1/1247', size: 8192, sha256: HASH },
    ],
    directories: ['pglite', 'pglite/base', 'pglite/base/1', 'pglite/pg_twophase'],
    ...overrides,
  };
}

/** The manifest as written, with one field changed by hand (the digest left as it was). */
function edited(edit: (json: Record<string, unknown>) => void): string {
  const json = JSON.parse(serializeManifest(sealManifest(unsigned())).toString()) as Record<string, unknown>;
  edit(json);
  return JSON.stringify(json);
}

/** The manifest with one field changed and sealed again: only the field's own check can refuse it. */
function resealed(edit: (json: Record<string, unknown>) => void): string {
  const json = JSON.parse(JSON.stringify(unsigned())) as Record<string, unknown>;
  edit(json);
  return JSON.stringify(sealManifest(json as unknown as UnsignedManifest));
}

describe('the backup manifest', () => {
  it('reads back what was written, digest included', () => {
    const manifest = sealManifest(unsigned());
    expect(manifest.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(parseManifest(serializeManifest(manifest))).toEqual(manifest);
  });

  it('has a digest that does not depend on key order', () => {
    const manifest = sealManifest(unsigned());
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(manifest).reverse()));
    expect(parseManifest(reordered)).toEqual(manifest);
  });

  it('refuses a manifest changed after it was written, whatever the field', () => {
    expect(() => parseManifest(edited((m) => (m['createdAt'] = '2026-12-07T10:00:00.000Z')))).toThrow(
      'manifest.json was changed: its content does not match its digest',
    );
    expect(() =>
      parseManifest(edited((m) => ((m['files'] as { sha256: string }[])[1]!.sha256 = 'd'.repeat(64)))),
    ).toThrow(/does not match its digest/);
  });

  it('names the field that is wrong', () => {
    const cases: [(m: Record<string, unknown>) => void, string][] = [
      [(m) => (m['format'] = 'tar'), 'format must be "pamoja-backup"'],
      [(m) => (m['formatVersion'] = 2), 'formatVersion 2 is not one this release reads (it reads 1)'],
      [(m) => (m['createdAt'] = 'yesterday'), 'createdAt must be a date-time'],
      [(m) => (m['taken'] = 'later'), 'taken must be "online" or "offline"'],
      [(m) => ((m['log'] as Record<string, unknown>)['events'] = -1), 'log.events must be a whole number, 0 or more'],
      [(m) => ((m['log'] as Record<string, unknown>)['digest'] = 'xyz'), 'log.digest must be 64 lower-case hex digits'],
      [
        (m) => ((m['keyStore'] as Record<string, unknown>)['rotationDue'] = 'no'),
        'keyStore.rotationDue must be a boolean',
      ],
      [
        (m) => ((m['files'] as Record<string, unknown>[])[0]!['path'] = '../etc/passwd'),
        'files[0].path ../etc/passwd leaves the data directory',
      ],
      [
        (m) => ((m['files'] as Record<string, unknown>[])[1]!['path'] = 'master-key'),
        'files[1].path master-key is listed twice',
      ],
      [(m) => (m['directories'] = ['/root']), 'directories[0] /root leaves the data directory'],
    ];
    for (const [edit, message] of cases) {
      expect(() => parseManifest(resealed(edit))).toThrow(new ManifestError(message));
    }
    expect(() => parseManifest('{"format":')).toThrow('manifest.json is not JSON');
  });
});

describe('the backup file (tar)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pamoja-tar-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('lists and reads back files and directories, long paths included', async () => {
    const path = join(dir, 'round-trip.tar');
    const source = join(dir, 'source');
    const content = Buffer.from('x'.repeat(1000) + 'end');
    const src = await open(source, 'w+');
    await src.writeFile(content);
    const out = await open(path, 'w');
    const tar = new TarWriter(out);
    const long = `data/pglite/${'deep/'.repeat(25)}file`;
    await tar.addDirectory('data/pglite', 0);
    const sha = await tar.addFile(long, src, content.length, 0);
    await tar.addBuffer('manifest.json', Buffer.from('{}'), 0);
    await tar.finish();
    await out.close();
    await src.close();

    const input = await open(path, 'r');
    try {
      const entries = await listTar(input, 'round-trip.tar');
      expect(entries.map((e) => [e.path, e.type, e.size])).toEqual([
        ['data/pglite', 'directory', 0],
        [long, 'file', content.length],
        ['manifest.json', 'file', 2],
      ]);
      expect(await readEntry(input, entries[1]!)).toBe(sha);
      expect((await entryContent(input, entries[2]!)).toString()).toBe('{}');
    } finally {
      await input.close();
    }
  });

  it('refuses a damaged header and an archive cut short, naming the entry', async () => {
    const path = join(dir, 'damaged.tar');
    const out = await open(path, 'w+');
    const tar = new TarWriter(out);
    await tar.addBuffer('data/master-key', Buffer.from('key\n'), 0);
    await tar.finish();
    // One byte of the name in the header.
    await out.write(Buffer.from('M'), 0, 1, 5);
    await expect(listTar(out, 'damaged.tar')).rejects.toThrow(
      new TarFormatError('damaged.tar: the header at byte 0 is damaged'),
    );
    await out.write(Buffer.from('m'), 0, 1, 5);
    // A byte of the padding after the content, then one after the end marker: neither is content, both refused.
    await out.write(Buffer.from('!'), 0, 1, 512 + 100);
    await expect(listTar(out, 'damaged.tar')).rejects.toThrow(
      'damaged.tar: the padding after data/master-key was changed',
    );
    await out.write(Buffer.alloc(1), 0, 1, 512 + 100);
    await out.write(Buffer.from('!'), 0, 1, 512 + 512 + 700);
    await expect(listTar(out, 'damaged.tar')).rejects.toThrow(
      'damaged.tar: bytes after the end of the archive were changed',
    );
    await out.write(Buffer.alloc(1), 0, 1, 512 + 512 + 700);
    expect((await listTar(out, 'damaged.tar')).map((e) => e.path)).toEqual(['data/master-key']);
    await out.truncate(512 + 512);
    await expect(listTar(out, 'damaged.tar')).rejects.toThrow('damaged.tar: the archive ends without its end marker');
    await out.close();
  });
});
