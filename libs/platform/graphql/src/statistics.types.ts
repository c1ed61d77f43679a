import { createHash } from 'node:crypto';
import { Directive, Field, Float, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsDate, IsIn, IsOptional, Matches } from 'class-validator';
import {
  type Actor,
  ForbiddenError,
  InvalidInputError,
  PROVINCES,
  protectCounts,
  tabulate,
  type DimensionSpec,
  type FieldProblem,
  type Province,
  type SumLine,
  type TableView,
} from '@pamoja/contracts';
import { ProvinceEnum } from './agency.types.js';
import { graphqlEnum } from './shared-types.js';

/**
 * Statistics (docs/statistics.md): every context counts its own events into one shape of table, protected
 * the same way. OWN: what the caller's agency recorded, in full. JOINT: every agency's, with every count
 * under k withheld, and enough others with it that no sum gives it back.
 */
export const STATISTICS_SCOPES = ['own', 'joint'] as const;
export type StatisticsScope = (typeof STATISTICS_SCOPES)[number];
export const StatisticsScopeEnum = graphqlEnum(STATISTICS_SCOPES);
registerEnumType(StatisticsScopeEnum, {
  name: 'StatisticsScope',
  description: 'OWN: what the caller’s agency recorded, in full; JOINT: every agency’s, small counts withheld',
});

export const AREA_LEVELS = ['province', 'territory', 'site'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];
export const AreaLevelEnum = graphqlEnum(AREA_LEVELS);
registerEnumType(AreaLevelEnum, {
  name: 'StatisticsAreaLevel',
  description: 'How finely places are broken down: provinces, territories too, or sites too',
});

const SITE_PREFIX: Readonly<Record<Province, 'NK' | 'SK'>> = { north_kivu: 'NK', south_kivu: 'SK' };

@InputType('StatisticsFilter', { description: 'Whose figures, where and when' })
export class StatisticsFilterInput {
  @Field(() => StatisticsScopeEnum, { nullable: true, description: 'JOINT when absent' })
  @IsOptional()
  @IsIn(STATISTICS_SCOPES)
  scope?: StatisticsScope;

  @Field(() => ProvinceEnum, { nullable: true, description: 'Only this province (by the site code)' })
  @IsOptional()
  @IsIn(PROVINCES)
  province?: Province;

  @Field(() => String, { nullable: true, description: "Only this territory: the site code's middle part, e.g. MAS" })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'must be the three capital letters of a territory, e.g. MAS' })
  territory?: string;

  @Field(() => String, { nullable: true, description: 'Only this mine site, by its code (e.g. NK-MAS-014)' })
  @IsOptional()
  @Matches(/^(NK|SK)-[A-Z]{3}-\d{3}$/, { message: 'must be a site code like NK-MAS-014 (province, territory, number)' })
  siteCode?: string;

  @Field(() => AreaLevelEnum, { nullable: true, description: 'PROVINCE when absent' })
  @IsOptional()
  @IsIn(AREA_LEVELS)
  level?: AreaLevel;

  @Field(() => Date, {
    nullable: true,
    description: 'From this instant (inclusive); JOINT: the first instant of a calendar year (UTC)',
  })
  @IsOptional()
  @IsDate({ message: 'must be an ISO-8601 date-time' })
  from?: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'Until this instant (exclusive); JOINT: the first instant of a calendar year (UTC)',
  })
  @IsOptional()
  @IsDate({ message: 'must be an ISO-8601 date-time' })
  to?: Date;
}

@ObjectType('StatisticsValue', { description: 'A cell’s value in one dimension' })
@Directive('@shareable')
export class StatisticsValueType {
  @Field(() => String, { description: 'The dimension, e.g. sex' }) dimension!: string;
  @Field(() => String, { description: 'Its value, upper case; ALL stands for every value (a total)' }) value!: string;
}

@ObjectType('StatisticsCell', { description: 'One published count' })
@Directive('@shareable')
export class StatisticsCellType {
  @Field(() => [StatisticsValueType]) values!: StatisticsValueType[];
  @Field(() => Int, { nullable: true, description: 'How many; null when withheld (never read as zero)' })
  count!: number | null;
  @Field(() => Boolean, { description: 'Withheld to protect the people counted' }) suppressed!: boolean;
  @Field(() => Float, {
    nullable: true,
    description:
      'Handoffs: median hours from submission to acceptance over the cell’s accepted referrals (to a ' +
      'tenth); null elsewhere, when none, or (JOINT) when fewer than k were accepted',
  })
  hoursMedian!: number | null;
}

@ObjectType('StatisticsTable', { description: 'Counts by dimension, the same shape for every figure' })
@Directive('@shareable')
export class StatisticsTableType {
  @Field(() => String, { description: 'What is counted, e.g. victims_identified' }) subject!: string;
  @Field(() => StatisticsScopeEnum) scope!: StatisticsScope;
  @Field(() => Int, {
    nullable: true,
    description: 'The fewest people or events a published count stands for; null for OWN',
  })
  k!: number | null;
  @Field(() => Date, { description: 'When the figures were computed' }) asOf!: Date;
  @Field(() => [String], { description: 'The dimensions, in the order of each cell’s values' }) dimensions!: string[];
  @Field(() => [StatisticsCellType]) cells!: StatisticsCellType[];
  @Field(() => String, {
    description:
      'The same table as CSV (RFC 4180), columns named after the Human Trafficking Case Data Standard where it has a field',
  })
  csv!: string;
}

/** What a context counts: one person or event, when and where, with its values in the table's own dimensions. */
export interface StatisticsRecord {
  readonly at: Date;
  readonly siteCode: string | null;
  readonly values: Readonly<Record<string, string | readonly string[]>>;
  /** Hours measured for this record (a handoff's time to acceptance), for `hoursMedian`. */
  readonly hours?: number | null;
}

/** A dimension a context adds to period and place, and its column name in the CSV (HTCDS where it has one). */
export interface StatisticsDimension extends DimensionSpec {
  readonly csvColumn?: string;
}

export interface StatisticsRequest {
  readonly subject: string;
  readonly dimensions: readonly StatisticsDimension[];
  /** The breakdowns published together (protected together); each adds period and place. */
  readonly views: readonly TableView[];
  /** The breakdown this answer shows (one of the views'). */
  readonly show: readonly string[];
  readonly filter: StatisticsFilterInput | undefined;
  readonly k: number;
  readonly now: Date;
}

/** A checked filter: the scope, and the period and place the counting needs. */
export interface StatisticsScopeOf {
  readonly scope: StatisticsScope;
  /** OWN: only what happened in this period is counted. */
  readonly from: Date | null;
  readonly to: Date | null;
}

const ALL = 'ALL';
const UNKNOWN = 'UNKNOWN';

function isYearStart(date: Date): boolean {
  return (
    date.getUTCMonth() === 0 &&
    date.getUTCDate() === 1 &&
    date.getUTCHours() === 0 &&
    date.getUTCMinutes() === 0 &&
    date.getUTCSeconds() === 0 &&
    date.getUTCMilliseconds() === 0
  );
}

/**
 * Checks a statistics filter for the caller: BAD_USER_INPUT naming each field at fault (a period that ends
 * before it starts, a JOINT period not made of whole calendar years, a site outside the province or
 * territory); FORBIDDEN for an integrator asking for OWN figures (it records nothing of its own).
 */
export function statisticsScopeOf(filter: StatisticsFilterInput | undefined, actor: Actor): StatisticsScopeOf {
  const scope = filter?.scope ?? 'joint';
  const problems: FieldProblem[] = [];
  const { from, to, province, territory, siteCode } = filter ?? {};
  if (from && to && to.getTime() <= from.getTime()) problems.push({ field: 'to', reason: 'must be after from' });
  if (scope === 'joint') {
    const yearly = 'joint figures are published per calendar year: must be 1 January, 00:00 UTC';
    if (from && !isYearStart(from)) problems.push({ field: 'from', reason: yearly });
    if (to && !isYearStart(to)) problems.push({ field: 'to', reason: yearly });
  }
  if (siteCode && province && !siteCode.startsWith(`${SITE_PREFIX[province]}-`)) {
    problems.push({ field: 'siteCode', reason: 'is not a site of the province asked for' });
  }
  if (siteCode && territory && siteCode.split('-')[1] !== territory) {
    problems.push({ field: 'siteCode', reason: 'is not a site of the territory asked for' });
  }
  if (problems.length > 0) throw new InvalidInputError(problems);
  if (scope === 'own' && actor.agencyType === 'integrator') {
    throw new ForbiddenError('integrators read the joint figures only: they record no cases of their own');
  }
  return { scope, from: from ?? null, to: to ?? null };
}

/** `NK-MAS-014` is under `NK-MAS`, under `NK`; a case without a site is under UNKNOWN. */
function areaParents(area: string): string[] {
  const parts = area.split('-');
  if (parts.length < 2) return [];
  return parts.map((_, i) => parts.slice(0, parts.length - 1 - i).join('-')).filter((p) => p !== '');
}

function areaOf(siteCode: string | null): string {
  return siteCode && /^(NK|SK)-[A-Z]{3}-\d{3}$/.test(siteCode) ? siteCode : UNKNOWN;
}

/** Province, territory and site of an area value (ALL where the area is coarser). */
function placeOf(area: string): [province: string, territory: string, site: string] {
  if (area === ALL) return [ALL, ALL, ALL];
  if (area === UNKNOWN) return [UNKNOWN, UNKNOWN, UNKNOWN];
  const [province = ALL, territory = ALL] = area.split('-');
  const depth = area.split('-').length;
  return [province, depth >= 2 ? territory : ALL, depth >= 3 ? area : ALL];
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Counts the records into the table the request asks for. JOINT: the whole table (every year, every place,
 * every view) is counted and protected at once, then the filter selects its cells, so that no two answers
 * publish counts that together give a withheld one back. OWN: only the period's records, in full.
 */
export function statisticsTable(
  records: readonly StatisticsRecord[],
  request: StatisticsRequest,
  scoped: StatisticsScopeOf,
): StatisticsTableType {
  const { filter } = request;
  const joint = scoped.scope === 'joint';
  const inPeriod = (at: Date): boolean =>
    (!scoped.from || at.getTime() >= scoped.from.getTime()) && (!scoped.to || at.getTime() < scoped.to.getTime());
  const counted = joint ? records : records.filter((record) => inPeriod(record.at));
  const dims: DimensionSpec[] = [
    { name: 'period', total: ALL },
    { name: 'area', total: ALL, parents: areaParents },
    ...request.dimensions,
  ];
  const views = request.views.map((view) => ({ breakdown: ['period', 'area', ...view.breakdown] }));
  const tabulated = tabulate(
    counted.map((record) => ({
      values: {
        ...Object.fromEntries(
          Object.entries(record.values).map(([name, value]) => [
            name,
            typeof value === 'string' ? value.toUpperCase() : value.map((v) => v.toUpperCase()),
          ]),
        ),
        period: String(record.at.getUTCFullYear()),
        area: areaOf(record.siteCode),
      },
    })),
    dims.map((d) => ({ ...d, values: d.values?.map((v) => v.toUpperCase()) })),
    views,
  );
  const withheld = joint ? protectedCells(tabulated.cells, tabulated.lines, request.k) : new Set<string>();

  // Which cells this answer shows: the breakdown asked for (others at their totals), the period, the place.
  const index = (name: string): number => tabulated.dimensions.indexOf(name);
  const shown = new Set(['period', 'area', ...request.show]);
  const level = filter?.level ?? 'province';
  // At least as fine as the place asked for: a territory's figures when a territory is asked for.
  const depth = Math.max(
    { province: 1, territory: 2, site: 3 }[level],
    filter?.siteCode ? 3 : filter?.territory ? 2 : 1,
  );
  const years = (value: string): boolean => {
    if (value === ALL) return !joint || (!scoped.from && !scoped.to);
    if (!joint) return true;
    const start = Date.UTC(Number(value), 0, 1);
    return (!scoped.from || start >= scoped.from.getTime()) && (!scoped.to || start < scoped.to.getTime());
  };
  const places = (area: string): boolean => {
    const [province, territory, site] = placeOf(area);
    const narrowed = Boolean(filter?.province || filter?.territory || filter?.siteCode);
    if (area === ALL) return !narrowed;
    if (area === UNKNOWN) return !narrowed;
    if (area.split('-').length > depth) return false;
    if (filter?.province && province !== SITE_PREFIX[filter.province]) return false;
    if (filter?.territory && territory !== filter.territory) return false;
    if (filter?.siteCode && site !== filter.siteCode) return false;
    return true;
  };
  const cells = tabulated.cells.filter(
    (cell) =>
      tabulated.dimensions.every((name, i) => shown.has(name) || cell.values[i] === ALL) &&
      years(cell.values[index('period')] ?? '') &&
      places(cell.values[index('area')] ?? ''),
  );

  const outDimensions = ['period', 'province', 'territory', 'siteCode', ...request.show];
  const measured = counted.filter((record) => record.hours !== undefined && record.hours !== null);
  const out: StatisticsCellType[] = cells.map((cell) => {
    const area = cell.values[index('area')] ?? ALL;
    const [province, territory, site] = placeOf(area);
    const valueOf = (name: string): string => {
      if (name === 'province') return province;
      if (name === 'territory') return territory;
      if (name === 'siteCode') return site;
      return cell.values[index(name)] ?? ALL;
    };
    const suppressed = withheld.has(cell.key);
    return {
      values: outDimensions.map((dimension) => ({ dimension, value: valueOf(dimension) })),
      count: suppressed ? null : cell.count,
      suppressed,
      hoursMedian: suppressed ? null : medianHours(measured, cell.values, dims, joint ? request.k : 1),
    };
  });
  return {
    subject: request.subject,
    scope: scoped.scope,
    k: joint ? request.k : null,
    asOf: request.now,
    dimensions: outDimensions,
    cells: out,
    csv: toCsv(request, outDimensions, out),
  };
}

/**
 * The cells withheld from a table, remembered for the same counts: a table's protection is its costly part
 * (an exact solve per round), and the same figures are asked for at several levels, breakdowns and places.
 */
const PROTECTED = new Map<string, ReadonlySet<string>>();
const PROTECTED_KEPT = 16;

function protectedCells(
  cells: readonly { key: string; count: number }[],
  lines: readonly SumLine[],
  k: number,
): ReadonlySet<string> {
  const hash = createHash('sha256').update(String(k));
  for (const cell of cells) hash.update(`\n${cell.key}\t${cell.count}`);
  for (const line of lines) hash.update(`\n${line.total}=${line.parts.join('+')}`);
  const key = hash.digest('base64');
  const known = PROTECTED.get(key);
  if (known) return known;
  const withheld = protectCounts(new Map(cells.map((c) => [c.key, c.count])), lines, k);
  PROTECTED.set(key, withheld);
  if (PROTECTED.size > PROTECTED_KEPT) PROTECTED.delete(PROTECTED.keys().next().value ?? key);
  return withheld;
}

/** The median of the hours of the records a cell counts, when at least `least` of them were measured. */
function medianHours(
  measured: readonly StatisticsRecord[],
  cell: readonly string[],
  dims: readonly DimensionSpec[],
  least: number,
): number | null {
  if (measured.length === 0) return null;
  const reaches = (record: StatisticsRecord): boolean =>
    dims.every((d, i) => {
      const wanted = cell[i];
      if (wanted === d.total) return true;
      const raw =
        d.name === 'period'
          ? String(record.at.getUTCFullYear())
          : d.name === 'area'
            ? areaOf(record.siteCode)
            : record.values[d.name];
      const own = raw === undefined ? [] : typeof raw === 'string' ? [raw] : [...raw];
      const reached = own.flatMap((v) => [v.toUpperCase(), ...(d.parents?.(v) ?? []).map((p) => p.toUpperCase())]);
      return reached.includes(wanted ?? '');
    });
  const hours = measured
    .filter(reaches)
    .map((record) => record.hours ?? 0)
    .sort((a, b) => a - b);
  if (hours.length === 0 || hours.length < least) return null;
  const middle = Math.floor(hours.length / 2);
  const median = hours.length % 2 === 1 ? (hours[middle] ?? 0) : ((hours[middle - 1] ?? 0) + (hours[middle] ?? 0)) / 2;
  return Math.round(median * 10) / 10;
}

/** The CSV export: one row per cell, a withheld count left empty with `suppressed` true. */
function toCsv(
  request: StatisticsRequest,
  dimensions: readonly string[],
  cells: readonly StatisticsCellType[],
): string {
  const columnOf = (name: string): string => request.dimensions.find((d) => d.name === name)?.csvColumn ?? name;
  const header = [...dimensions.map(columnOf), 'count', 'suppressed', 'hoursMedian'];
  const rows = cells.map((cell) => [
    ...cell.values.map((v) => v.value),
    cell.count === null ? '' : String(cell.count),
    String(cell.suppressed),
    cell.hoursMedian === null ? '' : String(cell.hoursMedian),
  ]);
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
