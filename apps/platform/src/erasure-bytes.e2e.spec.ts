import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PgliteDatabase, ProjectionRunner, SQL_DATABASE, type SqlDatabase } from '@pamoja/event-store';
import { INVESTIGATION_READ_MODEL, type InvestigationReadModel } from '@pamoja/investigations/application';
import {
  loadConfig,
  loadOrCreateDevIssuer,
  openProtectedEventStore,
  startService,
  type StartedService,
} from '@pamoja/platform';
import { ASSISTANCE_PROJECTIONS } from '@pamoja/assistance/api';
import { INVESTIGATION_PROJECTIONS } from '@pamoja/investigations/api';
import { EmbeddedPlatformModule } from './app.module.js';
import {
  clientsFor,
  distinctivePeople,
  eraseAndRead,
  everyRow,
  filesUnder,
  recordAndRead,
  rowsAsBlobs,
  searchBytes,
} from './erasure-bytes.fixture.js';

/*
 * Erasure reaches the bytes of the embedded data directory. The documented backup of the embedded app is a
 * copy of its data directory, so after `erasePersonalData` / `eraseSuspectPersonalData` no file under it
 * (PGlite's heap, indexes and write-ahead log included) may hold the person's values in any form a reader of
 * raw files would try: neither while the platform runs (after a checkpoint) nor once it has stopped.
 */

describe('erasure reaches the raw bytes of the embedded data directory (PGlite)', () => {
  const people = distinctivePeople();
  let dataDir: string;
  let service: StartedService | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pamoja-erasure-bytes-'));
  });

  afterAll(async () => {
    await service?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('leaves none of the values in any file of the data directory, nor in any row', async () => {
    const config = loadConfig(
      { PAMOJA_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' },
      { mode: 'embedded', serviceName: 'pamoja-erasure-bytes' },
    );
    const keys = await loadOrCreateDevIssuer(dataDir);
    service = await startService(EmbeddedPlatformModule.forRoot(config), config, { handleSignals: false });
    const db = service.app.get<SqlDatabase>(SQL_DATABASE);
    const clients = await clientsFor(keys, service.url);
    const readModel = service.app.get<InvestigationReadModel>(INVESTIGATION_READ_MODEL);
    const readSuspects = async (investigationId: string) =>
      ((await readModel.byId(investigationId, new Date()))?.suspects ?? []).map(
        ({ suspectId, role, name, dateOfBirth, alias, description }) => ({
          suspectId,
          role: role.toUpperCase(),
          name,
          dateOfBirth,
          alias,
          description,
        }),
      );

    const recorded = await recordAndRead(clients, people, readSuspects);
    expect(recorded.readBefore.identity).toEqual(people.victim);
    expect(recorded.readBefore.suspects).toEqual([
      { suspectId: recorded.suspectId, role: 'EXPLOITER', ...people.suspect },
    ]);

    // The victim's wrapped data key as stored before erasure: whether old copies of it outlive the erasure
    // in the data directory is reported below (it is protected by the master key, not by erasure).
    const [wrapped] = await db.query<{ wrapped_key: Uint8Array }>(
      `SELECT wrapped_key FROM privacy.personal_data_keys WHERE subject_id = $1`,
      [`victim:${recorded.assistanceId}`],
    );
    const wrappedKey = Buffer.from(wrapped?.wrapped_key ?? new Uint8Array());
    expect(wrappedKey.length).toBeGreaterThan(32);

    const after = await eraseAndRead(clients, recorded, readSuspects);
    expect(after.identity).toBeNull();
    expect(after.suspects).toEqual([
      {
        suspectId: recorded.suspectId,
        role: 'EXPLOITER',
        name: null,
        dateOfBirth: null,
        alias: null,
        description: null,
      },
    ]);

    // Everything on disk: dirty pages written out, and the write-ahead log moved to a new segment.
    await db.exec('CHECKPOINT');
    const notes: string[] = [];
    await db.query('SELECT pg_switch_wal()').catch((error: unknown) => {
      notes.push(`pg_switch_wal() refused (${error instanceof Error ? error.message : String(error)})`);
    });
    await db.exec('CHECKPOINT');

    const rows = await everyRow(db);
    const running = await filesUnder(dataDir);
    expect(running.some((f) => f.where.includes('pg_wal'))).toBe(true);
    // The search is shown to work: the control value (not personal data) is found in files and rows alike.
    const control = await searchBytes([...running, ...rowsAsBlobs(rows)], [people.control]);
    expect(control.some((hit) => hit.includes('pg_wal'))).toBe(true);
    expect(control.some((hit) => hit.includes('row of'))).toBe(true);

    const whileRunning = await searchBytes([...running, ...rowsAsBlobs(rows)], people.erased);

    // The platform stopped: what a copy of the data directory (the documented backup) holds.
    await service.stop();
    service = undefined;
    const stoppedFiles = await filesUnder(dataDir);
    const whenStopped = await searchBytes(stoppedFiles, people.erased);
    const oldKeyCopies: string[] = [];
    for (const file of stoppedFiles) if ((await file.read()).indexOf(wrappedKey) >= 0) oldKeyCopies.push(file.where);

    // A rebuild from the log (the projections tool's path) brings nothing back, and still writes no value.
    const rebuiltDb = await PgliteDatabase.open(join(dataDir, 'pglite'));
    try {
      const store = await openProtectedEventStore(rebuiltDb, config);
      const runner = new ProjectionRunner(store, rebuiltDb, [...ASSISTANCE_PROJECTIONS, ...INVESTIGATION_PROJECTIONS]);
      expect(await runner.rebuild('assistance.cases')).toBeGreaterThanOrEqual(2);
      expect(await runner.rebuild('investigations.case_work')).toBeGreaterThanOrEqual(3);
      const [pointer] = await rebuiltDb.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM assistance_read.victim_identity WHERE assistance_id = $1`,
        [recorded.assistanceId],
      );
      expect(pointer?.n).toBe(0);
      await rebuiltDb.exec('CHECKPOINT');
      await store.close();
    } finally {
      await rebuiltDb.close();
    }
    const afterRebuild = await searchBytes(await filesUnder(dataDir), people.erased);

    process.stdout.write(
      `erasure bytes (PGlite): searched ${running.length} files and ${rows.length} rows while running, ` +
        `${stoppedFiles.length} files stopped, for ${people.erased.length} values in utf-8, utf-16le and base64` +
        `${notes.length > 0 ? `; ${notes.join('; ')}` : ''}\n` +
        [...whileRunning, ...whenStopped, ...afterRebuild].map((hit) => `  found ${hit}\n`).join('') +
        `  the erased victim's old wrapped key is still in ${oldKeyCopies.length} file(s)` +
        `${oldKeyCopies.length > 0 ? ` (${oldKeyCopies.join(', ')}): readable with the master key until overwritten` : ''}\n`,
    );
    expect(whileRunning).toEqual([]);
    expect(whenStopped).toEqual([]);
    expect(afterRebuild).toEqual([]);
  }, 180_000);
});
