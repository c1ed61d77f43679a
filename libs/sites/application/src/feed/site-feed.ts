import { v5 as uuidv5 } from 'uuid';
import {
  ANNEX_II_CATEGORIES,
  ANNEX_II_PARAGRAPHS,
  INCIDENT_LEVELS,
  type AnnexIICategory,
  type IncidentLevel,
  type Mineral,
  type MineSiteStatus,
  type Province,
  type Territory,
} from '@pamoja/sites/domain';
import { type FeedIncidentCountRow, type FeedStatusRow, type SiteFeedRows } from '../sites-read-model.port.js';

/**
 * The supply-chain feed per mine site (docs/site-feed.md): what a due-diligence system or a mineral buyer
 * may read of the registry. Registry facts, the status history and incident counts by OECD Annex II
 * category and level, as they stood `delayDays` ago; never a person, a case or a user's free text, and no
 * count under k (ADR 0027).
 */

/**
 * Harmonized System subheadings (WCO HS 2022) of the designated minerals, as the ICGLR's mine-site data
 * model (MD.01, `mineral`) lists them: tin ores and concentrates 2609.00, tungsten ores and concentrates
 * 2611.00, niobium/tantalum ores and concentrates 2615.90 (other than zirconium), and gold, non-monetary,
 * in other unwrought forms 7108.12 (artisanal gold leaves the site unwrought).
 */
export const MINERAL_HS_CODES: Readonly<Record<Mineral, { readonly hsCode: string; readonly description: string }>> = {
  cassiterite: { hsCode: '2609.00', description: 'Tin ores and concentrates' },
  coltan: {
    hsCode: '2615.90',
    description: 'Niobium, tantalum or vanadium ores and concentrates (coltan: tantalum and niobium ores)',
  },
  wolframite: { hsCode: '2611.00', description: 'Tungsten ores and concentrates' },
  gold: { hsCode: '7108.12', description: 'Gold, non-monetary, other unwrought forms' },
};

/** Incidents classified before categories existed, or without one. */
export const UNSPECIFIED_CATEGORY = 'unspecified';
export type FeedIncidentCategory = AnnexIICategory | typeof UNSPECIFIED_CATEGORY;
export const FEED_INCIDENT_CATEGORIES: readonly FeedIncidentCategory[] = [...ANNEX_II_CATEGORIES, UNSPECIFIED_CATEGORY];

/** A published count: the number when it may be published, otherwise withheld (never the number). */
export interface FeedCount {
  readonly count: number | null;
  readonly withheld: boolean;
}

export interface FeedIncidentCell extends FeedCount {
  readonly category: FeedIncidentCategory;
  /** The Annex II paragraph, e.g. `1(ii)`; null for `other` and `unspecified`. */
  readonly annexIIParagraph: string | null;
  readonly level: IncidentLevel;
}

export interface FeedStatusEntry {
  /** A stable id of this status change (a URN), also its Atom entry's id. */
  readonly id: string;
  readonly status: MineSiteStatus;
  /** Null for the registration (blue). */
  readonly previousStatus: MineSiteStatus | null;
  readonly at: string;
  /** Yellow only: when remediation must be done. */
  readonly remediationDeadline: string | null;
}

export interface FeedSite {
  /** A stable id of the site in the feed (a URN), also its Atom entry's id. */
  readonly id: string;
  /** The national registry code, e.g. NK-MAS-014. */
  readonly code: string;
  readonly icglrId: string | null;
  /** The name of the place, as the registry has it. */
  readonly name: string;
  readonly province: Province;
  readonly territory: Territory;
  readonly latitude: number;
  readonly longitude: number;
  readonly minerals: readonly { readonly mineral: Mineral; readonly hsCode: string; readonly hsDescription: string }[];
  readonly registeredAt: string;
  /** The status at the cut-off, and since when. */
  readonly status: MineSiteStatus;
  readonly statusSince: string;
  /** Oldest first, from the registration's blue. */
  readonly statusHistory: readonly FeedStatusEntry[];
  /** When a registry fact of the site last changed (registration, status, ICGLR id), at or before the cut-off. */
  readonly updatedAt: string;
  readonly incidents: {
    /** Every incident reported and classified by the cut-off; withheld unless every cell is published (ADR 0027). */
    readonly total: FeedCount;
    /** Only (category, level) pairs with at least one incident; a pair not listed had none. */
    readonly byCategoryAndLevel: readonly FeedIncidentCell[];
  };
}

export interface SiteFeed {
  readonly feed: 'pamoja-site-feed';
  readonly version: 1;
  /** Nothing after this instant is in the feed: the start of the UTC day `delayDays` before the request. */
  readonly asOf: string;
  readonly delayDays: number;
  /** k: the smallest count published; a smaller non-zero count is withheld. */
  readonly minCellCount: number;
  readonly sites: readonly FeedSite[];
}

export interface SiteFeedSettings {
  readonly delayDays: number;
  readonly minCellCount: number;
}

const DAY_MS = 86_400_000;

/** Namespace of the feed's entry ids (UUID v5 of a site id or of a status change's event id): fixed for ever. */
const FEED_NAMESPACE = 'c3e1f5a2-7b9d-5e4c-8a6f-1d2b3c4e5f60';

/** The feed's own id, stable whichever origin serves it. */
export const SITE_FEED_ID = `urn:uuid:${uuidv5('pamoja-site-feed', FEED_NAMESPACE)}`;

/**
 * The cut-off of a feed read at `now`: the start of the UTC day `delayDays` before. Rounding down to the day
 * keeps the delay (it only makes it longer) and gives every reader of a day the same document, so caches
 * and ETags work.
 */
export function feedCutOff(now: Date, delayDays: number): Date {
  const day = Math.floor((now.getTime() - delayDays * DAY_MS) / DAY_MS);
  return new Date(day * DAY_MS);
}

/** A count as it may be published: zero or at least k as it is, anything between withheld. */
export function protectCount(count: number, minCellCount: number): FeedCount {
  return count === 0 || count >= minCellCount ? { count, withheld: false } : { count: null, withheld: true };
}

/**
 * A site's incident counts as published. Each (category, level) cell under k is withheld. The total is
 * published only when every cell is: otherwise it minus the published cells would give a withheld cell
 * back (or, with several withheld cells, bound them), whether or not the total itself reaches k.
 */
export function protectIncidentCounts(
  rows: readonly Pick<FeedIncidentCountRow, 'category' | 'level' | 'count'>[],
  minCellCount: number,
): FeedSite['incidents'] {
  const cells = new Map<string, { category: FeedIncidentCategory; level: IncidentLevel; count: number }>();
  for (const row of rows) {
    const category = row.category ?? UNSPECIFIED_CATEGORY;
    const key = `${category}/${String(row.level)}`;
    const cell = cells.get(key) ?? { category, level: row.level, count: 0 };
    cells.set(key, { ...cell, count: cell.count + row.count });
  }
  const ordered = [...cells.values()]
    .filter((cell) => cell.count > 0)
    .sort(
      (a, b) =>
        INCIDENT_LEVELS.indexOf(a.level) - INCIDENT_LEVELS.indexOf(b.level) ||
        FEED_INCIDENT_CATEGORIES.indexOf(a.category) - FEED_INCIDENT_CATEGORIES.indexOf(b.category),
    );
  const byCategoryAndLevel = ordered.map((cell): FeedIncidentCell => ({
    category: cell.category,
    annexIIParagraph: cell.category === UNSPECIFIED_CATEGORY ? null : ANNEX_II_PARAGRAPHS[cell.category],
    level: cell.level,
    ...protectCount(cell.count, minCellCount),
  }));
  const sum = ordered.reduce((total, cell) => total + cell.count, 0);
  const total: FeedCount = byCategoryAndLevel.some((cell) => cell.withheld)
    ? { count: null, withheld: true }
    : { count: sum, withheld: false };
  return { total, byCategoryAndLevel };
}

function statusEntry(row: FeedStatusRow): FeedStatusEntry {
  return {
    id: `urn:uuid:${uuidv5(row.eventId, FEED_NAMESPACE)}`,
    status: row.status,
    previousStatus: row.previousStatus,
    at: row.at.toISOString(),
    remediationDeadline: row.remediationDeadline?.toISOString() ?? null,
  };
}

/** The feed from the read model's rows as they stood at `asOf` (which the rows were read for). */
export function buildSiteFeed(rows: SiteFeedRows, asOf: Date, settings: SiteFeedSettings): SiteFeed {
  const sites = rows.sites.map((site): FeedSite => {
    const statusHistory = rows.statuses.filter((row) => row.siteId === site.siteId).map(statusEntry);
    const current = statusHistory.at(-1);
    const registeredAt = site.registeredAt.toISOString();
    const changes = [registeredAt, ...statusHistory.map((entry) => entry.at)];
    if (site.icglrIdRecordedAt) changes.push(site.icglrIdRecordedAt.toISOString());
    return {
      id: `urn:uuid:${uuidv5(site.siteId, FEED_NAMESPACE)}`,
      code: site.code,
      icglrId: site.icglrId,
      name: site.name,
      province: site.province,
      territory: site.territory,
      latitude: site.latitude,
      longitude: site.longitude,
      minerals: site.minerals.map((mineral) => ({
        mineral,
        hsCode: MINERAL_HS_CODES[mineral].hsCode,
        hsDescription: MINERAL_HS_CODES[mineral].description,
      })),
      registeredAt,
      // Every site has its registration's blue in the history; a site without one would be a broken read model.
      status: current?.status ?? 'blue',
      statusSince: current?.at ?? registeredAt,
      statusHistory,
      updatedAt: changes.reduce((latest, at) => (at > latest ? at : latest)),
      incidents: protectIncidentCounts(
        rows.incidentCounts.filter((row) => row.siteId === site.siteId),
        settings.minCellCount,
      ),
    };
  });
  return {
    feed: 'pamoja-site-feed',
    version: 1,
    asOf: asOf.toISOString(),
    delayDays: settings.delayDays,
    minCellCount: settings.minCellCount,
    sites,
  };
}
