import { cliProgram, runCli } from '@pamoja/platform/cli';
import { ConfigError, loadConfig, lockDataDir, type PlatformConfig } from '@pamoja/platform/config';
import { PgliteDatabase } from '@pamoja/event-store';
import { join } from 'node:path';
import type * as Seed from './seed/seed.js';

/**
 * Runs initdb in a new data directory, under the data directory's lock; nothing when it has its files, or when the
 * seed will refuse to run (an identity provider is configured: the seed acts with development tokens).
 */
async function createDatabaseFiles(config: PlatformConfig): Promise<void> {
  if (config.auth.provider !== 'development') return;
  const unlock = await lockDataDir(config.dataDir, config.serviceName);
  try {
    await PgliteDatabase.initialise(join(config.dataDir, 'pglite'));
  } finally {
    await unlock();
  }
}

function report(summary: Seed.SeedSummary, { SEED_AGENCIES, SEED_KINDS }: typeof Seed): string {
  const { sent, written, replayed } = summary.commands;
  const width = Math.max(...SEED_KINDS.map((kind) => kind.length));
  const tokens = Object.values(SEED_AGENCIES).map(
    (a) => `    npm run token -- --agency ${a.agencyId} --type ${a.agencyType} --role ${a.role}`,
  );
  return [
    '',
    `Seeded ${summary.dataDir} in ${(summary.durationMs / 1000).toFixed(1)} s: ${sent} commands, ${written} written, ${replayed} replayed${
      written === 0 ? ' (already loaded: nothing changed)' : ''
    }.`,
    ...SEED_KINDS.map((kind) => `  ${kind.padEnd(width)}  ${summary.counts[kind]}`),
    `  Full case (joint case):      ${summary.fullCase.jointCaseId}`,
    `  Missed deadline (referral):  ${summary.missedDeadline.referralId}`,
    `  Dates derive from:           ${summary.anchor}`,
    '',
    'To look at it, start the platform on the same data directory:',
    `    PAMOJA_DATA_DIR=${summary.dataDir} npm start`,
    'and get a token for one of the agencies (with the same PAMOJA_DATA_DIR):',
    ...tokens,
    'then send it as the header  Authorization: Bearer <token>',
    `and ask, for example:  { case(id: "${summary.fullCase.jointCaseId}") { stage assistanceStage timeline { nodes { summary agencyId occurredAt } } } }`,
    '',
  ].join('\n');
}

const program = cliProgram(
  'seed',
  'Loads the demonstration scenario (agencies, sites, referrals, a joint case) into the data directory ' +
    '(PAMOJA_DATA_DIR, default ./data; the platform must be stopped). Running it again changes nothing.',
).action(async () => {
  // The platform's request log would bury the seed's own lines: errors only, unless LOG_LEVEL says otherwise.
  const config = loadConfig({ LOG_LEVEL: 'error', ...process.env }, { mode: 'embedded', serviceName: 'pamoja-seed' });
  process.stdout.write(`Seeding the demo scenario into ${config.dataDir}\n`);
  // The platform's modules (Nest, GraphQL, every context: ~175 MB of code and heap) load only once the data
  // directory has PostgreSQL's files: initdb, run inside PGlite in a thread of its own in a new directory, holds
  // ~450 MB for a few seconds and gives it back before the platform loads, instead of adding up with it (that sum
  // was the seed's peak on a new directory).
  await createDatabaseFiles(config);
  const seed = await import('./seed/seed.js');
  const summary = await seed.runSeed(config, (line) => process.stdout.write(`  ${line}\n`));
  process.stdout.write(report(summary, seed));
});

try {
  await runCli(program);
} catch (error) {
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`seed failed: ${message}\n`);
  process.exit(1);
}
