export * from './assistance-cases.projection.js';
export * from './sql-assistance-read-model.js';
export * from './sql-victim-statistics.js';
