import { EVENT_STORE, type EventStore } from '@pamoja/event-store';
import { DEMO_AGENCIES, registerAgencies } from '@pamoja/platform/directory';
import { createHash } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { type AgencyType } from '@pamoja/contracts';
import { type PlatformConfig } from '@pamoja/platform/config';
import { issueDevToken, loadOrCreateDevIssuer } from '@pamoja/platform/auth';
import { GraphqlClient, type GraphqlErrorBody } from '@pamoja/platform/graphql';
import { Projections } from '@pamoja/platform/store';
import { startService, type StartedService } from '@pamoja/platform/runtime';
import { EmbeddedPlatformModule } from '../app.module.js';

/*
 * The demo scenario: fictional agencies, sites and people in real territories of North and South Kivu,
 * loaded through the GraphQL API only, so every validation and rule applies as for any client.
 *
 * Idempotency. Every command id is a UUID v5 of `seed/<step name>` in a fixed namespace, and so is
 * every id the seed chooses (referral, investigation, evidence...); the ids the platform chooses (joint
 * cases, the prosecution) derive from those. A second run sends the same commands with the same ids
 * and the same input, and the platform answers each one as the first time (replayed: true) without
 * writing anything. The input is the same because no value depends on when the seed runs:
 *  - The anchor is the time at which the platform registered the first seed site (NK-MAS-101). It is
 *    read back after the registration, which has no time in its input, so every run reads the same
 *    anchor. Due dates, the remediation deadline and the protection review date are the anchor plus a
 *    fixed period; times that must lie in the past (inspections) are the anchor plus a second, and the
 *    seed waits until that second has passed before sending.
 *  - Field work of the investigation (evidence, arrest, custody) is dated from the investigation's own
 *    opening time, read back the same way.
 *  - The two values that must be a few seconds ahead when first sent (the due time of the referral
 *    left unanswered, and the hearing date) are read back from the platform when the referral or the
 *    hearing already exists, and only computed from the clock the first time.
 *  - Everything else (when a hearing was held, a verdict rendered, a service given) is left to the
 *    platform's clock by omitting the optional time.
 * A run interrupted half-way completes on the next run as long as the fixed periods have not run out
 * (the first referral due dates are two days after the anchor). Time still passes in the scenario: the
 * referral left pending is due 30 days after the anchor, and once that has passed the platform itself
 * records the miss, as it would for any referral.
 */

/** Namespace of the seed's ids (UUID v5): fixed forever, or a rerun would seed everything twice. */
const SEED_NAMESPACE = 'b7c1f0d2-6a4e-5c39-8f21-3d9e4a7b6c05';

export interface SeedAgency {
  readonly agencyId: string;
  readonly agencyType: AgencyType;
  readonly role: string;
}

/** The fictional agencies of the scenario, each acting with a development token. */
export const SEED_AGENCIES = {
  firstResponder: { agencyId: 'ngo-kivu-hope', agencyType: 'first_responder', role: 'field_worker' },
  miningAuthority: { agencyId: 'saemape-nk', agencyType: 'mining_authority', role: 'inspector' },
  police: { agencyId: 'pnc-pmh-masisi', agencyType: 'police', role: 'investigator' },
  prosecutor: { agencyId: 'parquet-goma', agencyType: 'prosecutor', role: 'prosecutor' },
  assistance: { agencyId: 'ngo-ushindi', agencyType: 'assistance_provider', role: 'case_worker' },
  coordination: { agencyId: 'aplt-nk', agencyType: 'coordination_body', role: 'coordinator' },
} as const satisfies Record<string, SeedAgency>;

export type SeedAgencyName = keyof typeof SEED_AGENCIES;

/** The user a token is issued to: the same as `npm run token` issues by default. */
export function seedUserId(agency: SeedAgency): string {
  return `${agency.agencyId}-user`;
}

export const SEED_KINDS = [
  'sites',
  'siteInspections',
  'siteStatusDecisions',
  'siteIncidents',
  'caseParties',
  'referrals',
  'referralAnswers',
  'screenings',
  'investigations',
  'evidence',
  'custodyTransfers',
  'suspects',
  'arrests',
  'caseFiles',
  'prosecutions',
  'charges',
  'hearings',
  'verdicts',
  'sentences',
  'restitutions',
  'assistanceCases',
  'services',
  'protectionMeasures',
  'escalations',
] as const;
export type SeedKind = (typeof SEED_KINDS)[number];

export interface SeedSummary {
  readonly dataDir: string;
  /** What the scenario holds, per kind: the same on every run. */
  readonly counts: Readonly<Record<SeedKind, number>>;
  /** Commands sent; on a rerun every one is replayed and none written. */
  readonly commands: { readonly sent: number; readonly written: number; readonly replayed: number };
  /** When the platform registered the first seed site: every seeded date derives from it. */
  readonly anchor: string;
  readonly fullCase: {
    readonly jointCaseId: string;
    readonly referralId: string;
    readonly investigationId: string;
    readonly prosecutionId: string;
    readonly assistanceId: string;
  };
  readonly missedDeadline: { readonly referralId: string; readonly jointCaseId: string };
  readonly durationMs: number;
}

export class SeedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SeedError';
  }
}

const SECOND_MS = 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** How far ahead the referral left unanswered, and the hearing, are set the first time. */
const SHORT_FUSE_MS = 2 * SECOND_MS;
const POLL_TIMEOUT_MS = 20 * SECOND_MS;

function commandIdFor(step: string): string {
  return uuidv5(`seed/${step}`, SEED_NAMESPACE);
}

function seedId(name: string): string {
  return uuidv5(`seed/id/${name}`, SEED_NAMESPACE);
}

function plus(base: string | Date, ms: number): string {
  return new Date(new Date(base).getTime() + ms).toISOString();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Returns once `instant` has passed (at once on a rerun, when it long has). */
async function until(instant: string): Promise<number> {
  const wait = new Date(instant).getTime() - Date.now() + 20;
  if (wait > 0) await sleep(wait);
  return Math.max(wait, 0);
}

function describeErrors(errors: readonly GraphqlErrorBody[] | undefined, status: number): string {
  if (!errors?.length) return `no data (HTTP ${status})`;
  return errors
    .map((e) => {
      const { code, rule, fields } = (e.extensions ?? {}) as {
        code?: string;
        rule?: string;
        fields?: { field: string; reason: string }[];
      };
      const details = [code, rule, ...(fields ?? []).map((f) => `${f.field}: ${f.reason}`)].filter(
        (d): d is string => typeof d === 'string' && d !== '',
      );
      return details.length > 0 ? `${e.message} (${details.join('; ')})` : e.message;
    })
    .join(' | ');
}

// ---------------------------------------------------------------------------------------------------
// GraphQL documents

const mutation = (name: string, inputType: string, fields: string): string =>
  `mutation Seed($input: ${inputType}!) { ${name}(input: $input) { ${fields} } }`;

const SITE_PAYLOAD = 'siteId code status revision replayed';
const INCIDENT_PAYLOAD = 'incidentId siteId jointCaseId status level revision replayed';
const REFERRAL_PAYLOAD = 'referralId jointCaseId status revision replayed';
const INVESTIGATION_PAYLOAD = 'investigationId jointCaseId status revision replayed evidenceId suspectId caseFileId';
const PROSECUTION_PAYLOAD = 'prosecutionId jointCaseId status revision itemId replayed';
const ASSISTANCE_PAYLOAD = 'assistanceId jointCaseId status revision replayed';
const CASE_PARTY_PAYLOAD = 'jointCaseId decisionId agencyId revision replayed';

const REGISTER_SITE = mutation('registerMineSite', 'RegisterMineSiteInput', SITE_PAYLOAD);
const INSPECT_SITE = mutation('recordMineSiteInspection', 'RecordMineSiteInspectionInput', SITE_PAYLOAD);
const CHANGE_SITE_STATUS = mutation('changeMineSiteStatus', 'ChangeMineSiteStatusInput', SITE_PAYLOAD);
const REPORT_INCIDENT = mutation('reportSiteIncident', 'ReportSiteIncidentInput', INCIDENT_PAYLOAD);
const CLASSIFY_INCIDENT = mutation('classifySiteIncident', 'ClassifySiteIncidentInput', INCIDENT_PAYLOAD);

const SUBMIT_REFERRAL = mutation('submitReferral', 'SubmitReferralInput', REFERRAL_PAYLOAD);
const ACCEPT_REFERRAL = mutation('acceptReferral', 'AcceptReferralInput', REFERRAL_PAYLOAD);
const DECLINE_REFERRAL = mutation('declineReferral', 'DeclineReferralInput', REFERRAL_PAYLOAD);
const REVOKE_REFERRAL = mutation('revokeReferral', 'RevokeReferralInput', REFERRAL_PAYLOAD);
const COMPLETE_REFERRAL = mutation('completeReferral', 'CompleteReferralInput', REFERRAL_PAYLOAD);
const SCREEN_REFERRAL = mutation('assessTraffickingScreening', 'AssessTraffickingScreeningInput', REFERRAL_PAYLOAD);

const OPEN_INVESTIGATION = mutation('openInvestigation', 'OpenInvestigationInput', INVESTIGATION_PAYLOAD);
const RECORD_EVIDENCE = mutation('recordEvidence', 'RecordEvidenceInput', INVESTIGATION_PAYLOAD);
const TRANSFER_CUSTODY = mutation(
  'recordEvidenceCustodyTransfer',
  'RecordEvidenceCustodyTransferInput',
  INVESTIGATION_PAYLOAD,
);
const IDENTIFY_SUSPECT = mutation('identifySuspect', 'IdentifySuspectInput', INVESTIGATION_PAYLOAD);
const RECORD_ARREST = mutation('recordArrest', 'RecordArrestInput', INVESTIGATION_PAYLOAD);
const TRANSMIT_CASE_FILE = mutation('transmitCaseFile', 'TransmitCaseFileInput', INVESTIGATION_PAYLOAD);
const CLOSE_INVESTIGATION = mutation('closeInvestigation', 'CloseInvestigationInput', INVESTIGATION_PAYLOAD);

const RECEIVE_CASE_FILE = mutation('receiveCaseFile', 'ReceiveCaseFileInput', PROSECUTION_PAYLOAD);
const FILE_CHARGES = mutation('fileCharges', 'FileChargesInput', PROSECUTION_PAYLOAD);
const SCHEDULE_HEARING = mutation('scheduleHearing', 'ScheduleHearingInput', PROSECUTION_PAYLOAD);
const RECORD_HEARING_HELD = mutation('recordHearingHeld', 'RecordHearingHeldInput', PROSECUTION_PAYLOAD);
const RENDER_VERDICT = mutation('renderVerdict', 'RenderVerdictInput', PROSECUTION_PAYLOAD);
const IMPOSE_SENTENCE = mutation('imposeSentence', 'ImposeSentenceInput', PROSECUTION_PAYLOAD);
const ORDER_RESTITUTION = mutation('orderRestitution', 'OrderRestitutionInput', PROSECUTION_PAYLOAD);

const REGISTER_VICTIM = mutation('registerVictim', 'RegisterVictimInput', ASSISTANCE_PAYLOAD);
const ASSESS_NEEDS = mutation('assessNeeds', 'AssessNeedsInput', ASSISTANCE_PAYLOAD);
const PROVIDE_SERVICE = mutation('provideService', 'ProvideServiceInput', ASSISTANCE_PAYLOAD);
const APPLY_PROTECTION = mutation('applyProtectionMeasure', 'ApplyProtectionMeasureInput', ASSISTANCE_PAYLOAD);

const ADMIT_CASE_PARTY = mutation('admitCaseParty', 'AdmitCasePartyInput', CASE_PARTY_PAYLOAD);

const SITE_BY_CODE = `query SeedSite($code: String) { mineSite(code: $code) { siteId registeredAt } }`;
const REFERRAL_DUE = `query SeedReferral($id: ID!) { referral(referralId: $id) { referralId dueBy deadlineMissed } }`;
const REFERRAL_PERSON = `query SeedReferralPerson($id: ID!) { referral(referralId: $id) { subjectPersonId } }`;
const INVESTIGATION_STATE = `query SeedInvestigation($id: ID!) { investigation(investigationId: $id) {
  openedAt caseFiles { caseFileId status } } }`;
const PROSECUTION_HEARINGS = `query SeedProsecution($id: ID!) { prosecution(prosecutionId: $id) {
  hearings { hearingId scheduledFor heldAt } } }`;
const ESCALATIONS = `query SeedEscalations { escalations(filter: { openOnly: false, first: 200 }) { nodes {
  subjectId kind agencyId resolvedAt } } }`;

interface Payload {
  /** Absent from decisions that have no status (an admission to a case). */
  readonly status?: string;
  readonly revision: number;
  readonly replayed: boolean;
}
interface SitePayload extends Payload {
  readonly siteId: string;
  readonly code: string;
}
interface IncidentPayload extends Payload {
  readonly incidentId: string;
  readonly level: number | null;
}
interface ReferralPayload extends Payload {
  readonly referralId: string;
  readonly jointCaseId: string;
}
interface InvestigationPayload extends Payload {
  readonly investigationId: string;
  readonly jointCaseId: string;
}

// ---------------------------------------------------------------------------------------------------
// Running steps

type Clients = Record<SeedAgencyName, GraphqlClient>;

/** Sends the scenario's commands one step at a time, logging and counting each. */
class Seeder {
  private readonly counts = new Map<SeedKind, number>(SEED_KINDS.map((kind) => [kind, 0]));
  private written = 0;
  private replayed = 0;

  constructor(
    private readonly clients: Clients,
    private readonly log: (line: string) => void,
  ) {}

  /** Sends one command under a deterministic id; a refusal stops the seed naming the step. */
  async send<T extends Payload>(
    step: string,
    as: SeedAgencyName,
    document: string,
    input: Record<string, unknown>,
    kind?: SeedKind,
  ): Promise<T> {
    const result = await this.clients[as].request<Record<string, T>>(document, {
      input: { commandId: commandIdFor(step), ...input },
    });
    const payload = result.data ? Object.values(result.data)[0] : undefined;
    if (result.errors?.length || !payload) {
      throw new SeedError(`step ${step} was refused: ${describeErrors(result.errors, result.status)}`);
    }
    if (payload.replayed) this.replayed++;
    else this.written++;
    if (kind) this.count(kind);
    this.log(
      `${payload.replayed ? 'replayed' : 'written '}  ${step}  → ${payload.status ?? 'recorded'} (revision ${payload.revision})`,
    );
    return payload;
  }

  /** A query that must succeed. */
  async read<T>(what: string, as: SeedAgencyName, document: string, variables: Record<string, unknown>): Promise<T> {
    const result = await this.clients[as].request<T>(document, variables);
    if (result.errors?.length || !result.data) {
      throw new SeedError(`could not read ${what}: ${describeErrors(result.errors, result.status)}`);
    }
    return result.data;
  }

  /** A query that may find nothing yet (NOT_FOUND): the first run, before the thing exists. */
  async find<T>(
    what: string,
    as: SeedAgencyName,
    document: string,
    variables: Record<string, unknown>,
  ): Promise<T | undefined> {
    const result = await this.clients[as].request<T>(document, variables);
    if (result.errors?.[0]?.extensions?.code === 'NOT_FOUND') return undefined;
    if (result.errors?.length || !result.data) {
      throw new SeedError(`could not read ${what}: ${describeErrors(result.errors, result.status)}`);
    }
    return result.data;
  }

  note(step: string, detail: string): void {
    this.log(`${'-'.padEnd(8)}  ${step}  ${detail}`);
  }

  count(kind: SeedKind, by = 1): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + by);
  }

  summary(): { counts: Record<SeedKind, number>; commands: SeedSummary['commands'] } {
    return {
      counts: Object.fromEntries(SEED_KINDS.map((kind) => [kind, this.counts.get(kind) ?? 0])) as Record<
        SeedKind,
        number
      >,
      commands: { sent: this.written + this.replayed, written: this.written, replayed: this.replayed },
    };
  }
}

/** Polls until `check` holds, or fails naming what it waited for. */
async function eventually(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + POLL_TIMEOUT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new SeedError(`gave up waiting for ${what}`);
    await sleep(200);
  }
}

// ---------------------------------------------------------------------------------------------------
// The scenario

/**
 * Starts the embedded platform on the configured data directory (refused while the platform runs
 * on it), loads the scenario through the GraphQL API, stops the platform, and says what it loaded.
 */
export async function runSeed(config: PlatformConfig, log: (line: string) => void): Promise<SeedSummary> {
  if (config.auth.provider !== 'development') {
    throw new SeedError(
      'An identity provider is configured (PAMOJA_OIDC_ISSUER or PAMOJA_JWKS_URL): the seed acts with development ' +
        'tokens, which only the development issuer accepts',
    );
  }
  const started = Date.now();
  const service = await startService(
    EmbeddedPlatformModule.forRoot({ ...config, port: 0 }),
    { ...config, port: 0 },
    { handleSignals: false },
  );
  try {
    // The demonstration directory first: the platform refuses tokens and handoffs of unknown agencies.
    const directory = await registerAgencies(
      service.app.get<EventStore>(EVENT_STORE, { strict: false }),
      DEMO_AGENCIES,
    );
    if (directory.registered.length > 0) log(`agency directory: ${directory.registered.length} agencies registered`);
    const keys = await loadOrCreateDevIssuer(config.dataDir);
    const anonymous = new GraphqlClient(`${service.url}/graphql`);
    const clients = {} as Clients;
    for (const [name, agency] of Object.entries(SEED_AGENCIES) as [SeedAgencyName, SeedAgency][]) {
      const token = await issueDevToken(
        keys,
        { userId: seedUserId(agency), agencyId: agency.agencyId, agencyType: agency.agencyType, roles: [agency.role] },
        { audience: config.auth.audience },
      );
      clients[name] = anonymous.as(token);
    }
    const seeder = new Seeder(clients, log);
    log(`platform started on ${service.url} for the seed (data in ${config.dataDir})`);
    const result = await scenario(seeder, service);
    return { dataDir: config.dataDir, ...seeder.summary(), ...result, durationMs: Date.now() - started };
  } finally {
    await service.stop();
  }
}

async function scenario(
  seeder: Seeder,
  service: StartedService,
): Promise<Pick<SeedSummary, 'anchor' | 'fullCase' | 'missedDeadline'>> {
  // --- The mining authority's registry -------------------------------------------------------------
  const bibatama = await seeder.send<SitePayload>(
    'sites/NK-MAS-101/register',
    'miningAuthority',
    REGISTER_SITE,
    {
      code: 'NK-MAS-101',
      name: 'Bibatama-Sud',
      province: 'NORTH_KIVU',
      territory: 'MASISI',
      minerals: ['COLTAN', 'CASSITERITE'],
      latitude: -1.553,
      longitude: 28.884,
    },
    'sites',
  );
  const kisenge = await seeder.send<SitePayload>(
    'sites/NK-WAL-207/register',
    'miningAuthority',
    REGISTER_SITE,
    {
      code: 'NK-WAL-207',
      name: 'Kisenge colline',
      province: 'NORTH_KIVU',
      territory: 'WALIKALE',
      minerals: ['CASSITERITE', 'GOLD'],
      latitude: -1.372,
      longitude: 27.986,
    },
    'sites',
  );
  const nyabibwe = await seeder.send<SitePayload>(
    'sites/SK-KAL-033/register',
    'miningAuthority',
    REGISTER_SITE,
    {
      code: 'SK-KAL-033',
      name: 'Nyabibwe-Est',
      province: 'SOUTH_KIVU',
      territory: 'KALEHE',
      minerals: ['CASSITERITE'],
      latitude: -1.962,
      longitude: 28.962,
    },
    'sites',
  );

  // The anchor: set by the platform at the first registration, the same on every run.
  const { mineSite } = await seeder.read<{ mineSite: { registeredAt: string } }>(
    'the first seed site',
    'miningAuthority',
    SITE_BY_CODE,
    { code: 'NK-MAS-101' },
  );
  const anchor = mineSite.registeredAt;
  const inspectedAt = plus(anchor, SECOND_MS);
  const waited = await until(inspectedAt);
  seeder.note('anchor', `${anchor} (every seeded date derives from it${waited > 0 ? `; waited ${waited} ms` : ''})`);

  await seeder.send(
    'sites/NK-MAS-101/inspect',
    'miningAuthority',
    INSPECT_SITE,
    {
      siteId: bibatama.siteId,
      inspectedAt,
      inspectingAgency: 'Joint qualification and validation team, Masisi',
      findings:
        'Diggers at two pits say their team leader keeps their voter cards until a debt for tools and food is ' +
        'repaid. No children seen underground; no armed presence observed.',
      indicatorsObserved: ['debt bondage', 'retention of identity documents'],
      recommendedStatus: 'YELLOW',
    },
    'siteInspections',
  );
  await seeder.send(
    'sites/NK-WAL-207/inspect',
    'miningAuthority',
    INSPECT_SITE,
    {
      siteId: kisenge.siteId,
      inspectedAt,
      inspectingAgency: 'SAEMAPE Walikale',
      findings:
        'Armed men at the access path collect a tax on every bag. Children seen carrying sacks of ore. Diggers ' +
        'describe working unpaid to repay "security" debts.',
      indicatorsObserved: ['armed group taxation', 'child labour', 'debt bondage'],
      recommendedStatus: 'RED',
    },
    'siteInspections',
  );
  await seeder.send(
    'sites/SK-KAL-033/inspect',
    'miningAuthority',
    INSPECT_SITE,
    {
      siteId: nyabibwe.siteId,
      inspectedAt,
      inspectingAgency: 'Joint qualification and validation team, Kalehe',
      findings: 'Cooperative register kept; diggers paid per bag at the pit; no children or armed presence observed.',
      indicatorsObserved: [],
      recommendedStatus: 'GREEN',
    },
    'siteInspections',
  );
  await seeder.send(
    'sites/NK-MAS-101/status-yellow',
    'miningAuthority',
    CHANGE_SITE_STATUS,
    {
      siteId: bibatama.siteId,
      to: 'YELLOW',
      reason: 'Debt bondage at two pits: identity documents to be returned and the debts written off',
      remediationDeadline: plus(anchor, 90 * DAY_MS),
    },
    'siteStatusDecisions',
  );
  await seeder.send(
    'sites/NK-WAL-207/status-red',
    'miningAuthority',
    CHANGE_SITE_STATUS,
    {
      siteId: kisenge.siteId,
      to: 'RED',
      reason: 'An armed group taxes every bag at the access path and children work at the pits',
    },
    'siteStatusDecisions',
  );
  await seeder.send(
    'sites/SK-KAL-033/status-green',
    'miningAuthority',
    CHANGE_SITE_STATUS,
    { siteId: nyabibwe.siteId, to: 'GREEN', reason: 'Validated by the joint team: no red-flag found' },
    'siteStatusDecisions',
  );

  // --- A referral the police leave unanswered: it is due a few seconds after the first run sends it,
  // and checked once everything else is loaded. A rerun reads its due time back instead. When the first
  // site was registered just now, nothing after it in the scenario can exist yet: no need to look.
  const missedId = seedId('referral/missed');
  const existingMissed = bibatama.replayed
    ? await seeder.find<{ referral: { dueBy: string } }>('the unanswered referral', 'firstResponder', REFERRAL_DUE, {
        id: missedId,
      })
    : undefined;
  const missedDueBy = existingMissed?.referral.dueBy ?? plus(new Date(), SHORT_FUSE_MS);
  const missed = await seeder.send<ReferralPayload>(
    'referrals/missed/submit',
    'firstResponder',
    SUBMIT_REFERRAL,
    {
      referralId: missedId,
      subject: { isChild: false },
      consent: { givenBy: 'SELF', agencyTypes: ['POLICE'], purposes: ['INVESTIGATION'] },
      site: { code: 'NK-MAS-101' },
      indicators: ['PHYSICAL_AND_SEXUAL_VIOLENCE', 'INTIMIDATION_AND_THREATS'],
      childLabourFlags: [],
      urgency: 'IMMEDIATE',
      toAgencyId: SEED_AGENCIES.police.agencyId,
      toAgencyType: 'POLICE',
      dueBy: missedDueBy,
      summary:
        'A digger says a pit boss beat him and threatened to kill him if he talks. He is hiding near the site ' +
        'and asks for protection today.',
    },
    'referrals',
  );

  // --- Referrals at every stage ------------------------------------------------------------------------
  const adultConsentToPolice = {
    givenBy: 'SELF',
    agencyTypes: ['POLICE', 'ASSISTANCE_PROVIDER'],
    purposes: ['INVESTIGATION', 'ASSISTANCE'],
  };
  await seeder.send(
    'referrals/pending/submit',
    'firstResponder',
    SUBMIT_REFERRAL,
    {
      referralId: seedId('referral/pending'),
      subject: { isChild: false },
      consent: adultConsentToPolice,
      site: { code: 'NK-MAS-101', description: 'Lower pits, night shift' },
      indicators: ['EXCESSIVE_OVERTIME', 'ABUSIVE_WORKING_AND_LIVING_CONDITIONS', 'WITHHOLDING_OF_WAGES'],
      childLabourFlags: [],
      urgency: 'ROUTINE',
      toAgencyId: SEED_AGENCIES.police.agencyId,
      toAgencyType: 'POLICE',
      dueBy: plus(anchor, 30 * DAY_MS),
      summary:
        'Night-shift diggers at the lower pits say they work sixteen-hour shifts and have not been paid for ' +
        'three weeks.',
    },
    'referrals',
  );

  const declined = await seeder.send<ReferralPayload>(
    'referrals/declined/submit',
    'firstResponder',
    SUBMIT_REFERRAL,
    {
      referralId: seedId('referral/declined'),
      subject: { isChild: false },
      consent: adultConsentToPolice,
      site: { code: 'NK-WAL-207' },
      indicators: ['INTIMIDATION_AND_THREATS', 'DEBT_BONDAGE'],
      childLabourFlags: ['CHILD_IN_HAZARDOUS_WORK'],
      urgency: 'URGENT',
      toAgencyId: SEED_AGENCIES.police.agencyId,
      toAgencyType: 'POLICE',
      dueBy: plus(anchor, 3 * DAY_MS),
      summary:
        'Diggers who left Kisenge colline say armed men take a share of every bag and keep newcomers working ' +
        'until their "security" debt is paid.',
    },
    'referrals',
  );
  await seeder.send(
    'referrals/declined/decline',
    'police',
    DECLINE_REFERRAL,
    {
      referralId: declined.referralId,
      reason: 'Outside our territory: Kisenge colline is in Walikale. Refer it to the PNC station in Walikale.',
    },
    'referralAnswers',
  );

  const revoked = await seeder.send<ReferralPayload>(
    'referrals/revoked/submit',
    'firstResponder',
    SUBMIT_REFERRAL,
    {
      referralId: seedId('referral/revoked'),
      subject: { isChild: false },
      consent: adultConsentToPolice,
      site: { code: 'NK-MAS-101', description: 'Lower pits' },
      indicators: ['WITHHOLDING_OF_WAGES'],
      childLabourFlags: [],
      urgency: 'ROUTINE',
      toAgencyId: SEED_AGENCIES.police.agencyId,
      toAgencyType: 'POLICE',
      dueBy: plus(anchor, 30 * DAY_MS),
      summary: 'Diggers at the lower pits have not been paid for three weeks.',
    },
    'referrals',
  );
  await seeder.send(
    'referrals/revoked/revoke',
    'firstResponder',
    REVOKE_REFERRAL,
    {
      referralId: revoked.referralId,
      reason: 'Sent twice by mistake: the same situation was referred as the night-shift case.',
    },
    'referralAnswers',
  );

  const accepted = await seeder.send<ReferralPayload>(
    'referrals/accepted/submit',
    'firstResponder',
    SUBMIT_REFERRAL,
    {
      referralId: seedId('referral/accepted'),
      subject: { isChild: false },
      consent: adultConsentToPolice,
      site: { code: 'NK-MAS-101' },
      indicators: ['RESTRICTION_OF_MOVEMENT', 'PHYSICAL_AND_SEXUAL_VIOLENCE'],
      childLabourFlags: [],
      urgency: 'URGENT',
      toAgencyId: SEED_AGENCIES.police.agencyId,
      toAgencyType: 'POLICE',
      dueBy: plus(anchor, 2 * DAY_MS),
      summary:
        'A woman who sells food at the site says guards stop workers from leaving at night, and that a digger ' +
        'was beaten for trying.',
    },
    'referrals',
  );
  await seeder.send(
    'referrals/accepted/accept',
    'police',
    ACCEPT_REFERRAL,
    { referralId: accepted.referralId, note: 'Patrol planned with the mining police' },
    'referralAnswers',
  );

  const child = await seeder.send<ReferralPayload>(
    'referrals/child/submit',
    'firstResponder',
    SUBMIT_REFERRAL,
    {
      referralId: seedId('referral/child'),
      subject: { isChild: true },
      consent: { givenBy: 'GUARDIAN', agencyTypes: ['ASSISTANCE_PROVIDER'], purposes: ['ASSISTANCE'] },
      site: { code: 'NK-WAL-207' },
      indicators: [],
      childLabourFlags: ['CHILD_AT_SITE_UNDER_15', 'CHILD_IN_HAZARDOUS_WORK', 'CHILD_OUT_OF_SCHOOL'],
      urgency: 'URGENT',
      toAgencyId: SEED_AGENCIES.assistance.agencyId,
      toAgencyType: 'ASSISTANCE_PROVIDER',
      dueBy: plus(anchor, 2 * DAY_MS),
      summary:
        'A boy of about thirteen carries sacks of ore and sleeps at the site. His aunt in Walikale centre asks ' +
        'for help to bring him home and back to school.',
    },
    'referrals',
  );
  await seeder.send(
    'referrals/child/accept',
    'assistance',
    ACCEPT_REFERRAL,
    { referralId: child.referralId, note: 'Case worker assigned; family tracing started' },
    'referralAnswers',
  );

  // An incident at the suspended site, handled in the joint case of the referral the police declined.
  const incident = await seeder.send<IncidentPayload>(
    'sites/NK-WAL-207/incident/report',
    'firstResponder',
    REPORT_INCIDENT,
    {
      incidentId: seedId('incident/kisenge-children'),
      siteId: kisenge.siteId,
      jointCaseId: declined.jointCaseId,
      source: 'WHISTLE_BLOWER',
      description:
        'Boys of about fourteen were brought from Masisi to carry sacks and are kept at the site until their ' +
        '"transport debt" is paid.',
    },
    'siteIncidents',
  );
  // Nobody referred that case to the mining authority, yet the site it suspended is at its heart: the
  // coordination body admits it, so that it sees the case it classifies the incident in.
  await seeder.send(
    'cases/kisenge/admit-mining-authority',
    'coordination',
    ADMIT_CASE_PARTY,
    {
      jointCaseId: declined.jointCaseId,
      agencyId: SEED_AGENCIES.miningAuthority.agencyId,
      agencyType: 'MINING_AUTHORITY',
      reason: 'JURISDICTION',
      note: 'The incident is at a site the mining authority suspended; it classifies it and follows the remediation.',
    },
    'caseParties',
  );
  await seeder.send('sites/NK-WAL-207/incident/classify', 'miningAuthority', CLASSIFY_INCIDENT, {
    incidentId: incident.incidentId,
    level: 1,
  });

  // --- The full case: referral, investigation, prosecution, and assistance in parallel ------------------
  const full = await seeder.send<ReferralPayload>(
    'full-case/referral/submit',
    'firstResponder',
    SUBMIT_REFERRAL,
    {
      referralId: seedId('referral/full-case'),
      subject: { isChild: false },
      consent: {
        givenBy: 'SELF',
        agencyTypes: ['POLICE', 'PROSECUTOR', 'ASSISTANCE_PROVIDER'],
        purposes: ['INVESTIGATION', 'PROSECUTION', 'ASSISTANCE'],
      },
      site: { code: 'NK-MAS-101', description: 'Pit 4' },
      indicators: ['DECEPTION', 'DEBT_BONDAGE', 'RETENTION_OF_IDENTITY_DOCUMENTS', 'WITHHOLDING_OF_WAGES'],
      childLabourFlags: [],
      urgency: 'URGENT',
      toAgencyId: SEED_AGENCIES.police.agencyId,
      toAgencyType: 'POLICE',
      dueBy: plus(anchor, 3 * DAY_MS),
      summary:
        'A digger recruited in Rubaya with the promise of paid work says the recruiter who runs pit 4 keeps his ' +
        'voter card, pays nothing until a debt for tools and food is repaid, and threatens those who try to leave.',
    },
    'referrals',
  );
  const jointCaseId = full.jointCaseId;
  // The digger the first responder met: the same person is referred on to assistance, and taken into it.
  const {
    referral: { subjectPersonId: personId },
  } = await seeder.read<{ referral: { subjectPersonId: string } }>(
    'the person of the full case',
    'firstResponder',
    REFERRAL_PERSON,
    { id: full.referralId },
  );
  await seeder.send(
    'full-case/referral/screen',
    'police',
    SCREEN_REFERRAL,
    {
      referralId: full.referralId,
      acts: ['RECRUITMENT', 'HARBOURING'],
      means: ['DECEPTION', 'ABUSE_OF_VULNERABILITY'],
      purposes: ['FORCED_LABOUR'],
      personIsChild: false,
    },
    'screenings',
  );
  await seeder.send(
    'full-case/referral/accept',
    'police',
    ACCEPT_REFERRAL,
    { referralId: full.referralId, note: 'OPJ assigned: judicial police unit, Masisi' },
    'referralAnswers',
  );

  const assistanceReferral = await seeder.send<ReferralPayload>(
    'full-case/assistance-referral/submit',
    'firstResponder',
    SUBMIT_REFERRAL,
    {
      referralId: seedId('referral/full-case-assistance'),
      jointCaseId,
      subject: { isChild: false, personId },
      consent: { givenBy: 'SELF', agencyTypes: ['ASSISTANCE_PROVIDER'], purposes: ['ASSISTANCE'] },
      site: { code: 'NK-MAS-101', description: 'Pit 4' },
      indicators: ['DEBT_BONDAGE', 'ABUSIVE_WORKING_AND_LIVING_CONDITIONS'],
      childLabourFlags: [],
      urgency: 'URGENT',
      toAgencyId: SEED_AGENCIES.assistance.agencyId,
      toAgencyType: 'ASSISTANCE_PROVIDER',
      dueBy: plus(anchor, 2 * DAY_MS),
      summary:
        'The same digger needs care for a hand injury and a safe place to stay; he fears reprisals if seen ' +
        'in Rubaya.',
    },
    'referrals',
  );
  await seeder.send(
    'full-case/assistance-referral/accept',
    'assistance',
    ACCEPT_REFERRAL,
    { referralId: assistanceReferral.referralId, note: 'Taken into assistance at the Goma centre' },
    'referralAnswers',
  );

  // Investigation by the police of Masisi; its field work is dated from its opening.
  const investigationId = seedId('investigation/full-case');
  const officer = 'opj-masisi-07';
  await seeder.send<InvestigationPayload>(
    'full-case/investigation/open',
    'police',
    OPEN_INVESTIGATION,
    {
      investigationId,
      jointCaseId,
      referralId: full.referralId,
      siteCode: 'NK-MAS-101',
      offences: ['TRAFFICKING_IN_PERSONS', 'FORCED_LABOUR'],
      leadOfficerId: officer,
    },
    'investigations',
  );
  const { investigation } = await seeder.read<{ investigation: { openedAt: string } }>(
    'the investigation',
    'police',
    INVESTIGATION_STATE,
    { id: investigationId },
  );
  const collectedAt = plus(investigation.openedAt, SECOND_MS);
  const arrestedAt = plus(investigation.openedAt, 2 * SECOND_MS);
  const handedOverAt = plus(investigation.openedAt, 3 * SECOND_MS);

  const evidenceId = seedId('evidence/debt-ledger');
  await until(collectedAt);
  await seeder.send(
    'full-case/investigation/evidence',
    'police',
    RECORD_EVIDENCE,
    {
      investigationId,
      evidenceId,
      description:
        'Debt ledger kept by the recruiter: amounts "owed" for tools and food per digger, and a list of the ' +
        'voter cards he holds',
      kind: 'DOCUMENT',
      sha256: createHash('sha256').update('pamoja-seed/evidence/debt-ledger').digest('hex'),
      collectedAt,
      collectedBy: officer,
    },
    'evidence',
  );
  const suspectId = seedId('suspect/recruiter');
  await seeder.send(
    'full-case/investigation/suspect',
    'police',
    IDENTIFY_SUSPECT,
    {
      investigationId,
      suspectId,
      role: 'RECRUITER',
      alias: 'Chef Kazi',
      description: 'Recruits diggers in Rubaya and Sake with promises of paid work; runs pit 4',
      // A fictional person.
      personal: { name: 'Faustin Bahati Kyalu', dateOfBirth: '1979-08-21' },
    },
    'suspects',
  );
  await until(arrestedAt);
  await seeder.send(
    'full-case/investigation/arrest',
    'police',
    RECORD_ARREST,
    {
      investigationId,
      suspectId,
      arrestedAt,
      location: 'Rubaya, on the road to Bibatama-Sud',
      legalBasis: 'Provisional arrest warrant of the OPJ, confirmed by the Parquet de Goma',
    },
    'arrests',
  );
  await until(handedOverAt);
  await seeder.send(
    'full-case/investigation/custody-transfer',
    'police',
    TRANSFER_CUSTODY,
    {
      investigationId,
      evidenceId,
      from: { agencyId: SEED_AGENCIES.police.agencyId, officerId: officer },
      to: { agencyId: SEED_AGENCIES.prosecutor.agencyId, officerId: 'registry-parquet-goma' },
      at: handedOverAt,
      reason: 'Sealed and handed to the registry of the Parquet with the case file',
    },
    'custodyTransfers',
  );
  const caseFileId = seedId('case-file/full-case');
  await seeder.send(
    'full-case/investigation/transmit-case-file',
    'police',
    TRANSMIT_CASE_FILE,
    {
      investigationId,
      caseFileId,
      toProsecutorOfficeId: SEED_AGENCIES.prosecutor.agencyId,
      dueBy: plus(anchor, 14 * DAY_MS),
      summary:
        'Recruitment by deception and debt bondage of diggers at Bibatama-Sud pit 4 (NK-MAS-101). The recruiter ' +
        'is in custody; the debt ledger is enclosed.',
      evidenceIds: [evidenceId],
      suspectIds: [suspectId],
    },
    'caseFiles',
  );
  await seeder.send('full-case/investigation/close', 'police', CLOSE_INVESTIGATION, {
    investigationId,
    reason: 'TRANSMITTED_TO_PROSECUTOR',
  });

  // Prosecution by the Parquet de Goma.
  // One prosecution per case file: the platform derives its id from the case file's.
  const { prosecutionId } = await seeder.send<Payload & { prosecutionId: string }>(
    'full-case/prosecution/receive-case-file',
    'prosecutor',
    RECEIVE_CASE_FILE,
    {
      jointCaseId,
      caseFileId,
      investigationId,
      fromPoliceAgencyId: SEED_AGENCIES.police.agencyId,
      suspects: [{ suspectId, role: 'recruiter' }],
    },
    'prosecutions',
  );
  // The platform tells the investigation that the Parquet acknowledged the case file, on its own.
  await eventually('the case file acknowledgement', async () => {
    const { investigation: now } = await seeder.read<{
      investigation: { caseFiles: { caseFileId: string; status: string }[] };
    }>('the investigation', 'police', INVESTIGATION_STATE, { id: investigationId });
    return now.caseFiles.some((c) => c.caseFileId === caseFileId && c.status === 'ACKNOWLEDGED');
  });
  seeder.note('full-case/investigation/acknowledged', 'the case file shows ACKNOWLEDGED by the Parquet');
  const chargeId = seedId('charge/trafficking');
  await seeder.send(
    'full-case/prosecution/charge',
    'prosecutor',
    FILE_CHARGES,
    {
      prosecutionId,
      chargeId,
      suspectId,
      offence: 'TRAFFICKING_IN_PERSONS',
      legalBasis: 'Code pénal congolais, traite des personnes (loi du 26 octobre 2022)',
    },
    'charges',
  );
  const hearingId = seedId('hearing/trial');
  // The prosecution exists by now; a rerun finds the hearing in it and sends the same date.
  const { prosecution } = await seeder.read<{
    prosecution: { hearings: { hearingId: string; scheduledFor: string }[] };
  }>('the prosecution', 'prosecutor', PROSECUTION_HEARINGS, { id: prosecutionId });
  const scheduledFor =
    prosecution.hearings.find((h) => h.hearingId === hearingId)?.scheduledFor ?? plus(new Date(), SHORT_FUSE_MS);
  await seeder.send(
    'full-case/prosecution/schedule-hearing',
    'prosecutor',
    SCHEDULE_HEARING,
    {
      prosecutionId,
      hearingId,
      court: 'Tribunal de Grande Instance de Goma, mobile court sitting in Masisi',
      scheduledFor,
      purpose: 'Trial on the merits',
    },
    'hearings',
  );

  // Assistance by NGO Ushindi while the trial is prepared.
  const assistanceId = seedId('assistance/full-case');
  await seeder.send(
    'full-case/assistance/register-victim',
    'assistance',
    REGISTER_VICTIM,
    {
      assistanceId,
      jointCaseId,
      personId,
      ageGroup: 'ADULT',
      sex: 'MALE',
      nationality: 'CD',
      formsOfExploitation: ['FORCED_LABOUR'],
      agreementToManagePersonalData: true,
      consentGivenBy: 'SELF',
      // A fictional person.
      personal: { fullName: 'Espoir Kambale Muhindo', dateOfBirth: '1999-04-12', currentLocation: 'Goma' },
    },
    'assistanceCases',
  );
  await seeder.send('full-case/assistance/assess-needs', 'assistance', ASSESS_NEEDS, {
    assistanceId,
    needs: [
      { need: 'MEDICAL', priority: 'URGENT' },
      { need: 'PROTECTION', priority: 'HIGH' },
      { need: 'PSYCHOSOCIAL', priority: 'HIGH' },
      { need: 'LEGAL_AID', priority: 'HIGH' },
      { need: 'REINTEGRATION', priority: 'NORMAL' },
    ],
  });
  for (const [kind, note] of [
    ['MEDICAL', 'Hand injury from the pit treated at the health centre'],
    ['PSYCHOSOCIAL', 'Weekly counselling sessions'],
    ['LEGAL_AID', 'Lawyer assigned so that he can join the trial as civil party'],
  ] as const) {
    await seeder.send(
      `full-case/assistance/service-${kind.toLowerCase()}`,
      'assistance',
      PROVIDE_SERVICE,
      { assistanceId, serviceId: seedId(`service/${kind.toLowerCase()}`), kind, note },
      'services',
    );
  }
  await seeder.send(
    'full-case/assistance/protection',
    'assistance',
    APPLY_PROTECTION,
    {
      assistanceId,
      measureId: seedId('protection/identity'),
      measure: 'IDENTITY_PROTECTION',
      description: 'Name withheld from public court records; testimony behind a screen',
      reviewBy: plus(anchor, 90 * DAY_MS),
      consentGivenBy: 'SELF',
    },
    'protectionMeasures',
  );

  // The trial: the hearing is held once its time has come, then the judgment.
  const hearingWait = await until(scheduledFor);
  if (hearingWait > 0) seeder.note('full-case/prosecution/hearing-time', `waited ${hearingWait} ms for the hearing`);
  await seeder.send('full-case/prosecution/hearing-held', 'prosecutor', RECORD_HEARING_HELD, {
    prosecutionId,
    hearingId,
    outcome:
      'The accused appeared with counsel; the victim testified as civil party behind a screen; judgment the same day.',
  });
  await seeder.send(
    'full-case/prosecution/verdict',
    'prosecutor',
    RENDER_VERDICT,
    { prosecutionId, chargeId, verdict: 'CONVICTED' },
    'verdicts',
  );
  await seeder.send(
    'full-case/prosecution/sentence',
    'prosecutor',
    IMPOSE_SENTENCE,
    { prosecutionId, chargeId, imprisonmentMonths: 120, fine: { amount: 2500, currency: 'USD' } },
    'sentences',
  );
  await seeder.send(
    'full-case/prosecution/restitution',
    'prosecutor',
    ORDER_RESTITUTION,
    {
      prosecutionId,
      restitutionId: seedId('restitution/victim'),
      // The victim by the assistance case's id, never by name.
      victimRef: `assistance:${assistanceId}`,
      amount: 1800,
      currency: 'USD',
      note: 'Unpaid wages and the debt falsely claimed',
    },
    'restitutions',
  );
  await seeder.send(
    'full-case/referral/complete',
    'police',
    COMPLETE_REFERRAL,
    {
      referralId: full.referralId,
      outcome: 'Case file transmitted to the Parquet de Goma; the recruiter was convicted of trafficking in persons.',
    },
    'referralAnswers',
  );

  // --- The missed deadline --------------------------------------------------------------------------
  const missedWait = await until(missedDueBy);
  const recorded = await service.app.get(Projections).checkDeadlines();
  seeder.note(
    'referrals/missed/check-deadlines',
    `due ${missedDueBy}${missedWait > 0 ? ` (waited ${missedWait} ms)` : ''}; ` +
      `${recorded} missed deadline(s) recorded by this check (the platform's watcher also looks every 2 s)`,
  );
  await eventually('the missed deadline to be recorded and escalated', async () => {
    const { referral } = await seeder.read<{ referral: { deadlineMissed: boolean } }>(
      'the unanswered referral',
      'firstResponder',
      REFERRAL_DUE,
      { id: missed.referralId },
    );
    if (!referral.deadlineMissed) return false;
    const { escalations } = await seeder.read<{ escalations: { nodes: { subjectId: string }[] } }>(
      'the escalations',
      'coordination',
      ESCALATIONS,
      {},
    );
    return escalations.nodes.some((e) => e.subjectId === missed.referralId);
  });
  seeder.count('escalations');
  seeder.note('referrals/missed/escalated', 'deadline missed, escalated to the coordination body');

  return {
    anchor,
    fullCase: { jointCaseId, referralId: full.referralId, investigationId, prosecutionId, assistanceId },
    missedDeadline: { referralId: missed.referralId, jointCaseId: missed.jointCaseId },
  };
}
