import { type SqlDatabase } from '@pamoja/event-store';
import { ConfigError, loadConfig, lockDataDir, type PlatformConfig } from '@pamoja/platform/config';
import {
  loadMasterKey,
  masterKeyId,
  PREVIOUS_MASTER_KEY_ENV,
  PRIVACY_SCHEMA,
  rewrapPersonalDataKeys,
  SqlPersonalDataKeys,
} from '@pamoja/platform/privacy';
import { cliProgram, runCli } from '@pamoja/platform/cli';

// The store module loads Nest and every read model's wiring: only a command that runs needs it, never --help or a
// usage error.
const openDatabase = async (config: PlatformConfig): Promise<SqlDatabase> =>
  (await import('@pamoja/platform/store')).openDatabase(config);

/** The master key that wraps the personal-data keys (ADR 0013, ADR 0018): what it is, and replacing it. */
async function keys(action: 'status' | 'rotate'): Promise<void> {
  const config = loadConfig(process.env, { mode: 'embedded', serviceName: 'pamoja-keys' });
  const unlock = config.mode === 'embedded' ? await lockDataDir(config.dataDir, 'the keys tool') : undefined;
  const db = await openDatabase(config);
  try {
    const masterKeys = await loadMasterKey(config);
    // Opening finishes a rotation a crash interrupted (key file), and rotates if an erasure made one due.
    const keys = await SqlPersonalDataKeys.open(db, masterKeys);
    if (action === 'rotate') {
      const result = masterKeys.file
        ? await keys.rotateNow()
        : await db.transaction((tx) =>
            rewrapPersonalDataKeys(tx, [masterKeys.current, ...masterKeys.previous], masterKeys.current),
          );
      process.stdout.write(
        `re-wrapped ${result.rewrapped} data keys under master key ${result.masterKeyId} ` +
          `(${result.alreadyCurrent} were already under it)\n`,
      );
      if (!masterKeys.file) {
        process.stdout.write(
          `next: remove ${PREVIOUS_MASTER_KEY_ENV} from every service and tool, restart them, then destroy the old key ` +
            `(secret store, copies) and the database backups and WAL archives made before now\n`,
        );
      }
    }
    const [state] = await db.query<{ master_key_id: string | null; rotation_due: boolean; rotated_at: Date | null }>(
      `SELECT master_key_id, rotation_due, rotated_at FROM ${PRIVACY_SCHEMA}.master_key`,
    );
    const counts = await db.query<{ master_key_id: string | null; live: number; erased: number }>(
      `SELECT master_key_id, count(wrapped_key)::int AS live, count(erased_at)::int AS erased
       FROM ${PRIVACY_SCHEMA}.personal_data_keys GROUP BY master_key_id ORDER BY master_key_id NULLS LAST`,
    );
    process.stdout.write(
      `this process's master key: ${keys.masterKeyId}` +
        (masterKeys.previous.length > 0 ? ` (previous: ${masterKeys.previous.map(masterKeyId).join(', ')})` : '') +
        `${masterKeys.file ? ' (the data directory key file)' : ' (PAMOJA_MASTER_KEY)'}\n` +
        `recorded master key: ${state?.master_key_id ?? 'none'}, last rotated ${state?.rotated_at?.toISOString() ?? 'never'}` +
        `${state?.rotation_due ? ', ROTATION DUE: a key was destroyed since (npm run keys -- rotate)' : ''}\n` +
        counts
          .map((c) => (c.master_key_id ? `  ${c.live} data keys under ${c.master_key_id}\n` : `  ${c.erased} erased\n`))
          .join(''),
    );
  } finally {
    await db.close();
    await unlock?.();
  }
}

const program = cliProgram('keys', 'The master key that wraps the personal-data keys (ADR 0013, ADR 0018).');
program
  .command('status')
  .description('which master key wraps the personal-data keys, how many, and whether a rotation is due')
  .action(() => keys('status'));
program
  .command('rotate')
  .description('re-wraps every personal-data key under a new master key, then prints the status')
  .addHelpText(
    'after',
    `
With the data directory's key file (embedded, no PAMOJA_MASTER_KEY): a new key file now, every data key re-wrapped.
With PAMOJA_MASTER_KEY (the new key) and ${PREVIOUS_MASTER_KEY_ENV} (the old one): every data key re-wrapped under
the new key.`,
  )
  .action(() => keys('rotate'));

try {
  await runCli(program);
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String((error as Error).stack ?? error)}\n`);
  process.exitCode = 1;
}
