export * from './assistance.module.js';
export * from './assistance.graphql-types.js';
export * from './assistance.personal-data.js';
export * from './victim-statistics.resolver.js';
