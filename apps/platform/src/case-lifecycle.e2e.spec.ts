import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { formatKivuTime, type AgencyType } from '@pamoja/contracts';
import {
  ACCEPT,
  ASSESS_SCREENING,
  COMPLETE,
  incoming,
  outgoing,
  referCaseTo,
  REFERRAL,
  SUBMIT,
  testSite,
  useTestPlatform,
  type CommandPayload,
  type GraphqlTestClient,
  type ReferralViewResult,
} from '@pamoja/testing';
import { EmbeddedPlatformModule } from './app.module.js';

/*
 * "Every agency's part of a case": one case at a (fictional) artisanal mine site in Masisi, North Kivu,
 * walked from referral through investigation and prosecution to verdict, with assistance in parallel,
 * through the GraphQL API of the embedded platform. After each step the acting agency's projection, the
 * other agencies' projections and the joint case (stage, links, timeline) are checked. Every person,
 * site and agency here is fictional.
 */

interface Agency {
  readonly agencyId: string;
  readonly agencyType: AgencyType;
  readonly role: string;
}

const NGO: Agency = { agencyId: 'ngo-kivu-hope', agencyType: 'first_responder', role: 'field_worker' };
const SAEMAPE: Agency = { agencyId: 'saemape-nk', agencyType: 'mining_authority', role: 'inspector' };
const POLICE: Agency = { agencyId: 'pnc-pmh-masisi', agencyType: 'police', role: 'investigator' };
const PARQUET: Agency = { agencyId: 'parquet-goma', agencyType: 'prosecutor', role: 'magistrate' };
const USHINDI: Agency = { agencyId: 'ngo-ushindi', agencyType: 'assistance_provider', role: 'case_worker' };
const APLT: Agency = { agencyId: 'aplt-nk', agencyType: 'coordination_body', role: 'coordinator' };

const SITE_CODE = 'NK-MAS-101';
// Fictional people: the joint case must never carry any of this.
const VICTIM_NAME = 'Amani Fictif Bahati';
const VICTIM_PHONE = '+243 970 000 101';
const SUSPECT_NAME = 'Kizito Fictif Mirindi';
const SUSPECT_ALIAS = 'Chef Kanyoni';
const LEGAL_BASIS = 'Code pénal, art. 174j (loi du 26 octobre 2022)';
const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

// ---- GraphQL documents -------------------------------------------------------------------------------

const SITE_FIELDS = `siteId code name province territory minerals status statusReason remediationDeadline
  remediationDeadlineLocal remediationOverdue openIncidentCount registeredByAgencyId revision
  lastInspection { inspectingAgency findings indicatorsObserved recommendedStatus recordedByAgencyId }`;
const REGISTER_SITE = `mutation($input: RegisterMineSiteInput!) {
  registerMineSite(input: $input) { siteId code status revision replayed } }`;
const INSPECT_SITE = `mutation($input: RecordMineSiteInspectionInput!) {
  recordMineSiteInspection(input: $input) { siteId status revision replayed } }`;
const CHANGE_SITE = `mutation($input: ChangeMineSiteStatusInput!) {
  changeMineSiteStatus(input: $input) { siteId status revision replayed } }`;
const SITES = `query($filter: MineSiteListFilter) { mineSites(filter: $filter) { nodes { ${SITE_FIELDS} } } }`;

const INV_PAYLOAD = 'investigationId jointCaseId status revision replayed evidenceId suspectId caseFileId';
const OPEN_INVESTIGATION = `mutation($input: OpenInvestigationInput!) { openInvestigation(input: $input) { ${INV_PAYLOAD} } }`;
const RECORD_EVIDENCE = `mutation($input: RecordEvidenceInput!) { recordEvidence(input: $input) { ${INV_PAYLOAD} } }`;
const TRANSFER_CUSTODY = `mutation($input: RecordEvidenceCustodyTransferInput!) {
  recordEvidenceCustodyTransfer(input: $input) { ${INV_PAYLOAD} } }`;
const IDENTIFY_SUSPECT = `mutation($input: IdentifySuspectInput!) { identifySuspect(input: $input) { ${INV_PAYLOAD} } }`;
const RECORD_ARREST = `mutation($input: RecordArrestInput!) { recordArrest(input: $input) { ${INV_PAYLOAD} } }`;
const TRANSMIT = `mutation($input: TransmitCaseFileInput!) { transmitCaseFile(input: $input) { ${INV_PAYLOAD} } }`;
const INV_SUMMARY = `investigationId jointCaseId referralId siteCode offences leadAgencyId leadOfficerId status
  evidenceCount suspectCount arrestCount caseFileCount revision`;
const CASE_FILE = `caseFileId jointCaseId fromAgencyId toProsecutorOfficeId dueBy dueByLocal evidenceIds suspectIds
  status overdue acknowledgedAt acknowledgedByAgencyId`;
const INVESTIGATIONS = `query($filter: InvestigationListFilter) {
  investigations(filter: $filter) { nodes { ${INV_SUMMARY} } } }`;
const INVESTIGATION = `query($id: ID!) { investigation(investigationId: $id) { ${INV_SUMMARY}
  evidence { evidenceId kind sha256 collectedBy custodian { agencyId officerId }
    custodyChain { from { agencyId officerId } to { agencyId officerId } reason } }
  suspects { suspectId role alias name dateOfBirth }
  arrests { suspectId location legalBasis }
  caseFiles { ${CASE_FILE} } } }`;
const OVERDUE_CASE_FILES = `query { overdueCaseFileTransmissions { nodes { caseFileId } } }`;

const AST_PAYLOAD = 'assistanceId jointCaseId status revision replayed';
const REGISTER_VICTIM = `mutation($input: RegisterVictimInput!) { registerVictim(input: $input) { ${AST_PAYLOAD} } }`;
const ASSESS_NEEDS = `mutation($input: AssessNeedsInput!) { assessNeeds(input: $input) { ${AST_PAYLOAD} } }`;
const PROVIDE_SERVICE = `mutation($input: ProvideServiceInput!) { provideService(input: $input) { ${AST_PAYLOAD} } }`;
const PROTECT = `mutation($input: ApplyProtectionMeasureInput!) {
  applyProtectionMeasure(input: $input) { ${AST_PAYLOAD} } }`;
const AST_FIELDS = `assistanceId jointCaseId assistingAgencyId status ageGroup isChild sex formsOfExploitation
  consentGivenBy needs { need priority met } needsMet needsOutstanding
  services { kind providerAgencyId note } protectionMeasures { measure reviewBy reviewByLocal consentGivenBy }
  revision identity { fullName dateOfBirth phone currentLocation }`;
const ASSISTANCE_CASE = `query($id: ID!) { assistanceCase(id: $id) { ${AST_FIELDS} } }`;
const ASSISTANCE_CASES = `query { assistanceCases { nodes { ${AST_FIELDS} } } }`;

const PRO_PAYLOAD = 'prosecutionId jointCaseId status revision itemId replayed';
const proMutation = (name: string, inputType: string) =>
  `mutation($input: ${inputType}!) { ${name}(input: $input) { ${PRO_PAYLOAD} } }`;
const INCOMING_CASE_FILES = `{ incomingCaseFiles { nodes { ${CASE_FILE} } } }`;
const RECEIVE_CASE_FILE = proMutation('receiveCaseFile', 'ReceiveCaseFileInput');
const FILE_CHARGES = proMutation('fileCharges', 'FileChargesInput');
const SCHEDULE_HEARING = proMutation('scheduleHearing', 'ScheduleHearingInput');
const HOLD_HEARING = proMutation('recordHearingHeld', 'RecordHearingHeldInput');
const RENDER_VERDICT = proMutation('renderVerdict', 'RenderVerdictInput');
const IMPOSE_SENTENCE = proMutation('imposeSentence', 'ImposeSentenceInput');
const ORDER_RESTITUTION = proMutation('orderRestitution', 'OrderRestitutionInput');
const HEARING_FIELDS =
  'hearingId prosecutionId jointCaseId court scheduledFor scheduledForLocal purpose heldAt outcome';
const PROSECUTIONS = `query($filter: ProsecutionListFilter) { prosecutions(filter: $filter) { nodes {
  prosecutionId jointCaseId caseFileId investigationId fromPoliceAgencyId status chargeCount verdictCount
  convictionCount hearingCount hearingsHeldCount revision suspects { suspectId role } } } }`;
const PROSECUTION = `query($id: ID!) { prosecution(prosecutionId: $id) {
  prosecutionId jointCaseId officeAgencyId status chargeCount verdictCount convictionCount revision
  charges { chargeId suspectId offence legalBasis verdict sentence { imprisonmentMonths fineAmount fineCurrency } }
  hearings { ${HEARING_FIELDS} }
  restitutions { restitutionId victimRef amount currency note } } }`;
const UPCOMING_HEARINGS = `query($days: Int) { upcomingHearings(filter: { days: $days }) {
  nodes { ${HEARING_FIELDS} } } }`;

const JOINT_CASE_FIELDS = `jointCaseId stage assistanceStage siteCode referralIds investigationIds prosecutionIds
  assistanceIds incidentIds agencyIds missedDeadlines openedAt lastActivityAt`;
const JOINT_CASE = `query($id: ID!) { case(id: $id) { ${JOINT_CASE_FIELDS}
  timeline(first: 500) { nodes { eventId eventType summary redacted agencyId agencyType roles occurredAt } } } }`;
const JOINT_CASES = `query($filter: JointCaseFilter) { jointCases(filter: $filter) { nodes { ${JOINT_CASE_FIELDS} } } }`;
const ESCALATIONS = `query { escalations(filter: { openOnly: false }) { nodes { jointCaseId kind subjectId resolvedAt } } }`;

// ---- Result shapes -----------------------------------------------------------------------------------

interface SiteView {
  siteId: string;
  code: string;
  status: string;
  remediationDeadline: string | null;
  remediationDeadlineLocal: string | null;
  [field: string]: unknown;
}
interface SitePayload {
  siteId: string;
  code: string;
  status: string;
  revision: number;
  replayed: boolean;
}
interface InvestigationPayload {
  investigationId: string;
  jointCaseId: string;
  status: string;
  revision: number;
  replayed: boolean;
  evidenceId: string | null;
  suspectId: string | null;
  caseFileId: string | null;
}
interface CaseFileView {
  caseFileId: string;
  status: string;
  dueByLocal: string;
  acknowledgedAt: string | null;
  acknowledgedByAgencyId: string | null;
  [field: string]: unknown;
}
interface InvestigationView {
  investigationId: string;
  evidenceCount: number;
  suspectCount: number;
  arrestCount: number;
  caseFileCount: number;
  revision: number;
  suspects: {
    suspectId: string;
    role: string;
    alias: string | null;
    name: string | null;
    dateOfBirth: string | null;
  }[];
  caseFiles: CaseFileView[];
  [field: string]: unknown;
}
interface AssistancePayload {
  assistanceId: string;
  jointCaseId: string;
  status: string;
  revision: number;
  replayed: boolean;
}
interface AssistanceView {
  assistanceId: string;
  status: string;
  identity: {
    fullName: string;
    dateOfBirth: string | null;
    phone: string | null;
    currentLocation: string | null;
  } | null;
  [field: string]: unknown;
}
interface ProsecutionPayload {
  prosecutionId: string;
  jointCaseId: string;
  status: string;
  revision: number;
  itemId: string | null;
  replayed: boolean;
}
interface HearingView {
  hearingId: string;
  scheduledFor: string;
  scheduledForLocal: string;
  heldAt: string | null;
  [field: string]: unknown;
}
interface TimelineEntry {
  eventId: string;
  eventType: string | null;
  summary: string | null;
  redacted: boolean;
  agencyId: string;
  agencyType: string;
  roles: string[];
  occurredAt: string;
}
interface JointCaseView {
  jointCaseId: string;
  stage: string;
  assistanceStage: string;
  siteCode: string | null;
  referralIds: string[];
  investigationIds: string[];
  prosecutionIds: string[];
  assistanceIds: string[];
  incidentIds: string[];
  agencyIds: string[];
  missedDeadlines: number;
  openedAt: string;
  lastActivityAt: string;
  timeline: TimelineEntry[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Investigative and prosecution steps: in full to the police and prosecutors of the case, as notices to the coordination body. */
const JUSTICE_STEPS = new Set([
  'InvestigationOpened',
  'EvidenceRecorded',
  'EvidenceCustodyTransferred',
  'SuspectIdentified',
  'ArrestMade',
  'InvestigationClosed',
  'ChargesFiled',
  'HearingScheduled',
  'HearingHeld',
  'VerdictRendered',
  'SentenceImposed',
  'RestitutionOrdered',
  'ProsecutionClosed',
]);
/** The case file's handoff: in full to the justice parties and the coordination body, to nobody else. */
const CASE_FILE_STEPS = new Set(['CaseFileTransmitted', 'CaseFileReceived', 'CaseFileAcknowledgementRecorded']);
/** Assistance to the person: in full to the assisting agency, as notices to the case's other viewers. */
const ASSISTANCE_STEPS = new Set(['VictimRegistered', 'NeedsAssessed', 'ServiceProvided']);
/** A protection measure: only that the assisting agency did something, to everyone else. */
const PROTECTION = 'ProtectionMeasureApplied';

interface ExpectedEntry {
  eventType: string | null;
  agencyId: string;
  agencyType: string;
  roles: string[];
}

/** An entry as a reader sees it (the access policy's timeline table), or undefined when withheld from it. */
function asSeenBy(reader: Agency, entry: ExpectedEntry): ExpectedEntry | undefined {
  const type = entry.eventType ?? '';
  const notice = { eventType: null, agencyId: entry.agencyId, agencyType: entry.agencyType, roles: [] };
  if (type === PROTECTION) return notice;
  if (entry.agencyId === reader.agencyId) return entry;
  const justice = reader.agencyType === 'police' || reader.agencyType === 'prosecutor';
  const coordination = reader.agencyType === 'coordination_body';
  if (JUSTICE_STEPS.has(type)) return justice ? entry : coordination ? notice : undefined;
  if (CASE_FILE_STEPS.has(type)) return justice || coordination ? entry : undefined;
  if (ASSISTANCE_STEPS.has(type)) return notice;
  return entry;
}

/** Reads until `done` holds or the time is up; returns the last reading either way, for the assertion. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() >= deadline) return value;
    await sleep(150);
  }
}

/** The only payload of a single-mutation response. */
async function mutate<T>(client: GraphqlTestClient, mutation: string, input: Record<string, unknown>): Promise<T> {
  const data = await client.ok<Record<string, T>>(mutation, { input: { commandId: randomUUID(), ...input } });
  const [payload] = Object.values(data);
  if (payload === undefined) throw new Error('the mutation returned no payload');
  return payload;
}

describe("every agency's part of one case, from referral to verdict", () => {
  const platform = useTestPlatform({
    root: (config) => EmbeddedPlatformModule.forRoot(config),
    serviceName: 'pamoja-case-lifecycle-e2e',
    // The hospital that gives a service is a partner that never acts itself.
    agencies: [{ agencyId: 'hopital-fictif-goma', agencyType: 'assistance_provider' }],
    // The story's own site, and the registered site its assistance referral names (the test kit's default).
    registeredSites: [testSite('NK-MAS-014', 'Bibatama-Sud')],
  });
  const as = (agency: Agency): GraphqlTestClient => platform.as({ ...agency, roles: [agency.role] });

  // What the walk produces, step by step.
  let siteId = '';
  let referralId = '';
  let jointCaseId = '';
  let investigationId = '';
  let evidenceId = '';
  let suspectId = '';
  let assistanceId = '';
  let caseFileId = '';
  let prosecutionId = '';
  let chargeId = '';
  let hearingId = '';
  // Every entry of the case in full, in order; each reader sees it through asSeenBy.
  const expectedTimeline: ExpectedEntry[] = [];
  let assistanceReferralId = '';
  const recorded = (agency: Agency, ...eventTypes: string[]) => {
    for (const eventType of eventTypes) {
      expectedTimeline.push({
        eventType,
        agencyId: agency.agencyId,
        agencyType: agency.agencyType,
        roles: [agency.role],
      });
    }
  };

  const jointCase = async (reader: Agency = APLT): Promise<JointCaseView> => {
    const { case: found } = await as(reader).ok<{
      case: Omit<JointCaseView, 'timeline'> & { timeline: { nodes: TimelineEntry[] } };
    }>(JOINT_CASE, { id: jointCaseId });
    return { ...found, timeline: found.timeline.nodes };
  };
  const jointCases = async (filter: Record<string, unknown> = {}): Promise<JointCaseView[]> =>
    (await as(APLT).ok<{ jointCases: { nodes: JointCaseView[] } }>(JOINT_CASES, { filter })).jointCases.nodes;
  const referral = async (reader: Agency) =>
    (await as(reader).ok<{ referral: ReferralViewResult }>(REFERRAL, { id: referralId })).referral;
  const investigation = async (reader: Agency) =>
    (await as(reader).ok<{ investigation: InvestigationView }>(INVESTIGATION, { id: investigationId })).investigation;
  /** The access policy refuses the operation outright: FORBIDDEN, before anything runs. */
  const refusedByPolicy = async (reader: Agency, query: string, variables: Record<string, unknown> = {}) => {
    const result = await as(reader).request(query, variables);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', reason: 'access_policy' });
  };
  const investigationsOf = async (reader: Agency) =>
    (await as(reader).ok<{ investigations: { nodes: InvestigationView[] } }>(INVESTIGATIONS)).investigations.nodes;
  const assistanceCase = async (reader: Agency) =>
    (await as(reader).ok<{ assistanceCase: AssistanceView }>(ASSISTANCE_CASE, { id: assistanceId })).assistanceCase;
  const assistanceCasesOf = async (reader: Agency) =>
    (await as(reader).ok<{ assistanceCases: { nodes: AssistanceView[] } }>(ASSISTANCE_CASES)).assistanceCases.nodes;
  const prosecutionsOf = async (reader: Agency) =>
    (await as(reader).ok<{ prosecutions: { nodes: Record<string, unknown>[] } }>(PROSECUTIONS)).prosecutions.nodes;
  const prosecution = async () =>
    (await as(PARQUET).ok<{ prosecution: Record<string, unknown> }>(PROSECUTION, { id: prosecutionId })).prosecution;
  const upcomingHearings = async (reader: Agency, days = 14) =>
    (await as(reader).ok<{ upcomingHearings: { nodes: HearingView[] } }>(UPCOMING_HEARINGS, { days })).upcomingHearings
      .nodes;
  const overdueCaseFiles = async (reader: Agency) =>
    (await as(reader).ok<{ overdueCaseFileTransmissions: { nodes: { caseFileId: string }[] } }>(OVERDUE_CASE_FILES))
      .overdueCaseFileTransmissions.nodes;
  const sites = async (reader: Agency, filter: Record<string, unknown> = {}) =>
    (await as(reader).ok<{ mineSites: { nodes: SiteView[] } }>(SITES, { filter })).mineSites.nodes;

  /** The expected entries as the reader sees them. */
  const expectedFor = (reader: Agency): ExpectedEntry[] =>
    expectedTimeline.map((e) => asSeenBy(reader, e)).filter((e): e is ExpectedEntry => e !== undefined);
  /** The joint case's timeline: exactly the entries expected so far as the reader sees them, in order, each once. */
  const expectTimeline = (view: JointCaseView, reader: Agency = APLT) => {
    expect(
      view.timeline.map(({ eventType, agencyId, agencyType, roles }) => ({ eventType, agencyId, agencyType, roles })),
    ).toEqual(expectedFor(reader));
    expect(new Set(view.timeline.map((e) => e.eventId)).size).toBe(view.timeline.length);
    const times = view.timeline.map((e) => Date.parse(e.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  };
  /** What an agency may not read does not exist for it: NOT_FOUND, not a glimpse of another agency's data. */
  const expectNotFound = async (reader: Agency, query: string, variables: Record<string, unknown>) => {
    const result = await as(reader).request(query, variables);
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  };

  it('1. the mining authority registers and inspects the site and puts it under remediation (yellow)', async () => {
    const registered = await mutate<SitePayload>(as(SAEMAPE), REGISTER_SITE, {
      code: SITE_CODE,
      name: 'Kilima Fictif, pit 4',
      province: 'NORTH_KIVU',
      territory: 'MASISI',
      minerals: ['COLTAN', 'CASSITERITE'],
      latitude: -1.45,
      longitude: 28.85,
    });
    expect(registered).toMatchObject({ code: SITE_CODE, status: 'BLUE', revision: 0, replayed: false });
    siteId = registered.siteId;

    const inspected = await mutate<SitePayload>(as(SAEMAPE), INSPECT_SITE, {
      siteId,
      inspectedAt: new Date(Date.now() - 2 * DAY_MS).toISOString(),
      inspectingAgency: 'SAEMAPE Nord-Kivu, antenne de Masisi',
      findings: 'Diggers say the team leader holds their voter cards against a debt; no children seen.',
      indicatorsObserved: ['retention_of_identity_documents', 'debt_bondage'],
      recommendedStatus: 'YELLOW',
    });
    expect(inspected).toMatchObject({ siteId, status: 'BLUE', revision: 1 });

    const deadline = new Date(Date.now() + 90 * DAY_MS).toISOString();
    const yellow = await mutate<SitePayload>(as(SAEMAPE), CHANGE_SITE, {
      siteId,
      to: 'YELLOW',
      reason: 'Debt bondage reported; remediation plan agreed with the cooperative',
      remediationDeadline: deadline,
      expectedRevision: 1,
    });
    expect(yellow).toMatchObject({ siteId, status: 'YELLOW', revision: 2 });

    // The registry is public to every agency: each sees the same site, yellow until the deadline.
    const expected = {
      siteId,
      code: SITE_CODE,
      province: 'NORTH_KIVU',
      territory: 'MASISI',
      status: 'YELLOW',
      remediationDeadline: deadline,
      remediationDeadlineLocal: formatKivuTime(deadline),
      remediationOverdue: false,
      openIncidentCount: 0,
      registeredByAgencyId: SAEMAPE.agencyId,
      revision: 2,
      lastInspection: {
        inspectingAgency: 'SAEMAPE Nord-Kivu, antenne de Masisi',
        findings: expect.stringContaining('voter cards'),
        indicatorsObserved: ['retention_of_identity_documents', 'debt_bondage'],
        recommendedStatus: 'YELLOW',
        recordedByAgencyId: SAEMAPE.agencyId,
      },
    };
    for (const reader of [SAEMAPE, NGO, POLICE, PARQUET, USHINDI, APLT]) {
      const listed = await sites(reader, { territory: 'MASISI', status: 'YELLOW' });
      expect(listed).toEqual([expect.objectContaining(expected)]);
    }
    expect(formatKivuTime(deadline)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} CAT$/);

    // A site is not a case: no joint case is opened by the registry.
    expect(await jointCases()).toEqual([]);
  });

  it('2. the first responder refers the case to the police, which opens the joint case, and screens it', async () => {
    const submitted = (
      await as(NGO).ok<{ submitReferral: CommandPayload }>(SUBMIT, {
        input: {
          commandId: randomUUID(),
          subject: { isChild: false },
          consent: { givenBy: 'SELF', agencyTypes: ['POLICE'], purposes: ['INVESTIGATION'] },
          site: { code: SITE_CODE },
          indicators: ['DECEPTION', 'RETENTION_OF_IDENTITY_DOCUMENTS', 'DEBT_BONDAGE'],
          childLabourFlags: [],
          urgency: 'URGENT',
          toAgencyId: POLICE.agencyId,
          toAgencyType: 'POLICE',
          dueBy: new Date(Date.now() + 48 * HOUR_MS).toISOString(),
          summary: 'A digger recruited in Goma with a promise of paid work says his voter card is kept against a debt.',
        },
      })
    ).submitReferral;
    // The submission records the referral and the consent given with it.
    expect(submitted).toMatchObject({ status: 'SUBMITTED', revision: 1, replayed: false });
    referralId = submitted.referralId;
    jointCaseId = submitted.jointCaseId ?? '';
    expect(jointCaseId).toMatch(/^[0-9a-f-]{36}$/);

    // Police: the referral waits in their queue.
    const queue = await incoming(as(POLICE));
    expect(queue.find((r) => r.referralId === referralId)).toMatchObject({
      jointCaseId,
      jointCase: 'OPENED',
      status: 'SUBMITTED',
      subjectIsChild: false,
      childProtectionBasis: false,
      siteCode: SITE_CODE,
      indicators: ['DECEPTION', 'RETENTION_OF_IDENTITY_DOCUMENTS', 'DEBT_BONDAGE'],
      urgency: 'URGENT',
      fromAgencyId: NGO.agencyId,
      toAgencyId: POLICE.agencyId,
      overdue: false,
      screening: null,
      consent: { active: true, agencyTypes: ['POLICE'], purposes: ['INVESTIGATION'], withdrawn: false },
    });
    // NGO: sent and not yet answered.
    expect((await outgoing(as(NGO))).find((r) => r.referralId === referralId)).toMatchObject({
      status: 'SUBMITTED',
      jointCase: 'OPENED',
      toAgencyId: POLICE.agencyId,
    });

    // The NGO screens the referral for trafficking: act, means and purpose are all present for an adult.
    const screened = (
      await as(NGO).ok<{ assessTraffickingScreening: CommandPayload }>(ASSESS_SCREENING, {
        input: {
          commandId: randomUUID(),
          referralId,
          acts: ['RECRUITMENT', 'TRANSPORT'],
          means: ['DECEPTION', 'ABUSE_OF_VULNERABILITY'],
          purposes: ['FORCED_LABOUR'],
          personIsChild: false,
        },
      })
    ).assessTraffickingScreening;
    expect(screened).toMatchObject({ status: 'SUBMITTED', revision: 2 });
    for (const party of [NGO, POLICE]) {
      expect((await referral(party)).screening).toMatchObject({
        result: 'INDICATES_TRAFFICKING',
        meansRequired: true,
        acts: ['RECRUITMENT', 'TRANSPORT'],
        means: ['DECEPTION', 'ABUSE_OF_VULNERABILITY'],
        purposes: ['FORCED_LABOUR'],
        personIsChild: false,
        byAgencyId: NGO.agencyId,
      });
    }
    // Other agencies neither see the referral nor have it in their queues; the coordination body sees it.
    for (const outsider of [SAEMAPE, PARQUET, USHINDI]) {
      await expectNotFound(outsider, REFERRAL, { id: referralId });
      expect(await incoming(as(outsider))).toEqual([]);
    }
    expect((await referral(APLT)).referralId).toBe(referralId);
    expect(await incoming(as(APLT))).toEqual([]);

    recorded(NGO, 'ReferralSubmitted', 'ConsentRecorded', 'TraffickingScreeningAssessed');
    const view = await jointCase();
    expect(view).toMatchObject({
      jointCaseId,
      stage: 'IDENTIFIED',
      assistanceStage: 'NONE',
      siteCode: SITE_CODE,
      referralIds: [referralId],
      investigationIds: [],
      prosecutionIds: [],
      assistanceIds: [],
      incidentIds: [],
      agencyIds: [NGO.agencyId],
      missedDeadlines: 0,
    });
    expectTimeline(view);
    expect((await jointCases({ stage: 'IDENTIFIED' })).map((c) => c.jointCaseId)).toEqual([jointCaseId]);
  });

  it('3. the police accept and investigate: evidence and its custody, a suspect, an arrest', async () => {
    const accepted = (
      await as(POLICE).ok<{ acceptReferral: CommandPayload }>(ACCEPT, {
        input: { commandId: randomUUID(), referralId, expectedRevision: 2, note: 'OPJ assigned' },
      })
    ).acceptReferral;
    expect(accepted).toMatchObject({ status: 'ACCEPTED', revision: 3 });
    expect((await outgoing(as(NGO))).find((r) => r.referralId === referralId)).toMatchObject({
      status: 'ACCEPTED',
      statusReason: 'OPJ assigned',
    });

    const opened = await mutate<InvestigationPayload>(as(POLICE), OPEN_INVESTIGATION, {
      jointCaseId,
      referralId,
      siteCode: SITE_CODE,
      offences: ['FORCED_LABOUR', 'TRAFFICKING_IN_PERSONS'],
      leadOfficerId: 'opj-masisi-0412',
    });
    expect(opened).toMatchObject({ jointCaseId, status: 'OPEN', revision: 0 });
    investigationId = opened.investigationId;

    const ledgerPhoto = Buffer.from('photo of the debt ledger kept at pit 4, page 3 (fictional)', 'utf8');
    const sha256 = createHash('sha256').update(ledgerPhoto).digest('hex');
    const evidence = await mutate<InvestigationPayload>(as(POLICE), RECORD_EVIDENCE, {
      investigationId,
      description: 'Photo of the debt ledger kept by the team leader',
      kind: 'PHOTO',
      sha256,
      collectedAt: new Date(Date.now() - 2 * HOUR_MS).toISOString(),
      collectedBy: 'opj-masisi-0412',
    });
    expect(evidence).toMatchObject({ revision: 1, evidenceId: expect.any(String) });
    evidenceId = evidence.evidenceId ?? '';

    const transfer = await mutate<InvestigationPayload>(as(POLICE), TRANSFER_CUSTODY, {
      investigationId,
      evidenceId,
      from: { agencyId: POLICE.agencyId, officerId: 'opj-masisi-0412' },
      to: { agencyId: 'pnc-pts-goma', officerId: 'tech-12' },
      at: new Date(Date.now() - HOUR_MS).toISOString(),
      reason: 'Forensic copy of the photo',
    });
    expect(transfer).toMatchObject({ revision: 2, evidenceId });

    const suspect = await mutate<InvestigationPayload>(as(POLICE), IDENTIFY_SUSPECT, {
      investigationId,
      role: 'RECRUITER',
      alias: SUSPECT_ALIAS,
      description: 'Recruits diggers at the Goma bus station',
      personal: { name: SUSPECT_NAME, dateOfBirth: '1979-03-14' },
    });
    expect(suspect).toMatchObject({ revision: 3, suspectId: expect.any(String) });
    suspectId = suspect.suspectId ?? '';

    const arrest = await mutate<InvestigationPayload>(as(POLICE), RECORD_ARREST, {
      investigationId,
      suspectId,
      arrestedAt: new Date(Date.now() - 30 * 60_000).toISOString(),
      location: 'Masisi centre',
      legalBasis: "Mandat d'arrêt provisoire 041/2025",
    });
    expect(arrest).toMatchObject({ revision: 4, suspectId });

    // Police: their list counts the work; the detail shows the hash, the chain and the suspect in full.
    expect((await investigationsOf(POLICE)).filter((i) => i.investigationId === investigationId)).toEqual([
      expect.objectContaining({
        jointCaseId,
        referralId,
        siteCode: SITE_CODE,
        offences: ['FORCED_LABOUR', 'TRAFFICKING_IN_PERSONS'],
        leadAgencyId: POLICE.agencyId,
        status: 'OPEN',
        evidenceCount: 1,
        suspectCount: 1,
        arrestCount: 1,
        caseFileCount: 0,
        revision: 4,
      }),
    ]);
    const byPolice = await investigation(POLICE);
    expect(byPolice).toMatchObject({
      evidence: [
        {
          evidenceId,
          kind: 'PHOTO',
          sha256,
          collectedBy: 'opj-masisi-0412',
          custodian: { agencyId: 'pnc-pts-goma', officerId: 'tech-12' },
          custodyChain: [
            { from: null, to: { agencyId: POLICE.agencyId, officerId: 'opj-masisi-0412' }, reason: null },
            {
              from: { agencyId: POLICE.agencyId, officerId: 'opj-masisi-0412' },
              to: { agencyId: 'pnc-pts-goma', officerId: 'tech-12' },
              reason: 'Forensic copy of the photo',
            },
          ],
        },
      ],
      suspects: [{ suspectId, role: 'RECRUITER', alias: SUSPECT_ALIAS, name: SUSPECT_NAME, dateOfBirth: '1979-03-14' }],
      arrests: [{ suspectId, location: 'Masisi centre' }],
      caseFiles: [],
    });
    // Other agencies may not read investigations at all (the access policy); prosecutors have no
    // investigation list of their own, and no case file has reached the Parquet yet: it is no party to
    // the case, and the investigation does not exist for it.
    for (const other of [NGO, SAEMAPE, USHINDI, APLT]) {
      await refusedByPolicy(other, INVESTIGATIONS);
      await refusedByPolicy(other, INVESTIGATION, { id: investigationId });
    }
    await refusedByPolicy(PARQUET, INVESTIGATIONS);
    await expectNotFound(PARQUET, INVESTIGATION, { id: investigationId });
    await expectNotFound(PARQUET, JOINT_CASE, { id: jointCaseId });
    expect((await incoming(as(POLICE))).find((r) => r.referralId === referralId)?.status).toBe('ACCEPTED');

    recorded(POLICE, 'ReferralAccepted', 'InvestigationOpened', 'EvidenceRecorded', 'EvidenceCustodyTransferred');
    recorded(POLICE, 'SuspectIdentified', 'ArrestMade');
    const view = await jointCase();
    expect(view).toMatchObject({
      stage: 'UNDER_INVESTIGATION',
      assistanceStage: 'NONE',
      siteCode: SITE_CODE,
      referralIds: [referralId],
      investigationIds: [investigationId],
      prosecutionIds: [],
      assistanceIds: [],
      agencyIds: [NGO.agencyId, POLICE.agencyId],
      missedDeadlines: 0,
    });
    expectTimeline(view);
    // The police, a justice party, read their own steps and the handoffs in full as well.
    expectTimeline(await jointCase(POLICE), POLICE);
    // The NGO, outside the justice chain, sees the handoffs and nothing of the investigation.
    expectTimeline(await jointCase(NGO), NGO);
  });

  it('4. in parallel, the assistance NGO registers the victim, assesses needs, helps and protects', async () => {
    // Ushindi may act in the case once a party referred it: the NGO refers the digger it met on.
    const toUshindi = await referCaseTo(as(NGO), { referralId, jointCaseId }, USHINDI, {
      indicators: ['DEBT_BONDAGE'],
      childLabourFlags: [],
      summary: 'The same digger needs medical care and a safe place to stay.',
    });
    assistanceReferralId = toUshindi.referralId;
    await as(USHINDI).ok(ACCEPT, { input: { commandId: randomUUID(), referralId: assistanceReferralId } });
    recorded(NGO, 'ReferralSubmitted');
    recorded(USHINDI, 'ReferralAccepted');

    const registered = await mutate<AssistancePayload>(as(USHINDI), REGISTER_VICTIM, {
      jointCaseId,
      personId: toUshindi.personId,
      ageGroup: 'ADULT',
      sex: 'MALE',
      nationality: 'CD',
      formsOfExploitation: ['FORCED_LABOUR'],
      agreementToManagePersonalData: true,
      consentGivenBy: 'SELF',
      personal: { fullName: VICTIM_NAME, dateOfBirth: '1998-07-21', phone: VICTIM_PHONE, currentLocation: 'Goma' },
    });
    expect(registered).toMatchObject({ jointCaseId, status: 'REGISTERED', revision: 0 });
    assistanceId = registered.assistanceId;
    recorded(USHINDI, 'VictimRegistered');
    const justRegistered = await jointCase();
    expect(justRegistered).toMatchObject({
      stage: 'UNDER_INVESTIGATION',
      assistanceStage: 'REGISTERED',
      assistanceIds: [assistanceId],
    });
    expectTimeline(justRegistered);

    expect(
      await mutate<AssistancePayload>(as(USHINDI), ASSESS_NEEDS, {
        assistanceId,
        needs: [
          { need: 'MEDICAL', priority: 'URGENT' },
          { need: 'PSYCHOSOCIAL', priority: 'HIGH' },
          { need: 'PROTECTION', priority: 'HIGH' },
        ],
      }),
    ).toMatchObject({ status: 'ASSESSED', revision: 1 });
    expect(
      await mutate<AssistancePayload>(as(USHINDI), PROVIDE_SERVICE, {
        assistanceId,
        kind: 'MEDICAL',
        providerAgencyId: 'hopital-fictif-goma',
        note: 'First consultation',
      }),
    ).toMatchObject({ status: 'IN_ASSISTANCE', revision: 2 });
    const reviewBy = new Date(Date.now() + 30 * DAY_MS).toISOString();
    expect(
      await mutate<AssistancePayload>(as(USHINDI), PROTECT, {
        assistanceId,
        measure: 'WITNESS_PROTECTION',
        reviewBy,
        consentGivenBy: 'SELF',
      }),
    ).toMatchObject({ status: 'IN_ASSISTANCE', revision: 3 });

    // The assisting agency sees the person; everyone else sees the case without the identity.
    const own = await assistanceCase(USHINDI);
    expect(own).toMatchObject({
      assistanceId,
      jointCaseId,
      assistingAgencyId: USHINDI.agencyId,
      status: 'IN_ASSISTANCE',
      ageGroup: 'ADULT',
      isChild: false,
      needsMet: ['MEDICAL', 'PROTECTION'],
      needsOutstanding: ['PSYCHOSOCIAL'],
      services: [{ kind: 'MEDICAL', providerAgencyId: 'hopital-fictif-goma', note: 'First consultation' }],
      protectionMeasures: [
        { measure: 'WITNESS_PROTECTION', reviewBy, reviewByLocal: formatKivuTime(reviewBy), consentGivenBy: 'SELF' },
      ],
      revision: 3,
      identity: { fullName: VICTIM_NAME, dateOfBirth: '1998-07-21', phone: VICTIM_PHONE, currentLocation: 'Goma' },
    });
    expect((await assistanceCasesOf(USHINDI)).map((c) => c.assistanceId)).toEqual([assistanceId]);
    // The case's parties and the coordination body find the assistance case, without the identity (the
    // person consented to no information sharing); agencies outside the case do not find it at all.
    for (const other of [POLICE, NGO, APLT]) {
      const seen = await assistanceCase(other);
      expect(seen).toMatchObject({ assistanceId, status: 'IN_ASSISTANCE', identity: null });
      expect(JSON.stringify(seen)).not.toContain(VICTIM_NAME);
      expect(JSON.stringify(seen)).not.toContain(VICTIM_PHONE);
      await refusedByPolicy(other, ASSISTANCE_CASES);
    }
    for (const outsider of [PARQUET, SAEMAPE]) {
      await expectNotFound(outsider, ASSISTANCE_CASE, { id: assistanceId });
      await refusedByPolicy(outsider, ASSISTANCE_CASES);
    }

    // The protection measure itself never leaves the assisting agency (a safe house or a relocation is
    // what traffickers look for), in embedded mode as on Kafka: the joint timeline shows only THAT the
    // agency did something, redacted (no type, no summary, no roles).
    recorded(USHINDI, 'NeedsAssessed', 'ServiceProvided', PROTECTION);
    const view = await jointCase();
    expect(view).toMatchObject({
      stage: 'UNDER_INVESTIGATION',
      assistanceStage: 'IN_ASSISTANCE',
      referralIds: [referralId, assistanceReferralId],
      investigationIds: [investigationId],
      prosecutionIds: [],
      assistanceIds: [assistanceId],
      agencyIds: [NGO.agencyId, POLICE.agencyId, USHINDI.agencyId],
    });
    expectTimeline(view);
  });

  it('5. the police transmit the case file; the prosecutor receives it and the platform acknowledges it', async () => {
    const dueBy = new Date(Date.now() + 7 * DAY_MS).toISOString();
    const transmitted = await mutate<InvestigationPayload>(as(POLICE), TRANSMIT, {
      investigationId,
      toProsecutorOfficeId: PARQUET.agencyId,
      dueBy,
      summary:
        'Recruitment by deception and debt bondage of diggers at pit 4; ledger photo and arrest report enclosed.',
      evidenceIds: [evidenceId],
      suspectIds: [suspectId],
    });
    expect(transmitted).toMatchObject({ revision: 5, caseFileId: expect.any(String) });
    const sent = transmitted.caseFileId ?? '';
    expect((await investigation(POLICE)).caseFiles).toEqual([
      expect.objectContaining({
        caseFileId: sent,
        jointCaseId,
        fromAgencyId: POLICE.agencyId,
        toProsecutorOfficeId: PARQUET.agencyId,
        dueBy,
        dueByLocal: formatKivuTime(dueBy),
        evidenceIds: [evidenceId],
        suspectIds: [suspectId],
        status: 'AWAITING_ACKNOWLEDGEMENT',
        overdue: false,
        acknowledgedAt: null,
      }),
    ]);
    recorded(POLICE, 'CaseFileTransmitted');
    expectTimeline(await jointCase());

    // The prosecutor's queue shows the file waiting for acknowledgement; nobody else has such a queue.
    const queue = (await as(PARQUET).ok<{ incomingCaseFiles: { nodes: CaseFileView[] } }>(INCOMING_CASE_FILES))
      .incomingCaseFiles.nodes;
    expect(queue.map((c) => [c.caseFileId, c.status, c.overdue])).toEqual([[sent, 'AWAITING_ACKNOWLEDGEMENT', false]]);
    await refusedByPolicy(POLICE, INCOMING_CASE_FILES);
    // It is the same file the joint case links to.
    const [linkedInvestigation] = (await jointCase(PARQUET)).investigationIds;
    expect(linkedInvestigation).toBe(investigationId);
    const file = (await investigation(PARQUET)).caseFiles.find((c) => c.toProsecutorOfficeId === PARQUET.agencyId);
    caseFileId = file?.caseFileId ?? '';
    expect(caseFileId).toBe(sent);
    // The case file made the Parquet a party: it reads the investigation, the suspect's identity included.
    expect((await investigation(PARQUET)).suspects[0]?.name).toBe(SUSPECT_NAME);

    const received = await mutate<ProsecutionPayload>(as(PARQUET), RECEIVE_CASE_FILE, {
      jointCaseId,
      caseFileId,
      investigationId,
      fromPoliceAgencyId: POLICE.agencyId,
      suspects: [{ suspectId, role: 'recruiter' }],
    });
    expect(received).toMatchObject({ jointCaseId, status: 'CASE_FILE_RECEIVED', revision: 0 });
    prosecutionId = received.prosecutionId;
    expect(await prosecutionsOf(PARQUET)).toEqual([
      {
        prosecutionId,
        jointCaseId,
        caseFileId,
        investigationId,
        fromPoliceAgencyId: POLICE.agencyId,
        status: 'CASE_FILE_RECEIVED',
        chargeCount: 0,
        verdictCount: 0,
        convictionCount: 0,
        hearingCount: 0,
        hearingsHeldCount: 0,
        revision: 0,
        suspects: [{ suspectId, role: 'recruiter' }],
      },
    ]);
    for (const other of [POLICE, NGO, USHINDI, SAEMAPE, APLT]) {
      await refusedByPolicy(other, PROSECUTIONS);
      await refusedByPolicy(other, PROSECUTION, { id: prosecutionId });
    }

    // The platform's reactor tells the investigation that the office received the file.
    const acknowledged = await eventually(
      () => investigation(POLICE),
      (v) => v.caseFiles[0]?.status === 'ACKNOWLEDGED',
    );
    expect(acknowledged).toMatchObject({ revision: 6, caseFileCount: 1 });
    expect(acknowledged.caseFiles).toEqual([
      expect.objectContaining({
        caseFileId,
        status: 'ACKNOWLEDGED',
        overdue: false,
        acknowledgedAt: expect.any(String),
        acknowledgedByAgencyId: PARQUET.agencyId,
      }),
    ]);
    expect(await overdueCaseFiles(POLICE)).toEqual([]);
    expect(await overdueCaseFiles(PARQUET)).toEqual([]);
    expect(
      (await as(PARQUET).ok<{ incomingCaseFiles: { nodes: CaseFileView[] } }>(INCOMING_CASE_FILES)).incomingCaseFiles
        .nodes,
    ).toEqual([]);

    recorded(PARQUET, 'CaseFileReceived', 'CaseFileAcknowledgementRecorded');
    const view = await eventually(jointCase, (v) => v.timeline.length === expectedTimeline.length);
    expect(view).toMatchObject({
      stage: 'IN_PROSECUTION',
      assistanceStage: 'IN_ASSISTANCE',
      referralIds: [referralId, assistanceReferralId],
      investigationIds: [investigationId],
      prosecutionIds: [prosecutionId],
      assistanceIds: [assistanceId],
      agencyIds: [NGO.agencyId, POLICE.agencyId, USHINDI.agencyId, PARQUET.agencyId],
      missedDeadlines: 0,
    });
    expectTimeline(view);
  });

  it('6. the prosecutor charges, the court hears the case and convicts; the police complete the referral', async () => {
    const charged = await mutate<ProsecutionPayload>(as(PARQUET), FILE_CHARGES, {
      prosecutionId,
      suspectId,
      offence: 'TRAFFICKING_IN_PERSONS',
      legalBasis: LEGAL_BASIS,
    });
    expect(charged).toMatchObject({ status: 'CHARGED', revision: 1, itemId: expect.any(String) });
    chargeId = charged.itemId ?? '';

    // A hearing a few seconds ahead, so that it has really taken place when it is recorded as held.
    const scheduledFor = new Date(Date.now() + 3_000);
    const scheduled = await mutate<ProsecutionPayload>(as(PARQUET), SCHEDULE_HEARING, {
      prosecutionId,
      court: 'Tribunal de grande instance de Goma (chambre foraine de Masisi)',
      scheduledFor: scheduledFor.toISOString(),
      purpose: 'Audience de fond',
    });
    expect(scheduled).toMatchObject({ status: 'IN_TRIAL', revision: 2, itemId: expect.any(String) });
    hearingId = scheduled.itemId ?? '';
    expect(await upcomingHearings(PARQUET)).toEqual([
      {
        hearingId,
        prosecutionId,
        jointCaseId,
        court: 'Tribunal de grande instance de Goma (chambre foraine de Masisi)',
        scheduledFor: scheduledFor.toISOString(),
        scheduledForLocal: formatKivuTime(scheduledFor),
        purpose: 'Audience de fond',
        heldAt: null,
        outcome: null,
      },
    ]);
    for (const other of [POLICE, NGO, USHINDI, SAEMAPE, APLT]) {
      await refusedByPolicy(other, UPCOMING_HEARINGS, { days: 14 });
    }

    await sleep(Math.max(0, scheduledFor.getTime() - Date.now() + 50));
    expect(
      await mutate<ProsecutionPayload>(as(PARQUET), HOLD_HEARING, {
        prosecutionId,
        hearingId,
        outcome: 'Victim and arresting officer heard; case taken under advisement',
      }),
    ).toMatchObject({ status: 'IN_TRIAL', revision: 3 });
    expect(await upcomingHearings(PARQUET)).toEqual([]);

    expect(
      await mutate<ProsecutionPayload>(as(PARQUET), RENDER_VERDICT, { prosecutionId, chargeId, verdict: 'CONVICTED' }),
    ).toMatchObject({ status: 'ADJUDICATED', revision: 4 });
    expect(
      await mutate<ProsecutionPayload>(as(PARQUET), IMPOSE_SENTENCE, {
        prosecutionId,
        chargeId,
        imprisonmentMonths: 60,
        fine: { amount: 1000, currency: 'USD' },
      }),
    ).toMatchObject({ status: 'ADJUDICATED', revision: 5 });
    const restitution = await mutate<ProsecutionPayload>(as(PARQUET), ORDER_RESTITUTION, {
      prosecutionId,
      // The victim by the opaque reference of their assistance case, never by name.
      victimRef: assistanceId,
      amount: 850,
      currency: 'USD',
      note: 'Unpaid wages and the debt unlawfully claimed',
    });
    expect(restitution).toMatchObject({ status: 'ADJUDICATED', revision: 6 });

    expect(await prosecution()).toMatchObject({
      prosecutionId,
      jointCaseId,
      officeAgencyId: PARQUET.agencyId,
      status: 'ADJUDICATED',
      chargeCount: 1,
      verdictCount: 1,
      convictionCount: 1,
      revision: 6,
      charges: [
        {
          chargeId,
          suspectId,
          offence: 'TRAFFICKING_IN_PERSONS',
          legalBasis: LEGAL_BASIS,
          verdict: 'CONVICTED',
          sentence: { imprisonmentMonths: 60, fineAmount: 1000, fineCurrency: 'USD' },
        },
      ],
      hearings: [{ hearingId, heldAt: expect.any(String), outcome: expect.stringContaining('Victim') }],
      restitutions: [
        {
          restitutionId: restitution.itemId,
          victimRef: assistanceId,
          amount: 850,
          currency: 'USD',
          note: 'Unpaid wages and the debt unlawfully claimed',
        },
      ],
    });
    expect(await prosecutionsOf(PARQUET)).toEqual([
      expect.objectContaining({ prosecutionId, status: 'ADJUDICATED', hearingCount: 1, hearingsHeldCount: 1 }),
    ]);
    recorded(PARQUET, 'ChargesFiled', 'HearingScheduled', 'HearingHeld', 'VerdictRendered', 'SentenceImposed');
    recorded(PARQUET, 'RestitutionOrdered');
    const adjudicated = await jointCase();
    expect(adjudicated.stage).toBe('ADJUDICATED');
    expectTimeline(adjudicated);

    // The police close the handoff they accepted; the first responder sees how it ended.
    const completed = (
      await as(POLICE).ok<{ completeReferral: CommandPayload }>(COMPLETE, {
        input: {
          commandId: randomUUID(),
          referralId,
          outcome: 'Recruiter convicted by the TGI Goma: 60 months and restitution to the victim',
        },
      })
    ).completeReferral;
    expect(completed).toMatchObject({ status: 'COMPLETED', revision: 4 });
    expect((await outgoing(as(NGO))).find((r) => r.referralId === referralId)).toMatchObject({
      status: 'COMPLETED',
      statusReason: 'Recruiter convicted by the TGI Goma: 60 months and restitution to the victim',
    });
    expect((await incoming(as(POLICE), { status: 'COMPLETED' })).map((r) => r.referralId)).toEqual([referralId]);
    recorded(POLICE, 'ReferralCompleted');
    const view = await jointCase();
    expect(view).toMatchObject({ stage: 'ADJUDICATED', assistanceStage: 'IN_ASSISTANCE' });
    expectTimeline(view);
  });

  it("7. the joint case tells the whole story, agency by agency, without anyone's name", async () => {
    const view = await jointCase();
    expect(view).toMatchObject({
      jointCaseId,
      stage: 'ADJUDICATED',
      assistanceStage: 'IN_ASSISTANCE',
      siteCode: SITE_CODE,
      referralIds: [referralId, assistanceReferralId],
      investigationIds: [investigationId],
      prosecutionIds: [prosecutionId],
      assistanceIds: [assistanceId],
      incidentIds: [],
      agencyIds: [NGO.agencyId, POLICE.agencyId, USHINDI.agencyId, PARQUET.agencyId],
      missedDeadlines: 0,
    });
    expectTimeline(view);
    // The police, a justice party, read the whole story: the assistance only as notices.
    const byPolice = await jointCase(POLICE);
    expectTimeline(byPolice, POLICE);
    expect(byPolice.timeline.map((e) => `${e.agencyId}:${String(e.eventType)}`)).toEqual([
      'ngo-kivu-hope:ReferralSubmitted',
      'ngo-kivu-hope:ConsentRecorded',
      'ngo-kivu-hope:TraffickingScreeningAssessed',
      'pnc-pmh-masisi:ReferralAccepted',
      'pnc-pmh-masisi:InvestigationOpened',
      'pnc-pmh-masisi:EvidenceRecorded',
      'pnc-pmh-masisi:EvidenceCustodyTransferred',
      'pnc-pmh-masisi:SuspectIdentified',
      'pnc-pmh-masisi:ArrestMade',
      'ngo-kivu-hope:ReferralSubmitted',
      'ngo-ushindi:ReferralAccepted',
      'ngo-ushindi:null',
      'ngo-ushindi:null',
      'ngo-ushindi:null',
      'ngo-ushindi:null',
      'pnc-pmh-masisi:CaseFileTransmitted',
      'parquet-goma:CaseFileReceived',
      'parquet-goma:CaseFileAcknowledgementRecorded',
      'parquet-goma:ChargesFiled',
      'parquet-goma:HearingScheduled',
      'parquet-goma:HearingHeld',
      'parquet-goma:VerdictRendered',
      'parquet-goma:SentenceImposed',
      'parquet-goma:RestitutionOrdered',
      'pnc-pmh-masisi:ReferralCompleted',
    ]);
    // The coordination body reads the handoffs and the case file in full, the investigative and
    // prosecution steps as notices; the first responder and the assisting NGO do not see those steps.
    expect(view.timeline.filter((e) => e.eventType !== null && JUSTICE_STEPS.has(e.eventType))).toEqual([]);
    expect(view.timeline.filter((e) => e.redacted)).toHaveLength(15);
    for (const outside of [NGO, USHINDI]) {
      const seen = await jointCase(outside);
      expectTimeline(seen, outside);
      expect(seen.timeline.map((e) => e.eventType)).not.toContain('CaseFileTransmitted');
      expect(seen.timeline.filter((e) => e.agencyId === PARQUET.agencyId)).toEqual([]);
    }
    // Each entry says in a few words what happened, from what the agencies share; a notice says nothing.
    const summaryOf = (type: string | null) => byPolice.timeline.find((e) => e.eventType === type)?.summary;
    expect(summaryOf('HearingScheduled')).toMatch(/^Hearing scheduled for \d{4}-\d{2}-\d{2}$/);
    expect(summaryOf('CaseFileTransmitted')).toMatch(
      /^Case file transmitted to the prosecutor's office \(acknowledgement due /,
    );
    expect(summaryOf('VerdictRendered')).toBe('Verdict rendered: convicted');
    expect(summaryOf(null)).toBeNull();
    expect(view.timeline.filter((e) => !e.redacted && !e.summary)).toEqual([]);
    expect(byPolice.timeline.filter((e) => !e.redacted && !e.summary)).toEqual([]);
    expect(Date.parse(view.openedAt)).toBe(Date.parse(view.timeline[0]?.occurredAt ?? ''));
    expect(Date.parse(view.lastActivityAt)).toBe(Date.parse(view.timeline.at(-1)?.occurredAt ?? ''));

    expect((await jointCases({ stage: 'ADJUDICATED' })).map((c) => c.jointCaseId)).toContain(jointCaseId);
    for (const stage of ['IDENTIFIED', 'UNDER_INVESTIGATION', 'IN_PROSECUTION']) {
      expect((await jointCases({ stage })).map((c) => c.jointCaseId)).not.toContain(jointCaseId);
    }
    const { escalations } = await as(APLT).ok<{ escalations: { nodes: { jointCaseId: string | null }[] } }>(
      ESCALATIONS,
    );
    expect(escalations.nodes.filter((e) => e.jointCaseId === jointCaseId)).toEqual([]);

    // The joint view carries ids, stages and who did what: no person's name, alias or phone number.
    const serialized = JSON.stringify(view);
    for (const personal of [VICTIM_NAME, VICTIM_PHONE, SUSPECT_NAME, SUSPECT_ALIAS, 'Amani', 'Kizito']) {
      expect(serialized).not.toContain(personal);
    }

    // The mining authority's registry is untouched by the case: the story's site keeps the status it gave it.
    expect(
      (await sites(SAEMAPE, { territory: 'MASISI' }))
        .filter((s) => s.code === SITE_CODE)
        .map((s) => [s.code, s.status]),
    ).toEqual([[SITE_CODE, 'YELLOW']]);
  });

  it("8. each agency reads its part of the joint case: the prosecutions, and the victim's identity for the assisting NGO only", async () => {
    const PARTS = `query($id: ID!) { jointCase(jointCaseId: $id) { jointCaseId
      prosecutions { prosecutionId officeAgencyId status convictionCount }
      assistance { assistanceId status ageGroup services { kind note } identity { fullName } } } }`;
    interface Parts {
      prosecutions: Record<string, unknown>[];
      assistance: Record<string, unknown>[];
    }
    const partsOf = async (reader: Agency) =>
      (await as(reader).ok<{ jointCase: Parts }>(PARTS, { id: jointCaseId })).jointCase;

    const prosecuted = [{ prosecutionId, officeAgencyId: PARQUET.agencyId, status: 'ADJUDICATED', convictionCount: 1 }];
    for (const reader of [POLICE, PARQUET, APLT]) expect((await partsOf(reader)).prosecutions).toEqual(prosecuted);
    for (const reader of [NGO, USHINDI]) expect((await partsOf(reader)).prosecutions).toEqual([]);
    // The mining authority is no party to the case: it does not exist for it.
    await expectNotFound(SAEMAPE, PARTS, { id: jointCaseId });

    expect((await partsOf(USHINDI)).assistance).toEqual([
      {
        assistanceId,
        status: 'IN_ASSISTANCE',
        ageGroup: 'ADULT',
        services: [{ kind: 'MEDICAL', note: 'First consultation' }],
        identity: { fullName: VICTIM_NAME },
      },
    ]);
    // The coordination body and the case's other parties find the assistance case in summary: that the
    // person is assisted, never who they are nor which services by whom (no consent to share).
    for (const reader of [APLT, NGO, POLICE, PARQUET]) {
      expect((await partsOf(reader)).assistance).toEqual([
        {
          assistanceId,
          status: 'IN_ASSISTANCE',
          ageGroup: null,
          services: [],
          identity: null,
        },
      ]);
    }
  });
});
