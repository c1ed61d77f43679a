import { type RecordedEvent } from '@pamoja/contracts';
import { type Fields, type SharedData } from './fields.js';
import {
  RESTRICTED_ACTIVITY_FIELDS,
  RESTRICTED_ACTIVITY_NOTICE,
  type IntegrationEventDefinition,
} from './integration-event.js';

/**
 * The published language: another context's event as a consumer reads it, typed from the catalogue.
 * Each context's contracts library (`@pamoja/<context>/contracts`) names its events' types and exports
 * the parser built here; consumers import those and never read event data by string.
 */

/** What a consumer needs of a catalogue definition to read its events. */
export type PublishedDefinition<T extends string = string, F extends Fields = Fields> = Pick<
  IntegrationEventDefinition<T, F>,
  'domainEventType' | 'version' | 'fields' | 'readOlderPayload'
>;

/** A shared event whose type and data are known: the envelope as received, the data typed. */
export type PublishedEvent<T extends string, D> = Omit<RecordedEvent, 'type' | 'data'> & {
  readonly type: T;
  readonly data: D;
};

/** The typed shared event of one catalogue definition. */
export type PublishedEventOf<D> =
  D extends PublishedDefinition<infer T, infer F> ? PublishedEvent<T, SharedData<F>> : never;

/** The discriminated union of the shared events of a list of catalogue definitions (one context's). */
export type PublishedEvents<Ds extends readonly PublishedDefinition[]> = PublishedEventOf<Ds[number]>;

/** The shared data of one event type of a list of catalogue definitions. */
export type SharedDataOf<Ds extends readonly PublishedDefinition[], T extends Ds[number]['domainEventType']> = Extract<
  PublishedEvents<Ds>,
  { readonly type: T }
>['data'];

/**
 * A shared event whose type a context publishes but whose data is not what the catalogue says it shares:
 * an error for the consumer's dead-letter path (server mode), never read with defaults.
 */
export class MalformedSharedEventError extends Error {
  constructor(
    readonly eventId: string,
    readonly eventType: string,
    readonly problem: string,
  ) {
    super(`shared event ${eventId} (${eventType}) is not what the catalogue publishes: ${problem}`);
    this.name = 'MalformedSharedEventError';
  }
}

/** Reads shared data (the fields by their shared names, as `readFields` wrote them); throws naming what is wrong. */
function readShared<F extends Fields>(fields: F, data: unknown): SharedData<F> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error('expected object');
  const source = data as Readonly<Record<string, unknown>>;
  const result: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(fields)) {
    const value = source[name];
    if (value === undefined) throw new Error(`${name}: missing`);
    try {
      result[name] = field.read(value);
    } catch (error) {
      throw new Error(`${name}: ${(error as Error).message}`, { cause: error });
    }
  }
  // Every field of the list was read into it by its own reader (fields a newer publisher adds are left out).
  return result as SharedData<F>;
}

/**
 * The parser of a context's published language: null for an event type the definitions do not publish;
 * the event with its data checked and typed for one they do; a `MalformedSharedEventError` when the data
 * (or the payload version) is not what the catalogue shares. Checked once, where the consumer receives it.
 */
export function publishedLanguage<const Ds extends readonly PublishedDefinition[]>(
  definitions: Ds,
): (event: RecordedEvent) => PublishedEvents<Ds> | null {
  const byType = new Map<string, PublishedDefinition>(definitions.map((d) => [d.domainEventType, d]));
  return (event) => {
    const definition = byType.get(event.type);
    if (!definition) return null;
    if (event.schemaVersion !== definition.version) {
      throw new MalformedSharedEventError(
        event.eventId,
        event.type,
        `payload version ${event.schemaVersion}, the catalogue publishes v${definition.version}`,
      );
    }
    let data: SharedData<Fields>;
    try {
      const payload = definition.readOlderPayload ? definition.readOlderPayload(event.data) : event.data;
      data = readShared(definition.fields, payload);
    } catch (error) {
      throw new MalformedSharedEventError(event.eventId, event.type, (error as Error).message);
    }
    // The definition was found by the event's type, and the data was read with that definition's fields.
    return { ...event, data } as PublishedEvents<Ds>;
  };
}

/** The definitions of the notice of restricted activity, the same whichever context publishes it. */
const RESTRICTED_ACTIVITY_DEFINITIONS = [
  { domainEventType: RESTRICTED_ACTIVITY_NOTICE, version: 1, fields: RESTRICTED_ACTIVITY_FIELDS },
] as const satisfies readonly PublishedDefinition[];

/** A notice of restricted activity as consumers read it. */
export type RestrictedActivityNotice = PublishedEvents<typeof RESTRICTED_ACTIVITY_DEFINITIONS>;
export type RestrictedActivityShared = RestrictedActivityNotice['data'];

/** The parser of notices of restricted activity (see `publishedLanguage`). */
export const asRestrictedActivityNotice: (event: RecordedEvent) => RestrictedActivityNotice | null = publishedLanguage(
  RESTRICTED_ACTIVITY_DEFINITIONS,
);
