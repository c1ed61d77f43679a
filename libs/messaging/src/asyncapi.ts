import { PAMOJA_EXTENSIONS, JSON_CONTENT_TYPE, TRACING_EXTENSIONS } from './cloud-event-message.js';
import {
  type IntegrationEventCatalogue,
  type IntegrationEventDefinition,
  PUBLISHING_CONTEXTS,
  type PublishingContext,
  serviceOf,
  sourceOf,
  topicOf,
} from './integration-event.js';
import { type JsonSchema } from './json-schema.js';

/** Version of the integration-event contract as a whole (the AsyncAPI document's `info.version`). */
export const INTEGRATION_EVENTS_VERSION = '1.0.0';

export interface AsyncApiOptions {
  readonly version?: string;
  /** Host of the production brokers; a placeholder until a deployment names it. */
  readonly productionHost?: string;
}

export type AsyncApiDocument = Readonly<Record<string, unknown>>;

const string = (description: string, extra: JsonSchema = {}): JsonSchema => ({ type: 'string', description, ...extra });

/** The Kafka headers of a message in CloudEvents binary mode. */
function headersSchema(definition: IntegrationEventDefinition): JsonSchema {
  const properties: Record<string, JsonSchema> = {
    ce_specversion: string('CloudEvents version', { const: '1.0' }),
    ce_id: string('the event id in the store (unique, stable across redeliveries)'),
    ce_type: string('the integration event type', { const: definition.type }),
    ce_source: string('the producing service', { const: sourceOf(definition.context) }),
    ce_subject: string('the stream id of the event, `<entity>-<id>`'),
    ce_time: string('when the store recorded the event (RFC 3339, UTC)', { format: 'date-time' }),
    'content-type': string('datacontenttype', { const: JSON_CONTENT_TYPE }),
    ce_partitionkey: string('the Kafka key: the joint case id, or the stream id outside a joint case'),
    [`ce_${PAMOJA_EXTENSIONS.schemaVersion}`]: string('version N of the type `...v<N>`', {
      const: String(definition.version),
    }),
    [`ce_${PAMOJA_EXTENSIONS.globalPosition}`]: string('position in the store global log (decimal)'),
    [`ce_${PAMOJA_EXTENSIONS.streamRevision}`]: string('revision in the stream (decimal), for idempotent consumers'),
    [`ce_${PAMOJA_EXTENSIONS.correlationId}`]: string('correlation id of the request that caused the event'),
    [`ce_${PAMOJA_EXTENSIONS.transactionId}`]: string(
      'transaction id of the store commit (decimal); with globalposition, the commit order',
    ),
    [`ce_${PAMOJA_EXTENSIONS.occurredAt}`]: string('when the actor acted (RFC 3339, UTC)', { format: 'date-time' }),
    [`ce_${PAMOJA_EXTENSIONS.agencyId}`]: string('the agency that acted (never the user)'),
    [`ce_${PAMOJA_EXTENSIONS.agencyType}`]: string('the type of the agency that acted'),
    [`ce_${PAMOJA_EXTENSIONS.actorRoles}`]: string('the roles the actor acted in, comma-separated'),
  };
  const optional: Record<string, JsonSchema> = {
    [`ce_${PAMOJA_EXTENSIONS.jointCaseId}`]: string('the joint case of the event; absent outside a joint case'),
    [`ce_${TRACING_EXTENSIONS.traceparent}`]: string(
      'W3C traceparent (`00-<trace id>-<span id>-<flags>`) of the request that appended the event (CloudEvents ' +
        "Distributed Tracing extension): a consumer's spans continue its trace; absent when the request was not traced",
    ),
    [`ce_${TRACING_EXTENSIONS.tracestate}`]: string(
      'W3C tracestate that came with traceparent (Distributed Tracing extension); absent when there was none',
    ),
  };
  return { type: 'object', required: Object.keys(properties), properties: { ...properties, ...optional } };
}

function messageId(definition: IntegrationEventDefinition): string {
  return definition.type;
}

function excludedText(definition: IntegrationEventDefinition): string {
  const excluded = Object.entries(definition.excluded);
  if (excluded.length === 0) return '';
  return `\n\nLeft out (never leaves the agency):\n${excluded.map(([field, why]) => `- \`${field}\`: ${why}`).join('\n')}`;
}

const CONTEXT_TITLES: Record<PublishingContext, string> = {
  referrals: 'Referrals between agencies',
  sites: 'Mine sites and site incidents',
  investigations: 'Police investigations',
  prosecutions: 'Prosecutions',
  assistance: 'Victim assistance',
  coordination: 'Coordination meetings',
};

/** The AsyncAPI 3.0.0 document of every topic and integration event in the catalogue (deterministic). */
export function generateAsyncApi(
  catalogue: IntegrationEventCatalogue,
  options: AsyncApiOptions = {},
): AsyncApiDocument {
  const definitions = catalogue.definitions();
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  const withheld = catalogue.withheld();

  for (const context of PUBLISHING_CONTEXTS) {
    const ofContext = definitions.filter((d) => d.context === context);
    if (ofContext.length === 0) continue;
    const withheldHere = withheld.filter((w) => w.context === context);
    channels[context] = {
      address: topicOf(context),
      title: CONTEXT_TITLES[context],
      description:
        `Integration events of the ${context} context, keyed by joint case id (stream id outside a joint case) so ` +
        'that each case keeps its order. Kept forever; at-least-once delivery: consumers are idempotent by event ' +
        'id and stream revision.' +
        (withheldHere.length > 0
          ? `\n\nNot published: ${withheldHere
              .map(
                (w) =>
                  `\`${w.domainEventType}\` (${w.reason})${w.notice ? ` (a notice of category ${w.notice} instead)` : ''}`,
              )
              .join('; ')}`
          : ''),
      messages: Object.fromEntries(
        ofContext.map((d) => [messageId(d), { $ref: `#/components/messages/${messageId(d)}` }]),
      ),
    };
    operations[`${context}Publish`] = {
      action: 'send',
      title: `${serviceOf(context)} publishes`,
      summary: `${serviceOf(context)} publishes the ${context} integration events, relayed from its event store.`,
      channel: { $ref: `#/channels/${context}` },
      messages: ofContext.map((d) => ({ $ref: `#/channels/${context}/messages/${messageId(d)}` })),
    };
    for (const d of ofContext) {
      messages[messageId(d)] = {
        name: d.type,
        title: d.domainEventType,
        summary: d.description,
        description: d.sourceEventTypes
          ? `Notice published in place of the withheld domain event types ${d.sourceEventTypes.map((t) => `\`${t}\``).join(', ')} when they belong to a joint case: none of their data.`
          : `Integration event of the domain event \`${d.domainEventType}\` (v${d.domainSchemaVersion}).${excludedText(d)}`,
        contentType: JSON_CONTENT_TYPE,
        headers: headersSchema(d),
        payload: d.schema,
        correlationId: { location: `$message.header#/ce_${PAMOJA_EXTENSIONS.correlationId}` },
        bindings: {
          kafka: {
            key: { type: 'string', description: 'joint case id, or the stream id outside a joint case' },
            bindingVersion: '0.5.0',
          },
        },
      };
    }
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Pamoja integration events',
      version: options.version ?? INTEGRATION_EVENTS_VERSION,
      description:
        'The events agencies share on Kafka: one topic per context, CloudEvents 1.0 in binary content mode ' +
        '(attributes in `ce_*` headers, JSON data as the value). Only integration events leave an agency: personal ' +
        'data and free text never do. Generated from the integration-event definitions (`npm run asyncapi`).',
    },
    defaultContentType: JSON_CONTENT_TYPE,
    servers: {
      production: {
        host: options.productionHost ?? 'kafka.pamoja.example:9092',
        protocol: 'kafka',
        description: 'Placeholder: the provincial deployment names its brokers.',
      },
      local: {
        host: '127.0.0.1:9092',
        protocol: 'kafka',
        description: 'The development broker (infra/kafka).',
      },
    },
    channels,
    operations,
    components: { messages },
  };
}
