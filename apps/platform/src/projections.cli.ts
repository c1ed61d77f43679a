import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { deadlinesProjection, ProjectionRunner, SqlEventStore, Upcasters } from '@pamoja/event-store';
import { caseFileDeadlineRule } from '@pamoja/investigations/application';
import { referralDeadlineRule } from '@pamoja/referrals/application';
import { DEFAULT_CATALOGUE } from '@pamoja/messaging';
import { loadConfig, lockDataDir, openDatabase, sharedProjectionOfLog } from '@pamoja/platform';
import { ASSISTANCE_PROJECTIONS } from '@pamoja/assistance/api';
import { COORDINATION_PROJECTIONS } from '@pamoja/coordination/api';
import { INVESTIGATION_PROJECTIONS } from '@pamoja/investigations/api';
import { PROSECUTION_PROJECTIONS } from '@pamoja/prosecutions/api';
import { REFERRAL_PROJECTIONS, registerReferralUpcasters } from '@pamoja/referrals/api';
import { SITES_PROJECTIONS } from '@pamoja/sites/api';

// The same upcasters and deadline rules as the running platform, so a rebuild sees what it sees.
const upcasters = new Upcasters();
registerReferralUpcasters(upcasters);
const ALL_PROJECTIONS = [
  deadlinesProjection([referralDeadlineRule(), caseFileDeadlineRule()]),
  ...REFERRAL_PROJECTIONS,
  ...SITES_PROJECTIONS,
  ...INVESTIGATION_PROJECTIONS,
  ...PROSECUTION_PROJECTIONS,
  ...ASSISTANCE_PROJECTIONS,
  // Built from other agencies' events: each event as the catalogue shares it, as the running platform does.
  ...COORDINATION_PROJECTIONS.map((p) => sharedProjectionOfLog(p, DEFAULT_CATALOGUE)),
];
const USAGE = `usage: npm run projections -- list
       npm run projections -- rebuild <name>|--all
projections: ${ALL_PROJECTIONS.map((p) => p.name).join(', ')}`;

/** Lists the read models, or empties one and replays the whole log into it with a progress bar. */
async function main(): Promise<void> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { all: { type: 'boolean' } } });
  const [action, name] = positionals;
  if (action !== 'list' && action !== 'rebuild') {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  const names = values.all ? ALL_PROJECTIONS.map((p) => p.name) : name ? [name] : [];
  if (action === 'rebuild' && names.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  const config = loadConfig(process.env, { mode: 'embedded', serviceName: 'pamoja-projections' });
  const unlock = config.mode === 'embedded' ? await lockDataDir(config.dataDir, 'the projections tool') : undefined;
  const db = await openDatabase(config);
  try {
    const store = await SqlEventStore.open(db, { upcasters });
    const runner = new ProjectionRunner(store, db, ALL_PROJECTIONS);
    if (action === 'list') {
      await runner.migrate();
      for (const p of ALL_PROJECTIONS) process.stdout.write(`${p.name}\t(schema ${p.schema})\n`);
      return;
    }
    for (const projection of names) {
      const bar = new cliProgress.SingleBar(
        { format: `${projection} [{bar}] {percentage}% | {value}/{total} log positions | {events} events` },
        cliProgress.Presets.shades_classic,
      );
      let started = false;
      const count = await runner.rebuild(projection, ({ processed, position, head }) => {
        if (!started) {
          bar.start(Math.max(head.globalPosition, 1), 0, { events: 0 });
          started = true;
        }
        bar.update(Math.min(position.globalPosition, head.globalPosition), { events: processed });
      });
      bar.update(bar.getTotal());
      bar.stop();
      process.stdout.write(`${projection}: rebuilt from ${count} events\n`);
    }
    await store.close();
  } finally {
    await db.close();
    await unlock?.();
  }
}

try {
  await main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
