import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType, graphqlEnum } from '@pamoja/platform/graphql';
import {
  CASE_FILE_STATUSES,
  CLOSURE_REASONS,
  ERASURE_REASONS,
  EVIDENCE_KINDS,
  INVESTIGATION_STATUSES,
  SUSPECT_ROLES,
  SUSPECTED_OFFENCES,
  type CaseFileStatus,
  type ClosureReason,
  type EvidenceKind,
  type InvestigationStatus,
  type SuspectedOffence,
  type SuspectRole,
} from '@pamoja/investigations/domain';

export const InvestigationOffenceEnum = graphqlEnum(SUSPECTED_OFFENCES);
export const InvestigationEvidenceKindEnum = graphqlEnum(EVIDENCE_KINDS);
export const InvestigationSuspectRoleEnum = graphqlEnum(SUSPECT_ROLES);
export const InvestigationClosureReasonEnum = graphqlEnum(CLOSURE_REASONS);
export const InvestigationStatusEnum = graphqlEnum(INVESTIGATION_STATUSES);
export const CaseFileTransmissionStatusEnum = graphqlEnum(CASE_FILE_STATUSES);
export const SuspectDataErasureReasonEnum = graphqlEnum(ERASURE_REASONS);

registerEnumType(InvestigationOffenceEnum, {
  name: 'InvestigationOffence',
  description: 'Offences suspected, under the DRC anti-trafficking law of 26 October 2022',
});
registerEnumType(InvestigationEvidenceKindEnum, { name: 'InvestigationEvidenceKind' });
registerEnumType(InvestigationSuspectRoleEnum, {
  name: 'InvestigationSuspectRole',
  description: 'Role in the trafficking process',
});
registerEnumType(InvestigationClosureReasonEnum, { name: 'InvestigationClosureReason' });
registerEnumType(InvestigationStatusEnum, { name: 'InvestigationStatus' });
registerEnumType(CaseFileTransmissionStatusEnum, { name: 'CaseFileTransmissionStatus' });
registerEnumType(SuspectDataErasureReasonEnum, {
  name: 'SuspectDataErasureReason',
  description: 'LEGAL_REQUEST: a court order or the law; RETENTION_EXPIRED: the retention period ended',
});

@ObjectType('InvestigationCustodian', { description: 'Who holds an evidence item: an agency and one of its officers' })
export class InvestigationCustodianType {
  @Field(() => String) agencyId!: string;
  @Field(() => String) officerId!: string;
}

@ObjectType('InvestigationCustodyLink', {
  description: 'One handover in the chain of custody; the first is the collection',
})
export class InvestigationCustodyLinkType {
  @Field(() => InvestigationCustodianType, { nullable: true }) from!: InvestigationCustodianType | null;
  @Field(() => InvestigationCustodianType) to!: InvestigationCustodianType;
  @Field(() => Date) at!: Date;
  @Field(() => String, { nullable: true }) reason!: string | null;
}

@ObjectType('InvestigationEvidence')
export class InvestigationEvidenceType {
  @Field(() => ID) evidenceId!: string;
  @Field(() => String) description!: string;
  @Field(() => InvestigationEvidenceKindEnum) kind!: EvidenceKind;
  @Field(() => String, { description: 'SHA-256 of the item, lower-case hex' }) sha256!: string;
  @Field(() => Date) collectedAt!: Date;
  @Field(() => String) collectedBy!: string;
  @Field(() => InvestigationCustodianType, { description: 'Who holds it now' }) custodian!: InvestigationCustodianType;
  @Field(() => [InvestigationCustodyLinkType], { description: 'Oldest first' })
  custodyChain!: InvestigationCustodyLinkType[];
}

@ObjectType('InvestigationSuspect')
export class InvestigationSuspectType {
  @Field(() => ID) suspectId!: string;
  @Field(() => InvestigationSuspectRoleEnum) role!: SuspectRole;
  @Field(() => String, { nullable: true }) alias!: string | null;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => String, { nullable: true, description: 'Personal data: null unless you are police or prosecutor' })
  name!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'YYYY-MM-DD. Personal data: null unless you are police or prosecutor',
  })
  dateOfBirth!: string | null;
  @Field(() => Date) identifiedAt!: Date;
}

@ObjectType('InvestigationArrest')
export class InvestigationArrestType {
  @Field(() => ID) suspectId!: string;
  @Field(() => Date) arrestedAt!: Date;
  @Field(() => String) location!: string;
  @Field(() => String) legalBasis!: string;
}

@ObjectType('CaseFileTransmission', {
  description: "A case file sent to a prosecutor's office, awaiting its acknowledgement",
})
export class CaseFileTransmissionType {
  @Field(() => ID) investigationId!: string;
  @Field(() => ID) jointCaseId!: string;
  @Field(() => ID) caseFileId!: string;
  @Field(() => String) fromAgencyId!: string;
  @Field(() => String) toProsecutorOfficeId!: string;
  @Field(() => Date) transmittedAt!: Date;
  @Field(() => Date, { description: 'When the office must have acknowledged receipt (UTC)' }) dueBy!: Date;
  @Field(() => String) summary!: string;
  @Field(() => [ID]) evidenceIds!: string[];
  @Field(() => [ID]) suspectIds!: string[];
  @Field(() => CaseFileTransmissionStatusEnum) status!: CaseFileStatus;
  @Field(() => Boolean, { description: 'Still unacknowledged after its due time' }) overdue!: boolean;
  @Field(() => Date, { nullable: true }) acknowledgedAt!: Date | null;
  @Field(() => String, { nullable: true }) acknowledgedByAgencyId!: string | null;
  @Field(() => Date, { nullable: true }) deadlineMissedAt!: Date | null;
  @Field(() => String, { nullable: true, description: 'Who the missed deadline was escalated to' })
  escalatedTo!: string | null;
}

/** `CaseFileTransmissionConnection` of the case-file lists. */
export const CaseFileTransmissionConnection = ConnectionType(CaseFileTransmissionType, 'CaseFileTransmission');

@ObjectType('InvestigationSummary', { description: 'An investigation as the investigating agency lists it' })
export class InvestigationSummaryType {
  @Field(() => ID) investigationId!: string;
  @Field(() => ID) jointCaseId!: string;
  @Field(() => ID, { nullable: true, description: 'The referral that led to it, if any' }) referralId!: string | null;
  @Field(() => String, { nullable: true, description: 'Mine site code, e.g. NK-MAS-014' }) siteCode!: string | null;
  @Field(() => [InvestigationOffenceEnum]) offences!: SuspectedOffence[];
  @Field(() => String) leadAgencyId!: string;
  @Field(() => String) leadOfficerId!: string;
  @Field(() => InvestigationStatusEnum) status!: InvestigationStatus;
  @Field(() => Date) openedAt!: Date;
  @Field(() => Date, { nullable: true }) closedAt!: Date | null;
  @Field(() => InvestigationClosureReasonEnum, { nullable: true }) closureReason!: ClosureReason | null;
  @Field(() => String, { nullable: true }) closureNote!: string | null;
  @Field(() => Int) evidenceCount!: number;
  @Field(() => Int) suspectCount!: number;
  @Field(() => Int) arrestCount!: number;
  @Field(() => Int) caseFileCount!: number;
  @Field(() => Date) lastActivityAt!: Date;
  @Field(() => Int, { description: 'Pass as expectedRevision to act on exactly this version' }) revision!: number;
}

/** `InvestigationSummaryConnection` of the investigations list. */
export const InvestigationSummaryConnection = ConnectionType(InvestigationSummaryType, 'InvestigationSummary');

@ObjectType('Investigation', { description: 'An investigation with its evidence, suspects, arrests and case files' })
export class InvestigationType extends InvestigationSummaryType {
  @Field(() => [InvestigationEvidenceType]) evidence!: InvestigationEvidenceType[];
  @Field(() => [InvestigationSuspectType]) suspects!: InvestigationSuspectType[];
  @Field(() => [InvestigationArrestType]) arrests!: InvestigationArrestType[];
  @Field(() => [CaseFileTransmissionType]) caseFiles!: CaseFileTransmissionType[];
}

@ObjectType('InvestigationCommandPayload')
export class InvestigationCommandPayload {
  @Field(() => ID) investigationId!: string;
  @Field(() => ID) jointCaseId!: string;
  @Field(() => InvestigationStatusEnum) status!: InvestigationStatus;
  @Field(() => Int) revision!: number;
  @Field(() => Boolean, { description: 'True when this command id had already been handled: nothing new was written' })
  replayed!: boolean;
  @Field(() => ID, { nullable: true, description: 'The evidence recorded or transferred' }) evidenceId?: string;
  @Field(() => ID, { nullable: true, description: 'The suspect identified or arrested' }) suspectId?: string;
  @Field(() => ID, { nullable: true, description: 'The case file transmitted' }) caseFileId?: string;
}
