import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { ProjectionRunner, PostgresDatabase, Upcasters } from '@pamoja/event-store';
import { openProtectedEventStore } from '@pamoja/platform/privacy';
import { startRelay, type RelayProcess } from '@pamoja/platform/kafka';
import { ASSISTANCE_PROJECTIONS } from '@pamoja/assistance/api';
import { INVESTIGATION_PROJECTIONS } from '@pamoja/investigations/api';
import { REFERRAL_UPCASTERS } from '@pamoja/referrals/domain';
import { testKafka, useTestDeployment, type GraphqlTestClient, type TestTopics } from '@pamoja/testing';
import { AgencyServiceModule, type AgencyServiceName } from './service.module.js';

/*
 * The acceptance for erasure (crypto-shredding), in server mode: the assistance, investigations and
 * coordination services as separate applications on one PostgreSQL database, the relay publishing to Kafka.
 * A victim and a suspect are recorded with values found nowhere else; they are encrypted in the log, copied
 * into no read model, and readable where they should be. After erasure no byte of them is found in any table
 * of any schema, nor in any message (key, value, headers) of any topic, the rest of the case still reads,
 * and rebuilding the read models from the log does not bring them back. The raw files (data files, WAL) are
 * searched by apps/platform/src/erasure-bytes.*.spec.ts. Every agency, person and place here is fictional.
 */

const NGO = { agencyId: 'ngo-tumaini-goma', agencyType: 'assistance_provider', role: 'case_worker' } as const;
const POLICE = { agencyId: 'pnc-masisi', agencyType: 'police', role: 'investigator' } as const;
const APLT = { agencyId: 'aplt-nk', agencyType: 'coordination_body', role: 'coordinator' } as const;
type Agency = typeof NGO | typeof POLICE | typeof APLT;
const SERVICES: readonly AgencyServiceName[] = ['assistance', 'investigations', 'coordination'];

// Distinctive values: a random tag in each, so that a hit can only come from this test.
const TAG = randomBytes(4).toString('hex');
const SUSPECT_ID = randomUUID();
const DIGITS = String(100000 + (parseInt(TAG, 16) % 900000));
const VICTIM = {
  fullName: `Neema Zawadi-${TAG}`,
  dateOfBirth: '2004-02-29',
  phone: `+243 97 ${DIGITS}`,
  currentLocation: `Kavumu-${TAG} shelter, hut 7`,
};
const SUSPECT = {
  name: `Mwami Ekofo-${TAG}`,
  dateOfBirth: '1971-11-03',
  alias: `Le Faucon-${TAG}`,
  description: `Pit boss-${TAG} with a scar on the left hand`,
};
/** What must vanish: each value whole, and the parts that identify it alone. */
const ERASED = [
  VICTIM.fullName,
  VICTIM.phone,
  VICTIM.phone.replace(/\s/g, ''),
  VICTIM.currentLocation,
  SUSPECT.name,
  SUSPECT.alias,
  SUSPECT.description,
  TAG,
];
// The dates of birth are not distinctive enough to search the whole database for (any date may appear).

const REGISTER = `mutation($input: RegisterVictimInput!) { registerVictim(input: $input) { assistanceId jointCaseId } }`;
const ERASE_VICTIM = `mutation($input: ErasePersonalDataInput!) {
  erasePersonalData(input: $input) { assistanceId status revision replayed } }`;
const ADMIT = `mutation($input: AdmitCasePartyInput!) { admitCaseParty(input: $input) { decisionId } }`;
const OPEN = `mutation($input: OpenInvestigationInput!) { openInvestigation(input: $input) { investigationId } }`;
const IDENTIFY = `mutation($input: IdentifySuspectInput!) { identifySuspect(input: $input) { investigationId revision } }`;
const ERASE_SUSPECT = `mutation($input: EraseSuspectPersonalDataInput!) {
  eraseSuspectPersonalData(input: $input) { investigationId revision replayed } }`;
const ASSISTANCE_CASE = `query($id: ID!) { assistanceCase(id: $id) {
  assistanceId jointCaseId status isChild formsOfExploitation identity { fullName dateOfBirth phone currentLocation } } }`;
const INVESTIGATION = `query($id: ID!) { investigation(investigationId: $id) {
  investigationId jointCaseId status offences suspects { suspectId role name dateOfBirth alias description } } }`;
const CASE = `query($id: ID!) { case(id: $id) { jointCaseId assistanceStage investigationIds
  timeline(first: 50) { nodes { eventType summary agencyId } } } }`;

interface Identity {
  fullName: string;
  dateOfBirth: string | null;
  phone: string | null;
  currentLocation: string | null;
}
interface AssistanceCaseView {
  assistanceId: string;
  jointCaseId: string;
  status: string;
  isChild: boolean;
  formsOfExploitation: string[];
  identity: Identity | null;
}
interface SuspectView {
  suspectId: string;
  role: string;
  name: string | null;
  dateOfBirth: string | null;
  alias: string | null;
  description: string | null;
}
interface InvestigationView {
  investigationId: string;
  jointCaseId: string;
  status: string;
  offences: string[];
  suspects: SuspectView[];
}
interface CaseView {
  jointCaseId: string;
  assistanceStage: string;
  investigationIds: string[];
  timeline: { nodes: { eventType: string; summary: string | null; agencyId: string }[] };
}

/** Every row of every table of every schema of the database, as text, with where it was found. */
async function everyRow(url: string): Promise<{ table: string; text: string }[]> {
  const db = new PostgresDatabase({ connectionString: url, applicationName: 'erasure-search' });
  try {
    const tables = await db.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
       WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
       ORDER BY 1, 2`,
    );
    const rows: { table: string; text: string }[] = [];
    for (const { schema, name } of tables) {
      const table = `"${schema}"."${name}"`;
      for (const row of await db.query<{ text: string }>(`SELECT t::text AS text FROM ${table} t`)) {
        rows.push({ table, text: row.text });
      }
    }
    return rows;
  } finally {
    await db.close();
  }
}

function hits(haystack: readonly { where: string; text: string }[], needles: readonly string[]): string[] {
  const found: string[] = [];
  for (const { where, text } of haystack) {
    for (const needle of needles) if (text.includes(needle)) found.push(`${needle} in ${where}`);
  }
  return found;
}

interface TopicMessage {
  readonly where: string;
  readonly text: string;
  readonly type: string;
}

/** Every message of every topic of this test, from the beginning: key, value and headers as text. */
async function everyMessage(topics: TestTopics, until: (messages: TopicMessage[]) => boolean): Promise<TopicMessage[]> {
  const kafka = testKafka();
  const names = Object.values(topics.topics);
  const messages: TopicMessage[] = [];
  const consumer = kafka.consumer({ groupId: `erasure-search-${randomUUID()}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topics: names, fromBeginning: true });
    await consumer.run({
      eachMessage: ({ topic, partition, message }) => {
        const headers = Object.entries(message.headers ?? {}).map(([k, v]) => `${k}=${v?.toString() ?? ''}`);
        messages.push({
          where: `${topic}/${partition}@${message.offset}`,
          text: [message.key?.toString() ?? '', message.value?.toString() ?? '', ...headers].join('\n'),
          type: message.headers?.['ce_type']?.toString() ?? '',
        });
        return Promise.resolve();
      },
    });
    const deadline = Date.now() + 60_000;
    while (!until(messages)) {
      if (Date.now() > deadline) throw new Error(`the topics did not deliver what was expected (${messages.length})`);
      await sleep(200);
    }
    // Everything published so far: read up to each partition's end.
    const admin = kafka.admin();
    await admin.connect();
    const ends = new Map<string, number>();
    try {
      for (const topic of names) {
        for (const p of await admin.fetchTopicOffsets(topic)) ends.set(`${topic}/${p.partition}`, Number(p.high));
      }
    } finally {
      await admin.disconnect();
    }
    const total = [...ends.values()].reduce((a, b) => a + b, 0);
    while (messages.length < total) {
      if (Date.now() > deadline) throw new Error(`read ${messages.length} of ${total} messages`);
      await sleep(200);
    }
    return messages;
  } finally {
    await consumer.disconnect();
  }
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await sleep(200);
  }
}

describe('erasure of personal data (crypto-shredding), in server mode over Kafka', () => {
  // The services share the data directory, hence the development issuer and the master key file.
  const deployment = useTestDeployment<AgencyServiceName>(
    {
      root: (config, name) => AgencyServiceModule.forRoot(config, name),
      serviceName: (name) => `pamoja-${name}-erasure`,
      kafka: { partitions: 2 },
    },
    180_000,
  );
  let relay: RelayProcess;

  const as = (agency: Agency, service: AgencyServiceName): GraphqlTestClient =>
    deployment.service(service).as({ ...agency, roles: [agency.role] });

  beforeAll(async () => {
    for (const name of SERVICES) await deployment.start(name);
    const upcasters = Upcasters.of(...REFERRAL_UPCASTERS);
    relay = await startRelay(deployment.config('pamoja-relay-erasure'), upcasters);
    deployment.onStop(() => relay.stop());
  }, 180_000);

  it('leaves no byte of the erased values in any table or topic, keeps the rest of the case, and a rebuild does not bring them back', async () => {
    const jointCaseId = randomUUID();
    // --- record a victim and a suspect in one joint case
    const { registerVictim } = await as(NGO, 'assistance').ok<{ registerVictim: { assistanceId: string } }>(REGISTER, {
      input: {
        commandId: randomUUID(),
        jointCaseId,
        ageGroup: 'ADULT',
        sex: 'FEMALE',
        nationality: 'CD',
        formsOfExploitation: ['FORCED_LABOUR'],
        agreementToManagePersonalData: true,
        consentGivenBy: 'SELF',
        personal: VICTIM,
      },
    });
    const { assistanceId } = registerVictim;
    // The police become a party to the case by the coordination body's recorded decision (ADR 0016).
    await as(APLT, 'coordination').ok(ADMIT, {
      input: {
        commandId: randomUUID(),
        jointCaseId,
        agencyId: POLICE.agencyId,
        agencyType: 'POLICE',
        reason: 'JURISDICTION',
        note: 'Forced labour reported at the site.',
      },
    });
    const openCommandId = randomUUID();
    const { openInvestigation } = await eventually(
      () =>
        as(POLICE, 'investigations').request<{ openInvestigation: { investigationId: string } }>(OPEN, {
          input: {
            commandId: openCommandId,
            jointCaseId,
            offences: ['FORCED_LABOUR'],
            leadOfficerId: 'opj-7',
            siteCode: 'NK-MAS-014',
          },
        }),
      (answer) => answer.data?.openInvestigation !== undefined,
      'the police admitted to the case',
    ).then((answer) => answer.data as { openInvestigation: { investigationId: string } });
    const { investigationId } = openInvestigation;
    await as(POLICE, 'investigations').ok(IDENTIFY, {
      input: {
        commandId: randomUUID(),
        investigationId,
        suspectId: SUSPECT_ID,
        role: 'EXPLOITER',
        alias: SUSPECT.alias,
        description: SUSPECT.description,
        personal: { name: SUSPECT.name, dateOfBirth: SUSPECT.dateOfBirth },
      },
    });

    // --- encrypted at rest: the log holds none of the values in clear
    const log = (await everyRow(deployment.databaseUrl)).filter((r) => r.table === '"event_store"."events"');
    expect(log.length).toBeGreaterThanOrEqual(3);
    expect(
      hits(
        log.map((r) => ({ where: r.table, text: r.text })),
        ERASED,
      ),
    ).toEqual([]);
    expect(log.some((r) => r.text.includes(`victim:${assistanceId}`) && r.text.includes('ciphertext'))).toBe(true);

    // --- but readable where they should be: the assisting agency, the police, their read models
    const readCase = () =>
      as(NGO, 'assistance').ok<{ assistanceCase: AssistanceCaseView }>(ASSISTANCE_CASE, { id: assistanceId });
    const before = await eventually(
      readCase,
      (d) => d.assistanceCase.identity !== null,
      'the victim in the read model',
    );
    expect(before.assistanceCase.identity).toEqual(VICTIM);
    const readInvestigation = () =>
      as(POLICE, 'investigations').ok<{ investigation: InvestigationView }>(INVESTIGATION, { id: investigationId });
    const withSuspect = await eventually(
      readInvestigation,
      (d) => d.investigation.suspects.length === 1,
      'the suspect in the read model',
    );
    expect(withSuspect.investigation.suspects[0]).toEqual({
      suspectId: SUSPECT_ID,
      role: 'EXPLOITER',
      ...SUSPECT,
    });
    // The read models keep no copy (ADR 0017): they read the identity from the log, decrypted with the
    // person's key, so not even before erasure is any value in clear in any row of any table.
    const rowsBefore = (await everyRow(deployment.databaseUrl)).map((r) => ({ where: r.table, text: r.text }));
    expect(hits(rowsBefore, ERASED)).toEqual([]);
    // The search is shown to work: it finds the ids the same rows hold.
    expect(hits(rowsBefore, [assistanceId, SUSPECT_ID])).toEqual(
      expect.arrayContaining([
        `${assistanceId} in "assistance_read"."victim_identity"`,
        `${SUSPECT_ID} in "investigations_read"."suspects"`,
      ]),
    );

    // The coordination body follows the case from the topics.
    const readJointCase = () => as(APLT, 'coordination').ok<{ case: CaseView }>(CASE, { id: jointCaseId });
    await eventually(
      readJointCase,
      // Registration, admission, opening, suspect: the coordination body sees investigative and assistance
      // entries redacted (that something happened, not what), by the access policy.
      (d) => d.case.timeline.nodes.length >= 4,
      'the joint case from the topics',
    );

    // --- erase
    const erasedVictim = await as(NGO, 'assistance').ok<{ erasePersonalData: { replayed: boolean } }>(ERASE_VICTIM, {
      input: { commandId: randomUUID(), assistanceId, reason: 'LEGAL_REQUEST' },
    });
    expect(erasedVictim.erasePersonalData.replayed).toBe(false);
    await as(POLICE, 'investigations').ok(ERASE_SUSPECT, {
      input: { commandId: randomUUID(), investigationId, suspectId: SUSPECT_ID, reason: 'RETENTION_EXPIRED' },
    });
    // Erasing again is a no-op: nothing more is written.
    const again = await as(NGO, 'assistance').ok<{ erasePersonalData: { revision: number } }>(ERASE_VICTIM, {
      input: { commandId: randomUUID(), assistanceId, reason: 'RETENTION_EXPIRED' },
    });
    expect(again.erasePersonalData.revision).toBe(1);

    // --- the rest of the case still reads
    const after = await eventually(readCase, (d) => d.assistanceCase.identity === null, 'the identity dropped');
    expect(after.assistanceCase).toMatchObject({
      assistanceId,
      jointCaseId,
      status: 'REGISTERED',
      isChild: false,
      formsOfExploitation: ['FORCED_LABOUR'],
    });
    const investigation = await eventually(
      readInvestigation,
      (d) => d.investigation.suspects[0]?.name === null,
      'the suspect dropped',
    );
    expect(investigation.investigation).toMatchObject({ investigationId, jointCaseId, status: 'OPEN' });
    expect(investigation.investigation.suspects).toEqual([
      { suspectId: SUSPECT_ID, role: 'EXPLOITER', name: null, dateOfBirth: null, alias: null, description: null },
    ]);
    const jointCase = await eventually(
      readJointCase,
      (d) => d.case.timeline.nodes.length >= 6,
      'the erasures on the joint timeline',
    );
    expect(jointCase.case).toMatchObject({
      jointCaseId,
      assistanceStage: 'REGISTERED',
      investigationIds: [investigationId],
    });
    expect(jointCase.case.timeline.nodes.map((n) => n.agencyId)).toEqual(
      expect.arrayContaining([NGO.agencyId, POLICE.agencyId, APLT.agencyId]),
    );
    expect(
      hits(
        jointCase.case.timeline.nodes.map((n) => ({ where: 'timeline', text: JSON.stringify(n) })),
        ERASED,
      ),
    ).toEqual([]);

    // --- no byte of the erased values in any table of any schema ...
    const rowsAfter = (await everyRow(deployment.databaseUrl)).map((r) => ({ where: r.table, text: r.text }));
    expect(rowsAfter.length).toBeGreaterThan(rowsBefore.length);
    expect(hits(rowsAfter, ERASED)).toEqual([]);
    // ... and no key left to decrypt the log's ciphertext with: the tombstones remain.
    const keys = rowsAfter.filter((r) => r.where === '"privacy"."personal_data_keys"').map((r) => r.text);
    expect(keys).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^\\(victim:${assistanceId},,,.*,legal_request\\)$`)),
        expect.stringMatching(new RegExp(`^\\(suspect:${investigationId}:${SUSPECT_ID},,,.*,retention_expired\\)$`)),
      ]),
    );

    // --- ... nor in any message of any topic (keys, values, headers), from the beginning
    const messages = await everyMessage(deployment.topics, (m) =>
      ['PersonalDataErased', 'SuspectPersonalDataErased'].every((t) => m.some((x) => x.type.includes(`.${t}.`))),
    );
    expect(messages.some((m) => m.type.includes('.VictimRegistered.'))).toBe(true);
    expect(messages.some((m) => m.type.includes('.SuspectIdentified.'))).toBe(true);
    // The search reads what the messages carry (the ids are there), and finds none of the erased values.
    expect(hits(messages, [assistanceId, investigationId]).length).toBeGreaterThanOrEqual(4);
    expect(hits(messages, ERASED)).toEqual([]);

    // --- a fresh rebuild of the read models from the log does not bring them back
    for (const name of ['assistance', 'investigations'] as const) await deployment.service(name).shutdown();
    const config = deployment.config('pamoja-rebuild-erasure');
    const db = new PostgresDatabase({ connectionString: deployment.databaseUrl, applicationName: 'erasure-rebuild' });
    try {
      const store = await openProtectedEventStore(db, config);
      const runner = new ProjectionRunner(store, db, [...ASSISTANCE_PROJECTIONS, ...INVESTIGATION_PROJECTIONS]);
      await runner.migrate();
      expect(await runner.rebuild('assistance.cases')).toBeGreaterThanOrEqual(2);
      expect(await runner.rebuild('investigations.case_work')).toBeGreaterThanOrEqual(3);
      await store.close();
    } finally {
      await db.close();
    }
    const rebuilt = (await everyRow(deployment.databaseUrl)).map((r) => ({ where: r.table, text: r.text }));
    expect(hits(rebuilt, ERASED)).toEqual([]);
    // The case itself is rebuilt: the assistance and the suspect are there, without their personal data.
    expect(
      rebuilt.some((r) => r.where === '"assistance_read"."assistance_cases"' && r.text.includes(assistanceId)),
    ).toBe(true);
    expect(rebuilt.some((r) => r.where === '"investigations_read"."suspects"' && r.text.includes(SUSPECT_ID))).toBe(
      true,
    );
  }, 240_000);
});
