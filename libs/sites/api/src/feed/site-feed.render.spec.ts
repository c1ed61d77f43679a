import { describe, expect, it } from '@jest/globals';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { SaxesParser } from 'saxes';
import { buildSiteFeed, type SiteFeed, type SiteFeedRows } from '@pamoja/sites/application';
import { renderSiteFeedAtom, xmlText } from './site-feed.atom.js';
import { CSV_COLUMNS, csvField, renderSiteFeedCsv } from './site-feed.csv.js';
import { SITE_FEED_SCHEMA } from './site-feed.schema.js';

const SITE = '6d1f7b0e-2f4a-5c3b-9e8d-7a6b5c4d3e2f';
const OTHER = '0a1b2c3d-4e5f-5a6b-8c7d-9e0f1a2b3c4d';

// A site name with everything the formats must escape; fictional sites only.
const TRICKY_NAME = 'Kalimbi "Hill", pit <3> & -wash';

const rows: SiteFeedRows = {
  sites: [
    {
      siteId: SITE,
      code: 'NK-MAS-014',
      name: TRICKY_NAME,
      province: 'north_kivu',
      territory: 'masisi',
      minerals: ['cassiterite', 'coltan'],
      latitude: -1.5,
      longitude: 28.9,
      registeredAt: new Date('2026-09-01T08:00:00.000Z'),
      icglrId: null,
      icglrIdRecordedAt: null,
    },
    {
      siteId: OTHER,
      code: 'SK-FIZ-001',
      name: 'Misisi',
      province: 'south_kivu',
      territory: 'fizi',
      minerals: ['gold'],
      latitude: -4.2,
      longitude: 28.9,
      registeredAt: new Date('2026-08-01T08:00:00.000Z'),
      icglrId: 'CDSK0002001',
      icglrIdRecordedAt: new Date('2026-08-15T08:00:00.000Z'),
    },
  ],
  statuses: [
    {
      siteId: SITE,
      eventId: 'a1',
      status: 'blue',
      previousStatus: null,
      at: new Date('2026-09-01T08:00:00.000Z'),
      remediationDeadline: null,
    },
    {
      siteId: SITE,
      eventId: 'a2',
      status: 'red',
      previousStatus: 'blue',
      at: new Date('2026-09-05T08:00:00.000Z'),
      remediationDeadline: null,
    },
    {
      siteId: OTHER,
      eventId: 'b1',
      status: 'blue',
      previousStatus: null,
      at: new Date('2026-08-01T08:00:00.000Z'),
      remediationDeadline: null,
    },
    {
      siteId: OTHER,
      eventId: 'b2',
      status: 'green',
      previousStatus: 'blue',
      at: new Date('2026-08-20T08:00:00.000Z'),
      remediationDeadline: null,
    },
  ],
  incidentCounts: [
    { siteId: SITE, category: 'forced_labour', level: 1, count: 12 },
    { siteId: SITE, category: 'worst_forms_of_child_labour', level: 1, count: 3 },
    { siteId: OTHER, category: 'taxes_fees_royalties', level: 3, count: 10 },
  ],
};
const feed: SiteFeed = buildSiteFeed(rows, new Date('2026-11-06T00:00:00.000Z'), { delayDays: 30, minCellCount: 10 });

describe('the JSON and its schema', () => {
  const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: false });
  const validate = ajv.compile(SITE_FEED_SCHEMA);

  it('validates the feed against the schema it serves', () => {
    expect(validate(JSON.parse(JSON.stringify(feed)))).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('rejects a withheld count that carries its number, and a field the schema does not know', () => {
    const leaky = JSON.parse(JSON.stringify(feed)) as {
      sites: { incidents: { byCategoryAndLevel: { count: number | null }[] } }[];
    };
    const cell = leaky.sites[0]!.incidents.byCategoryAndLevel[1]!;
    cell.count = 3;
    expect(validate(leaky)).toBe(false);
    const extra = { ...(JSON.parse(JSON.stringify(feed)) as SiteFeed), findings: 'anything' };
    expect(validate(extra)).toBe(false);
  });
});

describe('the CSV', () => {
  const csv = renderSiteFeedCsv(feed);
  const lines = csv.split('\r\n');

  it('has a header and one row per site, CRLF-terminated, as many fields as columns', () => {
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(4);
    expect(lines[2]!.split(',')).toHaveLength(CSV_COLUMNS.length);
  });

  it('writes a withheld count as <k, a total with a withheld part as <k, and none as 0', () => {
    const header = lines[0]!.split(',');
    const other = lines[2]!.split(',');
    const at = (name: string) => header.indexOf(name);
    // The tricky name is quoted, so read the first row through the position of its fields after the name.
    expect(lines[1]).toContain(',"Kalimbi ""Hill"", pit <3> & -wash",');
    const first = lines[1]!.replace(/"[^"]*(?:""[^"]*)*"/, 'NAME').split(',');
    expect(first[at('incidents_forced_labour_level_1')]).toBe('12');
    expect(first[at('incidents_worst_forms_of_child_labour_level_1')]).toBe('<10');
    expect(first[at('incidents_total')]).toBe('<10');
    expect(first[at('incidents_money_laundering_level_2')]).toBe('0');
    expect(other[at('incidents_taxes_fees_royalties_level_3')]).toBe('10');
    expect(other[at('incidents_total')]).toBe('10');
    expect(other[at('hs_codes')]).toBe('7108.12');
    expect(other[at('status_history')]).toBe('2026-08-01T08:00:00.000Z blue;2026-08-20T08:00:00.000Z green');
    expect(csv).not.toMatch(/(^|,)3(,|\r)/m);
  });

  it('quotes fields as RFC 4180 says, and keeps a name from being read as a formula', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    const formula = buildSiteFeed(
      { ...rows, sites: [{ ...rows.sites[1]!, name: '=HYPERLINK("x")' }] },
      new Date('2026-11-06T00:00:00.000Z'),
      { delayDays: 30, minCellCount: 10 },
    );
    expect(renderSiteFeedCsv(formula)).toContain(`"'=HYPERLINK(""x"")"`);
  });
});

/** A parsed element: enough of a DOM for the checks below. */
interface Element {
  readonly name: string;
  readonly uri: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: Element[];
  text: string;
}

/** Parses XML strictly (well-formedness and namespaces), throwing on the first error. */
function parseXml(xml: string): Element {
  const parser = new SaxesParser({ xmlns: true });
  const root: Element = { name: '#document', uri: '', attributes: {}, children: [], text: '' };
  const stack: Element[] = [root];
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    const attributes = Object.fromEntries(Object.values(tag.attributes).map((a) => [a.local, a.value]));
    const element: Element = { name: tag.local, uri: tag.uri, attributes, children: [], text: '' };
    stack.at(-1)!.children.push(element);
    stack.push(element);
  });
  parser.on('text', (text) => {
    stack.at(-1)!.text += text;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(xml).close();
  const [document] = root.children;
  if (!document) throw new Error('no root element');
  return document;
}

describe('the Atom feed', () => {
  const xml = renderSiteFeedAtom(feed);
  const root = parseXml(xml);
  const ATOM = 'http://www.w3.org/2005/Atom';
  const children = (parent: Element, name: string) => parent.children.filter((e) => e.name === name && e.uri === ATOM);
  const textOf = (parent: Element, name: string) => children(parent, name)[0]?.text ?? '';
  const entries = children(root, 'entry');

  it('is well-formed Atom 1.0 with the elements RFC 4287 requires of the feed and of every entry', () => {
    expect(root.name).toBe('feed');
    expect(root.uri).toBe(ATOM);
    for (const name of ['id', 'title', 'updated', 'author']) expect(children(root, name)).toHaveLength(1);
    expect(children(root, 'link').find((l) => l.attributes['rel'] === 'self')?.attributes['href']).toBe(
      '/feeds/sites.atom',
    );
    // A site entry per site and an entry per status (the registration's blue included).
    expect(entries).toHaveLength(2 + 4);
    for (const entry of entries) {
      expect(textOf(entry, 'id')).toMatch(/^urn:uuid:/);
      expect(textOf(entry, 'title')).not.toBe('');
      expect(Number.isNaN(Date.parse(textOf(entry, 'updated')))).toBe(false);
      expect(children(entry, 'link')[0]?.attributes['href']).toMatch(/^\/feeds\/sites\/(NK-MAS-014|SK-FIZ-001)\.json$/);
    }
    const ids = entries.map((entry) => textOf(entry, 'id'));
    expect(new Set(ids).size).toBe(ids.length);
    // Newest first; the feed updated by its newest entry.
    const updated = entries.map((entry) => textOf(entry, 'updated'));
    expect([...updated].sort().reverse()).toEqual(updated);
    expect(textOf(root, 'updated')).toBe(updated[0]);
  });

  it('refuses to parse what is not well-formed (the parser is strict)', () => {
    expect(() => parseXml('<feed><title>a & b</title></feed>')).toThrow();
  });

  it('escapes the site name and says withheld counts as <k, never the number', () => {
    expect(entries.map((entry) => textOf(entry, 'title'))).toContain(`NK-MAS-014 ${TRICKY_NAME}: RED`);
    const site = entries.map((entry) => textOf(entry, 'summary')).find((s) => s.startsWith('RED since'));
    expect(site).toContain('worst forms of child labour (Annex II §1(iii)), level 1: <10');
    expect(site).toContain('forced labour (Annex II §1(ii)), level 1: 12');
    expect(site).toContain('total withheld');
    expect(site).not.toMatch(/: 3\b/);
    expect(xmlText('a\u0001b & <c>')).toBe('ab &amp; &lt;c&gt;');
  });
});
