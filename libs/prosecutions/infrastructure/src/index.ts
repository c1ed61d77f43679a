export * from './prosecutions.projection.js';
export * from './sql-prosecution-read-model.js';
export * from './sql-prosecution-statistics.js';
