/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AcceptReferralInput = {
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  note?: string | null | undefined;
  referralId: string;
};

export type AgencyFilterInput = {
  agencyType?: AgencyType | null | undefined;
  province?: Province | null | undefined;
  /** ACTIVE by default */
  status?: AgencyStatus | null | undefined;
};

/** Active, or suspended by the coordination body (its tokens refused, nothing can be sent to it) */
export type AgencyStatus =
  | 'ACTIVE'
  | 'SUSPENDED';

export type AgencyType =
  | 'ASSISTANCE_PROVIDER'
  | 'COORDINATION_BODY'
  | 'FIRST_RESPONDER'
  | 'INTEGRATOR'
  | 'MINING_AUTHORITY'
  | 'POLICE'
  | 'PROSECUTOR';

export type AssessTraffickingScreeningInput = {
  acts: Array<TraffickingAct>;
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  means: Array<TraffickingMeans>;
  /** Under 18: the means element is then not required */
  personIsChild: boolean;
  purposes: Array<ExploitationPurpose>;
  referralId: string;
};

export type AssistanceCaseFilter = {
  /** The endCursor of the page before */
  after?: string | null | undefined;
  /** How many, 1 to 200 */
  first?: number | null | undefined;
  /** Leave out closed cases */
  openOnly?: boolean | null | undefined;
  /** Only open cases with a protection measure whose review date has come (overdue for review) */
  reviewDue?: boolean | null | undefined;
  status?: AssistanceStatus | null | undefined;
};

export type AssistanceCloseReason =
  | 'DECEASED'
  | 'DECLINED_FURTHER_ASSISTANCE'
  | 'LOST_CONTACT'
  | 'OTHER'
  | 'REINTEGRATED'
  | 'TRANSFERRED';

export type AssistanceNeed =
  | 'EDUCATION'
  | 'FAMILY_TRACING'
  | 'LEGAL_AID'
  | 'MEDICAL'
  | 'PROTECTION'
  | 'PSYCHOSOCIAL'
  | 'REINTEGRATION'
  | 'SHELTER';

export type AssistanceProtectionMeasureKind =
  | 'IDENTITY_PROTECTION'
  | 'OTHER'
  | 'RELOCATION'
  | 'SAFE_HOUSE'
  | 'WITNESS_PROTECTION';

export type AssistanceStatus =
  | 'ASSESSED'
  | 'CLOSED'
  | 'IN_ASSISTANCE'
  | 'REGISTERED';

/** Which case files, and which page of them */
export type CaseFileListFilter = {
  /** The endCursor of the page before */
  after?: string | null | undefined;
  /** How many, 1 to 200 */
  first?: number | null | undefined;
  /** True: only case files unacknowledged past their due time; false: only the others */
  overdue?: boolean | null | undefined;
  /** Only this status (incomingCaseFiles: also ACKNOWLEDGED ones, which it otherwise leaves out) */
  status?: CaseFileTransmissionStatus | null | undefined;
};

export type CaseFileTransmissionStatus =
  | 'ACKNOWLEDGED'
  | 'AWAITING_ACKNOWLEDGEMENT'
  | 'DEADLINE_MISSED';

/** Signs of child labour at a mine site (ILO C138 and C182) */
export type ChildLabourFlag =
  | 'CHILD_ASSOCIATED_WITH_ARMED_GROUP'
  | 'CHILD_AT_SITE_UNDER_15'
  | 'CHILD_IN_HAZARDOUS_WORK'
  | 'CHILD_NIGHT_WORK'
  | 'CHILD_OUT_OF_SCHOOL';

export type CompleteReferralInput = {
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  outcome: string;
  referralId: string;
};

export type DeclineReferralInput = {
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  reason: string;
  referralId: string;
};

export type EscalationFilter = {
  /** The endCursor of the page before */
  after?: string | null | undefined;
  /** Only those this agency had to answer */
  agencyId?: string | null | undefined;
  /** How many, 1 to 200 */
  first?: number | null | undefined;
  /** Only those still unanswered */
  openOnly?: boolean | null | undefined;
};

/** The purpose element: the form of exploitation (Palermo Protocol art. 3(a)) */
export type ExploitationPurpose =
  | 'ARMED_GROUP_RECRUITMENT'
  | 'CHILD_LABOUR_WORST_FORMS'
  | 'FORCED_LABOUR'
  | 'ORGAN_REMOVAL'
  | 'OTHER'
  | 'SEXUAL_EXPLOITATION'
  | 'SLAVERY_OR_SERVITUDE';

/** The 11 ILO indicators of forced labour */
export type ForcedLabourIndicator =
  | 'ABUSE_OF_VULNERABILITY'
  | 'ABUSIVE_WORKING_AND_LIVING_CONDITIONS'
  | 'DEBT_BONDAGE'
  | 'DECEPTION'
  | 'EXCESSIVE_OVERTIME'
  | 'INTIMIDATION_AND_THREATS'
  | 'ISOLATION'
  | 'PHYSICAL_AND_SEXUAL_VIOLENCE'
  | 'RESTRICTION_OF_MOVEMENT'
  | 'RETENTION_OF_IDENTITY_DOCUMENTS'
  | 'WITHHOLDING_OF_WAGES';

export type InvestigationClosureReason =
  | 'INSUFFICIENT_EVIDENCE'
  | 'MERGED'
  | 'OTHER'
  | 'TRANSMITTED_TO_PROSECUTOR'
  | 'VICTIM_WITHDREW';

/** Which investigations, and which page of them */
export type InvestigationListFilter = {
  /** The endCursor of the page before */
  after?: string | null | undefined;
  /** How many, 1 to 200 */
  first?: number | null | undefined;
  offence?: InvestigationOffence | null | undefined;
  /** NK (North Kivu) or SK (South Kivu): the site code prefix */
  province?: string | null | undefined;
  /** One mine site, by its code, e.g. NK-MAS-014 */
  siteCode?: string | null | undefined;
  status?: InvestigationStatus | null | undefined;
  /** The site code's territory part, e.g. MAS for Masisi */
  territory?: string | null | undefined;
};

/** Offences suspected, under the DRC anti-trafficking law of 26 October 2022 */
export type InvestigationOffence =
  | 'CHILD_LABOUR'
  | 'CHILD_RECRUITMENT_BY_ARMED_GROUP'
  | 'FORCED_LABOUR'
  | 'SEXUAL_EXPLOITATION'
  | 'TRAFFICKING_IN_PERSONS';

export type InvestigationStatus =
  | 'CLOSED'
  | 'OPEN';

export type JointCaseAssistanceStage =
  | 'CLOSED'
  | 'IN_ASSISTANCE'
  | 'NONE'
  | 'REGISTERED';

export type JointCaseFilter = {
  /** The endCursor of the page before */
  after?: string | null | undefined;
  /** How many, 1 to 200 */
  first?: number | null | undefined;
  /** true: only cases with a missed deadline still unanswered; false: only those without */
  overdue?: boolean | null | undefined;
  /** Province code of the site, e.g. NK (from NK-MAS-014) */
  province?: string | null | undefined;
  /** The mine-site registry code, e.g. NK-MAS-014 */
  siteCode?: string | null | undefined;
  stage?: JointCaseStage | null | undefined;
  /** Territory code of the site, e.g. MAS (from NK-MAS-014) */
  territory?: string | null | undefined;
};

/** Derived from what the agencies record: identified → under investigation → in prosecution → adjudicated */
export type JointCaseStage =
  | 'ADJUDICATED'
  | 'IDENTIFIED'
  | 'IN_PROSECUTION'
  | 'UNDER_INVESTIGATION';

export type MineSiteListFilter = {
  /** The endCursor of the page before */
  after?: string | null | undefined;
  /** How many, 1 to 200 */
  first?: number | null | undefined;
  province?: MineSiteProvince | null | undefined;
  status?: MineSiteStatus | null | undefined;
  territory?: MineSiteTerritory | null | undefined;
  /** True: only sites with an open incident; false: without */
  withOpenIncidents?: boolean | null | undefined;
};

export type MineSiteProvince =
  | 'NORTH_KIVU'
  | 'SOUTH_KIVU';

/** The mine site: its registry code, or a description when it has none */
export type MineSiteRefInput = {
  code?: string | null | undefined;
  description?: string | null | undefined;
};

/** ICGLR status: GREEN may trade, YELLOW remediation, RED suspended, BLUE not yet verified */
export type MineSiteStatus =
  | 'BLUE'
  | 'GREEN'
  | 'RED'
  | 'YELLOW';

/** Territories of North and South Kivu */
export type MineSiteTerritory =
  | 'BENI'
  | 'FIZI'
  | 'IDJWI'
  | 'KABARE'
  | 'KALEHE'
  | 'LUBERO'
  | 'MASISI'
  | 'MWENGA'
  | 'NYIRAGONGO'
  | 'RUTSHURU'
  | 'SHABUNDA'
  | 'UVIRA'
  | 'WALIKALE'
  | 'WALUNGU';

export type ProsecutionCloseReason =
  | 'ADJUDICATED'
  | 'OTHER'
  | 'TRANSFERRED'
  | 'WITHDRAWN';

export type ProsecutionStatus =
  | 'ADJUDICATED'
  | 'CASE_FILE_RECEIVED'
  | 'CHARGED'
  | 'CLOSED'
  | 'IN_TRIAL';

/** North Kivu or South Kivu */
export type Province =
  | 'NORTH_KIVU'
  | 'SOUTH_KIVU';

/** SELF for the person; for a child a PARENT, a GUARDIAN or the CHILD_PROTECTION_AUTHORITY */
export type ReferralConsentGiver =
  | 'CHILD_PROTECTION_AUTHORITY'
  | 'GUARDIAN'
  | 'PARENT'
  | 'SELF';

/** Informed consent: who gave it, to which agencies, for what */
export type ReferralConsentInput = {
  agencyTypes: Array<AgencyType>;
  /** SHA-256 (lower-case hex) of the signed form; the form itself stays with your agency */
  formSha256?: string | null | undefined;
  givenBy: ReferralConsentGiver;
  /** How the person gave it */
  method?: ReferralConsentMethod | null | undefined;
  purposes: Array<ReferralConsentPurpose>;
};

/** How consent was given: VERBAL (before a witness), WRITTEN, THUMBPRINT, AUDIO_RECORDING */
export type ReferralConsentMethod =
  | 'AUDIO_RECORDING'
  | 'THUMBPRINT'
  | 'VERBAL'
  | 'WRITTEN';

export type ReferralConsentPurpose =
  | 'ASSISTANCE'
  | 'INFORMATION_SHARING'
  | 'INVESTIGATION'
  | 'PROSECUTION';

/** Which referrals, and which page of them */
export type ReferralListFilter = {
  /** The endCursor of the page before */
  after?: string | null | undefined;
  /** How many, 1 to 200 */
  first?: number | null | undefined;
  /** True: only referrals still unanswered past their due time; false: only the others */
  overdue?: boolean | null | undefined;
  /** NK (North Kivu) or SK (South Kivu): the site code prefix */
  province?: string | null | undefined;
  /** One mine site, by its code, e.g. NK-MAS-014 */
  siteCode?: string | null | undefined;
  status?: ReferralStatus | null | undefined;
  /** The site code's territory part, e.g. MAS for Masisi */
  territory?: string | null | undefined;
};

export type ReferralStatus =
  | 'ACCEPTED'
  | 'COMPLETED'
  | 'DECLINED'
  | 'REVOKED'
  | 'SUBMITTED';

/** The person referred, without anything that identifies them */
export type ReferralSubjectInput = {
  /** Under 18? null when not known */
  isChild?: boolean | null | undefined;
  /** A person already known on the case (their `subjectPersonId` on the referral that brought them): this referral forwards them. Absent: the referral introduces a person your agency met. */
  personId?: string | null | undefined;
};

export type RevokeReferralInput = {
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  reason: string;
  referralId: string;
};

export type SubmitReferralInput = {
  childLabourFlags?: Array<ChildLabourFlag>;
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** Consent given when the referral is made */
  consent?: ReferralConsentInput | null | undefined;
  /** When the receiving agency must have answered (UTC) */
  dueBy: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  indicators: Array<ForcedLabourIndicator>;
  /** Join an existing joint case; a new one is opened when absent */
  jointCaseId?: string | null | undefined;
  /** Optional; derived from the command id when absent */
  referralId?: string | null | undefined;
  site: MineSiteRefInput;
  /** A person not known to be a child goes to the police only with their own consent */
  subject: ReferralSubjectInput;
  /** What was observed. No names or other personal data. */
  summary: string;
  /** The agency asked to act */
  toAgencyId: string;
  toAgencyType: AgencyType;
  urgency: Urgency;
};

/** The act element (Palermo Protocol art. 3(a)) */
export type TraffickingAct =
  | 'HARBOURING'
  | 'RECEIPT'
  | 'RECRUITMENT'
  | 'TRANSFER'
  | 'TRANSPORT';

/** The means element (Palermo Protocol art. 3(a)); not required for a child (art. 3(c)) */
export type TraffickingMeans =
  | 'ABDUCTION'
  | 'ABUSE_OF_POWER'
  | 'ABUSE_OF_VULNERABILITY'
  | 'COERCION'
  | 'DECEPTION'
  | 'FORCE'
  | 'FRAUD'
  | 'PAYMENTS'
  | 'THREAT';

export type TraffickingScreeningResult =
  | 'DOES_NOT_INDICATE_TRAFFICKING'
  | 'INDICATES_TRAFFICKING';

export type UpcomingHearingsFilter = {
  /** The endCursor of the page before */
  after?: string | null | undefined;
  /** Within the next days, 1 to 365 */
  days?: number | null | undefined;
  /** How many, 1 to 200 */
  first?: number | null | undefined;
};

/** IMMEDIATE means danger to life */
export type Urgency =
  | 'IMMEDIATE'
  | 'ROUTINE'
  | 'URGENT';

export type ConsoleAgencyNameQueryVariables = Exact<{
  agencyId: string;
}>;


export type ConsoleAgencyNameQuery = { agency: { agencyId: string, name: string } };

export type ConsoleJointCasesQueryVariables = Exact<{
  filter?: JointCaseFilter | null | undefined;
}>;


export type ConsoleJointCasesQuery = { jointCases: { nodes: Array<{ jointCaseId: string, stage: JointCaseStage, siteCode: string | null, province: string | null, territory: string | null, openedAt: string, lastActivityAt: string, missedDeadlines: number, agencyIds: Array<string> }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleCaseQueryVariables = Exact<{
  id: string;
  first?: number | null | undefined;
}>;


export type ConsoleCaseQuery = { case: { jointCaseId: string, reference: string | null, stage: JointCaseStage, assistanceStage: JointCaseAssistanceStage, siteCode: string | null, province: string | null, territory: string | null, openedAt: string, lastActivityAt: string, missedDeadlines: number, agencyIds: Array<string>, referralIds: Array<string>, investigationIds: Array<string>, prosecutionIds: Array<string>, assistanceIds: Array<string>, agencies: Array<{ agencyId: string, name: string }> | null, site: { code: string, name: string, province: MineSiteProvince, territory: MineSiteTerritory, status: MineSiteStatus } | null, referrals: Array<{ referralId: string, fromAgencyId: string, fromAgencyType: AgencyType, toAgencyId: string, toAgencyType: AgencyType, status: ReferralStatus, statusReason: string | null, urgency: Urgency, submittedAt: string, dueBy: string, overdue: boolean, deadlineMissed: boolean, fromAgency: { name: string } | null, toAgency: { name: string } | null }>, investigations: Array<{ investigationId: string, leadAgencyId: string, status: InvestigationStatus, openedAt: string, closedAt: string | null, closureReason: InvestigationClosureReason | null, offences: Array<InvestigationOffence>, evidenceCount: number, suspectCount: number, arrestCount: number, caseFileCount: number, leadAgency: { name: string } | null }>, prosecutions: Array<{ prosecutionId: string, officeAgencyId: string, fromPoliceAgencyId: string, status: ProsecutionStatus, receivedAt: string, closedAt: string | null, closeReason: ProsecutionCloseReason | null, chargeCount: number, hearingCount: number, hearingsHeldCount: number, verdictCount: number, convictionCount: number, officeAgency: { name: string } | null, fromPoliceAgency: { name: string } | null }>, assistance: Array<{ assistanceId: string, assistingAgencyId: string, status: AssistanceStatus, registeredAt: string, closedAt: string | null, closeReason: AssistanceCloseReason | null, isChild: boolean | null, needsOutstanding: Array<AssistanceNeed> | null, assistingAgency: { name: string } | null }>, timeline: { edges: Array<{ cursor: string, node: { position: string, eventId: string, occurredAt: string, agencyId: string, agencyType: string, eventType: string | null, summary: string | null, redacted: boolean, category: string | null, agency: { name: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } };

export type ConsoleCaseTimelineQueryVariables = Exact<{
  id: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ConsoleCaseTimelineQuery = { case: { jointCaseId: string, timeline: { edges: Array<{ cursor: string, node: { position: string, eventId: string, occurredAt: string, agencyId: string, agencyType: string, eventType: string | null, summary: string | null, redacted: boolean, category: string | null, agency: { name: string } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } };

export type ConsoleCaseTimelineEntryAddedSubscriptionVariables = Exact<{
  jointCaseId: string;
  after?: string | null | undefined;
}>;


export type ConsoleCaseTimelineEntryAddedSubscription = { caseTimelineEntryAdded: { position: string, eventId: string, occurredAt: string, agencyId: string, agencyType: string, eventType: string | null, summary: string | null, redacted: boolean, category: string | null, agency: { name: string } | null } };

export type ConsoleQueueIncomingReferralsQueryVariables = Exact<{
  filter?: ReferralListFilter | null | undefined;
}>;


export type ConsoleQueueIncomingReferralsQuery = { incomingReferrals: { nodes: Array<{ referralId: string, reference: string | null, jointCaseId: string | null, fromAgencyId: string, toAgencyId: string, siteCode: string | null, submittedAt: string, dueBy: string, overdue: boolean, deadlineMissed: boolean, urgency: Urgency, status: ReferralStatus, answeredAt: string | null, subjectIsChild: boolean | null, fromAgency: { name: string } | null, toAgency: { name: string } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleQueueOutgoingReferralsQueryVariables = Exact<{
  filter?: ReferralListFilter | null | undefined;
}>;


export type ConsoleQueueOutgoingReferralsQuery = { outgoingReferrals: { nodes: Array<{ referralId: string, reference: string | null, jointCaseId: string | null, fromAgencyId: string, toAgencyId: string, siteCode: string | null, submittedAt: string, dueBy: string, overdue: boolean, deadlineMissed: boolean, urgency: Urgency, status: ReferralStatus, answeredAt: string | null, subjectIsChild: boolean | null, fromAgency: { name: string } | null, toAgency: { name: string } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleQueueInvestigationsQueryVariables = Exact<{
  filter?: InvestigationListFilter | null | undefined;
}>;


export type ConsoleQueueInvestigationsQuery = { investigations: { nodes: Array<{ investigationId: string, reference: string | null, jointCaseId: string, siteCode: string | null, openedAt: string, lastActivityAt: string, status: InvestigationStatus, offences: Array<InvestigationOffence>, suspectCount: number, arrestCount: number }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleQueueIncomingCaseFilesQueryVariables = Exact<{
  filter?: CaseFileListFilter | null | undefined;
}>;


export type ConsoleQueueIncomingCaseFilesQuery = { incomingCaseFiles: { nodes: Array<{ caseFileId: string, reference: string | null, jointCaseId: string, fromAgencyId: string, toProsecutorOfficeId: string, transmittedAt: string, dueBy: string, overdue: boolean, status: CaseFileTransmissionStatus, acknowledgedAt: string | null, fromAgency: { name: string } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleQueueOverdueCaseFilesQueryVariables = Exact<{
  filter?: CaseFileListFilter | null | undefined;
}>;


export type ConsoleQueueOverdueCaseFilesQuery = { overdueCaseFileTransmissions: { nodes: Array<{ caseFileId: string, reference: string | null, jointCaseId: string, fromAgencyId: string, toProsecutorOfficeId: string, transmittedAt: string, dueBy: string, overdue: boolean, status: CaseFileTransmissionStatus, acknowledgedAt: string | null, fromAgency: { name: string } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleQueueUpcomingHearingsQueryVariables = Exact<{
  filter?: UpcomingHearingsFilter | null | undefined;
}>;


export type ConsoleQueueUpcomingHearingsQuery = { upcomingHearings: { nodes: Array<{ hearingId: string, prosecutionId: string, reference: string | null, jointCaseId: string, court: string, purpose: string, scheduledFor: string, heldAt: string | null, cancelledAt: string | null, outcomeOverdueAt: string | null, rescheduleCount: number }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleQueueAssistanceReviewsQueryVariables = Exact<{
  filter?: AssistanceCaseFilter | null | undefined;
}>;


export type ConsoleQueueAssistanceReviewsQuery = { assistanceCases: { nodes: Array<{ assistanceId: string, reference: string | null, jointCaseId: string, registeredAt: string, status: AssistanceStatus, isChild: boolean | null, protectionMeasures: Array<{ measureId: string, measure: AssistanceProtectionMeasureKind, reviewBy: string, reviewDue: boolean }> | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleQueueEscalationsQueryVariables = Exact<{
  filter?: EscalationFilter | null | undefined;
}>;


export type ConsoleQueueEscalationsQuery = { escalations: { nodes: Array<{ escalationId: string, reference: string | null, kind: string, agencyId: string | null, jointCaseId: string | null, subjectId: string, dueBy: string | null, missedAt: string, resolvedAt: string | null, position: string, agency: { name: string } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleQueueOverdueCasesQueryVariables = Exact<{
  filter?: JointCaseFilter | null | undefined;
}>;


export type ConsoleQueueOverdueCasesQuery = { jointCases: { nodes: Array<{ jointCaseId: string, reference: string | null, stage: JointCaseStage, siteCode: string | null, openedAt: string, lastActivityAt: string, missedDeadlines: number }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleQueueMineSitesQueryVariables = Exact<{
  filter?: MineSiteListFilter | null | undefined;
}>;


export type ConsoleQueueMineSitesQuery = { mineSites: { nodes: Array<{ siteId: string, code: string, name: string, status: MineSiteStatus, openIncidentCount: number, highestOpenIncidentLevel: number | null, remediationDeadline: string | null, remediationOverdue: boolean, statusChangedAt: string | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleQueueReferralReceivedSubscriptionVariables = Exact<{
  after?: string | null | undefined;
}>;


export type ConsoleQueueReferralReceivedSubscription = { referralReceived: { referralId: string, feedCursor: string | null, submittedAt: string, siteCode: string | null } };

export type ConsoleQueueDeadlineMissedSubscriptionVariables = Exact<{
  after?: string | null | undefined;
}>;


export type ConsoleQueueDeadlineMissedSubscription = { deadlineMissed: { escalationId: string, position: string, kind: string } };

export type ConsoleReferralQueryVariables = Exact<{
  referralId: string;
}>;


export type ConsoleReferralQuery = { referral: { referralId: string, jointCaseId: string | null, status: ReferralStatus, revision: number, urgency: Urgency, dueBy: string, overdue: boolean, deadlineMissed: boolean, submittedAt: string, answeredAt: string | null, closedAt: string | null, updatedAt: string, statusReason: string | null, fromAgencyId: string, fromAgencyType: AgencyType, toAgencyId: string, toAgencyType: AgencyType, siteCode: string | null, siteDescription: string | null, subjectIsChild: boolean | null, subjectPersonId: string, childProtectionBasis: boolean, indicators: Array<ForcedLabourIndicator>, childLabourFlags: Array<ChildLabourFlag>, summary: string, fromAgency: { name: string } | null, toAgency: { name: string } | null, consent: { active: boolean, withdrawn: boolean, agencyTypes: Array<AgencyType>, purposes: Array<ReferralConsentPurpose>, records: Array<{ consentId: string, givenBy: ReferralConsentGiver, agencyTypes: Array<AgencyType>, purposes: Array<ReferralConsentPurpose>, recordedAt: string, withdrawnAt: string | null }> }, screening: { acts: Array<TraffickingAct>, means: Array<TraffickingMeans>, purposes: Array<ExploitationPurpose>, personIsChild: boolean, meansRequired: boolean, result: TraffickingScreeningResult, assessedAt: string, byAgencyId: string, byAgency: { name: string } | null } | null } };

export type ConsoleAgenciesQueryVariables = Exact<{
  filter?: AgencyFilterInput | null | undefined;
}>;


export type ConsoleAgenciesQuery = { agencies: Array<{ agencyId: string, name: string, agencyType: AgencyType, province: Province | null, status: AgencyStatus }> };

export type ConsoleSubmitReferralMutationVariables = Exact<{
  input: SubmitReferralInput;
}>;


export type ConsoleSubmitReferralMutation = { submitReferral: { referralId: string, jointCaseId: string | null, status: ReferralStatus, revision: number, replayed: boolean } };

export type ConsoleAcceptReferralMutationVariables = Exact<{
  input: AcceptReferralInput;
}>;


export type ConsoleAcceptReferralMutation = { acceptReferral: { referralId: string, status: ReferralStatus, revision: number, replayed: boolean } };

export type ConsoleDeclineReferralMutationVariables = Exact<{
  input: DeclineReferralInput;
}>;


export type ConsoleDeclineReferralMutation = { declineReferral: { referralId: string, status: ReferralStatus, revision: number, replayed: boolean } };

export type ConsoleRevokeReferralMutationVariables = Exact<{
  input: RevokeReferralInput;
}>;


export type ConsoleRevokeReferralMutation = { revokeReferral: { referralId: string, status: ReferralStatus, revision: number, replayed: boolean } };

export type ConsoleCompleteReferralMutationVariables = Exact<{
  input: CompleteReferralInput;
}>;


export type ConsoleCompleteReferralMutation = { completeReferral: { referralId: string, status: ReferralStatus, revision: number, replayed: boolean } };

export type ConsoleAssessTraffickingScreeningMutationVariables = Exact<{
  input: AssessTraffickingScreeningInput;
}>;


export type ConsoleAssessTraffickingScreeningMutation = { assessTraffickingScreening: { referralId: string, status: ReferralStatus, revision: number, replayed: boolean } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const ConsoleAgencyNameDocument = new TypedDocumentString(`
    query ConsoleAgencyName($agencyId: String!) {
  agency(agencyId: $agencyId) {
    agencyId
    name
  }
}
    `) as unknown as TypedDocumentString<ConsoleAgencyNameQuery, ConsoleAgencyNameQueryVariables>;
export const ConsoleJointCasesDocument = new TypedDocumentString(`
    query ConsoleJointCases($filter: JointCaseFilter) {
  jointCases(filter: $filter) {
    nodes {
      jointCaseId
      stage
      siteCode
      province
      territory
      openedAt
      lastActivityAt
      missedDeadlines
      agencyIds
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleJointCasesQuery, ConsoleJointCasesQueryVariables>;
export const ConsoleCaseDocument = new TypedDocumentString(`
    query ConsoleCase($id: ID!, $first: Int) {
  case(id: $id) {
    jointCaseId
    reference
    stage
    assistanceStage
    siteCode
    province
    territory
    openedAt
    lastActivityAt
    missedDeadlines
    agencyIds
    agencies {
      agencyId
      name
    }
    referralIds
    investigationIds
    prosecutionIds
    assistanceIds
    site {
      code
      name
      province
      territory
      status
    }
    referrals {
      referralId
      fromAgencyId
      fromAgencyType
      fromAgency {
        name
      }
      toAgencyId
      toAgencyType
      toAgency {
        name
      }
      status
      statusReason
      urgency
      submittedAt
      dueBy
      overdue
      deadlineMissed
    }
    investigations {
      investigationId
      leadAgencyId
      leadAgency {
        name
      }
      status
      openedAt
      closedAt
      closureReason
      offences
      evidenceCount
      suspectCount
      arrestCount
      caseFileCount
    }
    prosecutions {
      prosecutionId
      officeAgencyId
      officeAgency {
        name
      }
      fromPoliceAgencyId
      fromPoliceAgency {
        name
      }
      status
      receivedAt
      closedAt
      closeReason
      chargeCount
      hearingCount
      hearingsHeldCount
      verdictCount
      convictionCount
    }
    assistance {
      assistanceId
      assistingAgencyId
      assistingAgency {
        name
      }
      status
      registeredAt
      closedAt
      closeReason
      isChild
      needsOutstanding
    }
    timeline(first: $first) {
      edges {
        cursor
        node {
          position
          eventId
          occurredAt
          agencyId
          agency {
            name
          }
          agencyType
          eventType
          summary
          redacted
          category
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleCaseQuery, ConsoleCaseQueryVariables>;
export const ConsoleCaseTimelineDocument = new TypedDocumentString(`
    query ConsoleCaseTimeline($id: ID!, $first: Int, $after: String) {
  case(id: $id) {
    jointCaseId
    timeline(first: $first, after: $after) {
      edges {
        cursor
        node {
          position
          eventId
          occurredAt
          agencyId
          agency {
            name
          }
          agencyType
          eventType
          summary
          redacted
          category
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleCaseTimelineQuery, ConsoleCaseTimelineQueryVariables>;
export const ConsoleCaseTimelineEntryAddedDocument = new TypedDocumentString(`
    subscription ConsoleCaseTimelineEntryAdded($jointCaseId: ID!, $after: String) {
  caseTimelineEntryAdded(jointCaseId: $jointCaseId, after: $after) {
    position
    eventId
    occurredAt
    agencyId
    agency {
      name
    }
    agencyType
    eventType
    summary
    redacted
    category
  }
}
    `) as unknown as TypedDocumentString<ConsoleCaseTimelineEntryAddedSubscription, ConsoleCaseTimelineEntryAddedSubscriptionVariables>;
export const ConsoleQueueIncomingReferralsDocument = new TypedDocumentString(`
    query ConsoleQueueIncomingReferrals($filter: ReferralListFilter) {
  incomingReferrals(filter: $filter) {
    nodes {
      referralId
      reference
      jointCaseId
      fromAgencyId
      fromAgency {
        name
      }
      toAgencyId
      toAgency {
        name
      }
      siteCode
      submittedAt
      dueBy
      overdue
      deadlineMissed
      urgency
      status
      answeredAt
      subjectIsChild
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleQueueIncomingReferralsQuery, ConsoleQueueIncomingReferralsQueryVariables>;
export const ConsoleQueueOutgoingReferralsDocument = new TypedDocumentString(`
    query ConsoleQueueOutgoingReferrals($filter: ReferralListFilter) {
  outgoingReferrals(filter: $filter) {
    nodes {
      referralId
      reference
      jointCaseId
      fromAgencyId
      fromAgency {
        name
      }
      toAgencyId
      toAgency {
        name
      }
      siteCode
      submittedAt
      dueBy
      overdue
      deadlineMissed
      urgency
      status
      answeredAt
      subjectIsChild
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleQueueOutgoingReferralsQuery, ConsoleQueueOutgoingReferralsQueryVariables>;
export const ConsoleQueueInvestigationsDocument = new TypedDocumentString(`
    query ConsoleQueueInvestigations($filter: InvestigationListFilter) {
  investigations(filter: $filter) {
    nodes {
      investigationId
      reference
      jointCaseId
      siteCode
      openedAt
      lastActivityAt
      status
      offences
      suspectCount
      arrestCount
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleQueueInvestigationsQuery, ConsoleQueueInvestigationsQueryVariables>;
export const ConsoleQueueIncomingCaseFilesDocument = new TypedDocumentString(`
    query ConsoleQueueIncomingCaseFiles($filter: CaseFileListFilter) {
  incomingCaseFiles(filter: $filter) {
    nodes {
      caseFileId
      reference
      jointCaseId
      fromAgencyId
      fromAgency {
        name
      }
      toProsecutorOfficeId
      transmittedAt
      dueBy
      overdue
      status
      acknowledgedAt
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleQueueIncomingCaseFilesQuery, ConsoleQueueIncomingCaseFilesQueryVariables>;
export const ConsoleQueueOverdueCaseFilesDocument = new TypedDocumentString(`
    query ConsoleQueueOverdueCaseFiles($filter: CaseFileListFilter) {
  overdueCaseFileTransmissions(filter: $filter) {
    nodes {
      caseFileId
      reference
      jointCaseId
      fromAgencyId
      fromAgency {
        name
      }
      toProsecutorOfficeId
      transmittedAt
      dueBy
      overdue
      status
      acknowledgedAt
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleQueueOverdueCaseFilesQuery, ConsoleQueueOverdueCaseFilesQueryVariables>;
export const ConsoleQueueUpcomingHearingsDocument = new TypedDocumentString(`
    query ConsoleQueueUpcomingHearings($filter: UpcomingHearingsFilter) {
  upcomingHearings(filter: $filter) {
    nodes {
      hearingId
      prosecutionId
      reference
      jointCaseId
      court
      purpose
      scheduledFor
      heldAt
      cancelledAt
      outcomeOverdueAt
      rescheduleCount
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleQueueUpcomingHearingsQuery, ConsoleQueueUpcomingHearingsQueryVariables>;
export const ConsoleQueueAssistanceReviewsDocument = new TypedDocumentString(`
    query ConsoleQueueAssistanceReviews($filter: AssistanceCaseFilter) {
  assistanceCases(filter: $filter) {
    nodes {
      assistanceId
      reference
      jointCaseId
      registeredAt
      status
      isChild
      protectionMeasures {
        measureId
        measure
        reviewBy
        reviewDue
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleQueueAssistanceReviewsQuery, ConsoleQueueAssistanceReviewsQueryVariables>;
export const ConsoleQueueEscalationsDocument = new TypedDocumentString(`
    query ConsoleQueueEscalations($filter: EscalationFilter) {
  escalations(filter: $filter) {
    nodes {
      escalationId
      reference
      kind
      agencyId
      agency {
        name
      }
      jointCaseId
      subjectId
      dueBy
      missedAt
      resolvedAt
      position
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleQueueEscalationsQuery, ConsoleQueueEscalationsQueryVariables>;
export const ConsoleQueueOverdueCasesDocument = new TypedDocumentString(`
    query ConsoleQueueOverdueCases($filter: JointCaseFilter) {
  jointCases(filter: $filter) {
    nodes {
      jointCaseId
      reference
      stage
      siteCode
      openedAt
      lastActivityAt
      missedDeadlines
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleQueueOverdueCasesQuery, ConsoleQueueOverdueCasesQueryVariables>;
export const ConsoleQueueMineSitesDocument = new TypedDocumentString(`
    query ConsoleQueueMineSites($filter: MineSiteListFilter) {
  mineSites(filter: $filter) {
    nodes {
      siteId
      code
      name
      status
      openIncidentCount
      highestOpenIncidentLevel
      remediationDeadline
      remediationOverdue
      statusChangedAt
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleQueueMineSitesQuery, ConsoleQueueMineSitesQueryVariables>;
export const ConsoleQueueReferralReceivedDocument = new TypedDocumentString(`
    subscription ConsoleQueueReferralReceived($after: String) {
  referralReceived(after: $after) {
    referralId
    feedCursor
    submittedAt
    siteCode
  }
}
    `) as unknown as TypedDocumentString<ConsoleQueueReferralReceivedSubscription, ConsoleQueueReferralReceivedSubscriptionVariables>;
export const ConsoleQueueDeadlineMissedDocument = new TypedDocumentString(`
    subscription ConsoleQueueDeadlineMissed($after: String) {
  deadlineMissed(after: $after) {
    escalationId
    position
    kind
  }
}
    `) as unknown as TypedDocumentString<ConsoleQueueDeadlineMissedSubscription, ConsoleQueueDeadlineMissedSubscriptionVariables>;
export const ConsoleReferralDocument = new TypedDocumentString(`
    query ConsoleReferral($referralId: ID!) {
  referral(referralId: $referralId) {
    referralId
    jointCaseId
    status
    revision
    urgency
    dueBy
    overdue
    deadlineMissed
    submittedAt
    answeredAt
    closedAt
    updatedAt
    statusReason
    fromAgencyId
    fromAgencyType
    fromAgency {
      name
    }
    toAgencyId
    toAgencyType
    toAgency {
      name
    }
    siteCode
    siteDescription
    subjectIsChild
    subjectPersonId
    childProtectionBasis
    indicators
    childLabourFlags
    summary
    consent {
      active
      withdrawn
      agencyTypes
      purposes
      records {
        consentId
        givenBy
        agencyTypes
        purposes
        recordedAt
        withdrawnAt
      }
    }
    screening {
      acts
      means
      purposes
      personIsChild
      meansRequired
      result
      assessedAt
      byAgencyId
      byAgency {
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleReferralQuery, ConsoleReferralQueryVariables>;
export const ConsoleAgenciesDocument = new TypedDocumentString(`
    query ConsoleAgencies($filter: AgencyFilterInput) {
  agencies(filter: $filter) {
    agencyId
    name
    agencyType
    province
    status
  }
}
    `) as unknown as TypedDocumentString<ConsoleAgenciesQuery, ConsoleAgenciesQueryVariables>;
export const ConsoleSubmitReferralDocument = new TypedDocumentString(`
    mutation ConsoleSubmitReferral($input: SubmitReferralInput!) {
  submitReferral(input: $input) {
    referralId
    jointCaseId
    status
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleSubmitReferralMutation, ConsoleSubmitReferralMutationVariables>;
export const ConsoleAcceptReferralDocument = new TypedDocumentString(`
    mutation ConsoleAcceptReferral($input: AcceptReferralInput!) {
  acceptReferral(input: $input) {
    referralId
    status
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleAcceptReferralMutation, ConsoleAcceptReferralMutationVariables>;
export const ConsoleDeclineReferralDocument = new TypedDocumentString(`
    mutation ConsoleDeclineReferral($input: DeclineReferralInput!) {
  declineReferral(input: $input) {
    referralId
    status
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleDeclineReferralMutation, ConsoleDeclineReferralMutationVariables>;
export const ConsoleRevokeReferralDocument = new TypedDocumentString(`
    mutation ConsoleRevokeReferral($input: RevokeReferralInput!) {
  revokeReferral(input: $input) {
    referralId
    status
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleRevokeReferralMutation, ConsoleRevokeReferralMutationVariables>;
export const ConsoleCompleteReferralDocument = new TypedDocumentString(`
    mutation ConsoleCompleteReferral($input: CompleteReferralInput!) {
  completeReferral(input: $input) {
    referralId
    status
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleCompleteReferralMutation, ConsoleCompleteReferralMutationVariables>;
export const ConsoleAssessTraffickingScreeningDocument = new TypedDocumentString(`
    mutation ConsoleAssessTraffickingScreening($input: AssessTraffickingScreeningInput!) {
  assessTraffickingScreening(input: $input) {
    referralId
    status
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleAssessTraffickingScreeningMutation, ConsoleAssessTraffickingScreeningMutationVariables>;