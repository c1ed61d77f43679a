export * from './coordination.module.js';
export * from './joint-case.graphql-types.js';
export * from './meeting.graphql-types.js';
