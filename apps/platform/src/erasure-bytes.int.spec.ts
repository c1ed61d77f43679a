import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { PostgresDatabase, SQL_DATABASE, type SqlDatabase } from '@pamoja/event-store';
import { INVESTIGATION_READ_MODEL, type InvestigationReadModel } from '@pamoja/investigations/application';
import { createTemporaryDatabase, useTestPlatform } from '@pamoja/testing';
import { EmbeddedPlatformModule } from './app.module.js';
import {
  clientsFor,
  distinctivePeople,
  NGO,
  POLICE,
  eraseAndRead,
  everyRow,
  recordAndRead,
  rowsAsBlobs,
  searchBytes,
  type Blob,
} from './erasure-bytes.fixture.js';

/*
 * Erasure reaches the bytes PostgreSQL keeps: the whole platform (every context, as in the embedded app) runs
 * on a temporary PostgreSQL database; after erasure and a checkpoint, this database's data files and the
 * server's write-ahead log segments written during the test are searched, as far as this process can read
 * them (directly, or through pg_read_binary_file). What cannot be read is said in the output, not assumed.
 */

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The files of one directory of the server's data directory: read from disk, else through the server. */
async function serverFiles(
  db: SqlDatabase,
  dataDirectory: string,
  dir: string,
  keep: (name: string, modified: Date) => boolean,
  notes: string[],
): Promise<Blob[]> {
  try {
    const names = await readdir(join(dataDirectory, dir));
    const blobs: Blob[] = [];
    for (const name of names) {
      const path = join(dataDirectory, dir, name);
      const info = await stat(path).catch(() => undefined);
      if (info?.isFile() && keep(name, info.mtime)) {
        blobs.push({ where: `${dir}/${name}`, read: () => readFile(path) });
      }
    }
    notes.push(`${dir}: ${blobs.length} files read from disk`);
    return blobs;
  } catch (diskError) {
    try {
      const rows = await db.query<{ name: string; modification: Date }>(
        `SELECT name, (pg_stat_file($1 || '/' || name)).modification FROM pg_ls_dir($1) AS name`,
        [dir],
      );
      const blobs = rows
        .filter((row) => keep(row.name, new Date(row.modification)))
        .map((row): Blob => ({
          where: `${dir}/${row.name}`,
          read: async () => {
            const [file] = await db.query<{ bytes: Uint8Array }>(`SELECT pg_read_binary_file($1) AS bytes`, [
              `${dir}/${row.name}`,
            ]);
            return Buffer.from(file?.bytes ?? new Uint8Array());
          },
        }));
      notes.push(`${dir}: not readable from disk (${errorText(diskError)}); ${blobs.length} files read by the server`);
      return blobs;
    } catch (serverError) {
      notes.push(
        `${dir}: NOT SEARCHED, readable neither from disk (${errorText(diskError)}) ` +
          `nor through the server (${errorText(serverError)})`,
      );
      return [];
    }
  }
}

describe('erasure reaches the raw bytes PostgreSQL keeps (data files, write-ahead log)', () => {
  const people = distinctivePeople();
  const started = new Date(Date.now() - 2000);
  let database: { url: string; drop: () => Promise<void> };
  let admin: PostgresDatabase;
  // The whole platform (every context, as in the embedded app) on a temporary PostgreSQL database.
  const platform = useTestPlatform(
    {
      root: (config) => EmbeddedPlatformModule.forRoot(config),
      serviceName: 'pamoja-erasure-bytes-pg',
      agencies: [NGO, POLICE],
      beforeStart: async () => {
        database = await createTemporaryDatabase('pamoja_erasure_bytes');
        admin = new PostgresDatabase({ connectionString: database.url, applicationName: 'erasure-bytes-search' });
      },
      overrides: () => [
        {
          provide: SQL_DATABASE,
          useValue: new PostgresDatabase({ connectionString: database.url, applicationName: 'erasure-bytes-platform' }),
        },
      ],
    },
    60_000,
  );

  afterAll(async () => {
    await admin.close();
    await database.drop();
  }, 60_000);

  it('leaves none of the values in the database files, the WAL written meanwhile, or any row', async () => {
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

    // Where the WAL stood before anything of the test was written: the segments from here hold its writes.
    const [{ lsn: startLsn } = { lsn: '0/0' }] = await admin.query<{ lsn: string }>(
      'SELECT pg_current_wal_lsn()::text AS lsn',
    );
    const recorded = await recordAndRead(clients, people, readSuspects);
    expect(recorded.readBefore.identity).toEqual(people.victim);
    expect(recorded.readBefore.suspects).toEqual([
      { suspectId: recorded.suspectId, role: 'EXPLOITER', ...people.suspect },
    ]);
    const after = await eraseAndRead(clients, recorded, readSuspects);
    expect(after.identity).toBeNull();

    // Everything on disk: dirty pages written out, the current WAL segment closed. No checkpoint after the
    // switch: it would let the server recycle the closed segment (rename it for reuse) before it is read.
    const notes: string[] = [];
    // The segments that held the test's writes, and whether each is still there under its name: the server is shared
    // with other tests, whose checkpoints may recycle (rename and overwrite) a closed segment before it is read.
    const [{ lsn: endLsn } = { lsn: '0/0' }] = await admin.query<{ lsn: string }>(
      'SELECT pg_current_wal_lsn()::text AS lsn',
    );
    const written = await admin.query<{ name: string }>(
      `SELECT DISTINCT pg_walfile_name($1::pg_lsn + (n * s.size)::numeric) AS name
       FROM (SELECT setting::bigint AS size FROM pg_settings WHERE name = 'wal_segment_size') s,
         generate_series(0, floor(($2::pg_lsn - $1::pg_lsn) / s.size)::bigint + 1) n
       WHERE $1::pg_lsn + (n * s.size)::numeric <= $2::pg_lsn`,
      [startLsn, endLsn],
    );
    for (const statement of ['CHECKPOINT', 'SELECT pg_switch_wal()']) {
      await admin.query(statement).catch((error: unknown) => {
        notes.push(`${statement} refused (${errorText(error)}): pages may still be only in memory`);
      });
    }
    const [{ data_directory: dataDirectory } = { data_directory: '' }] = await admin.query<{
      data_directory: string;
    }>('SHOW data_directory');
    const [{ oid } = { oid: '' }] = await admin.query<{ oid: string }>(
      'SELECT oid::text AS oid FROM pg_database WHERE datname = current_database()',
    );
    const files = [
      // This database's data files (heap, indexes, TOAST, free-space and visibility maps).
      ...(await serverFiles(admin, dataDirectory, `base/${oid}`, () => true, notes)),
      // The server's WAL segments written since the test began (the WAL is shared by every database).
      ...(await serverFiles(
        admin,
        dataDirectory,
        'pg_wal',
        (name, modified) => /^[0-9A-F]{24}$/.test(name) && modified >= started,
        notes,
      )),
    ];
    const rows = await everyRow(admin);
    const inWalDir = new Set(
      (await admin.query<{ name: string }>('SELECT name FROM pg_ls_waldir()').catch(() => [])).map((r) => r.name),
    );
    const recycled = written.map((w) => w.name).filter((name) => !inWalDir.has(name));
    if (recycled.length > 0) {
      notes.push(
        `pg_wal: ${String(recycled.length)} of the ${String(written.length)} segments that held this test's writes ` +
          "were recycled by the server (other tests' checkpoints) before they could be read; the control value " +
          'is not looked for in the WAL this run, the erased values are still looked for in every segment there',
      );
    }

    // The search is shown to work: the control value (not personal data) is found in the files and rows.
    const control = await searchBytes([...files, ...rowsAsBlobs(rows)], [people.control]);
    const found = await searchBytes([...files, ...rowsAsBlobs(rows)], people.erased);
    process.stdout.write(
      `erasure bytes (PostgreSQL): searched ${files.length} files and ${rows.length} rows for ` +
        `${people.erased.length} values in utf-8, utf-16le and base64\n` +
        notes.map((note) => `  ${note}\n`).join('') +
        `  control value found ${control.length} times` +
        ` (${[...new Set(control.map((hit) => hit.replace(/.* in /, '').replace(/\/[^/]*$/, '')))].join(', ')})\n` +
        found.map((hit) => `  found ${hit}\n`).join(''),
    );
    expect(control.some((hit) => hit.includes('row of'))).toBe(true);
    if (files.length > 0 && recycled.length === 0) expect(control.some((hit) => hit.includes('pg_wal/'))).toBe(true);
    expect(found).toEqual([]);
  }, 240_000);
});
