export { CommandEndpoint, type CommandEndpointFor, type CommandPreparation } from './command-endpoint.js';
export {
  defineContext,
  onMissedDeadline,
  onSharedEvent,
  preparedBy,
  type PreparedCommands,
  type ContextDefinition,
  type PlatformContext,
} from './context-module.js';
export { cursorPart, keysetCursor, type CursorPart, type KeysetCursor } from './keyset-cursor.js';
