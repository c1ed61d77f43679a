export * from './joint-case.projection.js';
export * from './sql-joint-case-read-model.js';
export * from './meeting.projection.js';
export * from './agenda.projection.js';
export * from './sql-meeting-read-model.js';
