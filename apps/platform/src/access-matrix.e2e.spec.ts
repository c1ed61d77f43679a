import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { isNonNullType, type GraphQLSchema } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { type AgencyType } from '@pamoja/contracts';
import { EVENT_STORE, type EventStore } from '@pamoja/event-store';
import { ACCESS_POLICY } from '@pamoja/platform/policy';
import {
  accessMatrix,
  actorOf,
  Feed,
  fetchSchema,
  MATRIX_AGENCY_TYPES,
  operationDocument,
  POLICY_REFUSAL,
  useTestPlatform,
  type GraphqlTestClient,
} from '@pamoja/testing';
import { EmbeddedPlatformModule } from './app.module.js';

/**
 * The access policy, checked against the running embedded app: every operation for every agency type as
 * the policy data says (generated), then the sensitive fields by hand: the victim's identity and
 * whereabouts (the assisting agency, and agencies the victim consented to), suspects (police and
 * prosecutors), evidence (police and prosecutors).
 */
describe('access matrix (embedded)', () => {
  const platform = useTestPlatform(
    {
      root: (config) => EmbeddedPlatformModule.forRoot(config),
      serviceName: 'pamoja-matrix-e2e',
      env: { PAMOJA_RATE_LIMIT_PER_MINUTE: '0' },
      // Every agency of the matrix is in the directory before the first cell: registering one while a cell
      // runs would move the log the cell checks did not move.
      agencies: MATRIX_AGENCY_TYPES.map(actorOf),
    },
    180_000,
  );
  let schema: GraphQLSchema;
  let store: EventStore;

  const clientOf = (agencyType: AgencyType, agencyId?: string): Promise<GraphqlTestClient> =>
    Promise.resolve(
      platform.as({ ...actorOf(agencyType), ...(agencyId ? { agencyId, userId: `${agencyId}-user` } : {}) }),
    );

  beforeAll(async () => {
    store = platform.get<EventStore>(EVENT_STORE);
    schema = await fetchSchema(await clientOf('coordination_body'));
  }, 180_000);

  it('names every operation of the API, and only those; guards only real, nullable fields', () => {
    for (const [operationType, root] of [
      ['Query', schema.getQueryType()],
      ['Mutation', schema.getMutationType()],
      ['Subscription', schema.getSubscriptionType()],
    ] as const) {
      const inSchema = Object.keys(root?.getFields() ?? {})
        .filter((name) => !name.startsWith('_'))
        .sort();
      expect(Object.keys(ACCESS_POLICY.operations[operationType]).sort()).toEqual(inSchema);
    }
    for (const key of Object.keys(ACCESS_POLICY.fields)) {
      const [typeName = '', fieldName = ''] = key.split('.');
      const type = schema.getType(typeName);
      const field = type && 'getFields' in type ? type.getFields()[fieldName] : undefined;
      expect({ key, exists: field !== undefined }).toEqual({ key, exists: true });
      expect({ key, nullable: field !== undefined && !isNonNullType(field.type) }).toEqual({ key, nullable: true });
    }
  });

  it('refuses every mutation the policy does not give an agency type, changing nothing; lets through every one it gives', async () => {
    const cells = accessMatrix(schema, ['Mutation']);
    expect(cells.length).toBeGreaterThan(40 * MATRIX_AGENCY_TYPES.length);
    const mismatches: string[] = [];
    for (const cell of cells) {
      const { query, variables } = operationDocument(schema, 'Mutation', cell.operation);
      const client = await clientOf(cell.agencyType);
      const before = await store.headPosition();
      const result = await client.request(query, variables);
      const refused = result.errors?.some((e) => e.extensions?.['reason'] === POLICY_REFUSAL.reason) ?? false;
      const codes = (result.errors ?? []).map((e) => String(e.extensions?.['code']));
      if (cell.allowed === refused)
        mismatches.push(`${cell.operation} as ${cell.agencyType}: ${JSON.stringify(codes)}`);
      if (codes.includes('INTERNAL_SERVER_ERROR')) mismatches.push(`${cell.operation}: internal error`);
      if (!cell.allowed) {
        expect(result.errors?.[0]?.extensions).toEqual(POLICY_REFUSAL);
        expect(await store.headPosition()).toEqual(before);
      }
    }
    expect(mismatches).toEqual([]);
  }, 600_000);

  it('refuses every query the policy does not give an agency type; lets through every one it gives', async () => {
    const mismatches: string[] = [];
    for (const cell of accessMatrix(schema, ['Query'])) {
      const { query, variables } = operationDocument(schema, 'Query', cell.operation);
      const result = await (await clientOf(cell.agencyType)).request(query, variables);
      const refused = result.errors?.some((e) => e.extensions?.['reason'] === POLICY_REFUSAL.reason) ?? false;
      if (cell.allowed === refused) {
        mismatches.push(`${cell.operation} as ${cell.agencyType}: ${JSON.stringify(result.errors ?? 'allowed')}`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 600_000);

  it('refuses every subscription the policy does not give an agency type; lets through every one it gives', async () => {
    const mismatches: string[] = [];
    for (const cell of accessMatrix(schema, ['Subscription'])) {
      const token = await platform.tokenFor(actorOf(cell.agencyType));
      const socket = createClient({
        url: platform.wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        retryAttempts: 0,
        lazy: true,
      });
      const { query, variables } = operationDocument(schema, 'Subscription', cell.operation);
      const feed = new Feed<unknown>(socket, query, variables, cell.operation);
      // A refusal comes at once; an allowed subscription stays open without one.
      const deadline = Date.now() + (cell.allowed ? 1_000 : 10_000);
      while (feed.failures().length === 0 && Date.now() < deadline) await sleep(50);
      const refused = JSON.stringify(feed.failures()).includes(`"reason":"${POLICY_REFUSAL.reason}"`);
      if (cell.allowed === refused) {
        mismatches.push(`${cell.operation} as ${cell.agencyType}: ${JSON.stringify(feed.failures())}`);
      }
      feed.stop();
      await socket.dispose();
    }
    expect(mismatches).toEqual([]);
  }, 120_000);

  it('refuses integrators every operation of the case API', () => {
    // Integrators read the published figures (docs/statistics.md) and keep their own webhooks (ADR 0028),
    // never a case.
    const published = new Set([
      'victimStatistics',
      'referralStatistics',
      'investigationStatistics',
      'prosecutionStatistics',
    ]);
    const ownWebhooks = (operation: string) => /^(\w+Webhook\w*|webhook\w+)$/.test(operation);
    const allowed = accessMatrix(schema, ['Query', 'Mutation', 'Subscription']).filter(
      (cell) =>
        cell.agencyType === 'integrator' &&
        cell.allowed &&
        !published.has(cell.operation) &&
        !ownWebhooks(cell.operation),
    );
    expect(allowed).toEqual([]);
  });

  describe('sensitive fields, by hand', () => {
    const NGO = 'ngo-ushindi';
    const OTHER_NGO = 'ngo-other';
    const POLICE = 'pnc-masisi';
    const PARQUET = 'parquet-goma';
    const FIELD = 'field-team';
    const VICTIM = { fullName: 'Matrix Victim Zawadi', phone: '+243 970 111 222', currentLocation: 'Safe house 7' };
    let referralId = '';
    let jointCaseId = '';
    let assistanceId = '';
    let investigationId = '';
    let consentId = '';

    /** What an agency reads of the victim's case; `not found` when the case does not exist for it. */
    const identityAs = async (agencyType: AgencyType, agencyId: string) => {
      const result = await (
        await clientOf(agencyType, agencyId)
      ).request<{ assistanceCase: { identity: unknown; ageGroup: unknown } | null }>(
        `query($id: ID!) { assistanceCase(id: $id) { identity { fullName phone currentLocation } ageGroup } }`,
        { id: assistanceId },
      );
      if (result.errors?.[0]?.extensions?.code === 'NOT_FOUND') return 'not found';
      if (!result.data?.assistanceCase) throw new Error(JSON.stringify(result.errors));
      return result.data.assistanceCase;
    };

    beforeAll(async () => {
      const field = await clientOf('first_responder', FIELD);
      const submitted = await field.ok<{ submitReferral: { referralId: string; jointCaseId: string } }>(
        `mutation($input: SubmitReferralInput!) { submitReferral(input: $input) { referralId jointCaseId } }`,
        {
          input: {
            commandId: randomUUID(),
            subject: { isChild: false },
            consent: { givenBy: 'SELF', agencyTypes: ['POLICE'], purposes: ['INVESTIGATION'] },
            site: { code: 'NK-MAS-901' },
            indicators: ['DEBT_BONDAGE'],
            childLabourFlags: [],
            urgency: 'URGENT',
            toAgencyId: POLICE,
            toAgencyType: 'POLICE',
            dueBy: new Date(Date.now() + 48 * 3_600_000).toISOString(),
            summary: 'Debt bondage observed at the pit.',
          },
        },
      );
      ({ referralId, jointCaseId } = submitted.submitReferral);
      // The first responder refers the same person to the NGO, which becomes party to the case by it.
      const { referral } = await field.ok<{ referral: { subjectPersonId: string } }>(
        `query($id: ID!) { referral(referralId: $id) { subjectPersonId } }`,
        { id: referralId },
      );
      await field.ok(`mutation($input: SubmitReferralInput!) { submitReferral(input: $input) { referralId } }`, {
        input: {
          commandId: randomUUID(),
          jointCaseId,
          subject: { isChild: false, personId: referral.subjectPersonId },
          site: { code: 'NK-MAS-901' },
          indicators: ['DEBT_BONDAGE'],
          childLabourFlags: [],
          urgency: 'URGENT',
          toAgencyId: NGO,
          toAgencyType: 'ASSISTANCE_PROVIDER',
          dueBy: new Date(Date.now() + 48 * 3_600_000).toISOString(),
          summary: 'Needs shelter and medical care.',
        },
      });
      // The prosecutor's office takes part by the coordination body's decision.
      await (
        await clientOf('coordination_body', 'aplt')
      ).ok(`mutation($input: AdmitCasePartyInput!) { admitCaseParty(input: $input) { decisionId } }`, {
        input: {
          commandId: randomUUID(),
          jointCaseId,
          agencyId: PARQUET,
          agencyType: 'PROSECUTOR',
          reason: 'JURISDICTION',
        },
      });
      const ngo = await clientOf('assistance_provider', NGO);
      const registered = await ngo.ok<{ registerVictim: { assistanceId: string } }>(
        `mutation($input: RegisterVictimInput!) { registerVictim(input: $input) { assistanceId } }`,
        {
          input: {
            commandId: randomUUID(),
            jointCaseId,
            personId: referral.subjectPersonId,
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
      const police = await clientOf('police', POLICE);
      await police.ok(`mutation($input: AcceptReferralInput!) { acceptReferral(input: $input) { referralId } }`, {
        input: { commandId: randomUUID(), referralId },
      });
      const opened = await police.ok<{ openInvestigation: { investigationId: string } }>(
        `mutation($input: OpenInvestigationInput!) { openInvestigation(input: $input) { investigationId } }`,
        {
          input: {
            commandId: randomUUID(),
            jointCaseId,
            referralId,
            offences: ['FORCED_LABOUR'],
            leadOfficerId: 'opj-1',
          },
        },
      );
      investigationId = opened.openInvestigation.investigationId;
      await police.ok(
        `mutation($input: IdentifySuspectInput!) { identifySuspect(input: $input) { investigationId } }`,
        {
          input: {
            commandId: randomUUID(),
            investigationId,
            role: 'RECRUITER',
            alias: 'Matrix alias',
            personal: { name: 'Matrix Suspect Bahati', dateOfBirth: '1980-01-01' },
          },
        },
      );
      await police.ok(`mutation($input: RecordEvidenceInput!) { recordEvidence(input: $input) { investigationId } }`, {
        input: {
          commandId: randomUUID(),
          investigationId,
          kind: 'DOCUMENT',
          description: 'Ledger of debts kept by the pit boss',
          sha256: 'a'.repeat(64),
          collectedAt: new Date().toISOString(),
        },
      });
    }, 120_000);

    it("gives the victim's identity and details to the assisting agency only, without consent; the case to no non-party", async () => {
      expect(await identityAs('assistance_provider', NGO)).toEqual({ identity: VICTIM, ageGroup: 'ADULT' });
      // Parties and the coordination body find the case, without the person.
      for (const [type, id] of [
        ['police', POLICE],
        ['prosecutor', PARQUET],
        ['coordination_body', 'aplt'],
        ['first_responder', FIELD],
      ] as const) {
        expect({ type, seen: await identityAs(type, id) }).toEqual({ type, seen: { identity: null, ageGroup: null } });
      }
      // Agencies outside the case do not find it at all.
      for (const [type, id] of [
        ['assistance_provider', OTHER_NGO],
        ['mining_authority', 'saemape'],
        ['police', 'pnc-elsewhere'],
      ] as const) {
        expect({ type, seen: await identityAs(type, id) }).toEqual({ type, seen: 'not found' });
      }
    });

    it('extends them to the agency types the victim consented to share with, and withdraws them within seconds', async () => {
      const field = await clientOf('first_responder', FIELD);
      consentId = randomUUID();
      await field.ok(`mutation($input: RecordReferralConsentInput!) { recordConsent(input: $input) { referralId } }`, {
        input: {
          commandId: randomUUID(),
          referralId,
          consentId,
          givenBy: 'SELF',
          agencyTypes: ['POLICE'],
          purposes: ['INFORMATION_SHARING'],
        },
      });
      await eventually(async () => {
        expect(await identityAs('police', POLICE)).toEqual({ identity: VICTIM, ageGroup: 'ADULT' });
      });
      // Consent to the police is not consent to prosecutors or another NGO, nor to a police unit outside the case.
      expect(await identityAs('prosecutor', PARQUET)).toEqual({ identity: null, ageGroup: null });
      expect(await identityAs('assistance_provider', OTHER_NGO)).toBe('not found');
      expect(await identityAs('police', 'pnc-elsewhere')).toBe('not found');

      await field.ok(
        `mutation($input: WithdrawReferralConsentInput!) { withdrawConsent(input: $input) { referralId } }`,
        {
          input: { commandId: randomUUID(), referralId, consentId },
        },
      );
      await eventually(async () => {
        expect(await identityAs('police', POLICE)).toEqual({ identity: null, ageGroup: null });
      });
      expect(await identityAs('assistance_provider', NGO)).toEqual({ identity: VICTIM, ageGroup: 'ADULT' });
      // The withdrawal is itself on the case's timeline, for every agency of the case to see.
      const { case: seen } = await (
        await clientOf('coordination_body', 'aplt')
      ).ok<{ case: { timeline: { nodes: { eventType: string | null }[] } } }>(
        `query($id: ID!) { case(id: $id) { timeline(first: 100) { nodes { eventType } } } }`,
        { id: jointCaseId },
      );
      expect(seen.timeline.nodes.map((n) => n.eventType)).toEqual(
        expect.arrayContaining(['ConsentRecorded', 'ConsentWithdrawn']),
      );
    }, 60_000);

    it("gives suspects' identity and the evidence to the police and prosecutors of the case only", async () => {
      const query = `query($id: ID!) { investigation(investigationId: $id) { suspects { alias name dateOfBirth } evidence { description } } }`;
      for (const [type, id] of [
        ['police', POLICE],
        ['prosecutor', PARQUET],
      ] as const) {
        const seen = await (
          await clientOf(type, id)
        ).ok<{ investigation: { suspects: unknown[] } }>(query, {
          id: investigationId,
        });
        expect(seen.investigation.suspects).toEqual([
          { alias: 'Matrix alias', name: 'Matrix Suspect Bahati', dateOfBirth: '1980-01-01' },
        ]);
      }
      // A police unit or a prosecutor's office outside the case does not find the investigation.
      for (const [type, id] of [
        ['police', 'pnc-elsewhere'],
        ['prosecutor', 'parquet-elsewhere'],
      ] as const) {
        const result = await (await clientOf(type, id)).request(query, { id: investigationId });
        expect({ type, data: result.data ?? null, code: result.errors?.[0]?.extensions?.code }).toEqual({
          type,
          data: null,
          code: 'NOT_FOUND',
        });
      }
      for (const type of ['first_responder', 'assistance_provider', 'mining_authority', 'coordination_body'] as const) {
        const result = await (await clientOf(type)).request(query, { id: investigationId });
        expect({ type, data: result.data ?? null, error: result.errors?.[0]?.extensions }).toEqual({
          type,
          data: null,
          error: POLICY_REFUSAL,
        });
      }
    });
  });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(check: () => Promise<void>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
