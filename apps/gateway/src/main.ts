import { pino } from 'pino';
import { startGateway } from '@pamoja/gateway';
import { ConfigError, loadGatewayConfig } from '@pamoja/platform/config';
import { consoleWeb, findConsoleDir } from '@pamoja/platform/web';
import { gatewayOperations } from './operations.js';

/**
 * The gateway of server mode. PAMOJA_SUBGRAPHS lists the agency services as name=url pairs, e.g.
 * `referrals=http://127.0.0.1:4001/graphql,sites=http://127.0.0.1:4002/graphql`; PORT is where clients
 * reach the joint API (default 4000). The same per-user limits and WebSocket settings as the services, and
 * the console at `/` with the sign-in the services' token settings call for. Every variable, its default and
 * its reason: docs/configuration.md.
 */
try {
  const config = loadGatewayConfig(process.env);
  const logger = pino({ name: 'pamoja-gateway', level: config.logLevel });
  for (const warning of config.warnings) logger.warn(warning);
  const subgraphs = [...config.subgraphs];
  const gateway = await startGateway({
    subgraphs,
    port: config.port,
    production: config.production,
    rateLimit: config.rateLimit,
    webSocket: config.webSocket,
    // /metrics, /health/live and /health/ready (ready when every subgraph answers) before the console.
    web: [
      gatewayOperations(subgraphs),
      ...(await consoleWeb({
        auth: config.auth,
        dataDir: config.dataDir,
        production: config.production,
        consoleDir: findConsoleDir(process.env),
      })),
    ],
    log: (level, msg, details) => {
      logger[level]({ ...details }, msg);
    },
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void gateway.close().then(() => process.exit(0));
    });
  }
} catch (error) {
  process.stderr.write(
    `${error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
}
