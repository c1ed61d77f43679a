import { referenceFieldOf } from '@pamoja/platform/references';
import { ReferralType } from './referral.graphql-types.js';

/** `reference` on the referral (its lists and queues show the same type): `NK-2026-00042-R1`. */
export const REFERRAL_REFERENCE_FIELDS = [referenceFieldOf(ReferralType, 'referral', (r) => r.referralId)];
