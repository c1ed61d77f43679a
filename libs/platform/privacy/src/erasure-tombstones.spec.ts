import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { PgliteDatabase, type SqlDatabase } from '@pamoja/event-store';
import {
  applyTombstones,
  ERASURE_TOMBSTONES_FILE,
  ErasureTombstoneLog,
  mergeTombstones,
  parseTombstones,
  TombstoneListError,
} from './erasure-tombstones.js';
import { loadMasterKey } from './master-key.js';
import { SqlPersonalDataKeys } from './sql-personal-data-keys.js';

const at = (day: number) => `2026-12-0${day}T10:00:00.000Z`;

describe('erasure tombstone lists', () => {
  it('merges lists into one tombstone per subject, the earliest erasure kept', () => {
    const merged = mergeTombstones(
      [
        { subjectId: 'victim:b', erasedAt: at(3), reason: 'legal_request' },
        { subjectId: 'victim:a', erasedAt: at(2), reason: 'legal_request' },
      ],
      [
        { subjectId: 'victim:b', erasedAt: at(1), reason: 'retention_expired' },
        { subjectId: 'suspect:c:d', erasedAt: at(4), reason: 'legal_request' },
      ],
    );
    expect(merged).toEqual([
      { subjectId: 'suspect:c:d', erasedAt: at(4), reason: 'legal_request' },
      { subjectId: 'victim:a', erasedAt: at(2), reason: 'legal_request' },
      { subjectId: 'victim:b', erasedAt: at(1), reason: 'retention_expired' },
    ]);
  });

  it('leaves out a last line a crash cut short, and names any other bad line', () => {
    const whole = `{"subjectId":"victim:a","erasedAt":"${at(1)}","reason":"legal_request"}\n`;
    expect(parseTombstones(`${whole}{"subjectId":"vic`, 'erasures.log')).toHaveLength(1);
    expect(() => parseTombstones(`${whole}not json\n`, 'off-site.log')).toThrow(
      new TombstoneListError('off-site.log, line 2: not a JSON object'),
    );
    expect(() => parseTombstones(`{"subjectId":"victim:a","erasedAt":"${at(1)}","reason":"whim"}\n`, 'x')).toThrow(
      'x, line 1: reason must be one of legal_request, retention_expired',
    );
    expect(() => parseTombstones(`{"subjectId":"","erasedAt":"${at(1)}","reason":"legal_request"}\n`, 'x')).toThrow(
      'x, line 1: subjectId must be a non-empty string',
    );
  });

  describe('in the data directory', () => {
    let dataDir: string;
    let db: SqlDatabase | undefined;
    beforeEach(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'pamoja-tombstones-'));
    });
    afterEach(async () => {
      await db?.close();
      db = undefined;
      await rm(dataDir, { recursive: true, force: true });
    });

    it('gets a line, synced, when a key is destroyed, before the key goes; each subject once', async () => {
      db = await PgliteDatabase.open();
      const keys = await SqlPersonalDataKeys.open(
        db,
        await loadMasterKey({ dataDir, masterKey: undefined, mode: 'embedded' }),
      );
      await keys.keyForWriting('victim:1');
      await keys.keyForWriting('victim:2');
      await keys.destroy('victim:1', 'legal_request');
      await keys.destroy('victim:1', 'legal_request');
      const list = await ErasureTombstoneLog.inDataDir(dataDir).read();
      expect(list.map((t) => [t.subjectId, t.reason])).toEqual([['victim:1', 'legal_request']]);
      expect((await keys.keysForReading(['victim:2'])).get('victim:2')?.state).toBe('active');
    });

    it('destroys at open the keys its list names that the database holds (a directory restored from a copy)', async () => {
      db = await PgliteDatabase.open();
      const config = { dataDir, masterKey: undefined, mode: 'embedded' } as const;
      const keys = await SqlPersonalDataKeys.open(db, await loadMasterKey(config));
      await keys.keyForWriting('victim:1');
      await keys.keyForWriting('victim:2');
      // Erased after the copy was made: the list knows it, the database (the copy's) does not.
      await ErasureTombstoneLog.inDataDir(dataDir).record('victim:1', 'legal_request');
      const reopened = await SqlPersonalDataKeys.open(db, await loadMasterKey(config));
      const found = await reopened.keysForReading(['victim:1', 'victim:2']);
      expect(found.get('victim:1')?.state).toBe('erased');
      expect(found.get('victim:2')?.state).toBe('active');
    });

    it('closes a line a crash cut short before appending the next', async () => {
      const path = join(dataDir, ERASURE_TOMBSTONES_FILE);
      const log = ErasureTombstoneLog.inDataDir(dataDir);
      await log.record('victim:1', 'legal_request', new Date(at(1)));
      await appendFile(path, '{"subjectId":"victim:9","era');
      await new ErasureTombstoneLog(path).record('victim:2', 'retention_expired', new Date(at(2)));
      expect(await readFile(path, 'utf8')).toBe(
        `{"subjectId":"victim:1","erasedAt":"${at(1)}","reason":"legal_request"}\n` +
          `{"subjectId":"victim:2","erasedAt":"${at(2)}","reason":"retention_expired"}\n`,
      );
    });

    it('applies a list: live keys destroyed, unknown subjects can never get one, the rotation due', async () => {
      db = await PgliteDatabase.open();
      const masterKey = Buffer.alloc(32, 7);
      const keys = await SqlPersonalDataKeys.open(db, masterKey);
      await keys.keyForWriting('victim:1');
      await keys.keyForWriting('victim:2');
      const applied = await applyTombstones(db, [
        { subjectId: 'victim:1', erasedAt: at(1), reason: 'legal_request' },
        { subjectId: 'victim:3', erasedAt: at(2), reason: 'retention_expired' },
      ]);
      expect(applied).toEqual({ destroyed: ['victim:1', 'victim:3'], alreadyErased: 0 });
      const again = await applyTombstones(db, [{ subjectId: 'victim:1', erasedAt: at(1), reason: 'legal_request' }]);
      expect(again).toEqual({ destroyed: [], alreadyErased: 1 });
      const fresh = await SqlPersonalDataKeys.open(db, masterKey);
      const found = await fresh.keysForReading(['victim:1', 'victim:2', 'victim:3']);
      expect([...found.entries()].map(([s, k]) => [s, k.state]).sort()).toEqual([
        ['victim:1', 'erased'],
        ['victim:2', 'active'],
        ['victim:3', 'erased'],
      ]);
      await expect(fresh.keyForWriting('victim:3')).rejects.toThrow(/was erased/);
      const [state] = await db.query<{ rotation_due: boolean }>(`SELECT rotation_due FROM privacy.master_key`);
      expect(state?.rotation_due).toBe(true);
    });
  });
});
