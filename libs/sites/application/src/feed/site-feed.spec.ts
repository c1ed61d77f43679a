import { describe, expect, it } from '@jest/globals';
import { ANNEX_II_CATEGORIES, INCIDENT_LEVELS, type AnnexIICategory, type IncidentLevel } from '@pamoja/sites/domain';
import { type SiteFeedRows } from '../sites-read-model.port.js';
import {
  buildSiteFeed,
  feedCutOff,
  MINERAL_HS_CODES,
  protectCount,
  protectIncidentCounts,
  SITE_FEED_ID,
} from './site-feed.js';

const K = 10;
const row = (category: AnnexIICategory | null, level: IncidentLevel, count: number) => ({ category, level, count });

/** A small deterministic generator (mulberry32): the same populations in every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the minerals as Harmonized System codes', () => {
  it('gives each designated mineral the HS subheading the ICGLR data model lists', () => {
    expect(Object.fromEntries(Object.entries(MINERAL_HS_CODES).map(([m, c]) => [m, c.hsCode]))).toEqual({
      cassiterite: '2609.00',
      coltan: '2615.90',
      wolframite: '2611.00',
      gold: '7108.12',
    });
  });
});

describe('the cut-off', () => {
  it('is the start of the UTC day the delay before, so it never shows anything newer than the delay', () => {
    expect(feedCutOff(new Date('2026-12-06T10:30:00.000Z'), 30).toISOString()).toBe('2026-11-06T00:00:00.000Z');
    expect(feedCutOff(new Date('2026-12-06T00:00:00.000Z'), 30).toISOString()).toBe('2026-11-06T00:00:00.000Z');
    expect(feedCutOff(new Date('2026-12-06T23:59:59.999Z'), 0).toISOString()).toBe('2026-12-06T00:00:00.000Z');
  });
});

describe('counts under k', () => {
  it('publishes zero and counts of at least k, and withholds the others without their number', () => {
    expect(protectCount(0, K)).toEqual({ count: 0, withheld: false });
    expect(protectCount(1, K)).toEqual({ count: null, withheld: true });
    expect(protectCount(9, K)).toEqual({ count: null, withheld: true });
    expect(protectCount(10, K)).toEqual({ count: 10, withheld: false });
  });

  it('withholds the total when any cell is withheld, even a total of at least k', () => {
    const counts = protectIncidentCounts([row('forced_labour', 1, 12), row('worst_forms_of_child_labour', 1, 3)], K);
    expect(counts.total).toEqual({ count: null, withheld: true });
    expect(counts.byCategoryAndLevel).toEqual([
      { category: 'forced_labour', annexIIParagraph: '1(ii)', level: 1, count: 12, withheld: false },
      { category: 'worst_forms_of_child_labour', annexIIParagraph: '1(iii)', level: 1, count: null, withheld: true },
    ]);
  });

  it('publishes the total when every cell is, and files a classification without category as unspecified', () => {
    const counts = protectIncidentCounts([row(null, 2, 11), row('money_laundering', 3, 10)], K);
    expect(counts.total).toEqual({ count: 21, withheld: false });
    expect(counts.byCategoryAndLevel.map((c) => [c.category, c.annexIIParagraph, c.level])).toEqual([
      ['unspecified', null, 2],
      ['money_laundering', '13', 3],
    ]);
    expect(protectIncidentCounts([], K).total).toEqual({ count: 0, withheld: false });
  });

  it('never publishes a number under k, nor one from which a withheld count can be worked out (random small populations)', () => {
    const next = random(17);
    for (let population = 0; population < 500; population += 1) {
      const k = 2 + Math.floor(next() * 12);
      const rows = [];
      for (const level of INCIDENT_LEVELS) {
        for (const category of [...ANNEX_II_CATEGORIES, null]) {
          if (next() < 0.2) rows.push(row(category, level, 1 + Math.floor(next() * 2 * k)));
        }
      }
      const { total, byCategoryAndLevel } = protectIncidentCounts(rows, k);
      const published = [total, ...byCategoryAndLevel].filter((c) => !c.withheld).map((c) => c.count ?? -1);
      for (const count of published) expect(count === 0 || count >= k).toBe(true);
      for (const cell of byCategoryAndLevel.filter((c) => c.withheld)) expect(cell.count).toBeNull();
      // A withheld cell cannot be recovered as the total minus the published cells.
      if (byCategoryAndLevel.some((c) => c.withheld)) expect(total).toEqual({ count: null, withheld: true });
      else expect(total.count).toBe(rows.reduce((sum, r) => sum + r.count, 0));
    }
  });
});

describe('the feed', () => {
  const SITE = '6d1f7b0e-2f4a-5c3b-9e8d-7a6b5c4d3e2f';
  const rows: SiteFeedRows = {
    sites: [
      {
        siteId: SITE,
        code: 'NK-MAS-014',
        name: 'Bibatama-Sud',
        province: 'north_kivu',
        territory: 'masisi',
        minerals: ['coltan', 'gold'],
        latitude: -1.5,
        longitude: 28.9,
        registeredAt: new Date('2026-09-01T08:00:00.000Z'),
        icglrId: 'CDNK0001483',
        icglrIdRecordedAt: new Date('2026-09-20T08:00:00.000Z'),
      },
    ],
    statuses: [
      {
        siteId: SITE,
        eventId: 'e1',
        status: 'blue',
        previousStatus: null,
        at: new Date('2026-09-01T08:00:00.000Z'),
        remediationDeadline: null,
      },
      {
        siteId: SITE,
        eventId: 'e2',
        status: 'yellow',
        previousStatus: 'blue',
        at: new Date('2026-09-10T08:00:00.000Z'),
        remediationDeadline: new Date('2027-01-10T08:00:00.000Z'),
      },
    ],
    incidentCounts: [{ siteId: SITE, category: 'forced_labour', level: 1, count: 4 }],
  };

  it('says as of when, with the delay and k, and gives each site its registry facts, statuses and counts', () => {
    const feed = buildSiteFeed(rows, new Date('2026-11-06T00:00:00.000Z'), { delayDays: 30, minCellCount: K });
    expect(feed).toMatchObject({
      feed: 'pamoja-site-feed',
      asOf: '2026-11-06T00:00:00.000Z',
      delayDays: 30,
      minCellCount: K,
    });
    const [site] = feed.sites;
    expect(site).toMatchObject({
      code: 'NK-MAS-014',
      icglrId: 'CDNK0001483',
      minerals: [
        { mineral: 'coltan', hsCode: '2615.90' },
        { mineral: 'gold', hsCode: '7108.12' },
      ],
      status: 'yellow',
      statusSince: '2026-09-10T08:00:00.000Z',
      updatedAt: '2026-09-20T08:00:00.000Z',
      incidents: { total: { count: null, withheld: true } },
    });
    expect(site?.statusHistory.map((entry) => [entry.previousStatus, entry.status])).toEqual([
      [null, 'blue'],
      ['blue', 'yellow'],
    ]);
    expect(site?.statusHistory[1]?.remediationDeadline).toBe('2027-01-10T08:00:00.000Z');
    // Ids are stable URNs that are not the platform's own event ids.
    expect(site?.id).toMatch(/^urn:uuid:/);
    expect(JSON.stringify(feed)).not.toContain('"e1"');
    expect(SITE_FEED_ID).toMatch(/^urn:uuid:/);
  });
});
