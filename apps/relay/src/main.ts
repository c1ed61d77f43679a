import 'reflect-metadata';
import { Upcasters } from '@pamoja/event-store';
import { ConfigError, loadConfig } from '@pamoja/platform/config';
import { startRelay } from '@pamoja/platform/kafka';
import { REFERRAL_UPCASTERS } from '@pamoja/referrals/domain';
import { SITES_UPCASTERS } from '@pamoja/sites/domain';

try {
  const config = loadConfig(process.env, { mode: 'server', serviceName: 'pamoja-relay' });
  const batchSize = process.env['RELAY_BATCH_SIZE'] ? Number(process.env['RELAY_BATCH_SIZE']) : undefined;
  if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0)) {
    throw new ConfigError([
      `RELAY_BATCH_SIZE must be a positive integer, not ${String(process.env['RELAY_BATCH_SIZE'])}`,
    ]);
  }
  // Every context's upcasters, declared beside their events: the relay publishes the events as the services
  // read them (referrals' ReferralSubmitted v1, the sites' SiteIncidentClassified v1).
  const upcasters = Upcasters.of(...REFERRAL_UPCASTERS, ...SITES_UPCASTERS);
  const relay = await startRelay(config, upcasters, batchSize === undefined ? {} : { batchSize });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void relay.stop().then(() => process.exit(0));
    });
  }
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String((error as Error).stack ?? error)}\n`);
  process.exit(1);
}
