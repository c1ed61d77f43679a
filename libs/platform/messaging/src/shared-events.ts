import { type RecordedEvent } from '@pamoja/contracts';
import { type Projection } from '@pamoja/event-store';
import { sharedEventOf, topicOf, type IntegrationEventCatalogue, type PublishingContext } from '@pamoja/messaging';

/**
 * A read model built from other agencies' events. It receives them as shared events (integration data,
 * the acting agency, never the user): through Kafka in server mode, straight from the log in embedded
 * mode, the same facts either way.
 */
export interface SharedProjection {
  readonly kind: 'projection';
  readonly projection: Projection;
}

/**
 * Something an agency does when another agency's event arrives (e.g. record that the prosecutor received
 * the case file). It runs at least once per event, so `handle` must be idempotent (derive command ids
 * from the event id).
 */
export interface SharedReactor {
  readonly kind: 'reactor';
  readonly name: string;
  readonly eventTypes: readonly string[];
  handle(event: RecordedEvent): Promise<void>;
}

export type SharedEventHandler = SharedProjection | SharedReactor;

export function handlerName(handler: SharedEventHandler): string {
  return handler.kind === 'projection' ? handler.projection.name : handler.name;
}

/** The domain event types a handler receives: what it asks for, among what the catalogue shares. */
export function handledEventTypes(handler: SharedEventHandler, catalogue: IntegrationEventCatalogue): string[] {
  const shared = catalogue.definitions().map((d) => d.domainEventType);
  const wanted = handler.kind === 'projection' ? handler.projection.filter.eventTypes : handler.eventTypes;
  if (!wanted) return shared;
  const unknown = wanted.filter((type) => !shared.includes(type));
  if (unknown.length > 0) {
    throw new Error(`${handlerName(handler)} wants events other agencies do not share: ${unknown.join(', ')}`);
  }
  return [...wanted];
}

/** The topics a handler consumes: those of the contexts that publish the events it handles. */
export function topicsOf(handler: SharedEventHandler, catalogue: IntegrationEventCatalogue): string[] {
  const types = new Set(handledEventTypes(handler, catalogue));
  const contexts = new Set<PublishingContext>();
  for (const definition of catalogue.definitions()) {
    if (types.has(definition.domainEventType)) contexts.add(definition.context);
  }
  return [...contexts].map(topicOf).sort();
}

/**
 * Embedded mode: the shared projection as a projection of the log, which sees each event as the
 * catalogue shares it (withheld events and personal fields never reach it, as on Kafka).
 */
export function sharedProjectionOfLog(projection: Projection, catalogue: IntegrationEventCatalogue): Projection {
  const handler: SharedProjection = { kind: 'projection', projection };
  const shared = (event: RecordedEvent): RecordedEvent | undefined => {
    const integration = catalogue.toIntegrationEvent(event);
    return integration ? sharedEventOf(event, integration) : undefined;
  };
  return {
    ...projection,
    // The stored types: a notice of restricted activity is read from the log as the withheld types it stands for.
    filter: { eventTypes: catalogue.publishedEventTypes(handledEventTypes(handler, catalogue)) },
    apply: async (tx, event) => {
      const sharedEvent = shared(event);
      if (sharedEvent) await projection.apply(tx, sharedEvent);
    },
    // A page is seen as shared events too, never as the log's own.
    applyPage: projection.applyPage
      ? async (tx, events) => {
          const sharedEvents = events.map(shared).filter((e): e is RecordedEvent => e !== undefined);
          if (sharedEvents.length > 0) await projection.applyPage?.(tx, sharedEvents);
        }
      : undefined,
  };
}
