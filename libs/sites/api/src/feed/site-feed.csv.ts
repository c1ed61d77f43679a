import { INCIDENT_LEVELS } from '@pamoja/sites/domain';
import { FEED_INCIDENT_CATEGORIES, type FeedCount, type FeedSite, type SiteFeed } from '@pamoja/sites/application';

/**
 * The feed as CSV (RFC 4180: comma-separated, CRLF line ends, a field quoted when it holds a comma, a quote
 * or a line break, a quote doubled inside quotes), one row per site. Small own code: the format is a few
 * lines and every value but the site name comes from a vocabulary, a date or a number.
 */

/** A cell as a spreadsheet should show it: the count, or `<k` when withheld (never the number). */
export function csvCount(count: FeedCount, minCellCount: number): string {
  return count.withheld || count.count === null ? `<${String(minCellCount)}` : String(count.count);
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Text a person typed (the site's name): a leading =, +, - or @ would make a spreadsheet read a formula. */
export function spreadsheetText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One column per (category, level), in the order of levels, then of categories. */
export const CSV_INCIDENT_COLUMNS = INCIDENT_LEVELS.flatMap((level) =>
  FEED_INCIDENT_CATEGORIES.map((category) => ({
    category,
    level,
    name: `incidents_${category}_level_${String(level)}`,
  })),
);

export const CSV_COLUMNS = [
  'as_of',
  'code',
  'icglr_id',
  'name',
  'province',
  'territory',
  'latitude',
  'longitude',
  'minerals',
  'hs_codes',
  'registered_at',
  'status',
  'status_since',
  'status_history',
  'incidents_total',
  ...CSV_INCIDENT_COLUMNS.map((column) => column.name),
] as const;

function row(site: FeedSite, feed: SiteFeed): string[] {
  const k = feed.minCellCount;
  const cells = new Map(
    site.incidents.byCategoryAndLevel.map((cell) => [`${cell.category}/${String(cell.level)}`, cell]),
  );
  return [
    feed.asOf,
    site.code,
    site.icglrId ?? '',
    spreadsheetText(site.name),
    site.province,
    site.territory,
    String(site.latitude),
    String(site.longitude),
    site.minerals.map((m) => m.mineral).join(';'),
    site.minerals.map((m) => m.hsCode).join(';'),
    site.registeredAt,
    site.status,
    site.statusSince,
    // `<instant> <status>` oldest first, `;`-separated: the whole history in one cell.
    site.statusHistory.map((entry) => `${entry.at} ${entry.status}`).join(';'),
    csvCount(site.incidents.total, k),
    ...CSV_INCIDENT_COLUMNS.map((column) => {
      const cell = cells.get(`${column.category}/${String(column.level)}`);
      return cell ? csvCount(cell, k) : '0';
    }),
  ];
}

export function renderSiteFeedCsv(feed: SiteFeed): string {
  const lines = [[...CSV_COLUMNS], ...feed.sites.map((site) => row(site, feed))];
  return lines.map((fields) => fields.map(csvField).join(',')).join('\r\n') + '\r\n';
}
