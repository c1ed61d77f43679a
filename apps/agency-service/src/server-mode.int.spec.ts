import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { EVENT_STORE, PostgresDatabase, Upcasters, type EventStore } from '@pamoja/event-store';
import { COORDINATION_READ_SCHEMA, jointCaseProjection } from '@pamoja/coordination/infrastructure';
import { DEFAULT_CATALOGUE } from '@pamoja/messaging';
import {
  createKafka,
  DEAD_LETTER_TOPIC,
  kafkaTopic,
  KafkaMessagePublisher,
  listDeadLetters,
  rebuildFromTopics,
  replayDeadLetters,
  startRelay,
  type RelayProcess,
} from '@pamoja/platform/kafka';
import { REFERRAL_UPCASTERS } from '@pamoja/referrals/domain';
import {
  ACCEPT,
  DECLINE,
  submit,
  submitInput,
  testKafka,
  TEST_KAFKA_BROKERS,
  useTestDeployment,
  type GraphqlTestClient,
} from '@pamoja/testing';
import {
  embeddedJointCaseState,
  eventually,
  expectedTimelineLength,
  jointCaseState,
  timelineLength,
} from './server-mode.fixture.js';
import { AgencyServiceModule, type AgencyServiceName } from './service.module.js';

const INV_PAYLOAD = 'investigationId jointCaseId status revision evidenceId suspectId caseFileId';
const OPEN_INVESTIGATION = `mutation($input: OpenInvestigationInput!) { openInvestigation(input: $input) { ${INV_PAYLOAD} } }`;
const RECORD_EVIDENCE = `mutation($input: RecordEvidenceInput!) { recordEvidence(input: $input) { ${INV_PAYLOAD} } }`;
const IDENTIFY_SUSPECT = `mutation($input: IdentifySuspectInput!) { identifySuspect(input: $input) { ${INV_PAYLOAD} } }`;
const TRANSMIT = `mutation($input: TransmitCaseFileInput!) { transmitCaseFile(input: $input) { ${INV_PAYLOAD} } }`;
const CASE_FILES = `query($id: ID!) { investigation(investigationId: $id) {
  caseFiles { caseFileId status acknowledgedAt acknowledgedByAgencyId } } }`;
const RECEIVE_CASE_FILE = `mutation($input: ReceiveCaseFileInput!) { receiveCaseFile(input: $input) { prosecutionId status } }`;

interface InvestigationPayload {
  investigationId: string;
  evidenceId: string | null;
  suspectId: string | null;
  caseFileId: string | null;
}
interface CaseFilesView {
  investigation: {
    caseFiles: {
      caseFileId: string;
      status: string;
      acknowledgedAt: string | null;
      acknowledgedByAgencyId: string | null;
    }[];
  };
}

/** The single payload of a mutation, sent with a fresh command id. */
async function mutate<T>(client: GraphqlTestClient, mutation: string, input: Record<string, unknown>): Promise<T> {
  const data = await client.ok<Record<string, T>>(mutation, { input: { commandId: randomUUID(), ...input } });
  const payload = Object.values(data)[0];
  if (payload === undefined) throw new Error('the mutation returned no payload');
  return payload;
}

/**
 * Server mode against a real broker: the referrals and coordination services as separate applications
 * on one PostgreSQL log, the relay publishing to Kafka, the coordination body's joint view fed only from
 * the topics. Each run has its own database and its own topics.
 */
describe('server mode over Kafka', () => {
  const deployment = useTestDeployment<AgencyServiceName>({
    root: (config, name) => AgencyServiceModule.forRoot(config, name),
    serviceName: (name) => `pamoja-${name}-it`,
    kafka: {},
  });
  let relay: RelayProcess;
  let db: PostgresDatabase;
  let store: EventStore;
  let ngo: GraphqlTestClient;
  let police: GraphqlTestClient;
  let policeInvestigations: GraphqlTestClient;
  let parquet: GraphqlTestClient;

  const caughtUp = async () =>
    eventually(
      'the coordination service to have every shared event of the log',
      async () => (await timelineLength(db)) === (await expectedTimelineLength(store)),
      30000,
      async () => ({ timeline: await timelineLength(db), expected: await expectedTimelineLength(store) }),
    );

  beforeAll(async () => {
    const referrals = await deployment.start('referrals');
    await deployment.start('coordination');
    const investigations = await deployment.start('investigations');
    const prosecutions = await deployment.start('prosecutions');
    const upcasters = Upcasters.of(...REFERRAL_UPCASTERS);
    relay = await startRelay(deployment.config('pamoja-relay-it'), upcasters);
    deployment.onStop(() => relay.stop());
    db = new PostgresDatabase({ connectionString: deployment.databaseUrl });
    deployment.onStop(() => db.close());
    store = referrals.get<EventStore>(EVENT_STORE);

    ngo = referrals.as({
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
    police = referrals.as(policeOfficer);
    policeInvestigations = investigations.as(policeOfficer);
    parquet = prosecutions.as({
      userId: 'mag-1',
      agencyId: 'parquet-goma',
      agencyType: 'prosecutor',
      roles: ['magistrate'],
    });
  }, 120000);

  it("builds the coordination body's joint view from the topics, equal to embedded mode's view of the same log", async () => {
    for (let i = 0; i < 12; i += 1) {
      const { referralId } = await submit(ngo, submitInput());
      const answer = i % 3 === 2 ? DECLINE : ACCEPT;
      await police.ok(answer, {
        input: {
          commandId: randomUUID(),
          referralId,
          ...(answer === DECLINE ? { reason: 'Walikale belongs to another police unit' } : {}),
        },
      });
    }
    await caughtUp();
    const viaKafka = await jointCaseState(db);
    expect(viaKafka.jointCases).toHaveLength(12);
    expect(viaKafka.timeline.length).toBeGreaterThanOrEqual(12 * 3);
    expect(viaKafka).toEqual(await embeddedJointCaseState(store));
    // Nobody's name or the field worker's free text travelled: the user is withheld, the summary left out.
    expect(JSON.stringify(viaKafka)).not.toContain('fr-1');
  });

  it('changes nothing when the same messages are delivered again', async () => {
    const before = await jointCaseState(db);
    const processedBefore = await db.query(`SELECT count(*) AS n FROM messaging_state.processed_events`);
    const events = (await store.readAll({ maxCount: 200 })).events;
    const again = relay.relay.messagesFor(events);
    expect(again.length).toBeGreaterThan(30);
    const publisher = new KafkaMessagePublisher(createKafka({ brokers: TEST_KAFKA_BROKERS, clientId: 'duplicates' }));
    try {
      await publisher.publish(again);
      await publisher.publish(again);
    } finally {
      await publisher.close();
    }
    const admin = testKafka().admin();
    await admin.connect();
    const ends = new Map<string, bigint>();
    for (const topic of [kafkaTopic('pamoja.referrals.v1', deployment.topics.prefix)]) {
      for (const { partition, high } of await admin.fetchTopicOffsets(topic))
        ends.set(`${topic}:${partition}`, BigInt(high));
    }
    await admin.disconnect();
    // The consumer has gone past every copy...
    await eventually('the joint-case consumer to reach the end of the referrals topic', async () => {
      const rows = await db.query<{ topic: string; partition: number; next_offset: string }>(
        `SELECT topic, partition, next_offset FROM messaging_state.partition_checkpoints WHERE consumer = 'coordination.joint-cases'`,
      );
      const at = new Map(rows.map((r) => [`${r.topic}:${r.partition}`, BigInt(r.next_offset)]));
      return [...ends].every(([key, end]) => end === 0n || (at.get(key) ?? 0n) >= end);
    });
    // ...and the view is as it was.
    expect(await jointCaseState(db)).toEqual(before);
    expect(await db.query(`SELECT count(*) AS n FROM messaging_state.processed_events`)).toEqual(processedBefore);
  });

  it('sends a malformed message to the dead-letter topic with its headers, keeps going, and can replay it', async () => {
    const referralsTopic = kafkaTopic('pamoja.referrals.v1', deployment.topics.prefix);
    const publisher = new KafkaMessagePublisher(createKafka({ brokers: TEST_KAFKA_BROKERS, clientId: 'malformed' }));
    try {
      await publisher.publish([
        {
          topic: referralsTopic,
          key: 'case-without-envelope',
          value: Buffer.from('{"referralId": "not a cloud event"'),
          headers: { ce_id: 'broken-1', 'x-origin': 'hand-made' },
        },
      ]);
    } finally {
      await publisher.close();
    }
    // Later messages on the same topic still flow.
    const { referralId } = await submit(ngo, submitInput());
    await caughtUp();
    const rows = await db.query(`SELECT 1 FROM ${COORDINATION_READ_SCHEMA}.timeline WHERE stream_id = $1`, [
      `referral-${referralId}`,
    ]);
    expect(rows.length).toBeGreaterThan(0);

    const kafka = createKafka({ brokers: TEST_KAFKA_BROKERS, clientId: 'dead-letters' });
    // Every consumer of the topic (the joint cases, the meetings' agenda and the prosecutors' case sites, each its
    // own group) keeps its own.
    let letters = await listDeadLetters(kafka, db, deployment.topics.prefix);
    expect(letters.map((l) => l.consumer).sort()).toEqual([
      'coordination.agenda',
      'coordination.joint-cases',
      'prosecutions.case-sites',
    ]);
    const letter = letters.find((l) => l.consumer === 'coordination.joint-cases');
    expect(letter).toMatchObject({
      consumer: 'coordination.joint-cases',
      original: { topic: referralsTopic },
      eventId: 'broken-1',
      replayedAt: undefined,
    });
    expect(letter?.error).toMatch(/not a valid Pamoja CloudEvent/);
    expect(letter?.message.headers).toEqual({ ce_id: 'broken-1', 'x-origin': 'hand-made' });
    expect(letter?.message.value.toString('utf8')).toBe('{"referralId": "not a cloud event"');

    const replayer = new KafkaMessagePublisher(kafka);
    try {
      await replayDeadLetters(replayer, db, letter ? [letter] : [], 'it-operator');
    } finally {
      await replayer.close();
    }
    // Still malformed: back on its topic, every consumer of it dead-letters it again; the replayed one is marked.
    await eventually('the replayed message to be dead-lettered again', async () => {
      letters = await listDeadLetters(kafka, db, deployment.topics.prefix);
      return letters.length === 6;
    });
    expect(letters.filter((l) => l.replayedAt !== undefined)).toEqual([
      expect.objectContaining({ consumer: 'coordination.joint-cases', eventId: 'broken-1' }),
    ]);
    // The dead letters sit in the topic infra/kafka/topics.txt provisions.
    expect(readFileSync('infra/kafka/topics.txt', 'utf8')).toMatch(
      new RegExp(`^${DEAD_LETTER_TOPIC.replaceAll('.', '\\.')}\\s`, 'm'),
    );
  });

  it('rebuilds the joint view by replaying its topics from the beginning', async () => {
    await caughtUp();
    const before = await jointCaseState(db);
    const coordination = deployment.service('coordination');
    await coordination.shutdown();
    const kafka = createKafka({ brokers: TEST_KAFKA_BROKERS, clientId: 'rebuild' });
    const deadLetters = new KafkaMessagePublisher(kafka);
    const seen: number[] = [];
    const started = Date.now();
    try {
      const result = await rebuildFromTopics(
        kafka,
        db,
        { kind: 'projection', projection: jointCaseProjection },
        DEFAULT_CATALOGUE,
        deadLetters,
        (progress) => seen.push(progress.processed),
        { topicPrefix: deployment.topics.prefix },
      );
      expect(result.processed).toBe(result.total);
    } finally {
      await deadLetters.close();
    }
    expect(seen.at(-1)).toBeGreaterThan(0);
    process.stdout.write(`rebuild from topics took ${Date.now() - started} ms\n`);
    expect(await jointCaseState(db)).toEqual(before);
    // The service resumes where the rebuild left off: a new event arrives once.
    await coordination.start();
    await submit(ngo, submitInput());
    await caughtUp();
    expect(await jointCaseState(db)).toEqual(await embeddedJointCaseState(store));
  });

  it("tells the police, through the prosecutions topic, that the prosecutor's office received their case file", async () => {
    const { referralId, jointCaseId } = await submit(ngo, submitInput());
    await police.ok(ACCEPT, { input: { commandId: randomUUID(), referralId } });
    const { investigationId } = await mutate<InvestigationPayload>(policeInvestigations, OPEN_INVESTIGATION, {
      jointCaseId,
      referralId,
      siteCode: 'NK-MAS-014',
      offences: ['FORCED_LABOUR'],
      leadOfficerId: 'opj-masisi-0412',
    });
    const { evidenceId } = await mutate<InvestigationPayload>(policeInvestigations, RECORD_EVIDENCE, {
      investigationId,
      description: 'Photo of the debt ledger',
      kind: 'PHOTO',
      sha256: 'a'.repeat(64),
      collectedAt: new Date(Date.now() - 3600_000).toISOString(),
      collectedBy: 'opj-masisi-0412',
    });
    const { suspectId } = await mutate<InvestigationPayload>(policeInvestigations, IDENTIFY_SUSPECT, {
      investigationId,
      role: 'RECRUITER',
      alias: 'Le Patron',
      description: 'Recruits diggers at the bus station',
      personal: { name: 'Suspect Name Withheld', dateOfBirth: '1979-03-14' },
    });
    const { caseFileId } = await mutate<InvestigationPayload>(policeInvestigations, TRANSMIT, {
      investigationId,
      toProsecutorOfficeId: 'parquet-goma',
      dueBy: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
      summary: 'Debt bondage at pit 4; ledger photo enclosed.',
      evidenceIds: [evidenceId],
      suspectIds: [suspectId],
    });
    await mutate(parquet, RECEIVE_CASE_FILE, {
      jointCaseId,
      caseFileId,
      investigationId,
      fromPoliceAgencyId: 'pnc-masisi',
      suspects: [{ suspectId, role: 'recruiter' }],
    });
    // The investigations service learns it only from Kafka: it shares no read model with the prosecutor.
    const caseFiles = async () =>
      (await policeInvestigations.ok<CaseFilesView>(CASE_FILES, { id: investigationId })).investigation.caseFiles;
    await eventually('the case file to be acknowledged in the investigation', async () =>
      (await caseFiles()).some((f) => f.status === 'ACKNOWLEDGED'),
    );
    expect(await caseFiles()).toEqual([
      expect.objectContaining({ caseFileId, status: 'ACKNOWLEDGED', acknowledgedByAgencyId: 'parquet-goma' }),
    ]);
    await caughtUp();
    const view = await jointCaseState(db);
    const types = view.timeline.filter((t) => t['joint_case_id'] === jointCaseId).map((t) => t['event_type']);
    expect(types).toEqual(
      expect.arrayContaining([
        'InvestigationOpened',
        'CaseFileTransmitted',
        'CaseFileReceived',
        'CaseFileAcknowledgementRecorded',
      ]),
    );
    expect(view).toEqual(await embeddedJointCaseState(store));
  });

  it('runs one active relay: a second one stands by and takes over when the first stops', async () => {
    const upcasters = Upcasters.of(...REFERRAL_UPCASTERS);
    const standby = await startRelay(deployment.config('pamoja-relay-2-it'), upcasters);
    deployment.onStop(() => standby.stop());
    await eventually('the second relay to stand by', () => Promise.resolve(standby.role() === 'standby'));
    expect(relay.role()).toBe('leading');
    const health = await fetch(`${standby.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'standby', role: 'standby' });

    await relay.stop();
    await eventually('the second relay to take over', () => Promise.resolve(standby.role() === 'leading'), 15000);
    await submit(ngo, submitInput());
    await caughtUp();
    expect(await jointCaseState(db)).toEqual(await embeddedJointCaseState(store));
  });
});
