import { ConfigError, loadConfig } from '@pamoja/platform/config';
import { startService } from '@pamoja/platform/runtime';
import { EVENT_STORE, type EventStore } from '@pamoja/event-store';
import { DEMO_AGENCIES, DIRECTORY_OPERATOR, registerDemoDirectoryIfEmpty } from '@pamoja/platform/directory';
import { registerDemoSitesIfEmpty } from '@pamoja/sites/application';
import { AGENCY_SERVICES, AgencyServiceModule, isAgencyService } from './service.module.js';

try {
  const service = process.env['PAMOJA_SERVICE'] ?? '';
  if (!isAgencyService(service)) {
    throw new ConfigError([
      `PAMOJA_SERVICE must be one of ${Object.keys(AGENCY_SERVICES).join(', ')}, not "${service}"`,
    ]);
  }
  const config = loadConfig(process.env, { mode: 'server', serviceName: `pamoja-${service}` });
  const { app } = await startService(AgencyServiceModule.forRoot(config, service), config);
  // The coordination service keeps the directory: a new development log gets the demonstration agencies.
  // The sites service keeps the registry: a new development log gets the demonstration sites.
  if (service === 'sites' && !config.production) {
    const sites = await registerDemoSitesIfEmpty(
      app.get<EventStore>(EVENT_STORE, { strict: false }),
      DIRECTORY_OPERATOR,
    );
    if (sites) process.stdout.write(`The site registry was empty: ${sites} demonstration mine sites registered\n`);
  }
  if (service === 'coordination' && !config.production) {
    const demo = await registerDemoDirectoryIfEmpty(app.get<EventStore>(EVENT_STORE, { strict: false }), DEMO_AGENCIES);
    if (demo) {
      process.stdout.write(
        `The agency directory was empty: ${demo.registered.length} demonstration agencies registered (development only)\n`,
      );
    }
  }
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String((error as Error).stack ?? error)}\n`);
  process.exit(1);
}
