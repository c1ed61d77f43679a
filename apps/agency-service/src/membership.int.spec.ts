import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { type Actor } from '@pamoja/contracts';
import { Upcasters } from '@pamoja/event-store';
import { startGateway, type RunningGateway } from '@pamoja/gateway';
import { startRelay } from '@pamoja/platform/kafka';
import { REFERRAL_UPCASTERS } from '@pamoja/referrals/domain';
import {
  Feed,
  GraphqlTestClient,
  referCaseTo,
  submit,
  submitInput,
  useTestDeployment,
  type GraphqlErrorBody,
} from '@pamoja/testing';
import { AgencyServiceModule, type AgencyServiceName } from './service.module.js';
import { SERVICE_ORDER } from './subgraphs.js';

/*
 * Case membership and per-viewer disclosure in server mode: each agency service decides for itself, from
 * the one log, behind the gateway, over HTTP and WebSocket. The attacks of the embedded hostile-agency suite
 * that matter most, on the path a deployment exposes. Fictional agencies and people only.
 */

const FIELD: Actor = { userId: 'fr-1', agencyId: 'fr-ushindi', agencyType: 'first_responder', roles: ['field_worker'] };
const NGO: Actor = { userId: 'ngo-1', agencyId: 'ngo-tumaini', agencyType: 'assistance_provider', roles: [] };
const POLICE: Actor = { userId: 'pnc-1', agencyId: 'pnc-masisi', agencyType: 'police', roles: ['investigator'] };
const MINING: Actor = { userId: 'm-1', agencyId: 'saemape-nk', agencyType: 'mining_authority', roles: [] };
const OTHER_POLICE: Actor = { userId: 'p-2', agencyId: 'pnc-other', agencyType: 'police', roles: [] };
const VICTIM = { fullName: 'Server Test Furaha', phone: '+243 970 555 777', currentLocation: 'Safe house 9, Goma' };

describe('case membership in server mode, through the gateway', () => {
  const deployment = useTestDeployment<AgencyServiceName>({
    root: (config, name) => AgencyServiceModule.forRoot(config, name),
    serviceName: (name) => `pamoja-${name}-mb`,
    env: () => Promise.resolve({ PAMOJA_RATE_LIMIT_PER_MINUTE: '0' }),
    kafka: {},
  });
  const sockets: Client[] = [];
  const tokens = new Map<string, string>();
  let gateway: RunningGateway;
  let jointCaseId = '';
  let assistanceId = '';
  let toPolice = '';

  const client = (actor: Actor) => new GraphqlTestClient(gateway.url).as(tokens.get(actor.agencyId) ?? '');
  const overWs = (actor: Actor, query: string, variables: Record<string, unknown>) =>
    new Promise<readonly GraphqlErrorBody[] | undefined>((resolve) => {
      const socket = createClient({
        url: gateway.url.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${tokens.get(actor.agencyId) ?? ''}` },
        retryAttempts: 0,
        lazy: true,
      });
      sockets.push(socket);
      let errors: readonly GraphqlErrorBody[] | undefined;
      socket.subscribe(
        { query, variables },
        {
          next: (result) => {
            errors = result.errors;
          },
          error: (error) => {
            resolve(Array.isArray(error) ? (error as GraphqlErrorBody[]) : [{ message: String(error) }]);
          },
          complete: () => {
            resolve(errors);
          },
        },
      );
    });

  beforeAll(async () => {
    for (const name of SERVICE_ORDER) await deployment.start(name);
    const upcasters = Upcasters.of(...REFERRAL_UPCASTERS);
    const relay = await startRelay(deployment.config('pamoja-relay-mb'), upcasters);
    deployment.onStop(() => relay.stop());
    gateway = await startGateway({
      port: 0,
      host: '127.0.0.1',
      subgraphs: SERVICE_ORDER.map((name) => ({ name, url: deployment.service(name).graphqlUrl })),
    });
    deployment.onStop(() => gateway.close());
    // dispose() may or may not return a promise, depending on the socket's state.
    deployment.onStop(() => Promise.all(sockets.map(async (s) => s.dispose())));
    for (const actor of [FIELD, NGO, POLICE, MINING, OTHER_POLICE])
      tokens.set(actor.agencyId, await deployment.tokenFor(actor));

    // The first responder met a woman: it refers her to the police (with her consent) and to an NGO.
    const sent = await submit(
      client(FIELD),
      submitInput({
        subject: { isChild: false },
        consent: { givenBy: 'SELF', agencyTypes: ['POLICE'], purposes: ['INVESTIGATION'] },
        toAgencyId: POLICE.agencyId,
        toAgencyType: 'POLICE',
      }),
    );
    jointCaseId = sent.jointCaseId ?? '';
    toPolice = sent.referralId;
    const toNgo = await referCaseTo(client(FIELD), sent, NGO);
    const registered = await client(NGO).ok<{ registerVictim: { assistanceId: string } }>(
      `mutation($input: RegisterVictimInput!) { registerVictim(input: $input) { assistanceId } }`,
      {
        input: {
          commandId: randomUUID(),
          jointCaseId,
          personId: toNgo.personId,
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
    await until(async () => {
      await client(POLICE).ok(
        `mutation($input: AcceptReferralInput!) { acceptReferral(input: $input) { referralId } }`,
        {
          input: { commandId: randomUUID(), referralId: toPolice },
        },
      );
    });
    await client(POLICE).ok(
      `mutation($input: OpenInvestigationInput!) { openInvestigation(input: $input) { investigationId } }`,
      {
        input: {
          commandId: randomUUID(),
          jointCaseId,
          referralId: toPolice,
          offences: ['FORCED_LABOUR'],
          leadOfficerId: 'opj-3',
        },
      },
    );
  }, 240_000);

  const JOIN = `mutation($input: SubmitReferralInput!) { submitReferral(input: $input) { referralId } }`;
  const joinInput = () =>
    submitInput({
      jointCaseId,
      subject: { isChild: false },
      toAgencyId: 'ngo-ushindi',
      toAgencyType: 'ASSISTANCE_PROVIDER',
    });

  it('refuses a non-party that cites the case, over HTTP and WebSocket, in the service that owns the record', async () => {
    for (const outsider of [MINING, OTHER_POLICE]) {
      const viaHttp = await client(outsider).request(JOIN, { input: joinInput() });
      expect(viaHttp.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'not_a_party' });
      // The gateway takes mutations over HTTP only (a mutation over its WebSocket is refused outright); the
      // services' own WebSocket path is in the embedded hostile-agency suite.
      const viaWs = await overWs(outsider, JOIN, { input: joinInput() });
      expect(viaWs?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    }
  });

  it('shows a non-party neither the case nor the victim, over HTTP and WebSocket; a just-referred party at once', async () => {
    const CASE = `query($id: ID!) { case(id: $id) { jointCaseId } }`;
    const VICTIM_CASE = `query($id: ID!) { assistanceCase(id: $id) { identity { fullName } } }`;
    for (const outsider of [MINING, OTHER_POLICE]) {
      expect((await client(outsider).request(CASE, { id: jointCaseId })).errors?.[0]?.extensions?.code).toBe(
        'NOT_FOUND',
      );
      expect((await overWs(outsider, CASE, { id: jointCaseId }))?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect((await client(outsider).request(VICTIM_CASE, { id: assistanceId })).errors?.[0]?.extensions?.code).toBe(
        'NOT_FOUND',
      );
    }
    // The police party finds the case; the victim's identity stays with the NGO (no consent to share it).
    await until(async () => {
      expect((await client(POLICE).request(CASE, { id: jointCaseId })).errors).toBeUndefined();
    });
    const police = await client(POLICE).ok<{ assistanceCase: { identity: unknown } }>(VICTIM_CASE, {
      id: assistanceId,
    });
    expect(police.assistanceCase.identity).toBeNull();
    const ngo = await client(NGO).ok<{ assistanceCase: { identity: unknown } }>(VICTIM_CASE, { id: assistanceId });
    expect(ngo.assistanceCase.identity).toEqual({ fullName: VICTIM.fullName });
  });

  it('refuses the police party a consent it writes for itself', async () => {
    const widened = await client(POLICE).request(
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
    expect(widened.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'only_consent_keeper' });
  });

  it('tells the investigation to the police party only: the NGO party’s timeline and live feed carry no investigative step', async () => {
    const TIMELINE = `query($id: ID!) { case(id: $id) { timeline(first: 100) { nodes { eventType category } } } }`;
    type Timeline = { case: { timeline: { nodes: { eventType: string | null; category: string | null }[] } } };
    await until(async () => {
      const police = await client(POLICE).ok<Timeline>(TIMELINE, { id: jointCaseId });
      expect(police.case.timeline.nodes.map((n) => n.eventType)).toContain('InvestigationOpened');
    }, 30_000);
    const ngo = await client(NGO).ok<Timeline>(TIMELINE, { id: jointCaseId });
    expect(ngo.case.timeline.nodes.map((n) => n.eventType)).toContain('ReferralSubmitted');
    expect(
      ngo.case.timeline.nodes.filter((n) => n.eventType === 'InvestigationOpened' || n.category === 'investigation'),
    ).toEqual([]);
    // Live: a non-party's subscription is refused through the gateway.
    const socket = createClient({
      url: gateway.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${tokens.get(MINING.agencyId) ?? ''}` },
      retryAttempts: 0,
      lazy: true,
    });
    sockets.push(socket);
    const feed = new Feed<unknown>(
      socket,
      `subscription($id: ID!) { caseTimelineEntryAdded(jointCaseId: $id) { eventType } }`,
      { id: jointCaseId },
      'caseTimelineEntryAdded',
    );
    await until(() => {
      expect(JSON.stringify(feed.failures())).toContain('NOT_FOUND');
      return Promise.resolve();
    }, 10_000);
    expect(feed.seen()).toEqual([]);
    feed.stop();
  }, 60_000);
});

/** Retries a check until it passes (read models fed through Kafka arrive in their own time). */
async function until(check: () => Promise<void>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
