import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PgliteDatabase, ProjectionRunner, SQL_DATABASE, type SqlDatabase } from '@pamoja/event-store';
import { INVESTIGATION_READ_MODEL, type InvestigationReadModel } from '@pamoja/investigations/application';
import { MASTER_KEY_FILE, openProtectedEventStore, unwrapKey } from '@pamoja/platform/privacy';
import { useTestPlatform } from '@pamoja/testing';
import { ASSISTANCE_PROJECTIONS } from '@pamoja/assistance/api';
import { INVESTIGATION_PROJECTIONS } from '@pamoja/investigations/api';
import { EmbeddedPlatformModule } from './app.module.js';
import {
  clientsFor,
  distinctivePeople,
  NGO,
  POLICE,
  eraseAndRead,
  everyRow,
  filesUnder,
  recordAndRead,
  registerSurvivor,
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
  const platform = useTestPlatform({
    root: (config) => EmbeddedPlatformModule.forRoot(config),
    serviceName: 'pamoja-erasure-bytes',
    agencies: [NGO, POLICE],
  });
  let copyDir: string;

  beforeAll(async () => {
    copyDir = await mkdtemp(join(tmpdir(), 'pamoja-erasure-bytes-copy-'));
  });

  afterAll(async () => {
    await rm(copyDir, { recursive: true, force: true });
  }, 60_000);

  it('leaves none of the values in any file of the data directory, nor in any row', async () => {
    const { config, dataDir } = platform;
    const db = platform.get<SqlDatabase>(SQL_DATABASE);
    const clients = await clientsFor(platform.keys, platform.url);
    const readModel = platform.get<InvestigationReadModel>(INVESTIGATION_READ_MODEL);
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

    // Someone who is not erased: a copy of the data directory must still read her.
    const survivor = {
      fullName: `Amani Furaha-${people.tag}`,
      dateOfBirth: '1999-07-14',
      phone: null,
      currentLocation: `Rubaya-${people.tag}`,
    };
    const survivorId = await registerSurvivor(clients, survivor);

    // The victim's and the suspect's wrapped data keys as stored before erasure, and the master key that
    // wrapped them: old copies of those bytes outlive the erasure in the data directory (old row versions,
    // the WAL); what must not outlive it is a master key that unwraps them.
    const wrappedBefore = async (subjectId: string) => {
      const [row] = await db.query<{ wrapped_key: Uint8Array }>(
        `SELECT wrapped_key FROM privacy.personal_data_keys WHERE subject_id = $1`,
        [subjectId],
      );
      return { subjectId, wrapped: Buffer.from(row?.wrapped_key ?? new Uint8Array()) };
    };
    const oldWrapped = [
      await wrappedBefore(`victim:${recorded.assistanceId}`),
      await wrappedBefore(`suspect:${recorded.investigationId}:${recorded.suspectId}`),
    ];
    for (const { wrapped } of oldWrapped) expect(wrapped.length).toBeGreaterThan(32);
    const wrappedKey = oldWrapped[0]!.wrapped;
    const oldMasterText = (await readFile(join(dataDir, MASTER_KEY_FILE), 'utf8')).trim();
    const oldMaster = Buffer.from(oldMasterText, 'base64');
    // The attack works with the old master key: these bytes are the persons' keys.
    for (const { subjectId, wrapped } of oldWrapped) expect(unwrapKey(oldMaster, wrapped, subjectId)).toHaveLength(32);

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
    await platform.shutdown();
    const stoppedFiles = await filesUnder(dataDir);
    const whenStopped = await searchBytes(stoppedFiles, people.erased);
    const oldKeyCopies: string[] = [];
    for (const file of stoppedFiles) if ((await file.read()).indexOf(wrappedKey) >= 0) oldKeyCopies.push(file.where);

    // A copy of the whole data directory, files as on disk (the documented embedded backup), taken now.
    await cp(dataDir, copyDir, { recursive: true });
    const copied = await filesUnder(copyDir);
    // The old master key is nowhere in it, in raw bytes or as the key file's text.
    const oldMasterIn: string[] = [];
    for (const file of copied) {
      const bytes = await file.read();
      if (bytes.indexOf(oldMaster) >= 0 || bytes.indexOf(Buffer.from(oldMasterText)) >= 0) oldMasterIn.push(file.where);
    }
    // No master key the copy holds unwraps the old wrapped keys found in it.
    const mastersInCopy = await Promise.all(
      copied
        .filter((file) => file.where.startsWith(MASTER_KEY_FILE))
        .map(async (file) => ({
          where: file.where,
          key: Buffer.from((await file.read()).toString().trim(), 'base64'),
        })),
    );
    expect(mastersInCopy.map((m) => m.where)).toEqual([MASTER_KEY_FILE]);
    const unwrapped: string[] = [];
    for (const { subjectId, wrapped } of oldWrapped) {
      for (const { where, key } of mastersInCopy) {
        try {
          unwrapKey(key, wrapped, subjectId);
          unwrapped.push(`${subjectId} with ${where}`);
        } catch {
          // Not this key: as it must be.
        }
      }
    }
    // Restarted from the copy, everyone not erased still reads, and the erased stay erased.
    const copyConfig = { ...config, dataDir: copyDir };
    const copyDb = await PgliteDatabase.open(join(copyDir, 'pglite'));
    try {
      const store = await openProtectedEventStore(copyDb, copyConfig);
      const identityOf = async (assistanceId: string) => {
        const [row] = await copyDb.query<{ registered_event_id: string }>(
          `SELECT registered_event_id FROM assistance_read.victim_identity WHERE assistance_id = $1`,
          [assistanceId],
        );
        const event = row ? await store.findEvent(row.registered_event_id) : undefined;
        return (event?.data as { personal?: unknown } | undefined)?.personal;
      };
      expect(await identityOf(survivorId)).toEqual(survivor);
      expect(await identityOf(recorded.assistanceId)).toBeUndefined();
      await store.close();
    } finally {
      await copyDb.close();
    }

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
        `${oldKeyCopies.length > 0 ? ` (${oldKeyCopies.join(', ')})` : ''}\n` +
        `  a copy of the data directory holds the old master key in [${oldMasterIn.join(', ')}]; ` +
        `its master key files unwrap [${unwrapped.join(', ')}]\n`,
    );
    expect(oldMasterIn).toEqual([]);
    expect(unwrapped).toEqual([]);
    expect(whileRunning).toEqual([]);
    expect(whenStopped).toEqual([]);
    expect(afterRebuild).toEqual([]);
  }, 180_000);
});
