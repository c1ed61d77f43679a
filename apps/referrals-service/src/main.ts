import { ConfigError, loadConfig, startService } from '@pamoja/platform';
import { ReferralsServiceModule } from './service.module.js';

try {
  const config = loadConfig(process.env, { mode: 'server', serviceName: 'pamoja-referrals' });
  await startService(ReferralsServiceModule.forRoot(config), config);
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String((error as Error).stack ?? error)}\n`);
  process.exit(1);
}
