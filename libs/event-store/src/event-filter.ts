import { type EventFilter } from './event-store.port.js';

/**
 * Whether an event passes a filter, in memory, exactly as the stores filter a read: its stream starts with one of
 * the prefixes (when some are given) and its type is one of the types (when some are given).
 */
export function eventFilterMatcher(filter: EventFilter | undefined): (streamId: string, type: string) => boolean {
  const prefixes = filter?.streamPrefixes && filter.streamPrefixes.length > 0 ? filter.streamPrefixes : undefined;
  const types = filter?.eventTypes && filter.eventTypes.length > 0 ? new Set(filter.eventTypes) : undefined;
  return (streamId, type) => (!prefixes || prefixes.some((p) => streamId.startsWith(p))) && (!types || types.has(type));
}

/**
 * A filter that passes every event any of `filters` passes, for one read that serves several readers (each then
 * keeps its own with `eventFilterMatcher`). A filter is prefixes AND types, so the union of filters that all name
 * only types is their types, of filters that all name only prefixes their prefixes; any other mix (or a reader that
 * filters nothing) reads everything, which is never wrong, only wider.
 */
export function unionOfEventFilters(filters: readonly (EventFilter | undefined)[]): EventFilter | undefined {
  const prefixesOf = (f: EventFilter | undefined): readonly string[] => f?.streamPrefixes ?? [];
  const typesOf = (f: EventFilter | undefined): readonly string[] => f?.eventTypes ?? [];
  if (filters.length === 0) return undefined;
  if (filters.every((f) => typesOf(f).length > 0 && prefixesOf(f).length === 0)) {
    return { eventTypes: [...new Set(filters.flatMap(typesOf))].sort() };
  }
  if (filters.every((f) => prefixesOf(f).length > 0 && typesOf(f).length === 0)) {
    return { streamPrefixes: [...new Set(filters.flatMap(prefixesOf))].sort() };
  }
  return undefined;
}
