import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { type AgencyType } from '@pamoja/contracts';
import { Feed, referCaseTo, submit, submitInput, useTestPlatform, type GraphqlTestClient } from '@pamoja/testing';
import { EmbeddedPlatformModule } from './app.module.js';

/*
 * The joint view through GraphQL: the case query with its merged timeline (order, summaries, a redacted
 * protection measure), pagination of the timeline and of the case list with filters, and the two live
 * feeds over graphql-ws, resumed after a reconnect. Every agency and site here is fictional.
 */

interface Agency {
  readonly agencyId: string;
  readonly agencyType: AgencyType;
  readonly role: string;
}

const NGO: Agency = { agencyId: 'ngo-kivu-hope', agencyType: 'first_responder', role: 'field_worker' };
const POLICE: Agency = { agencyId: 'pnc-masisi', agencyType: 'police', role: 'investigator' };
const OTHER_POLICE: Agency = { agencyId: 'pnc-kalehe', agencyType: 'police', role: 'investigator' };
const USHINDI: Agency = { agencyId: 'ngo-ushindi', agencyType: 'assistance_provider', role: 'case_worker' };
const APLT: Agency = { agencyId: 'aplt-nk', agencyType: 'coordination_body', role: 'coordinator' };

const ENTRY = 'position eventId occurredAt agencyId agencyType roles eventType summary redacted category';
const CASE = `query Case($id: ID!, $first: Int, $after: String) { case(id: $id) {
  jointCaseId stage assistanceStage siteCode province territory referralIds assistanceIds agencyIds missedDeadlines
  openedAt lastActivityAt
  timeline(first: $first, after: $after) { edges { cursor node { ${ENTRY} } } nodes { eventId }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } }`;
const DEPRECATED_CASE = `query Old($id: ID!) { jointCase(jointCaseId: $id) {
  jointCaseId stage province timeline { nodes { eventType } } } }`;
const CASES = `query Cases($filter: JointCaseFilter) { jointCases(filter: $filter) {
  edges { cursor node { jointCaseId province territory siteCode missedDeadlines lastActivityAt } }
  pageInfo { hasNextPage endCursor } } }`;
const ESCALATIONS = `query Esc($filter: EscalationFilter) { escalations(filter: $filter) {
  nodes { position escalationId jointCaseId kind subjectId agencyId resolvedAt } pageInfo { hasNextPage endCursor } } }`;
const ENTRY_ADDED = `subscription Added($id: ID!, $after: String) {
  caseTimelineEntryAdded(jointCaseId: $id, after: $after) { ${ENTRY} } }`;
const DEADLINE_MISSED = `subscription Missed($after: String) {
  deadlineMissed(after: $after) { position escalationId jointCaseId kind subjectId agencyId } }`;

const AST_PAYLOAD = 'assistanceId jointCaseId status revision';
const REGISTER_VICTIM = `mutation($input: RegisterVictimInput!) { registerVictim(input: $input) { ${AST_PAYLOAD} } }`;
const ASSESS_NEEDS = `mutation($input: AssessNeedsInput!) { assessNeeds(input: $input) { ${AST_PAYLOAD} } }`;
const PROVIDE_SERVICE = `mutation($input: ProvideServiceInput!) { provideService(input: $input) { ${AST_PAYLOAD} } }`;
const PROTECT = `mutation($input: ApplyProtectionMeasureInput!) {
  applyProtectionMeasure(input: $input) { ${AST_PAYLOAD} } }`;

interface Entry {
  position: string;
  eventId: string;
  occurredAt: string;
  agencyId: string;
  agencyType: string;
  roles: string[];
  eventType: string | null;
  summary: string | null;
  redacted: boolean;
  category: string | null;
}
interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}
interface CaseResult {
  jointCaseId: string;
  stage: string;
  assistanceStage: string;
  siteCode: string | null;
  province: string | null;
  territory: string | null;
  referralIds: string[];
  assistanceIds: string[];
  agencyIds: string[];
  missedDeadlines: number;
  openedAt: string;
  lastActivityAt: string;
  timeline: { edges: { cursor: string; node: Entry }[]; nodes: { eventId: string }[]; pageInfo: PageInfo };
}
interface CaseListResult {
  edges: { cursor: string; node: { jointCaseId: string; province: string | null; missedDeadlines: number } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
interface EscalationResult {
  position: string;
  escalationId: string;
  jointCaseId: string | null;
  kind: string;
  subjectId: string;
  agencyId: string | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() >= deadline) return value;
    await sleep(150);
  }
}

describe('the joint view: one case across agencies, its timeline and its live feeds', () => {
  const platform = useTestPlatform({
    root: (config) => EmbeddedPlatformModule.forRoot(config),
    serviceName: 'pamoja-joint-view-e2e',
    // The hospital that gives a service never acts itself.
    agencies: [
      { agencyId: 'hopital-fictif', agencyType: 'assistance_provider' },
      { agencyId: 'avocats-fictifs', agencyType: 'assistance_provider' },
    ],
  });
  const sockets: Client[] = [];
  platform.onStop(async () => {
    for (const socket of sockets) await socket.dispose();
  });
  const actorOf = (agency: Agency) => ({ ...agency, roles: [agency.role] });
  const as = (agency: Agency): GraphqlTestClient => platform.as(actorOf(agency));
  /** A new WebSocket connection as the agency (a reconnect is a new one). */
  const socketOf = (agency: Agency): Client => {
    const socket = createClient({
      url: platform.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: async () => ({ authorization: `Bearer ${await platform.tokenFor(actorOf(agency))}` }),
      retryAttempts: 0,
      lazy: true,
    });
    sockets.push(socket);
    return socket;
  };

  let jointCaseId = '';
  let assistanceId = '';

  const mutate = async <T>(agency: Agency, mutation: string, input: Record<string, unknown>): Promise<T> => {
    const data = await as(agency).ok<Record<string, T>>(mutation, { input: { commandId: randomUUID(), ...input } });
    const [payload] = Object.values(data);
    if (payload === undefined) throw new Error('the mutation returned no payload');
    return payload;
  };
  const readCase = async (variables: Record<string, unknown> = {}, reader: Agency = APLT): Promise<CaseResult> =>
    (await as(reader).ok<{ case: CaseResult }>(CASE, { id: jointCaseId, first: 500, ...variables })).case;
  const cases = async (filter: Record<string, unknown>): Promise<CaseListResult> =>
    (await as(APLT).ok<{ jointCases: CaseListResult }>(CASES, { filter })).jointCases;
  /** A referral to the police left unanswered past a due time a second away: the watcher escalates it. */
  const missedReferral = async (to: Agency, site: string): Promise<{ referralId: string; jointCaseId: string }> => {
    const sent = await submit(
      as(NGO),
      submitInput({
        toAgencyId: to.agencyId,
        site: { code: site },
        dueBy: new Date(Date.now() + 1000).toISOString(),
      }),
    );
    return { referralId: sent.referralId, jointCaseId: sent.jointCaseId ?? '' };
  };
  const escalationsOf = async (filter: Record<string, unknown>) =>
    (await as(APLT).ok<{ escalations: { nodes: EscalationResult[] } }>(ESCALATIONS, { filter })).escalations.nodes;

  it('tells a case across agencies in one query: its stage, its site and its merged timeline in order', async () => {
    const sent = await submit(as(NGO), submitInput({ site: { code: 'NK-MAS-014' } }));
    jointCaseId = sent.jointCaseId ?? '';
    // The NGO refers the woman it met on to Ushindi as well: Ushindi becomes party, and takes her in.
    const toUshindi = await referCaseTo(as(NGO), sent, USHINDI);
    const registered = await mutate<{ assistanceId: string }>(USHINDI, REGISTER_VICTIM, {
      jointCaseId,
      personId: toUshindi.personId,
      ageGroup: 'ADULT',
      sex: 'FEMALE',
      nationality: 'CD',
      formsOfExploitation: ['FORCED_LABOUR'],
      agreementToManagePersonalData: true,
      consentGivenBy: 'SELF',
      personal: { fullName: 'Neema Fictive', dateOfBirth: '1999-04-02', phone: '+243 970 000 001' },
    });
    assistanceId = registered.assistanceId;
    await mutate(USHINDI, PROTECT, {
      assistanceId,
      measure: 'SAFE_HOUSE',
      reviewBy: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      consentGivenBy: 'SELF',
    });
    await mutate(USHINDI, ASSESS_NEEDS, {
      assistanceId,
      needs: [
        { need: 'MEDICAL', priority: 'URGENT' },
        { need: 'PROTECTION', priority: 'HIGH' },
      ],
    });

    const view = await readCase();
    expect(view).toMatchObject({
      jointCaseId,
      stage: 'IDENTIFIED',
      assistanceStage: 'IN_ASSISTANCE',
      siteCode: 'NK-MAS-014',
      province: 'NK',
      territory: 'MAS',
      referralIds: [sent.referralId, toUshindi.referralId],
      assistanceIds: [assistanceId],
      agencyIds: [NGO.agencyId, USHINDI.agencyId],
      missedDeadlines: 0,
    });
    const entries = view.timeline.edges.map((e) => e.node);
    // The coordination body reads the handoffs in full, and of the assistance only that it happened.
    expect(entries.map(({ agencyId, eventType, summary }) => ({ agencyId, eventType, summary }))).toEqual([
      {
        agencyId: NGO.agencyId,
        eventType: 'ReferralSubmitted',
        // Named by its reference, the case's own plus the referral's rank in it (ADR 0023).
        summary: expect.stringMatching(/^Referral NK-\d{4}-\d{5}-R1 submitted to police \(urgent\)$/) as unknown,
      },
      {
        agencyId: NGO.agencyId,
        eventType: 'ConsentRecorded',
        summary: 'Consent recorded (given by the person) for police, assistance provider: assistance, investigation',
      },
      {
        agencyId: NGO.agencyId,
        eventType: 'ReferralSubmitted',
        summary: expect.stringMatching(
          /^Referral NK-\d{4}-\d{5}-R2 submitted to an assistance provider \(urgent\)$/,
        ) as unknown,
      },
      { agencyId: USHINDI.agencyId, eventType: null, summary: null },
      { agencyId: USHINDI.agencyId, eventType: null, summary: null },
      { agencyId: USHINDI.agencyId, eventType: null, summary: null },
    ]);
    // The assisting agency reads its own entries in full.
    const own = (await readCase({}, USHINDI)).timeline.edges.map((e) => e.node);
    expect(
      own.filter((e) => e.agencyId === USHINDI.agencyId).map(({ eventType, summary }) => ({ eventType, summary })),
    ).toEqual(
      expect.arrayContaining([
        {
          eventType: 'VictimRegistered',
          summary: expect.stringMatching(/^Victim taken into assistance \(NK-\d{4}-\d{5}-A1\)$/) as unknown,
        },
        { eventType: 'NeedsAssessed', summary: 'Needs assessed (2 needs)' },
      ]),
    );
    const times = entries.map((e) => Date.parse(e.occurredAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // Each entry's position is its cursor: the same string reads on from it.
    expect(view.timeline.edges.map((e) => e.cursor)).toEqual(entries.map((e) => e.position));
    expect(view.timeline.nodes.map((n) => n.eventId)).toEqual(entries.map((e) => e.eventId));
    expect(view.timeline.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    expect(Date.parse(view.openedAt)).toBe(times[0]);
    expect(Date.parse(view.lastActivityAt)).toBe(times.at(-1));

    // The deprecated entry point still answers, with the same case.
    const old = await as(APLT).ok<{
      jointCase: { jointCaseId: string; province: string; timeline: { nodes: unknown[] } };
    }>(DEPRECATED_CASE, { id: jointCaseId });
    expect(old.jointCase).toMatchObject({ jointCaseId, province: 'NK' });
    expect(old.jointCase.timeline.nodes).toHaveLength(6);

    const unknown = await as(APLT).request(CASE, { id: randomUUID() });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('shows that the assisting agency protected the victim, never how: a redacted entry', async () => {
    const entries = (await readCase()).timeline.edges.map((e) => e.node);
    const redacted = entries.filter((e) => e.redacted);
    // To the coordination body the victim's registration and needs are notices of category assistance ...
    expect(redacted.filter((e) => e.category === 'assistance')).toEqual([
      expect.objectContaining({ agencyId: USHINDI.agencyId, eventType: null, summary: null, roles: [] }),
      expect.objectContaining({ agencyId: USHINDI.agencyId, eventType: null, summary: null, roles: [] }),
    ]);
    // ... and the protection measure a notice of category protection.
    expect(redacted.filter((e) => e.category !== 'assistance')).toEqual([
      {
        position: expect.any(String),
        eventId: expect.any(String),
        occurredAt: expect.any(String),
        agencyId: USHINDI.agencyId,
        agencyType: 'assistance_provider',
        roles: [],
        eventType: null,
        summary: null,
        redacted: true,
        category: 'protection',
      },
    ]);
    expect(entries.filter((e) => !e.redacted).every((e) => e.category === null && e.roles.length === 1)).toBe(true);
    // Nothing of the measure reaches the joint view: its kind, its review date, the person.
    const serialized = JSON.stringify(entries);
    for (const secret of ['SAFE_HOUSE', 'safe_house', 'safe house', 'Neema', '+243 970']) {
      expect(serialized).not.toContain(secret);
    }
  });

  it('pages through the timeline with cursors, and refuses a page size or cursor it does not know', async () => {
    const all = (await readCase()).timeline.edges.map((e) => e.node.eventId);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: CaseResult = await readCase({ first: 2, ...(after ? { after } : {}) });
      seen.push(...page.timeline.edges.map((e) => e.node.eventId));
      expect(page.timeline.pageInfo.hasPreviousPage).toBe(after !== null);
      pages += 1;
      if (!page.timeline.pageInfo.hasNextPage) break;
      after = page.timeline.pageInfo.endCursor;
    }
    expect(seen).toEqual(all);
    expect(pages).toBe(3);

    for (const first of [0, 501]) {
      const refused = await as(APLT).request(CASE, { id: jointCaseId, first });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'first' }] });
    }
    for (const bad of ['not-a-cursor', Buffer.from('["2026-01-01T00:00:00.000Z","x"]').toString('base64url')]) {
      const refused = await as(APLT).request(CASE, { id: jointCaseId, after: bad });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] });
    }
  });

  it('lists cases most recently active first, by province, territory, site and overdue, page by page', async () => {
    const southKivu = await submit(as(NGO), submitInput({ site: { code: 'SK-KAL-002' } }));
    const missed = await missedReferral(POLICE, 'NK-WAL-007');
    await eventually(
      () => escalationsOf({ openOnly: true }),
      (rows) => rows.some((e) => e.subjectId === missed.referralId),
    );

    const ids = (list: CaseListResult) => list.edges.map((e) => e.node.jointCaseId);
    expect(ids(await cases({}))).toEqual([missed.jointCaseId, southKivu.jointCaseId, jointCaseId]);
    expect(ids(await cases({ province: 'NK' }))).toEqual([missed.jointCaseId, jointCaseId]);
    expect(ids(await cases({ province: 'sk' }))).toEqual([southKivu.jointCaseId]);
    expect(ids(await cases({ territory: 'MAS' }))).toEqual([jointCaseId]);
    expect(ids(await cases({ siteCode: 'NK-WAL-007' }))).toEqual([missed.jointCaseId]);
    expect(ids(await cases({ overdue: true }))).toEqual([missed.jointCaseId]);
    expect(ids(await cases({ overdue: false, province: 'NK' }))).toEqual([jointCaseId]);
    expect((await cases({ overdue: true })).edges[0]?.node.missedDeadlines).toBe(1);

    const first = await cases({ first: 2 });
    expect(ids(first)).toEqual([missed.jointCaseId, southKivu.jointCaseId]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await cases({ first: 2, after: first.pageInfo.endCursor });
    expect(ids(second)).toEqual([jointCaseId]);
    expect(second.pageInfo).toEqual({ hasNextPage: false, endCursor: second.edges[0]?.cursor });

    const bad = await as(APLT).request(CASES, { filter: { after: 'not-a-cursor' } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] });
    const badProvince = await as(APLT).request(CASES, { filter: { province: 'North Kivu!' } });
    expect(badProvince.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: expect.stringMatching(/province$/) }],
    });

    // Escalations page too, and narrow to the agency that had to answer.
    const own = await escalationsOf({ agencyId: POLICE.agencyId, openOnly: true });
    expect(own.map((e) => [e.subjectId, e.kind, e.agencyId])).toEqual([
      [missed.referralId, 'ReferralDeadlineMissed', POLICE.agencyId],
    ]);
    expect(await escalationsOf({ agencyId: OTHER_POLICE.agencyId })).toEqual([]);
  });

  it('streams new timeline entries and, after a reconnect, resumes after the last one seen', async () => {
    const before = await readCase();
    const live = new Feed<Entry>(socketOf(APLT), ENTRY_ADDED, { id: jointCaseId }, 'caseTimelineEntryAdded');
    const assisting = new Feed<Entry>(socketOf(USHINDI), ENTRY_ADDED, { id: jointCaseId }, 'caseTimelineEntryAdded');
    // Without `after`, only what is added from now on: wait until the subscription is running.
    await sleep(500);
    await mutate(USHINDI, PROVIDE_SERVICE, { assistanceId, kind: 'MEDICAL', providerAgencyId: 'hopital-fictif' });
    const [first] = await live.take(1);
    // The coordination body hears that the person was assisted; the assisting agency hears what it did.
    expect(first).toMatchObject({
      agencyId: USHINDI.agencyId,
      eventType: null,
      summary: null,
      redacted: true,
      category: 'assistance',
    });
    const [own] = await assisting.take(1);
    expect(own).toMatchObject({
      eventId: first?.eventId,
      eventType: 'ServiceProvided',
      summary: 'Service provided (medical)',
      redacted: false,
    });
    expect(before.timeline.edges.map((e) => e.node.eventId)).not.toContain(first?.eventId);
    live.stop();
    assisting.stop();

    // While the client is away, two more things happen (one of them redacted).
    await mutate(USHINDI, PROTECT, {
      assistanceId,
      measure: 'RELOCATION',
      reviewBy: new Date(Date.now() + 10 * 86_400_000).toISOString(),
      consentGivenBy: 'SELF',
    });
    await mutate(USHINDI, PROVIDE_SERVICE, { assistanceId, kind: 'LEGAL_AID', providerAgencyId: 'avocats-fictifs' });
    await eventually(readCase, (v) => v.timeline.edges.length === before.timeline.edges.length + 3);

    // A new connection resumes after the last entry it saw: the two it missed, once each, in order.
    const resumed = new Feed<Entry>(
      socketOf(APLT),
      ENTRY_ADDED,
      { id: jointCaseId, after: first?.position },
      'caseTimelineEntryAdded',
    );
    const missed = await resumed.take(2);
    expect(missed.map(({ eventType, redacted, category }) => ({ eventType, redacted, category }))).toEqual([
      { eventType: null, redacted: true, category: 'protection' },
      { eventType: null, redacted: true, category: 'assistance' },
    ]);
    expect(missed.map((e) => e.eventId)).not.toContain(first?.eventId);
    // The feed's positions read the timeline on as well.
    const rest = await readCase({ after: first?.position });
    expect(rest.timeline.edges.map((e) => e.node.eventId)).toEqual(missed.map((e) => e.eventId));
    await sleep(300);
    expect(resumed.seen()).toHaveLength(2);
    resumed.stop();

    const refused = new Feed<Entry>(
      socketOf(APLT),
      ENTRY_ADDED,
      { id: jointCaseId, after: 'not-a-cursor' },
      'caseTimelineEntryAdded',
    );
    await expect(refused.take(1, 5000)).rejects.toThrow(/BAD_USER_INPUT|not a cursor/);
  });

  it('streams missed deadlines to the agency that had to answer and to the coordination body, resuming after a reconnect', async () => {
    const coordination = new Feed<EscalationResult>(socketOf(APLT), DEADLINE_MISSED, {}, 'deadlineMissed');
    const police = new Feed<EscalationResult>(socketOf(POLICE), DEADLINE_MISSED, {}, 'deadlineMissed');
    const otherPolice = new Feed<EscalationResult>(socketOf(OTHER_POLICE), DEADLINE_MISSED, {}, 'deadlineMissed');
    await sleep(500);

    const first = await missedReferral(POLICE, 'NK-MAS-014');
    const [seenByCoordination] = await coordination.take(1, 30_000);
    const [seenByPolice] = await police.take(1, 30_000);
    for (const seen of [seenByCoordination, seenByPolice]) {
      expect(seen).toMatchObject({
        jointCaseId: first.jointCaseId,
        kind: 'ReferralDeadlineMissed',
        subjectId: first.referralId,
        agencyId: POLICE.agencyId,
      });
    }
    // Another police station had nothing to answer: it hears nothing.
    expect(otherPolice.seen()).toEqual([]);
    coordination.stop();
    police.stop();
    otherPolice.stop();

    // The coordination body is away while two more deadlines pass, one of them another station's.
    const second = await missedReferral(OTHER_POLICE, 'SK-KAL-002');
    const third = await missedReferral(POLICE, 'NK-MAS-014');
    await eventually(
      () => escalationsOf({ openOnly: true }),
      (rows) => [second, third].every((m) => rows.some((e) => e.subjectId === m.referralId)),
      30_000,
    );
    const resumed = new Feed<EscalationResult>(
      socketOf(APLT),
      DEADLINE_MISSED,
      { after: seenByCoordination?.position },
      'deadlineMissed',
    );
    const caughtUp = await resumed.take(2);
    expect(caughtUp.map((e) => e.subjectId).sort()).toEqual([second.referralId, third.referralId].sort());
    resumed.stop();

    const policeResumed = new Feed<EscalationResult>(
      socketOf(POLICE),
      DEADLINE_MISSED,
      { after: seenByPolice?.position },
      'deadlineMissed',
    );
    const policeCaughtUp = await policeResumed.take(1);
    await sleep(300);
    expect(policeResumed.seen().map((e) => e.subjectId)).toEqual([third.referralId]);
    expect(policeCaughtUp).toHaveLength(1);
    policeResumed.stop();
  });
});
