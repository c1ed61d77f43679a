export { consoleHandler, findConsoleDir, type ConsoleOptions, type NodeHandler } from './console-handler.js';
export { consoleWeb, type ConsoleWebOptions } from './console-web.js';
export { devSignInHandler, DEV_SIGN_IN_PATH, oidcSignInOf, SIGN_IN_CONFIG_PATH } from './dev-sign-in.js';
