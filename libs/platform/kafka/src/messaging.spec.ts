import { describe, expect, it } from '@jest/globals';
import { type RecordedEvent } from '@pamoja/contracts';
import { PgliteDatabase, type Projection } from '@pamoja/event-store';
import { DEFAULT_CATALOGUE, WITHHELD_USER } from '@pamoja/messaging';
import { ConfigError, loadConfig } from '@pamoja/platform/config';
import { DEAD_LETTER_HEADERS, DEAD_LETTER_TOPIC, deadLetterOf } from './dead-letters.js';
import { handledEventTypes, sharedProjectionOfLog, topicsOf } from '@pamoja/platform/messaging';
import { kafkaTopic } from './topics.js';

const recorded = (type: string, data: Record<string, unknown>): RecordedEvent => ({
  eventId: `e-${type}`,
  type,
  schemaVersion: 1,
  streamId: 'assistance-a1',
  streamRevision: 3,
  transactionId: 10,
  globalPosition: 20,
  recordedAt: new Date('2026-11-27T08:00:00Z'),
  data,
  metadata: {
    actor: { userId: 'cw-7', agencyId: 'ngo-ushindi', agencyType: 'assistance_provider', roles: ['case_worker'] },
    correlationId: 'c1',
    causationId: null,
    jointCaseId: 'j1',
    occurredAt: '2026-11-27T07:59:00.000Z',
  },
});

describe('shared event handlers', () => {
  const all: Projection = {
    name: 'test.all',
    schema: 'test_read',
    migrations: [],
    filter: {},
    apply: () => Promise.resolve(),
    reset: () => Promise.resolve(),
  };

  it('receive every shared type, from the topics of the contexts that publish them', () => {
    const handler = { kind: 'projection' as const, projection: all };
    const types = handledEventTypes(handler, DEFAULT_CATALOGUE);
    expect(types).toContain('ReferralSubmitted');
    expect(types).not.toContain('ProtectionMeasureApplied');
    expect(topicsOf(handler, DEFAULT_CATALOGUE)).toEqual([
      'pamoja.assistance.v1',
      'pamoja.coordination.v1',
      'pamoja.investigations.v1',
      'pamoja.prosecutions.v1',
      'pamoja.referrals.v1',
      'pamoja.sites.v1',
    ]);
  });

  it('subscribe a reactor only to the topic of the events it handles', () => {
    const reactor = {
      kind: 'reactor' as const,
      name: 'r',
      eventTypes: ['CaseFileReceived'],
      handle: () => Promise.resolve(),
    };
    expect(topicsOf(reactor, DEFAULT_CATALOGUE)).toEqual(['pamoja.prosecutions.v1']);
  });

  it('refuse to wait for an event no agency shares', () => {
    const reactor = {
      kind: 'reactor' as const,
      name: 'r',
      eventTypes: ['ProtectionMeasureApplied'],
      handle: () => Promise.resolve(),
    };
    expect(() => handledEventTypes(reactor, DEFAULT_CATALOGUE)).toThrow(/do not share: ProtectionMeasureApplied/);
  });

  it('see, in embedded mode, each event as the catalogue shares it: a withheld one as its notice, the user never', async () => {
    const seen: RecordedEvent[] = [];
    const projection = sharedProjectionOfLog(
      { ...all, apply: (_tx, event) => Promise.resolve(void seen.push(event)) },
      DEFAULT_CATALOGUE,
    );
    const db = await PgliteDatabase.open();
    try {
      await projection.apply(db, recorded('ProtectionMeasureApplied', { assistanceId: 'a1', measure: 'SAFE_HOUSE' }));
      await projection.apply(
        db,
        recorded('NeedsAssessed', {
          assistanceId: 'a1',
          byAgencyId: 'ngo-ushindi',
          assessedAt: '2026-11-27T07:59:00.000Z',
          needs: [{ need: 'MEDICAL', priority: 'HIGH', met: false }],
        }),
      );
    } finally {
      await db.close();
    }
    // The protection measure arrives as a notice that the agency acted on the case: none of its data.
    expect(seen.map((e) => e.type)).toEqual(['RestrictedActivityRecorded', 'NeedsAssessed']);
    expect(Object.keys(seen[0]?.data as object).sort()).toEqual([
      'agencyId',
      'agencyType',
      'category',
      'jointCaseId',
      'occurredAt',
    ]);
    expect(JSON.stringify(seen[0]?.data)).not.toMatch(/SAFE_HOUSE|a1/);
    expect(seen[1]?.metadata.actor).toEqual({
      userId: WITHHELD_USER,
      agencyId: 'ngo-ushindi',
      agencyType: 'assistance_provider',
      roles: ['case_worker'],
    });
    expect(projection.filter.eventTypes).toContain('ProtectionMeasureApplied');
  });
});

describe('dead letters', () => {
  it('keep the original key, value and headers, and say where the message came from and why it failed', () => {
    const letter = deadLetterOf(
      {
        topic: 'pamoja.referrals.v1',
        partition: 4,
        message: {
          key: Buffer.from('j1'),
          value: Buffer.from('{oops'),
          headers: { ce_id: Buffer.from('e1') },
          offset: '17',
        },
      },
      'coordination.joint-cases',
      new SyntaxError('Unexpected token o'),
      new Date('2026-11-27T09:00:00Z'),
    );
    expect(letter).toEqual({
      topic: DEAD_LETTER_TOPIC,
      key: 'j1',
      value: Buffer.from('{oops'),
      headers: {
        ce_id: 'e1',
        [DEAD_LETTER_HEADERS.topic]: 'pamoja.referrals.v1',
        [DEAD_LETTER_HEADERS.partition]: '4',
        [DEAD_LETTER_HEADERS.offset]: '17',
        [DEAD_LETTER_HEADERS.consumer]: 'coordination.joint-cases',
        [DEAD_LETTER_HEADERS.error]: 'SyntaxError: Unexpected token o',
        [DEAD_LETTER_HEADERS.failedAt]: '2026-11-27T09:00:00.000Z',
      },
    });
  });

  it('bound the error text', () => {
    const letter = deadLetterOf(
      { topic: 't', partition: 0, message: { key: null, value: null, headers: {}, offset: '0' } },
      'c',
      new Error('x'.repeat(10_000)),
    );
    expect(letter.headers[DEAD_LETTER_HEADERS.error]?.length).toBe(2000);
    expect(letter.key).toBe('t:0:0');
  });
});

describe('Kafka settings', () => {
  const config = (env: Record<string, string>) =>
    loadConfig({ DATABASE_URL: 'postgres://x@h/db', ...env }, { mode: 'server', serviceName: 's' });

  it('reads the brokers and the topic prefix', () => {
    expect(config({ KAFKA_BROKERS: '10.0.0.5:9092, kafka-2:9092', KAFKA_TOPIC_PREFIX: 'sud-kivu' })).toMatchObject({
      kafkaBrokers: ['10.0.0.5:9092', 'kafka-2:9092'],
      kafkaTopicPrefix: 'sud-kivu',
    });
    expect(kafkaTopic('pamoja.sites.v1', 'sud-kivu')).toBe('sud-kivu.pamoja.sites.v1');
    expect(kafkaTopic('pamoja.sites.v1', undefined)).toBe('pamoja.sites.v1');
  });

  it('names the setting and the reason when one is wrong', () => {
    expect(() => config({ KAFKA_BROKERS: 'kafka-1' })).toThrow(ConfigError);
    expect(() => config({ KAFKA_BROKERS: 'kafka-1' })).toThrow(/KAFKA_BROKERS must list host:port, not kafka-1/);
    expect(() => config({ KAFKA_TOPIC_PREFIX: 'Sud Kivu!' })).toThrow(/KAFKA_TOPIC_PREFIX must be/);
  });
});
