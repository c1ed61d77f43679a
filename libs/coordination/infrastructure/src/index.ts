export * from './joint-case.projection.js';
export * from './sql-joint-case-read-model.js';
