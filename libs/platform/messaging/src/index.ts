export { SharedEventRegistry } from './shared-event-registry.js';
export {
  handledEventTypes,
  handlerName,
  type SharedEventHandler,
  type SharedProjection,
  sharedProjectionOfLog,
  type SharedReactor,
  topicsOf,
} from './shared-events.js';
export { caseSitesProjection } from './case-sites.projection.js';
