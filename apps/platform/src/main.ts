import { ConfigError, loadConfig } from '@pamoja/platform/config';
import { startService } from '@pamoja/platform/runtime';
import { EVENT_STORE, type EventStore } from '@pamoja/event-store';
import {
  DEMO_AGENCIES,
  DIRECTORY_OPERATOR,
  registerDemoDirectoryIfEmpty,
  type RegistrationOutcome,
} from '@pamoja/platform/directory';
import { registerDemoSitesIfEmpty } from '@pamoja/sites/application';
import { EmbeddedPlatformModule } from './app.module.js';

try {
  const config = loadConfig(process.env, { mode: 'embedded', serviceName: 'pamoja-platform' });
  // What the start registered (set before the platform listens).
  const registered: { demo: RegistrationOutcome | null; sites: number | null } = { demo: null, sites: null };
  const { url } = await startService(EmbeddedPlatformModule.forRoot(config), config, {
    console: true,
    // A new development log gets the demonstration directory and sites before the first request; production
    // starts empty (the operator imports its directory).
    beforeListen: async (app) => {
      if (config.production) return;
      const store = app.get<EventStore>(EVENT_STORE, { strict: false });
      registered.demo = await registerDemoDirectoryIfEmpty(store, DEMO_AGENCIES);
      registered.sites = await registerDemoSitesIfEmpty(store, DIRECTORY_OPERATOR);
    },
  });
  const { demo, sites: demoSites } = registered;
  process.stdout.write(
    [
      '',
      `Pamoja is running (embedded mode, data in ${config.dataDir}).`,
      ...(demo
        ? [
            `  The agency directory was empty: ${demo.registered.length} demonstration agencies of North and South Kivu`,
            '  registered (development only; `npm run directory -- import <file>` registers your own).',
          ]
        : []),
      ...(demoSites ? [`  The site registry was empty: ${demoSites} demonstration mine sites registered.`] : []),
      `  Console: ${url}/    GraphQL: ${url}/graphql    health: ${url}/health/ready    metrics: ${url}/metrics`,
      '  Every request needs a token. Get a development token with:',
      '    npm run token -- --agency ngo-kivu-hope --type first_responder --role field_worker',
      '  then send it as the header  Authorization: Bearer <token>',
      '',
    ].join('\n'),
  );
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String((error as Error).stack ?? error)}\n`);
  process.exit(1);
}
