import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { cellKey, determinedCells, type AgencyType, type SumLine } from '@pamoja/contracts';
import { submit, submitInput, useTestPlatform, type GraphqlTestClient } from '@pamoja/testing';
import { EmbeddedPlatformModule } from './app.module.js';

/*
 * Statistics as a donor, a ministry or an integrator reads them. Victims are registered by two assistance
 * providers at three sites, some cells well over k (10, the default) and some under it. The joint figures
 * never show a count from 1 to k − 1, and no withheld count can be worked out from the published ones by
 * their sums (rebuilt here from the answer alone); each agency reads its own figures in full; an integrator
 * reads the joint figures and nothing else. Every agency and site here is fictional.
 */

interface Agency {
  readonly agencyId: string;
  readonly agencyType: AgencyType;
  readonly role: string;
}
const FIRST_RESPONDER: Agency = { agencyId: 'ngo-kivu-hope', agencyType: 'first_responder', role: 'field_worker' };
const USHINDI: Agency = { agencyId: 'ngo-ushindi', agencyType: 'assistance_provider', role: 'case_worker' };
const AMANI: Agency = { agencyId: 'ngo-amani-bukavu', agencyType: 'assistance_provider', role: 'case_worker' };
const APLT: Agency = { agencyId: 'aplt-nk', agencyType: 'coordination_body', role: 'coordinator' };
const INTEGRATOR: Agency = { agencyId: 'traceability-demo', agencyType: 'integrator', role: 'integrator' };

const K = 10;

interface Cell {
  values: { dimension: string; value: string }[];
  count: number | null;
  suppressed: boolean;
  hoursMedian: number | null;
}
interface Table {
  subject: string;
  scope: string;
  k: number | null;
  asOf: string;
  dimensions: string[];
  cells: Cell[];
  csv: string;
}
const TABLE = 'subject scope k asOf dimensions cells { values { dimension value } count suppressed hoursMedian } csv';
const VICTIMS = `query($filter: StatisticsFilter, $breakdown: VictimStatisticsBreakdown) {
  victimStatistics(filter: $filter, breakdown: $breakdown) { ${TABLE} } }`;
const REFERRALS = `query($filter: StatisticsFilter) { referralStatistics(filter: $filter) { ${TABLE} } }`;
const INVESTIGATIONS = `query($filter: StatisticsFilter) { investigationStatistics(filter: $filter) { ${TABLE} } }`;
const PROSECUTIONS = `query($filter: StatisticsFilter) { prosecutionStatistics(filter: $filter) { ${TABLE} } }`;

const valueOf = (cell: Cell, dimension: string): string | undefined =>
  cell.values.find((v) => v.dimension === dimension)?.value;

/** The place of a cell as one hierarchical value: ALL, NK, NK-MAS, NK-MAS-014 (UNKNOWN: no site). */
function areaOf(cell: Cell): string {
  const province = valueOf(cell, 'province') ?? 'ALL';
  const territory = valueOf(cell, 'territory') ?? 'ALL';
  const site = valueOf(cell, 'siteCode') ?? 'ALL';
  if (site !== 'ALL') return site;
  if (territory !== 'ALL' && territory !== 'UNKNOWN') return `${province}-${territory}`;
  return province;
}

/**
 * The sums that hold between the published cells, as a reader finds them from the answer alone: a total
 * (ALL, a province, a territory) is the sum of the cells one level below it, the other dimensions equal.
 */
function sumsOf(table: Table): { counts: Map<string, number>; withheld: Set<string>; lines: SumLine[] } {
  const breakdown = table.dimensions.filter((d) => !['period', 'province', 'territory', 'siteCode'].includes(d));
  const keyOf = (period: string, area: string, rest: readonly string[]) => cellKey([period, area, ...rest]);
  const byKey = new Map<string, Cell>();
  for (const cell of table.cells) {
    byKey.set(
      keyOf(
        valueOf(cell, 'period') ?? 'ALL',
        areaOf(cell),
        breakdown.map((d) => valueOf(cell, d) ?? 'ALL'),
      ),
      cell,
    );
  }
  const counts = new Map<string, number>();
  const withheld = new Set<string>();
  for (const [key, cell] of byKey) {
    counts.set(key, cell.count ?? 0);
    if (cell.suppressed) withheld.add(key);
  }
  const parsed = [...byKey.keys()].map((key) => JSON.parse(key) as string[]);
  const childrenOf = (position: number, parent: string): string[] => {
    const values = new Set(parsed.map((v) => v[position] ?? ''));
    if (position === 1) {
      return [...values].filter((area) =>
        parent === 'ALL'
          ? !area.includes('-') && area !== 'ALL'
          : area.startsWith(`${parent}-`) && area.split('-').length === parent.split('-').length + 1,
      );
    }
    return parent === 'ALL' ? [...values].filter((v) => v !== 'ALL') : [];
  };
  const lines: SumLine[] = [];
  for (const values of parsed) {
    values.forEach((value, position) => {
      const children = childrenOf(position, value);
      if (children.length === 0) return;
      const parts = children.map((child) => cellKey(values.map((v, i) => (i === position ? child : v))));
      if (parts.every((part) => byKey.has(part))) lines.push({ total: cellKey(values), parts });
    });
  }
  return { counts, withheld, lines };
}

describe('statistics: each agency its own figures in full, everyone the joint figures protected', () => {
  const platform = useTestPlatform({
    root: (config) => EmbeddedPlatformModule.forRoot(config),
    serviceName: 'pamoja-statistics-e2e',
  });
  const as = (agency: Agency): GraphqlTestClient => platform.as({ ...agency, roles: [agency.role] });
  const read = async (agency: Agency, query: string, variables: Record<string, unknown> = {}): Promise<Table> => {
    const data = await as(agency).ok<Record<string, Table>>(query, variables);
    return Object.values(data)[0] as Table;
  };
  const find = (table: Table, wanted: Record<string, string>): Cell | undefined =>
    table.cells.find((cell) =>
      Object.entries(wanted).every(([dimension, value]) => valueOf(cell, dimension) === value),
    );

  /** A first responder refers a person at a site to an assistance provider, which registers them. */
  const identify = async (
    provider: Agency,
    siteCode: string,
    victim: { sex: string; ageGroup: string; forms: string[] },
  ): Promise<void> => {
    const referral = await submit(
      as(FIRST_RESPONDER),
      submitInput({
        site: { code: siteCode },
        toAgencyId: provider.agencyId,
        toAgencyType: 'ASSISTANCE_PROVIDER',
      }),
    );
    await as(provider).ok(`mutation($input: RegisterVictimInput!) { registerVictim(input: $input) { assistanceId } }`, {
      input: {
        commandId: randomUUID(),
        jointCaseId: referral.jointCaseId,
        ageGroup: victim.ageGroup,
        sex: victim.sex,
        formsOfExploitation: victim.forms,
        agreementToManagePersonalData: false,
        consentGivenBy: victim.ageGroup.startsWith('CHILD') ? 'GUARDIAN' : 'SELF',
      },
    });
  };

  it('records victims: twelve women at one site, a few boys there, a few people at two other sites', async () => {
    for (let i = 0; i < 12; i += 1) {
      await identify(USHINDI, 'NK-MAS-014', { sex: 'FEMALE', ageGroup: 'ADULT', forms: ['FORCED_LABOUR'] });
    }
    for (let i = 0; i < 3; i += 1) {
      await identify(USHINDI, 'NK-MAS-014', {
        sex: 'MALE',
        ageGroup: 'CHILD_UNDER_15',
        forms: ['CHILD_LABOUR', 'FORCED_LABOUR'],
      });
    }
    for (let i = 0; i < 2; i += 1) {
      await identify(USHINDI, 'NK-WAL-001', { sex: 'MALE', ageGroup: 'ADULT', forms: ['OTHER'] });
    }
    for (let i = 0; i < 4; i += 1) {
      await identify(AMANI, 'SK-FIZ-001', { sex: 'FEMALE', ageGroup: 'CHILD_15_17', forms: ['SEXUAL_EXPLOITATION'] });
    }
    const own = await read(USHINDI, VICTIMS, { filter: { scope: 'OWN' } });
    expect(find(own, { period: 'ALL', province: 'ALL', sex: 'ALL', ageBand: 'ALL' })?.count).toBe(17);
  });

  it('joint figures: no published count under k, every withheld one reads as withheld, none recoverable', async () => {
    for (const breakdown of ['SEX_AND_AGE', 'FORM_OF_EXPLOITATION']) {
      for (const level of ['PROVINCE', 'TERRITORY', 'SITE']) {
        const table = await read(INTEGRATOR, VICTIMS, { filter: { level }, breakdown });
        expect(table).toMatchObject({ subject: 'victims_identified', scope: 'JOINT', k: K });
        for (const cell of table.cells) {
          if (cell.suppressed) expect(cell.count).toBeNull();
          else expect(cell.count === 0 || (cell.count ?? 0) >= K).toBe(true);
        }
        // A reader who knows how the tables add up finds no withheld count from the published ones.
        const { withheld, lines } = sumsOf(table);
        expect(lines.length).toBeGreaterThan(0);
        // Small cells exist at every level: the boys, the men at Walikale, South Kivu's girls.
        expect(withheld.size).toBeGreaterThan(0);
        for (const line of lines) {
          const members = [line.total, ...line.parts].filter((m) => withheld.has(m)).length;
          expect(members === 0 || members >= 2).toBe(true);
        }
        expect(determinedCells(withheld, lines)).toEqual([]);
      }
    }
    // The twenty-one victims are published in total; the site of the twelve women with its count.
    const sites = await read(INTEGRATOR, VICTIMS, { filter: { level: 'SITE' } });
    expect(find(sites, { period: 'ALL', province: 'ALL', sex: 'ALL', ageBand: 'ALL' })?.count).toBe(21);
    const boys = find(sites, { period: 'ALL', siteCode: 'NK-MAS-014', sex: 'MALE', ageBand: 'CHILD_UNDER_15' });
    expect(boys).toMatchObject({ count: null, suppressed: true });
    const fizi = find(sites, { period: 'ALL', siteCode: 'SK-FIZ-001', sex: 'ALL', ageBand: 'ALL' });
    expect(fizi).toMatchObject({ count: null, suppressed: true });
  });

  it('the same figures as CSV, with the standard’s field names, a withheld count left empty', async () => {
    const table = await read(APLT, VICTIMS, { filter: { level: 'SITE' } });
    const [header, ...rows] = table.csv.trim().split('\r\n');
    expect(header).toBe('period,province,territory,siteCode,prs_Gender,ageBand,count,suppressed,hoursMedian');
    expect(rows).toHaveLength(table.cells.length);
    expect(rows).toContain('ALL,NK,MAS,NK-MAS-014,MALE,CHILD_UNDER_15,,true,');
    const forms = await read(APLT, VICTIMS, { breakdown: 'FORM_OF_EXPLOITATION' });
    expect(forms.csv.split('\r\n')[0]).toBe(
      'period,province,territory,siteCode,vic_TypeOfExploitation,count,suppressed,hoursMedian',
    );
  });

  it('each agency reads its own figures in full, and only its own', async () => {
    const ushindi = await read(USHINDI, VICTIMS, { filter: { scope: 'OWN', level: 'SITE' } });
    expect(ushindi).toMatchObject({ scope: 'OWN', k: null });
    expect(ushindi.cells.every((cell) => !cell.suppressed)).toBe(true);
    expect(
      find(ushindi, { period: 'ALL', siteCode: 'NK-MAS-014', sex: 'MALE', ageBand: 'CHILD_UNDER_15' })?.count,
    ).toBe(3);
    expect(find(ushindi, { period: 'ALL', siteCode: 'NK-WAL-001', sex: 'ALL', ageBand: 'ALL' })?.count).toBe(2);
    expect(find(ushindi, { period: 'ALL', siteCode: 'SK-FIZ-001' })).toBeUndefined();
    const amani = await read(AMANI, VICTIMS, { filter: { scope: 'OWN', province: 'SOUTH_KIVU', level: 'SITE' } });
    expect(find(amani, { period: 'ALL', siteCode: 'SK-FIZ-001', sex: 'FEMALE', ageBand: 'CHILD_15_17' })?.count).toBe(
      4,
    );
    expect(find(amani, { province: 'NK' })).toBeUndefined();
    const forms = await read(USHINDI, VICTIMS, { filter: { scope: 'OWN' }, breakdown: 'FORM_OF_EXPLOITATION' });
    // A person may have several forms: the three boys count under child labour and forced labour.
    expect(find(forms, { period: 'ALL', province: 'ALL', formOfExploitation: 'FORCED_LABOUR' })?.count).toBe(15);
    expect(find(forms, { period: 'ALL', province: 'ALL', formOfExploitation: 'CHILD_LABOUR' })?.count).toBe(3);
  });

  it('referrals, investigations and prosecutions have their figures too, in the same shape', async () => {
    const referrals = await read(INTEGRATOR, REFERRALS, {});
    expect(find(referrals, { period: 'ALL', province: 'ALL', status: 'ALL' })?.count).toBe(21);
    expect(find(referrals, { period: 'ALL', province: 'SK', status: 'ALL' })).toMatchObject({ suppressed: true });
    const own = await read(FIRST_RESPONDER, REFERRALS, { filter: { scope: 'OWN', level: 'SITE' } });
    expect(find(own, { period: 'ALL', siteCode: 'SK-FIZ-001', status: 'SUBMITTED' })?.count).toBe(4);
    const investigations = await read(INTEGRATOR, INVESTIGATIONS, {});
    expect(investigations.subject).toBe('investigations_opened');
    expect(find(investigations, { period: 'ALL', province: 'ALL' })?.count).toBe(0);
    const prosecutions = await read(INTEGRATOR, PROSECUTIONS, {});
    expect(prosecutions.dimensions).toContain('measure');
    expect(find(prosecutions, { period: 'ALL', province: 'ALL', measure: 'PERSONS_CONVICTED' })?.count).toBe(0);
  });

  it('an integrator reads the joint figures, and is refused its own and every case operation', async () => {
    const own = await as(INTEGRATOR).request(VICTIMS, { filter: { scope: 'OWN' } });
    expect(own.data).toBeFalsy();
    expect(own.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    for (const query of [
      `query { jointCases { nodes { jointCaseId } } }`,
      `query { incomingReferrals { nodes { referralId } } }`,
      `query { handoffStatistics { submitted } }`,
      `query { assistanceCases { nodes { assistanceId } } }`,
    ]) {
      const refused = await as(INTEGRATOR).request(query, {});
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('refuses a bad filter naming the field, and answers nothing else', async () => {
    const refusal = async (filter: Record<string, unknown>) => {
      const answer = await as(APLT).request(VICTIMS, { filter });
      expect(answer.data).toBeFalsy();
      return answer.errors?.[0]?.extensions;
    };
    expect(await refusal({ scope: 'OWN', from: '2026-06-01T00:00:00Z', to: '2026-01-01T00:00:00Z' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'to' }],
    });
    expect(await refusal({ from: '2026-03-01T00:00:00Z' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'from' }],
    });
    expect(await refusal({ province: 'SOUTH_KIVU', siteCode: 'NK-MAS-014' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'siteCode' }],
    });
    expect(await refusal({ territory: 'masisi' })).toMatchObject({ code: 'BAD_USER_INPUT' });
    // A whole year is a period the joint figures are published for.
    const year = new Date().getUTCFullYear();
    const table = await read(APLT, VICTIMS, {
      filter: { from: `${year}-01-01T00:00:00Z`, to: `${year + 1}-01-01T00:00:00Z` },
    });
    expect(table.cells.every((cell) => valueOf(cell, 'period') === String(year))).toBe(true);
    expect(find(table, { province: 'ALL', sex: 'ALL', ageBand: 'ALL' })?.count).toBe(21);
  });
});
