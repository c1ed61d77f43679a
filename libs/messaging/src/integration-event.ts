import { type RecordedEvent } from '@pamoja/contracts';
import { type Fields, objectSchema, readFields } from './fields.js';
import { type JsonSchema } from './json-schema.js';

/** The contexts that publish integration events (coordination: its meetings). */
export const PUBLISHING_CONTEXTS = [
  'referrals',
  'sites',
  'investigations',
  'prosecutions',
  'assistance',
  'coordination',
] as const;
export type PublishingContext = (typeof PUBLISHING_CONTEXTS)[number];

/**
 * Topic of a context: `pamoja.<context>.v<N>` (infra/kafka/topics.txt). N changes only when the topic's
 * contract as a whole breaks (key, partitioning, envelope), never for one event type's payload.
 */
export function topicOf(context: PublishingContext): string {
  return `pamoja.${context}.v1`;
}

/** The service that produces a context's events: the CloudEvents `source` and the AsyncAPI sender. */
export function serviceOf(context: PublishingContext): string {
  return `${context}-service`;
}

/** CloudEvents `source` (a URI reference) of a context's events. */
export function sourceOf(context: PublishingContext): string {
  return `/pamoja/${serviceOf(context)}`;
}

/**
 * Naming rule of integration event types: `pamoja.<context>.<DomainEventType>.v<N>`, e.g.
 * `pamoja.referrals.ReferralSubmitted.v1`. The domain event's name is kept as written (it never changes);
 * N is the version of the integration payload, independent of the domain event's `schemaVersion`: an
 * upcast domain event may keep its integration payload, and a payload change that breaks consumers gets
 * a new N (a new type, published next to the old one until consumers have moved).
 */
export function integrationEventType(context: PublishingContext, domainEventType: string, version: number): string {
  return `pamoja.${context}.${domainEventType}.v${version}`;
}

export type IntegrationEventData = Readonly<Record<string, unknown>>;

export interface IntegrationEventDefinition {
  /** `pamoja.<context>.<DomainEventType>.v<N>` (see `integrationEventType`). */
  readonly type: string;
  /** N of the type: the version of the payload, carried in the `schemaversion` CloudEvents extension. */
  readonly version: number;
  readonly domainEventType: string;
  /** The domain `schemaVersion` the mapping reads (after upcasting); any other version is refused. */
  readonly domainSchemaVersion: number;
  readonly context: PublishingContext;
  readonly topic: string;
  readonly description: string;
  /** JSON Schema of the data. */
  readonly schema: JsonSchema;
  /** Fields of the domain event that never leave the agency, each with the reason. */
  readonly excluded: Readonly<Record<string, string>>;
  /** The data other agencies receive, or null when this particular event is not shared. */
  map(event: RecordedEvent): IntegrationEventData | null;
}

/** A domain event type that is deliberately not published at all, with the reason. */
export interface WithheldEventType {
  readonly context: PublishingContext;
  readonly domainEventType: string;
  readonly reason: string;
}

export interface IntegrationEvent {
  readonly definition: IntegrationEventDefinition;
  readonly data: IntegrationEventData;
}

/** A stored event does not have the shape its mapping expects: publishing it would guess, so it stops. */
export class IntegrationMappingError extends Error {
  constructor(
    readonly eventId: string,
    readonly eventType: string,
    readonly problem: string,
  ) {
    super(`event ${eventId} (${eventType}) cannot be mapped to its integration event: ${problem}`);
    this.name = 'IntegrationMappingError';
  }
}

export interface IntegrationEventSpec {
  readonly context: PublishingContext;
  readonly domainEventType: string;
  readonly domainSchemaVersion?: number;
  readonly version?: number;
  readonly description: string;
  /** The fields that are shared: nothing else is copied. */
  readonly fields: Fields;
  /** Every field of the domain event's data that is left out, with the reason. */
  readonly excluded?: Readonly<Record<string, string>>;
}

/** Builds a definition whose schema and mapping both come from the same list of shared fields. */
export function defineIntegrationEvent(spec: IntegrationEventSpec): IntegrationEventDefinition {
  const version = spec.version ?? 1;
  const domainSchemaVersion = spec.domainSchemaVersion ?? 1;
  return {
    type: integrationEventType(spec.context, spec.domainEventType, version),
    version,
    domainEventType: spec.domainEventType,
    domainSchemaVersion,
    context: spec.context,
    topic: topicOf(spec.context),
    description: spec.description,
    schema: objectSchema(spec.fields),
    excluded: spec.excluded ?? {},
    map(event) {
      if (event.type !== spec.domainEventType || event.schemaVersion !== domainSchemaVersion) {
        throw new IntegrationMappingError(
          event.eventId,
          event.type,
          `the mapping reads ${spec.domainEventType} v${domainSchemaVersion}, got ${event.type} v${event.schemaVersion}`,
        );
      }
      try {
        return readFields(spec.fields, event.data);
      } catch (error) {
        throw new IntegrationMappingError(event.eventId, event.type, (error as Error).message);
      }
    },
  };
}

/** Which domain events leave an agency, and as what. */
export class IntegrationEventCatalogue {
  private readonly byDomainType = new Map<string, IntegrationEventDefinition>();
  private readonly byType = new Map<string, IntegrationEventDefinition>();
  private readonly withheldTypes = new Map<string, WithheldEventType>();

  register(...definitions: readonly IntegrationEventDefinition[]): this {
    for (const definition of definitions) {
      this.assertNew(definition.domainEventType);
      if (this.byType.has(definition.type)) throw new Error(`integration event ${definition.type} is registered twice`);
      if (definition.topic !== topicOf(definition.context)) {
        throw new Error(`${definition.type} must be published on ${topicOf(definition.context)}`);
      }
      this.byDomainType.set(definition.domainEventType, definition);
      this.byType.set(definition.type, definition);
    }
    return this;
  }

  /** Records that a domain event type is never published, so that "not shared" is a decision, not an omission. */
  withhold(...entries: readonly WithheldEventType[]): this {
    for (const entry of entries) {
      this.assertNew(entry.domainEventType);
      this.withheldTypes.set(entry.domainEventType, entry);
    }
    return this;
  }

  /** The integration event for a stored event; undefined when it is not shared (withheld, unknown, or mapped to null). */
  toIntegrationEvent(recorded: RecordedEvent): IntegrationEvent | undefined {
    const definition = this.byDomainType.get(recorded.type);
    if (!definition) return undefined;
    const data = definition.map(recorded);
    return data === null ? undefined : { definition, data };
  }

  definitionForType(type: string): IntegrationEventDefinition | undefined {
    return this.byType.get(type);
  }

  definitions(): readonly IntegrationEventDefinition[] {
    return [...this.byDomainType.values()];
  }

  withheld(): readonly WithheldEventType[] {
    return [...this.withheldTypes.values()];
  }

  /** Every domain event type the catalogue has decided on, shared or withheld. */
  domainEventTypes(): readonly string[] {
    return [...this.byDomainType.keys(), ...this.withheldTypes.keys()];
  }

  private assertNew(domainEventType: string): void {
    if (this.byDomainType.has(domainEventType) || this.withheldTypes.has(domainEventType)) {
      throw new Error(`domain event ${domainEventType} is already in the catalogue`);
    }
  }
}
