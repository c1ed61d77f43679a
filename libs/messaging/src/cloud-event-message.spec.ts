import { describe, expect, it } from '@jest/globals';
import { CloudEvent, Kafka } from 'cloudevents';
import {
  cloudEventAttributes,
  DEFAULT_CATALOGUE,
  fromCloudEventMessage,
  InvalidCloudEventMessageError,
  sharedEventFromMessage,
  sharedEventOf,
  sourceOf,
  UnknownIntegrationEventError,
  WITHHELD_USER,
  toCloudEventMessage,
  type CloudEventKafkaMessage,
} from './index.js';
import { JOINT_CASE_ID, sampleEvents } from './sample-events.fixture.js';

function messageFor(type: string) {
  const event = sampleEvents().find((e) => e.type === type)!;
  const integration = DEFAULT_CATALOGUE.toIntegrationEvent(event)!;
  return { event, integration, message: toCloudEventMessage(event, integration, sourceOf('referrals')) };
}

/** What kafkajs hands a consumer: header values as Buffers. */
function asReceived(message: CloudEventKafkaMessage) {
  return {
    key: Buffer.from(message.key),
    value: message.value,
    headers: Object.fromEntries(Object.entries(message.headers).map(([k, v]) => [k, Buffer.from(v)])),
  };
}

describe('CloudEvents on Kafka (binary mode)', () => {
  it('puts the attributes in ce_ headers and the JSON data in the value, keyed by joint case id', () => {
    const { event, integration, message } = messageFor('ReferralAccepted');
    expect(message.key).toBe(JOINT_CASE_ID);
    expect(message.headers).toMatchObject({
      ce_id: event.eventId,
      ce_type: 'pamoja.referrals.ReferralAccepted.v1',
      ce_source: '/pamoja/referrals-service',
      ce_subject: 'referral-r1',
      ce_time: '2026-11-27T08:40:01.250Z',
      ce_specversion: '1.0',
      'content-type': 'application/json',
      ce_schemaversion: '1',
      ce_globalposition: String(event.globalPosition),
      ce_streamrevision: String(event.streamRevision),
      ce_correlationid: event.metadata.correlationId,
    });
    expect(Object.values(message.headers).every((v) => typeof v === 'string')).toBe(true);
    expect(JSON.parse(message.value.toString('utf8'))).toEqual(integration.data);
    expect(message.timestamp).toBe(String(event.recordedAt.getTime()));
  });

  it('round-trips: id, type, source, subject, time, data and key survive', () => {
    const { event, integration, message } = messageFor('ReferralSubmitted');
    const received = fromCloudEventMessage(asReceived(message));
    expect(received).toEqual({
      id: event.eventId,
      type: integration.definition.type,
      source: '/pamoja/referrals-service',
      subject: event.streamId,
      time: event.recordedAt.toISOString(),
      datacontenttype: 'application/json',
      schemaVersion: 1,
      globalPosition: event.globalPosition,
      streamRevision: event.streamRevision,
      correlationId: event.metadata.correlationId,
      transactionId: event.transactionId,
      jointCaseId: JOINT_CASE_ID,
      occurredAt: event.metadata.occurredAt,
      agencyId: event.metadata.actor.agencyId,
      agencyType: event.metadata.actor.agencyType,
      actorRoles: event.metadata.actor.roles,
      key: JOINT_CASE_ID,
      data: integration.data,
    });
  });

  it('carries the acting agency and its roles, never the user', () => {
    const { event, message } = messageFor('ReferralAccepted');
    expect(message.headers).toMatchObject({
      ce_agencyid: event.metadata.actor.agencyId,
      ce_agencytype: event.metadata.actor.agencyType,
      ce_actorroles: event.metadata.actor.roles.join(','),
    });
    const bytes = [message.key, message.value.toString('utf8'), ...Object.values(message.headers)].join('\n');
    expect(bytes).not.toContain(event.metadata.actor.userId);
  });

  it('gives a consumer the same shared event that embedded mode derives from the log', () => {
    for (const event of sampleEvents()) {
      const integration = DEFAULT_CATALOGUE.toIntegrationEvent(event);
      if (!integration) continue;
      const message = toCloudEventMessage(event, integration, sourceOf(integration.definition.context));
      const received = sharedEventFromMessage(fromCloudEventMessage(asReceived(message)), DEFAULT_CATALOGUE);
      expect(received).toEqual(sharedEventOf(event, integration));
      expect(received.metadata.actor.userId).toBe(WITHHELD_USER);
    }
  });

  it('writes, for every event type, exactly the headers of the cloudevents package (with its validation on)', () => {
    let checked = 0;
    for (const event of sampleEvents()) {
      const integration = DEFAULT_CATALOGUE.toIntegrationEvent(event);
      if (!integration) continue;
      const source = sourceOf(integration.definition.context);
      const reference = Kafka.binary(
        new CloudEvent({ ...cloudEventAttributes(event, integration, source), data: integration.data }, true),
      );
      const message = toCloudEventMessage(event, integration, source);
      expect(message.headers).toEqual(reference.headers);
      expect(message.key).toBe(reference.key);
      expect(JSON.parse(message.value.toString('utf8'))).toEqual(reference.value);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('refuses a well-formed message of a type nobody defined', () => {
    const { message } = messageFor('ReferralAccepted');
    const headers = { ...message.headers, ce_type: 'pamoja.referrals.ReferralTeleported.v1' };
    const received = fromCloudEventMessage(asReceived({ ...message, headers }));
    expect(() => sharedEventFromMessage(received, DEFAULT_CATALOGUE)).toThrow(UnknownIntegrationEventError);
  });

  it('keys an event outside any joint case by its stream id', () => {
    const event = sampleEvents().find((e) => e.type === 'MineSiteRegistered')!;
    const message = toCloudEventMessage(event, DEFAULT_CATALOGUE.toIntegrationEvent(event)!, sourceOf('sites'));
    expect(message.key).toBe('site-s1');
    expect(fromCloudEventMessage(asReceived(message)).key).toBe('site-s1');
  });

  it('rejects a message with missing attributes, naming each', () => {
    const { message } = messageFor('ReferralAccepted');
    const { ce_id: _id, ce_time: _time, ce_correlationid: _c, ...headers } = message.headers;
    const attempt = () => fromCloudEventMessage({ key: null, value: message.value, headers });
    expect(attempt).toThrow(InvalidCloudEventMessageError);
    try {
      attempt();
    } catch (error) {
      expect((error as InvalidCloudEventMessageError).missing).toEqual(['id', 'time', 'correlationid', 'key']);
    }
    expect(() => fromCloudEventMessage({ key: 'k', value: null, headers: message.headers })).toThrow(/missing data/);
  });

  it('rejects invalid attributes and data that is not a JSON object', () => {
    const { message } = messageFor('ReferralAccepted');
    const bad = { ...message.headers, ce_specversion: '0.3', ce_globalposition: 'x' };
    expect(() => fromCloudEventMessage({ key: 'k', value: message.value, headers: bad })).toThrow(
      /specversion: must be 1.0; globalposition: not a non-negative integer/,
    );
    expect(() => fromCloudEventMessage({ key: 'k', value: 'not json', headers: message.headers })).toThrow(
      InvalidCloudEventMessageError,
    );
    expect(() => fromCloudEventMessage({ key: 'k', value: '[1]', headers: message.headers })).toThrow(
      /must be a JSON object/,
    );
  });
});
