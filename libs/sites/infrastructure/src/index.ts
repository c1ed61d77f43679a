export * from './sites-registry.projection.js';
export * from './site-cases.projection.js';
export * from './sql-sites-read-model.js';
