/**
 * Server mode over Kafka: the relay's throughput against a raw Kafka producer sending the same records, and the
 * end-to-end latency from a stored command to the coordination body's joint-case timeline, in one run.
 *
 *   npm run bench:pipeline
 *   BENCH_EVENTS=20000            events appended to the store for the relay measurement (rounded up to whole cases)
 *   BENCH_RUNS=3                  timed relay and raw runs, alternating, after one untimed warm-up of each
 *   BENCH_RATE=200                commands per second for the latency measurement
 *   BENCH_SECONDS=30              its measured window, after BENCH_WARMUP_SECONDS=5
 *   BENCH_CLIENTS=16              concurrent HTTP connections of the load generator
 *   BENCH_STRICT=1                exit 1 when a target is missed
 *   DATABASE_URL, KAFKA_BROKERS   where PostgreSQL (any database: the bench creates its own) and Kafka are
 *
 * Creates its own databases and topics (under random KAFKA_TOPIC_PREFIXes) and removes them at the end, also on
 * failure. Needs `npm run build` first (the script does it): the services and the relay run from dist/.
 * Writes its section of docs/benchmarks.md (see bench-report.ts).
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel, type Producer, type TopicMessages } from 'kafkajs';
import { Logger } from '@nestjs/common';
import pg from 'pg';
import {
  compareLogPositions,
  newId,
  type Actor,
  type LogPosition,
  type NewEvent,
  type RecordedEvent,
} from '@pamoja/contracts';
import { NO_STREAM, PostgresDatabase, SqlEventStore } from '@pamoja/event-store';
import { DEFAULT_CATALOGUE, PUBLISHING_CONTEXTS, topicOf } from '@pamoja/messaging';
import { issueDevToken, loadOrCreateDevIssuer } from '@pamoja/platform/auth';
import { DEMO_AGENCIES, registerAgencies } from '@pamoja/platform/directory';
import { parseServerTiming } from '@pamoja/platform/telemetry';
import {
  createKafka,
  DEAD_LETTER_TOPIC,
  EventRelay,
  KafkaMessagePublisher,
  kafkaTopic,
  type OutgoingMessage,
} from '@pamoja/platform/kafka';
import {
  formatMs,
  formatRate,
  formatRatio,
  loadRow,
  machineRows,
  percentile,
  renderConsoleReport,
  workspaceRoot,
  writeReportSection,
  type BenchReport,
  type Table,
  type Target,
} from './bench-report.js';
import { provisionedTopics } from './provisioned-topics.js';

const ADMIN_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092')
  .split(',')
  .map((b) => b.trim())
  .filter((b) => b !== '');
const EVENTS = Number(process.env.BENCH_EVENTS ?? '20000');
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? '3'));
const BATCH = 1000;
const RATE = Number(process.env.BENCH_RATE ?? '200');
const SECONDS = Number(process.env.BENCH_SECONDS ?? '30');
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? '5');
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? '16');
const POLL_MS = 20;
const DRAIN_SECONDS = 30;
const APPEND_WRITERS = 8;
const RELAY_RATIO_TARGET = 0.7;
const P99_TARGET_MS = 250;
const RATE_TOLERANCE = 0.98;

const ROOT = workspaceRoot();
const DIST = path.join(ROOT, 'dist');

// ---------------------------------------------------------------------------------------------------------------
// Clean-up: everything created is registered here and removed in reverse order, also on failure or Ctrl-C
// ---------------------------------------------------------------------------------------------------------------

const cleanups: { what: string; run: () => Promise<void> }[] = [];
const children = new Set<ChildProcess>();
let cleaning: Promise<void> | undefined;

function onCleanUp(what: string, run: () => Promise<void>): void {
  cleanups.push({ what, run });
}

function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of cleanups.reverse()) {
      try {
        await step.run();
      } catch (error: unknown) {
        console.error(`clean-up: could not ${step.what}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    cleanups.length = 0;
  })();
  return cleaning;
}

// A child must never outlive the bench, whatever ends it.
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

// ---------------------------------------------------------------------------------------------------------------
// PostgreSQL and Kafka fixtures
// ---------------------------------------------------------------------------------------------------------------

async function createDatabase(run: string, purpose: string): Promise<string> {
  const name = `pamoja_bench_${run}_${purpose}`;
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL, connectionTimeoutMillis: 5000 });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  onCleanUp(`drop database ${name}`, async () => {
    const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await client.end();
    }
  });
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function postgresFacts(): Promise<[string, string][]> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error: unknown) {
    throw new Error(
      `PostgreSQL is unreachable (set DATABASE_URL): ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  try {
    const rows = await client.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings WHERE name IN ('server_version', 'synchronous_commit', 'fsync')`,
    );
    const s = Object.fromEntries(rows.rows.map((r) => [r.name, r.setting]));
    return [
      ['PostgreSQL server', `${s.server_version ?? '?'} at ${new URL(ADMIN_DATABASE_URL).host}`],
      ['PostgreSQL settings', `fsync=${s.fsync ?? '?'}, synchronous_commit=${s.synchronous_commit ?? '?'}`],
    ];
  } finally {
    await client.end();
  }
}

/** A quiet client for the bench's own admin work (the code measured logs through its own client). */
function benchKafka(): Kafka {
  return new Kafka({
    clientId: 'pamoja-bench',
    brokers: [...BROKERS],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 3000,
    retry: { retries: 3, initialRetryTime: 200 },
  });
}

/** Partitions per catalogue topic, as infra/kafka/topics.txt provisions them (6, dead letters 3, when absent). */
function provisionedPartitions(): Map<string, number> {
  try {
    return provisionedTopics();
  } catch {
    // fall back to the defaults below
    return new Map();
  }
}

interface Topics {
  readonly prefix: string;
  /** Prefixed names of the context topics (not the dead-letter topic). */
  readonly contextTopics: readonly string[];
}

async function createTopics(kafka: Kafka, prefix: string): Promise<Topics> {
  const provisioned = provisionedPartitions();
  const names = [...PUBLISHING_CONTEXTS.map(topicOf), DEAD_LETTER_TOPIC];
  const topics = names.map((name) => ({
    topic: kafkaTopic(name, prefix),
    numPartitions: provisioned.get(name) ?? (name === DEAD_LETTER_TOPIC ? 3 : 6),
    replicationFactor: 1,
  }));
  const admin = kafka.admin();
  await admin.connect();
  try {
    // kafkajs's own wait for leaders gives up with UNKNOWN_TOPIC_OR_PARTITION when a loaded broker is slow to
    // elect them: create, then ask for the topics' metadata until every partition has a leader.
    await admin.createTopics({ waitForLeaders: false, topics });
    const deadline = Date.now() + 60_000;
    for (;;) {
      const led = await admin.fetchTopicMetadata({ topics: topics.map((t) => t.topic) }).then(
        (metadata) => metadata.topics.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0)),
        () => false,
      );
      if (led) break;
      if (Date.now() > deadline) throw new Error(`the topics under ${prefix} got no leaders within 60 s`);
      await sleep(250);
    }
  } finally {
    await admin.disconnect();
  }
  onCleanUp(`delete the topics under ${prefix}`, async () => {
    const cleanup = kafka.admin();
    await cleanup.connect();
    try {
      await cleanup.deleteTopics({ topics: topics.map((t) => t.topic), timeout: 10000 });
    } finally {
      await cleanup.disconnect();
    }
  });
  return { prefix, contextTopics: PUBLISHING_CONTEXTS.map((c) => kafkaTopic(topicOf(c), prefix)) };
}

/** Records on the topics, summed over their partitions (high watermarks). */
async function recordCount(kafka: Kafka, topics: readonly string[]): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    let total = 0;
    for (const topic of topics) {
      for (const partition of await admin.fetchTopicOffsets(topic)) total += Number(partition.high);
    }
    return total;
  } finally {
    await admin.disconnect();
  }
}

function kafkaVersion(): string {
  try {
    const pom = readFileSync(path.join(ROOT, 'infra', 'kafka', 'pom.xml'), 'utf8');
    return /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pom)?.[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function kafkajsVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'kafkajs', 'package.json'), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Part 1 workload: whole joint cases as the agencies record them, every event one the catalogue shares
// ---------------------------------------------------------------------------------------------------------------

const POLICE: Actor = { userId: 'opj-1', agencyId: 'pnc-masisi', agencyType: 'police', roles: ['investigator'] };
const NGO: Actor = {
  userId: 'fr-1',
  agencyId: 'ngo-kivu-hope',
  agencyType: 'first_responder',
  roles: ['field_worker'],
};
const PARQUET: Actor = {
  userId: 'pr-1',
  agencyId: 'parquet-goma',
  agencyType: 'prosecutor',
  roles: ['prosecutor'],
};
const ASSIST: Actor = {
  userId: 'cw-1',
  agencyId: 'ngo-tumaini',
  agencyType: 'assistance_provider',
  roles: ['caseworker'],
};
const SAEMAPE: Actor = {
  userId: 'in-1',
  agencyId: 'saemape-nk',
  agencyType: 'mining_authority',
  roles: ['inspector'],
};
/** The demonstration sites (the sites service registers them on a new log): referrals name registered sites. */
const SITES = ['NK-MAS-014', 'NK-WAL-002', 'SK-FIZ-001', 'SK-KAL-001'];

interface StreamAppend {
  readonly streamId: string;
  readonly events: NewEvent[];
}

/** One joint case across the five publishing contexts: 24 events in 5 streams. */
function jointCase(n: number): StreamAppend[] {
  const jointCaseId = newId();
  const correlationId = newId();
  const site = SITES[n % SITES.length] ?? 'NK-MAS-014';
  const start = Date.now() - 60 * 86_400_000 + n * 60_000;
  let minute = 0;
  const at = (): string => new Date(start + minute++ * 60_000).toISOString();
  const ev = (actor: Actor, type: string, data: Record<string, unknown>, schemaVersion = 1): NewEvent => ({
    eventId: newId(),
    type,
    schemaVersion,
    data,
    metadata: { actor, correlationId, causationId: null, jointCaseId, occurredAt: at() },
  });
  const referralId = newId();
  const incidentId = newId();
  const investigationId = newId();
  const prosecutionId = newId();
  const assistanceId = newId();
  const evidenceId = newId();
  const suspectId = newId();
  const caseFileId = newId();
  const chargeId = newId();
  const hearingId = newId();
  const submittedAt = at();
  const dueBy = new Date(Date.parse(submittedAt) + 48 * 3600_000).toISOString();
  return [
    {
      streamId: `referral-${referralId}`,
      events: [
        ev(
          NGO,
          'ReferralSubmitted',
          {
            referralId,
            jointCaseId,
            jointCase: 'opened',
            subject: { isChild: n % 3 === 0 },
            childProtectionBasis: false,
            site: { code: site, description: 'Pit 3, below the washing ponds on the road to the river' },
            indicators: ['debt_bondage', 'retention_of_identity_documents'],
            childLabourFlags: n % 3 === 0 ? ['child_in_hazardous_work'] : [],
            urgency: 'urgent',
            fromAgencyId: NGO.agencyId,
            fromAgencyType: NGO.agencyType,
            toAgencyId: POLICE.agencyId,
            toAgencyType: POLICE.agencyType,
            submittedAt,
            dueBy,
            summary: 'Diggers at pit 3 say the team leader keeps their voter cards until their debt is paid.',
          },
          2,
        ),
        ev(NGO, 'TraffickingScreeningAssessed', {
          referralId,
          acts: ['recruitment', 'harbouring'],
          means: ['debt_bondage'],
          purposes: ['forced_labour'],
          personIsChild: n % 3 === 0,
          meansRequired: n % 3 !== 0,
          result: 'indicates_trafficking',
          explanation: 'Recruited with a promise of paid work; documents held against a growing debt.',
          assessedAt: at(),
          byAgencyId: NGO.agencyId,
        }),
        ev(NGO, 'ConsentRecorded', {
          referralId,
          consentId: newId(),
          givenBy: n % 3 === 0 ? 'guardian' : 'self',
          agencyTypes: ['police', 'assistance_provider'],
          purposes: ['assistance', 'investigation'],
          recordedAt: at(),
          byAgencyId: NGO.agencyId,
        }),
        ev(POLICE, 'ReferralAccepted', {
          referralId,
          byAgencyId: POLICE.agencyId,
          acceptedAt: at(),
          note: 'OPJ assigned',
        }),
        ev(POLICE, 'ReferralCompleted', {
          referralId,
          byAgencyId: POLICE.agencyId,
          completedAt: at(),
          outcome: 'Investigation opened',
        }),
      ],
    },
    {
      streamId: `incident-${incidentId}`,
      events: [
        ev(SAEMAPE, 'SiteIncidentReported', {
          incidentId,
          siteId: newId(),
          jointCaseId,
          source: 'whistle_blower',
          description: 'Children seen carrying sacks out of the pit at night.',
          reportedAt: at(),
          byAgencyId: SAEMAPE.agencyId,
        }),
        ev(
          SAEMAPE,
          'SiteIncidentClassified',
          {
            incidentId,
            level: 1 + (n % 3),
            previousLevel: null,
            category: null,
            classifiedAt: at(),
            byAgencyId: SAEMAPE.agencyId,
          },
          2,
        ),
      ],
    },
    {
      streamId: `investigation-${investigationId}`,
      events: [
        ev(POLICE, 'InvestigationOpened', {
          investigationId,
          jointCaseId,
          referralId,
          siteCode: site,
          offences: ['forced_labour', 'trafficking_in_persons'],
          leadAgencyId: POLICE.agencyId,
          leadAgencyType: POLICE.agencyType,
          leadOfficerId: POLICE.userId,
          openedAt: at(),
        }),
        ev(POLICE, 'EvidenceRecorded', {
          investigationId,
          evidenceId,
          description: 'Notebook of debts kept by the team leader',
          kind: 'document',
          sha256: randomBytes(32).toString('hex'),
          collectedAt: at(),
          collectedBy: POLICE.userId,
          custodian: { agencyId: POLICE.agencyId, officerId: POLICE.userId },
        }),
        ev(POLICE, 'EvidenceCustodyTransferred', {
          investigationId,
          evidenceId,
          from: { agencyId: POLICE.agencyId, officerId: POLICE.userId },
          to: { agencyId: 'police-lab-goma', officerId: 'lab-1' },
          at: at(),
          reason: 'Handwriting analysis',
        }),
        ev(POLICE, 'SuspectIdentified', {
          investigationId,
          suspectId,
          role: 'recruiter',
          alias: 'Chef',
          description: 'Team leader at pit 3',
          personal: { name: 'withheld', dateOfBirth: '1980-01-02' },
          identifiedAt: at(),
        }),
        ev(POLICE, 'ArrestMade', {
          investigationId,
          suspectId,
          arrestedAt: at(),
          location: 'Rubaya market',
          legalBasis: 'Warrant of the Parquet',
        }),
        ev(POLICE, 'CaseFileTransmitted', {
          investigationId,
          caseFileId,
          fromAgencyId: POLICE.agencyId,
          toProsecutorOfficeId: PARQUET.agencyId,
          toAgencyType: PARQUET.agencyType,
          transmittedAt: at(),
          dueBy,
          summary: 'Debt bondage at pit 3; one arrest.',
          evidenceIds: [evidenceId],
          suspectIds: [suspectId],
        }),
        ev(PARQUET, 'CaseFileAcknowledgementRecorded', {
          investigationId,
          caseFileId,
          acknowledgedAt: at(),
          byAgencyId: PARQUET.agencyId,
        }),
      ],
    },
    {
      streamId: `prosecution-${prosecutionId}`,
      events: [
        ev(PARQUET, 'CaseFileReceived', {
          prosecutionId,
          jointCaseId,
          caseFileId,
          investigationId,
          fromPoliceAgencyId: POLICE.agencyId,
          officeAgencyId: PARQUET.agencyId,
          receivedAt: at(),
          suspects: [{ suspectId, role: 'recruiter' }],
        }),
        ev(PARQUET, 'ChargesFiled', {
          prosecutionId,
          chargeId,
          suspectId,
          offence: 'forced_labour',
          legalBasis: 'Labour code, art. 326',
          filedAt: at(),
        }),
        ev(PARQUET, 'HearingScheduled', {
          prosecutionId,
          hearingId,
          court: 'Tribunal de grande instance de Goma',
          scheduledFor: at(),
          purpose: 'Hearing of witnesses',
          scheduledAt: at(),
        }),
        ev(PARQUET, 'HearingHeld', { prosecutionId, hearingId, heldAt: at(), outcome: 'Witnesses heard' }),
        ev(PARQUET, 'VerdictRendered', { prosecutionId, chargeId, verdict: 'convicted', renderedAt: at() }),
        ev(PARQUET, 'SentenceImposed', {
          prosecutionId,
          chargeId,
          imprisonmentMonths: 60,
          fine: { amount: 1500.5, currency: 'USD' },
          otherMeasures: 'Ban from running a mining team',
          imposedAt: at(),
        }),
      ],
    },
    {
      streamId: `assistance-${assistanceId}`,
      events: [
        ev(ASSIST, 'VictimRegistered', {
          assistanceId,
          jointCaseId,
          assistingAgencyId: ASSIST.agencyId,
          registeredAt: at(),
          ageGroup: n % 3 === 0 ? '15-17' : '18-24',
          isChild: n % 3 === 0,
          sex: n % 2 === 0 ? 'male' : 'female',
          nationality: 'CD',
          formsOfExploitation: ['forced_labour'],
          agreementToManagePersonalData: true,
          consentGivenBy: n % 3 === 0 ? 'guardian' : 'self',
          personal: {
            fullName: 'withheld',
            dateOfBirth: '2008-03-04',
            phone: '+243 000 000 000',
            currentLocation: 'Transit centre',
          },
        }),
        ev(ASSIST, 'NeedsAssessed', {
          assistanceId,
          byAgencyId: ASSIST.agencyId,
          assessedAt: at(),
          needs: [
            { need: 'shelter', priority: 'urgent' },
            { need: 'medical', priority: 'high' },
          ],
        }),
        ev(ASSIST, 'ServiceProvided', {
          assistanceId,
          serviceId: newId(),
          kind: 'medical',
          providedAt: at(),
          providerAgencyId: 'clinic-rubaya',
          note: 'First consultation',
        }),
        ev(ASSIST, 'AssistanceClosed', {
          assistanceId,
          byAgencyId: ASSIST.agencyId,
          closedAt: at(),
          reason: 'reintegrated',
          note: 'Back with the family in Goma',
        }),
      ],
    },
  ];
}

const EVENTS_PER_CASE = jointCase(0).reduce((sum, s) => sum + s.events.length, 0);

/** Appends whole cases (their streams in order) with several writers; returns the events appended. */
async function appendCases(store: SqlEventStore, cases: number): Promise<number> {
  let next = 0;
  let appended = 0;
  const writer = async (): Promise<void> => {
    for (let n = next++; n < cases; n = next++) {
      for (const stream of jointCase(n)) {
        await store.appendToStream(stream.streamId, stream.events, { expectedRevision: NO_STREAM });
        appended += stream.events.length;
      }
    }
  };
  await Promise.all(Array.from({ length: APPEND_WRITERS }, () => writer()));
  return appended;
}

async function readWholeLog(store: SqlEventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  let after: LogPosition | undefined;
  for (;;) {
    const page = await store.readAll({ ...(after ? { after } : {}), maxCount: 5000 });
    if (page.events.length === 0) return events;
    events.push(...page.events);
    after = page.checkedUpTo;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Part 1: relay against a raw producer
// ---------------------------------------------------------------------------------------------------------------

/** The records of one relay batch, grouped by topic as kafkajs takes them (done before the clock starts). */
function topicBatches(messages: readonly OutgoingMessage[]): TopicMessages[][] {
  const batches: TopicMessages[][] = [];
  for (let i = 0; i < messages.length; i += BATCH) {
    const byTopic = new Map<string, TopicMessages>();
    for (const m of messages.slice(i, i + BATCH)) {
      let entry = byTopic.get(m.topic);
      if (!entry) byTopic.set(m.topic, (entry = { topic: m.topic, messages: [] }));
      entry.messages.push({
        key: m.key,
        value: m.value,
        headers: { ...m.headers },
        ...(m.timestamp === undefined ? {} : { timestamp: m.timestamp }),
      });
    }
    batches.push([...byTopic.values()]);
  }
  return batches;
}

async function rawRun(producer: Producer, batches: readonly TopicMessages[][]): Promise<number> {
  const started = performance.now();
  for (const topicMessages of batches) await producer.sendBatch({ topicMessages, acks: -1 });
  return (performance.now() - started) / 1000;
}

async function relayRun(
  store: SqlEventStore,
  db: PostgresDatabase,
  publisher: KafkaMessagePublisher,
  prefix: string,
  name: string,
  head: LogPosition,
  expected: number,
): Promise<number> {
  const relay = new EventRelay(store, db, publisher, DEFAULT_CATALOGUE, {
    name,
    topicPrefix: prefix,
    batchSize: BATCH,
  });
  const started = performance.now();
  try {
    await relay.start();
    for (;;) {
      const status = relay.status();
      if (status.lastError !== undefined) throw new Error(`the relay failed: ${status.lastError}`);
      if (status.published >= expected && compareLogPositions(status.position, head) >= 0) break;
      if (performance.now() - started > 120_000) throw new Error(`the relay is stuck: ${JSON.stringify(status)}`);
      await sleep(1);
    }
    return (performance.now() - started) / 1000;
  } finally {
    await relay.stop();
  }
}

interface ThroughputFigures {
  readonly events: number;
  readonly cases: number;
  readonly dataBytes: number;
  readonly headerCount: number;
  readonly runs: { raw: number; relay: number }[];
  /** The relay's own read and build of the same log, timed alone: milliseconds per BATCH events. */
  readonly readMs: number;
  readonly buildMs: number;
}

async function measureThroughput(run: string, kafka: Kafka): Promise<ThroughputFigures> {
  const databaseUrl = await createDatabase(run, 'relay');
  const rawTopics = await createTopics(kafka, `bench-${run}-raw`);
  const relayTopics = await createTopics(kafka, `bench-${run}-relay`);

  const db = new PostgresDatabase({ connectionString: databaseUrl, applicationName: 'pamoja-bench' });
  onCleanUp('close the relay database', () => db.close());
  const store = await SqlEventStore.open(db);
  onCleanUp('close the relay store', () => store.close());

  const cases = Math.ceil(EVENTS / EVENTS_PER_CASE);
  process.stdout.write(`appending ${cases} joint cases (${cases * EVENTS_PER_CASE} events)... `);
  const appended = await appendCases(store, cases);
  // A log this size gets its planner statistics from autovacuum within a minute; a bench that fills it in
  // seconds would otherwise measure the planner guessing on an unanalysed table (filtered reads 2-3x
  // slower), which no running deployment sees.
  await db.query('ANALYZE event_store.events');
  const head = await store.headPosition();
  const events = await readWholeLog(store);
  console.log(`${appended} events`);

  // The baseline sends exactly what the relay sends: the relay builds the records.
  const builder = new EventRelay(store, db, new KafkaMessagePublisher(kafka), DEFAULT_CATALOGUE, {
    topicPrefix: rawTopics.prefix,
  });
  const messages = builder.messagesFor(events);
  if (messages.length !== events.length) {
    throw new Error(`only ${messages.length} of ${events.length} events are shared: the workload must be all shared`);
  }
  const batches = topicBatches(messages);
  const dataBytes = messages.reduce((sum, m) => sum + m.value.length, 0) / messages.length;
  const headerCount = Object.keys(messages[0]?.headers ?? {}).length;

  // The same client settings for both sides (the relay process's), and the relay publisher's producer settings.
  const measuredKafka = createKafka({ brokers: BROKERS, clientId: 'pamoja-bench-relay' });
  const producer = measuredKafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  await producer.connect();
  onCleanUp('disconnect the raw producer', () => producer.disconnect());
  const publisher = new KafkaMessagePublisher(measuredKafka);
  onCleanUp('close the relay publisher', () => publisher.close());

  const runs: { raw: number; relay: number }[] = [];
  let relayRuns = 0;
  const raw = async (): Promise<number> => {
    const before = await recordCount(kafka, rawTopics.contextTopics);
    const seconds = await rawRun(producer, batches);
    const written = (await recordCount(kafka, rawTopics.contextTopics)) - before;
    if (written !== messages.length) throw new Error(`the raw producer wrote ${written} of ${messages.length} records`);
    return messages.length / seconds;
  };
  const relay = async (): Promise<number> => {
    const before = await recordCount(kafka, relayTopics.contextTopics);
    const seconds = await relayRun(
      store,
      db,
      publisher,
      relayTopics.prefix,
      `bench-relay-${relayRuns++}`,
      head,
      messages.length,
    );
    const written = (await recordCount(kafka, relayTopics.contextTopics)) - before;
    if (written !== messages.length) throw new Error(`the relay wrote ${written} of ${messages.length} records`);
    return messages.length / seconds;
  };

  process.stdout.write('warm-up (untimed): raw producer, relay... ');
  await raw();
  await relay();
  console.log('done');
  for (let i = 0; i < RUNS; i++) {
    process.stdout.write(`run ${i + 1}/${RUNS}: `);
    let rawRate: number;
    let relayRate: number;
    if (i % 2 === 0) {
      rawRate = await raw();
      relayRate = await relay();
    } else {
      relayRate = await relay();
      rawRate = await raw();
    }
    runs.push({ raw: rawRate, relay: relayRate });
    console.log(
      `raw ${formatRate(rawRate)} events/s, relay ${formatRate(relayRate)} events/s (${formatRatio(relayRate / rawRate)})`,
    );
  }

  // Where the relay's time goes: its read (with its filter) and its build of the records, timed alone.
  const filter = { eventTypes: DEFAULT_CATALOGUE.publishedEventTypes() };
  let readMs = 0;
  let buildMs = 0;
  let pages = 0;
  for (let after: LogPosition | undefined; ;) {
    const t0 = performance.now();
    const page = await store.readAll({ ...(after ? { after } : {}), maxCount: BATCH, filter });
    const t1 = performance.now();
    if (page.events.length === 0) break;
    builder.messagesFor(page.events);
    buildMs += performance.now() - t1;
    readMs += t1 - t0;
    pages++;
    after = page.checkedUpTo;
  }
  return {
    events: messages.length,
    cases,
    dataBytes,
    headerCount,
    runs,
    readMs: readMs / pages,
    buildMs: buildMs / pages,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Part 2: child processes
// ---------------------------------------------------------------------------------------------------------------

interface Child {
  readonly name: string;
  readonly url: string;
  readonly pid: number;
  /** The last lines it wrote, for the error message when it fails. */
  output(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

/** Starts a process from dist/ and waits until its /health answers 200 and `ready` accepts the body. */
async function startChild(
  name: string,
  script: string,
  env: Record<string, string>,
  ready: (health: string) => boolean = () => true,
): Promise<Child> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(DIST, script)], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const lines: string[] = [];
  const keep = (chunk: Buffer): void => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = code ?? (signal ? -1 : null);
      children.delete(child);
      resolve();
    });
  });
  const url = `http://127.0.0.1:${port}`;
  const handle: Child = {
    name,
    url,
    pid: child.pid ?? 0,
    output: () => lines.slice(-40).join('\n'),
    stop: async () => {
      if (exited !== undefined) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    },
  };
  onCleanUp(`stop the ${name}`, () => handle.stop());

  const deadline = performance.now() + 90_000;
  for (;;) {
    if (exited !== undefined) throw new Error(`the ${name} exited (${String(exited)}):\n${handle.output()}`);
    const health = await httpGet(`${url}/health`).catch(() => ({ status: 0, body: '' }));
    if (health.status === 200 && ready(health.body)) return handle;
    if (performance.now() > deadline) throw new Error(`the ${name} is not healthy after 90 s:\n${handle.output()}`);
    await sleep(200);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Part 2: HTTP
// ---------------------------------------------------------------------------------------------------------------

const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });

function httpRequest(
  url: string,
  method: 'GET' | 'POST',
  body?: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; serverTiming?: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method,
        agent,
        headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const timing = response.headers['server-timing'];
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            ...(typeof timing === 'string' ? { serverTiming: timing } : {}),
          });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

function mean(samples: readonly number[]): number {
  return samples.length === 0 ? Number.NaN : samples.reduce((sum, x) => sum + x, 0) / samples.length;
}

function httpGet(url: string): Promise<{ status: number; body: string }> {
  return httpRequest(url, 'GET');
}

const SUBMIT = `mutation Submit($input: SubmitReferralInput!) {
  submitReferral(input: $input) { referralId jointCaseId status revision replayed }
}`;

/** A referral to the police of an adult, with their consent (as a first responder submits it). */
function submitInput(n: number): Record<string, unknown> {
  return {
    commandId: newId(),
    subject: { isChild: null },
    consent: {
      givenBy: 'SELF',
      agencyTypes: ['POLICE', 'ASSISTANCE_PROVIDER'],
      purposes: ['ASSISTANCE', 'INVESTIGATION'],
    },
    site: { code: SITES[n % SITES.length] ?? 'NK-MAS-014' },
    indicators: ['DEBT_BONDAGE', 'RETENTION_OF_IDENTITY_DOCUMENTS'],
    childLabourFlags: ['CHILD_IN_HAZARDOUS_WORK'],
    urgency: 'URGENT',
    toAgencyId: 'pnc-masisi',
    toAgencyType: 'POLICE',
    dueBy: new Date(Date.now() + 48 * 3600_000).toISOString(),
    summary: 'Diggers at pit 3 say the team leader keeps their voter cards until their debt is paid.',
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Part 2: the measurement
// ---------------------------------------------------------------------------------------------------------------

interface Command {
  readonly index: number;
  readonly measured: boolean;
  readonly plannedAt: number;
  sentAt: number;
  ackAt?: number;
  /** The answer's Server-Timing phases (ms): where the service spent the command's time. */
  phases?: Map<string, number>;
  /** When an observer consumer of the referrals topic first saw a record of its joint case. */
  onKafkaAt?: number;
  onKafkaWall?: number;
  visibleAt?: number;
  /** Wall clock (ms): the ReferralSubmitted event's recorded_at in the store, and when it was seen visible. */
  recordedWall?: number;
  visibleWall?: number;
  referralId?: string;
  jointCaseId?: string;
  error?: string;
}

interface ProcessCpu {
  readonly name: string;
  readonly cpuSeconds: number;
}

interface LatencyFigures {
  readonly commands: Command[];
  readonly windowSeconds: number;
  readonly maxScheduleLagMs: number;
  readonly polls: number;
  readonly pollMs: number[];
  readonly relayHealth: string;
  readonly coordinationHealth: string;
  readonly cpu: ProcessCpu[];
  /** The whole machine over the window: every process, ours or not (Linux /proc/stat; NaN elsewhere). */
  readonly machine: {
    readonly busyCoreSeconds: number;
    readonly totalCoreSeconds: number;
    readonly loadBefore: number;
    readonly loadAfter: number;
  };
  /** With referrals still not visible at the end of the drain: how long nothing had become visible. */
  readonly stalledSeconds: number;
}

let clockTicks: number | undefined;

/** CPU seconds a process has used so far (Linux /proc), or NaN. */
async function cpuSecondsOf(pid: number): Promise<number> {
  try {
    clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the line; 12 and 13 after the command name.
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return Number.NaN;
  }
}

/** The servers the pipeline runs on, found by name: every PostgreSQL process and every Kafka broker. */
const SERVERS = [
  { name: 'PostgreSQL (all its processes)', matches: (comm: string) => comm === 'postgres', cmdline: undefined },
  { name: 'Kafka broker(s) (JVM)', matches: (comm: string) => comm === 'java', cmdline: 'kafka.Kafka' },
] as const;

/** CPU seconds used so far per server group, by pid (Linux /proc); empty elsewhere. */
async function serverCpu(): Promise<Map<number, number>[]> {
  const groups = SERVERS.map(() => new Map<number, number>());
  let pids: string[];
  try {
    pids = (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry));
  } catch {
    return groups;
  }
  for (const pid of pids) {
    try {
      const comm = (await readFile(`/proc/${pid}/comm`, 'utf8')).trim();
      const group = SERVERS.findIndex((server) => server.matches(comm));
      const server = SERVERS[group];
      if (!server) continue;
      if (server.cmdline && !(await readFile(`/proc/${pid}/cmdline`, 'utf8')).includes(server.cmdline)) continue;
      groups[group]?.set(Number(pid), await cpuSecondsOf(Number(pid)));
    } catch {
      // the process ended meanwhile
    }
  }
  return groups;
}

/** CPU used between two snapshots: processes started meanwhile count in full, ended ones are lost. */
function serverCpuUsed(before: Map<number, number>[], after: Map<number, number>[]): number[] {
  return after.map((group, g) => {
    let used = 0;
    for (const [pid, seconds] of group) used += seconds - (before[g]?.get(pid) ?? 0);
    return used;
  });
}

/** CPU time of the whole machine so far, in core-seconds: busy and total (Linux /proc/stat), or NaN. */
async function machineCpu(): Promise<{ busy: number; total: number }> {
  try {
    clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    const line = (await readFile('/proc/stat', 'utf8')).split('\n')[0] ?? '';
    const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
    const total = ticks.reduce((sum, t) => sum + t, 0);
    // idle and iowait
    const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
    return { busy: (total - idle) / clockTicks, total: total / clockTicks };
  } catch {
    return { busy: Number.NaN, total: Number.NaN };
  }
}

/**
 * The agencies the load names, in the directory before the first command, as the coordination body would have
 * registered them (commands naming others are refused). Its sites are the demonstration sites, which the sites
 * service registers on a new log.
 */
async function registerDirectory(databaseUrl: string): Promise<void> {
  const db = new PostgresDatabase({ connectionString: databaseUrl, applicationName: 'pamoja-bench-directory' });
  const store = await SqlEventStore.open(db);
  try {
    await registerAgencies(store, [
      ...DEMO_AGENCIES,
      { agencyId: ASSIST.agencyId, agencyType: ASSIST.agencyType, name: 'Tumaini (bench)' },
      { agencyId: 'police-lab-goma', agencyType: 'police', name: 'Police lab (bench)' },
    ]);
  } finally {
    await store.close();
    await db.close();
  }
}

async function measureLatency(run: string, kafka: Kafka): Promise<LatencyFigures> {
  const databaseUrl = await createDatabase(run, 'e2e');
  await registerDirectory(databaseUrl);
  const topics = await createTopics(kafka, `bench-${run}-e2e`);
  onCleanUp('delete the coordination consumer group', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.deleteGroups([kafkaTopic('pamoja.coordination.joint-cases', topics.prefix)]);
    } finally {
      await admin.disconnect();
    }
  });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'pamoja-bench-'));
  onCleanUp('remove the data directory', () => rm(dataDir, { recursive: true, force: true }));
  const keys = await loadOrCreateDevIssuer(dataDir);
  const token = await issueDevToken(keys, NGO);

  const env = {
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: BROKERS.join(','),
    KAFKA_TOPIC_PREFIX: topics.prefix,
    PAMOJA_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    // The load generator is one user at 200 commands/s: the per-user limit is not what is measured.
    PAMOJA_RATE_LIMIT_PER_MINUTE: '0',
  };
  const agencyService = path.join('apps', 'agency-service', 'src', 'main.js');
  process.stdout.write('starting the sites, referrals and coordination services and the relay... ');
  // One at a time: each migrates its schemas on start.
  // The sites service first: on a new log it registers the demonstration sites the load's referrals name.
  await startChild('sites service', agencyService, { ...env, PAMOJA_SERVICE: 'sites' });
  const referrals = await startChild('referrals service', agencyService, { ...env, PAMOJA_SERVICE: 'referrals' });
  const coordination = await startChild('coordination service', agencyService, {
    ...env,
    PAMOJA_SERVICE: 'coordination',
  });
  // A relay on standby is healthy too: wait until it leads (holds the relay lock) and publishes.
  const relay = await startChild('relay', path.join('apps', 'relay', 'src', 'main.js'), env, (body) => {
    const health = JSON.parse(body) as { role?: string };
    return health.role === undefined || health.role === 'leading';
  });
  console.log('healthy');

  // Observes the referrals topic in a group of its own, to split the latency at Kafka.
  const onKafka = new Map<string, { at: number; wall: number }>();
  const observerGroup = kafkaTopic('pamoja.bench.observer', topics.prefix);
  const observer = kafka.consumer({ groupId: observerGroup, maxWaitTimeInMs: 50 });
  onCleanUp('delete the observer consumer group', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.deleteGroups([observerGroup]);
    } finally {
      await admin.disconnect();
    }
  });
  onCleanUp('stop the observer consumer', () => observer.disconnect());
  await observer.connect();
  const joined = new Promise<void>((resolve) => {
    observer.on(observer.events.GROUP_JOIN, () => {
      resolve();
    });
  });
  await observer.subscribe({ topics: [kafkaTopic(topicOf('referrals'), topics.prefix)], fromBeginning: true });
  await observer.run({
    eachBatch: ({ batch }) => {
      const now = { at: performance.now(), wall: Date.now() };
      for (const message of batch.messages) {
        const key = message.key?.toString('utf8');
        if (key && !onKafka.has(key)) onKafka.set(key, now);
      }
      return Promise.resolve();
    },
  });
  let joinTimer: NodeJS.Timeout | undefined;
  await Promise.race([
    joined,
    new Promise<never>((_, reject) => {
      joinTimer = setTimeout(() => {
        reject(new Error('the observer consumer did not join its group within 30 s'));
      }, 30_000);
    }),
  ]).finally(() => {
    clearTimeout(joinTimer);
  });

  const poller = new pg.Client({ connectionString: databaseUrl });
  await poller.connect();
  onCleanUp('close the polling connection', () => poller.end());

  const graphql = `${referrals.url}/graphql`;
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const commands: Command[] = [];
  const pending = new Map<string, Command>();
  let inFlight = 0;
  // Set when the drain ends: what arrives later (or fails because the services stop) no longer counts.
  let frozen = false;

  const send = (command: Command): void => {
    inFlight++;
    command.sentAt = performance.now();
    const body = JSON.stringify({ query: SUBMIT, variables: { input: submitInput(command.index) } });
    httpRequest(graphql, 'POST', body, headers)
      .then((response) => {
        if (frozen) return;
        command.ackAt = performance.now();
        command.phases = parseServerTiming(response.serverTiming);
        const parsed = JSON.parse(response.body) as {
          data?: { submitReferral?: { referralId: string; jointCaseId: string | null } } | null;
          errors?: unknown[];
        };
        const result = parsed.data?.submitReferral;
        if (response.status !== 200 || !result?.jointCaseId) {
          command.error = `HTTP ${response.status}: ${response.body.slice(0, 300)}`;
          return;
        }
        command.referralId = result.referralId;
        command.jointCaseId = result.jointCaseId;
        pending.set(result.jointCaseId, command);
      })
      .catch((error: unknown) => {
        if (frozen) return;
        command.ackAt = performance.now();
        command.error = error instanceof Error ? error.message : String(error);
      })
      .finally(() => {
        inFlight--;
      });
  };

  // Polls the timeline for every acknowledged referral not yet seen, one query each POLL_MS.
  let polling = true;
  let polls = 0;
  const pollMs: number[] = [];
  const poll = async (): Promise<void> => {
    while (polling) {
      const started = performance.now();
      if (pending.size > 0) {
        const result = await poller.query<{ joint_case_id: string; stream_id: string; recorded_ms: number }>(
          `SELECT t.joint_case_id, t.stream_id, extract(epoch FROM e.recorded_at)::float8 * 1000 AS recorded_ms
           FROM coordination_read.timeline t JOIN event_store.events e ON e.event_id = t.event_id::uuid
           WHERE t.joint_case_id = ANY($1::text[]) AND t.event_type = 'ReferralSubmitted'`,
          [[...pending.keys()]],
        );
        const seen = performance.now();
        const seenWall = Date.now();
        polls++;
        pollMs.push(seen - started);
        for (const row of result.rows) {
          const command = pending.get(row.joint_case_id);
          if (!command) continue;
          if (row.stream_id !== `referral-${command.referralId ?? ''}`) {
            command.error = `the timeline shows ${row.stream_id} for referral ${command.referralId ?? '?'}`;
          }
          command.visibleAt = seen;
          command.visibleWall = seenWall;
          command.recordedWall = row.recorded_ms;
          pending.delete(row.joint_case_id);
        }
      }
      const wait = POLL_MS - (performance.now() - started);
      if (wait > 0) await sleep(wait);
    }
  };
  let pollError: Error | undefined;
  const polled = poll().catch((error: unknown) => {
    pollError = error instanceof Error ? error : new Error('polling the timeline failed', { cause: error });
  });

  // Open loop: each command goes at its planned time, whatever happened to the ones before it.
  const interval = 1000 / RATE;
  const warmup = Math.round(WARMUP_SECONDS * RATE);
  const total = warmup + Math.round(SECONDS * RATE);
  const cpuNames = [referrals, coordination, relay];
  let maxScheduleLagMs = 0;
  // CPU counters of the machine, the servers and our processes; taken without holding up the schedule.
  const snapshot = async () => {
    const bench = process.cpuUsage();
    const load = os.loadavg()[0] ?? Number.NaN;
    const [processes, machine, servers] = await Promise.all([
      Promise.all(cpuNames.map((c) => cpuSecondsOf(c.pid))),
      machineCpu(),
      serverCpu(),
    ]);
    return { bench, load, processes, machine, servers };
  };
  let before: ReturnType<typeof snapshot> | undefined;
  process.stdout.write(`sending ${RATE} submitReferral commands/s: ${WARMUP_SECONDS} s warm-up, then ${SECONDS} s... `);
  const start = performance.now() + 50;
  for (let i = 0; i < total; i++) {
    const plannedAt = start + i * interval;
    const wait = plannedAt - performance.now();
    if (wait > 1) await sleep(wait - 0.5);
    while (performance.now() < plannedAt) {
      // the last fraction of a millisecond
    }
    if (i === warmup) before = snapshot();
    const command: Command = { index: i, measured: i >= warmup, plannedAt, sentAt: 0 };
    commands.push(command);
    send(command);
    maxScheduleLagMs = Math.max(maxScheduleLagMs, command.sentAt - plannedAt);
  }
  const windowSeconds = (performance.now() - (start + warmup * interval)) / 1000;
  const after = await snapshot();
  const first = await (before ?? snapshot());
  const cpuBefore = first.processes;
  const cpuAfter = after.processes;
  const benchCpu = { user: after.bench.user - first.bench.user, system: after.bench.system - first.bench.system };
  const machineBefore = first.machine;
  const machineAfter = after.machine;
  const serversUsed = serverCpuUsed(first.servers, after.servers);
  const loadBefore = first.load;
  const loadAfter = after.load;
  console.log('done');

  process.stdout.write('waiting for the last commands to reach the timeline... ');
  const drainUntil = performance.now() + DRAIN_SECONDS * 1000;
  while ((inFlight > 0 || pending.size > 0) && performance.now() < drainUntil) await sleep(20);
  frozen = true;
  polling = false;
  await polled;
  if (pollError) throw pollError;
  const lastVisibleAt = Math.max(start, ...commands.map((c) => c.visibleAt ?? 0));
  for (const command of commands) {
    const seen = command.jointCaseId ? onKafka.get(command.jointCaseId) : undefined;
    if (seen) {
      command.onKafkaAt = seen.at;
      command.onKafkaWall = seen.wall;
    }
  }
  const stalledSeconds = pending.size > 0 ? (performance.now() - lastVisibleAt) / 1000 : 0;
  console.log(pending.size === 0 && inFlight === 0 ? 'done' : `${pending.size + inFlight} never arrived`);

  const relayHealth = await httpGet(`${relay.url}/health`).then(
    (r) => r.body,
    (error: unknown) => String(error),
  );
  const coordinationHealth = await httpGet(`${coordination.url}/health`).then(
    (r) => r.body,
    (error: unknown) => String(error),
  );
  const cpu: ProcessCpu[] = cpuNames.map((c, i) => ({
    name: c.name,
    cpuSeconds: (cpuAfter[i] ?? Number.NaN) - (cpuBefore[i] ?? Number.NaN),
  }));
  cpu.push({ name: 'bench (load and polling)', cpuSeconds: (benchCpu.user + benchCpu.system) / 1e6 });
  SERVERS.forEach((server, g) => cpu.push({ name: server.name, cpuSeconds: serversUsed[g] ?? Number.NaN }));
  const machine = {
    busyCoreSeconds: machineAfter.busy - machineBefore.busy,
    totalCoreSeconds: machineAfter.total - machineBefore.total,
    loadBefore,
    loadAfter,
  };

  for (const child of [relay, coordination, referrals]) await child.stop();
  return {
    commands,
    windowSeconds,
    maxScheduleLagMs,
    polls,
    pollMs,
    relayHealth,
    coordinationHealth,
    cpu,
    machine,
    stalledSeconds,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------------------------

function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** The middle value for an odd count, the mean of the two middle values for an even count. */
function trueMedian(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function healthSummary(relayBody: string, coordinationBody: string): string[] {
  const notes: string[] = [];
  try {
    const relay = JSON.parse(relayBody) as { role?: string; state?: string; published?: number; lastError?: string };
    notes.push(
      `Relay /health after the run: ${relay.role ? `${relay.role}, ` : ''}state ${relay.state ?? '?'}, ` +
        `${formatRate(relay.published ?? Number.NaN)} records published` +
        `${relay.lastError ? `, last error: ${relay.lastError}` : ''}.`,
    );
  } catch {
    notes.push(`Relay /health after the run: ${relayBody.slice(0, 200)}`);
  }
  try {
    const health = JSON.parse(coordinationBody) as {
      status?: string;
      details?: { sharedEvents?: Record<string, { state?: string; processed?: number; deadLettered?: number }> };
    };
    const consumers = Object.entries(health.details?.sharedEvents ?? {}).filter(([key]) => key !== 'status');
    notes.push(
      `Coordination service /health after the run: ${health.status ?? '?'}; ` +
        consumers
          .map(
            ([name, s]) =>
              `${name} ${s.state ?? '?'}, ${formatRate(s.processed ?? Number.NaN)} events processed, ` +
              `${formatRate(s.deadLettered ?? Number.NaN)} dead-lettered`,
          )
          .join('; ') +
        '.',
    );
  } catch {
    notes.push(`Coordination service /health after the run: ${coordinationBody.slice(0, 200)}`);
  }
  return notes;
}

async function main(): Promise<void> {
  const started = performance.now();
  const date = new Date();
  const run = randomBytes(5).toString('hex');
  // The measured code logs through the framework's logger: keep its start-up warnings out of the figures.
  Logger.overrideLogger(['error']);
  const environment: [string, string][] = machineRows();
  environment.push(loadRow());
  environment.push(...(await postgresFacts()));
  const kafka = benchKafka();
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    environment.push([
      'Kafka',
      `${kafkaVersion()} (KRaft) at ${BROKERS.join(',')}, ${cluster.brokers.length} broker(s); client kafkajs ${kafkajsVersion()}`,
    ]);
  } catch (error: unknown) {
    throw new Error(
      `Kafka does not answer at ${BROKERS.join(',')} (set KAFKA_BROKERS or run infra/kafka/start.sh): ` +
        (error instanceof Error ? error.message : String(error)),
      { cause: error },
    );
  } finally {
    await admin.disconnect();
  }

  console.log(`== relay throughput (${EVENTS} events, ${RUNS} runs)`);
  const throughput = await measureThroughput(run, kafka);
  console.log(`\n== end-to-end latency (${RATE} commands/s for ${SECONDS} s)`);
  const latency = await measureLatency(run, kafka);

  // Throughput figures
  const rawRates = throughput.runs.map((r) => r.raw);
  const relayRates = throughput.runs.map((r) => r.relay);
  const ratios = throughput.runs.map((r) => r.relay / r.raw);
  const ratio = trueMedian(ratios);
  const throughputTable: Table = {
    title: `Relay throughput: ${throughput.events.toLocaleString('en-US')} events of ${throughput.cases} joint cases, batches of ${BATCH}`,
    columns: ['Run', 'Raw producer events/s', 'Relay events/s', 'Relay / raw'],
    align: ['left', 'right', 'right', 'right'],
    rows: [
      ...throughput.runs.map((r, i) => [
        `${i + 1} (${i % 2 === 0 ? 'raw first' : 'relay first'})`,
        formatRate(r.raw),
        formatRate(r.relay),
        formatRatio(r.relay / r.raw),
      ]),
      ['median', formatRate(trueMedian(rawRates)), formatRate(trueMedian(relayRates)), formatRatio(ratio)],
    ],
  };
  const perBatch = (rate: number): number => (BATCH / rate) * 1000;
  const relayBatchMs = perBatch(trueMedian(relayRates));
  const publishMs = perBatch(trueMedian(rawRates));
  const breakdownTable: Table = {
    title: `Where the relay's time goes, per batch of ${BATCH} events`,
    columns: ['Step', 'Time', 'Share'],
    align: ['left', 'right', 'right'],
    rows: [
      ['Read the page from the log (readAll with its filter), timed alone', throughput.readMs],
      ['Build the records (catalogue mapping, CloudEvents binary mode), timed alone', throughput.buildMs],
      ['Publish them (the raw producer, median)', publishMs],
      ['Rest: checkpoint write, hand-over, noise', relayBatchMs - throughput.readMs - throughput.buildMs - publishMs],
      ['Relay, one batch (median)', relayBatchMs],
    ].map(([step, ms]) => [String(step), formatMs(Number(ms)), `${Math.round((Number(ms) / relayBatchMs) * 100)}%`]),
  };

  // Latency figures
  const measured = latency.commands.filter((c) => c.measured);
  const acknowledged = measured.filter((c) => c.ackAt !== undefined && c.error === undefined);
  const failed = measured.filter((c) => c.error !== undefined);
  const unanswered = measured.filter((c) => c.ackAt === undefined);
  const visible = acknowledged.filter((c) => c.visibleAt !== undefined);
  const lost = acknowledged.length - visible.length;
  const e2e = visible.map((c) => (c.visibleAt ?? 0) - (c.ackAt ?? 0));
  const commandLatency = acknowledged.map((c) => (c.ackAt ?? 0) - c.sentAt);
  const fromStore = visible.map((c) => (c.visibleWall ?? 0) - (c.recordedWall ?? 0));
  const split = visible.filter((c) => c.onKafkaAt !== undefined);
  const toKafka = split.map((c) => (c.onKafkaAt ?? 0) - (c.ackAt ?? 0));
  const fromKafka = split.map((c) => (c.visibleAt ?? 0) - (c.onKafkaAt ?? 0));
  const storeToKafka = split.map((c) => (c.onKafkaWall ?? 0) - (c.recordedWall ?? 0));
  const firstSent = Math.min(...measured.map((c) => c.sentAt));
  const lastSent = Math.max(...measured.map((c) => c.sentAt));
  const sentRate = (measured.length - 1) / ((lastSent - firstSent) / 1000);
  // Answers that arrived inside the measured window (to any command): the rate the service kept up.
  const windowEnd = firstSent + latency.windowSeconds * 1000;
  const answeredInWindow = latency.commands.filter(
    (c) => c.ackAt !== undefined && c.error === undefined && c.ackAt >= firstSent && c.ackAt < windowEnd,
  ).length;
  const ackRate = answeredInWindow / latency.windowSeconds;
  const p99 = lost > 0 ? Number.POSITIVE_INFINITY : percentile(e2e, 99);
  const latencyTable: Table = {
    title: `End-to-end: submitReferral acknowledged → row in coordination_read.timeline (${SECONDS} s at ${RATE}/s)`,
    columns: ['Measure', 'Value'],
    align: ['left', 'right'],
    rows: [
      ['Commands sent (measured window)', formatRate(measured.length)],
      ['Send rate', `${sentRate.toFixed(1)}/s`],
      ['Acknowledgements per second during the window', `${ackRate.toFixed(1)}/s`],
      ['Failed commands', formatRate(failed.length)],
      [`Unanswered ${DRAIN_SECONDS} s after the last send`, formatRate(unanswered.length)],
      [`Acknowledged but not visible ${DRAIN_SECONDS} s after the last send`, formatRate(lost)],
      ['Largest lag of a send behind its schedule', formatMs(latency.maxScheduleLagMs)],
      [
        'Command latency (send → acknowledged) p50 / p99',
        `${formatMs(percentile(commandLatency, 50))} / ${formatMs(percentile(commandLatency, 99))}`,
      ],
      ['Acknowledged → visible p50', formatMs(percentile(e2e, 50))],
      ['Acknowledged → visible p95', formatMs(percentile(e2e, 95))],
      ['Acknowledged → visible p99', formatMs(percentile(e2e, 99))],
      ['Acknowledged → visible max', formatMs(Math.max(...e2e))],
      [
        'Recorded in the store (recorded_at) → visible p50 / p95 / p99 / max',
        [50, 95, 99, 100].map((p) => formatMs(percentile(fromStore, p))).join(' / '),
      ],
      [
        'of which recorded → on Kafka (the relay; observer consumer) p50 / p99',
        `${formatMs(percentile(storeToKafka, 50))} / ${formatMs(percentile(storeToKafka, 99))}`,
      ],
      [
        'of which on Kafka → visible (the coordination consumer) p50 / p99',
        `${formatMs(percentile(fromKafka, 50))} / ${formatMs(percentile(fromKafka, 99))}`,
      ],
      [
        'Acknowledged → on Kafka p50 / p99 (negative: published before the answer arrived)',
        `${formatMs(percentile(toKafka, 50))} / ${formatMs(percentile(toKafka, 99))}`,
      ],
      [
        'Timeline polls (query time p50 / p99)',
        `${formatRate(latency.polls)} (${formatMs(median(latency.pollMs))} / ${formatMs(percentile(latency.pollMs, 99))})`,
      ],
    ],
  };
  const { machine } = latency;
  const ours = latency.cpu.reduce((sum, p) => sum + p.cpuSeconds, 0);
  const cpuRows: [string, number][] = [
    ...latency.cpu.map((p): [string, number] => [p.name, p.cpuSeconds]),
    ['everything else on the machine (the kernel, other work)', machine.busyCoreSeconds - ours],
    ['whole machine busy', machine.busyCoreSeconds],
    ['whole machine capacity', machine.totalCoreSeconds],
  ];
  const cpuTable: Table = {
    title:
      `CPU during the measured window (${latency.windowSeconds.toFixed(1)} s, ${os.availableParallelism()} cores; ` +
      `1-minute load average ${machine.loadBefore.toFixed(1)} at its start, ${machine.loadAfter.toFixed(1)} at its end)`,
    columns: ['Process', 'CPU seconds', 'Cores used'],
    align: ['left', 'right', 'right'],
    rows: cpuRows.map(([name, seconds]) => [
      name,
      Number.isFinite(seconds) ? seconds.toFixed(1) : 'n/a',
      Number.isFinite(seconds) ? (seconds / latency.windowSeconds).toFixed(2) : 'n/a',
    ]),
  };

  const rateHeld =
    sentRate >= RATE * RATE_TOLERANCE &&
    ackRate >= RATE * RATE_TOLERANCE &&
    failed.length === 0 &&
    unanswered.length === 0;
  const targets: Target[] = [
    {
      description: `Relay ≥ ${RELAY_RATIO_TARGET}× a raw producer sending the same records (median of ${RUNS} runs)`,
      actual: `${formatRatio(ratio)} (${formatRate(trueMedian(relayRates))} vs ${formatRate(trueMedian(rawRates))} events/s)`,
      met: ratio >= RELAY_RATIO_TARGET,
    },
    {
      description: `${RATE} commands/s held (≥ ${Math.round(RATE_TOLERANCE * 100)}% sent and acknowledged, none failed)`,
      actual:
        `${sentRate.toFixed(1)}/s sent, ${ackRate.toFixed(1)}/s acknowledged, ${failed.length} failed, ` +
        `${unanswered.length} unanswered; command latency p99 ${formatMs(percentile(commandLatency, 99))}`,
      met: rateHeld,
    },
    {
      description: `Acknowledged → visible in the joint-case timeline p99 < ${P99_TARGET_MS} ms`,
      actual:
        (lost > 0 ? `${lost} not visible in time; p99 of the rest ${formatMs(percentile(e2e, 99))}` : formatMs(p99)) +
        ` (from recorded_at: ${formatMs(percentile(fromStore, 99))})`,
      met: p99 < P99_TARGET_MS,
    },
  ];

  // Where an acknowledged command's time went: the service's own phases, what they leave of its total, and the
  // time the command spent outside the service (waiting for one of the connections, the network, the bench's loop).
  const phaseOf = (c: Command, phase: string): number => c.phases?.get(phase) ?? 0;
  const named = ['checks', 'store', 'wait', 'audit'];
  const timed = acknowledged.filter((c) => c.phases?.has('total'));
  const phaseRows: [string, number[]][] = [
    ['checks: the directory, the case’s persons (before the decision)', timed.map((c) => phaseOf(c, 'checks'))],
    ['store: read the stream, decide, encrypt, append', timed.map((c) => phaseOf(c, 'store'))],
    ['wait: the service’s read models reach the command’s events', timed.map((c) => phaseOf(c, 'wait'))],
    ['audit: the audit entry written (its batch committed)', timed.map((c) => phaseOf(c, 'audit'))],
    [
      'rest of the service: HTTP, token, GraphQL, access policy, JSON',
      timed.map((c) => phaseOf(c, 'total') - named.reduce((sum, phase) => sum + phaseOf(c, phase), 0)),
    ],
    ['the service in all (Server-Timing total)', timed.map((c) => phaseOf(c, 'total'))],
    [
      'outside the service: waiting for a connection, the network, the bench',
      timed.map((c) => (c.ackAt ?? 0) - c.sentAt - phaseOf(c, 'total')),
    ],
  ];
  const phasesTable: Table = {
    title: `Where an acknowledged command's time went (${timed.length.toLocaleString('en-US')} commands; the referrals service's Server-Timing)`,
    columns: ['Phase', 'p50', 'p99', 'mean', "Share of the service's mean"],
    align: ['left', 'right', 'right', 'right', 'right'],
    rows: (() => {
      const overall = timed.map((c) => (c.ackAt ?? 0) - c.sentAt);
      const serviceMean = mean(timed.map((c) => phaseOf(c, 'total')));
      const withinService = phaseRows.length - 1;
      return [...phaseRows, ['send → acknowledged, in all', overall] as [string, number[]]].map(
        ([name, samples], row) => [
          name,
          formatMs(percentile(samples, 50)),
          formatMs(percentile(samples, 99)),
          formatMs(mean(samples)),
          row < withinService && serviceMean > 0 ? `${Math.round((mean(samples) / serviceMean) * 100)}%` : '',
        ],
      );
    })(),
  };

  const firstError = failed[0]?.error;
  const report: BenchReport = {
    id: 'pipeline',
    title: 'Server mode over Kafka (bench:pipeline)',
    command: 'npm run bench:pipeline',
    date,
    environment,
    method: [
      `**Relay throughput.** ${throughput.events.toLocaleString('en-US')} events of ${throughput.cases} joint cases ` +
        `(${EVENTS_PER_CASE} events each in five streams: referral, site incident, investigation, prosecution, ` +
        'assistance; every one an event type the integration catalogue shares, so every event becomes one record) are ' +
        `appended to a fresh PostgreSQL database, then analysed (as autovacuum will have done by the time a log that size is read in a deployment; unanalysed, the filtered reads are 2-3× slower). Records carry on average ${Math.round(throughput.dataBytes)} bytes ` +
        `of data and ${throughput.headerCount} CloudEvents headers, keyed by joint case over 6 partitions per topic. ` +
        "The baseline is a kafkajs producer with the relay publisher's settings (idempotent, one request in flight, " +
        `acks from all in-sync replicas) sending exactly the records the relay builds (\`EventRelay.messagesFor\`), ` +
        `built and grouped by topic before the clock starts, ${BATCH} per \`sendBatch\`, one batch after the other. ` +
        `The relay is \`EventRelay\` from checkpoint 0 with a \`KafkaMessagePublisher\` (batch size ${BATCH}): it reads ` +
        'the log, builds the records, publishes them and writes its checkpoint, batch after batch; its time runs from ' +
        '`start()` until its position reaches the head of the log with every record published. Both write into ' +
        'topics of their own on the same broker, with the same client settings; record counts on the topics are ' +
        `checked after every run. One untimed warm-up of each side, then ${RUNS} timed runs each, alternating which ` +
        'side goes first; the ratio is the median of the per-run ratios.',
      '**End-to-end latency.** The referrals service, the coordination service and the relay run as their own ' +
        'processes from `dist/` on a fresh database and topics of their own (`KAFKA_TOPIC_PREFIX`), as in server ' +
        `mode. The load generator sends \`submitReferral\` mutations as a first responder on a fixed schedule of ` +
        `${RATE}/s over up to ${CLIENTS} keep-alive connections, open loop (each command goes at its planned time ` +
        `whether or not earlier ones were answered), ${WARMUP_SECONDS} s of warm-up and then ${SECONDS} s measured. ` +
        'A command is acknowledged when its response arrives: its events are stored, and the service answers only ' +
        'once its own read models have caught up with them, so the records are often on Kafka before the answer ' +
        "arrives. The stricter figure therefore starts at the ReferralSubmitted event's `recorded_at` in the store " +
        '(the database and the bench share the host clock). One query every ' +
        `${POLL_MS} ms looks for the ReferralSubmitted rows of all acknowledged, not yet seen referrals in ` +
        '`coordination_read.timeline`, which the coordination service fills from Kafka; a referral is visible when ' +
        'the query that first returns it has answered. The figure is therefore an upper bound, by up to one poll ' +
        'interval plus the query time. The path measured: the append commits and notifies, the relay wakes, reads, ' +
        'publishes and checkpoints; the coordination consumer fetches, applies the batch with its partition ' +
        'checkpoint in one transaction and commits the offset. To split it, a consumer of the bench in a group of ' +
        'its own notes when it first receives a record of each joint case from the referrals topic ("on Kafka"); ' +
        'that point includes its own fetch delay, so the two parts are approximate.',
      "The relay breakdown times the relay's own read (`readAll` with its filter, pages of the batch size) and " +
        "build (`messagesFor`) of the same log alone, after the runs; publishing is the raw producer's time per " +
        "batch, and the rest (checkpoint write, waiting) is what remains of the relay's time per batch.",
      "Where a command's time went comes from each answer's `Server-Timing` header, which the service writes: its " +
        'checks before the decision, the decision and append, the wait for its own read models (read-your-writes), ' +
        'the audit entry, and its total from the request read to the answer written; the rest of the total is the ' +
        "HTTP, token, GraphQL, policy and JSON work. What the bench measured beyond the service's total is time " +
        "outside it: a command waits for one of the 16 connections when all are busy, so past the service's " +
        'capacity that row is the queue.',
      'All processes, PostgreSQL and the Kafka broker share the machine below, with whatever else runs on it: ' +
        'the CPU table shows how busy the whole machine was during the measured window.',
    ],
    tables: [throughputTable, breakdownTable, latencyTable, phasesTable, cpuTable],
    targets,
    notes: [
      ...(latency.stalledSeconds >= 5
        ? [
            `Nothing reached the timeline during the last ${latency.stalledSeconds.toFixed(0)} s of the drain ` +
              `although ${lost} acknowledged referrals had not: the path stopped moving (compare what the relay ` +
              'published with what the coordination consumer processed).',
          ]
        : []),
      ...healthSummary(latency.relayHealth, latency.coordinationHealth),
      ...(firstError ? [`First failed command: ${firstError}`] : []),
      `Total bench time: ${((performance.now() - started) / 1000).toFixed(0)} s.`,
    ],
  };

  console.log(`\n${renderConsoleReport(report)}\n`);
  console.log(targets.map((t) => `${t.met ? 'PASS' : 'MISS'}  ${t.description}: ${t.actual}`).join('\n'));
  const file = await writeReportSection(report);
  console.log(`\nwrote the "pipeline" section of ${file}`);
  if (process.env.BENCH_STRICT === '1' && targets.some((t) => !t.met)) process.exitCode = 1;
}

async function finish(code: number): Promise<never> {
  await cleanUp();
  agent.destroy();
  process.exit(code);
}

// A bench that hangs must not hang CI: fail after BENCH_TIMEOUT_SECONDS (default 600), cleaning up first.
setTimeout(
  () => {
    console.error('bench:pipeline timed out');
    void Promise.race([cleanUp(), sleep(30_000)]).finally(() => process.exit(1));
  },
  Number(process.env.BENCH_TIMEOUT_SECONDS ?? '600') * 1000,
).unref();

// Anything that fails outside the main flow (once cleaning up, the work still running loses its connections)
// ends the run, cleaning up first; failures during the clean-up itself are expected and ignored.
process.on('unhandledRejection', (error: unknown) => {
  if (cleaning) return;
  console.error(error);
  void finish(1);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: cleaning up`);
    void finish(130);
  });
}

main().then(
  () => finish(typeof process.exitCode === 'number' ? process.exitCode : 0),
  async (error: unknown) => {
    console.error(error);
    await finish(1);
  },
);
