import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { type AgencyType } from '@pamoja/contracts';
import { EVENT_STORE, ProjectionRunner, type EventStore } from '@pamoja/event-store';
import { openProtectedEventStore } from '@pamoja/platform/privacy';
import { openDatabase } from '@pamoja/platform/store';
import { admitToCase, useTestPlatform, type GraphqlTestClient } from '@pamoja/testing';
import { ASSISTANCE_PROJECTIONS, AssistanceModule } from './assistance.module.js';

const PAYLOAD = 'assistanceId jointCaseId status revision replayed';
const REGISTER = `mutation R($input: RegisterVictimInput!) { registerVictim(input: $input) { ${PAYLOAD} } }`;
const ASSESS = `mutation A($input: AssessNeedsInput!) { assessNeeds(input: $input) { ${PAYLOAD} } }`;
const PROVIDE = `mutation P($input: ProvideServiceInput!) { provideService(input: $input) { ${PAYLOAD} } }`;
const PROTECT = `mutation M($input: ApplyProtectionMeasureInput!) { applyProtectionMeasure(input: $input) { ${PAYLOAD} } }`;
const CLOSE = `mutation C($input: CloseAssistanceInput!) { closeAssistance(input: $input) { ${PAYLOAD} } }`;
const CASE_FIELDS = `assistanceId jointCaseId assistingAgencyId status ageGroup isChild sex nationality formsOfExploitation
  consentGivenBy agreementToManagePersonalData needs { need priority met } needsMet needsOutstanding
  lastService { serviceId kind providerAgencyId note }
  services { serviceId kind providedAt providerAgencyId note }
  protectionMeasures { measureId measure reviewBy reviewByLocal reviewDue consentGivenBy }
  closeReason closedAt revision identity { fullName dateOfBirth phone currentLocation }`;
const CASES = `query L($filter: AssistanceCaseFilter) { assistanceCases(filter: $filter) { nodes { ${CASE_FIELDS} } } }`;
const PAGE = `query L($filter: AssistanceCaseFilter) { assistanceCases(filter: $filter) {
  edges { cursor node { assistanceId status isChild } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`;
/** The joint case as the gateway asks a subgraph for its part: by its key. */
const JOINT_CASE_ASSISTANCE = `query J($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on JointCase { jointCaseId assistance { ${CASE_FIELDS} jointCase { jointCaseId } } } } }`;
const CASE = `query One($id: ID!) { assistanceCase(id: $id) { ${CASE_FIELDS} } }`;

interface Payload {
  assistanceId: string;
  jointCaseId: string;
  status: string;
  revision: number;
  replayed: boolean;
}

interface CaseView {
  assistanceId: string;
  status: string;
  isChild: boolean;
  needs: { need: string; priority: string; met: boolean }[];
  needsMet: string[];
  needsOutstanding: string[];
  lastService: { kind: string; providerAgencyId: string; note: string | null } | null;
  services: { kind: string; providerAgencyId: string }[];
  protectionMeasures: { measure: string; reviewBy: string; reviewByLocal: string; reviewDue: boolean }[];
  closeReason: string | null;
  revision: number;
  identity: {
    fullName: string;
    dateOfBirth: string | null;
    phone: string | null;
    currentLocation: string | null;
  } | null;
  [field: string]: unknown;
}

const JOINT_CASE_ID = randomUUID();

// Fictional person only.
function registerInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    commandId: randomUUID(),
    jointCaseId: JOINT_CASE_ID,
    ageGroup: 'ADULT',
    sex: 'FEMALE',
    nationality: 'CD',
    formsOfExploitation: ['FORCED_LABOUR', 'SEXUAL_EXPLOITATION'],
    agreementToManagePersonalData: true,
    consentGivenBy: 'SELF',
    personal: {
      fullName: 'Neema Fictive',
      dateOfBirth: '1999-04-02',
      phone: '+243 970 000 001',
      currentLocation: 'Goma',
    },
    ...overrides,
  };
}

describe('assistance context through its GraphQL API', () => {
  // Served as a subgraph, as in server mode, so that the gateway's `_entities` reaches the joint case's part.
  const platform = useTestPlatform({
    modules: [AssistanceModule],
    // A partner named as a service's provider, which never acts in this spec.
    agencies: [{ agencyId: 'hopital-heal-africa', agencyType: 'assistance_provider' }],
    subgraph: true,
    serviceName: 'pamoja-assistance-e2e',
  });
  const as = (agencyId: string, agencyType: AgencyType) =>
    platform.as({ agencyId, agencyType, roles: ['case_worker'] });
  const ngo = as('ngo-tumaini-goma', 'assistance_provider');
  const otherNgo = as('iom-goma', 'assistance_provider');
  const police = as('pnc-masisi', 'police');
  const integrator = as('itsci-like', 'integrator');
  const coordination = as('aplt-nord-kivu', 'coordination_body');
  const pager = as('ngo-pages-bukavu', 'assistance_provider');

  const casesOf = async (client: GraphqlTestClient, filter: Record<string, unknown> = {}) =>
    (await client.ok<{ assistanceCases: { nodes: CaseView[] } }>(CASES, { filter })).assistanceCases.nodes;
  const caseFor = async (client: GraphqlTestClient, id: string) =>
    (await client.ok<{ assistanceCase: CaseView }>(CASE, { id })).assistanceCase;
  const send = async (client: GraphqlTestClient, mutation: string, input: Record<string, unknown>) =>
    Object.values(await client.ok<Record<string, Payload>>(mutation, { input }))[0] as Payload;
  /** The coordination body admits an agency to a case (its context is not served here). */
  const admit = (jointCaseId: string, agencyId: string, agencyType: AgencyType): Promise<void> =>
    admitToCase(platform.get<EventStore>(EVENT_STORE), { jointCaseId, agencyId, agencyType }, 'assistance_needed');

  it('walks a victim from registration through needs, services and protection to closure', async () => {
    const input = registerInput();
    const registered = await send(ngo, REGISTER, input);
    expect(registered).toMatchObject({
      jointCaseId: JOINT_CASE_ID,
      status: 'REGISTERED',
      revision: 0,
      replayed: false,
    });
    const id = registered.assistanceId;

    // A retry (lost answer on a poor connection) returns the first result and writes nothing twice.
    expect(await send(ngo, REGISTER, input)).toEqual({ ...registered, replayed: true });
    expect((await casesOf(ngo)).filter((c) => c.assistanceId === id)).toHaveLength(1);

    const afterRegistration = await caseFor(ngo, id);
    expect(afterRegistration).toMatchObject({
      assistingAgencyId: 'ngo-tumaini-goma',
      status: 'REGISTERED',
      isChild: false,
      nationality: 'CD',
      formsOfExploitation: ['FORCED_LABOUR', 'SEXUAL_EXPLOITATION'],
      consentGivenBy: 'SELF',
      needs: [],
      identity: { fullName: 'Neema Fictive', dateOfBirth: '1999-04-02', phone: '+243 970 000 001' },
    });

    const early = await ngo.request(PROVIDE, { input: { commandId: randomUUID(), assistanceId: id, kind: 'MEDICAL' } });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'needs_not_assessed' });

    const assessed = await send(ngo, ASSESS, {
      commandId: randomUUID(),
      assistanceId: id,
      needs: [
        { need: 'PROTECTION', priority: 'NORMAL' },
        { need: 'MEDICAL', priority: 'URGENT' },
        { need: 'SHELTER', priority: 'HIGH' },
      ],
    });
    expect(assessed).toMatchObject({ status: 'ASSESSED', revision: 1 });
    expect((await caseFor(ngo, id)).needsOutstanding).toEqual(['MEDICAL', 'SHELTER', 'PROTECTION']);

    await send(ngo, PROVIDE, {
      commandId: randomUUID(),
      assistanceId: id,
      kind: 'MEDICAL',
      providerAgencyId: 'hopital-heal-africa',
      note: 'First consultation',
    });
    const reviewBy = new Date(Date.now() + 1500);
    const protectedNow = await send(ngo, PROTECT, {
      commandId: randomUUID(),
      assistanceId: id,
      measure: 'SAFE_HOUSE',
      reviewBy: reviewBy.toISOString(),
      consentGivenBy: 'SELF',
    });
    expect(protectedNow).toMatchObject({ status: 'IN_ASSISTANCE', revision: 3 });

    const inAssistance = await caseFor(ngo, id);
    expect(inAssistance).toMatchObject({
      status: 'IN_ASSISTANCE',
      needsMet: ['MEDICAL', 'PROTECTION'],
      needsOutstanding: ['SHELTER'],
      lastService: { kind: 'MEDICAL', providerAgencyId: 'hopital-heal-africa', note: 'First consultation' },
      services: [{ kind: 'MEDICAL', providerAgencyId: 'hopital-heal-africa' }],
    });
    expect(inAssistance.protectionMeasures).toEqual([
      expect.objectContaining({ measure: 'SAFE_HOUSE', reviewBy: reviewBy.toISOString(), reviewDue: false }),
    ]);
    expect(inAssistance.protectionMeasures[0]?.reviewByLocal).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} CAT$/);

    await new Promise((resolve) => setTimeout(resolve, 1600));
    const [measure] = (await casesOf(ngo, { openOnly: true })).find((c) => c.assistanceId === id)
      ?.protectionMeasures ?? [undefined];
    expect(measure?.reviewDue).toBe(true);

    // Acting on what one saw before the protection measure is a conflict, and changes nothing.
    const stale = await ngo.request(CLOSE, {
      input: { commandId: randomUUID(), assistanceId: id, reason: 'REINTEGRATED', expectedRevision: 2 },
    });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', expectedRevision: 2, currentRevision: 3 });
    expect((await caseFor(ngo, id)).status).toBe('IN_ASSISTANCE');

    const closed = await send(ngo, CLOSE, {
      commandId: randomUUID(),
      assistanceId: id,
      reason: 'REINTEGRATED',
      expectedRevision: 3,
    });
    expect(closed).toMatchObject({ status: 'CLOSED', revision: 4 });
    expect((await casesOf(ngo, { openOnly: true })).map((c) => c.assistanceId)).not.toContain(id);
    const closedOnly = await casesOf(ngo, { status: 'CLOSED' });
    expect(closedOnly.find((c) => c.assistanceId === id)).toMatchObject({
      closeReason: 'REINTEGRATED',
      protectionMeasures: [expect.objectContaining({ reviewDue: false })],
    });

    const afterClosure = await ngo.request(PROVIDE, {
      input: { commandId: randomUUID(), assistanceId: id, kind: 'SHELTER' },
    });
    expect(afterClosure.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'assistance_closed' });

    // Every event of the victim's assistance is tagged with its joint case.
    const store = platform.get<EventStore>(EVENT_STORE);
    const events = await store.readStream(`assistance-${id}`);
    expect(events.map((e) => e.type)).toEqual([
      'VictimRegistered',
      'NeedsAssessed',
      'ServiceProvided',
      'ProtectionMeasureApplied',
      'AssistanceClosed',
    ]);
    expect(events.every((e) => e.metadata.jointCaseId === JOINT_CASE_ID)).toBe(true);
  });

  it('shows personal data to the assisting agency only', async () => {
    const { assistanceId } = await send(ngo, REGISTER, registerInput());
    expect((await caseFor(ngo, assistanceId)).identity?.fullName).toBe('Neema Fictive');

    // An agency outside the case does not find it at all.
    for (const outsider of [police, otherNgo]) {
      const result = await outsider.request(CASE, { id: assistanceId });
      expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    expect((await casesOf(otherNgo)).map((c) => c.assistanceId)).not.toContain(assistanceId);

    // Another party to the case reads the case's stage and services in summary, and nothing about the person.
    await admit(JOINT_CASE_ID, 'pnc-masisi', 'police');
    const seenByPolice = await caseFor(police, assistanceId);
    expect(seenByPolice).toMatchObject({
      assistanceId,
      status: 'REGISTERED',
      ageGroup: null,
      isChild: null,
      sex: null,
      nationality: null,
      formsOfExploitation: null,
      consentGivenBy: null,
      needs: null,
      protectionMeasures: null,
      services: [],
      identity: null,
    });
    expect(JSON.stringify(seenByPolice)).not.toContain('Neema');

    // Integrators get the integration feed, never the case API.
    const byIntegrator = await integrator.request(CASE, { id: assistanceId });
    expect(byIntegrator.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('applies child-protection rules and lists children first', async () => {
    const childInput = {
      ageGroup: 'CHILD_UNDER_15',
      sex: 'MALE',
      formsOfExploitation: ['CHILD_LABOUR'],
      agreementToManagePersonalData: false,
      personal: null,
    };
    const ownConsent = await ngo.request(REGISTER, { input: registerInput({ ...childInput, consentGivenBy: 'SELF' }) });
    expect(ownConsent.errors?.[0]?.extensions).toMatchObject({
      code: 'RULE_VIOLATION',
      rule: 'child_consent_by_guardian_or_authority',
    });

    const child = await send(ngo, REGISTER, registerInput({ ...childInput, consentGivenBy: 'GUARDIAN' }));
    await send(ngo, PROTECT, {
      commandId: randomUUID(),
      assistanceId: child.assistanceId,
      measure: 'IDENTITY_PROTECTION',
      reviewBy: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
      consentGivenBy: 'CHILD_PROTECTION_AUTHORITY',
    });
    const [first] = await casesOf(ngo, { openOnly: true });
    expect(first).toMatchObject({
      assistanceId: child.assistanceId,
      isChild: true,
      consentGivenBy: 'GUARDIAN',
      status: 'REGISTERED',
      // Without the agreement to manage personal data there is none, even for the assisting agency.
      identity: null,
    });
    expect(first?.protectionMeasures).toEqual([expect.objectContaining({ measure: 'IDENTITY_PROTECTION' })]);
  });

  it('refuses registration by anyone but an assistance provider, by the access policy', async () => {
    const result = await police.request(REGISTER, { input: registerInput() });
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', reason: 'access_policy' });
  });

  it('refuses invalid input naming each field, and records nothing', async () => {
    const before = await casesOf(ngo);
    const result = await ngo.request(REGISTER, {
      input: registerInput({
        commandId: 'not-a-uuid',
        jointCaseId: 'case-1',
        nationality: 'cod',
        formsOfExploitation: [],
        personal: { fullName: '', phone: 'call me' },
      }),
    });
    const error = result.errors?.[0];
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = [...new Set((error?.extensions?.['fields'] as { field: string }[]).map((f) => f.field))].sort();
    expect(fields).toEqual([
      'commandId',
      'formsOfExploitation',
      'jointCaseId',
      'nationality',
      'personal.fullName',
      'personal.phone',
    ]);

    const unknownCountry = await ngo.request(REGISTER, { input: registerInput({ nationality: 'XX' }) });
    expect(unknownCountry.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'nationality' }],
    });
    expect(await casesOf(ngo)).toEqual(before);
  });

  it('lets only the assisting agency change the assistance', async () => {
    const { assistanceId } = await send(ngo, REGISTER, registerInput());
    const result = await otherNgo.request(ASSESS, {
      input: { commandId: randomUUID(), assistanceId, needs: [{ need: 'SHELTER', priority: 'URGENT' }] },
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'only_assisting_agency' });
    const unknown = await ngo.request(ASSESS, {
      input: { commandId: randomUUID(), assistanceId: randomUUID(), needs: [{ need: 'SHELTER', priority: 'URGENT' }] },
    });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('keeps everything across a restart, and a rebuilt read model equals the live one', async () => {
    const before = await casesOf(ngo, { first: 200 });
    expect(before.length).toBeGreaterThanOrEqual(4);
    await platform.shutdown();

    // Rebuild from position 0 while the service is down, as the command-line tool does.
    const db = await openDatabase(platform.config);
    // Through the personal-data protection, as the platform and the projections tool read the log.
    const store = await openProtectedEventStore(db, platform.config);
    const runner = new ProjectionRunner(store, db, [...ASSISTANCE_PROJECTIONS]);
    expect(await runner.rebuild('assistance.cases')).toBeGreaterThanOrEqual(before.length);
    await store.close();
    await db.close();

    await platform.start();
    expect(await casesOf(ngo, { first: 200 })).toEqual(before);
  });

  describe('the joint case', () => {
    async function assistanceOf(client: GraphqlTestClient, jointCaseId: string): Promise<CaseView[]> {
      const data = await client.ok<{ _entities: { jointCaseId: string; assistance: CaseView[] }[] }>(
        JOINT_CASE_ASSISTANCE,
        { reps: [{ __typename: 'JointCase', jointCaseId }] },
      );
      expect(data._entities.map((e) => e.jointCaseId)).toEqual([jointCaseId]);
      return data._entities[0]?.assistance ?? [];
    }

    it('shows each assistance case whole to its assisting agency, in summary to the coordination body and the case parties, to no one else', async () => {
      const jointCaseId = randomUUID();
      const own = await send(ngo, REGISTER, registerInput({ jointCaseId }));
      await send(ngo, ASSESS, {
        commandId: randomUUID(),
        assistanceId: own.assistanceId,
        needs: [{ need: 'MEDICAL', priority: 'URGENT' }],
      });
      await send(ngo, PROVIDE, {
        commandId: randomUUID(),
        assistanceId: own.assistanceId,
        kind: 'MEDICAL',
        providerAgencyId: 'hopital-heal-africa',
        note: 'Seen at the clinic in Ndosho',
      });
      // A second agency, admitted to the case, assists someone else on it, without personal data.
      await admit(jointCaseId, 'iom-goma', 'assistance_provider');
      const other = await send(otherNgo, REGISTER, registerInput({ jointCaseId, personal: null }));

      const byAssisting = await assistanceOf(ngo, jointCaseId);
      expect(byAssisting).toEqual([
        expect.objectContaining({
          assistanceId: own.assistanceId,
          jointCaseId,
          jointCase: { jointCaseId },
          status: 'IN_ASSISTANCE',
          ageGroup: 'ADULT',
          nationality: 'CD',
          needsMet: ['MEDICAL'],
          services: [expect.objectContaining({ kind: 'MEDICAL', note: 'Seen at the clinic in Ndosho' })],
          identity: {
            fullName: 'Neema Fictive',
            dateOfBirth: '1999-04-02',
            phone: '+243 970 000 001',
            currentLocation: 'Goma',
          },
        }),
        // The other agency's case, in summary: it is a party of the same case.
        expect.objectContaining({ assistanceId: other.assistanceId, ageGroup: null, needs: null, identity: null }),
      ]);
      const byOther = await assistanceOf(otherNgo, jointCaseId);
      // Another assisting agency of the case learns that the case exists and its status, not which services
      // were given by whom (a shelter's agency is an address).
      expect(byOther.map((c) => [c.assistanceId, c.identity, c.services])).toEqual([
        [own.assistanceId, null, []],
        [other.assistanceId, null, []],
      ]);
      expect(JSON.stringify(byOther)).not.toContain('Neema');
      expect(JSON.stringify(byOther)).not.toContain('Ndosho');

      const byCoordination = await assistanceOf(coordination, jointCaseId);
      expect(byCoordination.map((c) => c.assistanceId)).toEqual([own.assistanceId, other.assistanceId]);
      expect(byCoordination[0]).toMatchObject({
        assistingAgencyId: 'ngo-tumaini-goma',
        status: 'IN_ASSISTANCE',
        // Which services by which provider would tell where the person is: not without their consent.
        services: [],
        ageGroup: null,
        sex: null,
        formsOfExploitation: null,
        needs: null,
        protectionMeasures: null,
        identity: null,
      });
      const shown = JSON.stringify(byCoordination);
      for (const secret of ['Neema', '+243', 'Ndosho', 'SEXUAL_EXPLOITATION', 'hopital-heal-africa']) {
        expect(shown).not.toContain(secret);
      }

      expect(await assistanceOf(police, jointCaseId)).toEqual([]);
      expect(await assistanceOf(coordination, randomUUID())).toEqual([]);
      const byIntegrator = await integrator.request(JOINT_CASE_ASSISTANCE, {
        reps: [{ __typename: 'JointCase', jointCaseId }],
      });
      expect(byIntegrator.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('pages', () => {
    interface Page {
      edges: { cursor: string; node: { assistanceId: string; status: string; isChild: boolean } }[];
      pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
    }
    const page = async (filter: Record<string, unknown>) =>
      (await pager.ok<{ assistanceCases: Page }>(PAGE, { filter })).assistanceCases;
    const all = async (filter: Record<string, unknown>, first: number) => {
      const ids: string[] = [];
      let after: string | null = null;
      for (let pages = 0; pages < 20; pages += 1) {
        const next: Page = await page({ ...filter, first, ...(after ? { after } : {}) });
        ids.push(...next.edges.map((e) => e.node.assistanceId));
        expect(next.pageInfo.hasPreviousPage).toBe(after !== null);
        if (!next.pageInfo.hasNextPage) return ids;
        after = next.pageInfo.endCursor;
      }
      throw new Error('too many pages');
    };

    it('pages through the caseload in its order (open, children, oldest first), with status and review-due filters', async () => {
      // The pager's caseload in a case of its own.
      const jointCaseId = randomUUID();
      const adult = async () =>
        (await send(pager, REGISTER, registerInput({ jointCaseId, personal: null }))).assistanceId;
      const a1 = await adult();
      const child = (
        await send(
          pager,
          REGISTER,
          registerInput({
            jointCaseId,
            ageGroup: 'CHILD_15_17',
            formsOfExploitation: ['CHILD_LABOUR'],
            agreementToManagePersonalData: false,
            consentGivenBy: 'GUARDIAN',
            personal: null,
          }),
        )
      ).assistanceId;
      const a2 = await adult();
      const a3 = await adult();
      const closed = await adult();
      await send(pager, CLOSE, {
        commandId: randomUUID(),
        assistanceId: closed,
        reason: 'DECLINED_FURTHER_ASSISTANCE',
      });
      // One case whose protection measure falls due for review in a moment.
      await send(pager, PROTECT, {
        commandId: randomUUID(),
        assistanceId: a2,
        measure: 'WITNESS_PROTECTION',
        reviewBy: new Date(Date.now() + 3000).toISOString(),
        consentGivenBy: 'SELF',
      });
      await send(pager, PROTECT, {
        commandId: randomUUID(),
        assistanceId: a3,
        measure: 'IDENTITY_PROTECTION',
        reviewBy: new Date(Date.now() + 30 * 24 * 3600_000).toISOString(),
        consentGivenBy: 'SELF',
      });

      const expected = [child, a1, a2, a3, closed];
      expect(await all({}, 50)).toEqual(expected);
      expect(await all({}, 2)).toEqual(expected);
      expect(await all({}, 1)).toEqual(expected);
      expect(await all({ openOnly: true }, 2)).toEqual([child, a1, a2, a3]);
      expect(await all({ status: 'REGISTERED' }, 3)).toEqual([child, a1, a2, a3]);
      expect(await all({ status: 'CLOSED' }, 1)).toEqual([closed]);

      expect(await all({ reviewDue: true }, 1)).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 3100));
      expect(await all({ reviewDue: true }, 1)).toEqual([a2]);
      // Another agency's list never holds them.
      const elsewhere = (await otherNgo.ok<{ assistanceCases: Page }>(PAGE, { filter: { first: 200 } }))
        .assistanceCases;
      expect(elsewhere.edges.map((e) => e.node.assistanceId)).not.toEqual(expect.arrayContaining([a1]));
    });

    it('refuses a cursor that is not one of the list, and a page size out of range, naming the field', async () => {
      const forged = Buffer.from(JSON.stringify([0, 1, 'yesterday', 'x']), 'utf8').toString('base64url');
      const wrongArity = Buffer.from(JSON.stringify(['2026-01-01T00:00:00.000Z', 'x']), 'utf8').toString('base64url');
      for (const after of ['garbage', forged, wrongArity]) {
        const result = await pager.request(PAGE, { filter: { after } });
        expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] });
      }
      const none = await pager.request(PAGE, { filter: { first: 0 } });
      expect(none.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'first' }] });
    });
  });
});
