export { consoleHandler, findConsoleDir, type NodeHandler } from './console-handler.js';
export { devSignInHandler, DEV_SIGN_IN_PATH, SIGN_IN_CONFIG_PATH } from './dev-sign-in.js';
