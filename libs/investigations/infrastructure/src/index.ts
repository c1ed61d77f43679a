export * from './investigations-case-work.projection.js';
export * from './sql-investigation-read-model.js';
export * from './sql-investigation-statistics.js';
