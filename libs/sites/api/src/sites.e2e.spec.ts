import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { EVENT_STORE, NO_STREAM, type EventStore } from '@pamoja/event-store';
import { Projections } from '@pamoja/platform/store';
import { useTestPlatform } from '@pamoja/testing';
import { SitesModule } from './sites.module.js';

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
const PAGE_INFO = 'pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';
const SITES = `query($filter: MineSiteListFilter) {
  mineSites(filter: $filter) { edges { cursor } nodes { ${SITE_FIELDS} } ${PAGE_INFO} } }`;
const INCIDENTS = `query($siteId: ID!, $filter: SiteIncidentFilter) {
  siteIncidents(siteId: $siteId, filter: $filter) { nodes { ${INCIDENT_FIELDS} } ${PAGE_INFO} } }`;
const TIMELINE = `query($code: String, $first: Int, $after: String, $since: DateTime) { mineSite(code: $code) {
  timeline(first: $first, after: $after, since: $since) {
    nodes { occurredAt kind summary agencyId agencyType incidentId jointCaseId fromStatus toStatus level linkedVia }
    ${PAGE_INFO} } } }`;
const CASES = `query($code: String, $first: Int, $after: String) { mineSite(code: $code) {
  cases(first: $first, after: $after) {
    nodes { jointCaseId firstLinkedAt lastActivityAt linkedVia referralId incidentId linkedByAgencyId linkedByAgencyType
      jointCase { jointCaseId site { code } } }
    ${PAGE_INFO} } } }`;
const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on JointCase { jointCaseId site { code name status } }
  ... on MineSite { code name status } } }`;

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

interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}
interface Page<T> {
  edges?: { cursor: string }[];
  nodes: T[];
  pageInfo: PageInfo;
}
interface TimelineEntry {
  occurredAt: string;
  kind: string;
  summary: string;
  agencyId: string;
  agencyType: string;
  incidentId: string | null;
  jointCaseId: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  level: number | null;
  linkedVia: string | null;
}
interface SiteCase {
  jointCaseId: string;
  firstLinkedAt: string;
  lastActivityAt: string;
  linkedVia: string;
  referralId: string | null;
  incidentId: string | null;
  linkedByAgencyId: string;
  linkedByAgencyType: string;
  jointCase: { jointCaseId: string; site: { code: string } | null };
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
  // Served as an agency service serves it behind the gateway: the same queries, plus `_entities`.
  const platform = useTestPlatform({
    modules: [SitesModule],
    subgraph: true,
    serviceName: 'pamoja-sites-e2e',
    // This spec registers its sites itself, through the API.
    registeredSites: [],
  });
  const saemape = platform.as({ agencyId: 'saemape-goma', agencyType: 'mining_authority', roles: ['inspector'] });
  const ngo = platform.as({ agencyId: 'ngo-kivu-hope', agencyType: 'first_responder', roles: ['field_worker'] });

  const siteByCode = async (code: string) => (await ngo.ok<{ mineSite: SiteView }>(SITE_BY_CODE, { code })).mineSite;
  const sitesPage = async (filter: Record<string, unknown>) =>
    (await ngo.ok<{ mineSites: Page<SiteView> }>(SITES, { filter })).mineSites;
  const sites = async (filter: Record<string, unknown>) => (await sitesPage(filter)).nodes;
  const incidentsPage = async (siteId: string, filter: Record<string, unknown>) =>
    (await ngo.ok<{ siteIncidents: Page<IncidentView> }>(INCIDENTS, { siteId, filter })).siteIncidents;
  const incidents = async (siteId: string, openOnly = false) => (await incidentsPage(siteId, { openOnly })).nodes;

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
    expect(byNgo.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', reason: 'access_policy' });
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
    expect((await sites({ withOpenIncidents: true })).map((s) => s.code)).toContain('NK-MAS-014');
    expect((await sites({ withOpenIncidents: false })).map((s) => s.code)).not.toContain('NK-MAS-014');

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
  /**
   * Another agency refers a case naming the site. The sites service runs no referrals: it receives the
   * referral as the catalogue shares it (from Kafka in server mode, from the log here), so the test writes
   * the referral's event to the log as the referrals context would.
   */
  async function referCase(siteCode: string, jointCaseId: string): Promise<string> {
    const referralId = randomUUID();
    const now = new Date().toISOString();
    const store = platform.get<EventStore>(EVENT_STORE);
    const appended = await store.appendToStream(
      `referral-${referralId}`,
      [
        {
          eventId: randomUUID(),
          type: 'ReferralSubmitted',
          schemaVersion: 2,
          data: {
            referralId,
            jointCaseId,
            jointCase: 'opened',
            subject: { isChild: false },
            childProtectionBasis: false,
            site: { code: siteCode, description: null },
            indicators: ['debt_bondage'],
            childLabourFlags: [],
            urgency: 'urgent',
            fromAgencyId: 'ngo-kivu-hope',
            fromAgencyType: 'first_responder',
            toAgencyId: 'pnc-rutshuru',
            toAgencyType: 'police',
            submittedAt: now,
            dueBy: new Date(Date.now() + 2 * DAY_MS).toISOString(),
            summary: 'Diggers say their wages are held back until the debt is paid.',
          },
          metadata: {
            actor: {
              userId: 'ngo-kivu-hope-user',
              agencyId: 'ngo-kivu-hope',
              agencyType: 'first_responder',
              roles: ['field_worker'],
            },
            correlationId: randomUUID(),
            causationId: null,
            jointCaseId,
            occurredAt: now,
          },
        },
      ],
      { expectedRevision: NO_STREAM },
    );
    expect(await platform.app.get(Projections).waitFor(appended.position, 10_000)).toBe(true);
    return referralId;
  }

  const timeline = async (code: string, args: Record<string, unknown> = {}) =>
    (await ngo.ok<{ mineSite: { timeline: Page<TimelineEntry> } }>(TIMELINE, { code, ...args })).mineSite.timeline;
  const siteCases = async (code: string, args: Record<string, unknown> = {}) =>
    (await ngo.ok<{ mineSite: { cases: Page<SiteCase> } }>(CASES, { code, ...args })).mineSite.cases;

  it("tells a site's story in order: registration, status changes, an incident, and the cases linked to it", async () => {
    const code = 'NK-RUT-001';
    const { registerMineSite: site } = await saemape.ok<{ registerMineSite: SitePayload }>(REGISTER, {
      input: registerInput({ code, name: 'Bihambwe ridge', territory: 'RUTSHURU', latitude: -1.2, longitude: 29.4 }),
    });
    const siteId = site.siteId;
    await saemape.ok(CHANGE, { input: { commandId: randomUUID(), siteId, to: 'GREEN' } });
    await saemape.ok(CHANGE, {
      input: { commandId: randomUUID(), siteId, to: 'RED', reason: 'Mr Kambale holds the diggers at gunpoint' },
    });
    const incidentCase = randomUUID();
    const { reportSiteIncident: incident } = await ngo.ok<{ reportSiteIncident: IncidentPayload }>(REPORT, {
      input: {
        commandId: randomUUID(),
        siteId,
        jointCaseId: incidentCase,
        source: 'WHISTLE_BLOWER',
        description: 'Amani, 15, carries sacks at night.',
      },
    });
    const referredCase = randomUUID();
    const referralId = await referCase(code, referredCase);
    await saemape.ok(CLASSIFY, { input: { commandId: randomUUID(), incidentId: incident.incidentId, level: 1 } });

    const { nodes, pageInfo } = await timeline(code);
    expect(nodes.map((e) => e.kind)).toEqual([
      'REGISTERED',
      'STATUS_CHANGED',
      'STATUS_CHANGED',
      'INCIDENT_REPORTED',
      'CASE_LINKED',
      'CASE_LINKED',
      'INCIDENT_CLASSIFIED',
    ]);
    expect(pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    const times = nodes.map((e) => Date.parse(e.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(nodes[0]).toMatchObject({ agencyId: 'saemape-goma', agencyType: 'MINING_AUTHORITY', toStatus: 'BLUE' });
    expect(nodes[1]).toMatchObject({ fromStatus: 'BLUE', toStatus: 'GREEN', summary: 'Status BLUE → GREEN' });
    expect(nodes[2]).toMatchObject({
      fromStatus: 'GREEN',
      toStatus: 'RED',
      summary: 'Status GREEN → RED (reason on record)',
    });
    expect(nodes[3]).toMatchObject({
      incidentId: incident.incidentId,
      jointCaseId: incidentCase,
      agencyId: 'ngo-kivu-hope',
      agencyType: 'FIRST_RESPONDER',
      level: null,
      summary: 'Incident reported (source: whistle blower) in a joint case',
    });
    expect(nodes[4]).toMatchObject({
      jointCaseId: incidentCase,
      incidentId: incident.incidentId,
      linkedVia: 'INCIDENT',
    });
    expect(nodes[5]).toMatchObject({
      jointCaseId: referredCase,
      incidentId: null,
      linkedVia: 'REFERRAL',
      agencyId: 'ngo-kivu-hope',
      summary: 'Joint case linked by a referral naming the site',
    });
    expect(nodes[6]).toMatchObject({ level: 1, summary: 'Incident classified level 1', jointCaseId: incidentCase });
    // Facts only: the reason, the report and the referral's summary name people and stay out of the timeline.
    expect(JSON.stringify(nodes)).not.toMatch(/Kambale|Amani|wages/);

    // Read in pages, the timeline is the same; `since` starts it later.
    const firstPage = await timeline(code, { first: 4 });
    expect(firstPage.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const rest = await timeline(code, { first: 4, after: firstPage.pageInfo.endCursor });
    expect(rest.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    expect([...firstPage.nodes, ...rest.nodes]).toEqual(nodes);
    const since = await timeline(code, { since: nodes[3]?.occurredAt });
    expect(since.nodes).toEqual(nodes.slice(3));

    // The cases linked to the site, newest activity first: the incident's case was classified last.
    const cases = await siteCases(code);
    expect(cases.nodes).toMatchObject([
      {
        jointCaseId: incidentCase,
        linkedVia: 'INCIDENT',
        incidentId: incident.incidentId,
        referralId: null,
        jointCase: { jointCaseId: incidentCase, site: { code } },
      },
      {
        jointCaseId: referredCase,
        linkedVia: 'REFERRAL',
        referralId,
        incidentId: null,
        linkedByAgencyId: 'ngo-kivu-hope',
        linkedByAgencyType: 'FIRST_RESPONDER',
        jointCase: { jointCaseId: referredCase, site: { code } },
      },
    ]);
    expect(Date.parse(cases.nodes[0]?.lastActivityAt ?? '')).toBeGreaterThan(
      Date.parse(cases.nodes[1]?.lastActivityAt ?? ''),
    );
    const onePage = await siteCases(code, { first: 1 });
    const next = await siteCases(code, { first: 1, after: onePage.pageInfo.endCursor });
    expect([...onePage.nodes, ...next.nodes].map((c) => c.jointCaseId)).toEqual([incidentCase, referredCase]);
    expect(next.pageInfo.hasNextPage).toBe(false);
  });

  it('answers the gateway: a joint case gives its site, a site code gives the site, unknown ones give null', async () => {
    const code = 'NK-RUT-002';
    await saemape.ok(REGISTER, {
      input: registerInput({
        code,
        name: 'Kanyabayonga pit 2',
        territory: 'RUTSHURU',
        latitude: -0.7,
        longitude: 29.2,
      }),
    });
    const referred = randomUUID();
    await referCase(code, referred);
    // A referral may name a site the registry does not have yet: the case has no site to show.
    const unregistered = randomUUID();
    await referCase('NK-RUT-999', unregistered);

    const { _entities } = await ngo.ok<{ _entities: unknown[] }>(ENTITIES, {
      representations: [
        { __typename: 'JointCase', jointCaseId: referred },
        { __typename: 'JointCase', jointCaseId: unregistered },
        { __typename: 'JointCase', jointCaseId: randomUUID() },
        { __typename: 'MineSite', code },
        { __typename: 'MineSite', code: 'NK-RUT-999' },
      ],
    });
    expect(_entities).toEqual([
      { jointCaseId: referred, site: { code, name: 'Kanyabayonga pit 2', status: 'BLUE' } },
      { jointCaseId: unregistered, site: null },
      { jointCaseId: expect.any(String), site: null },
      { code, name: 'Kanyabayonga pit 2', status: 'BLUE' },
      null,
    ]);
  });

  it('pages through the registry and an incident list with filters, and refuses a cursor not its own', async () => {
    for (const [n, territory] of [
      ['001', 'UVIRA'],
      ['002', 'UVIRA'],
      ['003', 'UVIRA'],
      ['004', 'FIZI'],
    ] as const) {
      await saemape.ok(REGISTER, {
        input: registerInput({
          code: `SK-${territory.slice(0, 3)}-${n}`,
          name: `Test pit ${n}`,
          province: 'SOUTH_KIVU',
          territory,
          minerals: ['GOLD'],
          latitude: -3.4,
          longitude: 29.1,
        }),
      });
    }
    const all = await sites({ territory: 'UVIRA' });
    expect(all.map((site) => site.code)).toEqual(['SK-UVI-001', 'SK-UVI-002', 'SK-UVI-003']);

    const first = await sitesPage({ territory: 'UVIRA', first: 2 });
    expect(first.nodes.map((site) => site.code)).toEqual(['SK-UVI-001', 'SK-UVI-002']);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(first.pageInfo.startCursor).toBe(first.edges?.[0]?.cursor);
    const second = await sitesPage({ territory: 'UVIRA', first: 2, after: first.pageInfo.endCursor });
    expect(second.nodes.map((site) => site.code)).toEqual(['SK-UVI-003']);
    expect(second.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });

    // A site with an open incident comes first; paging keeps the order and misses no site.
    const uvira3 = all[2]?.siteId ?? '';
    for (const description of ['Children at the washing pools', 'Armed men at the pit entrance']) {
      await ngo.ok(REPORT, { input: { commandId: randomUUID(), siteId: uvira3, source: 'SMS', description } });
    }
    const ranked = await sites({ province: 'SOUTH_KIVU' });
    expect(ranked[0]?.code).toBe('SK-UVI-003');
    const paged: string[] = [];
    let after: string | null | undefined;
    do {
      const page = await sitesPage({ province: 'SOUTH_KIVU', first: 1, ...(after ? { after } : {}) });
      paged.push(...page.nodes.map((site) => site.code));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(paged).toEqual(ranked.map((site) => site.code));
    expect((await sites({ province: 'SOUTH_KIVU', withOpenIncidents: true })).map((site) => site.code)).toEqual([
      'SK-UVI-003',
    ]);

    const incidentPage = await incidentsPage(uvira3, { openOnly: true, first: 1 });
    expect(incidentPage.nodes).toHaveLength(1);
    expect(incidentPage.pageInfo.hasNextPage).toBe(true);
    const lastIncident = await incidentsPage(uvira3, {
      openOnly: true,
      first: 1,
      after: incidentPage.pageInfo.endCursor,
    });
    expect(lastIncident.nodes).toHaveLength(1);
    expect(lastIncident.nodes[0]?.incidentId).not.toBe(incidentPage.nodes[0]?.incidentId);
    expect(lastIncident.pageInfo.hasNextPage).toBe(false);

    // Not a cursor at all, another list's cursor, and a page size out of range: each names its field.
    const garbage = await ngo.request(SITES, { filter: { after: 'not-a-cursor' } });
    expect(garbage.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] });
    const timelineCursor = (await timeline('SK-UVI-001', { first: 1 })).pageInfo.endCursor;
    const foreign = await ngo.request(SITES, { filter: { after: timelineCursor } });
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] });
    const foreignIncidents = await ngo.request(INCIDENTS, {
      siteId: uvira3,
      filter: { after: first.pageInfo.endCursor },
    });
    expect(foreignIncidents.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'after' }],
    });
    const tooMany = await ngo.request(SITES, { filter: { first: 201 } });
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'first' }] });
    const badTimeline = await ngo.request(TIMELINE, { code: 'SK-UVI-001', first: 0 });
    expect(badTimeline.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'first' }] });
  });
});
