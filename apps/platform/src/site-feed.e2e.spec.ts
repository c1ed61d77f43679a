import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { SaxesParser } from 'saxes';
import { type AgencyType } from '@pamoja/contracts';
import { CLOCK, type Clock } from '@pamoja/platform/config';
import { useTestPlatform, type TestPlatform } from '@pamoja/testing';
import { EmbeddedPlatformModule } from './app.module.js';

/*
 * The supply-chain feed per mine site, read as an integrator would: over HTTP, in JSON (validated against the
 * schema the platform serves), CSV and Atom. The mining authority registers two sites, records an ICGLR id and
 * changes a status; agencies report incidents with free text and in a joint case, and classify them: twelve of
 * forced labour (k = 10 is reached), three of child labour (withheld). Nothing shows before the delay (30 days,
 * on a clock the test moves); nothing newer than the delay shows after it; no free text, no case and no
 * incident id is anywhere in a body. Every agency and site here is fictional.
 */

interface Agency {
  readonly agencyId: string;
  readonly agencyType: AgencyType;
  readonly role: string;
}
const SAEMAPE: Agency = { agencyId: 'saemape-nk', agencyType: 'mining_authority', role: 'inspector' };
const NGO: Agency = { agencyId: 'ngo-kivu-hope', agencyType: 'first_responder', role: 'field_worker' };
const POLICE: Agency = { agencyId: 'pnc-masisi', agencyType: 'police', role: 'investigator' };
const BUYER: Agency = { agencyId: 'traceability-demo', agencyType: 'integrator', role: 'integrator' };

const DAY_MS = 86_400_000;

/** A clock the test moves: the platform reads it for every command's time and for the feed's cut-off. */
class MovableClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advanceDays(days: number): void {
    this.offsetMs += days * DAY_MS;
  }
}

// Free text the agencies write: none of it may reach the feed.
const DESCRIPTION = 'FEEDMARK-DESCRIPTION Mama Feza says her son digs at night';
const REASON = 'FEEDMARK-REASON children seen at the washing point';
const FINDINGS = 'FEEDMARK-FINDINGS armed men tax every sack';
const TEAM = 'FEEDMARK-TEAM joint validation team';
const SUMMARY = 'FEEDMARK-SUMMARY the taxation stopped';
const JOINT_CASE = randomUUID();
const ICGLR_ID = 'CDNK0001483';

const REGISTER = `mutation($input: RegisterMineSiteInput!) { registerMineSite(input: $input) { siteId } }`;
const ICGLR = `mutation($input: RecordMineSiteIcglrIdInput!) { recordMineSiteIcglrId(input: $input) { siteId } }`;
const STATUS = `mutation($input: ChangeMineSiteStatusInput!) { changeMineSiteStatus(input: $input) { status } }`;
const INSPECT = `mutation($input: RecordMineSiteInspectionInput!) { recordMineSiteInspection(input: $input) { siteId } }`;
const REPORT = `mutation($input: ReportSiteIncidentInput!) { reportSiteIncident(input: $input) { incidentId } }`;
const CLASSIFY = `mutation($input: ClassifySiteIncidentInput!) { classifySiteIncident(input: $input) { level } }`;
const CLOSE = `mutation($input: CloseSiteIncidentInput!) { closeSiteIncident(input: $input) { status } }`;

interface FeedCount {
  count: number | null;
  withheld: boolean;
}
interface FeedDocument {
  asOf: string;
  delayDays: number;
  minCellCount: number;
  sites: {
    code: string;
    icglrId: string | null;
    status: string;
    minerals: { mineral: string; hsCode: string }[];
    statusHistory: { status: string; previousStatus: string | null; remediationDeadline: string | null }[];
    incidents: { total: FeedCount; byCategoryAndLevel: (FeedCount & { category: string; level: number })[] };
  }[];
}

function helpers(platform: TestPlatform) {
  const as = (agency: Agency) => platform.as({ ...agency, roles: [agency.role] });
  const mutate = async <T>(agency: Agency, mutation: string, input: Record<string, unknown>): Promise<T> => {
    const data = await as(agency).ok<Record<string, T>>(mutation, { input: { commandId: randomUUID(), ...input } });
    return Object.values(data)[0] as T;
  };
  const token = (agency: Agency) => platform.tokenFor({ ...agency, roles: [agency.role] });
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${platform.url}${path}`, { headers });
    return { response, body: await response.text() };
  };
  const register = (code: string, name: string) =>
    mutate<{ siteId: string }>(SAEMAPE, REGISTER, {
      code,
      name,
      province: 'NORTH_KIVU',
      territory: 'MASISI',
      minerals: ['COLTAN', 'CASSITERITE'],
      latitude: -1.55,
      longitude: 28.85,
    });
  return { as, mutate, token, get, register };
}

/** Parses XML strictly (well-formedness, namespaces): the elements' local names with their text, in order. */
function parseAtom(xml: string): { name: string; uri: string; text: string }[] {
  const parser = new SaxesParser({ xmlns: true });
  const elements: { name: string; uri: string; text: string }[] = [];
  const open: { name: string; uri: string; text: string }[] = [];
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    const element = { name: tag.local, uri: tag.uri, text: '' };
    elements.push(element);
    open.push(element);
  });
  parser.on('text', (text) => {
    const current = open.at(-1);
    if (current) current.text += text;
  });
  parser.on('closetag', () => open.pop());
  parser.write(xml).close();
  return elements;
}

describe('the supply-chain feed per mine site, behind tokens', () => {
  const clock = new MovableClock();
  const platform = useTestPlatform({
    root: (config) => EmbeddedPlatformModule.forRoot(config),
    serviceName: 'pamoja-site-feed-e2e',
    registeredSites: [],
    overrides: () => [{ provide: CLOCK, useValue: clock }],
  });
  const { mutate, token, get, register } = helpers(platform);
  const secrets: string[] = [DESCRIPTION, REASON, FINDINGS, TEAM, SUMMARY, JOINT_CASE, 'FEEDMARK'];
  let integrator: Record<string, string> = {};

  it('shows nothing of what happened less than the delay ago', async () => {
    integrator = { authorization: `Bearer ${await token(BUYER)}` };
    const { siteId } = await register('NK-MAS-101', 'Kalimbi Fictif');
    const other = await register('NK-MAS-102', 'Rubaya Fictif');
    await mutate(SAEMAPE, ICGLR, { siteId, icglrId: ICGLR_ID });
    await mutate(NGO, INSPECT, {
      siteId,
      inspectedAt: clock.now().toISOString(),
      inspectingAgency: TEAM,
      findings: FINDINGS,
      indicatorsObserved: ['FEEDMARK-INDICATOR'],
      recommendedStatus: 'YELLOW',
    });
    const deadline = new Date(clock.now().getTime() + 90 * DAY_MS).toISOString();
    await mutate(SAEMAPE, STATUS, { siteId, to: 'YELLOW', reason: REASON, remediationDeadline: deadline });
    // Twelve incidents of forced labour (k is reached) and three of child labour (under k), some in a joint case.
    const incidents: string[] = [];
    for (let i = 0; i < 15; i += 1) {
      const { incidentId } = await mutate<{ incidentId: string }>(NGO, REPORT, {
        siteId,
        source: 'WHISTLE_BLOWER',
        description: `${DESCRIPTION} (${String(i)})`,
        ...(i < 2 ? { jointCaseId: JOINT_CASE } : {}),
      });
      const category = i < 12 ? 'FORCED_LABOUR' : 'WORST_FORMS_OF_CHILD_LABOUR';
      await mutate(POLICE, CLASSIFY, { incidentId, level: 1, category });
      incidents.push(incidentId);
    }
    await mutate(SAEMAPE, CLOSE, { incidentId: incidents[0], summary: SUMMARY });
    secrets.push(...incidents, siteId, other.siteId);

    const { response, body } = await get('/feeds/sites.json', integrator);
    expect(response.status).toBe(200);
    const feed = JSON.parse(body) as FeedDocument;
    expect(feed).toMatchObject({ delayDays: 30, minCellCount: 10, sites: [] });
    expect(Date.parse(feed.asOf)).toBeLessThanOrEqual(clock.now().getTime() - 30 * DAY_MS);
    const one = await get('/feeds/sites/NK-MAS-101.json', integrator);
    expect(one.response.status).toBe(404);
    expect(JSON.parse(one.body)).toMatchObject({ error: { code: 'NOT_FOUND', reason: 'unknown_site' } });
  });

  it('after the delay: registry facts, ICGLR id, HS codes, status history and counts, small counts withheld', async () => {
    clock.advanceDays(31);
    // Newer than the delay, hence not in the feed: a status change and a thirteenth forced-labour incident.
    const secondSite = await platform
      .as({ ...SAEMAPE, roles: [SAEMAPE.role] })
      .ok<{ mineSite: { siteId: string } }>(`query { mineSite(code: "NK-MAS-102") { siteId } }`);
    await mutate(SAEMAPE, STATUS, { siteId: secondSite.mineSite.siteId, to: 'RED', reason: REASON });
    const firstSite = await platform
      .as({ ...SAEMAPE, roles: [SAEMAPE.role] })
      .ok<{ mineSite: { siteId: string; icglrId: string } }>(
        `query { mineSite(code: "NK-MAS-101") { siteId icglrId } }`,
      );
    expect(firstSite.mineSite.icglrId).toBe(ICGLR_ID);
    const late = await mutate<{ incidentId: string }>(NGO, REPORT, {
      siteId: firstSite.mineSite.siteId,
      source: 'SMS',
      description: DESCRIPTION,
    });
    await mutate(POLICE, CLASSIFY, { incidentId: late.incidentId, level: 1, category: 'FORCED_LABOUR' });
    secrets.push(late.incidentId);

    const { response, body } = await get('/feeds/sites.json', integrator);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const feed = JSON.parse(body) as FeedDocument;
    const schema = JSON.parse((await get('/feeds/sites.schema.json')).body) as object;
    const validate = new Ajv2020({ strict: true, allErrors: true, validateFormats: false }).compile(schema);
    expect(validate(feed)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);

    expect(feed.sites.map((site) => site.code)).toEqual(['NK-MAS-101', 'NK-MAS-102']);
    const [kalimbi, rubaya] = feed.sites;
    expect(kalimbi).toMatchObject({
      icglrId: ICGLR_ID,
      status: 'yellow',
      minerals: [
        { mineral: 'coltan', hsCode: '2615.90' },
        { mineral: 'cassiterite', hsCode: '2609.00' },
      ],
    });
    expect(kalimbi?.statusHistory.map((entry) => [entry.previousStatus, entry.status])).toEqual([
      [null, 'blue'],
      ['blue', 'yellow'],
    ]);
    expect(kalimbi?.incidents).toEqual({
      // The total would give the withheld three back (15 - 12): withheld too.
      total: { count: null, withheld: true },
      byCategoryAndLevel: [
        { category: 'forced_labour', annexIIParagraph: '1(ii)', level: 1, count: 12, withheld: false },
        {
          category: 'worst_forms_of_child_labour',
          annexIIParagraph: '1(iii)',
          level: 1,
          count: null,
          withheld: true,
        },
      ],
    });
    // The red status of today is not published yet.
    expect(rubaya).toMatchObject({ status: 'blue', incidents: { total: { count: 0, withheld: false } } });
    for (const secret of secrets) expect(body).not.toContain(secret);
    expect(body).not.toMatch(/"(description|summary|reason|findings|jointCaseId|incidentId|caseCount)"/);

    const site = await get('/feeds/sites/NK-MAS-101.json', integrator);
    expect(site.response.status).toBe(200);
    expect((JSON.parse(site.body) as FeedDocument).sites).toEqual([kalimbi]);
    expect((await get('/feeds/sites/NK-MAS-999.json', integrator)).response.status).toBe(404);
    expect((await get('/feeds/sites/nonsense.json', integrator)).response.status).toBe(404);
  });

  it('as CSV: one row per site, a withheld count written <10, never its number', async () => {
    const { response, body } = await get('/feeds/sites.csv', integrator);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const [header, kalimbi] = body.split('\r\n').map((line) => line.split(','));
    const at = (name: string) => header?.indexOf(name) ?? -1;
    expect(kalimbi?.[at('code')]).toBe('NK-MAS-101');
    expect(kalimbi?.[at('icglr_id')]).toBe(ICGLR_ID);
    expect(kalimbi?.[at('incidents_forced_labour_level_1')]).toBe('12');
    expect(kalimbi?.[at('incidents_worst_forms_of_child_labour_level_1')]).toBe('<10');
    expect(kalimbi?.[at('incidents_total')]).toBe('<10');
    for (const secret of secrets) expect(body).not.toContain(secret);
  });

  it('as Atom: valid XML with an entry per site and per published status change', async () => {
    const { response, body } = await get('/feeds/sites.atom', integrator);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
    const elements = parseAtom(body);
    const atom = elements.filter((e) => e.uri === 'http://www.w3.org/2005/Atom');
    expect(atom[0]?.name).toBe('feed');
    // Two sites, three statuses (two registrations' blue, one yellow): the red of today is not published.
    expect(atom.filter((e) => e.name === 'entry')).toHaveLength(5);
    const titles = atom.filter((e) => e.name === 'title').map((e) => e.text);
    expect(titles).toContain('NK-MAS-101: BLUE → YELLOW');
    expect(titles.some((title) => title.includes('RED'))).toBe(false);
    expect(atom.find((e) => e.name === 'summary' && e.text.startsWith('YELLOW'))?.text).toContain(
      'worst forms of child labour (Annex II §1(iii)), level 1: <10',
    );
    for (const secret of secrets) expect(body).not.toContain(secret);
  });

  it('answers 401 with the reason without a token or with a bad one, and any agency with a token', async () => {
    const none = await get('/feeds/sites.json');
    expect(none.response.status).toBe(401);
    expect(JSON.parse(none.body)).toMatchObject({ error: { code: 'UNAUTHENTICATED', reason: 'token_required' } });
    expect(none.response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const bad = await get('/feeds/sites.atom', { authorization: 'Bearer not-a-token' });
    expect(bad.response.status).toBe(401);
    expect(JSON.parse(bad.body)).toMatchObject({ error: { code: 'UNAUTHENTICATED', reason: 'token_refused' } });
    expect((await get('/feeds/sites/NK-MAS-101.json')).response.status).toBe(401);
    const police = await get('/feeds/sites.csv', { authorization: `Bearer ${await token(POLICE)}` });
    expect(police.response.status).toBe(200);
    // The schema holds no data: anyone may read it.
    expect((await get('/feeds/sites.schema.json')).response.status).toBe(200);
  });

  it('lets a reader revalidate: the same document has the same ETag, answered 304 without a body', async () => {
    const first = await get('/feeds/sites.json', integrator);
    const etag = first.response.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    expect(first.response.headers.get('cache-control')).toMatch(/^private, max-age=\d+/);
    const again = await get('/feeds/sites.json', { ...integrator, 'if-none-match': etag });
    expect(again.response.status).toBe(304);
    expect(again.body).toBe('');
  });
});

describe('the supply-chain feed, made public by the operator', () => {
  const clock = new MovableClock();
  const platform = useTestPlatform({
    root: (config) => EmbeddedPlatformModule.forRoot(config),
    serviceName: 'pamoja-site-feed-public-e2e',
    registeredSites: [],
    env: { PAMOJA_SITE_FEED_PUBLIC: 'true' },
    overrides: () => [{ provide: CLOCK, useValue: clock }],
  });
  const { register, get } = helpers(platform);

  it('is read without a token, and shared caches may keep it', async () => {
    await register('NK-MAS-731', 'Luwowo Fictif');
    clock.advanceDays(31);
    for (const path of ['/feeds/sites.json', '/feeds/sites.csv', '/feeds/sites.atom', '/feeds/sites/NK-MAS-731.json']) {
      const { response, body } = await get(path);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      expect(response.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
      expect(body).toContain('NK-MAS-731');
    }
  });
});
