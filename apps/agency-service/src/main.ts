import { ConfigError, loadConfig } from '@pamoja/platform/config';
import { startService } from '@pamoja/platform/runtime';
import { AGENCY_SERVICES, AgencyServiceModule, isAgencyService } from './service.module.js';

try {
  const service = process.env['PAMOJA_SERVICE'] ?? '';
  if (!isAgencyService(service)) {
    throw new ConfigError([
      `PAMOJA_SERVICE must be one of ${Object.keys(AGENCY_SERVICES).join(', ')}, not "${service}"`,
    ]);
  }
  const config = loadConfig(process.env, { mode: 'server', serviceName: `pamoja-${service}` });
  await startService(AgencyServiceModule.forRoot(config, service), config);
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String((error as Error).stack ?? error)}\n`);
  process.exit(1);
}
