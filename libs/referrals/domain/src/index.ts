export * from './consent.js';
export * from './indicators.js';
export * from './referral.commands.js';
export * from './referral.events.js';
export * from './referral.state.js';
export * from './trafficking-screening.js';
export { REFERRAL_LIMITS, referralDecider, referralStreamId } from './referral.decider.js';
export * from './referral.upcasters.js';
