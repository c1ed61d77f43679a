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
  /** The person assisted (pseudonymous id), whose consent extends the case; null when not known. */
  readonly personId: string | null;
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

/** Fields a reader other than the assisting agency does not see (see assistanceAccess). */
type AssistanceDetailField =
  | 'ageGroup'
  | 'isChild'
  | 'sex'
  | 'nationality'
  | 'formsOfExploitation'
  | 'agreementToManagePersonalData'
  | 'consentGivenBy'
  | 'assessedAt'
  | 'needs'
  | 'needsMet'
  | 'needsOutstanding'
  | 'protectionMeasures';

/** An assistance case as one reader sees it: a detail withheld from them is null. */
export type AssistanceCaseReading = Omit<AssistanceCaseView, AssistanceDetailField> & {
  readonly [K in AssistanceDetailField]: AssistanceCaseView[K] | null;
};

/** Personal data: read only by the assisting agency (see VictimIdentityQuery). */
export interface VictimIdentityView {
  readonly fullName: string;
  readonly dateOfBirth: string | null;
  readonly phone: string | null;
  readonly currentLocation: string | null;
}

/** Where a page of an agency's cases resumes: after this case in the list's order. */
export interface AssistanceCaseListKey {
  readonly closed: boolean;
  readonly isChild: boolean;
  readonly registeredAt: Date;
  readonly assistanceId: string;
}

export interface AssistanceCaseFilter {
  readonly status?: AssistanceStatus;
  readonly openOnly?: boolean;
  /** Only open cases with a protection measure whose review date has come. */
  readonly reviewDue?: boolean;
  /** Rows to read: a page and one more, which only tells that there is more. */
  readonly limit: number;
  readonly after?: AssistanceCaseListKey;
  readonly now: Date;
}

export interface AssistanceReadModel {
  /** The cases an agency assists: open ones first, children first, then the oldest (ties by id). */
  casesOf(agencyId: string, filter: AssistanceCaseFilter): Promise<AssistanceCaseView[]>;
  byId(assistanceId: string, now: Date): Promise<AssistanceCaseView | undefined>;
  /** Every agency's assistance cases of one joint case, in the order the victims were registered. */
  ofJointCase(jointCaseId: string, now: Date): Promise<AssistanceCaseView[]>;
  /** Who assists the victim, and their personal data when any was recorded; undefined for no such case. */
  identity(assistanceId: string): Promise<
    | {
        readonly assistingAgencyId: string;
        readonly jointCaseId: string;
        readonly personId: string | null;
        readonly identity: VictimIdentityView | null;
      }
    | undefined
  >;
}

export const ASSISTANCE_READ_MODEL = Symbol.for('pamoja.assistance.ReadModel');
