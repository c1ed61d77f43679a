import { ConfigError, loadAgencyServiceConfig } from '@pamoja/platform/config';
import { startService } from '@pamoja/platform/runtime';
import { EVENT_STORE, type EventStore } from '@pamoja/event-store';
import { DEMO_AGENCIES, DIRECTORY_OPERATOR, registerDemoDirectoryIfEmpty } from '@pamoja/platform/directory';
import { registerDemoSitesIfEmpty } from '@pamoja/sites/application';
import { AGENCY_SERVICES, AgencyServiceModule, type AgencyServiceName } from './service.module.js';

try {
  const { service, config } = loadAgencyServiceConfig(process.env, Object.keys(AGENCY_SERVICES) as AgencyServiceName[]);
  await startService(AgencyServiceModule.forRoot(config, service), config, {
    // Before the first request and the first healthy answer: a new development log gets the demonstration
    // sites (the sites service keeps the registry) and directory (the coordination service keeps it).
    beforeListen: async (app) => {
      if (config.production) return;
      const store = app.get<EventStore>(EVENT_STORE, { strict: false });
      if (service === 'sites') {
        const sites = await registerDemoSitesIfEmpty(store, DIRECTORY_OPERATOR);
        if (sites) process.stdout.write(`The site registry was empty: ${sites} demonstration mine sites registered\n`);
      }
      if (service === 'coordination') {
        const demo = await registerDemoDirectoryIfEmpty(store, DEMO_AGENCIES);
        if (demo) {
          process.stdout.write(
            `The agency directory was empty: ${demo.registered.length} demonstration agencies registered (development only)\n`,
          );
        }
      }
    },
  });
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String((error as Error).stack ?? error)}\n`);
  process.exit(1);
}
