import { type RecordedEvent } from '@pamoja/contracts';
import { type Fields, instant, objectSchema, readFields, text } from './fields.js';
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

export interface IntegrationEventDefinition<T extends string = string, F extends Fields = Fields> {
  /** `pamoja.<context>.<DomainEventType>.v<N>` (see `integrationEventType`). */
  readonly type: string;
  /** N of the type: the version of the payload, carried in the `schemaversion` CloudEvents extension. */
  readonly version: number;
  readonly domainEventType: T;
  /** The domain `schemaVersion` the mapping reads (after upcasting); any other version is refused. */
  readonly domainSchemaVersion: number;
  readonly context: PublishingContext;
  readonly topic: string;
  readonly description: string;
  /** The shared fields: the published language of the event (its type is `SharedData<F>`). */
  readonly fields: F;
  /** JSON Schema of the data. */
  readonly schema: JsonSchema;
  /** Fields of the domain event that never leave the agency, each with the reason. */
  readonly excluded: Readonly<Record<string, string>>;
  /**
   * The stored domain event types it is published for, when they are not `domainEventType` itself: a
   * notice of restricted activity stands for withheld types (see `restrictedActivityNotice`).
   */
  readonly sourceEventTypes?: readonly string[];
  /** The data other agencies receive, or null when this particular event is not shared. */
  map(event: RecordedEvent): IntegrationEventData | null;
  /**
   * How consumers read a payload of this version published before a field was added to it (topics keep
   * every message for ever): the data completed as the mapping completes the older domain events.
   */
  readonly readOlderPayload?: (data: unknown) => unknown;
}

/**
 * The coarse kind of a withheld activity, all a notice says about it (e.g. `protection`: a protection
 * measure, never which one, for whom or where).
 */
export const RESTRICTED_ACTIVITY_CATEGORIES = ['protection'] as const;
export type RestrictedActivityCategory = (typeof RESTRICTED_ACTIVITY_CATEGORIES)[number];

/** A domain event type that is deliberately not published, with the reason. */
/**
 * A domain event type that is never published. The integrations context's own events (an integrator's
 * webhook configuration) are all withheld: that context publishes nothing of its own, so it has no topic and
 * no notice.
 */
export type WithheldEventType =
  | {
      readonly context: PublishingContext;
      readonly domainEventType: string;
      readonly reason: string;
      /**
       * When set, an event of this type that belongs to a joint case is published as a notice of restricted
       * activity of this category (`RestrictedActivityRecorded`): other agencies learn THAT the agency did
       * something on the case, and when, so that a gap in the joint timeline is not mistaken for inactivity.
       * Nothing of the event's own data is in the notice.
       */
      readonly notice?: RestrictedActivityCategory;
    }
  | {
      readonly context: 'integrations';
      readonly domainEventType: string;
      readonly reason: string;
      readonly notice?: undefined;
    };

/** The shared (domain-level) name of a notice of restricted activity, as consumers receive it. */
export const RESTRICTED_ACTIVITY_NOTICE = 'RestrictedActivityRecorded';

/** All a notice of restricted activity tells, whichever context publishes it. */
export const RESTRICTED_ACTIVITY_FIELDS = {
  jointCaseId: text(),
  agencyId: text({ description: 'the agency that acted' }),
  agencyType: text(),
  occurredAt: instant({ description: 'when the agency acted' }),
  category: text({ description: `what kind of activity, coarsely: ${RESTRICTED_ACTIVITY_CATEGORIES.join(' | ')}` }),
} as const satisfies Fields;

/**
 * The notice a context publishes for its withheld events that belong to a joint case: only the joint
 * case, the acting agency and its type, when, and the coarse category. One integration type per context
 * whatever the withheld type, so that the type itself tells nothing more than the category.
 */
export function restrictedActivityNotice(
  context: PublishingContext,
  withheld: readonly WithheldEventType[],
): IntegrationEventDefinition<typeof RESTRICTED_ACTIVITY_NOTICE, typeof RESTRICTED_ACTIVITY_FIELDS> {
  const categories = new Map(withheld.map((w) => [w.domainEventType, w.notice]));
  const fields = RESTRICTED_ACTIVITY_FIELDS;
  return {
    type: integrationEventType(context, RESTRICTED_ACTIVITY_NOTICE, 1),
    version: 1,
    domainEventType: RESTRICTED_ACTIVITY_NOTICE,
    domainSchemaVersion: 1,
    context,
    topic: topicOf(context),
    description:
      'An agency recorded, on a joint case, something it does not share (a withheld event type): when, which ' +
      'agency, and the coarse category only, so that other agencies know the case is being worked on.',
    fields,
    schema: objectSchema(fields),
    excluded: {},
    sourceEventTypes: [...categories.keys()],
    map(event) {
      const category = categories.get(event.type);
      const jointCaseId = event.metadata.jointCaseId;
      if (!category) {
        throw new IntegrationMappingError(event.eventId, event.type, `no notice of ${event.type} in ${context}`);
      }
      if (!jointCaseId) return null;
      const { actor, occurredAt } = event.metadata;
      return { jointCaseId, agencyId: actor.agencyId, agencyType: actor.agencyType, occurredAt, category };
    },
  };
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

export interface IntegrationEventSpec<T extends string = string, F extends Fields = Fields> {
  readonly context: PublishingContext;
  readonly domainEventType: T;
  readonly domainSchemaVersion?: number;
  readonly version?: number;
  readonly description: string;
  /** The fields that are shared: nothing else is copied. */
  readonly fields: F;
  /** Every field of the domain event's data that is left out, with the reason. */
  readonly excluded?: Readonly<Record<string, string>>;
}

/**
 * Builds a definition whose schema, mapping and published type (`SharedData` of its fields) all come
 * from the same list of shared fields.
 */
export function defineIntegrationEvent<const T extends string, const F extends Fields>(
  spec: IntegrationEventSpec<T, F>,
): IntegrationEventDefinition<T, F> {
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
    fields: spec.fields,
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
  /** The notice of restricted activity of each context that withholds types with a notice. */
  private readonly notices = new Map<PublishingContext, IntegrationEventDefinition>();

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
      if (entry.notice) {
        const previous = this.notices.get(entry.context);
        if (previous) this.byType.delete(previous.type);
        const withNotice = [...this.withheldTypes.values()].filter((w) => w.notice && w.context === entry.context);
        const notice = restrictedActivityNotice(entry.context, withNotice);
        if (this.byType.has(notice.type)) throw new Error(`integration event ${notice.type} is registered twice`);
        this.notices.set(entry.context, notice);
        this.byType.set(notice.type, notice);
      }
    }
    return this;
  }

  /**
   * The integration event for a stored event: its own, or the notice of restricted activity for a withheld
   * type that has one (when the event belongs to a joint case); undefined when it is not shared (withheld,
   * unknown, or mapped to null).
   */
  toIntegrationEvent(recorded: RecordedEvent): IntegrationEvent | undefined {
    const withheld = this.withheldTypes.get(recorded.type);
    const definition =
      this.byDomainType.get(recorded.type) ?? (withheld?.notice ? this.notices.get(withheld.context) : undefined);
    if (!definition) return undefined;
    const data = definition.map(recorded);
    return data === null ? undefined : { definition, data };
  }

  /**
   * The stored domain event types that are published as the given shared types (every published one by
   * default): a shared type is published for itself, a notice for the withheld types it stands for. What
   * the relay and embedded mode read from the log.
   */
  publishedEventTypes(sharedTypes?: readonly string[]): string[] {
    const wanted = sharedTypes ? new Set(sharedTypes) : undefined;
    const stored = new Set<string>();
    for (const definition of this.definitions()) {
      if (wanted && !wanted.has(definition.domainEventType)) continue;
      for (const type of definition.sourceEventTypes ?? [definition.domainEventType]) stored.add(type);
    }
    return [...stored];
  }

  definitionForType(type: string): IntegrationEventDefinition | undefined {
    return this.byType.get(type);
  }

  /** Every integration event published: one per shared domain type, and each context's notice. */
  definitions(): readonly IntegrationEventDefinition[] {
    return [...this.byDomainType.values(), ...this.notices.values()];
  }

  withheld(): readonly WithheldEventType[] {
    return [...this.withheldTypes.values()];
  }

  /** Every stored domain event type the catalogue has decided on, shared or withheld (notices are not stored). */
  domainEventTypes(): readonly string[] {
    return [...this.byDomainType.keys(), ...this.withheldTypes.keys()];
  }

  private assertNew(domainEventType: string): void {
    if (this.byDomainType.has(domainEventType) || this.withheldTypes.has(domainEventType)) {
      throw new Error(`domain event ${domainEventType} is already in the catalogue`);
    }
  }
}
