import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Page } from 'playwright-core';
import { handCaseAlong, partiesOf, type CaseChain } from './chain.js';
import { AGENCIES, catalogue, settled, useConsole, type AgencyName, type ConsoleUnderTest } from './console.js';
import { ROOT } from './platform.js';

const fr = catalogue('fr');

// ---------------------------------------------------------------------------------------------------
// The access policy, as the platform publishes it.
//
// The policy's data is libs/platform/policy/src/access-policy.ts, but the browser specs may not import a
// library of the platform (the workspace's module boundaries give `type:e2e` the test kit only, so the
// specs see the platform as a person does: from outside). docs/access-policy.md is generated from that
// data by `npm run policy:doc`, and the policy's own spec fails when the two differ: this file reads the
// generated tables back into grants and decides with them as the platform's decider does (deny by
// default; a guarded field is read only by whom its record's rule AND its field's rule admit).

type Grant =
  | { readonly kind: 'types'; readonly agencyTypes: readonly string[]; readonly roles?: readonly string[] }
  | { readonly kind: 'roles'; readonly roles: readonly string[] }
  | { readonly kind: 'sameAgency' }
  | { readonly kind: 'party'; readonly agencyTypes?: readonly string[] }
  | { readonly kind: 'consent'; readonly purpose: string };

const EVERY_AGENCY = Object.values(AGENCIES).map((a) => a.agencyType as string);

/** One grant as policy-doc.ts prints it, read back. */
function grantOf(text: string): Grant {
  const types = (list: string) =>
    list === 'every agency (not integrators)' ? EVERY_AGENCY : list.split(',').map((t) => t.trim());
  if (text === 'the agency the record belongs to') return { kind: 'sameAgency' };
  if (text === 'parties to the case') return { kind: 'party' };
  const consent = /^parties the person consented to \((\w+)\)$/.exec(text);
  if (consent?.[1]) return { kind: 'consent', purpose: consent[1] };
  const party = /^(.+) party to the case$/.exec(text);
  if (party?.[1]) return { kind: 'party', agencyTypes: types(party[1]) };
  const role = /^role (.+)$/.exec(text);
  if (role?.[1]) return { kind: 'roles', roles: role[1].split(' or ') };
  const withRole = /^(.+) with role (.+)$/.exec(text);
  if (withRole?.[1] && withRole[2])
    return { kind: 'types', agencyTypes: types(withRole[1]), roles: withRole[2].split(' or ') };
  if (/^[a-z_]+(, [a-z_]+)*$|^every agency/.test(text)) return { kind: 'types', agencyTypes: types(text) };
  throw new Error(`a grant this test does not know how to read: "${text}"`);
}

interface PublishedPolicy {
  /** `Query.case`, `Mutation.openInvestigation`, ... */
  readonly operations: ReadonlyMap<string, readonly Grant[]>;
  /** `AssistanceCase.identity`, ... */
  readonly fields: ReadonlyMap<string, readonly Grant[]>;
  /** `JointCase`, `Investigation`, ... */
  readonly records: ReadonlyMap<string, readonly Grant[]>;
}

function readPolicy(): PublishedPolicy {
  const text = readFileSync(join(ROOT, 'docs', 'access-policy.md'), 'utf8');
  const operations = new Map<string, Grant[]>();
  const fields = new Map<string, Grant[]>();
  const records = new Map<string, Grant[]>();
  let table: string | undefined;
  for (const line of text.split('\n')) {
    const cells = line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((c) => c.trim());
    if (cells.length < 2 || cells[0]?.startsWith('---')) continue;
    const [first = '', who = ''] = cells;
    const name = /^`(.+)`$/.exec(first)?.[1];
    if (!name) {
      table = first;
      continue;
    }
    const grants = who === 'nobody' ? [] : who.split('; ').map(grantOf);
    if (table === 'mutation' || table === 'query' || table === 'subscription') {
      operations.set(`${table[0]?.toUpperCase() ?? ''}${table.slice(1)}.${name}`, grants);
    } else if (table === 'guarded field') fields.set(name, grants);
    else if (table === 'record') records.set(name, grants);
  }
  if (!fields.size || !records.size || !operations.size) throw new Error('docs/access-policy.md has no policy tables');
  return { operations, fields, records };
}

interface Reader {
  readonly agencyId: string;
  readonly agencyType: string;
  readonly roles: readonly string[];
}

/** What the decision about one record needs: whose it is, the case's parties, the person's consent. */
interface Facts {
  readonly ownerAgencyId?: string;
  readonly parties: readonly string[];
  readonly consent?: { readonly agencyTypes: readonly string[]; readonly purposes: readonly string[] };
}

function grants(grant: Grant, reader: Reader, facts: Facts): boolean {
  const isParty = facts.parties.includes(reader.agencyId);
  switch (grant.kind) {
    case 'sameAgency':
      return facts.ownerAgencyId === reader.agencyId;
    case 'party':
      return isParty && (!grant.agencyTypes || grant.agencyTypes.includes(reader.agencyType));
    case 'consent':
      return (
        isParty &&
        !!facts.consent?.agencyTypes.includes(reader.agencyType) &&
        facts.consent.purposes.includes(grant.purpose)
      );
    case 'roles':
      return grant.roles.some((r) => reader.roles.includes(r));
    case 'types':
      return (
        grant.agencyTypes.includes(reader.agencyType) &&
        (!grant.roles || grant.roles.some((r) => reader.roles.includes(r)))
      );
  }
}

const anyOf = (rules: readonly Grant[] | undefined, reader: Reader, facts: Facts): boolean =>
  (rules ?? []).some((g) => grants(g, reader, facts));

const POLICY = readPolicy();

function rule(map: ReadonlyMap<string, readonly Grant[]>, name: string): readonly Grant[] {
  const found = map.get(name);
  if (!found) throw new Error(`the published access policy has no rule for ${name}`);
  return found;
}

/** May the reader find the record at all (to others it is not found)? */
const mayAccess = (reader: Reader, record: string, facts: Facts) => anyOf(rule(POLICY.records, record), reader, facts);

/** May the reader read the field of that record: the record's rule and the field's both admit them. */
const mayRead = (reader: Reader, record: string, field: string, facts: Facts) =>
  mayAccess(reader, record, facts) && anyOf(rule(POLICY.fields, field), reader, facts);

const readerOf = (as: AgencyName): Reader => ({
  agencyId: AGENCIES[as].agencyId,
  agencyType: AGENCIES[as].agencyType,
  roles: [AGENCIES[as].role],
});

/** A value the test set up, and whether the policy lets the reader read it. */
interface Guarded {
  readonly what: string;
  readonly value: string;
  readonly readable: boolean;
}

/** Every guarded value of the case, decided for one reader from the published policy. */
function guardedValues(as: AgencyName, chain: CaseChain, parties: readonly string[]): readonly Guarded[] {
  const reader = readerOf(as);
  const v = chain.values;
  const victim: Facts = { ownerAgencyId: AGENCIES.assistance.agencyId, parties, consent: chain.consent };
  const investigation: Facts = { ownerAgencyId: AGENCIES.police.agencyId, parties };
  const identity = mayRead(reader, 'AssistanceCase', 'AssistanceCase.identity', victim);
  const details = mayAccess(reader, 'Investigation', investigation);
  return [
    { what: 'the victim’s name', value: v.victimName, readable: identity },
    { what: 'the victim’s safe house', value: v.victimLocation, readable: identity },
    { what: 'the victim’s phone', value: v.victimPhone, readable: identity },
    {
      what: 'the suspect’s name',
      value: v.suspectName,
      readable: mayRead(reader, 'Investigation', 'InvestigationSuspect.name', investigation),
    },
    {
      what: 'the suspect’s date of birth',
      value: v.suspectBirth,
      readable: mayRead(reader, 'Investigation', 'InvestigationSuspect.dateOfBirth', investigation),
    },
    { what: 'the evidence’s description', value: v.evidence, readable: details },
    { what: 'the suspect’s alias (investigation detail)', value: v.suspectAlias, readable: details },
  ];
}

// ---------------------------------------------------------------------------------------------------
// What a page received and shows.

/** Everything the platform sent the page over GraphQL (HTTP answers and live frames), as text. */
function listen(page: Page): () => Promise<string> {
  const bodies: Promise<string>[] = [];
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.endsWith('/graphql')) {
      bodies.push(response.text().catch(() => ''));
    }
  });
  page.on('websocket', (socket) => {
    socket.on('framereceived', (frame) => {
      bodies.push(Promise.resolve(typeof frame.payload === 'string' ? frame.payload : frame.payload.toString('utf8')));
    });
  });
  return async () => (await Promise.all(bodies)).join('\n');
}

/** A JSON string's text as it is inside an answer (quotes and apostrophes escaped or not). */
const inJson = (value: string) => JSON.stringify(value).slice(1, -1);

async function visit(
  app: ConsoleUnderTest,
  as: AgencyName,
  path: string,
  ready: (page: Page) => Promise<void>,
): Promise<{ text: string; received: string }> {
  const context = await app.browser().newContext({
    baseURL: app.base(),
    locale: 'fr-FR',
    timezoneId: 'Africa/Lubumbashi',
  });
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const received = listen(page);
    await signIn(app, page, as);
    await page.goto(path);
    await ready(page);
    await settled(page);
    // The live feeds and the polls of the page have their first answers.
    await page.waitForTimeout(500);
    return { text: await page.locator('body').innerText(), received: await received() };
  } finally {
    // The context's text and answers are read; the page is not used after this. Closed before the next visit
    // opens its own, so that no two contexts' teardown and start-up overlap in the one browser.
    await context.close().catch(() => undefined);
  }
}

/** The session the console's sign-in keeps, set before the console loads (as `open` does). */
async function signIn(app: ConsoleUnderTest, page: Page, as: AgencyName): Promise<void> {
  const token = await app.token(as);
  const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
    sub: string;
    exp: number;
  };
  const { agencyId, agencyType, role } = AGENCIES[as];
  const session = {
    token,
    userId: claims.sub,
    agencyId,
    agencyType,
    roles: [role],
    expiresAt: new Date(claims.exp * 1000).toISOString(),
    development: true,
  };
  await page.addInitScript((value) => {
    if (!localStorage.getItem('pamoja.session')) localStorage.setItem('pamoja.session', value);
  }, JSON.stringify(session));
}

/** Each value the reader may not read is nowhere on the page nor in what the page received. */
function expectWithheld(view: string, guarded: readonly Guarded[], seen: { text: string; received: string }): void {
  const leaks = guarded
    .filter((g) => !g.readable)
    .flatMap((g) => [
      ...(seen.text.includes(g.value) ? [`${view}: ${g.what} is on the page`] : []),
      ...(seen.received.includes(inJson(g.value)) || seen.received.includes(g.value)
        ? [`${view}: ${g.what} is in a GraphQL answer`]
        : []),
    ]);
  expect(leaks).toEqual([]);
}

describe('each agency sees only what the access policy gives it, in a browser', () => {
  const app = useConsole();
  let chain: CaseChain;
  let parties: readonly string[];

  beforeAll(async () => {
    chain = await handCaseAlong(app);
    parties = await partiesOf(app, chain.jointCaseId);
  }, 120_000);

  it('the mining authority: the site and its incident, never the victim, the suspect or the evidence', async () => {
    const reader = readerOf('mining');
    const guarded = guardedValues('mining', chain, parties);
    // What the policy withholds from the mining authority here: the test is about those.
    expect(guarded.filter((g) => !g.readable).length).toBeGreaterThan(0);
    expect(POLICY.operations.has('Query.mineSite')).toBe(true);
    const { mineSite } = await app.graphql<{ mineSite: { status: string } }>(
      'mining',
      `query ($code: String) { mineSite(code: $code) { status } }`,
      { code: chain.siteCode },
    );

    // The site's page: its status and the incident linked to the case, which no field rule guards.
    expect(anyOf(rule(POLICY.operations, 'Query.mineSite'), reader, { parties })).toBe(true);
    expect(POLICY.fields.has('SiteIncident.description')).toBe(false);
    const site = await visit(app, 'mining', `/sites/${chain.siteCode}`, async (page) => {
      await page.getByText(chain.values.incident).waitFor();
    });
    expect(site.text).toContain(fr(`sites.status.${mineSite.status}`));
    expect(site.text).toContain(chain.values.incident);
    expectWithheld('site page', guarded, site);

    // The case's page: the case exists for it only if the policy's record rule admits it.
    const caseVisible = mayAccess(reader, 'JointCase', { parties });
    const casePage = await visit(app, 'mining', `/cases/${chain.jointCaseId}`, async (page) => {
      await (
        caseVisible ? page.getByText(fr('case.event.ReferralSubmitted')).first() : page.getByText(fr('case.notFound'))
      ).waitFor();
    });
    if (caseVisible && chain.reference) expect(casePage.text).toContain(chain.reference);
    if (!caseVisible) expect(casePage.text).toContain(fr('case.notFound'));
    expectWithheld('case page', guarded, casePage);

    // The registry (with its map) and the home queues.
    const registry = await visit(app, 'mining', '/sites', async (page) => {
      await page.getByRole('link', { name: chain.siteCode, exact: true }).first().waitFor();
    });
    expectWithheld('sites registry', guarded, registry);
    const home = await visit(app, 'mining', '/', async (page) => {
      await page.getByRole('region', { name: fr('queues.sitesRed.title'), exact: true }).waitFor();
    });
    expectWithheld('home', guarded, home);
    const dashboard = await visit(app, 'mining', '/dashboard', async (page) => {
      await page.getByRole('heading', { level: 1 }).waitFor();
    });
    expectWithheld('dashboard', guarded, dashboard);
    // The assistance case, by its address: a record the mining authority finds only if the policy says so.
    const assistance = await visit(app, 'mining', `/assistance/${chain.assistanceId}`, async (page) => {
      await page.getByRole('heading', { level: 1 }).waitFor();
    });
    expectWithheld('assistance case page', guarded, assistance);
  });

  it('the police: the suspect they identified, never the victim’s safe house unless the consent shares it', async () => {
    const guarded = guardedValues('police', chain, parties);
    const safeHouse = guarded.find((g) => g.value === chain.values.victimLocation);
    const suspect = guarded.find((g) => g.value === chain.values.suspectName);
    // The person consented to assistance and investigation, not to information sharing: withheld.
    expect(safeHouse?.readable).toBe(false);
    expect(suspect?.readable).toBe(true);
    const police = guarded.filter(
      (g) => g.value === chain.values.victimLocation || g.value === chain.values.victimName,
    );

    const investigation = await visit(app, 'police', `/investigations/${chain.investigationId}`, async (page) => {
      await page.getByText(chain.values.suspectName).first().waitFor();
    });
    // The positive: what the policy grants the police is shown.
    expect(investigation.text).toContain(chain.values.suspectName);
    expect(investigation.text).toContain(chain.values.evidence);
    // ...and came in the page's GraphQL answers, where the other values are looked for.
    expect(investigation.received).toContain(inJson(chain.values.suspectName));
    expectWithheld('investigation page', police, investigation);

    const casePage = await visit(app, 'police', `/cases/${chain.jointCaseId}`, async (page) => {
      await page.getByText(fr('case.event.ReferralSubmitted')).first().waitFor();
    });
    expectWithheld('case page', police, casePage);
    const home = await visit(app, 'police', '/', async (page) => {
      await page.getByRole('region', { name: fr('queues.incomingReferrals.title'), exact: true }).waitFor();
    });
    expectWithheld('home', police, home);
    // The assistance case of the same person: the police are a party, and read it in summary only.
    const assistance = await visit(app, 'police', `/assistance/${chain.assistanceId}`, async (page) => {
      await page.getByRole('heading', { level: 1 }).waitFor();
    });
    expectWithheld('assistance case page', police, assistance);
  });
});
