import { isOneOf, AGENCY_TYPES, type RecordedEvent } from '@pamoja/contracts';
import { type ReceivedIntegrationEvent } from './cloud-event-message.js';
import { type IntegrationEvent, type IntegrationEventCatalogue } from './integration-event.js';

/** The user who acted never leaves the agency: other agencies see the agency and the roles only. */
export const WITHHELD_USER = 'withheld';

/**
 * An event as another agency sees it: the integration data in place of the domain data, the acting
 * agency without the user, no command id or hash. The same shape whether it came through Kafka (server
 * mode) or straight from the log (embedded mode), so a view fed by other agencies' events is built from
 * the same facts in every mode.
 */
export function sharedEventOf(recorded: RecordedEvent, integration: IntegrationEvent): RecordedEvent {
  const { actor } = recorded.metadata;
  return {
    eventId: recorded.eventId,
    // The shared type: the domain type itself, or the notice that stands for a withheld type.
    type: integration.definition.domainEventType,
    schemaVersion: integration.definition.version,
    streamId: recorded.streamId,
    streamRevision: recorded.streamRevision,
    transactionId: recorded.transactionId,
    globalPosition: recorded.globalPosition,
    recordedAt: new Date(recorded.recordedAt.getTime()),
    data: integration.data,
    metadata: {
      actor: { userId: WITHHELD_USER, agencyId: actor.agencyId, agencyType: actor.agencyType, roles: [...actor.roles] },
      correlationId: recorded.metadata.correlationId,
      causationId: null,
      jointCaseId: recorded.metadata.jointCaseId,
      occurredAt: recorded.metadata.occurredAt,
    },
  };
}

/** A well-formed CloudEvent whose type or agency this consumer does not know: it goes to the dead letters. */
export class UnknownIntegrationEventError extends Error {
  constructor(
    readonly eventId: string,
    readonly problem: string,
  ) {
    super(`event ${eventId}: ${problem}`);
    this.name = 'UnknownIntegrationEventError';
  }
}

/** The shared event a Kafka message carries (see `sharedEventOf`). */
export function sharedEventFromMessage(
  received: ReceivedIntegrationEvent,
  catalogue: IntegrationEventCatalogue,
): RecordedEvent {
  const definition = catalogue.definitionForType(received.type);
  if (!definition)
    throw new UnknownIntegrationEventError(received.id, `unknown integration event type ${received.type}`);
  if (!isOneOf(AGENCY_TYPES, received.agencyType)) {
    throw new UnknownIntegrationEventError(received.id, `unknown agency type ${received.agencyType}`);
  }
  return {
    eventId: received.id,
    type: definition.domainEventType,
    schemaVersion: definition.version,
    streamId: received.subject,
    streamRevision: received.streamRevision,
    transactionId: received.transactionId,
    globalPosition: received.globalPosition,
    recordedAt: new Date(received.time),
    data: received.data,
    metadata: {
      actor: {
        userId: WITHHELD_USER,
        agencyId: received.agencyId,
        agencyType: received.agencyType,
        roles: [...received.actorRoles],
      },
      correlationId: received.correlationId,
      causationId: null,
      jointCaseId: received.jointCaseId,
      occurredAt: received.occurredAt,
    },
  };
}
