export * from './actor.js';
export * from './envelope.js';
export * from './errors.js';
export * from './decider.js';
export * from './time.js';
export * from './vocabulary.js';
export * from './access.js';
export * from './person.js';
