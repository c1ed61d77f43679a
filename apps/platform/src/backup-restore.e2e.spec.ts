import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, open, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PgliteDatabase, SqlEventStore, Upcasters, verifyLog } from '@pamoja/event-store';
import { INVESTIGATION_READ_MODEL, type InvestigationReadModel } from '@pamoja/investigations/application';
import { ERASURE_TOMBSTONES_FILE, openProtectedEventStore, readTombstoneFile } from '@pamoja/platform/privacy';
import { useTestPlatform } from '@pamoja/testing';
import { EmbeddedPlatformModule } from './app.module.js';
import { checkProjectionsEqualRebuild } from './backup/projection-check.js';
import { listTar } from './backup/tar.js';
import { ALL_UPCASTERS } from './contexts.js';
import {
  clientsFor,
  distinctivePeople,
  eraseAndRead,
  NGO,
  POLICE,
  recordAndRead,
  registerSurvivor,
  type Identity,
} from './erasure-bytes.fixture.js';

/*
 * The restore drill, as an operator runs it: the embedded platform runs and takes writes while `npm run backup`
 * asks it for a snapshot; more is written, a victim and a suspect are erased; the platform stops, the backup
 * is restored over its data directory, and the platform starts again. What was written before the backup is
 * there, the erased persons stay erased (their keys destroyed again from the tombstone list), the chains
 * verify and every read model equals its rebuild. A backup with one byte changed is refused, naming the file.
 */

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A built command-line tool (`npm run backup` / `npm run restore`), run as an operator would. */
function runTool(name: 'backup' | 'restore', args: readonly string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'error' };
    delete env['PAMOJA_MASTER_KEY'];
    const child = spawn(process.execPath, [`dist/apps/platform/src/${name}.cli.js`, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

const ASSISTANCE_CASE = `query($id: ID!) { assistanceCase(id: $id) {
  assistanceId status identity { fullName dateOfBirth phone currentLocation } } }`;

describe('restore drill: a backup taken while the platform runs restores, and erasures survive it', () => {
  const people = distinctivePeople();
  const platform = useTestPlatform(
    {
      root: (config) => EmbeddedPlatformModule.forRoot(config),
      serviceName: 'pamoja-backup-drill',
      agencies: [NGO, POLICE],
    },
    300_000,
  );
  let workDir: string;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'pamoja-backup-drill-'));
    const build = spawnSync(process.execPath, ['tools/build.mjs', '--if-stale'], { encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  }, 300_000);

  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  it('restores what was written before the backup, keeps the erased erased, and verifies', async () => {
    const { dataDir } = platform;
    // Bound to the running app: made again after a restart (a new port, a new app).
    let clients = await clientsFor(platform.keys, platform.url);
    let readModel = platform.get<InvestigationReadModel>(INVESTIGATION_READ_MODEL);
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
    const identityOf = async (assistanceId: string): Promise<Identity | null | 'not found'> => {
      const { data, errors } = await clients.ngo.request<{ assistanceCase: { identity: Identity | null } | null }>(
        ASSISTANCE_CASE,
        { id: assistanceId },
      );
      if (errors?.[0]?.extensions?.['code'] === 'NOT_FOUND') return 'not found';
      if (!data?.assistanceCase) throw new Error(`unexpected answer: ${JSON.stringify(errors)}`);
      return data.assistanceCase.identity;
    };

    // Before the backup: a victim and a suspect (erased later), and a survivor (never erased).
    const recorded = await recordAndRead(clients, people, readSuspects);
    const survivor: Identity = {
      fullName: `Amani Furaha-${people.tag}`,
      dateOfBirth: '1999-07-14',
      phone: null,
      currentLocation: `Rubaya-${people.tag}`,
    };
    const survivorId = await registerSurvivor(clients, survivor);

    // The backup, while registrations keep coming.
    const backupDir = join(workDir, 'backups');
    await mkdir(backupDir);
    const backingUp = { running: true };
    const during: string[] = [];
    const writer = (async () => {
      for (let i = 0; backingUp.running; i++) {
        during.push(
          await registerSurvivor(clients, {
            fullName: `Baraka Imani-${people.tag}-${i}`,
            dateOfBirth: null,
            phone: null,
            currentLocation: null,
          }),
        );
      }
    })();
    const backup = await runTool('backup', ['--data-dir', dataDir, '--out', backupDir]);
    backingUp.running = false;
    await writer;
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain('taken online');
    expect(during.length).toBeGreaterThan(0);
    const [backupName] = await readdir(backupDir);
    const backupFile = join(backupDir, backupName ?? 'missing');

    // After the backup: one more victim, then the erasure of the first victim and the suspect.
    const afterId = await registerSurvivor(clients, {
      fullName: `Zawadi Neema-${people.tag}`,
      dateOfBirth: null,
      phone: null,
      currentLocation: null,
    });
    const erased = await eraseAndRead(clients, recorded, readSuspects);
    expect(erased.identity).toBeNull();
    const victimSubject = `victim:${recorded.assistanceId}`;
    const suspectSubject = `suspect:${recorded.investigationId}:${recorded.suspectId}`;
    expect((await readTombstoneFile(join(dataDir, ERASURE_TOMBSTONES_FILE))).map((t) => t.subjectId).sort()).toEqual(
      [suspectSubject, victimSubject].sort(),
    );
    await platform.shutdown();

    // The restore over the stopped platform's directory: refused without --force, done with it.
    const refused = await runTool('restore', ['--from', backupFile, '--data-dir', dataDir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`--data-dir ${dataDir} is not empty`);
    const restored = await runTool('restore', ['--from', backupFile, '--data-dir', dataDir, '--force']);
    expect(restored.stderr).toBe('');
    expect(restored.stdout).toContain('erasure tombstones: 2 on the merged list, 2 key(s) destroyed now');
    expect(restored.stdout).toContain('chains: INTACT');
    expect(restored.stdout).toContain('(as in the manifest)');
    expect(restored.stdout).toMatch(/read models: \d+ projections, \d+ tables equal their rebuild/);
    expect(restored.code).toBe(0);

    // Started again on the restored directory.
    await platform.start();
    clients = await clientsFor(platform.keys, platform.url);
    readModel = platform.get<InvestigationReadModel>(INVESTIGATION_READ_MODEL);
    expect(await identityOf(survivorId)).toEqual(survivor);
    // Erased after the backup, and still erased: the case is there, the identity is not.
    expect(await identityOf(recorded.assistanceId)).toBeNull();
    const suspects = await readSuspects(recorded.investigationId);
    expect(suspects.map((s) => [s.suspectId, s.name, s.alias])).toEqual([[recorded.suspectId, null, null]]);
    // Written after the backup: not in it.
    expect(await identityOf(afterId)).toBe('not found');
    await platform.shutdown();

    // The directory as the platform left it: keys gone, chains intact, every read model equal to its rebuild.
    const db = await PgliteDatabase.open(join(dataDir, 'pglite'));
    try {
      const keys = await db.query<{ subject_id: string; wrapped: boolean }>(
        `SELECT subject_id, wrapped_key IS NOT NULL AS wrapped FROM privacy.personal_data_keys
         WHERE subject_id = ANY($1::text[]) ORDER BY subject_id`,
        [[victimSubject, suspectSubject, `victim:${survivorId}`]],
      );
      expect(keys).toEqual(
        [
          { subject_id: victimSubject, wrapped: false },
          { subject_id: suspectSubject, wrapped: false },
          { subject_id: `victim:${survivorId}`, wrapped: true },
        ].sort((a, b) => (a.subject_id < b.subject_id ? -1 : 1)),
      );
      const store = await SqlEventStore.open(db);
      const report = await verifyLog(store);
      await store.close();
      expect(report.firstBreak).toBeUndefined();
      expect(report.intact).toBe(true);
      const protectedStore = await openProtectedEventStore(db, platform.config, {
        upcasters: Upcasters.of(...ALL_UPCASTERS),
      });
      const check = await checkProjectionsEqualRebuild(protectedStore, db);
      await protectedStore.close();
      expect(check.differing).toEqual([]);
      expect(check.tables).toBeGreaterThan(10);
    } finally {
      await db.close();
    }

    // The platform stopped: the tool takes the lock and the snapshot itself, and that backup restores too.
    const offline = await runTool('backup', ['--data-dir', dataDir, '--out', join(workDir, 'offline.tar')]);
    expect(offline.stderr).toBe('');
    expect(offline.code).toBe(0);
    expect(offline.stdout).toContain('taken offline');
    const fresh = join(workDir, 'fresh');
    const restoredOffline = await runTool('restore', ['--from', join(workDir, 'offline.tar'), '--data-dir', fresh]);
    expect(restoredOffline.stderr).toBe('');
    expect(restoredOffline.stdout).toContain('erasure tombstones: 2 on the merged list, 0 key(s) destroyed now');
    expect(restoredOffline.code).toBe(0);

    // One byte changed in the backup file, inside a file of the database: refused, naming that file.
    const tampered = join(workDir, 'tampered.tar');
    await copyFile(backupFile, tampered);
    const handle = await open(tampered, 'r+');
    let changed: string;
    try {
      // The middle byte of the largest file of the database.
      const entries = await listTar(handle, tampered);
      const largest = entries.reduce((a, b) => (b.size > a.size ? b : a));
      changed = largest.path;
      const at = largest.offset + Math.floor(largest.size / 2);
      const byte = Buffer.alloc(1);
      await handle.read(byte, 0, 1, at);
      byte[0] = (byte[0] ?? 0) ^ 0xff;
      await handle.write(byte, 0, 1, at);
    } finally {
      await handle.close();
    }
    const target = join(workDir, `restore-${randomUUID()}`);
    const refusedTampered = await runTool('restore', ['--from', tampered, '--data-dir', target]);
    expect(refusedTampered.code).toBe(1);
    expect(changed).toMatch(/^data\/pglite\//);
    expect(refusedTampered.stderr).toContain(`refused: ${changed} does not match manifest.json`);
    await expect(readdir(target)).rejects.toThrow(/ENOENT/);
  }, 900_000);
});
