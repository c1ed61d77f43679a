export { caseMembershipProjection, caseMembershipProjectionName, SqlCaseMembership } from './case-membership.js';
export { MembershipGuardedEventStore } from './membership-guard.js';
