import { describe, expect, it } from '@jest/globals';
import { applyInRounds } from './projection.js';

/** An event of a page as a read model sees it: its key, its kind (none for one it does not keep), its number. */
interface Item {
  readonly key: string;
  readonly kind: 'open' | 'note' | 'close' | null;
  readonly n: number;
}

const item = (n: number, key: string, kind: Item['kind']): Item => ({ key, kind, n });

async function groups(page: readonly Item[]): Promise<{ described: number[]; applied: [string, number[]][] }> {
  const described: number[] = [];
  const applied: [string, number[]][] = [];
  await applyInRounds(
    page,
    (event) => {
      described.push(event.n);
      return event.kind === null ? undefined : { key: event.key, kind: event.kind, row: event.n };
    },
    (kind, rows) => {
      applied.push([kind, [...rows]]);
      return Promise.resolve();
    },
  );
  return { described, applied };
}

describe('applyInRounds', () => {
  it('puts the n-th event of each key in round n, groups a round by kind, and applies the rounds in order', async () => {
    const page = [
      item(1, 'a', 'open'),
      item(2, 'b', 'open'),
      item(3, 'a', 'note'),
      item(4, 'a', 'note'),
      item(5, 'b', 'note'),
      item(6, 'c', 'open'),
      item(7, 'a', 'close'),
    ];
    expect(await groups(page)).toEqual({
      described: [1, 2, 3, 4, 5, 6, 7],
      applied: [
        // Round 0: the first event of a, b and c, the two kinds each in page order.
        ['open', [1, 2, 6]],
        // Round 1: the second of a and of b (both notes, in one group).
        ['note', [3, 5]],
        // Round 2 and 3: a's third and fourth.
        ['note', [4]],
        ['close', [7]],
      ],
    });
  });

  it('skips an event it is told nothing of, without giving it a round', async () => {
    const page = [item(1, 'a', null), item(2, 'a', 'open'), item(3, 'b', null), item(4, 'a', 'close')];
    expect(await groups(page)).toEqual({
      described: [1, 2, 3, 4],
      applied: [
        ['open', [2]],
        ['close', [4]],
      ],
    });
  });

  it('applies nothing for an empty page or a page of events it keeps none of', async () => {
    expect((await groups([])).applied).toEqual([]);
    expect((await groups([item(1, 'a', null)])).applied).toEqual([]);
  });
});
