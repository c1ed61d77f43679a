import { type CloudEvent, Kafka, type KafkaMessage } from 'cloudevents';
import { type RecordedEvent } from '@pamoja/contracts';
import { type IntegrationEvent } from './integration-event.js';

/**
 * CloudEvents extension attributes Pamoja adds (names: lower-case letters and digits only, per the spec).
 * In Kafka binary mode each travels as a `ce_<name>` header.
 */
export const PAMOJA_EXTENSIONS = {
  /** Version N of the integration event type (`...v<N>`): the version of the data's schema. */
  schemaVersion: 'schemaversion',
  /** Position of the event in the store's global log: where a consumer or the relay can resume. */
  globalPosition: 'globalposition',
  /** Revision of the event in its stream: with the id, what makes a consumer idempotent. */
  streamRevision: 'streamrevision',
  /** Ties together everything one request caused, across agencies. */
  correlationId: 'correlationid',
  /** With `globalposition`, the event's place in the store's commit order (ADR 0003). */
  transactionId: 'transactionid',
  /** The joint case the event belongs to; absent when it belongs to none. */
  jointCaseId: 'jointcaseid',
  /** When the actor acted (the store's `recordedAt` is `time`). */
  occurredAt: 'occurredat',
  /** The agency that acted and its type: the joint view's "which agency". The user is never shared. */
  agencyId: 'agencyid',
  agencyType: 'agencytype',
  /** The roles the actor acted in, comma-separated (role names are lower-case words and underscores). */
  actorRoles: 'actorroles',
} as const;

/**
 * The CloudEvents Distributed Tracing extension: the W3C trace context of the request that appended the event
 * (ADR 0029), so a consumer's work joins the producer's trace. Present only when that request was traced.
 */
export const TRACING_EXTENSIONS = {
  traceparent: 'traceparent',
  tracestate: 'tracestate',
} as const;

export const JSON_CONTENT_TYPE = 'application/json';

/** A Kafka record in CloudEvents binary mode: attributes in `ce_*` headers, the data as the value. */
export interface CloudEventKafkaMessage {
  /** The joint case id (or the stream id when the event belongs to no joint case). */
  readonly key: string;
  readonly value: Buffer;
  readonly headers: Readonly<Record<string, string>>;
  /** Kafka record timestamp: the store's `recordedAt`, in epoch milliseconds. */
  readonly timestamp: string;
}

/**
 * The partition key. Events of one joint case share it, so they stay in order on one partition whichever
 * stream wrote them. Events outside any joint case (mine-site events, an incident not yet in a case) fall
 * back to their stream id: their order matters only within their stream, and the stream id keeps it.
 */
export function partitionKeyOf(recorded: RecordedEvent): string {
  return recorded.metadata.jointCaseId ?? recorded.streamId;
}

/** Builds the Kafka record for a stored event's integration event (binary content mode). */
export function toCloudEventMessage(
  recorded: RecordedEvent,
  integration: IntegrationEvent,
  source: string,
): CloudEventKafkaMessage {
  const key = partitionKeyOf(recorded);
  return {
    key,
    value: Buffer.from(JSON.stringify(integration.data), 'utf8'),
    headers: cloudEventHeaders(recorded, integration, source, key),
    timestamp: String(recorded.recordedAt.getTime()),
  };
}

/** The CloudEvents context attributes of an integration event (everything but the data). */
export function cloudEventAttributes(
  recorded: RecordedEvent,
  integration: IntegrationEvent,
  source: string,
  key: string = partitionKeyOf(recorded),
): Readonly<Record<string, string>> {
  return {
    specversion: '1.0',
    id: recorded.eventId,
    type: integration.definition.type,
    source,
    subject: recorded.streamId,
    time: recorded.recordedAt.toISOString(),
    datacontenttype: JSON_CONTENT_TYPE,
    partitionkey: key,
    [PAMOJA_EXTENSIONS.schemaVersion]: String(integration.definition.version),
    [PAMOJA_EXTENSIONS.globalPosition]: String(recorded.globalPosition),
    [PAMOJA_EXTENSIONS.streamRevision]: String(recorded.streamRevision),
    [PAMOJA_EXTENSIONS.correlationId]: recorded.metadata.correlationId,
    [PAMOJA_EXTENSIONS.transactionId]: String(recorded.transactionId),
    [PAMOJA_EXTENSIONS.occurredAt]: recorded.metadata.occurredAt,
    [PAMOJA_EXTENSIONS.agencyId]: recorded.metadata.actor.agencyId,
    [PAMOJA_EXTENSIONS.agencyType]: recorded.metadata.actor.agencyType,
    [PAMOJA_EXTENSIONS.actorRoles]: recorded.metadata.actor.roles.join(','),
    ...(recorded.metadata.jointCaseId ? { [PAMOJA_EXTENSIONS.jointCaseId]: recorded.metadata.jointCaseId } : {}),
    ...(recorded.metadata.traceparent ? { [TRACING_EXTENSIONS.traceparent]: recorded.metadata.traceparent } : {}),
    ...(recorded.metadata.traceparent && recorded.metadata.tracestate
      ? { [TRACING_EXTENSIONS.tracestate]: recorded.metadata.tracestate }
      : {}),
  };
}

/**
 * The Kafka binary-mode headers of an integration event, as the CloudEvents Kafka binding writes them:
 * `content-type` from `datacontenttype`, every attribute as `ce_<name>`. Written here in one pass rather
 * than through the `cloudevents` package's serializer, which took two thirds of the relay's time to build
 * a batch; a test checks, for every event type, that they are exactly the package's (with its validation
 * on), and consumers read messages back with the package (`fromCloudEventMessage`).
 */
function cloudEventHeaders(
  recorded: RecordedEvent,
  integration: IntegrationEvent,
  source: string,
  key: string,
): Record<string, string> {
  const { metadata } = recorded;
  const headers: Record<string, string> = {
    'content-type': JSON_CONTENT_TYPE,
    ce_specversion: '1.0',
    ce_id: recorded.eventId,
    ce_type: integration.definition.type,
    ce_source: source,
    ce_subject: recorded.streamId,
    ce_time: recorded.recordedAt.toISOString(),
    ce_datacontenttype: JSON_CONTENT_TYPE,
    ce_partitionkey: key,
    ce_schemaversion: String(integration.definition.version),
    ce_globalposition: String(recorded.globalPosition),
    ce_streamrevision: String(recorded.streamRevision),
    ce_correlationid: metadata.correlationId,
    ce_transactionid: String(recorded.transactionId),
    ce_occurredat: metadata.occurredAt,
    ce_agencyid: metadata.actor.agencyId,
    ce_agencytype: metadata.actor.agencyType,
    ce_actorroles: metadata.actor.roles.join(','),
  };
  if (metadata.jointCaseId) headers['ce_jointcaseid'] = metadata.jointCaseId;
  if (metadata.traceparent) {
    headers['ce_traceparent'] = metadata.traceparent;
    if (metadata.tracestate) headers['ce_tracestate'] = metadata.tracestate;
  }
  return headers;
}

/** A Kafka record as a consumer receives it (kafkajs gives header values as Buffers). */
export interface IncomingKafkaMessage {
  readonly key?: Buffer | string | null;
  readonly value: Buffer | string | null;
  readonly headers?: Readonly<Record<string, Buffer | string | readonly (Buffer | string)[] | undefined>>;
}

/** What a consumer gets back: the CloudEvents attributes, Pamoja's extensions and the data. */
export interface ReceivedIntegrationEvent {
  readonly id: string;
  readonly type: string;
  readonly source: string;
  readonly subject: string;
  readonly time: string;
  readonly datacontenttype: string;
  readonly schemaVersion: number;
  readonly globalPosition: number;
  readonly streamRevision: number;
  readonly correlationId: string;
  readonly transactionId: number;
  readonly jointCaseId: string | null;
  readonly occurredAt: string;
  readonly agencyId: string;
  readonly agencyType: string;
  readonly actorRoles: readonly string[];
  /** W3C trace context of the request that wrote the event (Distributed Tracing extension); absent when untraced. */
  readonly traceparent?: string;
  readonly tracestate?: string;
  readonly key: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** A Kafka record that is not a valid Pamoja CloudEvent: the consumer sends it to the dead-letter topic. */
export class InvalidCloudEventMessageError extends Error {
  constructor(
    /** The CloudEvents attributes (or `key`, `data`) that are missing. */
    readonly missing: readonly string[],
    /** Attributes that are present but invalid, each with the reason. */
    readonly invalid: Readonly<Record<string, string>> = {},
  ) {
    const parts = [
      ...(missing.length > 0 ? [`missing ${missing.join(', ')}`] : []),
      ...Object.entries(invalid).map(([name, reason]) => `${name}: ${reason}`),
    ];
    super(`not a valid Pamoja CloudEvent: ${parts.join('; ')}`);
    this.name = 'InvalidCloudEventMessageError';
  }
}

const REQUIRED_ATTRIBUTES = [
  'id',
  'type',
  'source',
  'specversion',
  'subject',
  'time',
  PAMOJA_EXTENSIONS.schemaVersion,
  PAMOJA_EXTENSIONS.globalPosition,
  PAMOJA_EXTENSIONS.streamRevision,
  PAMOJA_EXTENSIONS.correlationId,
  PAMOJA_EXTENSIONS.transactionId,
  PAMOJA_EXTENSIONS.occurredAt,
  PAMOJA_EXTENSIONS.agencyId,
  PAMOJA_EXTENSIONS.agencyType,
] as const;

function asText(value: Buffer | string | readonly (Buffer | string)[] | undefined | null): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  const first = value[0];
  return first === undefined ? undefined : asText(first);
}

function nonNegativeInteger(text: string): number | undefined {
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

/** Reads a Kafka record written by `toCloudEventMessage`, checking every attribute a consumer relies on. */
export function fromCloudEventMessage(message: IncomingKafkaMessage): ReceivedIntegrationEvent {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    const text = asText(value);
    if (text !== undefined && text !== '') headers[name.toLowerCase()] = text;
  }
  const key = asText(message.key);
  const value = asText(message.value);
  const missing: string[] = REQUIRED_ATTRIBUTES.filter((name) => headers[`ce_${name}`] === undefined);
  if (headers['content-type'] === undefined) missing.push('datacontenttype');
  if (!key) missing.push('key');
  if (!value) missing.push('data');
  if (missing.length > 0) throw new InvalidCloudEventMessageError(missing);

  const invalid: Record<string, string> = {};
  if (headers['ce_specversion'] !== '1.0') invalid['specversion'] = 'must be 1.0';
  if (!headers['content-type']?.startsWith(JSON_CONTENT_TYPE))
    invalid['datacontenttype'] = `must be ${JSON_CONTENT_TYPE}`;
  if (Number.isNaN(Date.parse(headers['ce_time'] ?? ''))) invalid['time'] = 'not a timestamp';
  const occurredAt = headers[`ce_${PAMOJA_EXTENSIONS.occurredAt}`] ?? '';
  if (Number.isNaN(Date.parse(occurredAt))) invalid[PAMOJA_EXTENSIONS.occurredAt] = 'not a timestamp';
  const numbers = {
    schemaVersion: nonNegativeInteger(headers[`ce_${PAMOJA_EXTENSIONS.schemaVersion}`] ?? ''),
    globalPosition: nonNegativeInteger(headers[`ce_${PAMOJA_EXTENSIONS.globalPosition}`] ?? ''),
    streamRevision: nonNegativeInteger(headers[`ce_${PAMOJA_EXTENSIONS.streamRevision}`] ?? ''),
    transactionId: nonNegativeInteger(headers[`ce_${PAMOJA_EXTENSIONS.transactionId}`] ?? ''),
  };
  for (const [name, parsed] of Object.entries(numbers)) {
    if (parsed === undefined) invalid[PAMOJA_EXTENSIONS[name as keyof typeof numbers]] = 'not a non-negative integer';
  }
  if (Object.keys(invalid).length > 0) throw new InvalidCloudEventMessageError([], invalid);

  let event: CloudEvent<unknown>;
  try {
    const kafkaMessage: KafkaMessage<string> = { headers, key: key ?? '', value: value ?? '', body: value };
    event = Kafka.toEvent(kafkaMessage) as CloudEvent<unknown>;
  } catch (error) {
    throw new InvalidCloudEventMessageError([], { data: (error as Error).message });
  }
  const data = event.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new InvalidCloudEventMessageError([], { data: 'must be a JSON object' });
  }
  return {
    id: event.id,
    type: event.type,
    source: event.source,
    subject: event.subject ?? '',
    time: new Date(headers['ce_time'] ?? '').toISOString(),
    datacontenttype: event.datacontenttype ?? JSON_CONTENT_TYPE,
    schemaVersion: numbers.schemaVersion ?? 0,
    globalPosition: numbers.globalPosition ?? 0,
    streamRevision: numbers.streamRevision ?? 0,
    correlationId: headers[`ce_${PAMOJA_EXTENSIONS.correlationId}`] ?? '',
    transactionId: numbers.transactionId ?? 0,
    jointCaseId: headers[`ce_${PAMOJA_EXTENSIONS.jointCaseId}`] ?? null,
    // Kept as sent: the joint view shows the instant the acting agency recorded, to the millisecond.
    occurredAt,
    agencyId: headers[`ce_${PAMOJA_EXTENSIONS.agencyId}`] ?? '',
    agencyType: headers[`ce_${PAMOJA_EXTENSIONS.agencyType}`] ?? '',
    actorRoles: (headers[`ce_${PAMOJA_EXTENSIONS.actorRoles}`] ?? '').split(',').filter((role) => role !== ''),
    traceparent: headers[`ce_${TRACING_EXTENSIONS.traceparent}`],
    tracestate: headers[`ce_${TRACING_EXTENSIONS.tracestate}`],
    key: key ?? '',
    data: data as Readonly<Record<string, unknown>>,
  };
}
