import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { type Actor, ForbiddenError, InvalidInputError } from '@pamoja/contracts';
import {
  type StatisticsFilterInput,
  type StatisticsRecord,
  type StatisticsRequest,
  statisticsScopeOf,
  statisticsTable,
} from './statistics.types.js';

const NGO: Actor = { userId: 'u', agencyId: 'ngo-ushindi', agencyType: 'assistance_provider', roles: [] };
const INTEGRATOR: Actor = { userId: 'i', agencyId: 'traceability-demo', agencyType: 'integrator', roles: [] };
const SITES = ['NK-MAS-014', 'NK-MAS-015', 'NK-WAL-001', 'SK-FIZ-001', null];

const problemsOf = (filter: StatisticsFilterInput, actor: Actor = NGO): unknown => {
  try {
    statisticsScopeOf(filter, actor);
    return [];
  } catch (error) {
    if (error instanceof InvalidInputError) return error.problems.map((p) => p.field);
    throw error;
  }
};

const request = (filter: StatisticsFilterInput | undefined): StatisticsRequest => ({
  subject: 'victims_identified',
  dimensions: [{ name: 'sex', total: 'ALL', values: ['female', 'male'], csvColumn: 'prs_Gender' }],
  views: [{ breakdown: ['sex'] }],
  show: ['sex'],
  filter,
  k: 5,
  now: new Date('2026-12-06T10:00:00Z'),
});

describe('the statistics filter', () => {
  it('names the field at fault', () => {
    expect(problemsOf({ scope: 'own', from: new Date('2026-06-01'), to: new Date('2026-01-01') })).toEqual(['to']);
    expect(problemsOf({ from: new Date('2026-03-01T00:00:00Z') })).toEqual(['from']);
    expect(problemsOf({ to: new Date('2026-12-31T22:00:00Z') })).toEqual(['to']);
    expect(problemsOf({ province: 'south_kivu', siteCode: 'NK-MAS-014' })).toEqual(['siteCode']);
    expect(problemsOf({ territory: 'WAL', siteCode: 'NK-MAS-014' })).toEqual(['siteCode']);
    expect(problemsOf({ from: new Date('2025-01-01T00:00:00Z'), to: new Date('2026-01-01T00:00:00Z') })).toEqual([]);
    expect(problemsOf({ scope: 'own', from: new Date('2026-03-15T08:00:00Z') })).toEqual([]);
  });

  it('refuses integrators their own figures, and gives them the joint ones', () => {
    expect(() => statisticsScopeOf({ scope: 'own' }, INTEGRATOR)).toThrow(ForbiddenError);
    expect(statisticsScopeOf(undefined, INTEGRATOR).scope).toBe('joint');
  });
});

describe('statistics tables', () => {
  const people = fc.array(
    fc.record({
      site: fc.constantFrom(...SITES),
      sex: fc.constantFrom('female', 'male'),
      year: fc.constantFrom(2025, 2026),
    }),
    { maxLength: 40 },
  );
  const records = (list: { site: string | null; sex: string; year: number }[]): StatisticsRecord[] =>
    list.map((p) => ({ at: new Date(Date.UTC(p.year, 5, 1)), siteCode: p.site, values: { sex: p.sex } }));
  const filters: StatisticsFilterInput[] = [
    {},
    { level: 'site' },
    { province: 'north_kivu', level: 'territory' },
    { territory: 'MAS', level: 'site' },
    { siteCode: 'SK-FIZ-001' },
    { from: new Date('2026-01-01T00:00:00Z'), level: 'site' },
  ];

  it('answers every joint filter from one protected table: a cell reads the same in every answer', () => {
    fc.assert(
      fc.property(people, (list) => {
        const seen = new Map<string, string>();
        for (const filter of filters) {
          const table = statisticsTable(records(list), request(filter), statisticsScopeOf(filter, NGO));
          for (const cell of table.cells) {
            if (!cell.suppressed) expect(cell.count === 0 || (cell.count ?? 0) >= 5).toBe(true);
            const key = JSON.stringify(cell.values);
            const shown = JSON.stringify([cell.count, cell.suppressed]);
            expect(seen.get(key) ?? shown).toBe(shown);
            seen.set(key, shown);
          }
        }
      }),
      { numRuns: 60, seed: 5 },
    );
  });

  it('gives an agency its own figures in full, for any period', () => {
    const list = [
      { site: 'NK-MAS-014', sex: 'male', year: 2026 },
      { site: 'NK-MAS-014', sex: 'female', year: 2026 },
      { site: 'NK-MAS-014', sex: 'female', year: 2025 },
    ];
    const filter: StatisticsFilterInput = { scope: 'own', from: new Date('2026-03-01T00:00:00Z'), level: 'site' };
    const table = statisticsTable(records(list), request(filter), statisticsScopeOf(filter, NGO));
    expect(table).toMatchObject({ scope: 'own', k: null });
    const count = (values: string[]) =>
      table.cells.find((c) => JSON.stringify(c.values.map((v) => v.value)) === JSON.stringify(values))?.count;
    expect(count(['ALL', 'ALL', 'ALL', 'ALL', 'ALL'])).toBe(2);
    expect(count(['ALL', 'NK', 'MAS', 'NK-MAS-014', 'MALE'])).toBe(1);
    expect(table.csv.split('\r\n')[0]).toBe(
      'period,province,territory,siteCode,prs_Gender,count,suppressed,hoursMedian',
    );
  });
});
