/**
 * Statistical disclosure control of published counts (docs/statistics.md): every published count stands for
 * at least k people or events, or for none; smaller counts are withheld (primary suppression), and enough
 * other counts with them (secondary suppression) that no sum or difference of the published counts gives a
 * withheld one back. Pure and deterministic: the same counts give the same published table, whoever asks.
 *
 * Two steps:
 * - `tabulate` counts records into every cell a table publishes (margins included) and lists the sums that
 *   hold between them (`SumLine`: a total is the sum of its parts);
 * - `protectCounts` decides which cells are withheld.
 */

/** One relation between the cells of a table: the count of `total` is the sum of the counts of `parts`. */
export interface SumLine {
  readonly total: string;
  readonly parts: readonly string[];
}

/**
 * A dimension of a table.
 * - `total`: the value that stands for every value (the margin), e.g. `ALL`; a dimension without one is
 *   never summed over (each of its values is a table of its own).
 * - `values`: values listed even when nothing falls in them (a vocabulary), so a zero shows as zero.
 * - `parents`: the values above a value in a hierarchy, nearest first, without the total (a site's
 *   territory, then its province); absent for a flat dimension.
 */
export interface DimensionSpec {
  readonly name: string;
  readonly total?: string;
  readonly values?: readonly string[];
  readonly parents?: (value: string) => readonly string[];
}

/** What is counted: one person or event, with its value in each dimension (several for a multi-valued one). */
export interface TabulatedRecord {
  readonly values: Readonly<Record<string, string | readonly string[]>>;
}

/** The dimensions a part of the published table breaks down; the others are at their total. */
export interface TableView {
  readonly breakdown: readonly string[];
}

export interface TabulatedCell {
  readonly key: string;
  /** The cell's value in each dimension, in the order of the dimensions. */
  readonly values: readonly string[];
  readonly count: number;
}

export interface Tabulation {
  readonly dimensions: readonly string[];
  readonly cells: readonly TabulatedCell[];
  readonly lines: readonly SumLine[];
}

/** The key of a cell: its values, in the order of the dimensions. */
export function cellKey(values: readonly string[]): string {
  return JSON.stringify(values);
}

/**
 * Counts records into every cell of the given views (a view's breakdown dimensions take every value and
 * every level of their hierarchy, margins included; the other dimensions their total), and lists every sum
 * that holds among those cells. A record with several values in a dimension counts once in each and once in
 * its total: such a sum is then not exact, and is still listed (protection treats it as exact, which can
 * only withhold more).
 */
export function tabulate(
  records: readonly TabulatedRecord[],
  dimensions: readonly DimensionSpec[],
  views: readonly TableView[],
): Tabulation {
  for (const view of views) {
    for (const name of view.breakdown) {
      if (!dimensions.some((d) => d.name === name)) throw new Error(`unknown dimension ${name}`);
    }
    for (const d of dimensions) {
      if (!view.breakdown.includes(d.name) && d.total === undefined) {
        throw new Error(`dimension ${d.name} has no total: every view must break it down`);
      }
    }
  }
  // Every value of each dimension a record reaches: its own, those above it, the total.
  const reach = (d: DimensionSpec, raw: string | readonly string[] | undefined): string[] => {
    const own = raw === undefined ? [] : typeof raw === 'string' ? [raw] : [...raw];
    const out = new Set<string>();
    for (const value of own) {
      out.add(value);
      for (const parent of d.parents?.(value) ?? []) out.add(parent);
    }
    if (d.total !== undefined) out.add(d.total);
    return [...out];
  };
  // The nodes of each dimension and each node's children.
  const nodes = dimensions.map((d) => {
    const all = new Set<string>(d.values ?? []);
    for (const value of d.values ?? []) for (const parent of d.parents?.(value) ?? []) all.add(parent);
    for (const record of records) for (const value of reach(d, record.values[d.name])) all.add(value);
    if (d.total !== undefined) all.add(d.total);
    const children = new Map<string, string[]>();
    for (const value of all) {
      if (value === d.total) continue;
      const parent = d.parents?.(value)[0] ?? d.total;
      if (parent === undefined) continue;
      const list = children.get(parent) ?? [];
      list.push(value);
      children.set(parent, list);
    }
    for (const list of children.values()) list.sort();
    return { all: [...all].sort(), children };
  });

  const counts = new Map<string, { values: string[]; count: number }>();
  // A dimension a view does not break down is at its total (checked above that it has one).
  const totalOf = (d: DimensionSpec): string[] => (d.total === undefined ? [] : [d.total]);
  const grid = (view: TableView): string[][] =>
    dimensions.map((d, i) => (view.breakdown.includes(d.name) ? (nodes[i]?.all ?? []) : totalOf(d)));
  const product = (lists: readonly (readonly string[])[]): string[][] =>
    lists.reduce<string[][]>((acc, list) => acc.flatMap((prefix) => list.map((v) => [...prefix, v])), [[]]);
  for (const view of views) {
    for (const values of product(grid(view))) {
      const key = cellKey(values);
      if (!counts.has(key)) counts.set(key, { values, count: 0 });
    }
  }
  // Each record once in each cell it reaches, though several views share a cell (their common totals).
  for (const record of records) {
    const reached = new Set<string>();
    for (const view of views) {
      const lists = dimensions.map((d) =>
        view.breakdown.includes(d.name) ? reach(d, record.values[d.name]) : totalOf(d),
      );
      for (const values of product(lists)) reached.add(cellKey(values));
    }
    for (const key of reached) {
      const cell = counts.get(key);
      if (cell) cell.count += 1;
    }
  }
  const lines: SumLine[] = [];
  const seen = new Set<string>();
  for (const { values } of counts.values()) {
    dimensions.forEach((_, i) => {
      const children = nodes[i]?.children.get(values[i] ?? '');
      if (!children || children.length === 0) return;
      const parts = children.map((child) => cellKey(values.map((v, j) => (j === i ? child : v))));
      if (!parts.every((part) => counts.has(part))) return;
      const line = { total: cellKey(values), parts };
      const id = JSON.stringify(line);
      if (!seen.has(id)) {
        seen.add(id);
        lines.push(line);
      }
    });
  }
  const cells = [...counts.entries()]
    .map(([key, { values, count }]) => ({ key, values, count }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { dimensions: dimensions.map((d) => d.name), cells, lines };
}

/**
 * The cells withheld so that every published count is 0 or at least `k`, and no withheld count follows
 * from the published ones through the sums of `lines`:
 * 1. primary: every count from 1 to k − 1;
 * 2. secondary: while a sum has exactly one withheld member, the smallest published non-zero member of it
 *    (a part before the total; a zero only when nothing else is left) is withheld with it;
 * 3. audit: the withheld counts are solved for from the published ones (exact integer elimination over
 *    every sum); while some are determined, a further member of one of the sums of each is withheld, and
 *    2 and 3 repeat.
 * Deterministic: ties are broken by the cell's key.
 */
export function protectCounts(
  counts: ReadonlyMap<string, number>,
  lines: readonly SumLine[],
  k: number,
): ReadonlySet<string> {
  if (!Number.isInteger(k) || k < 1) throw new Error('k must be a whole number, 1 or more');
  for (const line of lines) {
    for (const key of [line.total, ...line.parts]) {
      if (!counts.has(key)) throw new Error(`a sum names the unknown cell ${key}`);
    }
  }
  const suppressed = new Set<string>();
  for (const [key, count] of counts) if (count > 0 && count < k) suppressed.add(key);
  if (suppressed.size === 0) return suppressed;

  const linesOf = new Map<string, SumLine[]>();
  for (const line of lines) {
    for (const key of [line.total, ...line.parts]) {
      const list = linesOf.get(key) ?? [];
      list.push(line);
      linesOf.set(key, list);
    }
  }
  /** The member of a sum to withhold with another: the smallest non-zero part, else the total, else a zero. */
  const complement = (line: SumLine): string | undefined => {
    const rank = (key: string, isTotal: boolean): [number, number, string] => {
      const count = counts.get(key) ?? 0;
      return [count === 0 ? 2 : isTotal ? 1 : 0, count, key];
    };
    const candidates = [
      ...line.parts.filter((p) => !suppressed.has(p)).map((p) => rank(p, false)),
      ...(suppressed.has(line.total) ? [] : [rank(line.total, true)]),
    ];
    candidates.sort((a, b) => a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0));
    return candidates[0]?.[2];
  };
  const secondary = (): void => {
    const queue = [...suppressed];
    for (let key = queue.pop(); key !== undefined; key = queue.pop()) {
      for (const line of linesOf.get(key) ?? []) {
        const members = [line.total, ...line.parts];
        if (members.filter((m) => suppressed.has(m)).length !== 1) continue;
        const extra = complement(line);
        if (extra === undefined) continue;
        suppressed.add(extra);
        queue.push(extra);
      }
    }
  };
  for (;;) {
    secondary();
    const determined = determinedCells(suppressed, lines);
    if (determined.length === 0) return suppressed;
    // One more member of a sum of each determined cell, all at once (a solve per round is the cost).
    let widened = false;
    for (const key of determined) {
      for (const line of linesOf.get(key) ?? []) {
        const extra = complement(line);
        if (extra !== undefined) {
          suppressed.add(extra);
          widened = true;
          break;
        }
      }
    }
    // A determined cell with every member of each of its sums withheld cannot be: the sums say nothing then.
    if (!widened) throw new Error('a withheld count is determined and nothing is left to withhold');
  }
}

/**
 * The withheld cells whose counts the published counts determine: exact elimination, in integers, of the
 * sums restricted to the withheld cells (the published counts are known constants). A withheld cell is
 * determined when the reduced system holds an equation in it alone.
 */
export function determinedCells(suppressed: ReadonlySet<string>, lines: readonly SumLine[]): string[] {
  const unknowns = [...suppressed].sort();
  const column = new Map(unknowns.map((key, i) => [key, i]));
  const pivots: { col: number; row: Map<number, bigint> }[] = [];
  const pivotOf = new Map<number, { col: number; row: Map<number, bigint> }>();
  const gcd = (a: bigint, b: bigint): bigint => {
    a = a < 0n ? -a : a;
    b = b < 0n ? -b : b;
    while (b !== 0n) [a, b] = [b, a % b];
    return a;
  };
  const normalize = (row: Map<number, bigint>): void => {
    let g = 0n;
    for (const v of row.values()) g = gcd(g, v);
    if (g > 1n) for (const [c, v] of row) row.set(c, v / g);
  };
  /** row := row * pivot[col] - pivot * row[col], which clears `col` from row. */
  const eliminate = (row: Map<number, bigint>, pivot: Map<number, bigint>, col: number): void => {
    const factor = row.get(col);
    if (factor === undefined) return;
    const scale = pivot.get(col) ?? 1n;
    for (const [c, v] of row) row.set(c, v * scale);
    for (const [c, v] of pivot) {
      const next = (row.get(c) ?? 0n) - v * factor;
      if (next === 0n) row.delete(c);
      else row.set(c, next);
    }
    normalize(row);
  };
  for (const line of lines) {
    const row = new Map<number, bigint>();
    const add = (key: string, coefficient: bigint): void => {
      const c = column.get(key);
      if (c === undefined) return;
      const next = (row.get(c) ?? 0n) + coefficient;
      if (next === 0n) row.delete(c);
      else row.set(c, next);
    };
    add(line.total, -1n);
    for (const part of line.parts) add(part, 1n);
    if (row.size === 0) continue;
    // Clear the pivot columns it has. An older pivot row may bring a newer pivot's column in (older rows
    // are reduced only at the end), never an older one's: passes until none is left end.
    for (let again = true; again;) {
      again = false;
      for (const c of [...row.keys()]) {
        const pivot = pivotOf.get(c);
        if (pivot && row.has(c)) {
          eliminate(row, pivot.row, c);
          again = true;
        }
      }
    }
    if (row.size === 0) continue;
    const col = Math.min(...row.keys());
    const pivot = { col, row };
    pivotOf.set(col, pivot);
    pivots.push(pivot);
  }
  // Back substitution, newest pivot first: each is then free of every other pivot column, and clearing its
  // column from the older rows adds no pivot column to them.
  for (let i = pivots.length - 1; i >= 0; i -= 1) {
    const newer = pivots[i];
    if (!newer) continue;
    for (let j = 0; j < i; j += 1) {
      const older = pivots[j];
      if (older?.row.has(newer.col)) eliminate(older.row, newer.row, newer.col);
    }
  }
  return pivots
    .filter((p) => p.row.size === 1)
    .map((p) => unknowns[p.col] ?? '')
    .sort();
}
