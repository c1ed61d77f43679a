import {
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

export interface AssessedNeedView {
  readonly need: AssistanceNeed;
  readonly priority: NeedPriority;
  /** A service of this kind was given (for protection: a protection measure was applied). */
  readonly met: boolean;
}

export interface ServiceView {
  readonly serviceId: string;
  readonly kind: ServiceKind;
  readonly providedAt: Date;
  readonly providerAgencyId: string;
  readonly note: string | null;
}

export interface ProtectionMeasureView {
  readonly measureId: string;
  readonly measure: ProtectionMeasureKind;
  readonly description: string | null;
  readonly appliedAt: Date;
  readonly reviewBy: Date;
  /** The review date has come: someone must look at this measure again. */
  readonly reviewDue: boolean;
  readonly consentGivenBy: ConsentGivenBy;
}

/** A victim's assistance without anything that identifies the person. */
export interface AssistanceCaseView {
  readonly assistanceId: string;
  readonly jointCaseId: string;
  readonly assistingAgencyId: string;
  readonly status: AssistanceStatus;
  readonly ageGroup: AgeGroup;
  readonly isChild: boolean;
  readonly sex: Sex;
  readonly nationality: string | null;
  readonly formsOfExploitation: readonly FormOfExploitation[];
  readonly agreementToManagePersonalData: boolean;
  readonly consentGivenBy: ConsentGivenBy;
  readonly registeredAt: Date;
  readonly assessedAt: Date | null;
  /** Most pressing first. */
  readonly needs: readonly AssessedNeedView[];
  readonly needsMet: readonly AssistanceNeed[];
  readonly needsOutstanding: readonly AssistanceNeed[];
  /** Newest first. */
  readonly services: readonly ServiceView[];
  readonly lastService: ServiceView | null;
  /** Soonest review first. */
  readonly protectionMeasures: readonly ProtectionMeasureView[];
  readonly closedAt: Date | null;
  readonly closeReason: AssistanceCloseReason | null;
  readonly closeNote: string | null;
  readonly revision: number;
  readonly updatedAt: Date;
}

/** Personal data: read only by the assisting agency (see VictimIdentityQuery). */
export interface VictimIdentityView {
  readonly fullName: string;
  readonly dateOfBirth: string | null;
  readonly phone: string | null;
  readonly currentLocation: string | null;
}

export interface AssistanceCaseFilter {
  readonly status?: AssistanceStatus;
  readonly openOnly?: boolean;
  readonly limit: number;
  readonly now: Date;
}

export interface AssistanceReadModel {
  /** The cases an agency assists: open ones first, children first, then the oldest. */
  casesOf(agencyId: string, filter: AssistanceCaseFilter): Promise<AssistanceCaseView[]>;
  byId(assistanceId: string, now: Date): Promise<AssistanceCaseView | undefined>;
  /** Who assists the victim, and their personal data when any was recorded; undefined for no such case. */
  identity(
    assistanceId: string,
  ): Promise<{ readonly assistingAgencyId: string; readonly identity: VictimIdentityView | null } | undefined>;
}

export const ASSISTANCE_READ_MODEL = Symbol.for('pamoja.assistance.ReadModel');
