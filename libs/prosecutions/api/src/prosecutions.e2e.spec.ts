import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { formatKivuTime, type AgencyType } from '@pamoja/contracts';
import { EVENT_STORE, type EventStore } from '@pamoja/event-store';
import { admitToCase, useTestPlatform, type GraphqlTestClient } from '@pamoja/testing';
import { ProsecutionsModule } from './prosecutions.module.js';

const PAYLOAD = 'prosecutionId jointCaseId status revision itemId replayed';
const mutation = (name: string, inputType: string) =>
  `mutation M($input: ${inputType}!) { ${name}(input: $input) { ${PAYLOAD} } }`;
const RECEIVE = mutation('receiveCaseFile', 'ReceiveCaseFileInput');
const CHARGE = mutation('fileCharges', 'FileChargesInput');
const SCHEDULE = mutation('scheduleHearing', 'ScheduleHearingInput');
const HOLD = mutation('recordHearingHeld', 'RecordHearingHeldInput');
const VERDICT = mutation('renderVerdict', 'RenderVerdictInput');
const SENTENCE = mutation('imposeSentence', 'ImposeSentenceInput');
const RESTITUTION = mutation('orderRestitution', 'OrderRestitutionInput');
const APPEAL = mutation('fileAppeal', 'FileAppealInput');
const CLOSE = mutation('closeProsecution', 'CloseProsecutionInput');
const SUMMARY = `prosecutionId jointCaseId status chargeCount verdictCount convictionCount hearingCount
  hearingsHeldCount revision suspects { suspectId role }`;
const LIST = `query L($filter: ProsecutionListFilter) { prosecutions(filter: $filter) { nodes { ${SUMMARY} } } }`;
const PAGE = `query L($filter: ProsecutionListFilter) { prosecutions(filter: $filter) {
  edges { cursor node { prosecutionId } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
/** The joint case as the gateway asks a subgraph for its part: by its key. */
const JOINT_CASE_PROSECUTIONS = `query J($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on JointCase { jointCaseId prosecutions { ${SUMMARY} officeAgencyId fromPoliceAgencyId } } } }`;
const HEARING = 'hearingId prosecutionId jointCaseId court scheduledFor scheduledForLocal purpose heldAt outcome';
const UPCOMING = `query U($filter: UpcomingHearingsFilter) { upcomingHearings(filter: $filter) { nodes { ${HEARING} } } }`;
const UPCOMING_PAGE = `query U($filter: UpcomingHearingsFilter) { upcomingHearings(filter: $filter) {
  edges { cursor node { hearingId scheduledFor } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`;
const DETAIL = `query P($id: ID!) { prosecution(prosecutionId: $id) {
  prosecutionId jointCaseId status officeAgencyId fromPoliceAgencyId chargeCount verdictCount convictionCount
  closeReason closedAt revision
  charges { chargeId suspectId offence legalBasis verdict verdictRenderedAt
    sentence { imprisonmentMonths fineAmount fineCurrency otherMeasures } }
  hearings { ${HEARING} }
  restitutions { restitutionId victimRef amount currency note }
  appeals { appealId chargeId by filedAt } } }`;

interface Payload {
  prosecutionId: string;
  jointCaseId: string;
  status: string;
  revision: number;
  itemId: string | null;
  replayed: boolean;
}
interface Hearing {
  hearingId: string;
  scheduledFor: string;
  scheduledForLocal: string;
  heldAt: string | null;
}

const LEGAL_BASIS = 'Code pénal, art. 174j (loi du 26 octobre 2022)';
const DAY_MS = 24 * 3600_000;

describe('prosecutions through the GraphQL API', () => {
  // Served as a subgraph, as in server mode, so that the gateway's `_entities` reaches the joint case's part.
  const platform = useTestPlatform({
    modules: [ProsecutionsModule],
    subgraph: true,
    serviceName: 'pamoja-prosecutions-e2e',
  });
  const as = (agencyId: string, agencyType: AgencyType) => platform.as({ agencyId, agencyType, roles: ['prosecutor'] });
  const parquet = as('parquet-goma', 'prosecutor');
  const otherParquet = as('auditorat-bukavu', 'prosecutor');
  const police = as('pnc-masisi', 'police');
  const coordination = as('aplt-nord-kivu', 'coordination_body');
  const ngo = as('ong-ushindi', 'assistance_provider');
  const miningAuthority = as('saemape-goma', 'mining_authority');

  const suspectA = randomUUID();
  const suspectB = randomUUID();
  const jointCaseId = randomUUID();
  const receiveInput = {
    commandId: randomUUID(),
    jointCaseId,
    caseFileId: randomUUID(),
    investigationId: randomUUID(),
    fromPoliceAgencyId: 'pnc-masisi',
    suspects: [
      { suspectId: suspectA, role: 'recruiter' },
      { suspectId: suspectB, role: 'armed group commander' },
    ],
  };

  async function send(client: GraphqlTestClient, query: string, input: Record<string, unknown>): Promise<Payload> {
    const data = await client.ok<Record<string, Payload>>(query, { input: { commandId: randomUUID(), ...input } });
    const payload = Object.values(data)[0];
    if (!payload) throw new Error('no payload');
    return payload;
  }
  async function detail(client: GraphqlTestClient, id: string) {
    return (
      await client.ok<{
        prosecution: Record<string, unknown> & { hearings: Hearing[]; charges: Record<string, unknown>[] };
      }>(DETAIL, { id })
    ).prosecution;
  }
  async function upcoming(client: GraphqlTestClient, days?: number): Promise<Hearing[]> {
    const filter = days === undefined ? {} : { filter: { days } };
    return (await client.ok<{ upcomingHearings: { nodes: Hearing[] } }>(UPCOMING, filter)).upcomingHearings.nodes;
  }
  async function list(client: GraphqlTestClient): Promise<Record<string, unknown>[]> {
    return (await client.ok<{ prosecutions: { nodes: Record<string, unknown>[] } }>(LIST)).prosecutions.nodes;
  }

  it('walks a case file from receipt through charges, hearings, verdicts and sentence to closure', async () => {
    // Only a prosecutor's office acknowledges the police handoff.
    const byPolice = await police.request(RECEIVE, { input: receiveInput });
    expect(byPolice.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', reason: 'access_policy' });

    const received = (await parquet.ok<{ receiveCaseFile: Payload }>(RECEIVE, { input: receiveInput })).receiveCaseFile;
    expect(received).toMatchObject({ jointCaseId, status: 'CASE_FILE_RECEIVED', revision: 0, replayed: false });
    const id = received.prosecutionId;

    // A retried command (lost answer on a poor connection) returns the first result and writes nothing.
    const retried = (await parquet.ok<{ receiveCaseFile: Payload }>(RECEIVE, { input: receiveInput })).receiveCaseFile;
    expect(retried).toEqual({ ...received, replayed: true });
    const listed = await list(parquet);
    expect(listed).toEqual([
      {
        prosecutionId: id,
        jointCaseId,
        status: 'CASE_FILE_RECEIVED',
        chargeCount: 0,
        verdictCount: 0,
        convictionCount: 0,
        hearingCount: 0,
        hearingsHeldCount: 0,
        revision: 0,
        suspects: receiveInput.suspects,
      },
    ]);
    expect(await list(otherParquet)).toEqual([]);

    const notInFile = await parquet.request(CHARGE, {
      input: {
        commandId: randomUUID(),
        prosecutionId: id,
        suspectId: randomUUID(),
        offence: 'FORCED_LABOUR',
        legalBasis: LEGAL_BASIS,
      },
    });
    expect(notInFile.errors?.[0]?.extensions).toMatchObject({
      code: 'RULE_VIOLATION',
      rule: 'suspect_not_in_case_file',
    });

    const chargeA = await send(parquet, CHARGE, {
      prosecutionId: id,
      suspectId: suspectA,
      offence: 'FORCED_LABOUR',
      legalBasis: LEGAL_BASIS,
    });
    const chargeB = await send(parquet, CHARGE, {
      prosecutionId: id,
      suspectId: suspectB,
      offence: 'CHILD_RECRUITMENT_BY_ARMED_GROUP',
      legalBasis: 'Code pénal, loi du 26 octobre 2022',
    });
    expect(chargeB).toMatchObject({ status: 'CHARGED', revision: 2 });

    // Soon enough to be held now (within the day), while the second lies weeks ahead.
    const soon = new Date(Date.now() + 60_000);
    const later = new Date(Date.now() + 30 * DAY_MS);
    const first = await send(parquet, SCHEDULE, {
      prosecutionId: id,
      court: 'Tribunal de grande instance de Goma',
      scheduledFor: soon.toISOString(),
      purpose: 'Audience de fond',
    });
    const second = await send(parquet, SCHEDULE, {
      prosecutionId: id,
      court: 'Tribunal de grande instance de Goma',
      scheduledFor: later.toISOString(),
      purpose: 'Plaidoiries',
    });
    expect(second).toMatchObject({ status: 'IN_TRIAL', revision: 4 });

    // Within the default 14 days only the first hearing; the other office sees none of them.
    const agenda = await upcoming(parquet);
    expect(agenda).toEqual([
      expect.objectContaining({
        hearingId: first.itemId,
        prosecutionId: id,
        jointCaseId,
        scheduledFor: soon.toISOString(),
        scheduledForLocal: formatKivuTime(soon),
        heldAt: null,
      }),
    ]);
    expect((await upcoming(parquet, 60)).map((h) => h.hearingId)).toEqual([first.itemId, second.itemId]);
    expect(await upcoming(otherParquet, 60)).toEqual([]);

    const early = await parquet.request(HOLD, {
      input: { commandId: randomUUID(), prosecutionId: id, hearingId: second.itemId, outcome: 'Too early' },
    });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'hearing_not_yet_due' });
    await send(parquet, HOLD, { prosecutionId: id, hearingId: first.itemId, outcome: 'Witnesses heard' });
    expect((await upcoming(parquet, 60)).map((h) => h.hearingId)).toEqual([second.itemId]);

    // Acting on a revision the client saw before others changed the prosecution is a conflict.
    const stale = await parquet.request(VERDICT, {
      input: {
        commandId: randomUUID(),
        prosecutionId: id,
        chargeId: chargeA.itemId,
        verdict: 'CONVICTED',
        expectedRevision: 2,
      },
    });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', expectedRevision: 2, currentRevision: 5 });

    await send(parquet, VERDICT, {
      prosecutionId: id,
      chargeId: chargeA.itemId,
      verdict: 'CONVICTED',
      expectedRevision: 5,
    });
    const pending = await parquet.request(CLOSE, {
      input: { commandId: randomUUID(), prosecutionId: id, reason: 'ADJUDICATED' },
    });
    expect(pending.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'charges_pending' });
    const acquitted = await send(parquet, VERDICT, {
      prosecutionId: id,
      chargeId: chargeB.itemId,
      verdict: 'ACQUITTED',
    });
    expect(acquitted.status).toBe('ADJUDICATED');

    const notConvicted = await parquet.request(SENTENCE, {
      input: { commandId: randomUUID(), prosecutionId: id, chargeId: chargeB.itemId, imprisonmentMonths: 12 },
    });
    expect(notConvicted.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'not_convicted' });
    await send(parquet, SENTENCE, {
      prosecutionId: id,
      chargeId: chargeA.itemId,
      imprisonmentMonths: 60,
      fine: { amount: 500, currency: 'USD' },
    });
    const restitution = await send(parquet, RESTITUTION, {
      prosecutionId: id,
      victimRef: 'VIC-NK-0042',
      amount: 1200.5,
      currency: 'USD',
      note: 'Unpaid wages',
    });
    const appeal = await send(parquet, APPEAL, { prosecutionId: id, chargeId: chargeA.itemId, by: 'DEFENCE' });

    const view = await detail(parquet, id);
    expect(view).toMatchObject({
      prosecutionId: id,
      jointCaseId,
      status: 'ADJUDICATED',
      officeAgencyId: 'parquet-goma',
      fromPoliceAgencyId: 'pnc-masisi',
      chargeCount: 2,
      verdictCount: 2,
      convictionCount: 1,
      closeReason: null,
      revision: 10,
      charges: [
        {
          chargeId: chargeA.itemId,
          suspectId: suspectA,
          offence: 'FORCED_LABOUR',
          legalBasis: LEGAL_BASIS,
          verdict: 'CONVICTED',
          sentence: { imprisonmentMonths: 60, fineAmount: 500, fineCurrency: 'USD', otherMeasures: null },
        },
        {
          chargeId: chargeB.itemId,
          suspectId: suspectB,
          offence: 'CHILD_RECRUITMENT_BY_ARMED_GROUP',
          verdict: 'ACQUITTED',
          sentence: null,
        },
      ],
      restitutions: [
        {
          restitutionId: restitution.itemId,
          victimRef: 'VIC-NK-0042',
          amount: 1200.5,
          currency: 'USD',
          note: 'Unpaid wages',
        },
      ],
      appeals: [{ appealId: appeal.itemId, chargeId: chargeA.itemId, by: 'DEFENCE' }],
    });
    expect(view.hearings.map((h) => [h.hearingId, h.heldAt === null, h.scheduledForLocal])).toEqual([
      [first.itemId, false, formatKivuTime(soon)],
      [second.itemId, true, formatKivuTime(later)],
    ]);

    const closed = await send(parquet, CLOSE, { prosecutionId: id, reason: 'ADJUDICATED' });
    expect(closed).toMatchObject({ status: 'CLOSED', revision: 11 });
    const afterClose = await parquet.request(CHARGE, {
      input: {
        commandId: randomUUID(),
        prosecutionId: id,
        suspectId: suspectA,
        offence: 'OTHER',
        legalBasis: LEGAL_BASIS,
      },
    });
    expect(afterClose.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'prosecution_closed' });
    // The remaining hearing of a closed prosecution will not take place.
    expect(await upcoming(parquet, 60)).toEqual([]);
    expect(await detail(parquet, id)).toMatchObject({ status: 'CLOSED', closeReason: 'ADJUDICATED' });

    // To another office the prosecution does not exist.
    const elsewhere = await otherParquet.request(DETAIL, { id });
    expect(elsewhere.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

    // Every event of the prosecution is tagged with its joint case, for distribution to the case's agencies.
    const store = platform.get<EventStore>(EVENT_STORE);
    const events = await store.readStream(`prosecution-${id}`);
    expect(events).toHaveLength(12);
    expect(new Set(events.map((e) => e.metadata.jointCaseId))).toEqual(new Set([jointCaseId]));
  });

  it('opens one prosecution per case file: a second receipt of the same file is refused', async () => {
    const again = await parquet.request(RECEIVE, { input: { ...receiveInput, commandId: randomUUID() } });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'case_file_already_received' });
  });

  it('refuses invalid input naming each field, and changes nothing', async () => {
    const before = await list(parquet);
    const result = await parquet.request(RECEIVE, {
      input: {
        ...receiveInput,
        commandId: randomUUID(),
        jointCaseId: 'case 12',
        fromPoliceAgencyId: 'PNC Masisi',
        suspects: [{ suspectId: 'Jean', role: '' }],
      },
    });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (result.errors?.[0]?.extensions?.['fields'] as { field: string }[]).map((f) => f.field).sort();
    expect(fields).toEqual(['fromPoliceAgencyId', 'jointCaseId', 'suspects.0.role', 'suspects.0.suspectId']);

    // A rule of the domain (hearings lie ahead) names its field as well.
    const open = (
      await parquet.ok<{ receiveCaseFile: Payload }>(RECEIVE, {
        input: { ...receiveInput, commandId: randomUUID(), caseFileId: randomUUID() },
      })
    ).receiveCaseFile;
    const pastHearing = await parquet.request(SCHEDULE, {
      input: {
        commandId: randomUUID(),
        prosecutionId: open.prosecutionId,
        court: 'Tribunal militaire de garnison de Goma',
        scheduledFor: '2020-01-01T00:00:00Z',
        purpose: 'Audience',
      },
    });
    expect(pastHearing.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'scheduledFor' }],
    });
    expect(await detail(parquet, open.prosecutionId)).toMatchObject({ hearings: [], revision: 0 });

    // Amounts in exponent notation or with more than two decimals are refused, naming the field.
    for (const amount of [5e-324, 1e-7, 10.005]) {
      const restitution = await parquet.request(RESTITUTION, {
        input: {
          commandId: randomUUID(),
          prosecutionId: open.prosecutionId,
          victimRef: 'VIC-NK-0043',
          amount,
          currency: 'USD',
        },
      });
      expect({ amount, error: restitution.errors?.[0]?.extensions }).toMatchObject({
        amount,
        error: { code: 'BAD_USER_INPUT', fields: [{ field: 'amount' }] },
      });
    }
    expect(await detail(parquet, open.prosecutionId)).toMatchObject({ restitutions: [], revision: 0 });

    const badDays = await parquet.request(UPCOMING, { filter: { days: 0 } });
    expect(badDays.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'days' }] });
    const after = await list(parquet);
    expect(after.filter((p) => p.prosecutionId !== open.prosecutionId)).toEqual(before);
  });

  describe('the joint case', () => {
    type JointCaseProsecution = Record<string, unknown> & { prosecutionId: string; officeAgencyId: string };
    async function prosecutionsOf(client: GraphqlTestClient, id: string): Promise<JointCaseProsecution[]> {
      const data = await client.ok<{ _entities: { jointCaseId: string; prosecutions: JointCaseProsecution[] }[] }>(
        JOINT_CASE_PROSECUTIONS,
        { reps: [{ __typename: 'JointCase', jointCaseId: id }] },
      );
      expect(data._entities).toHaveLength(1);
      expect(data._entities[0]?.jointCaseId).toBe(id);
      return data._entities[0]?.prosecutions ?? [];
    }

    it("shows the case's prosecutions, from every office of the case, to its police and prosecutors and the coordination body only", async () => {
      const caseId = randomUUID();
      const suspectId = randomUUID();
      const receive = async (client: GraphqlTestClient) =>
        send(client, RECEIVE, {
          jointCaseId: caseId,
          caseFileId: randomUUID(),
          investigationId: randomUUID(),
          fromPoliceAgencyId: 'pnc-masisi',
          suspects: [{ suspectId, role: 'recruiter' }],
        });
      const goma = await receive(parquet);
      // Bukavu may not join the case by naming it: no case file reached it, nobody referred the case to it.
      const refused = await otherParquet.request(RECEIVE, {
        input: {
          commandId: randomUUID(),
          jointCaseId: caseId,
          caseFileId: randomUUID(),
          investigationId: randomUUID(),
          fromPoliceAgencyId: 'pnc-masisi',
          suspects: [{ suspectId, role: 'recruiter' }],
        },
      });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'not_a_party' });
      // Nothing of the case reaches the police before they are party to it.
      expect(await prosecutionsOf(police, caseId)).toEqual([]);
      // The coordination body admits the military prosecutor and the police unit (the investigations
      // context, whose case files would make them parties, is not served here).
      const store = platform.get<EventStore>(EVENT_STORE);
      await admitToCase(store, { jointCaseId: caseId, agencyId: 'auditorat-bukavu', agencyType: 'prosecutor' });
      await admitToCase(store, { jointCaseId: caseId, agencyId: 'pnc-masisi', agencyType: 'police' });
      const bukavu = await receive(otherParquet);
      await send(parquet, CHARGE, {
        prosecutionId: goma.prosecutionId,
        suspectId,
        offence: 'TRAFFICKING_IN_PERSONS',
        legalBasis: LEGAL_BASIS,
      });

      for (const reader of [parquet, otherParquet, police, coordination]) {
        const seen = await prosecutionsOf(reader, caseId);
        expect(seen.map((p) => p.prosecutionId)).toEqual([goma.prosecutionId, bukavu.prosecutionId]);
        expect(seen[0]).toMatchObject({
          jointCaseId: caseId,
          officeAgencyId: 'parquet-goma',
          status: 'CHARGED',
          chargeCount: 1,
          suspects: [{ role: 'recruiter' }],
        });
        expect(seen[1]).toMatchObject({ officeAgencyId: 'auditorat-bukavu', status: 'CASE_FILE_RECEIVED' });
      }
      for (const reader of [ngo, miningAuthority]) expect(await prosecutionsOf(reader, caseId)).toEqual([]);
      // A joint case with no prosecution has none, whoever asks.
      expect(await prosecutionsOf(coordination, randomUUID())).toEqual([]);
    });
  });

  describe('pages', () => {
    interface Page {
      edges: { cursor: string; node: { prosecutionId: string } }[];
      pageInfo: {
        hasNextPage: boolean;
        hasPreviousPage: boolean;
        startCursor: string | null;
        endCursor: string | null;
      };
    }
    const page = async (filter: Record<string, unknown>) =>
      (await parquet.ok<{ prosecutions: Page }>(PAGE, { filter })).prosecutions;

    it("pages through the office's prosecutions of one joint case, newest first, each once", async () => {
      const caseId = randomUUID();
      const suspectId = randomUUID();
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const received = await send(parquet, RECEIVE, {
          jointCaseId: caseId,
          caseFileId: randomUUID(),
          investigationId: randomUUID(),
          fromPoliceAgencyId: 'pnc-masisi',
          suspects: [{ suspectId, role: 'recruiter' }],
        });
        ids.push(received.prosecutionId);
      }
      await send(parquet, CHARGE, {
        prosecutionId: ids[1],
        suspectId,
        offence: 'FORCED_LABOUR',
        legalBasis: LEGAL_BASIS,
      });

      const first = await page({ jointCaseId: caseId, first: 2 });
      expect(first.edges).toHaveLength(2);
      expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
      expect(first.pageInfo.endCursor).toBe(first.edges[1]?.cursor);
      const second = await page({ jointCaseId: caseId, first: 2, after: first.pageInfo.endCursor });
      expect(second.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
      const third = await page({ jointCaseId: caseId, first: 2, after: second.pageInfo.endCursor });
      expect(third.edges).toHaveLength(1);
      expect(third.pageInfo.hasNextPage).toBe(false);
      const paged = [first, second, third].flatMap((p) => p.edges.map((e) => e.node.prosecutionId));
      expect(paged).toEqual([...ids].reverse());

      // Filters hold across pages: the one charged prosecution, and nothing after it.
      const charged = await page({ jointCaseId: caseId, status: 'CHARGED', first: 1 });
      expect(charged.edges.map((e) => e.node.prosecutionId)).toEqual([ids[1]]);
      expect(charged.pageInfo.hasNextPage).toBe(false);
      // Another office's list is empty, cursor or not.
      const elsewhere = await otherParquet.ok<{ prosecutions: Page }>(PAGE, {
        filter: { jointCaseId: caseId, after: first.pageInfo.endCursor },
      });
      expect(elsewhere.prosecutions.edges).toEqual([]);
    });

    it('refuses a cursor that is not one of the list, and a page size out of range, naming the field', async () => {
      const forged = Buffer.from(JSON.stringify(['not a time', 42]), 'utf8').toString('base64url');
      for (const after of ['garbage', forged]) {
        const result = await parquet.request(PAGE, { filter: { after } });
        expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] });
      }
      const tooMany = await parquet.request(PAGE, { filter: { first: 201 } });
      expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'first' }] });
      const badHearingCursor = await parquet.request(UPCOMING_PAGE, { filter: { after: 'garbage' } });
      expect(badHearingCursor.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [{ field: 'after' }],
      });
    });

    it('pages through upcoming hearings within the days asked, soonest first', async () => {
      const received = await send(parquet, RECEIVE, {
        jointCaseId: randomUUID(),
        caseFileId: randomUUID(),
        investigationId: randomUUID(),
        fromPoliceAgencyId: 'pnc-masisi',
        suspects: [],
      });
      const hearingIn = async (days: number) =>
        (
          await send(parquet, SCHEDULE, {
            prosecutionId: received.prosecutionId,
            court: 'Tribunal de paix de Masisi',
            scheduledFor: new Date(Date.now() + days * DAY_MS).toISOString(),
            purpose: `Audience J+${days}`,
          })
        ).itemId;
      const far = await hearingIn(300);
      const soon = [await hearingIn(200), await hearingIn(201), await hearingIn(202)];

      type HearingPage = {
        edges: { node: { hearingId: string } }[];
        pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
      };
      const hearings = async (filter: Record<string, unknown>) =>
        (await parquet.ok<{ upcomingHearings: HearingPage }>(UPCOMING_PAGE, { filter })).upcomingHearings;
      // Hearings of the other tests lie within 60 days; only these lie 200 days ahead or more.
      const within = (p: HearingPage) =>
        p.edges.map((e) => e.node.hearingId).filter((id) => [...soon, far].includes(id));
      const all = await hearings({ days: 250, first: 200 });
      expect(within(all)).toEqual(soon);
      const cursorBefore = all.edges.findIndex((e) => e.node.hearingId === soon[0]);
      const start = cursorBefore > 0 ? await hearings({ days: 250, first: cursorBefore }) : undefined;
      const firstPage = await hearings({
        days: 250,
        first: 2,
        ...(start?.pageInfo.endCursor ? { after: start.pageInfo.endCursor } : {}),
      });
      expect(firstPage.edges.map((e) => e.node.hearingId)).toEqual(soon.slice(0, 2));
      expect(firstPage.pageInfo.hasNextPage).toBe(true);
      const rest = await hearings({ days: 250, first: 2, after: firstPage.pageInfo.endCursor });
      expect(rest.edges.map((e) => e.node.hearingId)).toEqual(soon.slice(2));
      expect(rest.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
      expect(within(await hearings({ days: 365, first: 200 }))).toEqual([...soon, far]);
    });
  });
});
