import { loadOrCreateDevIssuer } from '@pamoja/platform/auth';
import { type AuthSettings } from '@pamoja/platform/config';
import { consoleHandler, type NodeHandler } from './console-handler.js';
import { devSignInHandler, oidcSignInOf } from './dev-sign-in.js';

export interface ConsoleWebOptions {
  /** How the platform verifies tokens: the sign-in the console offers follows from it. */
  readonly auth: AuthSettings;
  /** Where the development issuer's key is (shared with the services). */
  readonly dataDir: string;
  readonly production: boolean;
  /** The built console (`findConsoleDir()`); undefined when not built. */
  readonly consoleDir: string | undefined;
}

/**
 * The console on the API's origin, as the embedded app and the gateway serve it: its sign-in endpoints
 * (development tokens only where the development issuer is the one the services trust, never in production),
 * then the page and its assets, allowed to reach the identity provider when one is configured.
 */
export async function consoleWeb(options: ConsoleWebOptions): Promise<NodeHandler[]> {
  const development = options.auth.provider === 'development' && !options.production;
  const keys = development ? await loadOrCreateDevIssuer(options.dataDir) : undefined;
  const oidc = oidcSignInOf(options.auth);
  return [
    devSignInHandler({ keys, audience: options.auth.audience, oidc, production: options.production }),
    consoleHandler(options.consoleDir, { connectSources: oidc ? [new URL(oidc.issuer).origin] : [] }),
  ];
}
