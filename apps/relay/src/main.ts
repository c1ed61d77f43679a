import 'reflect-metadata';
import { Upcasters } from '@pamoja/event-store';
import { MEETING_UPCASTERS } from '@pamoja/coordination/domain';
import { ConfigError, loadRelayConfig } from '@pamoja/platform/config';
import { startRelay } from '@pamoja/platform/kafka';
import { REFERRAL_UPCASTERS } from '@pamoja/referrals/domain';
import { SITES_UPCASTERS } from '@pamoja/sites/domain';

try {
  const config = loadRelayConfig(process.env);
  for (const warning of config.warnings) process.stderr.write(`warning: ${warning}\n`);
  // Every context's upcasters, declared beside their events: the relay publishes the events as the services
  // read them (referrals' ReferralSubmitted v1, the sites' SiteIncidentClassified v1, the meetings').
  const upcasters = Upcasters.of(...REFERRAL_UPCASTERS, ...SITES_UPCASTERS, ...MEETING_UPCASTERS);
  const relay = await startRelay(
    config,
    upcasters,
    config.batchSize === undefined ? {} : { batchSize: config.batchSize },
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void relay.stop().then(() => process.exit(0));
    });
  }
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String((error as Error).stack ?? error)}\n`);
  process.exit(1);
}
