/**
 * The GraphQL documents the load test sends: the console's own operations (apps/console/src/features), trimmed to
 * what a page asks for, so the platform does the work a real client makes it do.
 */

const REFERRAL_PAYLOAD = 'referralId jointCaseId status revision replayed';
const INVESTIGATION_PAYLOAD = 'investigationId jointCaseId status revision replayed evidenceId suspectId caseFileId';
const PROSECUTION_PAYLOAD = 'prosecutionId jointCaseId status revision itemId replayed';
const ASSISTANCE_PAYLOAD = 'assistanceId jointCaseId status revision replayed';

const mutation = (name: string, operation: string, inputType: string, payload: string): string =>
  `mutation ${name}($input: ${inputType}!) { ${operation}(input: $input) { ${payload} } }`;

export const SUBMIT_REFERRAL = mutation(
  'LoadSubmitReferral',
  'submitReferral',
  'SubmitReferralInput',
  REFERRAL_PAYLOAD,
);
export const ACCEPT_REFERRAL = mutation(
  'LoadAcceptReferral',
  'acceptReferral',
  'AcceptReferralInput',
  REFERRAL_PAYLOAD,
);
export const OPEN_INVESTIGATION = mutation(
  'LoadOpenInvestigation',
  'openInvestigation',
  'OpenInvestigationInput',
  INVESTIGATION_PAYLOAD,
);
export const RECORD_EVIDENCE = mutation(
  'LoadRecordEvidence',
  'recordEvidence',
  'RecordEvidenceInput',
  INVESTIGATION_PAYLOAD,
);
export const IDENTIFY_SUSPECT = mutation(
  'LoadIdentifySuspect',
  'identifySuspect',
  'IdentifySuspectInput',
  INVESTIGATION_PAYLOAD,
);
export const TRANSMIT_CASE_FILE = mutation(
  'LoadTransmitCaseFile',
  'transmitCaseFile',
  'TransmitCaseFileInput',
  INVESTIGATION_PAYLOAD,
);
export const RECEIVE_CASE_FILE = mutation(
  'LoadReceiveCaseFile',
  'receiveCaseFile',
  'ReceiveCaseFileInput',
  PROSECUTION_PAYLOAD,
);
export const SCHEDULE_HEARING = mutation(
  'LoadScheduleHearing',
  'scheduleHearing',
  'ScheduleHearingInput',
  PROSECUTION_PAYLOAD,
);
export const REGISTER_VICTIM = mutation(
  'LoadRegisterVictim',
  'registerVictim',
  'RegisterVictimInput',
  ASSISTANCE_PAYLOAD,
);
export const ASSESS_NEEDS = mutation('LoadAssessNeeds', 'assessNeeds', 'AssessNeedsInput', ASSISTANCE_PAYLOAD);
export const PROVIDE_SERVICE = mutation(
  'LoadProvideService',
  'provideService',
  'ProvideServiceInput',
  ASSISTANCE_PAYLOAD,
);

const QUEUE_ROW = `referralId reference jointCaseId fromAgencyId fromAgency { name } toAgencyId toAgency { name }
  siteCode submittedAt dueBy overdue deadlineMissed urgency status answeredAt subjectIsChild`;

/** The referral page: what the first responder reads before referring the person on. */
export const REFERRAL = `query LoadReferral($id: ID!) { referral(referralId: $id) {
  ${QUEUE_ROW} subjectPersonId revision consent { active agencyTypes purposes } } }`;

export const INCOMING_REFERRALS = `query LoadIncomingReferrals($filter: ReferralListFilter) {
  incomingReferrals(filter: $filter) { nodes { ${QUEUE_ROW} } pageInfo { hasNextPage endCursor } } }`;

export const OUTGOING_REFERRALS = `query LoadOutgoingReferrals($filter: ReferralListFilter) {
  outgoingReferrals(filter: $filter) { nodes { ${QUEUE_ROW} } pageInfo { hasNextPage endCursor } } }`;

export const INVESTIGATIONS = `query LoadInvestigations($filter: InvestigationListFilter) {
  investigations(filter: $filter) { nodes { investigationId reference jointCaseId siteCode offences status
    evidenceCount suspectCount arrestCount caseFileCount revision } pageInfo { hasNextPage endCursor } } }`;

export const INCOMING_CASE_FILES = `query LoadIncomingCaseFiles($filter: CaseFileListFilter) {
  incomingCaseFiles(filter: $filter) { nodes { caseFileId jointCaseId fromAgencyId toProsecutorOfficeId dueBy
    dueByLocal status overdue } pageInfo { hasNextPage endCursor } } }`;

export const UPCOMING_HEARINGS = `query LoadUpcomingHearings($filter: UpcomingHearingsFilter) {
  upcomingHearings(filter: $filter) { nodes { hearingId prosecutionId jointCaseId court scheduledFor
    scheduledForLocal purpose heldAt outcome } pageInfo { hasNextPage endCursor } } }`;

export const ASSISTANCE_CASES = `query LoadAssistanceCases($filter: AssistanceCaseFilter) {
  assistanceCases(filter: $filter) { nodes { assistanceId jointCaseId status ageGroup isChild formsOfExploitation
    needsOutstanding revision } pageInfo { hasNextPage endCursor } } }`;

export const JOINT_CASES = `query LoadJointCases($filter: JointCaseFilter) {
  jointCases(filter: $filter) { nodes { jointCaseId stage assistanceStage siteCode referralIds investigationIds
    prosecutionIds assistanceIds missedDeadlines openedAt lastActivityAt } pageInfo { hasNextPage endCursor } } }`;

const TIMELINE_ENTRY =
  'position eventId occurredAt agencyId agency { name } agencyType eventType summary redacted category';

/** The joint case page: every agency's part as disclosed to the caller, and the timeline's first page. */
export const CASE = `query LoadCase($id: ID!, $first: Int) { case(id: $id) {
  jointCaseId reference stage assistanceStage siteCode province territory openedAt lastActivityAt missedDeadlines
  agencyIds agencies { agencyId name } referralIds investigationIds prosecutionIds assistanceIds
  site { code name province territory status }
  referrals { referralId fromAgencyId fromAgencyType toAgencyId toAgencyType status statusReason urgency submittedAt
    dueBy overdue deadlineMissed }
  investigations { investigationId leadAgencyId status openedAt offences evidenceCount suspectCount arrestCount
    caseFileCount }
  prosecutions { prosecutionId officeAgencyId fromPoliceAgencyId status receivedAt chargeCount hearingCount }
  assistance { assistanceId assistingAgencyId status registeredAt isChild needsOutstanding }
  timeline(first: $first) { edges { cursor node { ${TIMELINE_ENTRY} } } pageInfo { hasNextPage endCursor } } } }`;

/** The queue page's live feed of new referrals. */
export const REFERRAL_RECEIVED = `subscription LoadReferralReceived($after: String) {
  referralReceived(after: $after) { referralId jointCaseId feedCursor submittedAt siteCode } }`;

/** The case page's live timeline. */
export const CASE_TIMELINE_ENTRY_ADDED = `subscription LoadCaseTimelineEntryAdded($jointCaseId: ID!, $after: String) {
  caseTimelineEntryAdded(jointCaseId: $jointCaseId, after: $after) { ${TIMELINE_ENTRY} } }`;
