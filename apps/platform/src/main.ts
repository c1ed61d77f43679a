import { ConfigError, loadConfig } from '@pamoja/platform/config';
import { startService } from '@pamoja/platform/runtime';
import { EmbeddedPlatformModule } from './app.module.js';

try {
  const config = loadConfig(process.env, { mode: 'embedded', serviceName: 'pamoja-platform' });
  const { url } = await startService(EmbeddedPlatformModule.forRoot(config), config, { console: true });
  process.stdout.write(
    [
      '',
      `Pamoja is running (embedded mode, data in ${config.dataDir}).`,
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
