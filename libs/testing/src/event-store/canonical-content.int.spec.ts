import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import pg from 'pg';
import {
  eventContentSql,
  jsonbText,
  NO_STREAM,
  NotCanonicalError,
  verifyLog,
  contentText,
  type SqlEventStore,
} from '@pamoja/event-store';
import { requirePostgres, TEST_DATABASE_URL } from '../postgres.js';
import { openPostgresTestStore } from './contract/harness.js';

// Integration tier: the printer is compared with PostgreSQL's own; if it is unreachable every test fails.
beforeAll(requirePostgres);

let pool: pg.Pool;
beforeAll(() => {
  pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 2 });
});
afterAll(async () => {
  await pool.end();
});

/** PostgreSQL's jsonb text of each JSON text, in order. */
async function printedByPostgres(texts: readonly string[]): Promise<string[]> {
  const result = await pool.query<{ printed: string }>(
    `SELECT t::jsonb::text AS printed FROM unnest($1::text[]) WITH ORDINALITY AS u(t, n) ORDER BY n`,
    [texts],
  );
  return result.rows.map((r) => r.printed);
}

/** Our printing of a JSON text, or undefined when we leave it to the database. */
function printedHere(text: string): string | undefined {
  try {
    return jsonbText(JSON.parse(text));
  } catch (error) {
    if (error instanceof NotCanonicalError) return undefined;
    throw error;
  }
}

// Keys and strings from the whole of Unicode (jsonb orders keys by their UTF-8 length, not by UTF-16 units), with
// control characters, quotes and backslashes.
const text = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', '"', '\\', '\n\t\r\b\f', '\u0001\u001f\u007f', 'é', 'ßß', '😀', 'Kivu: Walikale/Bisie'),
);
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { maxDepth: 4 },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.maxSafeInteger(),
    text,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(text, tie('value'), { maxKeys: 6 }),
  ),
})).value;

describe('content(e) printed here as PostgreSQL prints it (ADR 0032)', () => {
  it('jsonb text of generated JSON: the same bytes, or left to the database', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(json, { minLength: 1, maxLength: 50 }), async (values) => {
        const texts = values.map((v) => JSON.stringify(v)).filter((t) => !t.includes('\\u0000'));
        const postgres = await printedByPostgres(texts);
        texts.forEach((t, i) => {
          const here = printedHere(t);
          if (here !== undefined) expect(here).toBe(postgres[i]);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('numbers JavaScript prints with an exponent are left to the database, the rest print alike', async () => {
    const numbers = [
      0,
      -0,
      1,
      -1,
      0.1,
      0.30000000000000004,
      123456789.125,
      2 ** 53,
      1e20,
      1e21,
      1e-7,
      5e-324,
      -1.5e300,
    ];
    const texts = numbers.map((n) => JSON.stringify(n));
    const postgres = await printedByPostgres(texts);
    const here = texts.map((t) => printedHere(t));
    expect(here.filter((h) => h === undefined)).toHaveLength(4);
    here.forEach((h, i) => {
      if (h !== undefined) expect(h).toBe(postgres[i]);
    });
  });

  it('the whole content of an event: the text the append statement would build', async () => {
    const content = {
      streamId: `referral-${randomUUID()}`,
      revision: 7,
      eventId: randomUUID().toUpperCase(),
      eventType: 'ReferralSubmitted',
      schemaVersion: 2,
      recordedAtMicros: Date.parse('2026-12-06T19:50:00.123Z') * 1000,
      dataJson: JSON.stringify({ site: 'Bisie', indicators: ['debt_bondage'], age: 15, ratio: 0.25, né: 'x' }),
      metadataJson: JSON.stringify({ actor: { agencyId: randomUUID(), roles: ['caseworker'] }, causationId: null }),
    };
    const sql = eventContentSql({
      streamId: '$1',
      revision: '$2',
      eventId: '$3',
      eventType: '$4',
      schemaVersion: '$5',
      recordedAt: `'2026-12-06T19:50:00.123Z'::timestamptz`,
      data: '$6',
      metadata: '$7',
    });
    const result = await pool.query<{ content: string }>(`SELECT ${sql} AS content`, [
      content.streamId,
      content.revision,
      content.eventId,
      content.eventType,
      content.schemaVersion,
      content.dataJson,
      content.metadataJson,
    ]);
    expect(contentText(content)).toBe(result.rows[0]!.content);
  });

  describe('appends with odd values', () => {
    let store: SqlEventStore;
    let cleanup: () => Promise<void>;
    beforeAll(async () => {
      ({ store, cleanup } = await openPostgresTestStore('es_canonical', { poolSize: 4 }));
    });
    afterAll(() => cleanup());

    it('hashed here or by the database, every chain verifies', async () => {
      const stream = `case-${randomUUID()}`;
      const odd = [
        { note: 'Kivu\n"quoted"\\ back\u0001slash', 'clé longue': 1, k: 2, é: 3, '😀': [] },
        { tiny: 1e-7, huge: 1e21 },
        { nested: { z: { y: [1.5, -0, 2 ** 53, null, true] } }, '': {} },
      ];
      let revision = -1;
      for (const data of odd) {
        const event = {
          eventId: randomUUID(),
          type: 'CaseNoteAdded',
          schemaVersion: 1,
          data,
          metadata: {
            actor: {
              userId: randomUUID(),
              agencyId: randomUUID(),
              agencyType: 'police' as const,
              roles: ['investigator'],
            },
            correlationId: randomUUID(),
            causationId: null,
            jointCaseId: null,
            occurredAt: '2026-12-06T08:00:00.000Z',
          },
        };
        const result = await store.appendToStream(stream, [event], {
          expectedRevision: revision < 0 ? NO_STREAM : revision,
        });
        revision = result.nextExpectedRevision;
      }
      const report = await verifyLog(store);
      expect(report.breaks).toEqual([]);
      expect(report.intact).toBe(true);
    });
  });
});
