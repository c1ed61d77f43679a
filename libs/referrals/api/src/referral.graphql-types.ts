import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { type AgencyType } from '@pamoja/contracts';
import { AgencyTypeEnum, ConnectionType, graphqlEnum } from '@pamoja/platform/graphql';
import {
  CHILD_LABOUR_FLAGS,
  CONSENT_GIVERS,
  CONSENT_METHODS,
  CONSENT_PURPOSES,
  EXPLOITATION_PURPOSES,
  FORCED_LABOUR_INDICATORS,
  JOINT_CASE_LINKS,
  REFERRAL_STATUSES,
  REFERRAL_URGENCIES,
  SCREENING_RESULTS,
  TRAFFICKING_ACTS,
  TRAFFICKING_MEANS,
  type ChildLabourFlag,
  type ConsentGiver,
  type ConsentPurpose,
  type ExploitationPurpose,
  type ForcedLabourIndicator,
  type JointCaseLink,
  type ReferralStatus,
  type ReferralUrgency,
  type ScreeningResult,
  type TraffickingAct,
  type TraffickingMeans,
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

export const TraffickingActEnum = graphqlEnum(TRAFFICKING_ACTS);
export const TraffickingMeansEnum = graphqlEnum(TRAFFICKING_MEANS);
export const ExploitationPurposeEnum = graphqlEnum(EXPLOITATION_PURPOSES);
export const TraffickingScreeningResultEnum = graphqlEnum(SCREENING_RESULTS);
export const ReferralConsentGiverEnum = graphqlEnum(CONSENT_GIVERS);
export const ReferralConsentMethodEnum = graphqlEnum(CONSENT_METHODS);
export const ReferralConsentPurposeEnum = graphqlEnum(CONSENT_PURPOSES);
export const ReferralJointCaseEnum = graphqlEnum(JOINT_CASE_LINKS);

registerEnumType(TraffickingActEnum, {
  name: 'TraffickingAct',
  description: 'The act element (Palermo Protocol art. 3(a))',
});
registerEnumType(TraffickingMeansEnum, {
  name: 'TraffickingMeans',
  description: 'The means element (Palermo Protocol art. 3(a)); not required for a child (art. 3(c))',
});
registerEnumType(ExploitationPurposeEnum, {
  name: 'ExploitationPurpose',
  description: 'The purpose element: the form of exploitation (Palermo Protocol art. 3(a))',
});
registerEnumType(TraffickingScreeningResultEnum, { name: 'TraffickingScreeningResult' });
registerEnumType(ReferralConsentGiverEnum, {
  name: 'ReferralConsentGiver',
  description: 'SELF for the person; for a child a PARENT, a GUARDIAN or the CHILD_PROTECTION_AUTHORITY',
});
registerEnumType(ReferralConsentMethodEnum, {
  name: 'ReferralConsentMethod',
  description: 'How consent was given: VERBAL (before a witness), WRITTEN, THUMBPRINT, AUDIO_RECORDING',
});
registerEnumType(ReferralConsentPurposeEnum, { name: 'ReferralConsentPurpose' });
registerEnumType(ReferralJointCaseEnum, {
  name: 'ReferralJointCase',
  description: 'OPENED: the referral started a joint case; JOINED: it joined one other agencies work on',
});

@ObjectType('TraffickingScreening', { description: 'The latest trafficking screening of a referral' })
export class TraffickingScreeningType {
  @Field(() => TraffickingScreeningResultEnum) result!: ScreeningResult;
  @Field(() => Boolean, { description: 'False for a child: the means element is not required' })
  meansRequired!: boolean;
  @Field(() => String, { description: 'Why, citing the Palermo Protocol' }) explanation!: string;
  @Field(() => [TraffickingActEnum]) acts!: readonly TraffickingAct[];
  @Field(() => [TraffickingMeansEnum]) means!: readonly TraffickingMeans[];
  @Field(() => [ExploitationPurposeEnum]) purposes!: readonly ExploitationPurpose[];
  @Field(() => Boolean) personIsChild!: boolean;
  @Field(() => Date) assessedAt!: Date;
  @Field(() => String) byAgencyId!: string;
}

@ObjectType('ReferralConsentRecord', { description: 'One consent, as the person gave it' })
export class ReferralConsentRecordType {
  @Field(() => ID, { description: 'Pass to withdrawConsent' }) consentId!: string;
  @Field(() => ReferralConsentGiverEnum) givenBy!: ConsentGiver;
  @Field(() => [AgencyTypeEnum]) agencyTypes!: readonly AgencyType[];
  @Field(() => [ReferralConsentPurposeEnum]) purposes!: readonly ConsentPurpose[];
  @Field(() => Date) recordedAt!: Date;
  @Field(() => Date, { nullable: true }) withdrawnAt!: Date | null;
}

@ObjectType('ReferralConsent', { description: 'What the person agreed to, as it stands now' })
export class ReferralConsentType {
  @Field(() => Boolean, { description: 'At least one consent is in force' }) active!: boolean;
  @Field(() => [AgencyTypeEnum], { description: 'Kinds of agency covered by the consents in force' })
  agencyTypes!: readonly AgencyType[];
  @Field(() => [ReferralConsentPurposeEnum], { description: 'Purposes covered by the consents in force' })
  purposes!: readonly ConsentPurpose[];
  @Field(() => Boolean, { description: 'At least one consent was withdrawn' }) withdrawn!: boolean;
  @Field(() => [ReferralConsentRecordType]) records!: readonly ReferralConsentRecordType[];
}

@ObjectType('Referral', { description: 'A handoff of a potential victim or situation from one agency to another' })
export class ReferralType {
  @Field(() => ID) referralId!: string;
  @Field(() => ID, { nullable: true }) jointCaseId!: string | null;
  @Field(() => ReferralJointCaseEnum, {
    nullable: true,
    description: 'Null only for referrals projected before this was recorded, until the read model is rebuilt',
  })
  jointCase!: JointCaseLink | null;
  @Field(() => Boolean, { nullable: true, description: 'Whether the person is a child; null when not known' })
  subjectIsChild!: boolean | null;
  @Field(() => ID, {
    description:
      'The person referred, as a pseudonymous id: name it as `subject.personId` to refer them on, and as ' +
      '`personId` when taking them into assistance',
  })
  subjectPersonId!: string;
  @Field(() => Boolean, { description: 'A child referred to the police on child-protection grounds, without consent' })
  childProtectionBasis!: boolean;
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
  @Field(() => Boolean, { description: 'The missed deadline was recorded and escalated to the coordination body' })
  deadlineMissed!: boolean;
  @Field(() => TraffickingScreeningType, { nullable: true, description: 'Null until a screening is assessed' })
  screening!: TraffickingScreeningType | null;
  @Field(() => ReferralConsentType) consent!: ReferralConsentType;
  @Field(() => Date, { nullable: true }) answeredAt!: Date | null;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Decline or revoke reason, acceptance note, or outcome' })
  statusReason!: string | null;
  @Field(() => Int, { description: 'Pass as expectedRevision to act on exactly this version' }) revision!: number;
  @Field(() => Date) updatedAt!: Date;
}

/** `ReferralConnection` (edges, nodes, pageInfo) of the referral lists. */
export const ReferralConnection = ConnectionType(ReferralType, 'Referral');

@ObjectType('ReferralCommandPayload')
export class ReferralCommandPayload {
  @Field(() => ID) referralId!: string;
  @Field(() => ID, { nullable: true }) jointCaseId!: string | null;
  @Field(() => ReferralStatusEnum) status!: ReferralStatus;
  @Field(() => Int) revision!: number;
  @Field(() => Boolean, { description: 'True when this command id had already been handled: nothing new was written' })
  replayed!: boolean;
}
