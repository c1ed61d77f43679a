import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { graphqlEnum } from '@pamoja/platform';
import {
  AGE_GROUPS,
  ASSISTANCE_NEEDS,
  ASSISTANCE_STATUSES,
  CLOSE_REASONS,
  CONSENT_GIVERS,
  FORMS_OF_EXPLOITATION,
  NEED_PRIORITIES,
  PROTECTION_MEASURES,
  SERVICE_KINDS,
  SEXES,
  type AgeGroup,
  type AssistanceCloseReason,
  type AssistanceNeed,
  type AssistanceStatus,
  type ConsentGivenBy,
  type FormOfExploitation,
  type NeedPriority,
  type ProtectionMeasureKind,
  type ServiceKind,
  type Sex,
} from '@pamoja/assistance/domain';

export const AssistanceStatusEnum = graphqlEnum(ASSISTANCE_STATUSES);
export const VictimAgeGroupEnum = graphqlEnum(AGE_GROUPS);
export const VictimSexEnum = graphqlEnum(SEXES);
export const ExploitationFormEnum = graphqlEnum(FORMS_OF_EXPLOITATION);
export const VictimConsentGivenByEnum = graphqlEnum(CONSENT_GIVERS);
export const AssistanceNeedEnum = graphqlEnum(ASSISTANCE_NEEDS);
export const AssistanceNeedPriorityEnum = graphqlEnum(NEED_PRIORITIES);
export const AssistanceServiceKindEnum = graphqlEnum(SERVICE_KINDS);
export const ProtectionMeasureKindEnum = graphqlEnum(PROTECTION_MEASURES);
export const AssistanceCloseReasonEnum = graphqlEnum(CLOSE_REASONS);

registerEnumType(AssistanceStatusEnum, { name: 'AssistanceStatus' });
registerEnumType(VictimAgeGroupEnum, { name: 'VictimAgeGroup', description: 'CHILD_* means under 18' });
registerEnumType(VictimSexEnum, { name: 'VictimSex' });
registerEnumType(ExploitationFormEnum, { name: 'ExploitationForm' });
registerEnumType(VictimConsentGivenByEnum, {
  name: 'VictimConsentGivenBy',
  description: 'An adult consents for themselves; for a child a guardian or the child-protection authority decides',
});
registerEnumType(AssistanceNeedEnum, { name: 'AssistanceNeed' });
registerEnumType(AssistanceNeedPriorityEnum, { name: 'AssistanceNeedPriority' });
registerEnumType(AssistanceServiceKindEnum, { name: 'AssistanceServiceKind' });
registerEnumType(ProtectionMeasureKindEnum, { name: 'AssistanceProtectionMeasureKind' });
registerEnumType(AssistanceCloseReasonEnum, { name: 'AssistanceCloseReason' });

@ObjectType('AssistanceNeedAssessment')
export class AssistanceNeedAssessmentType {
  @Field(() => AssistanceNeedEnum) need!: AssistanceNeed;
  @Field(() => AssistanceNeedPriorityEnum) priority!: NeedPriority;
  @Field(() => Boolean, { description: 'A service (or, for protection, a measure) has addressed it' }) met!: boolean;
}

@ObjectType('AssistanceService')
export class AssistanceServiceType {
  @Field(() => ID) serviceId!: string;
  @Field(() => AssistanceServiceKindEnum) kind!: ServiceKind;
  @Field(() => Date) providedAt!: Date;
  @Field(() => String) providerAgencyId!: string;
  @Field(() => String, { nullable: true }) note!: string | null;
}

@ObjectType('AssistanceProtectionMeasure')
export class AssistanceProtectionMeasureType {
  @Field(() => ID) measureId!: string;
  @Field(() => ProtectionMeasureKindEnum) measure!: ProtectionMeasureKind;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => Date) appliedAt!: Date;
  @Field(() => Date) reviewBy!: Date;
  @Field(() => Boolean, { description: 'The review date has come and the case is open' }) reviewDue!: boolean;
  @Field(() => VictimConsentGivenByEnum) consentGivenBy!: ConsentGivenBy;
}

@ObjectType('VictimIdentity', {
  description: 'Personal data of the victim. Given to the assisting agency only; null for everyone else.',
})
export class VictimIdentityType {
  @Field(() => String) fullName!: string;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' }) dateOfBirth!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) currentLocation!: string | null;
}

@ObjectType('AssistanceCase', { description: "A victim's assistance by an NGO, IOM or social affairs" })
export class AssistanceCaseType {
  @Field(() => ID) assistanceId!: string;
  @Field(() => ID) jointCaseId!: string;
  @Field(() => String) assistingAgencyId!: string;
  @Field(() => AssistanceStatusEnum) status!: AssistanceStatus;
  @Field(() => VictimAgeGroupEnum) ageGroup!: AgeGroup;
  @Field(() => Boolean, { description: 'Child-protection rules apply' }) isChild!: boolean;
  @Field(() => VictimSexEnum) sex!: Sex;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2' }) nationality!: string | null;
  @Field(() => [ExploitationFormEnum]) formsOfExploitation!: readonly FormOfExploitation[];
  @Field(() => Boolean) agreementToManagePersonalData!: boolean;
  @Field(() => VictimConsentGivenByEnum) consentGivenBy!: ConsentGivenBy;
  @Field(() => Date) registeredAt!: Date;
  @Field(() => Date, { nullable: true }) assessedAt!: Date | null;
  @Field(() => [AssistanceNeedAssessmentType], { description: 'Most pressing first' })
  needs!: readonly AssistanceNeedAssessmentType[];
  @Field(() => [AssistanceNeedEnum]) needsMet!: readonly AssistanceNeed[];
  @Field(() => [AssistanceNeedEnum]) needsOutstanding!: readonly AssistanceNeed[];
  @Field(() => [AssistanceServiceType], { description: 'Services history, newest first' })
  services!: readonly AssistanceServiceType[];
  @Field(() => AssistanceServiceType, { nullable: true }) lastService!: AssistanceServiceType | null;
  @Field(() => [AssistanceProtectionMeasureType], { description: 'Soonest review first' })
  protectionMeasures!: readonly AssistanceProtectionMeasureType[];
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
  @Field(() => AssistanceCloseReasonEnum, { nullable: true }) closeReason!: AssistanceCloseReason | null;
  @Field(() => String, { nullable: true }) closeNote!: string | null;
  @Field(() => Int, { description: 'Pass as expectedRevision to act on exactly this version' }) revision!: number;
  @Field(() => Date) updatedAt!: Date;
}

@ObjectType('AssistanceCommandPayload')
export class AssistanceCommandPayload {
  @Field(() => ID) assistanceId!: string;
  @Field(() => ID) jointCaseId!: string;
  @Field(() => AssistanceStatusEnum) status!: AssistanceStatus;
  @Field(() => Int) revision!: number;
  @Field(() => Boolean, { description: 'True when this command id had already been handled: nothing new was written' })
  replayed!: boolean;
}
