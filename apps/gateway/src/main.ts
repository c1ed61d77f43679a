import { pino } from 'pino';
import { startGateway, type SubgraphEndpoint } from '@pamoja/gateway';
import { isAbsolute, resolve } from 'node:path';
import { authFromEnv, rateLimitFromEnv, webSocketFromEnv } from '@pamoja/platform/config';
import { consoleWeb, findConsoleDir } from '@pamoja/platform/web';
import { gatewayOperations } from './operations.js';

/**
 * The gateway of server mode. PAMOJA_SUBGRAPHS lists the agency services as name=url pairs, e.g.
 * `referrals=http://127.0.0.1:4001/graphql,sites=http://127.0.0.1:4002/graphql`; PORT is where clients
 * reach the joint API (default 4000).
 */
/**
 * The same per-user limits as the services: PAMOJA_RATE_LIMIT_PER_MINUTE, PAMOJA_RATE_LIMIT_BURST and the
 * WebSocket settings (PAMOJA_WS_MAX_CONNECTIONS_PER_USER, PAMOJA_WS_MAX_SUBSCRIPTIONS_PER_USER,
 * PAMOJA_WS_ALLOWED_ORIGINS).
 */
function limitsOf(env: NodeJS.ProcessEnv) {
  const problems: string[] = [];
  const rateLimit = rateLimitFromEnv(env, problems);
  const webSocket = webSocketFromEnv(env, env['NODE_ENV'] === 'production', problems);
  if (problems.length > 0) throw new Error(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return { rateLimit, webSocket };
}

function subgraphsOf(text: string | undefined): SubgraphEndpoint[] {
  const problems: string[] = [];
  const subgraphs = (text ?? '')
    .split(',')
    .map((pair) => pair.trim())
    .filter((pair) => pair !== '')
    .map((pair) => {
      const [name = '', url = ''] = pair.split('=');
      if (!/^[a-z][a-z0-9-]*$/.test(name) || !/^https?:\/\/\S+$/.test(url)) {
        problems.push(`PAMOJA_SUBGRAPHS: "${pair}" is not name=http(s)://host:port/graphql`);
      }
      return { name, url };
    });
  if (subgraphs.length === 0)
    problems.push('PAMOJA_SUBGRAPHS must list the agency services (name=url, comma-separated)');
  if (problems.length > 0) throw new Error(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return subgraphs;
}

/**
 * The console at `/` with the sign-in the services' token settings call for: the identity provider's, or
 * the development sign-in where the services trust the development issuer (its key is in PAMOJA_DATA_DIR,
 * shared with the services; never in production).
 */
async function webOf(env: NodeJS.ProcessEnv) {
  const production = env['NODE_ENV'] === 'production';
  const problems: string[] = [];
  const auth = authFromEnv(env, production, problems);
  if (problems.length > 0) throw new Error(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  const dataDirText = env['PAMOJA_DATA_DIR'] ?? 'data';
  const dataDir = isAbsolute(dataDirText) ? dataDirText : resolve(process.cwd(), dataDirText);
  return consoleWeb({ auth, dataDir, production, consoleDir: findConsoleDir(env) });
}

const logger = pino({ name: 'pamoja-gateway', level: process.env['LOG_LEVEL'] ?? 'info' });
try {
  const portText = process.env['PORT'] ?? '4000';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not ${portText}`);
  const subgraphs = subgraphsOf(process.env['PAMOJA_SUBGRAPHS']);
  const gateway = await startGateway({
    subgraphs,
    port,
    production: process.env['NODE_ENV'] === 'production',
    ...limitsOf(process.env),
    // /metrics, /health/live and /health/ready (ready when every subgraph answers) before the console.
    web: [gatewayOperations(subgraphs), ...(await webOf(process.env))],
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
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
