import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { LOG_START, type RecordedEvent } from '@pamoja/contracts';
import {
  COORDINATION_READ_SCHEMA,
  jointCaseProjection,
  SqlJointCaseReadModel,
} from '@pamoja/coordination/infrastructure';
import {
  EVENT_STORE,
  PgliteDatabase,
  PostgresDatabase,
  ProjectionRunner,
  Upcasters,
  type EventStore,
  type SqlQueryable,
} from '@pamoja/event-store';
import { DEFAULT_CATALOGUE } from '@pamoja/messaging';
import { sharedProjectionOfLog } from '@pamoja/platform/messaging';
import {
  createKafka,
  EventRelay,
  KafkaMessagePublisher,
  rebuildFromTopics,
  startRelay,
  type OutgoingMessage,
} from '@pamoja/platform/kafka';
import { REFERRAL_UPCASTERS } from '@pamoja/referrals/domain';
import { ACCEPT, submit, submitInput, TEST_KAFKA_BROKERS, useTestDeployment } from '@pamoja/testing';
import { eventually, expectedTimelineLength, timelineLength } from './server-mode.fixture.js';
import { AgencyServiceModule, type AgencyServiceName } from './service.module.js';

const OPEN_INVESTIGATION = `mutation($input: OpenInvestigationInput!) {
  openInvestigation(input: $input) { investigationId } }`;

type Row = Record<string, unknown>;
/** Columns PostgreSQL (bigint as text) and PGlite (as numbers) return differently. */
const NUMERIC = new Set(['transaction_id', 'global_position', 'missed_deadlines']);

/** The whole coordination read model, lists in the order stored (not sorted: their order is part of the answer). */
async function readModel(db: SqlQueryable): Promise<Record<string, Row[]>> {
  const s = COORDINATION_READ_SCHEMA;
  const read = async (sql: string) =>
    (await db.query<Row>(sql)).map((row) => {
      const out: Row = {};
      for (const [key, value] of Object.entries(row)) {
        // The order rows arrived in, by design (live feeds resume after it).
        if (key === 'seq') continue;
        if (value instanceof Date) out[key] = value.toISOString();
        else if (NUMERIC.has(key) && value !== null) out[key] = Number(value);
        else out[key] = value;
      }
      return out;
    });
  return {
    jointCases: await read(`SELECT * FROM ${s}.joint_cases ORDER BY joint_case_id`),
    timeline: await read(`SELECT * FROM ${s}.timeline ORDER BY event_id`),
    escalations: await read(`SELECT * FROM ${s}.escalations ORDER BY event_id`),
  };
}

/**
 * Read models are a function of the log alone: the coordination body's joint case read live in server
 * mode, where a case's events come from several topics in whatever order Kafka delivers them, equals the
 * same read model rebuilt from the topics and rebuilt from the log as embedded mode builds it.
 */
describe('the joint case view, whatever order its events arrive in', () => {
  const deployment = useTestDeployment<AgencyServiceName>({
    root: (config, name) => AgencyServiceModule.forRoot(config, name),
    serviceName: (name) => `pamoja-${name}-order`,
    kafka: {},
  });
  let db: PostgresDatabase;
  let store: EventStore;

  beforeAll(async () => {
    const referrals = await deployment.start('referrals');
    await deployment.start('investigations');
    await deployment.start('coordination');
    db = new PostgresDatabase({ connectionString: deployment.databaseUrl });
    deployment.onStop(() => db.close());
    store = referrals.get<EventStore>(EVENT_STORE);
  }, 120_000);

  it('reads the same case live, rebuilt from the topics and rebuilt from the log', async () => {
    const referrals = deployment.service('referrals');
    const investigations = deployment.service('investigations');
    const ngo = referrals.as({
      userId: 'fr-1',
      agencyId: 'ngo-kivu-hope',
      agencyType: 'first_responder',
      roles: ['field_worker'],
    });
    const policeOfficer = {
      userId: 'opj-1',
      agencyId: 'pnc-masisi',
      agencyType: 'police',
      roles: ['investigator'],
    } as const;
    // One case worked by two agencies in two contexts, each naming a site: the referral first in the log.
    const { referralId, jointCaseId } = await submit(ngo, submitInput({ site: { code: 'NK-MAS-014' } }));
    if (!jointCaseId) throw new Error('the referral opened no joint case');
    await referrals.as(policeOfficer).ok(ACCEPT, { input: { commandId: randomUUID(), referralId } });
    const opened = await investigations
      .as(policeOfficer)
      .ok<{ openInvestigation: { investigationId: string } }>(OPEN_INVESTIGATION, {
        input: {
          commandId: randomUUID(),
          jointCaseId,
          referralId,
          siteCode: 'NK-MAS-027',
          offences: ['FORCED_LABOUR'],
          leadOfficerId: 'opj-masisi-0412',
        },
      });
    const { investigationId } = opened.openInvestigation;

    // Kafka keeps order within a partition, not across topics: the investigations topic may deliver
    // before the referrals topic. Make it so, as the relay's records, one topic after the other.
    const events: RecordedEvent[] = [];
    for (let after = LOG_START; ;) {
      const page = await store.readAll({ after, maxCount: 1000 });
      events.push(...page.events.filter((e) => e.metadata.jointCaseId === jointCaseId));
      if (page.events.length === 0) break;
      after = page.checkedUpTo;
    }
    const kafka = createKafka({ brokers: TEST_KAFKA_BROKERS, clientId: 'order' });
    const publisher = new KafkaMessagePublisher(kafka);
    deployment.onStop(() => publisher.close());
    const records = new EventRelay(store, db, publisher, DEFAULT_CATALOGUE, {
      topicPrefix: deployment.topics.prefix,
    }).messagesFor(events);
    const byTopic = new Map<string, OutgoingMessage[]>();
    for (const record of records) byTopic.set(record.topic, [...(byTopic.get(record.topic) ?? []), record]);
    const topicsLastFirst = [...byTopic.keys()].reverse();
    expect(topicsLastFirst.map((t) => t.split('.').at(-2))).toEqual(['investigations', 'referrals']);
    let delivered = 0;
    for (const topic of topicsLastFirst) {
      const batch = byTopic.get(topic) ?? [];
      await publisher.publish(batch);
      delivered += batch.length;
      await eventually(
        `the coordination service to receive ${topic}`,
        async () => (await timelineLength(db)) === delivered,
      );
    }
    // Then the relay runs as usual and publishes the whole log again: the copies are skipped by event id.
    const upcasters = Upcasters.of(...REFERRAL_UPCASTERS);
    const relay = await startRelay(deployment.config('pamoja-relay-order'), upcasters);
    deployment.onStop(() => relay.stop());
    await eventually(
      'the relay to publish the log',
      async () =>
        (await timelineLength(db)) === (await expectedTimelineLength(store)) && relay.relay.status().published > 0,
    );

    const live = await new SqlJointCaseReadModel(db).byId(jointCaseId);
    expect(live).toMatchObject({
      siteCode: 'NK-MAS-014',
      referralIds: [referralId],
      investigationIds: [investigationId],
      agencyIds: ['ngo-kivu-hope', 'pnc-masisi'],
    });
    const liveModel = await readModel(db);

    // Rebuilt from the topics (the coordination service stopped), as `projections rebuild --from-topics`.
    await deployment.service('coordination').shutdown();
    const deadLetters = new KafkaMessagePublisher(kafka);
    try {
      const result = await rebuildFromTopics(
        kafka,
        db,
        { kind: 'projection', projection: jointCaseProjection },
        DEFAULT_CATALOGUE,
        deadLetters,
        undefined,
        { topicPrefix: deployment.topics.prefix },
      );
      expect(result.processed).toBe(result.total);
    } finally {
      await deadLetters.close();
    }
    expect(await new SqlJointCaseReadModel(db).byId(jointCaseId)).toEqual(live);
    expect(await readModel(db)).toEqual(liveModel);

    // Rebuilt from the log as embedded mode builds it.
    const embedded = await PgliteDatabase.open();
    try {
      const projection = sharedProjectionOfLog(jointCaseProjection, DEFAULT_CATALOGUE);
      await new ProjectionRunner(store, embedded, [projection]).rebuild(projection.name);
      expect(await new SqlJointCaseReadModel(embedded).byId(jointCaseId)).toEqual(live);
      expect(await readModel(embedded)).toEqual(liveModel);
    } finally {
      await embedded.close();
    }
  }, 120_000);
});
