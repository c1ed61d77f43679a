export * from './consent.js';
export * from './indicators.js';
export * from './referral.commands.js';
export * from './referral.events.js';
export * from './referral.state.js';
export * from './trafficking-screening.js';
export { referralDecider, referralStreamId } from './referral.decider.js';
export { dueByProblems, parseReferralCommand, REFERRAL_LIMITS, withoutProblems } from './referral.parse.js';
export * from './referral.upcasters.js';
