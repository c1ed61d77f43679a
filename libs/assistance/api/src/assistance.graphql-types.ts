import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType, graphqlEnum } from '@pamoja/platform/graphql';
import {
  AGE_GROUPS,
  ASSISTANCE_NEEDS,
  ASSISTANCE_STATUSES,
  CLOSE_REASONS,
  CONSENT_GIVERS,
  ERASURE_REASONS,
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
export const VictimDataErasureReasonEnum = graphqlEnum(ERASURE_REASONS);

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
registerEnumType(VictimDataErasureReasonEnum, {
  name: 'VictimDataErasureReason',
  description: "LEGAL_REQUEST: the person's (or the law's) request; RETENTION_EXPIRED: the retention period ended",
});

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

/** A detail only the assisting agency reads: null for every other agency (see assistanceAccess). */
const DETAIL = { nullable: true, description: 'For the assisting agency only; null for every other agency' } as const;
const detail = (description: string) => ({ nullable: true, description: `${description}. ${DETAIL.description}` });

@ObjectType('AssistanceCase', {
  description:
    "A victim's assistance by an NGO, IOM or social affairs. The assisting agency reads all of it, and so do " +
    'parties the person consented to share with; other parties of the case and the coordination body read ' +
    'its status only (details null, no services); to anyone else it is not found',
})
export class AssistanceCaseType {
  @Field(() => ID) assistanceId!: string;
  @Field(() => ID) jointCaseId!: string;
  @Field(() => String) assistingAgencyId!: string;
  @Field(() => AssistanceStatusEnum) status!: AssistanceStatus;
  @Field(() => VictimAgeGroupEnum, DETAIL) ageGroup!: AgeGroup | null;
  @Field(() => Boolean, detail('Child-protection rules apply')) isChild!: boolean | null;
  @Field(() => VictimSexEnum, DETAIL) sex!: Sex | null;
  @Field(() => String, detail('ISO 3166-1 alpha-2')) nationality!: string | null;
  @Field(() => [ExploitationFormEnum], DETAIL) formsOfExploitation!: readonly FormOfExploitation[] | null;
  @Field(() => Boolean, DETAIL) agreementToManagePersonalData!: boolean | null;
  @Field(() => VictimConsentGivenByEnum, DETAIL) consentGivenBy!: ConsentGivenBy | null;
  @Field(() => Date) registeredAt!: Date;
  @Field(() => Date, DETAIL) assessedAt!: Date | null;
  @Field(() => [AssistanceNeedAssessmentType], detail('Most pressing first'))
  needs!: readonly AssistanceNeedAssessmentType[] | null;
  @Field(() => [AssistanceNeedEnum], DETAIL) needsMet!: readonly AssistanceNeed[] | null;
  @Field(() => [AssistanceNeedEnum], DETAIL) needsOutstanding!: readonly AssistanceNeed[] | null;
  @Field(() => [AssistanceServiceType], {
    description:
      "Services history, newest first, for the assisting agency and parties the person consented to (each service's " +
      'note for the assisting agency only); empty for anyone else',
  })
  services!: readonly AssistanceServiceType[];
  @Field(() => AssistanceServiceType, { nullable: true, description: 'As `services`: null for anyone else' })
  lastService!: AssistanceServiceType | null;
  @Field(() => [AssistanceProtectionMeasureType], detail('Soonest review first'))
  protectionMeasures!: readonly AssistanceProtectionMeasureType[] | null;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
  @Field(() => AssistanceCloseReasonEnum, { nullable: true }) closeReason!: AssistanceCloseReason | null;
  @Field(() => String, DETAIL) closeNote!: string | null;
  @Field(() => Int, { description: 'Pass as expectedRevision to act on exactly this version' }) revision!: number;
  @Field(() => Date) updatedAt!: Date;
}

export const AssistanceCaseConnection = ConnectionType(AssistanceCaseType, 'AssistanceCase');

@ObjectType('AssistanceCommandPayload')
export class AssistanceCommandPayload {
  @Field(() => ID) assistanceId!: string;
  @Field(() => ID) jointCaseId!: string;
  @Field(() => AssistanceStatusEnum) status!: AssistanceStatus;
  @Field(() => Int) revision!: number;
  @Field(() => Boolean, { description: 'True when this command id had already been handled: nothing new was written' })
  replayed!: boolean;
}
