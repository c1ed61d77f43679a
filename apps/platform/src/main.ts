import { ConfigError, loadConfig } from '@pamoja/platform/config';
import { startService } from '@pamoja/platform/runtime';
import { EVENT_STORE, type EventStore } from '@pamoja/event-store';
import { DEMO_AGENCIES, DIRECTORY_OPERATOR, registerDemoDirectoryIfEmpty } from '@pamoja/platform/directory';
import { registerDemoSitesIfEmpty } from '@pamoja/sites/application';
import { EmbeddedPlatformModule } from './app.module.js';

try {
  const config = loadConfig(process.env, { mode: 'embedded', serviceName: 'pamoja-platform' });
  const { url, app } = await startService(EmbeddedPlatformModule.forRoot(config), config, { console: true });
  // A new development log gets the demonstration directory; production starts empty (the operator imports).
  const store = app.get<EventStore>(EVENT_STORE, { strict: false });
  const demo = config.production ? null : await registerDemoDirectoryIfEmpty(store, DEMO_AGENCIES);
  const demoSites = config.production ? null : await registerDemoSitesIfEmpty(store, DIRECTORY_OPERATOR);
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
      `  Console: ${url}/    GraphQL: ${url}/graphql    health: ${url}/health`,
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
