/** Where a batch of timeline entries goes: before everything, after an entry's position, or at the end. */
export type Anchor = { readonly start: true } | { readonly after: string } | { readonly end: true };

export const AT_START: Anchor = { start: true };
export const AT_END: Anchor = { end: true };

/**
 * The timeline held on the page with a batch added: a page read from the API (the first one, again after a
 * refresh, or the next one after a cursor) or entries from the live feed. Entries already held stay where
 * they are, so nothing moves under the reader's eyes and nothing shows twice (an entry is known by its
 * position); each new one goes after the entry that comes before it in the batch, the batch's first new
 * ones after the anchor. An anchor no longer held (a cursor from an older answer) means the end.
 */
export function mergeTimeline<E extends { readonly position: string }>(
  held: readonly E[],
  batch: readonly E[],
  anchor: Anchor,
): E[] {
  const list = [...held];
  const index = new Map(list.map((entry, i) => [entry.position, i]));
  let before: number;
  if ('start' in anchor) before = -1;
  else if ('after' in anchor) before = index.get(anchor.after) ?? list.length - 1;
  else before = list.length - 1;
  let inserted = false;
  for (const entry of batch) {
    const at = index.get(entry.position);
    if (at !== undefined) {
      before = at;
      continue;
    }
    list.splice(before + 1, 0, entry);
    before += 1;
    // Positions after the insertion point moved by one: rebuild the index (batches are small).
    for (let i = before; i < list.length; i++) index.set((list[i] as E).position, i);
    inserted = true;
  }
  return inserted ? list : (held as E[]);
}
