import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { type KafkaMessage } from 'kafkajs';
import { EVENT_STORE, Upcasters, type EventStore } from '@pamoja/event-store';
import { kafkaTopic, startRelay, type RelayProcess } from '@pamoja/platform/kafka';
import { setupTracing } from '@pamoja/platform/telemetry';
import { REFERRAL_UPCASTERS } from '@pamoja/referrals/domain';
import { SUBMIT, submitInput, testKafka, useTestDeployment } from '@pamoja/testing';
import { eventually } from './server-mode.fixture.js';
import { AgencyServiceModule, type AgencyServiceName } from './service.module.js';

// Before any service starts: every process of this in-process deployment then shares it.
const exporter = new InMemorySpanExporter();
setupTracing({ serviceName: 'pamoja-tracing-it', exporter });

const NGO = {
  userId: 'fr-1',
  agencyId: 'ngo-kivu-hope',
  agencyType: 'first_responder',
  roles: ['field_worker'],
} as const;

function spansOf(traceId: string): ReadableSpan[] {
  return exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
}

function header(message: KafkaMessage, name: string): string | undefined {
  const value = message.headers?.[name];
  return value === undefined ? undefined : String(value);
}

/**
 * Server mode over a real broker: the referrals service takes the mutation, the relay publishes its events to
 * Kafka, the coordination service's joint-case consumer feeds its projection; one trace from end to end.
 */
describe('one trace from a mutation in one service to a projection in another, over Kafka', () => {
  const deployment = useTestDeployment<AgencyServiceName>({
    root: (config, name) => AgencyServiceModule.forRoot(config, name),
    serviceName: (name) => `pamoja-${name}-tracing-it`,
    kafka: {},
  });
  let relay: RelayProcess;
  const received: KafkaMessage[] = [];
  const consumer = testKafka().consumer({ groupId: `tracing-it-${randomUUID()}` });

  beforeAll(async () => {
    await deployment.start('referrals');
    await deployment.start('coordination');
    relay = await startRelay(deployment.config('pamoja-relay-tracing-it'), Upcasters.of(...REFERRAL_UPCASTERS));
    deployment.onStop(() => relay.stop());
    // What went over the wire, read as any other consumer of the topic would.
    await consumer.connect();
    await consumer.subscribe({
      topic: kafkaTopic('pamoja.referrals.v1', deployment.topics.prefix),
      fromBeginning: true,
    });
    await consumer.run({
      eachMessage: ({ message }) => {
        received.push(message);
        return Promise.resolve();
      },
    });
  }, 120000);
  afterAll(async () => {
    await consumer.disconnect();
  });

  it("continues the caller's trace through the relay to the consumer and the projection in the coordination service", async () => {
    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const correlationId = randomUUID();
    const referrals = deployment.service('referrals');
    const response = await fetch(referrals.graphqlUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await deployment.tokenFor(NGO)}`,
        'x-correlation-id': correlationId,
        traceparent: `00-${traceId}-${callerSpanId}-01`,
      },
      body: JSON.stringify({ query: SUBMIT, operationName: 'Submit', variables: { input: submitInput() } }),
    });
    const body = (await response.json()) as { data?: { submitReferral: { referralId: string } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    const referralId = body.data?.submitReferral.referralId ?? '';
    const [submitted] = await referrals.get<EventStore>(EVENT_STORE).readStream(`referral-${referralId}`);
    if (!submitted) throw new Error('the referral was not stored');

    // In the coordination service: the consumer span and, inside it, the joint-case projection's.
    await eventually(
      "the coordination service's projection span in the caller's trace",
      () =>
        Promise.resolve(
          spansOf(traceId).some(
            (span) =>
              span.name === 'projection apply coordination.joint-cases' &&
              span.attributes['pamoja.event.type'] === 'ReferralSubmitted',
          ),
        ),
      60000,
      () => Promise.resolve(spansOf(traceId).map((span) => span.name)),
    );
    const spans = spansOf(traceId);
    const server = spans.find((span) => span.name === 'mutation Submit');
    expect(server?.parentSpanContext?.spanId).toBe(callerSpanId);
    const append = spans.find(
      (span) => span.name === 'event-store append' && span.attributes['pamoja.stream.category'] === 'referral',
    );
    if (!append) throw new Error('no append span of the referral');
    const consumed = spans.filter(
      (span) => span.kind === SpanKind.CONSUMER && span.attributes['messaging.message.id'] === submitted.eventId,
    );
    expect(consumed.length).toBeGreaterThanOrEqual(1);
    for (const span of consumed) {
      // The consumer continues the span that appended the event: its context came in the CloudEvent.
      expect(span.parentSpanContext?.spanId).toBe(append.spanContext().spanId);
      expect(span.parentSpanContext?.isRemote).toBe(true);
      expect(span.attributes).toMatchObject({
        'messaging.system': 'kafka',
        'messaging.operation.type': 'process',
        'pamoja.correlation_id': correlationId,
      });
    }
    const projection = spans.find(
      (span) =>
        span.name === 'projection apply coordination.joint-cases' &&
        span.attributes['pamoja.event.type'] === 'ReferralSubmitted',
    );
    expect(consumed.map((span) => span.spanContext().spanId)).toContain(projection?.parentSpanContext?.spanId);

    // The relay's publish span links to the trace of every event in its batch.
    const published = exporter
      .getFinishedSpans()
      .filter((span) => span.name === 'kafka publish')
      .flatMap((span) => span.links.map((link) => link.context.spanId));
    expect(published).toContain(append.spanContext().spanId);

    // On the wire: the CloudEvent carries the trace context beside the correlation id.
    await eventually('the referral on the topic', () =>
      Promise.resolve(received.some((message) => header(message, 'ce_id') === submitted.eventId)),
    );
    const message = received.find((m) => header(m, 'ce_id') === submitted.eventId);
    expect(message && header(message, 'ce_traceparent')).toBe(`00-${traceId}-${append.spanContext().spanId}-01`);
    expect(message && header(message, 'ce_correlationid')).toBe(correlationId);
  });
});
