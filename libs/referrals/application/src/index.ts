export * from './referral-read-model.port.js';
export * from './referral-disclosure.js';
export * from './commands/referral-commands.js';
export * from './commands/referral-events.js';
export * from './deadlines/referral-deadline.js';
export * from './queries/referral.queries.js';
export * from './referral-statistics.js';

import {
  HandoffStatisticsHandler,
  IncomingReferralsHandler,
  LastReceivedReferralHandler,
  OutgoingReferralsHandler,
  ReferralByIdHandler,
  ReferralsOfJointCaseHandler,
  ReferralsReceivedAfterHandler,
} from './queries/referral.queries.js';
import { ReferralCountsHandler } from './referral-statistics.js';

export const REFERRAL_QUERY_HANDLERS = [
  IncomingReferralsHandler,
  OutgoingReferralsHandler,
  ReferralByIdHandler,
  ReferralsOfJointCaseHandler,
  ReferralsReceivedAfterHandler,
  LastReceivedReferralHandler,
  HandoffStatisticsHandler,
  ReferralCountsHandler,
] as const;
