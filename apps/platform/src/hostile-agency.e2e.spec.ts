import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { type Actor } from '@pamoja/contracts';
import { EVENT_STORE, type EventStore } from '@pamoja/event-store';
import { Feed, useTestPlatform, type GraphqlErrorBody } from '@pamoja/testing';
import { EmbeddedPlatformModule } from './app.module.js';

/**
 * An outsider's attempts, over HTTP and over WebSocket, to reach a victim's personal data or a case's
 * investigative steps: every agency type as a non-party, and parties reaching beyond their part. A case
 * is opened by a first responder that met a person, who consents to assistance and to a police
 * investigation; an NGO assists her in a safe house; the police investigate and identify a suspect.
 * What each attacker may do is only what a decision recorded by someone entitled to make it allows.
 */

// Fictional agencies and a fictional person only.
const FIELD: Actor = { userId: 'fr-1', agencyId: 'fr-ushindi', agencyType: 'first_responder', roles: ['field_worker'] };
const NGO: Actor = {
  userId: 'ngo-1',
  agencyId: 'ngo-tumaini',
  agencyType: 'assistance_provider',
  roles: ['case_worker'],
};
const POLICE: Actor = { userId: 'pnc-1', agencyId: 'pnc-masisi', agencyType: 'police', roles: ['investigator'] };
const APLTP: Actor = { userId: 'cb-1', agencyId: 'apltp-nk', agencyType: 'coordination_body', roles: ['coordinator'] };
const AUDITOR: Actor = { userId: 'au-1', agencyId: 'apltp-nk', agencyType: 'coordination_body', roles: ['auditor'] };

/** One agency of every type that has no part in the case. */
const OUTSIDERS: readonly Actor[] = [
  { userId: 'o-fr', agencyId: 'fr-other', agencyType: 'first_responder', roles: ['field_worker'] },
  { userId: 'o-pnc', agencyId: 'pnc-other', agencyType: 'police', roles: ['investigator'] },
  { userId: 'o-pq', agencyId: 'parquet-other', agencyType: 'prosecutor', roles: ['prosecutor'] },
  { userId: 'o-ngo', agencyId: 'ngo-other', agencyType: 'assistance_provider', roles: ['case_worker'] },
  { userId: 'o-mine', agencyId: 'saemape-nk', agencyType: 'mining_authority', roles: ['inspector'] },
];

const VICTIM = { fullName: 'Hostile Test Neema', phone: '+243 970 555 010', currentLocation: 'Safe house 4, Sake' };
const SITE = 'NK-MAS-731';
const INVESTIGATIVE = ['InvestigationOpened', 'SuspectIdentified', 'EvidenceRecorded'];

type Transport = 'http' | 'ws';
interface Answer<T> {
  readonly data: T | null | undefined;
  readonly errors: readonly GraphqlErrorBody[] | undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a hostile agency, over HTTP and WebSocket', () => {
  const platform = useTestPlatform(
    {
      root: (config) => EmbeddedPlatformModule.forRoot(config),
      serviceName: 'pamoja-hostile-e2e',
      env: { PAMOJA_RATE_LIMIT_PER_MINUTE: '0' },
      // Every agency of the story is in the directory before the first referral names one.
      agencies: [
        FIELD,
        NGO,
        POLICE,
        APLTP,
        ...OUTSIDERS,
        { agencyId: 'fr-partner', agencyType: 'first_responder' },
        { agencyId: 'ngo-imani', agencyType: 'assistance_provider' },
        { agencyId: 'pnc-friend', agencyType: 'police' },
      ],
    },
    180_000,
  );
  let store: EventStore;
  const sockets: Client[] = [];
  // dispose() may or may not return a promise, depending on the socket's state.
  platform.onStop(() => Promise.all(sockets.map(async (s) => s.dispose())));

  let jointCaseId = '';
  let personId = '';
  let toNgo = '';
  let toPolice = '';
  let assistanceId = '';
  let investigationId = '';
  let siteId = '';

  const tokenOf = (actor: Actor): Promise<string> => platform.tokenFor(actor);
  const http = (actor: Actor) => Promise.resolve(platform.as(actor));

  const socketOf = async (actor: Actor): Promise<Client> => {
    const socket = createClient({
      url: platform.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${await tokenOf(actor)}` },
      retryAttempts: 0,
      lazy: true,
    });
    sockets.push(socket);
    return socket;
  };

  /** The same operation over either transport, as the attacker chooses. */
  const ask = async <T = Record<string, unknown>>(
    transport: Transport,
    actor: Actor,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<Answer<T>> => {
    if (transport === 'http') {
      const { data, errors } = await (await http(actor)).request<T>(query, variables);
      return { data, errors };
    }
    const socket = await socketOf(actor);
    return new Promise<Answer<T>>((resolve) => {
      let answer: Answer<T> = { data: undefined, errors: undefined };
      socket.subscribe<T>(
        { query, variables },
        {
          next: (result) => {
            answer = { data: result.data, errors: result.errors };
          },
          error: (error) => {
            resolve({
              data: null,
              errors: Array.isArray(error) ? (error as GraphqlErrorBody[]) : [{ message: String(error) }],
            });
          },
          complete: () => {
            resolve(answer);
          },
        },
      );
    });
  };

  const ok = async <T = Record<string, unknown>>(actor: Actor, query: string, variables: Record<string, unknown>) =>
    (await http(actor)).ok<T>(query, variables);

  const codeOf = (answer: Answer<unknown>) => ({
    code: answer.errors?.[0]?.extensions?.['code'],
    reason: answer.errors?.[0]?.extensions?.['reason'],
  });

  const submit = (actor: Actor, input: Record<string, unknown>) =>
    ok<{ submitReferral: { referralId: string; jointCaseId: string } }>(
      actor,
      `mutation($input: SubmitReferralInput!) { submitReferral(input: $input) { referralId jointCaseId } }`,
      {
        input: {
          commandId: randomUUID(),
          subject: { isChild: false },
          site: { code: SITE },
          indicators: ['DEBT_BONDAGE', 'RESTRICTION_OF_MOVEMENT'],
          childLabourFlags: [],
          urgency: 'URGENT',
          dueBy: new Date(Date.now() + 48 * 3_600_000).toISOString(),
          summary: 'Diggers kept at the pit by a debt to the team leader.',
          ...input,
        },
      },
    );

  const timelineOf = async (transport: Transport, actor: Actor) =>
    ask<{ case: { timeline: { nodes: { eventType: string | null; redacted: boolean; category: string | null }[] } } }>(
      transport,
      actor,
      `query($id: ID!) { case(id: $id) { timeline(first: 200) { nodes { eventType redacted category } } } }`,
      { id: jointCaseId },
    );

  const identityAs = async (transport: Transport, actor: Actor) =>
    ask<{ assistanceCase: { identity: unknown } | null }>(
      transport,
      actor,
      `query($id: ID!) { assistanceCase(id: $id) { identity { fullName phone currentLocation } } }`,
      { id: assistanceId },
    );

  beforeAll(async () => {
    store = platform.get<EventStore>(EVENT_STORE);

    const site = await ok<{ registerMineSite: { siteId: string } }>(
      OUTSIDERS[4] as Actor,
      `mutation($input: RegisterMineSiteInput!) { registerMineSite(input: $input) { siteId } }`,
      {
        input: {
          commandId: randomUUID(),
          code: SITE,
          name: 'Hostile test pit',
          province: 'NORTH_KIVU',
          territory: 'MASISI',
          minerals: ['CASSITERITE'],
          latitude: -1.4,
          longitude: 28.8,
        },
      },
    );
    siteId = site.registerMineSite.siteId;
    // The first responder met the person: she consents to assistance, and to a police investigation.
    const first = await submit(FIELD, {
      toAgencyId: NGO.agencyId,
      toAgencyType: 'ASSISTANCE_PROVIDER',
      consent: {
        givenBy: 'SELF',
        method: 'THUMBPRINT',
        agencyTypes: ['ASSISTANCE_PROVIDER'],
        purposes: ['ASSISTANCE'],
      },
    });
    ({ referralId: toNgo, jointCaseId } = first.submitReferral);
    const referral = await ok<{ referral: { subjectPersonId: string } }>(
      FIELD,
      `query($id: ID!) { referral(referralId: $id) { subjectPersonId } }`,
      { id: toNgo },
    );
    personId = referral.referral.subjectPersonId;
    const second = await submit(FIELD, {
      jointCaseId,
      subject: { isChild: false, personId },
      consent: { givenBy: 'SELF', method: 'VERBAL', agencyTypes: ['POLICE'], purposes: ['INVESTIGATION'] },
      toAgencyId: POLICE.agencyId,
      toAgencyType: 'POLICE',
    });
    toPolice = second.submitReferral.referralId;

    await ok(NGO, `mutation($input: AcceptReferralInput!) { acceptReferral(input: $input) { referralId } }`, {
      input: { commandId: randomUUID(), referralId: toNgo },
    });
    const registered = await ok<{ registerVictim: { assistanceId: string } }>(
      NGO,
      `mutation($input: RegisterVictimInput!) { registerVictim(input: $input) { assistanceId } }`,
      {
        input: {
          commandId: randomUUID(),
          jointCaseId,
          personId,
          ageGroup: 'ADULT',
          sex: 'FEMALE',
          formsOfExploitation: ['FORCED_LABOUR'],
          agreementToManagePersonalData: true,
          consentGivenBy: 'SELF',
          personal: VICTIM,
        },
      },
    );
    assistanceId = registered.registerVictim.assistanceId;

    await ok(POLICE, `mutation($input: AcceptReferralInput!) { acceptReferral(input: $input) { referralId } }`, {
      input: { commandId: randomUUID(), referralId: toPolice },
    });
    const opened = await ok<{ openInvestigation: { investigationId: string } }>(
      POLICE,
      `mutation($input: OpenInvestigationInput!) { openInvestigation(input: $input) { investigationId } }`,
      {
        input: {
          commandId: randomUUID(),
          jointCaseId,
          referralId: toPolice,
          offences: ['FORCED_LABOUR'],
          leadOfficerId: 'opj-7',
        },
      },
    );
    investigationId = opened.openInvestigation.investigationId;
    await ok(POLICE, `mutation($input: IdentifySuspectInput!) { identifySuspect(input: $input) { investigationId } }`, {
      input: {
        commandId: randomUUID(),
        investigationId,
        role: 'RECRUITER',
        alias: 'the team leader',
        personal: { name: 'Hostile Test Suspect Baraka', dateOfBirth: '1979-04-02' },
      },
    });
  }, 180_000);

  describe.each<Transport>(['http', 'ws'])('over %s', (transport) => {
    it.each(OUTSIDERS.map((o) => [o.agencyType, o] as const))(
      'a %s that is no party cannot join the case by citing its id, nor grant itself consent; nothing is written',
      async (_type, outsider) => {
        const attempt = (subject: Record<string, unknown>) =>
          ask(
            transport,
            outsider,
            `mutation($input: SubmitReferralInput!) { submitReferral(input: $input) { referralId } }`,
            {
              input: {
                commandId: randomUUID(),
                jointCaseId,
                subject,
                consent: {
                  givenBy: 'SELF',
                  agencyTypes: ['POLICE', 'ASSISTANCE_PROVIDER', 'MINING_AUTHORITY', 'FIRST_RESPONDER', 'PROSECUTOR'],
                  purposes: ['INFORMATION_SHARING', 'INVESTIGATION'],
                },
                site: { code: SITE },
                indicators: ['DEBT_BONDAGE'],
                childLabourFlags: [],
                urgency: 'ROUTINE',
                toAgencyId: 'pnc-rutshuru',
                toAgencyType: 'POLICE',
                dueBy: new Date(Date.now() + 48 * 3_600_000).toISOString(),
                summary: 'Follow-up.',
              },
            },
          );
        const before = await store.headPosition();
        // Claiming to have met someone in another agency's case: the case is not its to join.
        expect(codeOf(await attempt({ isChild: false }))).toEqual({ code: 'FORBIDDEN', reason: 'not_a_party' });
        // Citing the person the case is about, with a consent it wrote itself: not its consent to record.
        const asKeeper = await attempt({ isChild: false, personId });
        expect(asKeeper.errors?.[0]?.extensions).toEqual({ code: 'RULE_VIOLATION', rule: 'only_consent_keeper' });
        // Registering the victim, or opening an investigation, in the case: refused the same way.
        const registered = await ask(
          transport,
          outsider,
          `mutation($input: ReportSiteIncidentInput!) { reportSiteIncident(input: $input) { incidentId } }`,
          {
            input: {
              commandId: randomUUID(),
              siteId,
              jointCaseId,
              source: 'FIELD_AGENT',
              description: 'Workers held at the pit.',
            },
          },
        );
        expect(codeOf(registered)).toEqual({ code: 'FORBIDDEN', reason: 'not_a_party' });
        expect(await store.headPosition()).toEqual(before);
      },
    );

    it.each(OUTSIDERS.map((o) => [o.agencyType, o] as const))(
      'a %s that is no party finds neither the case, nor the victim, nor the investigation',
      async (_type, outsider) => {
        expect(codeOf(await timelineOf(transport, outsider))).toEqual({ code: 'NOT_FOUND', reason: undefined });
        const identity = await identityAs(transport, outsider);
        expect({ data: identity.data?.assistanceCase ?? null, ...codeOf(identity) }).toEqual({
          data: null,
          code: 'NOT_FOUND',
          reason: undefined,
        });
        const investigation = await ask(
          transport,
          outsider,
          `query($id: ID!) { investigation(investigationId: $id) { investigationId suspects { name } } }`,
          { id: investigationId },
        );
        expect(investigation.data?.['investigation'] ?? null).toBeNull();
        // Police and prosecutors may use the query at all, and find nothing; the others are refused it.
        expect(codeOf(investigation).code).toBe(
          outsider.agencyType === 'police' || outsider.agencyType === 'prosecutor' ? 'NOT_FOUND' : 'FORBIDDEN',
        );
      },
    );

    it.each(OUTSIDERS.map((o) => [o.agencyType, o] as const))(
      'a %s that is no party cannot enumerate the case id through sites or lists: only a count',
      async (_type, outsider) => {
        const seen = await ask<{
          mineSite: {
            caseCount: number;
            cases: { nodes: { jointCaseId: string }[] };
            timeline: { nodes: { jointCaseId: string | null }[] };
          };
          jointCases: { nodes: { jointCaseId: string }[] };
        }>(
          transport,
          outsider,
          `query($code: String!) {
            mineSite(code: $code) {
              caseCount
              cases(first: 100) { nodes { jointCaseId } }
              timeline(first: 200) { nodes { jointCaseId } }
            }
            jointCases(filter: { first: 200 }) { nodes { jointCaseId } }
          }`,
          { code: SITE },
        );
        expect(seen.errors).toBeUndefined();
        expect(JSON.stringify(seen.data)).not.toContain(jointCaseId);
        expect(seen.data?.mineSite.caseCount).toBeGreaterThanOrEqual(1);
      },
    );

    it('a non-party subscription to the case timeline is refused; a party’s carries no investigative step', async () => {
      const query = `subscription($id: ID!) { caseTimelineEntryAdded(jointCaseId: $id) { eventType redacted category } }`;
      const outsider = new Feed<unknown>(
        await socketOf(OUTSIDERS[4] as Actor),
        query,
        { id: jointCaseId },
        'caseTimelineEntryAdded',
      );
      const party = new Feed<{ eventType: string | null; redacted: boolean; category: string | null }>(
        await socketOf(NGO),
        query,
        { id: jointCaseId },
        'caseTimelineEntryAdded',
      );
      const coordination = new Feed<{ eventType: string | null; redacted: boolean; category: string | null }>(
        await socketOf(APLTP),
        query,
        { id: jointCaseId },
        'caseTimelineEntryAdded',
      );
      await sleep(500);
      // The police record evidence, then the first responder screens the person: one entry each.
      await ok(POLICE, `mutation($input: RecordEvidenceInput!) { recordEvidence(input: $input) { investigationId } }`, {
        input: {
          commandId: randomUUID(),
          investigationId,
          kind: 'DOCUMENT',
          description: 'Debt ledger',
          sha256: 'b'.repeat(64),
          collectedAt: new Date().toISOString(),
        },
      });
      await ok(
        FIELD,
        `mutation($input: AssessTraffickingScreeningInput!) { assessTraffickingScreening(input: $input) { referralId } }`,
        {
          input: {
            commandId: randomUUID(),
            referralId: toNgo,
            acts: ['RECRUITMENT'],
            means: ['COERCION'],
            purposes: ['FORCED_LABOUR'],
            personIsChild: false,
          },
        },
      );
      const partySaw = await party.take(1);
      const coordinationSaw = await coordination.take(2);
      await sleep(1_000);
      expect(JSON.stringify(outsider.failures())).toContain('NOT_FOUND');
      expect(outsider.seen()).toEqual([]);
      expect(party.seen().map((e) => e.eventType)).toEqual(['TraffickingScreeningAssessed']);
      expect(partySaw.some((e) => e.category === 'investigation')).toBe(false);
      // The coordination body learns that the police acted, not what they did.
      expect(coordinationSaw).toEqual(
        expect.arrayContaining([
          { eventType: null, redacted: true, category: 'investigation' },
          { eventType: 'TraffickingScreeningAssessed', redacted: false, category: null },
        ]),
      );
      outsider.stop();
      party.stop();
      coordination.stop();
    }, 60_000);
  });

  it('shows each viewer the timeline the policy discloses: investigative steps to the justice parties only', async () => {
    const as = async (actor: Actor) => (await timelineOf('http', actor)).data?.case.timeline.nodes ?? [];
    const police = await as(POLICE);
    const ngo = await as(NGO);
    const field = await as(FIELD);
    const coordination = await as(APLTP);
    expect(police.map((e) => e.eventType)).toEqual(expect.arrayContaining(INVESTIGATIVE));
    for (const [who, entries] of [
      ['assisting NGO', ngo],
      ['first responder', field],
    ] as const) {
      expect({ who, investigative: entries.filter((e) => INVESTIGATIVE.includes(e.eventType ?? '')) }).toEqual({
        who,
        investigative: [],
      });
      expect({ who, notices: entries.filter((e) => e.category === 'investigation') }).toEqual({ who, notices: [] });
    }
    expect(coordination.filter((e) => INVESTIGATIVE.includes(e.eventType ?? ''))).toEqual([]);
    expect(coordination.filter((e) => e.category === 'investigation').length).toBeGreaterThanOrEqual(3);
    // The NGO reads its own work in full; the police only that assistance was given.
    expect(ngo.map((e) => e.eventType)).toContain('VictimRegistered');
    expect(police.map((e) => e.eventType)).not.toContain('VictimRegistered');
    expect(police.filter((e) => e.category === 'assistance').length).toBeGreaterThanOrEqual(1);
  });

  it('an agency cannot bring another case’s person into a case of its own to become keeper of their consent', async () => {
    const outsider = OUTSIDERS[3] as Actor;
    // It may open a case of its own: a situation it met itself.
    const own = await submit(outsider, { toAgencyId: 'fr-partner', toAgencyType: 'FIRST_RESPONDER' });
    const before = await store.headPosition();
    const forwarded = await ask(
      'http',
      outsider,
      `mutation($input: SubmitReferralInput!) { submitReferral(input: $input) { referralId } }`,
      {
        input: {
          commandId: randomUUID(),
          jointCaseId: own.submitReferral.jointCaseId,
          subject: { isChild: false, personId },
          site: { code: SITE },
          indicators: ['DEBT_BONDAGE'],
          childLabourFlags: [],
          urgency: 'ROUTINE',
          toAgencyId: 'fr-partner',
          toAgencyType: 'FIRST_RESPONDER',
          dueBy: new Date(Date.now() + 48 * 3_600_000).toISOString(),
          summary: 'Follow-up.',
        },
      },
    );
    expect(forwarded.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [expect.objectContaining({ field: 'subject.personId' })],
    });
    const registered = await ask(
      'http',
      outsider,
      `mutation($input: RegisterVictimInput!) { registerVictim(input: $input) { assistanceId } }`,
      {
        input: {
          commandId: randomUUID(),
          jointCaseId: own.submitReferral.jointCaseId,
          personId,
          ageGroup: 'ADULT',
          sex: 'FEMALE',
          formsOfExploitation: ['FORCED_LABOUR'],
          agreementToManagePersonalData: false,
          consentGivenBy: 'SELF',
        },
      },
    );
    expect(registered.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [expect.objectContaining({ field: 'personId' })],
    });
    expect(await store.headPosition()).toEqual(before);
  });

  it('a meeting participant outside the case finds none of its items on the agenda; the coordination body finds them all', async () => {
    // A handoff in the case is declined: the coordination meeting will review it.
    const declinedBy: Actor = { userId: 'ngo-x', agencyId: 'ngo-imani', agencyType: 'assistance_provider', roles: [] };
    const handoff = await submit(FIELD, {
      jointCaseId,
      subject: { isChild: false, personId },
      toAgencyId: declinedBy.agencyId,
      toAgencyType: 'ASSISTANCE_PROVIDER',
    });
    await ok(declinedBy, `mutation($input: DeclineReferralInput!) { declineReferral(input: $input) { referralId } }`, {
      input: { commandId: randomUUID(), referralId: handoff.submitReferral.referralId, reason: 'No places left.' },
    });
    const scheduled = await ok<{ scheduleMeeting: { meetingId: string } }>(
      APLTP,
      `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { meetingId } }`,
      {
        input: {
          commandId: randomUUID(),
          title: 'Monthly case review',
          province: 'NK',
          scheduledFor: new Date(Date.now() + 7 * 24 * 3_600_000).toISOString(),
          participantAgencyTypes: ['MINING_AUTHORITY', 'FIRST_RESPONDER', 'ASSISTANCE_PROVIDER', 'POLICE'],
        },
      },
    );
    const agendaOf = async (actor: Actor) =>
      JSON.stringify(
        await ok(
          actor,
          `query($id: ID!) { meeting(meetingId: $id) { agenda {
            declinedHandoffs { referralId jointCaseId } overdueHandoffs { jointCaseId }
            missedDeadlines { jointCaseId } upcomingHearings { jointCaseId } levelOneIncidents { jointCaseId }
          } } }`,
          { id: scheduled.scheduleMeeting.meetingId },
        ),
      );
    expect(await agendaOf(APLTP)).toContain(jointCaseId);
    expect(await agendaOf(FIELD)).toContain(jointCaseId);
    for (const outsider of OUTSIDERS.filter((o) => o.agencyType !== 'prosecutor')) {
      expect({ who: outsider.agencyId, leaks: (await agendaOf(outsider)).includes(jointCaseId) }).toEqual({
        who: outsider.agencyId,
        leaks: false,
      });
    }
  });

  it('a party that is not in the justice chain learns nothing of the investigation from the case', async () => {
    const seen = await ok<{ case: { investigationIds: string[]; investigations: unknown[]; prosecutions: unknown[] } }>(
      NGO,
      `query($id: ID!) { case(id: $id) { investigationIds investigations { investigationId } prosecutions { prosecutionId } } }`,
      { id: jointCaseId },
    );
    expect(seen.case).toEqual({ investigationIds: [], investigations: [], prosecutions: [] });
    const police = await ok<{ case: { investigationIds: string[] } }>(
      POLICE,
      `query($id: ID!) { case(id: $id) { investigationIds } }`,
      { id: jointCaseId },
    );
    expect(police.case.investigationIds).toEqual([investigationId]);
  });

  it('the police party cannot widen the person’s consent for itself, nor withdraw it; the attempt to read is audited as withheld', async () => {
    const before = await store.headPosition();
    const widened = await ask(
      'http',
      POLICE,
      `mutation($input: RecordReferralConsentInput!) { recordConsent(input: $input) { referralId } }`,
      {
        input: {
          commandId: randomUUID(),
          referralId: toPolice,
          givenBy: 'SELF',
          agencyTypes: ['POLICE'],
          purposes: ['INFORMATION_SHARING'],
        },
      },
    );
    expect(widened.errors?.[0]?.extensions).toEqual({ code: 'RULE_VIOLATION', rule: 'only_consent_keeper' });
    expect(await store.headPosition()).toEqual(before);
    const read = await identityAs('http', POLICE);
    expect(read.data?.assistanceCase).toEqual({ identity: null });

    const audit = await ok<{ auditEntries: { nodes: { operation: string; outcome: string; agencyId: string }[] } }>(
      AUDITOR,
      `query($subject: String!) { auditEntries(filter: { subject: $subject, first: 200 }) { nodes { operation outcome agencyId } } }`,
      { subject: `assistance:${assistanceId}` },
    );
    expect(audit.auditEntries.nodes).toEqual(
      expect.arrayContaining([
        { operation: 'AssistanceCase.identity', outcome: 'withheld', agencyId: POLICE.agencyId },
      ]),
    );
  });

  it('consent widened by the agency that met the person reaches the police party, never a police unit outside the case', async () => {
    await ok(FIELD, `mutation($input: RecordReferralConsentInput!) { recordConsent(input: $input) { referralId } }`, {
      input: {
        commandId: randomUUID(),
        referralId: toNgo,
        givenBy: 'SELF',
        method: 'WRITTEN',
        formSha256: 'c'.repeat(64),
        agencyTypes: ['POLICE'],
        purposes: ['INFORMATION_SHARING'],
      },
    });
    await eventually(async () => {
      expect((await identityAs('http', POLICE)).data?.assistanceCase).toEqual({ identity: VICTIM });
    });
    expect((await identityAs('ws', POLICE)).data?.assistanceCase).toEqual({ identity: VICTIM });
    const outsiderPolice = OUTSIDERS[1] as Actor;
    expect(codeOf(await identityAs('http', outsiderPolice)).code).toBe('NOT_FOUND');
    // The widening is on the timeline of the assisting agency.
    const ngo = (await timelineOf('http', NGO)).data?.case.timeline.nodes ?? [];
    expect(ngo.filter((e) => e.eventType === 'ConsentRecorded').length).toBe(3);
  }, 30_000);

  describe('membership by the coordination body’s decision, for every agency type', () => {
    it.each(OUTSIDERS.map((o) => [o.agencyType, o] as const))(
      'a %s admitted to the case finds it and what the policy gives its type; the identity only by the person’s consent',
      async (_type, outsider) => {
        const admitted = await ask(
          'http',
          APLTP,
          `mutation($input: AdmitCasePartyInput!) { admitCaseParty(input: $input) { decisionId } }`,
          {
            input: {
              commandId: randomUUID(),
              jointCaseId,
              agencyId: outsider.agencyId,
              agencyType: outsider.agencyType.toUpperCase(),
              reason: 'RELATED_CASE',
            },
          },
        );
        expect(admitted.errors).toBeUndefined();
        await eventually(async () => {
          expect((await timelineOf('http', outsider)).errors).toBeUndefined();
        });
        const entries = (await timelineOf('http', outsider)).data?.case.timeline.nodes ?? [];
        const justice = outsider.agencyType === 'police' || outsider.agencyType === 'prosecutor';
        expect(entries.some((e) => INVESTIGATIVE.includes(e.eventType ?? ''))).toBe(justice);
        expect(entries.map((e) => e.eventType)).toContain('CasePartyAdmitted');
        // The person consented to share with the police (above): an admitted police unit is a party of that type.
        expect((await identityAs('http', outsider)).data?.assistanceCase).toEqual({
          identity: outsider.agencyType === 'police' ? VICTIM : null,
        });
        const investigation = await ask(
          'http',
          outsider,
          `query($id: ID!) { investigation(investigationId: $id) { investigationId } }`,
          { id: investigationId },
        );
        expect(investigation.data?.['investigation'] ?? null).toEqual(justice ? { investigationId } : null);
      },
    );

    it('nobody but the coordination body admits, and a case nobody opened cannot be admitted to', async () => {
      const byPolice = await ask(
        'http',
        POLICE,
        `mutation($input: AdmitCasePartyInput!) { admitCaseParty(input: $input) { decisionId } }`,
        {
          input: {
            commandId: randomUUID(),
            jointCaseId,
            agencyId: 'pnc-friend',
            agencyType: 'POLICE',
            reason: 'JURISDICTION',
          },
        },
      );
      expect(codeOf(byPolice)).toEqual({ code: 'FORBIDDEN', reason: 'access_policy' });
      const unknown = await ask(
        'http',
        APLTP,
        `mutation($input: AdmitCasePartyInput!) { admitCaseParty(input: $input) { decisionId } }`,
        {
          input: {
            commandId: randomUUID(),
            jointCaseId: randomUUID(),
            agencyId: 'pnc-friend',
            agencyType: 'POLICE',
            reason: 'JURISDICTION',
          },
        },
      );
      expect(codeOf(unknown).code).toBe('NOT_FOUND');
    });
  });
});

async function eventually(check: () => Promise<void>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(100);
    }
  }
}
