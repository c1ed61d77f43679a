export * from './joint-case.js';
