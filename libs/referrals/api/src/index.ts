export * from './referrals.module.js';
export * from './referral.graphql-types.js';
