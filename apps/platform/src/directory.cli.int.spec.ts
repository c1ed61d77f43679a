import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { runBuiltCli, type CliRun } from './cli.fixture.js';
import { createTemporaryDatabase } from '@pamoja/testing';

/** The built `directory` tool, as an operator runs it against the temporary database in server mode. */
const directory = (url: string, ...args: string[]): Promise<CliRun> => runBuiltCli('directory', url, args);

describe('npm run directory: the operator registers the first agencies of a deployment', () => {
  let database: { url: string; drop: () => Promise<void> };
  let dir: string;

  beforeAll(async () => {
    const build = spawnSync(process.execPath, ['tools/build.mjs', '--if-stale'], { encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
    database = await createTemporaryDatabase('pamoja_directory_cli');
    dir = await mkdtemp(join(tmpdir(), 'pamoja-directory-cli-'));
  }, 300_000);

  afterAll(async () => {
    await database.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('imports a file once: a second run registers nothing; list shows what the log records', async () => {
    const file = join(dir, 'agencies.json');
    await writeFile(
      file,
      JSON.stringify([
        {
          agencyId: 'cpc-sud-kivu',
          agencyType: 'coordination_body',
          name: 'Cellule provinciale',
          province: 'south_kivu',
        },
        {
          agencyId: 'pnc-kalehe',
          agencyType: 'police',
          name: 'PNC Kalehe',
          province: 'south_kivu',
          territory: 'kalehe',
          parentAgencyId: 'cpc-sud-kivu',
        },
      ]),
    );
    const first = await directory(database.url, 'import', file);
    expect(first).toMatchObject({ code: 0, stdout: expect.stringContaining('registered 2') as unknown });
    const again = await directory(database.url, 'import', file);
    expect(again.stdout).toContain('registered 0 (none); already in the directory 2');
    const listed = await directory(database.url, 'list');
    expect(listed.code).toBe(0);
    expect(listed.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^cpc-sud-kivu\s+coordination_body\s+active\s+Cellule provinciale$/),
      expect.stringMatching(/^pnc-kalehe\s+police\s+active\s+PNC Kalehe$/),
    ]);
  });

  it('refuses a file with a bad entry, naming it, and registers nothing of it', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(file, JSON.stringify([{ agencyId: 'ngo-x', agencyType: 'ngo', name: 'X', province: 'kinshasa' }]));
    const refused = await directory(database.url, 'import', file);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('[0].agencyType: must be one of');
    expect(refused.stderr).toContain('[0].province: must be one of north_kivu, south_kivu');
    expect((await directory(database.url, 'list')).stdout).not.toContain('ngo-x');
    const territory = join(dir, 'territory.json');
    await writeFile(
      territory,
      JSON.stringify([
        { agencyId: 'ngo-y', agencyType: 'first_responder', name: 'Y', province: 'north_kivu', territory: 'uvira' },
      ]),
    );
    const outside = await directory(database.url, 'import', territory);
    expect(outside).toMatchObject({ code: 1, stderr: 'refused: territory: is not a territory of north_kivu\n' });
  });
});
