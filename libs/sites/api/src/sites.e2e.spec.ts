import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type DynamicModule, Module } from '@nestjs/common';
import { type AgencyType } from '@pamoja/contracts';
import {
  issueDevToken,
  loadConfig,
  loadOrCreateDevIssuer,
  PlatformModule,
  startService,
  type PlatformConfig,
  type StartedService,
} from '@pamoja/platform';
import { GraphqlTestClient } from '@pamoja/testing';
import { SitesModule } from './sites.module.js';

@Module({})
class SitesTestModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return { module: SitesTestModule, imports: [PlatformModule.forRoot(config), SitesModule] };
  }
}

const SITE_FIELDS = `siteId code name province territory minerals latitude longitude status statusReason
  statusChangedAt remediationDeadline remediationDeadlineLocal remediationOverdue openIncidentCount
  highestOpenIncidentLevel registeredByAgencyId revision
  lastInspection { inspectedAt inspectingAgency findings indicatorsObserved recommendedStatus recordedByAgencyId }`;
const INCIDENT_FIELDS = `incidentId siteId siteCode jointCaseId source description level status reportedByAgencyId
  closeBy closeByLocal overdue classifiedAt closedAt summary revision`;

const REGISTER = `mutation($input: RegisterMineSiteInput!) {
  registerMineSite(input: $input) { siteId code status revision replayed } }`;
const INSPECT = `mutation($input: RecordMineSiteInspectionInput!) {
  recordMineSiteInspection(input: $input) { siteId status revision replayed } }`;
const CHANGE = `mutation($input: ChangeMineSiteStatusInput!) {
  changeMineSiteStatus(input: $input) { siteId status revision replayed } }`;
const REPORT = `mutation($input: ReportSiteIncidentInput!) {
  reportSiteIncident(input: $input) { incidentId siteId jointCaseId status level revision replayed } }`;
const CLASSIFY = `mutation($input: ClassifySiteIncidentInput!) {
  classifySiteIncident(input: $input) { incidentId status level revision } }`;
const CLOSE = `mutation($input: CloseSiteIncidentInput!) {
  closeSiteIncident(input: $input) { incidentId status level revision } }`;
const SITE_BY_CODE = `query($code: String) { mineSite(code: $code) { ${SITE_FIELDS} } }`;
const SITE_BY_ID = `query($siteId: ID) { mineSite(siteId: $siteId) { ${SITE_FIELDS} } }`;
const SITES = `query($filter: MineSiteListFilter) { mineSites(filter: $filter) { ${SITE_FIELDS} } }`;
const INCIDENTS = `query($siteId: ID!, $openOnly: Boolean) {
  siteIncidents(siteId: $siteId, openOnly: $openOnly) { ${INCIDENT_FIELDS} } }`;

interface SitePayload {
  siteId: string;
  code: string;
  status: string;
  revision: number;
  replayed: boolean;
}
interface IncidentPayload {
  incidentId: string;
  siteId: string;
  jointCaseId: string | null;
  status: string;
  level: number | null;
  revision: number;
  replayed: boolean;
}
interface SiteView {
  siteId: string;
  code: string;
  status: string;
  statusReason: string | null;
  remediationDeadline: string | null;
  remediationDeadlineLocal: string | null;
  openIncidentCount: number;
  highestOpenIncidentLevel: number | null;
  revision: number;
  lastInspection: { inspectingAgency: string; recommendedStatus: string; indicatorsObserved: string[] } | null;
}
interface IncidentView {
  incidentId: string;
  status: string;
  level: number | null;
  jointCaseId: string | null;
  summary: string | null;
  closeByLocal: string;
  overdue: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function registerInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  // Fictional site.
  return {
    commandId: randomUUID(),
    code: 'NK-MAS-014',
    name: 'Kalimbi Hill pit 3',
    province: 'NORTH_KIVU',
    territory: 'MASISI',
    minerals: ['COLTAN', 'CASSITERITE'],
    latitude: -1.6,
    longitude: 28.8,
    ...overrides,
  };
}

describe('sites context through its GraphQL API', () => {
  let dataDir: string;
  let service: StartedService;
  let saemape: GraphqlTestClient;
  let ngo: GraphqlTestClient;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pamoja-sites-e2e-'));
    const config = loadConfig(
      { PAMOJA_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' },
      { mode: 'embedded', serviceName: 'pamoja-sites-e2e' },
    );
    const keys = await loadOrCreateDevIssuer(dataDir);
    const token = (agencyId: string, agencyType: AgencyType, role: string) =>
      issueDevToken(keys, { userId: `${agencyId}-user`, agencyId, agencyType, roles: [role] });
    service = await startService(SitesTestModule.forRoot(config), config, { handleSignals: false });
    const anonymous = new GraphqlTestClient(`${service.url}/graphql`);
    saemape = anonymous.as(await token('saemape-goma', 'mining_authority', 'inspector'));
    ngo = anonymous.as(await token('ngo-kivu-hope', 'first_responder', 'field_worker'));
  });

  afterAll(async () => {
    await service.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const siteByCode = async (code: string) => (await ngo.ok<{ mineSite: SiteView }>(SITE_BY_CODE, { code })).mineSite;
  const sites = async (filter: Record<string, unknown>) =>
    (await ngo.ok<{ mineSites: SiteView[] }>(SITES, { filter })).mineSites;
  const incidents = async (siteId: string, openOnly = false) =>
    (await ngo.ok<{ siteIncidents: IncidentView[] }>(INCIDENTS, { siteId, openOnly })).siteIncidents;

  it('walks a site from registration to suspension, and an incident from report to closure', async () => {
    // Registration: the site starts blue, its id derived from its code.
    const input = registerInput();
    const registered = (await saemape.ok<{ registerMineSite: SitePayload }>(REGISTER, { input })).registerMineSite;
    expect(registered).toMatchObject({ code: 'NK-MAS-014', status: 'BLUE', revision: 0, replayed: false });
    const { siteId } = registered;
    expect(await siteByCode('NK-MAS-014')).toMatchObject({
      siteId,
      status: 'BLUE',
      openIncidentCount: 0,
      highestOpenIncidentLevel: null,
      lastInspection: null,
      remediationDeadline: null,
    });

    // A retried command answers as the first time; the same code under a new command is refused.
    const retry = (await saemape.ok<{ registerMineSite: SitePayload }>(REGISTER, { input })).registerMineSite;
    expect(retry).toEqual({ ...registered, replayed: true });
    const again = await ngo.request(REGISTER, { input: registerInput({ name: 'Another name' }) });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'site_already_registered' });

    // Any agency may record an inspection; it recommends, it does not change the status.
    const inspected = await ngo.ok<{ recordMineSiteInspection: SitePayload }>(INSPECT, {
      input: {
        commandId: randomUUID(),
        siteId,
        inspectedAt: new Date(Date.now() - DAY_MS).toISOString(),
        inspectingAgency: 'Joint validation team Masisi',
        findings: 'No children seen; diggers paid in cash at the pit.',
        indicatorsObserved: [],
        recommendedStatus: 'GREEN',
      },
    });
    expect(inspected.recordMineSiteInspection).toMatchObject({ status: 'BLUE', revision: 1 });
    expect((await siteByCode('NK-MAS-014')).lastInspection).toMatchObject({
      inspectingAgency: 'Joint validation team Masisi',
      recommendedStatus: 'GREEN',
    });

    // Only the mining authority decides the status.
    const byNgo = await ngo.request(CHANGE, { input: { commandId: randomUUID(), siteId, to: 'GREEN' } });
    expect(byNgo.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'only_mining_authority' });
    const green = await saemape.ok<{ changeMineSiteStatus: SitePayload }>(CHANGE, {
      input: { commandId: randomUUID(), siteId, to: 'GREEN', expectedRevision: 1 },
    });
    expect(green.changeMineSiteStatus).toMatchObject({ status: 'GREEN', revision: 2 });

    // Acting on a revision since changed is a conflict that names the current one.
    const stale = await saemape.request(CHANGE, {
      input: { commandId: randomUUID(), siteId, to: 'RED', reason: 'Report', expectedRevision: 1 },
    });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', expectedRevision: 1, currentRevision: 2 });
    const unchanged = await saemape.request(CHANGE, { input: { commandId: randomUUID(), siteId, to: 'GREEN' } });
    expect(unchanged.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'status_unchanged' });
    expect(await siteByCode('NK-MAS-014')).toMatchObject({ status: 'GREEN', revision: 2 });

    // Yellow needs a deadline within 6 months, shown in Kivu time.
    const tooLate = await saemape.request(CHANGE, {
      input: {
        commandId: randomUUID(),
        siteId,
        to: 'YELLOW',
        remediationDeadline: new Date(Date.now() + 200 * DAY_MS),
      },
    });
    expect(tooLate.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'remediationDeadline' }],
    });
    const deadline = new Date(Date.now() + 90 * DAY_MS).toISOString();
    await saemape.ok(CHANGE, {
      input: { commandId: randomUUID(), siteId, to: 'YELLOW', remediationDeadline: deadline },
    });
    const yellow = await siteByCode('NK-MAS-014');
    expect(yellow).toMatchObject({ status: 'YELLOW', remediationDeadline: deadline });
    expect(yellow.remediationDeadlineLocal).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} CAT$/);

    // Suspended with a reason; the deadline goes with the yellow status.
    await saemape.ok(CHANGE, {
      input: { commandId: randomUUID(), siteId, to: 'RED', reason: 'Armed group taxes every sack' },
    });
    expect(await siteByCode('NK-MAS-014')).toMatchObject({
      status: 'RED',
      statusReason: 'Armed group taxes every sack',
      remediationDeadline: null,
    });

    // An incident reported after the suspension, in a joint case.
    const jointCaseId = randomUUID();
    const report = await ngo.ok<{ reportSiteIncident: IncidentPayload }>(REPORT, {
      input: {
        commandId: randomUUID(),
        siteId,
        jointCaseId,
        source: 'SMS',
        description: 'Children seen carrying sacks at night.',
      },
    });
    expect(report.reportSiteIncident).toMatchObject({ siteId, jointCaseId, status: 'OPEN', level: null, revision: 0 });
    const { incidentId } = report.reportSiteIncident;
    expect(await siteByCode('NK-MAS-014')).toMatchObject({ openIncidentCount: 1, highestOpenIncidentLevel: null });
    expect((await sites({ hasOpenIncidents: true })).map((s) => s.code)).toContain('NK-MAS-014');
    expect((await sites({ hasOpenIncidents: false })).map((s) => s.code)).not.toContain('NK-MAS-014');

    const unclassified = await saemape.request(CLOSE, {
      input: { commandId: randomUUID(), incidentId, summary: 'Resolved' },
    });
    expect(unclassified.errors?.[0]?.extensions).toMatchObject({
      code: 'RULE_VIOLATION',
      rule: 'incident_not_classified',
    });

    await saemape.ok(CLASSIFY, { input: { commandId: randomUUID(), incidentId, level: 1 } });
    expect(await siteByCode('NK-MAS-014')).toMatchObject({ openIncidentCount: 1, highestOpenIncidentLevel: 1 });

    // The site is red and has not been reviewed since the report: the incident stays open.
    const unreviewed = await saemape.request(CLOSE, {
      input: { commandId: randomUUID(), incidentId, summary: 'Children returned to school' },
    });
    expect(unreviewed.errors?.[0]?.extensions).toMatchObject({
      code: 'RULE_VIOLATION',
      rule: 'red_site_status_not_reviewed',
    });
    expect(await incidents(siteId, true)).toMatchObject([{ incidentId, status: 'OPEN', level: 1, jointCaseId }]);

    // Once the mining authority reviews the status, the incident can be closed.
    await saemape.ok(CHANGE, {
      input: {
        commandId: randomUUID(),
        siteId,
        to: 'YELLOW',
        remediationDeadline: new Date(Date.now() + 60 * DAY_MS).toISOString(),
      },
    });
    const closed = await saemape.ok<{ closeSiteIncident: IncidentPayload }>(CLOSE, {
      input: { commandId: randomUUID(), incidentId, summary: 'Children returned to school' },
    });
    expect(closed.closeSiteIncident).toMatchObject({ status: 'CLOSED', level: 1, revision: 2 });
    expect(await siteByCode('NK-MAS-014')).toMatchObject({
      status: 'YELLOW',
      openIncidentCount: 0,
      highestOpenIncidentLevel: null,
    });
    expect(await incidents(siteId, true)).toEqual([]);
    const all = await incidents(siteId);
    expect(all).toMatchObject([
      { incidentId, status: 'CLOSED', summary: 'Children returned to school', overdue: false },
    ]);
    expect(all[0]?.closeByLocal).toMatch(/ CAT$/);

    const afterClose = await saemape.request(CLASSIFY, { input: { commandId: randomUUID(), incidentId, level: 2 } });
    expect(afterClose.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'incident_closed' });
  });

  it('refuses invalid input naming each field, and registers nothing', async () => {
    const bad = await saemape.request(REGISTER, {
      input: registerInput({ code: 'SK-SHA-002', territory: 'SHABUNDA', latitude: 12 }),
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (bad.errors?.[0]?.extensions?.['fields'] as { field: string }[]).map((f) => f.field);
    expect(fields).toEqual(['code', 'territory', 'latitude']);

    const malformed = await saemape.request(REGISTER, { input: registerInput({ commandId: 'nope', minerals: [] }) });
    const malformedFields = (malformed.errors?.[0]?.extensions?.['fields'] as { field: string }[]).map((f) => f.field);
    expect(malformedFields.sort()).toEqual(['commandId', 'minerals']);

    const missing = await ngo.request(SITE_BY_CODE, { code: 'SK-SHA-002' });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const neither = await ngo.request(SITE_BY_CODE, {});
    expect(neither.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('knows nothing of an unregistered site', async () => {
    const siteId = randomUUID();
    const inspect = await saemape.request(INSPECT, {
      input: {
        commandId: randomUUID(),
        siteId,
        inspectedAt: new Date().toISOString(),
        inspectingAgency: 'SAEMAPE Walikale',
        findings: 'Nothing',
        recommendedStatus: 'GREEN',
      },
    });
    expect(inspect.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const report = await ngo.request(REPORT, {
      input: { commandId: randomUUID(), siteId, source: 'WHISTLE_BLOWER', description: 'Forced labour' },
    });
    expect(report.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await ngo.request(INCIDENTS, { siteId })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await ngo.request(SITE_BY_ID, { siteId })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('filters the registry by province, territory and status', async () => {
    const { registerMineSite } = await saemape.ok<{ registerMineSite: SitePayload }>(REGISTER, {
      input: registerInput({
        code: 'SK-SHA-001',
        name: 'Lugushwa river bend',
        province: 'SOUTH_KIVU',
        territory: 'SHABUNDA',
        minerals: ['GOLD'],
        latitude: -3.3,
        longitude: 27.9,
      }),
    });
    const byId = (await ngo.ok<{ mineSite: SiteView }>(SITE_BY_ID, { siteId: registerMineSite.siteId })).mineSite;
    expect(byId).toMatchObject({ code: 'SK-SHA-001', status: 'BLUE' });

    expect((await sites({ province: 'SOUTH_KIVU' })).map((s) => s.code)).toEqual(['SK-SHA-001']);
    expect((await sites({ territory: 'SHABUNDA', status: 'BLUE' })).map((s) => s.code)).toEqual(['SK-SHA-001']);
    expect((await sites({ province: 'NORTH_KIVU', status: 'BLUE' })).map((s) => s.code)).toEqual([]);
    expect((await sites({ status: 'YELLOW' })).map((s) => s.code)).toEqual(['NK-MAS-014']);
  });
});
