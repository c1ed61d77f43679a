export * from './agency.js';
export * from './agency.commands.js';
export * from './agency-directory.js';
export * from './in-memory-agency-directory.js';
export * from './registration.js';
export * from './demo-directory.js';
