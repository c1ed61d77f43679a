export * from './joint-case-read-model.port.js';
export * from './joint-case.queries.js';
