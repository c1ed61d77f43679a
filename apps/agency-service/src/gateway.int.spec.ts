import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { type AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { createClient, type Client } from 'graphql-ws';
import { v5 as uuidv5 } from 'uuid';
import { Webhook } from 'standardwebhooks';
import WebSocket from 'ws';
import { type AgencyType } from '@pamoja/contracts';
import { startGateway, type RunningGateway } from '@pamoja/gateway';
import { startRelay, type RelayProcess } from '@pamoja/platform/kafka';
import { Upcasters } from '@pamoja/event-store';
import { REFERRAL_UPCASTERS } from '@pamoja/referrals/domain';
import {
  accessMatrix,
  actorOf,
  Feed,
  fetchSchema,
  GraphqlTestClient,
  operationDocument,
  POLICY_REFUSAL,
  testSitesExcept,
  useTestDeployment,
  useTestPlatform,
} from '@pamoja/testing';
import { AgencyServiceModule, type AgencyServiceName } from './service.module.js';
import { allContextsModule, SERVICE_ORDER } from './subgraphs.js';

/*
 * The joint view in server mode: the six agency services as separate applications on one PostgreSQL log, the
 * relay publishing to Kafka, and the gateway composing their subgraphs. The same case is walked through the
 * gateway and through the embedded app (every context in one process, one schema, its own store); the same
 * client queries must give the same answers. Then a coordination meeting's agenda and live subscriptions
 * through the gateway. Every agency, site and case here is fictional.
 */

interface Agency {
  readonly agencyId: string;
  readonly agencyType: AgencyType;
  readonly role: string;
}
const NGO: Agency = { agencyId: 'ngo-kivu-hope', agencyType: 'first_responder', role: 'field_worker' };
const SAEMAPE: Agency = { agencyId: 'saemape-nk', agencyType: 'mining_authority', role: 'inspector' };
const POLICE: Agency = { agencyId: 'pnc-masisi', agencyType: 'police', role: 'investigator' };
const PARQUET: Agency = { agencyId: 'parquet-goma', agencyType: 'prosecutor', role: 'magistrate' };
const APLT: Agency = { agencyId: 'aplt-nk', agencyType: 'coordination_body', role: 'coordinator' };
const INTEGRATOR: Agency = { agencyId: 'traceability-demo', agencyType: 'integrator', role: 'integrator' };
const AGENCIES = [NGO, SAEMAPE, POLICE, PARQUET, APLT, INTEGRATOR];

const DAY_MS = 24 * 3600_000;
const NAMESPACE = '6d1c1e0e-6a34-4d4e-9f0b-2f6a1c6b7a10';
/** The same ids on both sides: commands and aggregates named by the step that makes them. */
const idOf = (name: string): string => uuidv5(`gateway-spec/${name}`, NAMESPACE);

const mutation = (name: string, input: string, fields: string) =>
  `mutation($input: ${input}!) { ${name}(input: $input) { ${fields} } }`;

/** The questions a coordination meeting asks, sent unchanged to the embedded app and to the gateway. */
const CASE = `query($id: ID!) { case(id: $id) {
  jointCaseId stage assistanceStage siteCode province territory referralIds investigationIds prosecutionIds
  agencyIds missedDeadlines openedAt lastActivityAt
  timeline(first: 100) { edges { cursor node { eventType summary agencyId agencyType roles redacted occurredAt } }
    pageInfo { hasNextPage } }
  referrals { referralId status fromAgencyId toAgencyId siteCode urgency indicators }
  investigations { investigationId status }
  prosecutions { prosecutionId status }
  site { code name status timeline(first: 20) { nodes { kind summary agencyType jointCaseId } } }
} }`;
const JOINT_CASES = `query { jointCases(filter: { province: "NK", first: 10 }) {
  edges { cursor node { jointCaseId stage siteCode missedDeadlines } } pageInfo { hasNextPage endCursor } } }`;
const INCOMING = `query { incomingReferrals(filter: { first: 10 }) {
  nodes { referralId status siteCode urgency overdue } pageInfo { hasNextPage } } }`;
const SITES = `query { mineSites(filter: { province: NORTH_KIVU }) { nodes { code name status openIncidentCount
  cases(first: 5) { nodes { jointCaseId linkedVia } } } } }`;
const MEETING = `query($id: ID!) { meeting(meetingId: $id) { meetingId title province status
  agenda { overdueHandoffs { referralId } declinedHandoffs { referralId }
    upcomingHearings { prosecutionId jointCaseId court scheduledFor }
    siteStatusChanges { siteCode from to } levelOneIncidents { incidentId } openActionPoints { actionPointId } } } }`;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const CURSORS = new Set(['cursor', 'endCursor', 'startCursor', 'position', 'feedCursor']);

/**
 * A response with what may differ between two stores made comparable: instants (when each side
 * recorded), cursors (which encode them), and ids the platform made itself (named by first appearance).
 */
function comparable(value: Json, names = new Map<string, string>(), key = ''): Json {
  if (CURSORS.has(key) && typeof value === 'string') return '<cursor>';
  if (typeof value === 'string') {
    if (INSTANT.test(value)) return '<instant>';
    if (UUID.test(value)) {
      if (Object.values(ID_NAMES).includes(value)) return value;
      if (!names.has(value)) names.set(value, `<id ${names.size + 1}>`);
      return names.get(value) ?? value;
    }
    return value;
  }
  if (Array.isArray(value)) return value.map((item) => comparable(item, names, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, comparable(v, names, k)]));
  }
  return value;
}
const ID_NAMES: Record<string, string> = {};

/** One side of the comparison: a GraphQL endpoint and a client per agency. */
interface Target {
  readonly url: string;
  readonly as: (agency: Agency) => GraphqlTestClient;
}

/** Walks one case through a target: a site, a referral, its answer, an investigation, a case file, a hearing. */
async function walkCase(target: Target): Promise<{ jointCaseId: string; meetingId: string }> {
  const send = async (agency: Agency, step: string, document: string, input: Record<string, unknown>) => {
    const data = await target.as(agency).ok<Record<string, Record<string, unknown>>>(document, {
      input: { commandId: idOf(`command/${step}`), ...input },
    });
    const payload = Object.values(data)[0];
    if (!payload) throw new Error(`${step}: no payload`);
    return payload;
  };
  await send(SAEMAPE, 'site', mutation('registerMineSite', 'RegisterMineSiteInput', 'siteId'), {
    code: 'NK-MAS-014',
    name: 'Colline fictive',
    province: 'NORTH_KIVU',
    territory: 'MASISI',
    minerals: ['COLTAN'],
    latitude: -1.4,
    longitude: 28.8,
  });
  const submitted = await send(
    NGO,
    'submit',
    mutation('submitReferral', 'SubmitReferralInput', 'referralId jointCaseId'),
    {
      subject: { isChild: null },
      consent: {
        givenBy: 'SELF',
        agencyTypes: ['POLICE', 'ASSISTANCE_PROVIDER'],
        purposes: ['ASSISTANCE', 'INVESTIGATION'],
      },
      site: { code: 'NK-MAS-014' },
      indicators: ['DEBT_BONDAGE', 'RETENTION_OF_IDENTITY_DOCUMENTS'],
      childLabourFlags: [],
      urgency: 'URGENT',
      toAgencyId: POLICE.agencyId,
      toAgencyType: 'POLICE',
      dueBy: new Date(Date.now() + 2 * DAY_MS).toISOString(),
      summary: 'Diggers at pit 3 say the team leader keeps their voter cards until their debt is paid.',
    },
  );
  const referralId = String(submitted['referralId']);
  const jointCaseId = String(submitted['jointCaseId']);
  await send(POLICE, 'accept', mutation('acceptReferral', 'AcceptReferralInput', 'referralId'), { referralId });
  const investigationId = idOf('investigation');
  const inv = 'investigationId evidenceId suspectId caseFileId';
  await send(POLICE, 'open', mutation('openInvestigation', 'OpenInvestigationInput', inv), {
    investigationId,
    jointCaseId,
    referralId,
    siteCode: 'NK-MAS-014',
    offences: ['TRAFFICKING_IN_PERSONS'],
    leadOfficerId: 'opj-masisi-0412',
  });
  const evidenceId = idOf('evidence');
  await send(POLICE, 'evidence', mutation('recordEvidence', 'RecordEvidenceInput', inv), {
    investigationId,
    evidenceId,
    description: 'Photo of the debt ledger',
    kind: 'PHOTO',
    sha256: 'a'.repeat(64),
    collectedAt: new Date(Date.now() - 3600_000).toISOString(),
    collectedBy: 'opj-masisi-0412',
  });
  const suspectId = idOf('suspect');
  await send(POLICE, 'suspect', mutation('identifySuspect', 'IdentifySuspectInput', inv), {
    investigationId,
    suspectId,
    role: 'RECRUITER',
    alias: 'Chef Fictif',
  });
  const caseFileId = String(
    (
      await send(POLICE, 'transmit', mutation('transmitCaseFile', 'TransmitCaseFileInput', inv), {
        investigationId,
        toProsecutorOfficeId: PARQUET.agencyId,
        dueBy: new Date(Date.now() + 7 * DAY_MS).toISOString(),
        summary: 'Debt bondage at pit 3; ledger photo enclosed.',
        evidenceIds: [evidenceId],
        suspectIds: [suspectId],
      })
    )['caseFileId'],
  );
  const prosecutionId = String(
    (
      await send(PARQUET, 'receive', mutation('receiveCaseFile', 'ReceiveCaseFileInput', 'prosecutionId'), {
        jointCaseId,
        caseFileId,
        investigationId,
        fromPoliceAgencyId: POLICE.agencyId,
        suspects: [{ suspectId, role: 'recruiter' }],
      })
    )['prosecutionId'],
  );
  await send(PARQUET, 'hearing', mutation('scheduleHearing', 'ScheduleHearingInput', 'prosecutionId'), {
    prosecutionId,
    court: 'Tribunal de paix fictif de Masisi',
    scheduledFor: new Date(Date.now() + 3 * DAY_MS).toISOString(),
    purpose: 'Audience',
  });
  const meeting = await send(APLT, 'meeting', mutation('scheduleMeeting', 'ScheduleMeetingInput', 'meetingId'), {
    meetingId: idOf('meeting'),
    title: 'Réunion de coordination fictive, Nord-Kivu',
    province: 'NK',
    scheduledFor: new Date(Date.now() + DAY_MS).toISOString(),
    participantAgencyTypes: ['POLICE', 'PROSECUTOR', 'MINING_AUTHORITY', 'FIRST_RESPONDER'],
  });
  return { jointCaseId, meetingId: String(meeting['meetingId']) };
}

describe('the joint view through the gateway (server mode) and in the embedded app', () => {
  const deployment = useTestDeployment<AgencyServiceName>(
    {
      root: (config, name) => AgencyServiceModule.forRoot(config, name),
      serviceName: (name) => `pamoja-${name}-gw`,
      kafka: {},
      // The webhook receiver of the spec listens on loopback, which an operator must allow explicitly.
      env: () => Promise.resolve({ PAMOJA_WEBHOOK_ALLOWED_TARGETS: '127.0.0.1/32' }),
      // The spec registers its site through the API.
      registeredSites: testSitesExcept('NK-MAS-014'),
    },
    180_000,
  );
  // The embedded app: every context in one process on its own PGlite store, the same development issuer.
  const embedded = useTestPlatform(
    {
      root: (config) => allContextsModule(config),
      serviceName: 'pamoja-embedded-gw',
      registeredSites: testSitesExcept('NK-MAS-014'),
    },
    180_000,
  );
  let relay: RelayProcess;
  let gateway: RunningGateway;
  const tokens = new Map<string, string>();
  const sockets: Client[] = [];
  let viaGateway: Target;
  let viaEmbedded: Target;
  let server: { jointCaseId: string; meetingId: string };
  let local: { jointCaseId: string; meetingId: string };

  const targetOf = (url: string): Target => {
    const anonymous = new GraphqlTestClient(url);
    return { url, as: (agency) => anonymous.as(tokens.get(agency.agencyId) ?? '') };
  };
  const socketOf = (agency: Agency): Client => {
    const socket = createClient({
      url: gateway.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${tokens.get(agency.agencyId) ?? ''}` },
      retryAttempts: 0,
      lazy: true,
    });
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    for (const name of SERVICE_ORDER) await deployment.start(name);
    const upcasters = Upcasters.of(...REFERRAL_UPCASTERS);
    relay = await startRelay(deployment.config('pamoja-relay-gw'), upcasters);
    deployment.onStop(() => relay.stop());
    gateway = await startGateway({
      port: 0,
      host: '127.0.0.1',
      subgraphs: SERVICE_ORDER.map((name) => ({ name, url: deployment.service(name).graphqlUrl })),
    });
    deployment.onStop(() => gateway.close());
    deployment.onStop(async () => {
      for (const socket of sockets) await socket.dispose();
    });

    for (const agency of AGENCIES) {
      const claims = {
        userId: `${agency.agencyId}-user`,
        agencyId: agency.agencyId,
        agencyType: agency.agencyType,
        roles: [agency.role],
      };
      tokens.set(agency.agencyId, await deployment.tokenFor(claims));
      tokens.set(`embedded:${agency.agencyId}`, await embedded.tokenFor(claims));
    }
    viaGateway = targetOf(gateway.url);
    const anonymousEmbedded = embedded.anonymous;
    viaEmbedded = {
      url: embedded.graphqlUrl,
      as: (agency) => anonymousEmbedded.as(tokens.get(`embedded:${agency.agencyId}`) ?? ''),
    };
  }, 180_000);

  it('walks a case through the gateway: each agency records through it, the joint view shows every part', async () => {
    server = await walkCase(viaGateway);
    local = await walkCase(viaEmbedded);
    expect(server.jointCaseId).toBe(local.jointCaseId);
    ID_NAMES['jointCase'] = server.jointCaseId;
    ID_NAMES['meeting'] = server.meetingId;

    // The coordination service learns other agencies' facts over Kafka: wait until its timeline is whole.
    const expected = await viaEmbedded.as(APLT).ok<{ case: { timeline: { edges: unknown[] } } }>(CASE, {
      id: local.jointCaseId,
    });
    const deadline = Date.now() + 30_000;
    let joint = await viaGateway.as(APLT).ok<{ case: Record<string, Json> }>(CASE, { id: server.jointCaseId });
    while (
      (joint.case['timeline'] as { edges: unknown[] }).edges.length < expected.case.timeline.edges.length &&
      Date.now() < deadline
    ) {
      await sleep(200);
      joint = await viaGateway.as(APLT).ok<{ case: Record<string, Json> }>(CASE, { id: server.jointCaseId });
    }
    const view = joint.case as {
      stage: string;
      referrals: { status: string }[];
      investigations: { investigationId: string }[];
      prosecutions: { prosecutionId: string }[];
      site: { code: string; timeline: { nodes: { kind: string }[] } } | null;
      timeline: {
        edges: { node: { eventType: string | null; agencyType: string; occurredAt: string; redacted: boolean } }[];
      };
    };
    // Every agency's part, each from its own service.
    expect(view.stage).toBe('IN_PROSECUTION');
    expect(view.referrals).toEqual([expect.objectContaining({ status: 'ACCEPTED' })]);
    expect(view.investigations).toEqual([{ investigationId: idOf('investigation'), status: expect.any(String) }]);
    expect(view.prosecutions).toHaveLength(1);
    expect(view.site?.code).toBe('NK-MAS-014');
    expect(view.site?.timeline.nodes.map((n) => n.kind)).toEqual(expect.arrayContaining(['REGISTERED', 'CASE_LINKED']));
    // One merged timeline, in chronological order, from the first responder to the prosecutor.
    const entries = view.timeline.edges.map((e) => e.node);
    const times = entries.map((e) => Date.parse(e.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // The coordination body reads the handoffs and the case file in full, the investigative steps as notices.
    expect(entries.map((e) => e.eventType)).toEqual(
      expect.arrayContaining(['ReferralSubmitted', 'ReferralAccepted', 'CaseFileReceived']),
    );
    expect(entries.map((e) => e.eventType)).not.toContain('InvestigationOpened');
    expect(entries.filter((e) => e.agencyType.toLowerCase() === 'police' && e.redacted).length).toBeGreaterThan(0);
    expect(new Set(entries.map((e) => e.agencyType.toLowerCase()))).toEqual(
      new Set(['first_responder', 'police', 'prosecutor']),
    );
    // The police, a party of the justice chain, read them in full.
    const byPolice = await viaGateway.as(POLICE).ok<{ case: typeof view }>(CASE, { id: server.jointCaseId });
    expect(byPolice.case.timeline.edges.map((e) => e.node.eventType)).toEqual(
      expect.arrayContaining(['ReferralSubmitted', 'ReferralAccepted', 'InvestigationOpened', 'CaseFileReceived']),
    );
  }, 120_000);

  it('gives the same answers to the same queries through the gateway and from the embedded app', async () => {
    const ask = async (target: Target, agency: Agency, query: string, variables: Record<string, unknown> = {}) =>
      comparable(await target.as(agency).ok<Json>(query, variables));
    const questions: [Agency, string, (side: typeof server) => Record<string, unknown>][] = [
      [APLT, CASE, (side) => ({ id: side.jointCaseId })],
      [POLICE, CASE, (side) => ({ id: side.jointCaseId })],
      [NGO, CASE, (side) => ({ id: side.jointCaseId })],
      [APLT, JOINT_CASES, () => ({})],
      [POLICE, INCOMING, () => ({})],
      [SAEMAPE, SITES, () => ({})],
      [APLT, MEETING, (side) => ({ id: side.meetingId })],
    ];
    for (const [agency, query, variables] of questions) {
      // Eventually equal: the server side's views are fed over Kafka.
      const want = await ask(viaEmbedded, agency, query, variables(local));
      let got = await ask(viaGateway, agency, query, variables(server));
      const deadline = Date.now() + 20_000;
      while (JSON.stringify(got) !== JSON.stringify(want) && Date.now() < deadline) {
        await sleep(250);
        got = await ask(viaGateway, agency, query, variables(server));
      }
      expect({ agency: agency.agencyId, query, answer: got }).toEqual({ agency: agency.agencyId, query, answer: want });
    }
  }, 120_000);

  it("generates the coordination meeting's agenda from every agency's facts", async () => {
    const { meeting } = await viaGateway.as(APLT).ok<{
      meeting: { agenda: { upcomingHearings: { jointCaseId: string; court: string }[] } };
    }>(MEETING, { id: server.meetingId });
    expect(meeting.agenda.upcomingHearings).toEqual([
      expect.objectContaining({ jointCaseId: server.jointCaseId, court: 'Tribunal de paix fictif de Masisi' }),
    ]);
  });

  it('streams new timeline entries and incoming referrals through the gateway, and resumes after a reconnect', async () => {
    type Entry = { position: string; eventType: string | null; summary: string | null; category: string | null };
    const TIMELINE_FEED = `subscription($id: ID!, $after: String) {
      caseTimelineEntryAdded(jointCaseId: $id, after: $after) { position eventType summary category } }`;
    const first = new Feed<Entry>(socketOf(APLT), TIMELINE_FEED, { id: server.jointCaseId }, 'caseTimelineEntryAdded');
    const referrals = new Feed<{ referralId: string; feedCursor: string | null }>(
      socketOf(POLICE),
      `subscription { referralReceived { referralId feedCursor } }`,
      {},
      'referralReceived',
    );
    await sleep(1500); // the subscriptions reach the services through the gateway
    const evidence = async (n: number) =>
      viaGateway.as(POLICE).ok(mutation('recordEvidence', 'RecordEvidenceInput', 'investigationId'), {
        input: {
          commandId: idOf(`command/live-evidence-${n}`),
          investigationId: idOf('investigation'),
          evidenceId: idOf(`live-evidence-${n}`),
          description: `Photo ${n} of the pit`,
          kind: 'PHOTO',
          sha256: String(n).repeat(64).slice(0, 64),
          collectedAt: new Date(Date.now() - 60_000).toISOString(),
          collectedBy: 'opj-masisi-0412',
        },
      });
    await evidence(1);
    const [live] = await first.take(1, 30_000);
    // To the coordination body, an investigative step is a notice: that it happened, not what it was.
    expect(live).toMatchObject({ eventType: null, summary: null, category: 'investigation' });
    first.stop();

    // Disconnected: two more entries are recorded; a reconnect after the last one seen gets exactly those,
    // here as the police, who read their investigation's steps in full.
    await evidence(2);
    await evidence(3);
    const resumed = new Feed<Entry>(
      socketOf(POLICE),
      TIMELINE_FEED,
      { id: server.jointCaseId, after: live?.position },
      'caseTimelineEntryAdded',
    );
    const missed = await resumed.take(2, 30_000);
    expect(missed.map((e) => e.eventType)).toEqual(['EvidenceRecorded', 'EvidenceRecorded']);
    await sleep(1000);
    expect(resumed.seen()).toHaveLength(2);
    resumed.stop();

    // A new referral to the police reaches them live through the gateway.
    const submitted = await viaGateway
      .as(NGO)
      .ok<{ submitReferral: { referralId: string } }>(mutation('submitReferral', 'SubmitReferralInput', 'referralId'), {
        input: {
          commandId: idOf('command/live-referral'),
          subject: { isChild: null },
          consent: { givenBy: 'SELF', agencyTypes: ['POLICE'], purposes: ['INVESTIGATION'] },
          site: { code: 'NK-MAS-014' },
          indicators: ['DEBT_BONDAGE'],
          childLabourFlags: [],
          urgency: 'URGENT',
          toAgencyId: POLICE.agencyId,
          toAgencyType: 'POLICE',
          dueBy: new Date(Date.now() + DAY_MS).toISOString(),
          summary: 'A second digger asks for help.',
        },
      });
    const [received] = await referrals.take(1, 30_000);
    expect(received?.referralId).toBe(submitted.submitReferral.referralId);
    referrals.stop();
  }, 120_000);

  it('refuses abusive queries at the gateway with a clear error, and forwards each caller’s own rights', async () => {
    const deep = `query($id: ID!) { case(id: $id) { site { cases { nodes { jointCase { site { cases { nodes {
      jointCase { site { cases { nodes { jointCase { site { code } } } } } } } } } } } } } } }`;
    const refused = await viaGateway.as(APLT).request(deep, { id: server.jointCaseId });
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.[0]?.message).toMatch(/depth/i);
    // No token: refused by the services themselves, not by a gateway policy.
    const anonymous = await new GraphqlTestClient(gateway.url).request(CASE, { id: server.jointCaseId });
    expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    // The mining authority is no party to the case: the case does not exist for it (it read the case, less
    // the referrals, before); the site stays public in the registry.
    const seenByMiningAuthority = await viaGateway.as(SAEMAPE).request(CASE, { id: server.jointCaseId });
    expect(seenByMiningAuthority.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    const { mineSite } = await viaGateway
      .as(SAEMAPE)
      .ok<{ mineSite: { code: string } | null }>(`{ mineSite(code: "NK-MAS-014") { code } }`);
    expect(mineSite?.code).toBe('NK-MAS-014');
  });

  it('delivers webhooks from the integrations service: the event one service recorded, signed, once', async () => {
    const received: { headers: IncomingHttpHeaders; body: string }[] = [];
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    deployment.onStop(
      () =>
        new Promise<void>((resolve) =>
          receiver.close(() => {
            resolve();
          }),
        ),
    );
    const { port } = receiver.address() as AddressInfo;

    const { createWebhookEndpoint } = await viaGateway
      .as(INTEGRATOR)
      .ok<{ createWebhookEndpoint: { secret: string } }>(
        mutation('createWebhookEndpoint', 'CreateWebhookEndpointInput', 'endpointId secret'),
        {
          input: {
            commandId: randomUUID(),
            url: `http://127.0.0.1:${port}/hooks`,
            eventTypes: ['pamoja.referrals.ReferralSubmitted.v1'],
          },
        },
      );
    const { submitReferral } = await viaGateway
      .as(NGO)
      .ok<{ submitReferral: { referralId: string } }>(mutation('submitReferral', 'SubmitReferralInput', 'referralId'), {
        input: {
          commandId: randomUUID(),
          subject: { isChild: null },
          consent: { givenBy: 'SELF', agencyTypes: ['POLICE'], purposes: ['INVESTIGATION'] },
          site: { code: 'NK-MAS-014' },
          indicators: ['DEBT_BONDAGE'],
          childLabourFlags: [],
          urgency: 'URGENT',
          toAgencyId: POLICE.agencyId,
          toAgencyType: 'POLICE',
          dueBy: new Date(Date.now() + DAY_MS).toISOString(),
          summary: 'A digger asks for help; a buyer of the site subscribed to referrals there.',
        },
      });
    const deadline = Date.now() + 30_000;
    while (received.length === 0 && Date.now() < deadline) await sleep(100);
    expect(received).toHaveLength(1);
    const [delivery] = received;
    const event = new Webhook(createWebhookEndpoint.secret).verify(delivery!.body, {
      'webhook-id': String(delivery!.headers['webhook-id']),
      'webhook-timestamp': String(delivery!.headers['webhook-timestamp']),
      'webhook-signature': String(delivery!.headers['webhook-signature']),
    }) as { type: string; data: { referralId: string } };
    expect(event).toMatchObject({
      type: 'pamoja.referrals.ReferralSubmitted.v1',
      data: { referralId: submitReferral.referralId },
    });
    await sleep(1500);
    expect(received).toHaveLength(1);
  });

  it('refuses input the gateway cannot coerce as bad input naming the field, not as an unexpected error', async () => {
    const refused = await viaGateway.as(NGO).request(mutation('submitReferral', 'SubmitReferralInput', 'referralId'), {
      input: { commandId: randomUUID(), subject: { isChild: null }, site: { code: 'NK-MAS-014' } },
    });
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.extensions?.['fields']).toEqual([
      { field: 'indicators', reason: expect.stringContaining('was not provided') },
    ]);
  });

  it('enforces the access policy in every service behind the gateway: every mutation and query for every agency type', async () => {
    const schema = await fetchSchema(viaGateway.as(APLT));
    const clients = new Map<string, GraphqlTestClient>();
    const mismatches: string[] = [];
    for (const cell of accessMatrix(schema, ['Mutation', 'Query'])) {
      let client = clients.get(cell.agencyType);
      if (!client) {
        client = new GraphqlTestClient(gateway.url).as(await deployment.tokenFor(actorOf(cell.agencyType)));
        clients.set(cell.agencyType, client);
      }
      const operationType = cell.operationType === 'Mutation' ? 'Mutation' : 'Query';
      const { query, variables } = operationDocument(schema, operationType, cell.operation);
      const result = await client.request(query, variables);
      const refusal = result.errors?.find((e) => e.extensions?.['reason'] === POLICY_REFUSAL.reason);
      const codes = (result.errors ?? []).map((e) => String(e.extensions?.['code']));
      if (cell.allowed === (refusal !== undefined) || codes.includes('INTERNAL_SERVER_ERROR')) {
        mismatches.push(`${cell.operation} as ${cell.agencyType}: ${JSON.stringify(result.errors ?? 'allowed')}`);
      }
      // Through the gateway the refusal also names the service that refused.
      if (refusal) expect(refusal.extensions).toMatchObject(POLICY_REFUSAL);
    }
    expect(mismatches).toEqual([]);
  }, 600_000);
});
