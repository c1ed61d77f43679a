import { type RecordedEvent } from '@pamoja/contracts';

/** An event's data as a read model that reads every event of the log sees it: untyped fields by name. */
export type EventData = Readonly<Record<string, unknown>>;

/**
 * The data of any event, as the platform's own read models read the whole log (case membership, the agency
 * directory, the case references): they read a few fields by name from many types, old versions included.
 */
export function eventDataOf(event: RecordedEvent): EventData {
  return typeof event.data === 'object' && event.data !== null ? (event.data as EventData) : {};
}

/** A field that must be a non-empty string, or null. */
export function textField(data: EventData, key: string): string | null {
  const value = data[key];
  return typeof value === 'string' && value.length > 0 ? value : null;
}
