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

export type ApplyProtectionMeasureInput = {
  assistanceId: string;
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  consentGivenBy: VictimConsentGivenBy;
  /** Required for OTHER. Never where a safe house is. */
  description?: string | null | undefined;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  measure: AssistanceProtectionMeasureKind;
  /** Optional; derived from the command id when absent */
  measureId?: string | null | undefined;
  /** When the measure must be reviewed (UTC), in the future */
  reviewBy: string;
};

export type AssessNeedsInput = {
  assistanceId: string;
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  /** Replaces the previous assessment */
  needs: Array<AssistanceNeedInput>;
};

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

export type AssistanceNeedInput = {
  need: AssistanceNeed;
  priority: AssistanceNeedPriority;
};

export type AssistanceNeedPriority =
  | 'HIGH'
  | 'NORMAL'
  | 'URGENT';

export type AssistanceProtectionMeasureKind =
  | 'IDENTITY_PROTECTION'
  | 'OTHER'
  | 'RELOCATION'
  | 'SAFE_HOUSE'
  | 'WITNESS_PROTECTION';

export type AssistanceServiceKind =
  | 'EDUCATION'
  | 'FAMILY_TRACING'
  | 'LEGAL_AID'
  | 'MEDICAL'
  | 'PSYCHOSOCIAL'
  | 'REINTEGRATION'
  | 'SHELTER';

export type AssistanceStatus =
  | 'ASSESSED'
  | 'CLOSED'
  | 'IN_ASSISTANCE'
  | 'REGISTERED';

/** COMMAND (a mutation), PERSONAL_DATA_READ (a field of personal data answered), QUERY (an audited query) */
export type AuditAction =
  | 'COMMAND'
  | 'PERSONAL_DATA_READ'
  | 'QUERY';

/** Which audit entries (every field narrows), and which page */
export type AuditEntryFilter = {
  action?: AuditAction | null | undefined;
  /** The endCursor of the page before */
  after?: string | null | undefined;
  agencyId?: string | null | undefined;
  /** How many, 1 to 200 */
  first?: number | null | undefined;
  /** From this instant, inclusive */
  from?: string | null | undefined;
  jointCaseId?: string | null | undefined;
  /** A mutation or query name, or Type.field */
  operation?: string | null | undefined;
  /** A person or record, as kind:id (assistance:…, suspect:…) */
  subject?: string | null | undefined;
  /** Up to this instant, exclusive */
  to?: string | null | undefined;
  userId?: string | null | undefined;
};

export type CancelHearingInput = {
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  hearingId: string;
  prosecutionId: string;
  /** Why the hearing will not take place */
  reason: string;
};

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

export type ChangeMineSiteStatusInput = {
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  /** Required to suspend a site (RED) */
  reason?: string | null | undefined;
  /** Required for YELLOW only: at most 6 months ahead */
  remediationDeadline?: string | null | undefined;
  siteId: string;
  to: MineSiteStatus;
};

export type ChangeWebhookEndpointInput = {
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  description?: string | null | undefined;
  endpointId: string;
  /** Integration event types (see webhookEventTypes) */
  eventTypes: Array<string>;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  /** Only events placed in these provinces */
  provinces?: Array<WebhookProvince> | null | undefined;
  /** Only events placed at these mine sites (registry codes) */
  siteCodes?: Array<string> | null | undefined;
  /** Where to POST: an absolute https (or http) URL */
  url: string;
};

/** Signs of child labour at a mine site (ILO C138 and C182) */
export type ChildLabourFlag =
  | 'CHILD_ASSOCIATED_WITH_ARMED_GROUP'
  | 'CHILD_AT_SITE_UNDER_15'
  | 'CHILD_IN_HAZARDOUS_WORK'
  | 'CHILD_NIGHT_WORK'
  | 'CHILD_OUT_OF_SCHOOL';

export type ClassifySiteIncidentInput = {
  /** The OECD Annex II risk; absent keeps the category the incident has (none at first) */
  category?: SiteIncidentCategory | null | undefined;
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  incidentId: string;
  /** 1 (most serious: OECD Annex II grade, e.g. forced labour) to 3 */
  level: number;
};

export type CloseAssistanceInput = {
  assistanceId: string;
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  /** Required for OTHER */
  note?: string | null | undefined;
  reason: AssistanceCloseReason;
};

export type CloseInvestigationInput = {
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  investigationId: string;
  /** Required when the reason is OTHER */
  note?: string | null | undefined;
  reason: InvestigationClosureReason;
};

export type CloseMeetingInput = {
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  meetingId: string;
};

export type CloseProsecutionInput = {
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  /** Required when the reason is OTHER */
  note?: string | null | undefined;
  prosecutionId: string;
  reason: ProsecutionCloseReason;
};

export type CloseSiteIncidentInput = {
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  incidentId: string;
  /** Published after closure: it must not identify anyone */
  summary: string;
};

export type CompleteActionPointInput = {
  actionPointId: string;
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  meetingId: string;
};

export type CompleteReferralInput = {
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  outcome: string;
  referralId: string;
};

export type CreateWebhookEndpointInput = {
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  description?: string | null | undefined;
  /** Integration event types (see webhookEventTypes) */
  eventTypes: Array<string>;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  /** Only events placed in these provinces */
  provinces?: Array<WebhookProvince> | null | undefined;
  /** Only events placed at these mine sites (registry codes) */
  siteCodes?: Array<string> | null | undefined;
  /** Where to POST: an absolute https (or http) URL */
  url: string;
};

/** Which province and which period the figures are about */
export type DashboardFilter = {
  /** From this instant (inclusive); from the start when absent */
  from?: string | null | undefined;
  /** Only what happened at mine sites of this province (by the site code); every province when absent */
  province?: Province | null | undefined;
  /** Until this instant (exclusive); until now when absent */
  to?: string | null | undefined;
};

export type DecideAppealInput = {
  appealId: string;
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** The appeal court's date; now when absent */
  decidedAt?: string | null | undefined;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  note?: string | null | undefined;
  outcome: ProsecutionAppealOutcome;
  prosecutionId: string;
};

export type DeclineReferralInput = {
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  reason: string;
  referralId: string;
};

export type ErasePersonalDataInput = {
  assistanceId: string;
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  reason: VictimDataErasureReason;
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

/** REFERRAL: a referral left unanswered; CASE_FILE: a case file left unacknowledged */
export type EscalationSubjectKind =
  | 'CASE_FILE'
  | 'REFERRAL';

export type ExploitationForm =
  | 'ARMED_GROUP_ASSOCIATION'
  | 'CHILD_LABOUR'
  | 'DOMESTIC_SERVITUDE'
  | 'FORCED_LABOUR'
  | 'OTHER'
  | 'SEXUAL_EXPLOITATION';

/** The purpose element: the form of exploitation (Palermo Protocol art. 3(a)) */
export type ExploitationPurpose =
  | 'ARMED_GROUP_RECRUITMENT'
  | 'CHILD_LABOUR_WORST_FORMS'
  | 'FORCED_LABOUR'
  | 'ORGAN_REMOVAL'
  | 'OTHER'
  | 'SEXUAL_EXPLOITATION'
  | 'SLAVERY_OR_SERVITUDE';

export type FileAppealInput = {
  /** Optional; derived from the command id when absent */
  appealId?: string | null | undefined;
  by: ProsecutionAppealParty;
  chargeId: string;
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  /** When the appeal was lodged; now when absent */
  filedAt?: string | null | undefined;
  prosecutionId: string;
};

export type FileChargesInput = {
  /** Optional; derived from the command id when absent */
  chargeId?: string | null | undefined;
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  /** e.g. "Code pénal, art. 174j (loi du 26 octobre 2022)" */
  legalBasis: string;
  offence: ProsecutionOffence;
  prosecutionId: string;
  /** A suspect listed in the case file */
  suspectId: string;
};

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

export type IdentifySuspectInput = {
  alias?: string | null | undefined;
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  description?: string | null | undefined;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  investigationId: string;
  personal?: InvestigationSuspectPersonalInput | null | undefined;
  role: InvestigationSuspectRole;
  /** Optional; derived from the command id when absent */
  suspectId?: string | null | undefined;
};

export type ImposeSentenceInput = {
  chargeId: string;
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  fine?: ProsecutionFineInput | null | undefined;
  imprisonmentMonths?: number;
  otherMeasures?: string | null | undefined;
  prosecutionId: string;
};

export type InvestigationClosureReason =
  | 'INSUFFICIENT_EVIDENCE'
  | 'MERGED'
  | 'OTHER'
  | 'TRANSMITTED_TO_PROSECUTOR'
  | 'VICTIM_WITHDREW';

export type InvestigationCustodianInput = {
  agencyId: string;
  officerId: string;
};

export type InvestigationEvidenceKind =
  | 'AUDIO'
  | 'DIGITAL'
  | 'DOCUMENT'
  | 'PHOTO'
  | 'PHYSICAL'
  | 'TESTIMONY_RECORD'
  | 'VIDEO';

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

/** Personal data: readable by police and prosecutors only, encrypted once the access policy lands */
export type InvestigationSuspectPersonalInput = {
  /** YYYY-MM-DD */
  dateOfBirth?: string | null | undefined;
  name?: string | null | undefined;
};

/** Role in the trafficking process */
export type InvestigationSuspectRole =
  | 'EXPLOITER'
  | 'FINANCIER'
  | 'HARBOURER'
  | 'OTHER'
  | 'RECRUITER'
  | 'TRANSPORTER';

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

export type MeetingActionPointStatus =
  | 'COMPLETED'
  | 'OPEN';

/** The language a meeting is held and minuted in: FR French, SW Swahili, EN English */
export type MeetingLanguage =
  | 'EN'
  | 'FR'
  | 'SW';

export type MeetingListFilter = {
  /** The endCursor of the page before */
  after?: string | null | undefined;
  /** How many, 1 to 200 */
  first?: number | null | undefined;
  province?: MeetingProvince | null | undefined;
  siteCode?: string | null | undefined;
  /** Only meetings from now on, soonest first; otherwise all, latest first */
  upcoming?: boolean | null | undefined;
};

/** NK North Kivu, SK South Kivu (the prefixes of mine-site registry codes) */
export type MeetingProvince =
  | 'NK'
  | 'SK';

export type MeetingStatus =
  | 'CLOSED'
  | 'SCHEDULED';

/** REFERRAL: a referral named the site's code; INCIDENT: an incident at the site was reported in the case */
export type MineSiteCaseLink =
  | 'INCIDENT'
  | 'REFERRAL';

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

export type MineSiteMineral =
  | 'CASSITERITE'
  | 'COLTAN'
  | 'GOLD'
  | 'WOLFRAMITE';

export type MineSiteProvince =
  | 'NORTH_KIVU'
  | 'SOUTH_KIVU';

/** What an inspection may recommend (it ends the unverified BLUE status) */
export type MineSiteRecommendedStatus =
  | 'GREEN'
  | 'RED'
  | 'YELLOW';

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

/** What happened at a site: registry facts, incidents, and joint cases linked to the site */
export type MineSiteTimelineKind =
  | 'CASE_LINKED'
  | 'INCIDENT_CLASSIFIED'
  | 'INCIDENT_CLOSED'
  | 'INCIDENT_REPORTED'
  | 'INSPECTED'
  | 'REGISTERED'
  | 'STATUS_CHANGED';

export type MyActionPointsFilter = {
  /** The endCursor of the page before */
  after?: string | null | undefined;
  /** Only those due before this instant */
  dueBefore?: string | null | undefined;
  /** How many, 1 to 200 */
  first?: number | null | undefined;
  /** Only action points not yet completed */
  openOnly?: boolean | null | undefined;
};

export type OpenInvestigationInput = {
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  /** Optional; derived from the command id when absent */
  investigationId?: string | null | undefined;
  /** The joint case this investigation belongs to */
  jointCaseId: string;
  /** The officer (OPJ) leading the investigation */
  leadOfficerId: string;
  offences: Array<InvestigationOffence>;
  /** The accepted referral it answers; absent when opened on its own */
  referralId?: string | null | undefined;
  /** Mine site code, e.g. NK-MAS-014 */
  siteCode?: string | null | undefined;
};

export type OrderRestitutionInput = {
  amount: number;
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  currency: ProsecutionCurrency;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  note?: string | null | undefined;
  prosecutionId: string;
  /** Optional; derived from the command id when absent */
  restitutionId?: string | null | undefined;
  /** Opaque victim reference (letters, digits, . _ : -); never a name */
  victimRef: string;
};

/** How the appeal court disposed of an appeal */
export type ProsecutionAppealOutcome =
  | 'INADMISSIBLE'
  | 'OVERTURNED'
  | 'UPHELD'
  | 'VARIED'
  | 'WITHDRAWN';

export type ProsecutionAppealParty =
  | 'CIVIL_PARTY'
  | 'DEFENCE'
  | 'PROSECUTION';

export type ProsecutionCloseReason =
  | 'ADJUDICATED'
  | 'OTHER'
  | 'TRANSFERRED'
  | 'WITHDRAWN';

/** CDF or USD */
export type ProsecutionCurrency =
  | 'CDF'
  | 'USD';

export type ProsecutionFineInput = {
  amount: number;
  currency: ProsecutionCurrency;
};

export type ProsecutionListFilter = {
  /** The endCursor of the page before */
  after?: string | null | undefined;
  /** How many, 1 to 200 */
  first?: number | null | undefined;
  jointCaseId?: string | null | undefined;
  status?: ProsecutionStatus | null | undefined;
};

/** Offences of the penal code as amended by the anti-trafficking law of 26 October 2022 */
export type ProsecutionOffence =
  | 'CHILD_LABOUR_WORST_FORMS'
  | 'CHILD_RECRUITMENT_BY_ARMED_GROUP'
  | 'FORCED_LABOUR'
  | 'OTHER'
  | 'SEXUAL_EXPLOITATION'
  | 'TRAFFICKING_IN_PERSONS';

export type ProsecutionStatus =
  | 'ADJUDICATED'
  | 'CASE_FILE_RECEIVED'
  | 'CHARGED'
  | 'CLOSED'
  | 'IN_TRIAL';

export type ProsecutionSuspectInput = {
  /** Role as the case file records it, e.g. recruiter; never a name */
  role: string;
  suspectId: string;
};

export type ProsecutionVerdict =
  | 'ACQUITTED'
  | 'CONVICTED'
  | 'DISMISSED';

export type ProvideServiceInput = {
  assistanceId: string;
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  kind: AssistanceServiceKind;
  /** No names or other personal data */
  note?: string | null | undefined;
  /** When it was given (UTC); now when absent */
  providedAt?: string | null | undefined;
  /** The partner that gave it; your agency when absent */
  providerAgencyId?: string | null | undefined;
  /** Optional; derived from the command id when absent */
  serviceId?: string | null | undefined;
};

/** North Kivu or South Kivu */
export type Province =
  | 'NORTH_KIVU'
  | 'SOUTH_KIVU';

export type ReceiveCaseFileInput = {
  caseFileId: string;
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  /** The police agency that transmitted the case file */
  fromPoliceAgencyId: string;
  investigationId: string;
  /** The joint case the case file belongs to */
  jointCaseId: string;
  /** The suspects as listed in the case file */
  suspects: Array<ProsecutionSuspectInput>;
};

export type RecordActionPointInput = {
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** What is to be done. No names or other personal data. */
  description: string;
  /** Not in the past */
  dueBy: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  jointCaseId?: string | null | undefined;
  meetingId: string;
  ownerAgencyId: string;
  ownerAgencyType: AgencyType;
};

export type RecordArrestInput = {
  arrestedAt: string;
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  investigationId: string;
  /** The warrant or article the arrest rests on */
  legalBasis: string;
  location: string;
  suspectId: string;
};

export type RecordDecisionInput = {
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  jointCaseId?: string | null | undefined;
  meetingId: string;
  /** What was decided. No names or other personal data. */
  text: string;
};

export type RecordEvidenceCustodyTransferInput = {
  at: string;
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  evidenceId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  /** Who holds it now */
  from: InvestigationCustodianInput;
  investigationId: string;
  reason: string;
  to: InvestigationCustodianInput;
};

export type RecordEvidenceInput = {
  collectedAt: string;
  /** The collecting officer; you when absent */
  collectedBy?: string | null | undefined;
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  description: string;
  /** Optional; derived from the command id when absent */
  evidenceId?: string | null | undefined;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  investigationId: string;
  kind: InvestigationEvidenceKind;
  /** SHA-256 of the item or of its digital copy: 64 lower-case hex characters */
  sha256: string;
};

export type RecordHearingHeldInput = {
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  hearingId: string;
  /** When it was held; now when absent */
  heldAt?: string | null | undefined;
  outcome: string;
  prosecutionId: string;
};

export type RecordMineSiteInspectionInput = {
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  /** What was found. No names or other personal data. */
  findings: string;
  indicatorsObserved?: Array<string>;
  /** When the inspection took place (UTC) */
  inspectedAt: string;
  /** The inspecting team as named on its report */
  inspectingAgency: string;
  recommendedStatus: MineSiteRecommendedStatus;
  siteId: string;
};

export type RecordMinutesInput = {
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  meetingId: string;
  /** The whole minutes; a later record replaces an earlier one */
  text: string;
};

export type RecordReferralConsentInput = {
  agencyTypes: Array<AgencyType>;
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** Optional; derived from the command id when absent */
  consentId?: string | null | undefined;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  /** SHA-256 (lower-case hex) of the signed form; the form itself stays with your agency */
  formSha256?: string | null | undefined;
  givenBy: ReferralConsentGiver;
  /** How the person gave it */
  method?: ReferralConsentMethod | null | undefined;
  purposes: Array<ReferralConsentPurpose>;
  referralId: string;
};

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

export type RegisterMineSiteInput = {
  /** Registry code, e.g. NK-MAS-014; the site id is derived from it */
  code: string;
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  latitude: number;
  longitude: number;
  minerals: Array<MineSiteMineral>;
  name: string;
  province: MineSiteProvince;
  territory: MineSiteTerritory;
};

export type RegisterVictimInput = {
  ageGroup: VictimAgeGroup;
  /** HTCDS AgreementToManagePersonalData */
  agreementToManagePersonalData: boolean;
  /** Optional; derived from the command id when absent */
  assistanceId?: string | null | undefined;
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  consentGivenBy: VictimConsentGivenBy;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  formsOfExploitation: Array<ExploitationForm>;
  /** The joint case the victim belongs to */
  jointCaseId: string;
  /** ISO 3166-1 alpha-2, e.g. CD */
  nationality?: string | null | undefined;
  /** The person, as the referral that brought them names them (`subjectPersonId`): their consent then decides which other parties read this case, and your agency keeps it from now on */
  personId?: string | null | undefined;
  /** Only with the agreement to manage it */
  personal?: VictimPersonalInput | null | undefined;
  sex: VictimSex;
};

export type RenderVerdictInput = {
  chargeId: string;
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  prosecutionId: string;
  /** The date of the judgment; now when absent */
  renderedAt?: string | null | undefined;
  verdict: ProsecutionVerdict;
};

export type ReplayWebhookMessagesInput = {
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  endpointId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  /** Messages made from then (inclusive) */
  from: string;
  /** Until then (exclusive); at most 31 days after from */
  to: string;
};

export type ReportSiteIncidentInput = {
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** What was reported. Never the name of a whistle-blower. */
  description: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  /** Optional; derived from the command id when absent */
  incidentId?: string | null | undefined;
  /** The joint case this incident is handled in, if any */
  jointCaseId?: string | null | undefined;
  siteId: string;
  source: SiteIncidentSource;
};

export type RescheduleHearingInput = {
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** The court, when the hearing moves to another one */
  court?: string | null | undefined;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  hearingId: string;
  prosecutionId: string;
  /** Why the hearing moved, e.g. "renvoi à la demande de la défense" */
  reason: string;
  /** The new date (UTC); must be in the future */
  scheduledFor: string;
};

export type ResendWebhookMessageInput = {
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  endpointId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  messageId: string;
};

export type RevokeReferralInput = {
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  reason: string;
  referralId: string;
};

export type RotateWebhookSecretInput = {
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  endpointId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  /** How long the previous secret stays valid, in hours (0 to 168) */
  gracePeriodHours?: number | null | undefined;
};

export type ScheduleHearingInput = {
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  court: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  /** Optional; derived from the command id when absent */
  hearingId?: string | null | undefined;
  prosecutionId: string;
  purpose: string;
  /** When the hearing takes place (UTC); must be in the future */
  scheduledFor: string;
};

export type ScheduleMeetingInput = {
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  /** The language it is held and minuted in; French unless said */
  language?: MeetingLanguage;
  /** Optional; derived from the command id when absent */
  meetingId?: string | null | undefined;
  participantAgencyIds?: Array<string>;
  participantAgencyTypes?: Array<AgencyType>;
  province: MeetingProvince;
  /** When the meeting takes place (UTC) */
  scheduledFor: string;
  /** A mine site of the province, e.g. NK-MAS-014 */
  siteCode?: string | null | undefined;
  title: string;
};

/** The OECD Due Diligence Guidance Annex II risk of an incident: the serious abuses of paragraph 1 one by one, then armed groups (3), security forces (5), bribery and fraud (11), money laundering (13), taxes (15); OTHER: none */
export type SiteIncidentCategory =
  | 'BRIBERY_FRAUDULENT_MISREPRESENTATION'
  | 'FORCED_LABOUR'
  | 'GROSS_HUMAN_RIGHTS_VIOLATIONS'
  | 'MONEY_LAUNDERING'
  | 'NON_STATE_ARMED_GROUPS'
  | 'OTHER'
  | 'PUBLIC_PRIVATE_SECURITY_FORCES'
  | 'TAXES_FEES_ROYALTIES'
  | 'TORTURE_CRUEL_INHUMAN_TREATMENT'
  | 'WAR_CRIMES_CRIMES_AGAINST_HUMANITY'
  | 'WORST_FORMS_OF_CHILD_LABOUR';

export type SiteIncidentFilter = {
  /** The endCursor of the page before */
  after?: string | null | undefined;
  /** How many, 1 to 200 */
  first?: number | null | undefined;
  /** Only incidents still open */
  openOnly?: boolean | null | undefined;
};

export type SiteIncidentSource =
  | 'CIVIL_SOCIETY'
  | 'FIELD_AGENT'
  | 'SMS'
  | 'WHISTLE_BLOWER';

export type SiteIncidentStatus =
  | 'CLOSED'
  | 'OPEN';

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

export type TransmitCaseFileInput = {
  /** Optional; derived from the command id when absent */
  caseFileId?: string | null | undefined;
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  /** When the office must have acknowledged receipt (UTC), at most 30 days ahead */
  dueBy: string;
  evidenceIds?: Array<string>;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  investigationId: string;
  summary: string;
  suspectIds: Array<string>;
  /** The prosecutor's office (Parquet) the case file goes to */
  toProsecutorOfficeId: string;
};

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

/** CHILD_* means under 18 */
export type VictimAgeGroup =
  | 'ADULT'
  | 'CHILD_15_17'
  | 'CHILD_UNDER_15'
  | 'UNKNOWN';

/** An adult consents for themselves; for a child a guardian or the child-protection authority decides */
export type VictimConsentGivenBy =
  | 'CHILD_PROTECTION_AUTHORITY'
  | 'GUARDIAN'
  | 'SELF';

/** LEGAL_REQUEST: the person's (or the law's) request; RETENTION_EXPIRED: the retention period ended */
export type VictimDataErasureReason =
  | 'LEGAL_REQUEST'
  | 'RETENTION_EXPIRED';

/** Personal data: encrypted per person and never shared in clear; only the assisting agency reads it */
export type VictimPersonalInput = {
  currentLocation?: string | null | undefined;
  /** YYYY-MM-DD */
  dateOfBirth?: string | null | undefined;
  fullName: string;
  phone?: string | null | undefined;
};

export type VictimSex =
  | 'FEMALE'
  | 'MALE'
  | 'OTHER'
  | 'UNDISCLOSED';

/** BY_OWNER: you turned it off; GONE: it answered 410 Gone; FAILING: no delivery succeeded for 5 days */
export type WebhookDisableReason =
  | 'BY_OWNER'
  | 'FAILING'
  | 'GONE';

export type WebhookEndpointCommandInput = {
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  endpointId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
};

export type WebhookEndpointStatus =
  | 'DISABLED'
  | 'ENABLED';

/** PENDING: not yet delivered (waiting for its next attempt); DELIVERED: answered 2xx; FAILED: every attempt failed */
export type WebhookMessageState =
  | 'DELIVERED'
  | 'FAILED'
  | 'PENDING';

export type WebhookMessagesFilter = {
  /** The endCursor of the page before */
  after?: string | null | undefined;
  /** How many, 1 to 200 */
  first?: number | null | undefined;
  state?: WebhookMessageState | null | undefined;
};

export type WebhookProvince =
  | 'NORTH_KIVU'
  | 'SOUTH_KIVU';

export type WithdrawReferralConsentInput = {
  /** A UUID made by the client; retrying with the same id is safe */
  commandId: string;
  consentId: string;
  /** The revision you saw; if the aggregate changed since, CONFLICT */
  expectedRevision?: number | null | undefined;
  reason?: string | null | undefined;
  referralId: string;
};

export type ConsoleAgencyNameQueryVariables = Exact<{
  agencyId: string;
}>;


export type ConsoleAgencyNameQuery = { agency: { agencyId: string, name: string } };

export type ConsoleAssistanceCasesQueryVariables = Exact<{
  filter?: AssistanceCaseFilter | null | undefined;
}>;


export type ConsoleAssistanceCasesQuery = { assistanceCases: { nodes: Array<{ assistanceId: string, reference: string | null, jointCaseId: string, registeredAt: string, status: AssistanceStatus, isChild: boolean | null, ageGroup: VictimAgeGroup | null, needsOutstanding: Array<AssistanceNeed> | null, protectionMeasures: Array<{ measureId: string, measure: AssistanceProtectionMeasureKind, reviewBy: string, reviewDue: boolean }> | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleAssistanceCaseQueryVariables = Exact<{
  id: string;
}>;


export type ConsoleAssistanceCaseQuery = { assistanceCase: { assistanceId: string, reference: string | null, jointCaseId: string, revision: number, status: AssistanceStatus, registeredAt: string, updatedAt: string, assessedAt: string | null, closedAt: string | null, closeReason: AssistanceCloseReason | null, assistingAgencyId: string, ageGroup: VictimAgeGroup | null, isChild: boolean | null, sex: VictimSex | null, nationality: string | null, formsOfExploitation: Array<ExploitationForm> | null, agreementToManagePersonalData: boolean | null, consentGivenBy: VictimConsentGivenBy | null, needsOutstanding: Array<AssistanceNeed> | null, assistingAgency: { name: string } | null, needs: Array<{ need: AssistanceNeed, priority: AssistanceNeedPriority, met: boolean }> | null, protectionMeasures: Array<{ measureId: string, measure: AssistanceProtectionMeasureKind, appliedAt: string, reviewBy: string, reviewDue: boolean, consentGivenBy: VictimConsentGivenBy }> | null, services: Array<{ serviceId: string, kind: AssistanceServiceKind, providedAt: string, providerAgencyId: string, providerAgency: { name: string } | null }>, jointCase: { jointCaseId: string, reference: string | null, referrals: Array<{ referralId: string, reference: string | null, revision: number, status: ReferralStatus, fromAgencyId: string, toAgencyId: string, subjectIsChild: boolean | null, fromAgency: { name: string } | null, toAgency: { name: string } | null, consent: { active: boolean, withdrawn: boolean, agencyTypes: Array<AgencyType>, purposes: Array<ReferralConsentPurpose>, records: Array<{ consentId: string, givenBy: ReferralConsentGiver, agencyTypes: Array<AgencyType>, purposes: Array<ReferralConsentPurpose>, recordedAt: string, withdrawnAt: string | null }> } }> } } };

export type ConsoleAssistancePersonalQueryVariables = Exact<{
  id: string;
}>;


export type ConsoleAssistancePersonalQuery = { assistanceCase: { assistanceId: string, identity: { fullName: string, dateOfBirth: string | null, phone: string | null, currentLocation: string | null } | null, protectionMeasures: Array<{ measureId: string, description: string | null }> | null, services: Array<{ serviceId: string, note: string | null }> } };

export type ConsoleAssistanceAcceptedReferralsQueryVariables = Exact<{
  filter?: ReferralListFilter | null | undefined;
}>;


export type ConsoleAssistanceAcceptedReferralsQuery = { incomingReferrals: { nodes: Array<{ referralId: string, reference: string | null, jointCaseId: string | null, subjectPersonId: string, subjectIsChild: boolean | null, siteCode: string | null, submittedAt: string, fromAgencyId: string, fromAgency: { name: string } | null }> } };

export type ConsoleAssistanceAgenciesQueryVariables = Exact<{
  filter?: AgencyFilterInput | null | undefined;
}>;


export type ConsoleAssistanceAgenciesQuery = { agencies: Array<{ agencyId: string, name: string, agencyType: AgencyType }> };

export type ConsoleRegisterVictimMutationVariables = Exact<{
  input: RegisterVictimInput;
}>;


export type ConsoleRegisterVictimMutation = { registerVictim: { assistanceId: string, jointCaseId: string, status: AssistanceStatus, revision: number, replayed: boolean } };

export type ConsoleAssessNeedsMutationVariables = Exact<{
  input: AssessNeedsInput;
}>;


export type ConsoleAssessNeedsMutation = { assessNeeds: { assistanceId: string, status: AssistanceStatus, revision: number, replayed: boolean } };

export type ConsoleProvideServiceMutationVariables = Exact<{
  input: ProvideServiceInput;
}>;


export type ConsoleProvideServiceMutation = { provideService: { assistanceId: string, status: AssistanceStatus, revision: number, replayed: boolean } };

export type ConsoleApplyProtectionMeasureMutationVariables = Exact<{
  input: ApplyProtectionMeasureInput;
}>;


export type ConsoleApplyProtectionMeasureMutation = { applyProtectionMeasure: { assistanceId: string, status: AssistanceStatus, revision: number, replayed: boolean } };

export type ConsoleCloseAssistanceMutationVariables = Exact<{
  input: CloseAssistanceInput;
}>;


export type ConsoleCloseAssistanceMutation = { closeAssistance: { assistanceId: string, status: AssistanceStatus, revision: number, replayed: boolean } };

export type ConsoleErasePersonalDataMutationVariables = Exact<{
  input: ErasePersonalDataInput;
}>;


export type ConsoleErasePersonalDataMutation = { erasePersonalData: { assistanceId: string, status: AssistanceStatus, revision: number, replayed: boolean } };

export type ConsoleAssistanceRecordConsentMutationVariables = Exact<{
  input: RecordReferralConsentInput;
}>;


export type ConsoleAssistanceRecordConsentMutation = { recordConsent: { referralId: string, status: ReferralStatus, revision: number, replayed: boolean } };

export type ConsoleAssistanceWithdrawConsentMutationVariables = Exact<{
  input: WithdrawReferralConsentInput;
}>;


export type ConsoleAssistanceWithdrawConsentMutation = { withdrawConsent: { referralId: string, status: ReferralStatus, revision: number, replayed: boolean } };

export type ConsoleAuditEntriesQueryVariables = Exact<{
  filter?: AuditEntryFilter | null | undefined;
}>;


export type ConsoleAuditEntriesQuery = { auditEntries: { nodes: Array<{ id: string, at: string, action: AuditAction, operation: string, outcome: string, purpose: string | null, subjects: Array<string>, userId: string, agencyId: string, agencyType: string, roles: Array<string>, jointCaseId: string | null, agency: { name: string } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleAuditCaseByReferenceQueryVariables = Exact<{
  reference: string;
}>;


export type ConsoleAuditCaseByReferenceQuery = { caseByReference: { jointCaseId: string } };

export type ConsoleAuditAgenciesQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleAuditAgenciesQuery = { agencies: Array<{ agencyId: string, name: string, agencyType: AgencyType }> };

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

export type ConsoleDashboardCaseStagesQueryVariables = Exact<{
  filter?: DashboardFilter | null | undefined;
}>;


export type ConsoleDashboardCaseStagesQuery = { caseStageCounts: Array<{ stage: JointCaseStage, count: number }> };

export type ConsoleDashboardHandoffsQueryVariables = Exact<{
  filter?: DashboardFilter | null | undefined;
}>;


export type ConsoleDashboardHandoffsQuery = { handoffStatistics: { submitted: number, accepted: number, declined: number, open: number, overdue: number, acceptHoursMedian: number | null, acceptHoursP90: number | null, overdueByAgency: Array<{ agencyId: string, overdue: number, agency: { name: string } | null }> } };

export type ConsoleDashboardSitesQueryVariables = Exact<{
  filter?: DashboardFilter | null | undefined;
}>;


export type ConsoleDashboardSitesQuery = { mineSiteStatusCounts: Array<{ status: MineSiteStatus, count: number }> };

export type ConsoleInvestigationsListQueryVariables = Exact<{
  filter?: InvestigationListFilter | null | undefined;
}>;


export type ConsoleInvestigationsListQuery = { investigations: { nodes: Array<{ investigationId: string, reference: string | null, jointCaseId: string, referralId: string | null, siteCode: string | null, status: InvestigationStatus, offences: Array<InvestigationOffence>, openedAt: string, lastActivityAt: string, closedAt: string | null, closureReason: InvestigationClosureReason | null, leadOfficerId: string, evidenceCount: number, suspectCount: number, arrestCount: number, caseFileCount: number }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleInvestigationQueryVariables = Exact<{
  investigationId: string;
}>;


export type ConsoleInvestigationQuery = { investigation: { investigationId: string, reference: string | null, jointCaseId: string, referralId: string | null, siteCode: string | null, status: InvestigationStatus, revision: number, offences: Array<InvestigationOffence>, openedAt: string, lastActivityAt: string, closedAt: string | null, closureReason: InvestigationClosureReason | null, closureNote: string | null, leadAgencyId: string, leadOfficerId: string, leadAgency: { name: string } | null, evidence: Array<{ evidenceId: string, kind: InvestigationEvidenceKind, description: string, sha256: string, collectedAt: string, collectedBy: string, custodian: { agencyId: string, officerId: string, agency: { name: string } | null }, custodyChain: Array<{ at: string, reason: string | null, from: { agencyId: string, officerId: string, agency: { name: string } | null } | null, to: { agencyId: string, officerId: string, agency: { name: string } | null } }> }>, suspects: Array<{ suspectId: string, role: InvestigationSuspectRole, alias: string | null, description: string | null, name: string | null, dateOfBirth: string | null, identifiedAt: string }>, arrests: Array<{ suspectId: string, arrestedAt: string, location: string, legalBasis: string }>, caseFiles: Array<{ caseFileId: string, reference: string | null, toProsecutorOfficeId: string, status: CaseFileTransmissionStatus, transmittedAt: string, dueBy: string, overdue: boolean, acknowledgedAt: string | null, summary: string, suspectIds: Array<string>, evidenceIds: Array<string> }> } };

export type ConsoleInvestigationCaseQueryVariables = Exact<{
  jointCaseId: string;
}>;


export type ConsoleInvestigationCaseQuery = { case: { jointCaseId: string, reference: string | null } };

export type ConsoleInvestigationReferralQueryVariables = Exact<{
  referralId: string;
}>;


export type ConsoleInvestigationReferralQuery = { referral: { referralId: string, reference: string | null, jointCaseId: string | null, status: ReferralStatus, siteCode: string | null, toAgencyId: string, fromAgencyId: string, indicators: Array<ForcedLabourIndicator>, childLabourFlags: Array<ChildLabourFlag>, fromAgency: { name: string } | null } };

export type ConsoleOpenInvestigationMutationVariables = Exact<{
  input: OpenInvestigationInput;
}>;


export type ConsoleOpenInvestigationMutation = { openInvestigation: { investigationId: string, jointCaseId: string, status: InvestigationStatus, revision: number, replayed: boolean } };

export type ConsoleRecordEvidenceMutationVariables = Exact<{
  input: RecordEvidenceInput;
}>;


export type ConsoleRecordEvidenceMutation = { recordEvidence: { investigationId: string, evidenceId: string | null, status: InvestigationStatus, revision: number, replayed: boolean } };

export type ConsoleRecordEvidenceCustodyTransferMutationVariables = Exact<{
  input: RecordEvidenceCustodyTransferInput;
}>;


export type ConsoleRecordEvidenceCustodyTransferMutation = { recordEvidenceCustodyTransfer: { investigationId: string, evidenceId: string | null, status: InvestigationStatus, revision: number, replayed: boolean } };

export type ConsoleIdentifySuspectMutationVariables = Exact<{
  input: IdentifySuspectInput;
}>;


export type ConsoleIdentifySuspectMutation = { identifySuspect: { investigationId: string, suspectId: string | null, status: InvestigationStatus, revision: number, replayed: boolean } };

export type ConsoleRecordArrestMutationVariables = Exact<{
  input: RecordArrestInput;
}>;


export type ConsoleRecordArrestMutation = { recordArrest: { investigationId: string, suspectId: string | null, status: InvestigationStatus, revision: number, replayed: boolean } };

export type ConsoleTransmitCaseFileMutationVariables = Exact<{
  input: TransmitCaseFileInput;
}>;


export type ConsoleTransmitCaseFileMutation = { transmitCaseFile: { investigationId: string, caseFileId: string | null, status: InvestigationStatus, revision: number, replayed: boolean } };

export type ConsoleCloseInvestigationMutationVariables = Exact<{
  input: CloseInvestigationInput;
}>;


export type ConsoleCloseInvestigationMutation = { closeInvestigation: { investigationId: string, status: InvestigationStatus, revision: number, replayed: boolean } };

export type ConsoleMeetingDeclineReasonQueryVariables = Exact<{
  referralId: string;
}>;


export type ConsoleMeetingDeclineReasonQuery = { referral: { referralId: string, status: ReferralStatus, statusReason: string | null } };

export type ConsoleMeetingsQueryVariables = Exact<{
  filter?: MeetingListFilter | null | undefined;
}>;


export type ConsoleMeetingsQuery = { meetings: { nodes: Array<{ meetingId: string, title: string, language: MeetingLanguage, province: MeetingProvince, siteCode: string | null, scheduledFor: string, status: MeetingStatus, participantAgencyIds: Array<string>, participantAgencies: Array<{ agencyId: string, name: string }> | null }> } };

export type ConsoleMeetingQueryVariables = Exact<{
  meetingId: string;
}>;


export type ConsoleMeetingQuery = { meeting: { meetingId: string, title: string, language: MeetingLanguage, province: MeetingProvince, siteCode: string | null, scheduledFor: string, status: MeetingStatus, revision: number, closedAt: string | null, scheduledByAgencyId: string, participantAgencyIds: Array<string>, participantAgencyTypes: Array<AgencyType>, scheduledByAgency: { name: string } | null, participantAgencies: Array<{ agencyId: string, name: string }> | null, decisions: Array<{ decisionId: string, jointCaseId: string | null, caseReference: string | null, recordedAt: string, text: string, recordedByAgencyId: string, recordedByAgency: { name: string } | null }>, actionPoints: Array<{ actionPointId: string, meetingId: string, description: string, dueBy: string, overdue: boolean, status: MeetingActionPointStatus, jointCaseId: string | null, caseReference: string | null, ownerAgencyId: string, ownerAgencyType: AgencyType, completedAt: string | null, completedByAgencyId: string | null, ownerAgency: { name: string } | null, completedByAgency: { name: string } | null }>, minutes: { text: string, recordedAt: string, recordedByAgencyId: string, recordedByAgency: { name: string } | null } | null, agenda: { asOf: string, since: string, previousMeetingId: string | null, overdueHandoffs: Array<{ referralId: string, reference: string | null, jointCaseId: string | null, caseReference: string | null, siteCode: string, siteName: string | null, dueBy: string, submittedAt: string, fromAgencyId: string, toAgencyId: string, toAgencyType: string, fromAgency: { name: string } | null, toAgency: { name: string } | null }>, declinedHandoffs: Array<{ referralId: string, reference: string | null, jointCaseId: string | null, caseReference: string | null, siteCode: string, siteName: string | null, dueBy: string, declinedAt: string | null, submittedAt: string, fromAgencyId: string, toAgencyId: string, toAgencyType: string, fromAgency: { name: string } | null, toAgency: { name: string } | null }>, missedDeadlines: Array<{ escalationId: string, subjectKind: EscalationSubjectKind, subjectReference: string | null, jointCaseId: string | null, caseReference: string | null, siteCode: string, siteName: string | null, agencyId: string | null, dueBy: string | null, missedAt: string, agency: { name: string } | null }>, siteStatusChanges: Array<{ siteId: string, siteCode: string, siteName: string | null, from: string, to: string, changedAt: string, byAgencyId: string, byAgency: { name: string } | null }>, levelOneIncidents: Array<{ incidentId: string, siteId: string, siteCode: string, siteName: string | null, jointCaseId: string | null, caseReference: string | null, reportedAt: string, classifiedAt: string, open: boolean }>, upcomingHearings: Array<{ hearingId: string, prosecutionId: string, prosecutionReference: string | null, jointCaseId: string | null, caseReference: string | null, siteCode: string, siteName: string | null, court: string, scheduledFor: string }>, suspendedAgencyHandoffs: Array<{ referralId: string, reference: string | null, jointCaseId: string | null, caseReference: string | null, siteCode: string, siteName: string | null, dueBy: string, declinedAt: string | null, submittedAt: string, fromAgencyId: string, toAgencyId: string, toAgencyType: string, suspendedAgencyId: string, fromAgency: { name: string } | null, toAgency: { name: string } | null, suspendedAgency: { name: string } | null }>, openActionPoints: Array<{ actionPointId: string, meetingId: string, description: string, dueBy: string, overdue: boolean, status: MeetingActionPointStatus, jointCaseId: string | null, caseReference: string | null, ownerAgencyId: string, ownerAgencyType: AgencyType, recordedAt: string, ownerAgency: { name: string } | null }> } } };

export type ConsoleMyActionPointsQueryVariables = Exact<{
  filter?: MyActionPointsFilter | null | undefined;
}>;


export type ConsoleMyActionPointsQuery = { myActionPoints: { nodes: Array<{ actionPointId: string, meetingId: string, description: string, dueBy: string, overdue: boolean, status: MeetingActionPointStatus, jointCaseId: string | null, caseReference: string | null, ownerAgencyId: string, ownerAgencyType: AgencyType, completedAt: string | null, ownerAgency: { name: string } | null }> } };

export type ConsoleMeetingAgenciesQueryVariables = Exact<{
  filter?: AgencyFilterInput | null | undefined;
}>;


export type ConsoleMeetingAgenciesQuery = { agencies: Array<{ agencyId: string, name: string, agencyType: AgencyType, province: Province | null, status: AgencyStatus }> };

export type ConsoleScheduleMeetingMutationVariables = Exact<{
  input: ScheduleMeetingInput;
}>;


export type ConsoleScheduleMeetingMutation = { scheduleMeeting: { meetingId: string, revision: number, status: MeetingStatus, replayed: boolean } };

export type ConsoleRecordDecisionMutationVariables = Exact<{
  input: RecordDecisionInput;
}>;


export type ConsoleRecordDecisionMutation = { recordDecision: { meetingId: string, itemId: string | null, revision: number, status: MeetingStatus, replayed: boolean } };

export type ConsoleRecordActionPointMutationVariables = Exact<{
  input: RecordActionPointInput;
}>;


export type ConsoleRecordActionPointMutation = { recordActionPoint: { meetingId: string, itemId: string | null, revision: number, status: MeetingStatus, replayed: boolean } };

export type ConsoleCompleteActionPointMutationVariables = Exact<{
  input: CompleteActionPointInput;
}>;


export type ConsoleCompleteActionPointMutation = { completeActionPoint: { meetingId: string, itemId: string | null, revision: number, status: MeetingStatus, replayed: boolean } };

export type ConsoleRecordMinutesMutationVariables = Exact<{
  input: RecordMinutesInput;
}>;


export type ConsoleRecordMinutesMutation = { recordMinutes: { meetingId: string, revision: number, status: MeetingStatus, replayed: boolean } };

export type ConsoleCloseMeetingMutationVariables = Exact<{
  input: CloseMeetingInput;
}>;


export type ConsoleCloseMeetingMutation = { closeMeeting: { meetingId: string, revision: number, status: MeetingStatus, replayed: boolean } };

export type ConsoleProsecutionIncomingCaseFilesQueryVariables = Exact<{
  filter?: CaseFileListFilter | null | undefined;
}>;


export type ConsoleProsecutionIncomingCaseFilesQuery = { incomingCaseFiles: { nodes: Array<{ caseFileId: string, reference: string | null, jointCaseId: string, investigationId: string, fromAgencyId: string, toProsecutorOfficeId: string, transmittedAt: string, dueBy: string, overdue: boolean, status: CaseFileTransmissionStatus, acknowledgedAt: string | null, deadlineMissedAt: string | null, summary: string, suspectIds: Array<string>, evidenceIds: Array<string>, fromAgency: { name: string } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleProsecutionCaseFileSuspectsQueryVariables = Exact<{
  investigationId: string;
}>;


export type ConsoleProsecutionCaseFileSuspectsQuery = { investigation: { investigationId: string, reference: string | null, suspects: Array<{ suspectId: string, role: InvestigationSuspectRole, alias: string | null }> } };

export type ConsoleProsecutionsQueryVariables = Exact<{
  filter?: ProsecutionListFilter | null | undefined;
}>;


export type ConsoleProsecutionsQuery = { prosecutions: { nodes: Array<{ prosecutionId: string, reference: string | null, jointCaseId: string, status: ProsecutionStatus, receivedAt: string, updatedAt: string, fromPoliceAgencyId: string, chargeCount: number, hearingCount: number, hearingsHeldCount: number, verdictCount: number, convictionCount: number, closedAt: string | null, closeReason: ProsecutionCloseReason | null, fromPoliceAgency: { name: string } | null, jointCase: { jointCaseId: string, reference: string | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleProsecutionQueryVariables = Exact<{
  prosecutionId: string;
}>;


export type ConsoleProsecutionQuery = { prosecution: { prosecutionId: string, reference: string | null, revision: number, status: ProsecutionStatus, caseFileId: string, investigationId: string, jointCaseId: string, officeAgencyId: string, fromPoliceAgencyId: string, receivedAt: string, updatedAt: string, closedAt: string | null, closeReason: ProsecutionCloseReason | null, closeNote: string | null, jointCase: { jointCaseId: string, reference: string | null, siteCode: string | null, stage: JointCaseStage }, officeAgency: { name: string } | null, fromPoliceAgency: { name: string } | null, suspects: Array<{ suspectId: string, role: string }>, charges: Array<{ chargeId: string, suspectId: string, offence: ProsecutionOffence, legalBasis: string, filedAt: string, verdict: ProsecutionVerdict | null, verdictRenderedAt: string | null, sentence: { imprisonmentMonths: number, fineAmount: number | null, fineCurrency: ProsecutionCurrency | null, otherMeasures: string | null, imposedAt: string } | null }>, hearings: Array<{ hearingId: string, prosecutionId: string, jointCaseId: string, reference: string | null, court: string, purpose: string, scheduledFor: string, heldAt: string | null, outcome: string | null, cancelledAt: string | null, cancelReason: string | null, outcomeOverdueAt: string | null, rescheduleCount: number }>, restitutions: Array<{ restitutionId: string, victimRef: string, amount: number, currency: ProsecutionCurrency, note: string | null, orderedAt: string }>, appeals: Array<{ appealId: string, chargeId: string, by: ProsecutionAppealParty, filedAt: string, outcome: ProsecutionAppealOutcome | null, decidedAt: string | null }> } };

export type ConsoleProsecutionUpcomingHearingsQueryVariables = Exact<{
  filter?: UpcomingHearingsFilter | null | undefined;
}>;


export type ConsoleProsecutionUpcomingHearingsQuery = { upcomingHearings: { nodes: Array<{ hearingId: string, prosecutionId: string, jointCaseId: string, reference: string | null, court: string, purpose: string, scheduledFor: string, heldAt: string | null, outcome: string | null, cancelledAt: string | null, cancelReason: string | null, outcomeOverdueAt: string | null, rescheduleCount: number }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleReceiveCaseFileMutationVariables = Exact<{
  input: ReceiveCaseFileInput;
}>;


export type ConsoleReceiveCaseFileMutation = { receiveCaseFile: { prosecutionId: string, jointCaseId: string, status: ProsecutionStatus, revision: number, replayed: boolean } };

export type ConsoleFileChargesMutationVariables = Exact<{
  input: FileChargesInput;
}>;


export type ConsoleFileChargesMutation = { fileCharges: { prosecutionId: string, itemId: string | null, status: ProsecutionStatus, revision: number, replayed: boolean } };

export type ConsoleScheduleHearingMutationVariables = Exact<{
  input: ScheduleHearingInput;
}>;


export type ConsoleScheduleHearingMutation = { scheduleHearing: { prosecutionId: string, itemId: string | null, status: ProsecutionStatus, revision: number, replayed: boolean } };

export type ConsoleRescheduleHearingMutationVariables = Exact<{
  input: RescheduleHearingInput;
}>;


export type ConsoleRescheduleHearingMutation = { rescheduleHearing: { prosecutionId: string, itemId: string | null, status: ProsecutionStatus, revision: number, replayed: boolean } };

export type ConsoleCancelHearingMutationVariables = Exact<{
  input: CancelHearingInput;
}>;


export type ConsoleCancelHearingMutation = { cancelHearing: { prosecutionId: string, itemId: string | null, status: ProsecutionStatus, revision: number, replayed: boolean } };

export type ConsoleRecordHearingHeldMutationVariables = Exact<{
  input: RecordHearingHeldInput;
}>;


export type ConsoleRecordHearingHeldMutation = { recordHearingHeld: { prosecutionId: string, itemId: string | null, status: ProsecutionStatus, revision: number, replayed: boolean } };

export type ConsoleRenderVerdictMutationVariables = Exact<{
  input: RenderVerdictInput;
}>;


export type ConsoleRenderVerdictMutation = { renderVerdict: { prosecutionId: string, itemId: string | null, status: ProsecutionStatus, revision: number, replayed: boolean } };

export type ConsoleImposeSentenceMutationVariables = Exact<{
  input: ImposeSentenceInput;
}>;


export type ConsoleImposeSentenceMutation = { imposeSentence: { prosecutionId: string, itemId: string | null, status: ProsecutionStatus, revision: number, replayed: boolean } };

export type ConsoleOrderRestitutionMutationVariables = Exact<{
  input: OrderRestitutionInput;
}>;


export type ConsoleOrderRestitutionMutation = { orderRestitution: { prosecutionId: string, itemId: string | null, status: ProsecutionStatus, revision: number, replayed: boolean } };

export type ConsoleFileAppealMutationVariables = Exact<{
  input: FileAppealInput;
}>;


export type ConsoleFileAppealMutation = { fileAppeal: { prosecutionId: string, itemId: string | null, status: ProsecutionStatus, revision: number, replayed: boolean } };

export type ConsoleDecideAppealMutationVariables = Exact<{
  input: DecideAppealInput;
}>;


export type ConsoleDecideAppealMutation = { decideAppeal: { prosecutionId: string, itemId: string | null, status: ProsecutionStatus, revision: number, replayed: boolean } };

export type ConsoleCloseProsecutionMutationVariables = Exact<{
  input: CloseProsecutionInput;
}>;


export type ConsoleCloseProsecutionMutation = { closeProsecution: { prosecutionId: string, itemId: string | null, status: ProsecutionStatus, revision: number, replayed: boolean } };

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


export type ConsoleReferralQuery = { referral: { referralId: string, reference: string | null, jointCaseId: string | null, status: ReferralStatus, revision: number, urgency: Urgency, dueBy: string, overdue: boolean, deadlineMissed: boolean, submittedAt: string, answeredAt: string | null, closedAt: string | null, updatedAt: string, statusReason: string | null, fromAgencyId: string, fromAgencyType: AgencyType, toAgencyId: string, toAgencyType: AgencyType, siteCode: string | null, siteDescription: string | null, subjectIsChild: boolean | null, subjectPersonId: string, childProtectionBasis: boolean, indicators: Array<ForcedLabourIndicator>, childLabourFlags: Array<ChildLabourFlag>, summary: string, fromAgency: { name: string } | null, toAgency: { name: string } | null, consent: { active: boolean, withdrawn: boolean, agencyTypes: Array<AgencyType>, purposes: Array<ReferralConsentPurpose>, records: Array<{ consentId: string, givenBy: ReferralConsentGiver, agencyTypes: Array<AgencyType>, purposes: Array<ReferralConsentPurpose>, recordedAt: string, withdrawnAt: string | null }> }, screening: { acts: Array<TraffickingAct>, means: Array<TraffickingMeans>, purposes: Array<ExploitationPurpose>, personIsChild: boolean, meansRequired: boolean, result: TraffickingScreeningResult, assessedAt: string, byAgencyId: string, byAgency: { name: string } | null } | null } };

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

export type ConsoleSitesRegistryQueryVariables = Exact<{
  filter?: MineSiteListFilter | null | undefined;
}>;


export type ConsoleSitesRegistryQuery = { mineSites: { nodes: Array<{ siteId: string, code: string, name: string, province: MineSiteProvince, territory: MineSiteTerritory, minerals: Array<MineSiteMineral>, latitude: number, longitude: number, status: MineSiteStatus, openIncidentCount: number, highestOpenIncidentLevel: number | null, remediationDeadline: string | null, remediationOverdue: boolean }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleSiteQueryVariables = Exact<{
  code: string;
}>;


export type ConsoleSiteQuery = { mineSite: { siteId: string, code: string, name: string, province: MineSiteProvince, territory: MineSiteTerritory, minerals: Array<MineSiteMineral>, latitude: number, longitude: number, status: MineSiteStatus, statusReason: string | null, statusChangedAt: string | null, remediationDeadline: string | null, remediationOverdue: boolean, revision: number, registeredAt: string, registeredByAgencyId: string, openIncidentCount: number, highestOpenIncidentLevel: number | null, caseCount: number, registeredByAgency: { name: string } | null, lastInspection: { inspectedAt: string, inspectingAgency: string, findings: string, indicatorsObserved: Array<string>, recommendedStatus: MineSiteRecommendedStatus, recordedByAgencyId: string, recordedByAgency: { name: string } | null } | null, cases: { nodes: Array<{ jointCaseId: string, reference: string | null, linkedVia: MineSiteCaseLink, firstLinkedAt: string, lastActivityAt: string }> }, timeline: { nodes: Array<{ kind: MineSiteTimelineKind, occurredAt: string, agencyId: string, agencyType: AgencyType, fromStatus: MineSiteStatus | null, toStatus: MineSiteStatus | null, level: number | null, linkedVia: MineSiteCaseLink | null, incidentId: string | null, jointCaseId: string | null, agency: { name: string } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } };

export type ConsoleSiteTimelineQueryVariables = Exact<{
  code: string;
  after?: string | null | undefined;
}>;


export type ConsoleSiteTimelineQuery = { mineSite: { siteId: string, timeline: { nodes: Array<{ kind: MineSiteTimelineKind, occurredAt: string, agencyId: string, agencyType: AgencyType, fromStatus: MineSiteStatus | null, toStatus: MineSiteStatus | null, level: number | null, linkedVia: MineSiteCaseLink | null, incidentId: string | null, jointCaseId: string | null, agency: { name: string } | null }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } };

export type ConsoleSiteIncidentsQueryVariables = Exact<{
  siteId: string;
  filter?: SiteIncidentFilter | null | undefined;
}>;


export type ConsoleSiteIncidentsQuery = { siteIncidents: { nodes: Array<{ incidentId: string, status: SiteIncidentStatus, source: SiteIncidentSource, level: number | null, description: string, summary: string | null, reportedAt: string, reportedByAgencyId: string, classifiedAt: string | null, closedAt: string | null, closeBy: string, overdue: boolean, jointCaseId: string | null, revision: number, reportedByAgency: { name: string } | null }>, pageInfo: { hasNextPage: boolean } } };

export type ConsoleRegisterMineSiteMutationVariables = Exact<{
  input: RegisterMineSiteInput;
}>;


export type ConsoleRegisterMineSiteMutation = { registerMineSite: { siteId: string, code: string, status: MineSiteStatus, revision: number, replayed: boolean } };

export type ConsoleRecordMineSiteInspectionMutationVariables = Exact<{
  input: RecordMineSiteInspectionInput;
}>;


export type ConsoleRecordMineSiteInspectionMutation = { recordMineSiteInspection: { siteId: string, code: string, status: MineSiteStatus, revision: number, replayed: boolean } };

export type ConsoleChangeMineSiteStatusMutationVariables = Exact<{
  input: ChangeMineSiteStatusInput;
}>;


export type ConsoleChangeMineSiteStatusMutation = { changeMineSiteStatus: { siteId: string, code: string, status: MineSiteStatus, revision: number, replayed: boolean } };

export type ConsoleReportSiteIncidentMutationVariables = Exact<{
  input: ReportSiteIncidentInput;
}>;


export type ConsoleReportSiteIncidentMutation = { reportSiteIncident: { incidentId: string, siteId: string, status: SiteIncidentStatus, level: number | null, revision: number, replayed: boolean } };

export type ConsoleClassifySiteIncidentMutationVariables = Exact<{
  input: ClassifySiteIncidentInput;
}>;


export type ConsoleClassifySiteIncidentMutation = { classifySiteIncident: { incidentId: string, siteId: string, status: SiteIncidentStatus, level: number | null, revision: number, replayed: boolean } };

export type ConsoleCloseSiteIncidentMutationVariables = Exact<{
  input: CloseSiteIncidentInput;
}>;


export type ConsoleCloseSiteIncidentMutation = { closeSiteIncident: { incidentId: string, siteId: string, status: SiteIncidentStatus, level: number | null, revision: number, replayed: boolean } };

export type ConsoleWebhookEventTypesQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleWebhookEventTypesQuery = { webhookEventTypes: Array<{ type: string, context: string, description: string }> };

export type ConsoleWebhookEndpointsQueryVariables = Exact<{ [key: string]: never; }>;


export type ConsoleWebhookEndpointsQuery = { webhookEndpoints: Array<{ endpointId: string, url: string, description: string | null, eventTypes: Array<string>, provinces: Array<WebhookProvince>, siteCodes: Array<string>, status: WebhookEndpointStatus, disabledReason: WebhookDisableReason | null, disabledDetail: string | null, disabledAt: string | null, failingSince: string | null, lastSuccessAt: string | null, pausedUntil: string | null, createdAt: string, revision: number }> };

export type ConsoleWebhookEndpointQueryVariables = Exact<{
  endpointId: string;
  filter?: WebhookMessagesFilter | null | undefined;
}>;


export type ConsoleWebhookEndpointQuery = { webhookEndpoint: { endpointId: string, url: string, description: string | null, eventTypes: Array<string>, provinces: Array<WebhookProvince>, siteCodes: Array<string>, status: WebhookEndpointStatus, disabledReason: WebhookDisableReason | null, disabledDetail: string | null, disabledAt: string | null, failingSince: string | null, lastSuccessAt: string | null, pausedUntil: string | null, createdAt: string, revision: number, secrets: Array<{ secretId: string, createdAt: string, validUntil: string | null }>, messages: { nodes: Array<{ messageId: string, eventId: string, eventType: string, createdAt: string, state: WebhookMessageState, attempts: number, nextAttemptAt: string | null, deliveredAt: string | null, replayOf: string | null, attemptLog: Array<{ attempt: number, attemptedAt: string, statusCode: number | null, error: string | null, durationMs: number }> }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } };

export type ConsoleCreateWebhookEndpointMutationVariables = Exact<{
  input: CreateWebhookEndpointInput;
}>;


export type ConsoleCreateWebhookEndpointMutation = { createWebhookEndpoint: { endpointId: string, status: WebhookEndpointStatus | null, revision: number, replayed: boolean, secret: string } };

export type ConsoleChangeWebhookEndpointMutationVariables = Exact<{
  input: ChangeWebhookEndpointInput;
}>;


export type ConsoleChangeWebhookEndpointMutation = { changeWebhookEndpoint: { endpointId: string, status: WebhookEndpointStatus | null, revision: number } };

export type ConsoleRotateWebhookSecretMutationVariables = Exact<{
  input: RotateWebhookSecretInput;
}>;


export type ConsoleRotateWebhookSecretMutation = { rotateWebhookSecret: { endpointId: string, revision: number, secret: string } };

export type ConsoleDisableWebhookEndpointMutationVariables = Exact<{
  input: WebhookEndpointCommandInput;
}>;


export type ConsoleDisableWebhookEndpointMutation = { disableWebhookEndpoint: { endpointId: string, status: WebhookEndpointStatus | null, revision: number } };

export type ConsoleEnableWebhookEndpointMutationVariables = Exact<{
  input: WebhookEndpointCommandInput;
}>;


export type ConsoleEnableWebhookEndpointMutation = { enableWebhookEndpoint: { endpointId: string, status: WebhookEndpointStatus | null, revision: number } };

export type ConsoleDeleteWebhookEndpointMutationVariables = Exact<{
  input: WebhookEndpointCommandInput;
}>;


export type ConsoleDeleteWebhookEndpointMutation = { deleteWebhookEndpoint: { endpointId: string, status: WebhookEndpointStatus | null, revision: number } };

export type ConsoleReplayWebhookMessagesMutationVariables = Exact<{
  input: ReplayWebhookMessagesInput;
}>;


export type ConsoleReplayWebhookMessagesMutation = { replayWebhookMessages: { endpointId: string, revision: number } };

export type ConsoleResendWebhookMessageMutationVariables = Exact<{
  input: ResendWebhookMessageInput;
}>;


export type ConsoleResendWebhookMessageMutation = { resendWebhookMessage: { endpointId: string, revision: number } };

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
export const ConsoleAssistanceCasesDocument = new TypedDocumentString(`
    query ConsoleAssistanceCases($filter: AssistanceCaseFilter) {
  assistanceCases(filter: $filter) {
    nodes {
      assistanceId
      reference
      jointCaseId
      registeredAt
      status
      isChild
      ageGroup
      needsOutstanding
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
    `) as unknown as TypedDocumentString<ConsoleAssistanceCasesQuery, ConsoleAssistanceCasesQueryVariables>;
export const ConsoleAssistanceCaseDocument = new TypedDocumentString(`
    query ConsoleAssistanceCase($id: ID!) {
  assistanceCase(id: $id) {
    assistanceId
    reference
    jointCaseId
    revision
    status
    registeredAt
    updatedAt
    assessedAt
    closedAt
    closeReason
    assistingAgencyId
    assistingAgency {
      name
    }
    ageGroup
    isChild
    sex
    nationality
    formsOfExploitation
    agreementToManagePersonalData
    consentGivenBy
    needs {
      need
      priority
      met
    }
    needsOutstanding
    protectionMeasures {
      measureId
      measure
      appliedAt
      reviewBy
      reviewDue
      consentGivenBy
    }
    services {
      serviceId
      kind
      providedAt
      providerAgencyId
      providerAgency {
        name
      }
    }
    jointCase {
      jointCaseId
      reference
      referrals {
        referralId
        reference
        revision
        status
        fromAgencyId
        fromAgency {
          name
        }
        toAgencyId
        toAgency {
          name
        }
        subjectIsChild
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
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleAssistanceCaseQuery, ConsoleAssistanceCaseQueryVariables>;
export const ConsoleAssistancePersonalDocument = new TypedDocumentString(`
    query ConsoleAssistancePersonal($id: ID!) {
  assistanceCase(id: $id) {
    assistanceId
    identity {
      fullName
      dateOfBirth
      phone
      currentLocation
    }
    protectionMeasures {
      measureId
      description
    }
    services {
      serviceId
      note
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleAssistancePersonalQuery, ConsoleAssistancePersonalQueryVariables>;
export const ConsoleAssistanceAcceptedReferralsDocument = new TypedDocumentString(`
    query ConsoleAssistanceAcceptedReferrals($filter: ReferralListFilter) {
  incomingReferrals(filter: $filter) {
    nodes {
      referralId
      reference
      jointCaseId
      subjectPersonId
      subjectIsChild
      siteCode
      submittedAt
      fromAgencyId
      fromAgency {
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleAssistanceAcceptedReferralsQuery, ConsoleAssistanceAcceptedReferralsQueryVariables>;
export const ConsoleAssistanceAgenciesDocument = new TypedDocumentString(`
    query ConsoleAssistanceAgencies($filter: AgencyFilterInput) {
  agencies(filter: $filter) {
    agencyId
    name
    agencyType
  }
}
    `) as unknown as TypedDocumentString<ConsoleAssistanceAgenciesQuery, ConsoleAssistanceAgenciesQueryVariables>;
export const ConsoleRegisterVictimDocument = new TypedDocumentString(`
    mutation ConsoleRegisterVictim($input: RegisterVictimInput!) {
  registerVictim(input: $input) {
    assistanceId
    jointCaseId
    status
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleRegisterVictimMutation, ConsoleRegisterVictimMutationVariables>;
export const ConsoleAssessNeedsDocument = new TypedDocumentString(`
    mutation ConsoleAssessNeeds($input: AssessNeedsInput!) {
  assessNeeds(input: $input) {
    assistanceId
    status
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleAssessNeedsMutation, ConsoleAssessNeedsMutationVariables>;
export const ConsoleProvideServiceDocument = new TypedDocumentString(`
    mutation ConsoleProvideService($input: ProvideServiceInput!) {
  provideService(input: $input) {
    assistanceId
    status
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleProvideServiceMutation, ConsoleProvideServiceMutationVariables>;
export const ConsoleApplyProtectionMeasureDocument = new TypedDocumentString(`
    mutation ConsoleApplyProtectionMeasure($input: ApplyProtectionMeasureInput!) {
  applyProtectionMeasure(input: $input) {
    assistanceId
    status
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleApplyProtectionMeasureMutation, ConsoleApplyProtectionMeasureMutationVariables>;
export const ConsoleCloseAssistanceDocument = new TypedDocumentString(`
    mutation ConsoleCloseAssistance($input: CloseAssistanceInput!) {
  closeAssistance(input: $input) {
    assistanceId
    status
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleCloseAssistanceMutation, ConsoleCloseAssistanceMutationVariables>;
export const ConsoleErasePersonalDataDocument = new TypedDocumentString(`
    mutation ConsoleErasePersonalData($input: ErasePersonalDataInput!) {
  erasePersonalData(input: $input) {
    assistanceId
    status
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleErasePersonalDataMutation, ConsoleErasePersonalDataMutationVariables>;
export const ConsoleAssistanceRecordConsentDocument = new TypedDocumentString(`
    mutation ConsoleAssistanceRecordConsent($input: RecordReferralConsentInput!) {
  recordConsent(input: $input) {
    referralId
    status
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleAssistanceRecordConsentMutation, ConsoleAssistanceRecordConsentMutationVariables>;
export const ConsoleAssistanceWithdrawConsentDocument = new TypedDocumentString(`
    mutation ConsoleAssistanceWithdrawConsent($input: WithdrawReferralConsentInput!) {
  withdrawConsent(input: $input) {
    referralId
    status
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleAssistanceWithdrawConsentMutation, ConsoleAssistanceWithdrawConsentMutationVariables>;
export const ConsoleAuditEntriesDocument = new TypedDocumentString(`
    query ConsoleAuditEntries($filter: AuditEntryFilter) {
  auditEntries(filter: $filter) {
    nodes {
      id
      at
      action
      operation
      outcome
      purpose
      subjects
      userId
      agencyId
      agencyType
      agency {
        name
      }
      roles
      jointCaseId
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleAuditEntriesQuery, ConsoleAuditEntriesQueryVariables>;
export const ConsoleAuditCaseByReferenceDocument = new TypedDocumentString(`
    query ConsoleAuditCaseByReference($reference: String!) {
  caseByReference(reference: $reference) {
    jointCaseId
  }
}
    `) as unknown as TypedDocumentString<ConsoleAuditCaseByReferenceQuery, ConsoleAuditCaseByReferenceQueryVariables>;
export const ConsoleAuditAgenciesDocument = new TypedDocumentString(`
    query ConsoleAuditAgencies {
  agencies {
    agencyId
    name
    agencyType
  }
}
    `) as unknown as TypedDocumentString<ConsoleAuditAgenciesQuery, ConsoleAuditAgenciesQueryVariables>;
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
export const ConsoleDashboardCaseStagesDocument = new TypedDocumentString(`
    query ConsoleDashboardCaseStages($filter: DashboardFilter) {
  caseStageCounts(filter: $filter) {
    stage
    count
  }
}
    `) as unknown as TypedDocumentString<ConsoleDashboardCaseStagesQuery, ConsoleDashboardCaseStagesQueryVariables>;
export const ConsoleDashboardHandoffsDocument = new TypedDocumentString(`
    query ConsoleDashboardHandoffs($filter: DashboardFilter) {
  handoffStatistics(filter: $filter) {
    submitted
    accepted
    declined
    open
    overdue
    acceptHoursMedian
    acceptHoursP90
    overdueByAgency {
      agencyId
      agency {
        name
      }
      overdue
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleDashboardHandoffsQuery, ConsoleDashboardHandoffsQueryVariables>;
export const ConsoleDashboardSitesDocument = new TypedDocumentString(`
    query ConsoleDashboardSites($filter: DashboardFilter) {
  mineSiteStatusCounts(filter: $filter) {
    status
    count
  }
}
    `) as unknown as TypedDocumentString<ConsoleDashboardSitesQuery, ConsoleDashboardSitesQueryVariables>;
export const ConsoleInvestigationsListDocument = new TypedDocumentString(`
    query ConsoleInvestigationsList($filter: InvestigationListFilter) {
  investigations(filter: $filter) {
    nodes {
      investigationId
      reference
      jointCaseId
      referralId
      siteCode
      status
      offences
      openedAt
      lastActivityAt
      closedAt
      closureReason
      leadOfficerId
      evidenceCount
      suspectCount
      arrestCount
      caseFileCount
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleInvestigationsListQuery, ConsoleInvestigationsListQueryVariables>;
export const ConsoleInvestigationDocument = new TypedDocumentString(`
    query ConsoleInvestigation($investigationId: ID!) {
  investigation(investigationId: $investigationId) {
    investigationId
    reference
    jointCaseId
    referralId
    siteCode
    status
    revision
    offences
    openedAt
    lastActivityAt
    closedAt
    closureReason
    closureNote
    leadAgencyId
    leadAgency {
      name
    }
    leadOfficerId
    evidence {
      evidenceId
      kind
      description
      sha256
      collectedAt
      collectedBy
      custodian {
        agencyId
        agency {
          name
        }
        officerId
      }
      custodyChain {
        at
        reason
        from {
          agencyId
          agency {
            name
          }
          officerId
        }
        to {
          agencyId
          agency {
            name
          }
          officerId
        }
      }
    }
    suspects {
      suspectId
      role
      alias
      description
      name
      dateOfBirth
      identifiedAt
    }
    arrests {
      suspectId
      arrestedAt
      location
      legalBasis
    }
    caseFiles {
      caseFileId
      reference
      toProsecutorOfficeId
      status
      transmittedAt
      dueBy
      overdue
      acknowledgedAt
      summary
      suspectIds
      evidenceIds
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleInvestigationQuery, ConsoleInvestigationQueryVariables>;
export const ConsoleInvestigationCaseDocument = new TypedDocumentString(`
    query ConsoleInvestigationCase($jointCaseId: ID!) {
  case(id: $jointCaseId) {
    jointCaseId
    reference
  }
}
    `) as unknown as TypedDocumentString<ConsoleInvestigationCaseQuery, ConsoleInvestigationCaseQueryVariables>;
export const ConsoleInvestigationReferralDocument = new TypedDocumentString(`
    query ConsoleInvestigationReferral($referralId: ID!) {
  referral(referralId: $referralId) {
    referralId
    reference
    jointCaseId
    status
    siteCode
    toAgencyId
    fromAgencyId
    fromAgency {
      name
    }
    indicators
    childLabourFlags
  }
}
    `) as unknown as TypedDocumentString<ConsoleInvestigationReferralQuery, ConsoleInvestigationReferralQueryVariables>;
export const ConsoleOpenInvestigationDocument = new TypedDocumentString(`
    mutation ConsoleOpenInvestigation($input: OpenInvestigationInput!) {
  openInvestigation(input: $input) {
    investigationId
    jointCaseId
    status
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleOpenInvestigationMutation, ConsoleOpenInvestigationMutationVariables>;
export const ConsoleRecordEvidenceDocument = new TypedDocumentString(`
    mutation ConsoleRecordEvidence($input: RecordEvidenceInput!) {
  recordEvidence(input: $input) {
    investigationId
    evidenceId
    status
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleRecordEvidenceMutation, ConsoleRecordEvidenceMutationVariables>;
export const ConsoleRecordEvidenceCustodyTransferDocument = new TypedDocumentString(`
    mutation ConsoleRecordEvidenceCustodyTransfer($input: RecordEvidenceCustodyTransferInput!) {
  recordEvidenceCustodyTransfer(input: $input) {
    investigationId
    evidenceId
    status
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleRecordEvidenceCustodyTransferMutation, ConsoleRecordEvidenceCustodyTransferMutationVariables>;
export const ConsoleIdentifySuspectDocument = new TypedDocumentString(`
    mutation ConsoleIdentifySuspect($input: IdentifySuspectInput!) {
  identifySuspect(input: $input) {
    investigationId
    suspectId
    status
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleIdentifySuspectMutation, ConsoleIdentifySuspectMutationVariables>;
export const ConsoleRecordArrestDocument = new TypedDocumentString(`
    mutation ConsoleRecordArrest($input: RecordArrestInput!) {
  recordArrest(input: $input) {
    investigationId
    suspectId
    status
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleRecordArrestMutation, ConsoleRecordArrestMutationVariables>;
export const ConsoleTransmitCaseFileDocument = new TypedDocumentString(`
    mutation ConsoleTransmitCaseFile($input: TransmitCaseFileInput!) {
  transmitCaseFile(input: $input) {
    investigationId
    caseFileId
    status
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleTransmitCaseFileMutation, ConsoleTransmitCaseFileMutationVariables>;
export const ConsoleCloseInvestigationDocument = new TypedDocumentString(`
    mutation ConsoleCloseInvestigation($input: CloseInvestigationInput!) {
  closeInvestigation(input: $input) {
    investigationId
    status
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleCloseInvestigationMutation, ConsoleCloseInvestigationMutationVariables>;
export const ConsoleMeetingDeclineReasonDocument = new TypedDocumentString(`
    query ConsoleMeetingDeclineReason($referralId: ID!) {
  referral(referralId: $referralId) {
    referralId
    status
    statusReason
  }
}
    `) as unknown as TypedDocumentString<ConsoleMeetingDeclineReasonQuery, ConsoleMeetingDeclineReasonQueryVariables>;
export const ConsoleMeetingsDocument = new TypedDocumentString(`
    query ConsoleMeetings($filter: MeetingListFilter) {
  meetings(filter: $filter) {
    nodes {
      meetingId
      title
      language
      province
      siteCode
      scheduledFor
      status
      participantAgencyIds
      participantAgencies {
        agencyId
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleMeetingsQuery, ConsoleMeetingsQueryVariables>;
export const ConsoleMeetingDocument = new TypedDocumentString(`
    query ConsoleMeeting($meetingId: ID!) {
  meeting(meetingId: $meetingId) {
    meetingId
    title
    language
    province
    siteCode
    scheduledFor
    status
    revision
    closedAt
    scheduledByAgencyId
    scheduledByAgency {
      name
    }
    participantAgencyIds
    participantAgencyTypes
    participantAgencies {
      agencyId
      name
    }
    decisions {
      decisionId
      jointCaseId
      caseReference
      recordedAt
      text
      recordedByAgencyId
      recordedByAgency {
        name
      }
    }
    actionPoints {
      actionPointId
      meetingId
      description
      dueBy
      overdue
      status
      jointCaseId
      caseReference
      ownerAgencyId
      ownerAgencyType
      ownerAgency {
        name
      }
      completedAt
      completedByAgencyId
      completedByAgency {
        name
      }
    }
    minutes {
      text
      recordedAt
      recordedByAgencyId
      recordedByAgency {
        name
      }
    }
    agenda {
      asOf
      since
      previousMeetingId
      overdueHandoffs {
        referralId
        reference
        jointCaseId
        caseReference
        siteCode
        siteName
        dueBy
        submittedAt
        fromAgencyId
        fromAgency {
          name
        }
        toAgencyId
        toAgencyType
        toAgency {
          name
        }
      }
      declinedHandoffs {
        referralId
        reference
        jointCaseId
        caseReference
        siteCode
        siteName
        dueBy
        declinedAt
        submittedAt
        fromAgencyId
        fromAgency {
          name
        }
        toAgencyId
        toAgencyType
        toAgency {
          name
        }
      }
      missedDeadlines {
        escalationId
        subjectKind
        subjectReference
        jointCaseId
        caseReference
        siteCode
        siteName
        agencyId
        agency {
          name
        }
        dueBy
        missedAt
      }
      siteStatusChanges {
        siteId
        siteCode
        siteName
        from
        to
        changedAt
        byAgencyId
        byAgency {
          name
        }
      }
      levelOneIncidents {
        incidentId
        siteId
        siteCode
        siteName
        jointCaseId
        caseReference
        reportedAt
        classifiedAt
        open
      }
      upcomingHearings {
        hearingId
        prosecutionId
        prosecutionReference
        jointCaseId
        caseReference
        siteCode
        siteName
        court
        scheduledFor
      }
      suspendedAgencyHandoffs {
        referralId
        reference
        jointCaseId
        caseReference
        siteCode
        siteName
        dueBy
        declinedAt
        submittedAt
        fromAgencyId
        fromAgency {
          name
        }
        toAgencyId
        toAgencyType
        toAgency {
          name
        }
        suspendedAgencyId
        suspendedAgency {
          name
        }
      }
      openActionPoints {
        actionPointId
        meetingId
        description
        dueBy
        overdue
        status
        jointCaseId
        caseReference
        ownerAgencyId
        ownerAgencyType
        ownerAgency {
          name
        }
        recordedAt
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleMeetingQuery, ConsoleMeetingQueryVariables>;
export const ConsoleMyActionPointsDocument = new TypedDocumentString(`
    query ConsoleMyActionPoints($filter: MyActionPointsFilter) {
  myActionPoints(filter: $filter) {
    nodes {
      actionPointId
      meetingId
      description
      dueBy
      overdue
      status
      jointCaseId
      caseReference
      ownerAgencyId
      ownerAgencyType
      ownerAgency {
        name
      }
      completedAt
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleMyActionPointsQuery, ConsoleMyActionPointsQueryVariables>;
export const ConsoleMeetingAgenciesDocument = new TypedDocumentString(`
    query ConsoleMeetingAgencies($filter: AgencyFilterInput) {
  agencies(filter: $filter) {
    agencyId
    name
    agencyType
    province
    status
  }
}
    `) as unknown as TypedDocumentString<ConsoleMeetingAgenciesQuery, ConsoleMeetingAgenciesQueryVariables>;
export const ConsoleScheduleMeetingDocument = new TypedDocumentString(`
    mutation ConsoleScheduleMeeting($input: ScheduleMeetingInput!) {
  scheduleMeeting(input: $input) {
    meetingId
    revision
    status
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleScheduleMeetingMutation, ConsoleScheduleMeetingMutationVariables>;
export const ConsoleRecordDecisionDocument = new TypedDocumentString(`
    mutation ConsoleRecordDecision($input: RecordDecisionInput!) {
  recordDecision(input: $input) {
    meetingId
    itemId
    revision
    status
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleRecordDecisionMutation, ConsoleRecordDecisionMutationVariables>;
export const ConsoleRecordActionPointDocument = new TypedDocumentString(`
    mutation ConsoleRecordActionPoint($input: RecordActionPointInput!) {
  recordActionPoint(input: $input) {
    meetingId
    itemId
    revision
    status
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleRecordActionPointMutation, ConsoleRecordActionPointMutationVariables>;
export const ConsoleCompleteActionPointDocument = new TypedDocumentString(`
    mutation ConsoleCompleteActionPoint($input: CompleteActionPointInput!) {
  completeActionPoint(input: $input) {
    meetingId
    itemId
    revision
    status
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleCompleteActionPointMutation, ConsoleCompleteActionPointMutationVariables>;
export const ConsoleRecordMinutesDocument = new TypedDocumentString(`
    mutation ConsoleRecordMinutes($input: RecordMinutesInput!) {
  recordMinutes(input: $input) {
    meetingId
    revision
    status
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleRecordMinutesMutation, ConsoleRecordMinutesMutationVariables>;
export const ConsoleCloseMeetingDocument = new TypedDocumentString(`
    mutation ConsoleCloseMeeting($input: CloseMeetingInput!) {
  closeMeeting(input: $input) {
    meetingId
    revision
    status
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleCloseMeetingMutation, ConsoleCloseMeetingMutationVariables>;
export const ConsoleProsecutionIncomingCaseFilesDocument = new TypedDocumentString(`
    query ConsoleProsecutionIncomingCaseFiles($filter: CaseFileListFilter) {
  incomingCaseFiles(filter: $filter) {
    nodes {
      caseFileId
      reference
      jointCaseId
      investigationId
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
      deadlineMissedAt
      summary
      suspectIds
      evidenceIds
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleProsecutionIncomingCaseFilesQuery, ConsoleProsecutionIncomingCaseFilesQueryVariables>;
export const ConsoleProsecutionCaseFileSuspectsDocument = new TypedDocumentString(`
    query ConsoleProsecutionCaseFileSuspects($investigationId: ID!) {
  investigation(investigationId: $investigationId) {
    investigationId
    reference
    suspects {
      suspectId
      role
      alias
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleProsecutionCaseFileSuspectsQuery, ConsoleProsecutionCaseFileSuspectsQueryVariables>;
export const ConsoleProsecutionsDocument = new TypedDocumentString(`
    query ConsoleProsecutions($filter: ProsecutionListFilter) {
  prosecutions(filter: $filter) {
    nodes {
      prosecutionId
      reference
      jointCaseId
      status
      receivedAt
      updatedAt
      fromPoliceAgencyId
      fromPoliceAgency {
        name
      }
      chargeCount
      hearingCount
      hearingsHeldCount
      verdictCount
      convictionCount
      closedAt
      closeReason
      jointCase {
        jointCaseId
        reference
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleProsecutionsQuery, ConsoleProsecutionsQueryVariables>;
export const ConsoleProsecutionDocument = new TypedDocumentString(`
    query ConsoleProsecution($prosecutionId: ID!) {
  prosecution(prosecutionId: $prosecutionId) {
    prosecutionId
    reference
    revision
    status
    caseFileId
    investigationId
    jointCaseId
    jointCase {
      jointCaseId
      reference
      siteCode
      stage
    }
    officeAgencyId
    officeAgency {
      name
    }
    fromPoliceAgencyId
    fromPoliceAgency {
      name
    }
    receivedAt
    updatedAt
    closedAt
    closeReason
    closeNote
    suspects {
      suspectId
      role
    }
    charges {
      chargeId
      suspectId
      offence
      legalBasis
      filedAt
      verdict
      verdictRenderedAt
      sentence {
        imprisonmentMonths
        fineAmount
        fineCurrency
        otherMeasures
        imposedAt
      }
    }
    hearings {
      hearingId
      prosecutionId
      jointCaseId
      reference
      court
      purpose
      scheduledFor
      heldAt
      outcome
      cancelledAt
      cancelReason
      outcomeOverdueAt
      rescheduleCount
    }
    restitutions {
      restitutionId
      victimRef
      amount
      currency
      note
      orderedAt
    }
    appeals {
      appealId
      chargeId
      by
      filedAt
      outcome
      decidedAt
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleProsecutionQuery, ConsoleProsecutionQueryVariables>;
export const ConsoleProsecutionUpcomingHearingsDocument = new TypedDocumentString(`
    query ConsoleProsecutionUpcomingHearings($filter: UpcomingHearingsFilter) {
  upcomingHearings(filter: $filter) {
    nodes {
      hearingId
      prosecutionId
      jointCaseId
      reference
      court
      purpose
      scheduledFor
      heldAt
      outcome
      cancelledAt
      cancelReason
      outcomeOverdueAt
      rescheduleCount
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleProsecutionUpcomingHearingsQuery, ConsoleProsecutionUpcomingHearingsQueryVariables>;
export const ConsoleReceiveCaseFileDocument = new TypedDocumentString(`
    mutation ConsoleReceiveCaseFile($input: ReceiveCaseFileInput!) {
  receiveCaseFile(input: $input) {
    prosecutionId
    jointCaseId
    status
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleReceiveCaseFileMutation, ConsoleReceiveCaseFileMutationVariables>;
export const ConsoleFileChargesDocument = new TypedDocumentString(`
    mutation ConsoleFileCharges($input: FileChargesInput!) {
  fileCharges(input: $input) {
    prosecutionId
    itemId
    status
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleFileChargesMutation, ConsoleFileChargesMutationVariables>;
export const ConsoleScheduleHearingDocument = new TypedDocumentString(`
    mutation ConsoleScheduleHearing($input: ScheduleHearingInput!) {
  scheduleHearing(input: $input) {
    prosecutionId
    itemId
    status
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleScheduleHearingMutation, ConsoleScheduleHearingMutationVariables>;
export const ConsoleRescheduleHearingDocument = new TypedDocumentString(`
    mutation ConsoleRescheduleHearing($input: RescheduleHearingInput!) {
  rescheduleHearing(input: $input) {
    prosecutionId
    itemId
    status
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleRescheduleHearingMutation, ConsoleRescheduleHearingMutationVariables>;
export const ConsoleCancelHearingDocument = new TypedDocumentString(`
    mutation ConsoleCancelHearing($input: CancelHearingInput!) {
  cancelHearing(input: $input) {
    prosecutionId
    itemId
    status
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleCancelHearingMutation, ConsoleCancelHearingMutationVariables>;
export const ConsoleRecordHearingHeldDocument = new TypedDocumentString(`
    mutation ConsoleRecordHearingHeld($input: RecordHearingHeldInput!) {
  recordHearingHeld(input: $input) {
    prosecutionId
    itemId
    status
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleRecordHearingHeldMutation, ConsoleRecordHearingHeldMutationVariables>;
export const ConsoleRenderVerdictDocument = new TypedDocumentString(`
    mutation ConsoleRenderVerdict($input: RenderVerdictInput!) {
  renderVerdict(input: $input) {
    prosecutionId
    itemId
    status
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleRenderVerdictMutation, ConsoleRenderVerdictMutationVariables>;
export const ConsoleImposeSentenceDocument = new TypedDocumentString(`
    mutation ConsoleImposeSentence($input: ImposeSentenceInput!) {
  imposeSentence(input: $input) {
    prosecutionId
    itemId
    status
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleImposeSentenceMutation, ConsoleImposeSentenceMutationVariables>;
export const ConsoleOrderRestitutionDocument = new TypedDocumentString(`
    mutation ConsoleOrderRestitution($input: OrderRestitutionInput!) {
  orderRestitution(input: $input) {
    prosecutionId
    itemId
    status
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleOrderRestitutionMutation, ConsoleOrderRestitutionMutationVariables>;
export const ConsoleFileAppealDocument = new TypedDocumentString(`
    mutation ConsoleFileAppeal($input: FileAppealInput!) {
  fileAppeal(input: $input) {
    prosecutionId
    itemId
    status
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleFileAppealMutation, ConsoleFileAppealMutationVariables>;
export const ConsoleDecideAppealDocument = new TypedDocumentString(`
    mutation ConsoleDecideAppeal($input: DecideAppealInput!) {
  decideAppeal(input: $input) {
    prosecutionId
    itemId
    status
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleDecideAppealMutation, ConsoleDecideAppealMutationVariables>;
export const ConsoleCloseProsecutionDocument = new TypedDocumentString(`
    mutation ConsoleCloseProsecution($input: CloseProsecutionInput!) {
  closeProsecution(input: $input) {
    prosecutionId
    itemId
    status
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleCloseProsecutionMutation, ConsoleCloseProsecutionMutationVariables>;
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
    reference
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
export const ConsoleSitesRegistryDocument = new TypedDocumentString(`
    query ConsoleSitesRegistry($filter: MineSiteListFilter) {
  mineSites(filter: $filter) {
    nodes {
      siteId
      code
      name
      province
      territory
      minerals
      latitude
      longitude
      status
      openIncidentCount
      highestOpenIncidentLevel
      remediationDeadline
      remediationOverdue
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleSitesRegistryQuery, ConsoleSitesRegistryQueryVariables>;
export const ConsoleSiteDocument = new TypedDocumentString(`
    query ConsoleSite($code: String!) {
  mineSite(code: $code) {
    siteId
    code
    name
    province
    territory
    minerals
    latitude
    longitude
    status
    statusReason
    statusChangedAt
    remediationDeadline
    remediationOverdue
    revision
    registeredAt
    registeredByAgencyId
    registeredByAgency {
      name
    }
    openIncidentCount
    highestOpenIncidentLevel
    caseCount
    lastInspection {
      inspectedAt
      inspectingAgency
      findings
      indicatorsObserved
      recommendedStatus
      recordedByAgencyId
      recordedByAgency {
        name
      }
    }
    cases(first: 50) {
      nodes {
        jointCaseId
        reference
        linkedVia
        firstLinkedAt
        lastActivityAt
      }
    }
    timeline(first: 200) {
      nodes {
        kind
        occurredAt
        agencyId
        agency {
          name
        }
        agencyType
        fromStatus
        toStatus
        level
        linkedVia
        incidentId
        jointCaseId
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleSiteQuery, ConsoleSiteQueryVariables>;
export const ConsoleSiteTimelineDocument = new TypedDocumentString(`
    query ConsoleSiteTimeline($code: String!, $after: String) {
  mineSite(code: $code) {
    siteId
    timeline(first: 200, after: $after) {
      nodes {
        kind
        occurredAt
        agencyId
        agency {
          name
        }
        agencyType
        fromStatus
        toStatus
        level
        linkedVia
        incidentId
        jointCaseId
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleSiteTimelineQuery, ConsoleSiteTimelineQueryVariables>;
export const ConsoleSiteIncidentsDocument = new TypedDocumentString(`
    query ConsoleSiteIncidents($siteId: ID!, $filter: SiteIncidentFilter) {
  siteIncidents(siteId: $siteId, filter: $filter) {
    nodes {
      incidentId
      status
      source
      level
      description
      summary
      reportedAt
      reportedByAgencyId
      reportedByAgency {
        name
      }
      classifiedAt
      closedAt
      closeBy
      overdue
      jointCaseId
      revision
    }
    pageInfo {
      hasNextPage
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleSiteIncidentsQuery, ConsoleSiteIncidentsQueryVariables>;
export const ConsoleRegisterMineSiteDocument = new TypedDocumentString(`
    mutation ConsoleRegisterMineSite($input: RegisterMineSiteInput!) {
  registerMineSite(input: $input) {
    siteId
    code
    status
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleRegisterMineSiteMutation, ConsoleRegisterMineSiteMutationVariables>;
export const ConsoleRecordMineSiteInspectionDocument = new TypedDocumentString(`
    mutation ConsoleRecordMineSiteInspection($input: RecordMineSiteInspectionInput!) {
  recordMineSiteInspection(input: $input) {
    siteId
    code
    status
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleRecordMineSiteInspectionMutation, ConsoleRecordMineSiteInspectionMutationVariables>;
export const ConsoleChangeMineSiteStatusDocument = new TypedDocumentString(`
    mutation ConsoleChangeMineSiteStatus($input: ChangeMineSiteStatusInput!) {
  changeMineSiteStatus(input: $input) {
    siteId
    code
    status
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleChangeMineSiteStatusMutation, ConsoleChangeMineSiteStatusMutationVariables>;
export const ConsoleReportSiteIncidentDocument = new TypedDocumentString(`
    mutation ConsoleReportSiteIncident($input: ReportSiteIncidentInput!) {
  reportSiteIncident(input: $input) {
    incidentId
    siteId
    status
    level
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleReportSiteIncidentMutation, ConsoleReportSiteIncidentMutationVariables>;
export const ConsoleClassifySiteIncidentDocument = new TypedDocumentString(`
    mutation ConsoleClassifySiteIncident($input: ClassifySiteIncidentInput!) {
  classifySiteIncident(input: $input) {
    incidentId
    siteId
    status
    level
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleClassifySiteIncidentMutation, ConsoleClassifySiteIncidentMutationVariables>;
export const ConsoleCloseSiteIncidentDocument = new TypedDocumentString(`
    mutation ConsoleCloseSiteIncident($input: CloseSiteIncidentInput!) {
  closeSiteIncident(input: $input) {
    incidentId
    siteId
    status
    level
    revision
    replayed
  }
}
    `) as unknown as TypedDocumentString<ConsoleCloseSiteIncidentMutation, ConsoleCloseSiteIncidentMutationVariables>;
export const ConsoleWebhookEventTypesDocument = new TypedDocumentString(`
    query ConsoleWebhookEventTypes {
  webhookEventTypes {
    type
    context
    description
  }
}
    `) as unknown as TypedDocumentString<ConsoleWebhookEventTypesQuery, ConsoleWebhookEventTypesQueryVariables>;
export const ConsoleWebhookEndpointsDocument = new TypedDocumentString(`
    query ConsoleWebhookEndpoints {
  webhookEndpoints {
    endpointId
    url
    description
    eventTypes
    provinces
    siteCodes
    status
    disabledReason
    disabledDetail
    disabledAt
    failingSince
    lastSuccessAt
    pausedUntil
    createdAt
    revision
  }
}
    `) as unknown as TypedDocumentString<ConsoleWebhookEndpointsQuery, ConsoleWebhookEndpointsQueryVariables>;
export const ConsoleWebhookEndpointDocument = new TypedDocumentString(`
    query ConsoleWebhookEndpoint($endpointId: ID!, $filter: WebhookMessagesFilter) {
  webhookEndpoint(endpointId: $endpointId) {
    endpointId
    url
    description
    eventTypes
    provinces
    siteCodes
    status
    disabledReason
    disabledDetail
    disabledAt
    failingSince
    lastSuccessAt
    pausedUntil
    createdAt
    revision
    secrets {
      secretId
      createdAt
      validUntil
    }
    messages(filter: $filter) {
      nodes {
        messageId
        eventId
        eventType
        createdAt
        state
        attempts
        nextAttemptAt
        deliveredAt
        replayOf
        attemptLog {
          attempt
          attemptedAt
          statusCode
          error
          durationMs
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ConsoleWebhookEndpointQuery, ConsoleWebhookEndpointQueryVariables>;
export const ConsoleCreateWebhookEndpointDocument = new TypedDocumentString(`
    mutation ConsoleCreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) {
    endpointId
    status
    revision
    replayed
    secret
  }
}
    `) as unknown as TypedDocumentString<ConsoleCreateWebhookEndpointMutation, ConsoleCreateWebhookEndpointMutationVariables>;
export const ConsoleChangeWebhookEndpointDocument = new TypedDocumentString(`
    mutation ConsoleChangeWebhookEndpoint($input: ChangeWebhookEndpointInput!) {
  changeWebhookEndpoint(input: $input) {
    endpointId
    status
    revision
  }
}
    `) as unknown as TypedDocumentString<ConsoleChangeWebhookEndpointMutation, ConsoleChangeWebhookEndpointMutationVariables>;
export const ConsoleRotateWebhookSecretDocument = new TypedDocumentString(`
    mutation ConsoleRotateWebhookSecret($input: RotateWebhookSecretInput!) {
  rotateWebhookSecret(input: $input) {
    endpointId
    revision
    secret
  }
}
    `) as unknown as TypedDocumentString<ConsoleRotateWebhookSecretMutation, ConsoleRotateWebhookSecretMutationVariables>;
export const ConsoleDisableWebhookEndpointDocument = new TypedDocumentString(`
    mutation ConsoleDisableWebhookEndpoint($input: WebhookEndpointCommandInput!) {
  disableWebhookEndpoint(input: $input) {
    endpointId
    status
    revision
  }
}
    `) as unknown as TypedDocumentString<ConsoleDisableWebhookEndpointMutation, ConsoleDisableWebhookEndpointMutationVariables>;
export const ConsoleEnableWebhookEndpointDocument = new TypedDocumentString(`
    mutation ConsoleEnableWebhookEndpoint($input: WebhookEndpointCommandInput!) {
  enableWebhookEndpoint(input: $input) {
    endpointId
    status
    revision
  }
}
    `) as unknown as TypedDocumentString<ConsoleEnableWebhookEndpointMutation, ConsoleEnableWebhookEndpointMutationVariables>;
export const ConsoleDeleteWebhookEndpointDocument = new TypedDocumentString(`
    mutation ConsoleDeleteWebhookEndpoint($input: WebhookEndpointCommandInput!) {
  deleteWebhookEndpoint(input: $input) {
    endpointId
    status
    revision
  }
}
    `) as unknown as TypedDocumentString<ConsoleDeleteWebhookEndpointMutation, ConsoleDeleteWebhookEndpointMutationVariables>;
export const ConsoleReplayWebhookMessagesDocument = new TypedDocumentString(`
    mutation ConsoleReplayWebhookMessages($input: ReplayWebhookMessagesInput!) {
  replayWebhookMessages(input: $input) {
    endpointId
    revision
  }
}
    `) as unknown as TypedDocumentString<ConsoleReplayWebhookMessagesMutation, ConsoleReplayWebhookMessagesMutationVariables>;
export const ConsoleResendWebhookMessageDocument = new TypedDocumentString(`
    mutation ConsoleResendWebhookMessage($input: ResendWebhookMessageInput!) {
  resendWebhookMessage(input: $input) {
    endpointId
    revision
  }
}
    `) as unknown as TypedDocumentString<ConsoleResendWebhookMessageMutation, ConsoleResendWebhookMessageMutationVariables>;