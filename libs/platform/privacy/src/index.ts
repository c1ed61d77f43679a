export * from './personal-data-keys.js';
export * from './personal-data-cipher.js';
export * from './personal-data-registry.js';
export * from './sql-personal-data-keys.js';
export * from './protected-event-store.js';
export * from './erasure.projection.js';
export * from './master-key.js';
export * from './open-protected-store.js';
