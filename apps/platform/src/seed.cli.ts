import { ConfigError, loadConfig } from '@pamoja/platform/config';
import { cliProgram, runCli } from '@pamoja/platform/runtime';
import { runSeed, SEED_AGENCIES, SEED_KINDS, type SeedSummary } from './seed/seed.js';

function report(summary: SeedSummary): string {
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
  const summary = await runSeed(config, (line) => process.stdout.write(`  ${line}\n`));
  process.stdout.write(report(summary));
});

try {
  await runCli(program);
} catch (error) {
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`seed failed: ${message}\n`);
  process.exit(1);
}
