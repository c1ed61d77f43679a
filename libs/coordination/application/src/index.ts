export * from './joint-case-read-model.port.js';
export * from './joint-case.queries.js';
export * from './meeting-read-model.port.js';
export * from './meeting.commands.js';
export * from './meeting.queries.js';
export * from './meeting.handlers.js';
export * from './case-party.commands.js';
