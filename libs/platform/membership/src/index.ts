export {
  caseMembershipCopy,
  caseMembershipProjection,
  MEMBERSHIP_SCHEMA,
  readModelCopyOf,
  SqlCaseMembership,
  type ReadModelCopy,
} from './case-membership.js';
export { MembershipGuardedEventStore } from './membership-guard.js';
