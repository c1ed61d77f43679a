import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType, graphqlEnum } from '@pamoja/platform/graphql';
import {
  APPEAL_OUTCOMES,
  APPEAL_PARTIES,
  CLOSE_REASONS,
  CURRENCIES,
  PROSECUTION_OFFENCES,
  PROSECUTION_STATUSES,
  VERDICTS,
  type AppealOutcome,
  type AppealParty,
  type CloseReason,
  type Currency,
  type ProsecutionOffence,
  type ProsecutionStatus,
  type Verdict,
} from '@pamoja/prosecutions/domain';

export const ProsecutionStatusEnum = graphqlEnum(PROSECUTION_STATUSES);
export const ProsecutionOffenceEnum = graphqlEnum(PROSECUTION_OFFENCES);
export const ProsecutionVerdictEnum = graphqlEnum(VERDICTS);
export const ProsecutionAppealPartyEnum = graphqlEnum(APPEAL_PARTIES);
export const ProsecutionAppealOutcomeEnum = graphqlEnum(APPEAL_OUTCOMES);
export const ProsecutionCloseReasonEnum = graphqlEnum(CLOSE_REASONS);
export const ProsecutionCurrencyEnum = graphqlEnum(CURRENCIES);

registerEnumType(ProsecutionAppealOutcomeEnum, {
  name: 'ProsecutionAppealOutcome',
  description: 'How the appeal court disposed of an appeal',
});
registerEnumType(ProsecutionStatusEnum, { name: 'ProsecutionStatus' });
registerEnumType(ProsecutionOffenceEnum, {
  name: 'ProsecutionOffence',
  description: 'Offences of the penal code as amended by the anti-trafficking law of 26 October 2022',
});
registerEnumType(ProsecutionVerdictEnum, { name: 'ProsecutionVerdict' });
registerEnumType(ProsecutionAppealPartyEnum, { name: 'ProsecutionAppealParty' });
registerEnumType(ProsecutionCloseReasonEnum, { name: 'ProsecutionCloseReason' });
registerEnumType(ProsecutionCurrencyEnum, { name: 'ProsecutionCurrency', description: 'CDF or USD' });

@ObjectType('ProsecutionCaseFileSuspect', { description: 'A suspect as listed in the police case file' })
export class ProsecutionCaseFileSuspectType {
  @Field(() => ID) suspectId!: string;
  @Field(() => String, { description: 'Role in the trafficking process, e.g. recruiter' }) role!: string;
}

@ObjectType('ProsecutionSentence')
export class ProsecutionSentenceType {
  @Field(() => Int) imprisonmentMonths!: number;
  @Field(() => Float, { nullable: true }) fineAmount!: number | null;
  @Field(() => ProsecutionCurrencyEnum, { nullable: true }) fineCurrency!: Currency | null;
  @Field(() => String, { nullable: true }) otherMeasures!: string | null;
  @Field(() => Date) imposedAt!: Date;
}

@ObjectType('ProsecutionCharge', { description: 'A charge against one suspect, with its verdict and sentence' })
export class ProsecutionChargeType {
  @Field(() => ID) chargeId!: string;
  @Field(() => ID) suspectId!: string;
  @Field(() => ProsecutionOffenceEnum) offence!: ProsecutionOffence;
  @Field(() => String) legalBasis!: string;
  @Field(() => Date) filedAt!: Date;
  @Field(() => ProsecutionVerdictEnum, { nullable: true }) verdict!: Verdict | null;
  @Field(() => Date, { nullable: true }) verdictRenderedAt!: Date | null;
  @Field(() => ProsecutionSentenceType, { nullable: true }) sentence!: ProsecutionSentenceType | null;
}

@ObjectType('ProsecutionHearing')
export class ProsecutionHearingType {
  @Field(() => ID) hearingId!: string;
  @Field(() => ID) prosecutionId!: string;
  @Field(() => ID) jointCaseId!: string;
  @Field(() => String) court!: string;
  @Field(() => Date) scheduledFor!: Date;
  @Field(() => String) purpose!: string;
  @Field(() => Date, { nullable: true }) heldAt!: Date | null;
  @Field(() => String, { nullable: true }) outcome!: string | null;
  @Field(() => Date, { nullable: true, description: 'Set when the hearing will not take place' })
  cancelledAt!: Date | null;
  @Field(() => String, { nullable: true }) cancelReason!: string | null;
  @Field(() => Date, {
    nullable: true,
    description: 'Set when the date passed two days ago and nobody recorded whether the hearing was held',
  })
  outcomeOverdueAt!: Date | null;
  @Field(() => Int, { description: 'How many times the hearing was moved' }) rescheduleCount!: number;
}

@ObjectType('ProsecutionRestitution')
export class ProsecutionRestitutionType {
  @Field(() => ID) restitutionId!: string;
  @Field(() => String, { description: 'Opaque victim reference, never a name' }) victimRef!: string;
  @Field(() => Float) amount!: number;
  @Field(() => ProsecutionCurrencyEnum) currency!: Currency;
  @Field(() => String, { nullable: true }) note!: string | null;
  @Field(() => Date) orderedAt!: Date;
}

@ObjectType('ProsecutionAppeal')
export class ProsecutionAppealType {
  @Field(() => ID) appealId!: string;
  @Field(() => ID) chargeId!: string;
  @Field(() => ProsecutionAppealPartyEnum) by!: AppealParty;
  @Field(() => Date) filedAt!: Date;
  @Field(() => ProsecutionAppealOutcomeEnum, { nullable: true, description: "The appeal court's decision, once known" })
  outcome!: AppealOutcome | null;
  @Field(() => Date, { nullable: true }) decidedAt!: Date | null;
}

@ObjectType('ProsecutionSummary', { description: 'A prosecution as its office’s list shows it' })
export class ProsecutionSummaryType {
  @Field(() => ID) prosecutionId!: string;
  @Field(() => ID) jointCaseId!: string;
  @Field(() => String) officeAgencyId!: string;
  @Field(() => ID) caseFileId!: string;
  @Field(() => ID) investigationId!: string;
  @Field(() => String) fromPoliceAgencyId!: string;
  @Field(() => [ProsecutionCaseFileSuspectType]) suspects!: ProsecutionCaseFileSuspectType[];
  @Field(() => ProsecutionStatusEnum) status!: ProsecutionStatus;
  @Field(() => Int) chargeCount!: number;
  @Field(() => Int) verdictCount!: number;
  @Field(() => Int) convictionCount!: number;
  @Field(() => Int) hearingCount!: number;
  @Field(() => Int) hearingsHeldCount!: number;
  @Field(() => Date) receivedAt!: Date;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
  @Field(() => ProsecutionCloseReasonEnum, { nullable: true }) closeReason!: CloseReason | null;
  @Field(() => String, { nullable: true }) closeNote!: string | null;
  @Field(() => Int, { description: 'Pass as expectedRevision to act on exactly this version' }) revision!: number;
  @Field(() => Date) updatedAt!: Date;
}

export const ProsecutionSummaryConnection = ConnectionType(ProsecutionSummaryType, 'ProsecutionSummary');
export const ProsecutionHearingConnection = ConnectionType(ProsecutionHearingType, 'ProsecutionHearing');

@ObjectType('Prosecution', { description: 'A prosecution with its charges, hearings, restitutions and appeals' })
export class ProsecutionType extends ProsecutionSummaryType {
  @Field(() => [ProsecutionChargeType]) charges!: ProsecutionChargeType[];
  @Field(() => [ProsecutionHearingType]) hearings!: ProsecutionHearingType[];
  @Field(() => [ProsecutionRestitutionType]) restitutions!: ProsecutionRestitutionType[];
  @Field(() => [ProsecutionAppealType]) appeals!: ProsecutionAppealType[];
}

@ObjectType('ProsecutionCommandPayload')
export class ProsecutionCommandPayload {
  @Field(() => ID) prosecutionId!: string;
  @Field(() => ID) jointCaseId!: string;
  @Field(() => ProsecutionStatusEnum) status!: ProsecutionStatus;
  @Field(() => Int) revision!: number;
  @Field(() => ID, {
    nullable: true,
    description: 'The charge, hearing, restitution or appeal the command created or acted on',
  })
  itemId!: string | null;
  @Field(() => Boolean, { description: 'True when this command id had already been handled: nothing new was written' })
  replayed!: boolean;
}
