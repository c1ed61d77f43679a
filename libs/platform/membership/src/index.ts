export * from './case-membership.js';
export * from './membership-guard.js';
