export { EventStoreModule, openDatabase } from './event-store.module.js';
export { DeadlineRegistry, ProjectionRegistry, Projections } from './projections.service.js';
