import {
  SITE_FEED_ID,
  type FeedIncidentCell,
  type FeedSite,
  type FeedStatusEntry,
  type SiteFeed,
} from '@pamoja/sites/application';

/**
 * The feed as Atom 1.0 (RFC 4287): an entry per site (its status, ICGLR id, minerals and incident counts)
 * and an entry per published status change. Links are root-relative (resolved against the document's own
 * address), so the same document is right at the embedded app and at the gateway. Small own code: a
 * handful of elements, text escaped in one function.
 */

const ATOM_NS = 'http://www.w3.org/2005/Atom';
const STATUS_SCHEME = 'urn:pamoja:site-feed:status';

/** Escapes text for XML element content and attribute values; drops characters XML 1.0 cannot carry. */
export function xmlText(value: string): string {
  return (
    value
      // The characters XML 1.0 forbids (controls but tab, line feed and carriage return; lone surrogates; U+FFFE/F).
      // eslint-disable-next-line no-control-regex -- matching control characters is the point
      .replace(/[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
      .replaceAll('&', '&amp;')
      .replaceAll('<', '&lt;')
      .replaceAll('>', '&gt;')
      .replaceAll('"', '&quot;')
      .replaceAll("'", '&apos;')
  );
}

const upper = (value: string): string => value.toUpperCase();

export function siteFeedPath(code: string): string {
  return `/feeds/sites/${encodeURIComponent(code)}.json`;
}

function cellText(cell: FeedIncidentCell, k: number): string {
  const count = cell.withheld || cell.count === null ? `<${String(k)}` : String(cell.count);
  const paragraph = cell.annexIIParagraph === null ? '' : ` (Annex II §${cell.annexIIParagraph})`;
  return `${cell.category.replaceAll('_', ' ')}${paragraph}, level ${String(cell.level)}: ${count}`;
}

/** What an entry of a site says, in one line of plain text built from the published fields only. */
export function siteSummary(site: FeedSite, k: number): string {
  const minerals = site.minerals.map((m) => `${m.mineral} (HS ${m.hsCode})`).join(', ');
  const total = site.incidents.total;
  const incidents =
    site.incidents.byCategoryAndLevel.length === 0
      ? 'no classified incident'
      : `incidents: ${total.withheld || total.count === null ? 'total withheld' : `${String(total.count)} in all`}; ` +
        site.incidents.byCategoryAndLevel.map((cell) => cellText(cell, k)).join('; ');
  return (
    `${upper(site.status)} since ${site.statusSince}. ICGLR id: ${site.icglrId ?? 'not recorded'}. ` +
    `${site.province}, ${site.territory}. Minerals: ${minerals}. ${incidents}.`
  );
}

function link(href: string, rel: string, type: string): string {
  return `<link rel="${rel}" type="${type}" href="${xmlText(href)}"/>`;
}

function siteEntry(site: FeedSite, k: number): string {
  return [
    '<entry>',
    `<id>${site.id}</id>`,
    `<title>${xmlText(`${site.code} ${site.name}: ${upper(site.status)}`)}</title>`,
    `<updated>${site.updatedAt}</updated>`,
    link(siteFeedPath(site.code), 'alternate', 'application/json'),
    `<category scheme="${STATUS_SCHEME}" term="${site.status}"/>`,
    `<summary type="text">${xmlText(siteSummary(site, k))}</summary>`,
    '</entry>',
  ].join('');
}

function statusEntry(site: FeedSite, entry: FeedStatusEntry): string {
  const title =
    entry.previousStatus === null
      ? `${site.code} registered: ${upper(entry.status)} (not yet verified)`
      : `${site.code}: ${upper(entry.previousStatus)} → ${upper(entry.status)}`;
  const deadline = entry.remediationDeadline === null ? '' : ` Remediation by ${entry.remediationDeadline}.`;
  return [
    '<entry>',
    `<id>${entry.id}</id>`,
    `<title>${xmlText(title)}</title>`,
    `<updated>${entry.at}</updated>`,
    link(siteFeedPath(site.code), 'alternate', 'application/json'),
    `<category scheme="${STATUS_SCHEME}" term="${entry.status}"/>`,
    `<summary type="text">${xmlText(`${site.name} (${site.code}) is ${upper(entry.status)} from ${entry.at}.${deadline}`)}</summary>`,
    '</entry>',
  ].join('');
}

export function renderSiteFeedAtom(feed: SiteFeed): string {
  const k = feed.minCellCount;
  const entries = feed.sites.flatMap((site) => [
    { updated: site.updatedAt, xml: siteEntry(site, k) },
    ...site.statusHistory.map((entry) => ({ updated: entry.at, xml: statusEntry(site, entry) })),
  ]);
  // Newest first, as feed readers expect; the feed was last updated by its newest entry (or is as of its cut-off).
  entries.sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : 0));
  const updated = entries[0]?.updated ?? feed.asOf;
  return [
    '<?xml version="1.0" encoding="utf-8"?>\n',
    `<feed xmlns="${ATOM_NS}">`,
    `<id>${SITE_FEED_ID}</id>`,
    '<title>Pamoja: mine sites of North and South Kivu, for supply-chain due diligence</title>',
    `<subtitle>${xmlText(
      `As of ${feed.asOf} (${String(feed.delayDays)} days' delay); counts under ${String(k)} withheld; ` +
        'no person, no case, no free text.',
    )}</subtitle>`,
    `<updated>${updated}</updated>`,
    '<author><name>Pamoja</name></author>',
    link('/feeds/sites.atom', 'self', 'application/atom+xml'),
    link('/feeds/sites.json', 'alternate', 'application/json'),
    link('/feeds/sites.csv', 'alternate', 'text/csv'),
    ...entries.map((entry) => entry.xml),
    '</feed>\n',
  ].join('');
}
