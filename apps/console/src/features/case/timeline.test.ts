import { describe, expect, it } from 'vitest';
import { AT_END, AT_START, mergeTimeline } from './timeline';

const e = (position: string) => ({ position });
const positions = (list: readonly { position: string }[]) => list.map((x) => x.position);

describe('merging timeline batches', () => {
  it('appends a live entry at the end, and an entry sent twice only once', () => {
    const held = [e('a'), e('b')];
    const once = mergeTimeline(held, [e('c')], AT_END);
    expect(positions(mergeTimeline(once, [e('c')], AT_END))).toEqual(['a', 'b', 'c']);
    // Nothing new: the same list, so React has nothing to render again.
    expect(mergeTimeline(once, [e('c')], AT_END)).toBe(once);
  });

  it('reads a page on after its cursor, dropping what is already held', () => {
    const held = [e('a'), e('b'), e('live')];
    expect(positions(mergeTimeline(held, [e('c'), e('live'), e('d')], { after: 'b' }))).toEqual([
      'a',
      'b',
      'c',
      'live',
      'd',
    ]);
  });

  it('keeps every entry held when a refreshed first page no longer holds some of them', () => {
    // An entry dated earlier arrived: the refreshed first page starts with it and ends one entry sooner.
    const held = [e('a'), e('b'), e('c')];
    expect(positions(mergeTimeline(held, [e('early'), e('a'), e('b')], AT_START))).toEqual(['early', 'a', 'b', 'c']);
  });

  it('puts a page after a cursor no longer held at the end', () => {
    expect(positions(mergeTimeline([e('a')], [e('z')], { after: 'gone' }))).toEqual(['a', 'z']);
  });
});
