export * from './referral-handoffs.projection.js';
export * from './sql-referral-read-model.js';
export * from './sql-referral-statistics.js';
