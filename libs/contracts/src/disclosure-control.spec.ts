import fc from 'fast-check';
import {
  cellKey,
  determinedCells,
  protectCounts,
  tabulate,
  type DimensionSpec,
  type SumLine,
  type TabulatedRecord,
} from './disclosure-control.js';

const SEXES = ['female', 'male'];
const AGES = ['adult', 'child'];
const areaParents = (code: string): string[] => {
  const parts = code.split('-');
  return parts.map((_, i) => parts.slice(0, parts.length - 1 - i).join('-')).filter((p) => p !== '');
};
const DIMENSIONS: DimensionSpec[] = [
  { name: 'area', total: 'ALL', parents: areaParents },
  { name: 'sex', total: 'ALL', values: SEXES },
  { name: 'ageBand', total: 'ALL', values: AGES },
];

function countsOf(cells: readonly { key: string; count: number }[]): Map<string, number> {
  return new Map(cells.map((c) => [c.key, c.count]));
}

/**
 * An attacker's check, independent of the elimination: a withheld cell is safe when the withheld counts can
 * be changed together (by −1, 0 or +1 each, staying non-negative) so that every sum still holds with the
 * published counts and that cell takes another value. Exhaustive: for small tables only.
 */
function recoverable(counts: ReadonlyMap<string, number>, lines: readonly SumLine[], withheld: ReadonlySet<string>) {
  const unknowns = [...withheld].sort();
  const index = new Map(unknowns.map((key, i) => [key, i]));
  const relevant = lines
    .map((line) => ({ total: index.get(line.total), parts: line.parts.map((p) => index.get(p)) }))
    .filter((line) => line.total !== undefined || line.parts.some((p) => p !== undefined));
  const moves: number[][] = [];
  const delta = new Array<number>(unknowns.length).fill(0);
  const holds = (): boolean =>
    relevant.every(
      (line) =>
        line.parts.reduce<number>((sum, p) => sum + (p === undefined ? 0 : delta[p]!), 0) ===
        (line.total === undefined ? 0 : delta[line.total]!),
    );
  const walk = (i: number): void => {
    if (i === unknowns.length) {
      if (delta.some((d) => d !== 0) && holds()) moves.push([...delta]);
      return;
    }
    for (const d of [-1, 0, 1]) {
      if (counts.get(unknowns[i]!)! + d < 0) continue;
      delta[i] = d;
      walk(i + 1);
    }
    delta[i] = 0;
  };
  walk(0);
  return unknowns.filter((_, i) => !moves.some((move) => move[i] !== 0));
}

describe('tabulate', () => {
  it('counts every cell of the views, margins included, and lists the sums between them', () => {
    const records: TabulatedRecord[] = [
      { values: { area: 'NK-MAS-014', sex: 'female', ageBand: 'child' } },
      { values: { area: 'NK-MAS-015', sex: 'male', ageBand: 'adult' } },
      { values: { area: 'SK-KAL-001', sex: 'female', ageBand: 'adult' } },
    ];
    const table = tabulate(records, DIMENSIONS, [{ breakdown: ['area', 'sex', 'ageBand'] }]);
    const counts = countsOf(table.cells);
    expect(counts.get(cellKey(['ALL', 'ALL', 'ALL']))).toBe(3);
    expect(counts.get(cellKey(['NK', 'ALL', 'ALL']))).toBe(2);
    expect(counts.get(cellKey(['NK-MAS', 'female', 'ALL']))).toBe(1);
    expect(counts.get(cellKey(['SK', 'male', 'child']))).toBe(0);
    // Every listed sum holds.
    for (const line of table.lines) {
      expect(line.parts.reduce((sum, p) => sum + counts.get(p)!, 0)).toBe(counts.get(line.total));
    }
    expect(table.lines).toContainEqual({
      total: cellKey(['NK', 'ALL', 'ALL']),
      parts: [cellKey(['NK-MAS', 'ALL', 'ALL'])],
    });
  });

  it('counts a multi-valued record once in each value and once in the total', () => {
    const table = tabulate(
      [{ values: { form: ['forced_labour', 'debt_bondage'] } }],
      [{ name: 'form', total: 'ALL', values: ['forced_labour', 'debt_bondage', 'sexual'] }],
      [{ breakdown: ['form'] }],
    );
    expect(countsOf(table.cells)).toEqual(
      new Map([
        [cellKey(['ALL']), 1],
        [cellKey(['debt_bondage']), 1],
        [cellKey(['forced_labour']), 1],
        [cellKey(['sexual']), 0],
      ]),
    );
  });

  it('keeps only the sums whose members are all published (views at their totals)', () => {
    const table = tabulate([{ values: { area: 'NK', sex: 'female', ageBand: 'adult' } }], DIMENSIONS, [
      { breakdown: ['area', 'sex'] },
      { breakdown: ['ageBand'] },
    ]);
    const keys = new Set(table.cells.map((c) => c.key));
    expect(keys.has(cellKey(['NK', 'female', 'adult']))).toBe(false);
    // The views' common cells count each record once.
    expect(countsOf(table.cells).get(cellKey(['ALL', 'ALL', 'ALL']))).toBe(1);
    expect(countsOf(table.cells).get(cellKey(['NK', 'ALL', 'ALL']))).toBe(1);
    for (const line of table.lines) for (const key of [line.total, ...line.parts]) expect(keys.has(key)).toBe(true);
  });
});

describe('protectCounts', () => {
  const line = (total: string, ...parts: string[]): SumLine => ({ total, parts });

  it('publishes everything when no count is under k', () => {
    const counts = new Map([
      ['t', 25],
      ['a', 10],
      ['b', 15],
    ]);
    expect(protectCounts(counts, [line('t', 'a', 'b')], 10).size).toBe(0);
  });

  it('withholds a small count and the smallest other part of its sum (the worked example)', () => {
    // docs/statistics.md: 23 victims at a site, 4 of them children.
    const counts = new Map([
      ['all', 23],
      ['adult', 19],
      ['child', 4],
    ]);
    expect([...protectCounts(counts, [line('all', 'adult', 'child')], 10)].sort()).toEqual(['adult', 'child']);
  });

  it('protects the table of docs/statistics.md as the document says', () => {
    // 12 adult women and 3 boys under 15 at one site, by sex and age band, with the margins.
    const people = [
      ...Array.from({ length: 12 }, () => ({ values: { sex: 'female', ageBand: 'adult' } })),
      ...Array.from({ length: 3 }, () => ({ values: { sex: 'male', ageBand: 'child' } })),
    ];
    const table = tabulate(people, [DIMENSIONS[1]!, DIMENSIONS[2]!], [{ breakdown: ['sex', 'ageBand'] }]);
    const withheld = protectCounts(countsOf(table.cells), table.lines, 10);
    const published = table.cells.filter((c) => !withheld.has(c.key)).map((c) => [...c.values, c.count]);
    expect(published).toEqual([
      ['ALL', 'ALL', 15],
      ['female', 'child', 0],
      ['male', 'adult', 0],
    ]);
    expect([...withheld].sort()).toEqual(
      [
        ['ALL', 'adult'],
        ['ALL', 'child'],
        ['female', 'ALL'],
        ['female', 'adult'],
        ['male', 'ALL'],
        ['male', 'child'],
      ]
        .map(cellKey)
        .sort(),
    );
  });

  it('withholds a total under k with a part, and never a zero while another member is left', () => {
    const counts = new Map([
      ['t', 6],
      ['a', 6],
      ['b', 0],
    ]);
    expect([...protectCounts(counts, [line('t', 'a', 'b')], 10)].sort()).toEqual(['a', 't']);
  });

  it('withholds enough in a table with margins that neither its rows nor its columns give the small count back', () => {
    // A 2 × 2 table with margins: withholding a row's pair alone, the column sums would give them back.
    //        c1   c2   row
    //  r1     3   12    15
    //  r2    12   12    24
    //  col   15   24    39
    const c = (r: string, col: string) => `${r}/${col}`;
    const counts = new Map([
      [c('r1', 'c1'), 3],
      [c('r1', 'c2'), 12],
      [c('r1', 'T'), 15],
      [c('r2', 'c1'), 12],
      [c('r2', 'c2'), 12],
      [c('r2', 'T'), 24],
      [c('T', 'c1'), 15],
      [c('T', 'c2'), 24],
      [c('T', 'T'), 39],
    ]);
    const lines = [
      line(c('r1', 'T'), c('r1', 'c1'), c('r1', 'c2')),
      line(c('r2', 'T'), c('r2', 'c1'), c('r2', 'c2')),
      line(c('T', 'T'), c('T', 'c1'), c('T', 'c2')),
      line(c('T', 'c1'), c('r1', 'c1'), c('r2', 'c1')),
      line(c('T', 'c2'), c('r1', 'c2'), c('r2', 'c2')),
      line(c('T', 'T'), c('r1', 'T'), c('r2', 'T')),
    ];
    const withheld = protectCounts(counts, lines, 10);
    expect(withheld.has(c('r1', 'c1'))).toBe(true);
    expect(withheld.size).toBe(4);
    expect(determinedCells(withheld, lines)).toEqual([]);
    expect(recoverable(counts, lines, withheld)).toEqual([]);
  });

  it('finds a withheld cell the published counts determine', () => {
    // a + b = t (t published), b published: a = t − b.
    expect(determinedCells(new Set(['a']), [line('t', 'a', 'b')])).toEqual(['a']);
    expect(determinedCells(new Set(['a', 'b']), [line('t', 'a', 'b')])).toEqual([]);
    // Two sums of the same pair: still not determined; a third that names one alone determines both.
    expect(
      determinedCells(new Set(['a', 'b']), [line('t', 'a', 'b'), line('u', 'a', 'b'), line('v', 'a', 'c')]),
    ).toEqual(['a', 'b']);
  });

  it('is deterministic: the same counts give the same cells withheld', () => {
    const counts = new Map([
      ['t', 30],
      ['a', 5],
      ['b', 12],
      ['c', 13],
    ]);
    const lines = [line('t', 'a', 'b', 'c')];
    expect([...protectCounts(counts, lines, 10)]).toEqual([...protectCounts(new Map(counts), lines, 10)]);
    expect([...protectCounts(counts, lines, 10)].sort()).toEqual(['a', 'b']);
  });

  it('refuses a k under 1 and a sum naming an unknown cell', () => {
    expect(() => protectCounts(new Map(), [], 0)).toThrow('k must be');
    expect(() => protectCounts(new Map([['t', 1]]), [line('t', 'x')], 10)).toThrow('unknown cell');
  });
});

/** Plain elimination over the rationals (floating point, small systems): which unknowns are determined. */
function determinedByReference(unknowns: readonly string[], lines: readonly SumLine[]): string[] {
  const index = new Map(unknowns.map((key, i) => [key, i]));
  const rows = lines.map((line) => {
    const row = new Array<number>(unknowns.length).fill(0);
    const at = (key: string, v: number) => {
      const i = index.get(key);
      if (i !== undefined) row[i] = (row[i] ?? 0) + v;
    };
    at(line.total, -1);
    for (const part of line.parts) at(part, 1);
    return row;
  });
  let rank = 0;
  const pivotCols: number[] = [];
  for (let col = 0; col < unknowns.length && rank < rows.length; col += 1) {
    const found = rows.findIndex((row, i) => i >= rank && Math.abs(row[col] ?? 0) > 1e-9);
    if (found < 0) continue;
    [rows[rank], rows[found]] = [rows[found]!, rows[rank]!];
    const pivot = rows[rank]!;
    const scale = pivot[col]!;
    for (let c = 0; c < pivot.length; c += 1) pivot[c] = pivot[c]! / scale;
    rows.forEach((row, i) => {
      if (i === rank) return;
      const factor = row[col] ?? 0;
      if (Math.abs(factor) > 1e-12) for (let c = 0; c < row.length; c += 1) row[c] = row[c]! - factor * pivot[c]!;
    });
    pivotCols.push(col);
    rank += 1;
  }
  return pivotCols
    .filter((col, r) => rows[r]!.every((v, c) => c === col || Math.abs(v) < 1e-9))
    .map((col) => unknowns[col]!)
    .sort();
}

describe('the audit (property)', () => {
  it('finds the same determined cells as plain elimination, on random sums', () => {
    const keys = Array.from({ length: 9 }, (_, i) => `c${i}`);
    const sums = fc.array(
      fc.record({
        total: fc.constantFrom(...keys),
        parts: fc.uniqueArray(fc.constantFrom(...keys), { minLength: 1, maxLength: 4 }),
      }),
      { maxLength: 10 },
    );
    fc.assert(
      fc.property(sums, fc.subarray(keys), (lines, withheld) => {
        const clean = lines.filter((line) => !line.parts.includes(line.total));
        expect(determinedCells(new Set(withheld), clean)).toEqual(determinedByReference([...withheld].sort(), clean));
      }),
      { numRuns: 400, seed: 11 },
    );
  });
});

describe('protected tables of small populations (property)', () => {
  const AREAS = ['NK-MAS-014', 'NK-MAS-015', 'NK-WAL-003', 'SK-KAL-001', 'SK-FIZ-002'];
  const population = fc.array(
    fc.record({
      area: fc.constantFrom(...AREAS),
      sex: fc.constantFrom(...SEXES),
      ageBand: fc.constantFrom(...AGES),
    }),
    { maxLength: 60 },
  );

  it('never publishes a count from 1 to k − 1, and the published sums determine no withheld count', () => {
    fc.assert(
      fc.property(population, fc.integer({ min: 2, max: 12 }), (people, k) => {
        const table = tabulate(
          people.map((values) => ({ values })),
          DIMENSIONS,
          [{ breakdown: ['area', 'sex', 'ageBand'] }],
        );
        const counts = countsOf(table.cells);
        const withheld = protectCounts(counts, table.lines, k);
        for (const cell of table.cells) {
          if (!withheld.has(cell.key)) expect(cell.count === 0 || cell.count >= k).toBe(true);
        }
        expect(determinedCells(withheld, table.lines)).toEqual([]);
        // Every sum with a withheld member has at least two.
        for (const line of table.lines) {
          const members = [line.total, ...line.parts].filter((m) => withheld.has(m)).length;
          expect(members === 0 || members >= 2).toBe(true);
        }
      }),
      { numRuns: 150, seed: 20261206 },
    );
  });

  it('an attacker moving the withheld counts by one, within the published sums, finds each one uncertain', () => {
    // Small tables, so that the attacker's exhaustive search is feasible: one area level, sex by age.
    const small = fc.array(
      fc.record({
        area: fc.constantFrom('NK', 'SK'),
        sex: fc.constantFrom(...SEXES),
        ageBand: fc.constantFrom(...AGES),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(small, fc.integer({ min: 3, max: 10 }), (people, k) => {
        const dims: DimensionSpec[] = [
          { name: 'area', total: 'ALL', values: ['NK', 'SK'] },
          DIMENSIONS[1]!,
          DIMENSIONS[2]!,
        ];
        const table = tabulate(
          people.map((values) => ({ values })),
          dims,
          [{ breakdown: ['area', 'sex'] }, { breakdown: ['area', 'ageBand'] }],
        );
        const counts = countsOf(table.cells);
        const withheld = protectCounts(counts, table.lines, k);
        fc.pre(withheld.size <= 12);
        expect(recoverable(counts, table.lines, withheld)).toEqual([]);
      }),
      { numRuns: 120, seed: 7 },
    );
  });
});
