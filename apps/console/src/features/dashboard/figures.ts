import type { DashboardFilter, JointCaseStage, MineSiteStatus, Province } from '../../gql/graphql';

/** The stages of a joint case, in the order a case moves through them. */
export const STAGES: readonly JointCaseStage[] = ['IDENTIFIED', 'UNDER_INVESTIGATION', 'IN_PROSECUTION', 'ADJUDICATED'];

/** The ICGLR statuses of a mine site as the API lists them: not yet verified, then from trading to suspended. */
export const SITE_STATUSES: readonly MineSiteStatus[] = ['BLUE', 'GREEN', 'YELLOW', 'RED'];

export const PROVINCES: readonly Province[] = ['NORTH_KIVU', 'SOUTH_KIVU'];

export function isProvince(value: unknown): value is Province {
  return typeof value === 'string' && (PROVINCES as readonly string[]).includes(value);
}

/** The dashboard's filter as the person chose it: a province or none, and days read in Kivu time. */
export interface DashboardChoice {
  readonly province: Province | '';
  /** `YYYY-MM-DD`, the first day counted; empty: from the start. */
  readonly from: string;
  /** `YYYY-MM-DD`, the last day counted; empty: up to now. */
  readonly to: string;
}

export const NO_CHOICE: DashboardChoice = { province: '', from: '', to: '' };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** North and South Kivu are on Central Africa Time, UTC+2 all year. */
const KIVU_OFFSET_MS = 2 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Midnight in the Kivus at the start of `YYYY-MM-DD`, or undefined when it is not a day of the calendar. */
export function kivuMidnight(day: string): Date | undefined {
  const m = DAY.exec(day);
  if (!m) return undefined;
  const [year = 0, month = 1, date = 1] = m.slice(1).map(Number);
  const utc = Date.UTC(year, month - 1, date);
  const back = new Date(utc);
  if (back.getUTCDate() !== date || back.getUTCMonth() !== month - 1) return undefined;
  return new Date(utc - KIVU_OFFSET_MS);
}

/** An instant as the API's DateTime writes it: UTC, to the second. */
function utc(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The filter the API receives: `from` (inclusive) at midnight starting the first day, `to` (exclusive) at
 * midnight ending the last day, both read in Kivu time; what was not chosen is left out.
 */
export function filterOf(choice: DashboardChoice): DashboardFilter {
  const from = choice.from ? kivuMidnight(choice.from) : undefined;
  const lastDay = choice.to ? kivuMidnight(choice.to) : undefined;
  return {
    ...(choice.province ? { province: choice.province } : {}),
    ...(from ? { from: utc(from) } : {}),
    ...(lastDay ? { to: utc(new Date(lastDay.getTime() + DAY_MS)) } : {}),
  };
}

/** Why a choice cannot be shown: the period ends before it starts. */
export function periodProblem(choice: DashboardChoice): 'order' | undefined {
  return choice.from && choice.to && choice.to < choice.from ? 'order' : undefined;
}

/** The choice kept in the page's address (`?province=NORTH_KIVU&from=2026-11-01&to=2026-11-30`). */
export function choiceOfSearch(search: string): DashboardChoice {
  const params = new URLSearchParams(search);
  const province = params.get('province');
  const day = (name: string) => {
    const value = params.get(name) ?? '';
    return kivuMidnight(value) ? value : '';
  };
  const choice = { province: isProvince(province) ? province : '', from: day('from'), to: day('to') } as const;
  return periodProblem(choice) ? { ...choice, to: '' } : choice;
}

export function searchOfChoice(choice: DashboardChoice): string {
  const params = new URLSearchParams();
  if (choice.province) params.set('province', choice.province);
  if (choice.from) params.set('from', choice.from);
  if (choice.to) params.set('to', choice.to);
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** Counts by a key, every key of `order` present (zero when the API has no row for it), in that order. */
export function countsInOrder<K extends string>(
  order: readonly K[],
  rows: readonly { readonly key: K; readonly count: number }[],
): { key: K; count: number }[] {
  const counts = new Map<K, number>();
  for (const row of rows) counts.set(row.key, (counts.get(row.key) ?? 0) + row.count);
  return order.map((key) => ({ key, count: counts.get(key) ?? 0 }));
}

export interface OverdueRow {
  readonly agencyId: string;
  readonly agency?: { readonly name: string } | null;
  readonly overdue: number;
}

/**
 * The overdue handoffs to show: every agency's for the coordination body, the agency's own otherwise;
 * most overdue first, then by name.
 */
export function overdueShown(
  rows: readonly OverdueRow[],
  viewer: { readonly agencyId: string; readonly coordination: boolean },
): OverdueRow[] {
  const mine = viewer.coordination ? rows : rows.filter((r) => r.agencyId === viewer.agencyId);
  return [...mine]
    .filter((r) => r.overdue > 0)
    .sort(
      (a, b) => b.overdue - a.overdue || (a.agency?.name ?? a.agencyId).localeCompare(b.agency?.name ?? b.agencyId),
    );
}
