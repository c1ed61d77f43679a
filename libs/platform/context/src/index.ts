export { CommandEndpoint, type CommandEndpointFor } from './command-endpoint.js';
export {
  defineContext,
  onMissedDeadline,
  onSharedEvent,
  type ContextDefinition,
  type PlatformContext,
} from './context-module.js';
export { cursorPart, keysetCursor, type CursorPart, type KeysetCursor } from './keyset-cursor.js';
