import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { createTemporaryDatabase } from '@pamoja/testing';
import { runBuiltCli, type CliRun } from './cli.fixture.js';

/** The built `projections` tool, as an operator runs it against the temporary database in server mode. */
const projections = (url: string, ...args: string[]): Promise<CliRun> => runBuiltCli('projections', url, args);

describe('npm run projections in server mode: each service’s own copies of membership and references', () => {
  let database: { url: string; drop: () => Promise<void> };

  beforeAll(async () => {
    const build = spawnSync(process.execPath, ['tools/build.mjs', '--if-stale'], { encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
    database = await createTemporaryDatabase('pamoja_projections_cli');
  }, 300_000);

  afterAll(async () => {
    await database.drop();
  });

  const schemas = async (): Promise<string[]> => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const rows = await client.query<{ name: string }>(
        `SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE 'membership_read%' OR nspname LIKE 'references_read%'
         ORDER BY 1`,
      );
      return rows.rows.map((r) => r.name);
    } finally {
      await client.end();
    }
  };

  it('lists and rebuilds a service’s copy, and refuses the embedded names, naming the copies to rebuild', async () => {
    const listed = await projections(database.url, 'list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('pamoja-referrals.own-case-membership\t(schema membership_read_pamoja_referrals)');
    expect(listed.stdout).toContain(
      'pamoja-assistance.own-case-references\t(schema references_read_pamoja_assistance)',
    );
    expect(listed.stdout).not.toContain('platform.case-membership');
    expect(listed.stdout).not.toContain('platform.case-references');

    const rebuilt = await projections(database.url, 'rebuild', 'pamoja-referrals.own-case-references');
    expect(rebuilt).toMatchObject({ code: 0, stdout: expect.stringContaining('rebuilt from 0 events') as unknown });

    const refused = await projections(database.url, 'rebuild', 'platform.case-membership');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('platform.case-membership is not a read model of server mode');
    expect(refused.stderr).toContain('pamoja-referrals.own-case-membership');

    // No process writes the embedded app's schemas in server mode: every copy is a service's own.
    const found = await schemas();
    expect(found).toContain('membership_read_pamoja_referrals');
    expect(found).toContain('references_read_pamoja_coordination');
    expect(found).not.toContain('membership_read');
    expect(found).not.toContain('references_read');
  }, 120_000);
});
