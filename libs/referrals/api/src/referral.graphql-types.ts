import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { type AgencyType } from '@pamoja/contracts';
import { AgencyTypeEnum, graphqlEnum } from '@pamoja/platform';
import {
  CHILD_LABOUR_FLAGS,
  FORCED_LABOUR_INDICATORS,
  REFERRAL_STATUSES,
  REFERRAL_URGENCIES,
  type ChildLabourFlag,
  type ForcedLabourIndicator,
  type ReferralStatus,
  type ReferralUrgency,
} from '@pamoja/referrals/domain';

export const ForcedLabourIndicatorEnum = graphqlEnum(FORCED_LABOUR_INDICATORS);
export const ChildLabourFlagEnum = graphqlEnum(CHILD_LABOUR_FLAGS);
export const UrgencyEnum = graphqlEnum(REFERRAL_URGENCIES);
export const ReferralStatusEnum = graphqlEnum(REFERRAL_STATUSES);

registerEnumType(ForcedLabourIndicatorEnum, {
  name: 'ForcedLabourIndicator',
  description: 'The 11 ILO indicators of forced labour',
});
registerEnumType(ChildLabourFlagEnum, {
  name: 'ChildLabourFlag',
  description: 'Signs of child labour at a mine site (ILO C138 and C182)',
});
registerEnumType(UrgencyEnum, { name: 'Urgency', description: 'IMMEDIATE means danger to life' });
registerEnumType(ReferralStatusEnum, { name: 'ReferralStatus' });

@ObjectType('Referral', { description: 'A handoff of a potential victim or situation from one agency to another' })
export class ReferralType {
  @Field(() => ID) referralId!: string;
  @Field(() => ID, { nullable: true }) jointCaseId!: string | null;
  @Field(() => String, { nullable: true, description: 'Mine site code, e.g. NK-MAS-014' }) siteCode!: string | null;
  @Field(() => String, { nullable: true }) siteDescription!: string | null;
  @Field(() => [ForcedLabourIndicatorEnum]) indicators!: readonly ForcedLabourIndicator[];
  @Field(() => [ChildLabourFlagEnum]) childLabourFlags!: readonly ChildLabourFlag[];
  @Field(() => UrgencyEnum) urgency!: ReferralUrgency;
  @Field(() => String) fromAgencyId!: string;
  @Field(() => AgencyTypeEnum) fromAgencyType!: AgencyType;
  @Field(() => String) toAgencyId!: string;
  @Field(() => AgencyTypeEnum) toAgencyType!: AgencyType;
  @Field(() => ReferralStatusEnum) status!: ReferralStatus;
  @Field(() => String) summary!: string;
  @Field(() => Date) submittedAt!: Date;
  @Field(() => Date) dueBy!: Date;
  @Field(() => Boolean, { description: 'Still unanswered after its due time' }) overdue!: boolean;
  @Field(() => Date, { nullable: true }) answeredAt!: Date | null;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Decline or revoke reason, acceptance note, or outcome' })
  statusReason!: string | null;
  @Field(() => Int, { description: 'Pass as expectedRevision to act on exactly this version' }) revision!: number;
  @Field(() => Date) updatedAt!: Date;
}

@ObjectType('ReferralCommandPayload')
export class ReferralCommandPayload {
  @Field(() => ID) referralId!: string;
  @Field(() => ID, { nullable: true }) jointCaseId!: string | null;
  @Field(() => ReferralStatusEnum) status!: ReferralStatus;
  @Field(() => Int) revision!: number;
  @Field(() => Boolean, { description: 'True when this command id had already been handled: nothing new was written' })
  replayed!: boolean;
}
