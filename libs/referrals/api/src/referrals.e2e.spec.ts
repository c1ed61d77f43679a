import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { type AgencyType } from '@pamoja/contracts';
import { ACCEPT, REFERRAL, submit, submitInput, useTestPlatform, type GraphqlTestClient } from '@pamoja/testing';
import { ReferralsModule } from './referrals.module.js';

const FIELDS = 'referralId jointCaseId fromAgencyId toAgencyId status urgency siteCode dueBy overdue feedCursor';
/** The joint case as the gateway asks a subgraph for its part: by its key. */
const JOINT_CASE_REFERRALS = `query J($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on JointCase { jointCaseId referrals { ${FIELDS} consent { active } } } } }`;
const PAGE = `edges { cursor node { ${FIELDS} } } nodes { referralId }
  pageInfo { hasNextPage hasPreviousPage startCursor endCursor }`;
const INCOMING_PAGE = `query I($filter: ReferralListFilter) { incomingReferrals(filter: $filter) { ${PAGE} } }`;
const OUTGOING_PAGE = `query O($filter: ReferralListFilter) { outgoingReferrals(filter: $filter) { ${PAGE} } }`;
const RECEIVED = `subscription R($after: String) { referralReceived(after: $after) { ${FIELDS} summary } }`;

interface Referral {
  referralId: string;
  jointCaseId: string;
  fromAgencyId: string;
  toAgencyId: string;
  status: string;
  urgency: string;
  siteCode: string | null;
  dueBy: string;
  overdue: boolean;
  feedCursor: string | null;
  summary?: string;
}
interface Page {
  edges: { cursor: string; node: Referral }[];
  nodes: { referralId: string }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const HOUR = 3600_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('referrals through the GraphQL API', () => {
  /** The referrals service as server mode runs it: a subgraph the gateway asks for its part of a joint case. */
  const platform = useTestPlatform({
    modules: [ReferralsModule],
    subgraph: true,
    serviceName: 'pamoja-referrals-e2e',
  });
  const agencies: Record<string, [string, AgencyType]> = {
    ngo: ['ngo-kivu-hope', 'first_responder'],
    otherNgo: ['ngo-uvira-aide', 'first_responder'],
    police: ['pnc-masisi', 'police'],
    policeUvira: ['pnc-uvira', 'police'],
    policeFizi: ['pnc-fizi', 'police'],
    assistance: ['ngo-ushindi', 'assistance_provider'],
    coordination: ['aplt-nord-kivu', 'coordination_body'],
    mining: ['saemape-goma', 'mining_authority'],
    prosecutor: ['parquet-goma', 'prosecutor'],
  };
  const agency = (name: string) => {
    const [agencyId, agencyType] = agencies[name] ?? [];
    if (!agencyId || !agencyType) throw new Error(`no agency ${name}`);
    return { agencyId, agencyType, roles: [] };
  };
  const as = (name: string): GraphqlTestClient => platform.as(agency(name));
  const tokenOf = (name: string): Promise<string> => platform.tokenFor(agency(name));
  const incomingPage = async (name: string, filter: Record<string, unknown> = {}) =>
    (await as(name).ok<{ incomingReferrals: Page }>(INCOMING_PAGE, { filter })).incomingReferrals;
  const outgoingPage = async (name: string, filter: Record<string, unknown> = {}) =>
    (await as(name).ok<{ outgoingReferrals: Page }>(OUTGOING_PAGE, { filter })).outgoingReferrals;
  /** Every page of a list, `first` at a time, following endCursor. */
  async function allPages(read: (after: string | undefined) => Promise<Page>): Promise<Referral[]> {
    const seen: Referral[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await read(after);
      seen.push(...page.edges.map((e) => e.node));
      expect(page.nodes.map((n) => n.referralId)).toEqual(page.edges.map((e) => e.node.referralId));
      expect(page.pageInfo.hasPreviousPage).toBe(false);
      if (!page.pageInfo.hasNextPage) return seen;
      after = page.pageInfo.endCursor ?? undefined;
      expect(after).toBe(page.edges.at(-1)?.cursor);
    }
  }

  describe('the joint case', () => {
    async function referralsOf(name: string, jointCaseId: string): Promise<Referral[]> {
      const data = await as(name).ok<{ _entities: { jointCaseId: string; referrals: Referral[] }[] }>(
        JOINT_CASE_REFERRALS,
        { reps: [{ __typename: 'JointCase', jointCaseId }] },
      );
      expect(data._entities).toHaveLength(1);
      expect(data._entities[0]?.jointCaseId).toBe(jointCaseId);
      return data._entities[0]?.referrals ?? [];
    }

    it('shows each referral of the case to the agencies on either side of it and to the coordination body', async () => {
      // The NGO refers to the police and opens the case; the police then refer the person to an assistance provider.
      const first = await submit(as('ngo'), submitInput({ toAgencyId: 'pnc-masisi' }));
      const jointCaseId = first.jointCaseId ?? '';
      const second = await submit(
        as('police'),
        submitInput({ jointCaseId, toAgencyId: 'ngo-ushindi', toAgencyType: 'ASSISTANCE_PROVIDER' }),
      );
      // Another case, which must not leak into this one.
      await submit(as('ngo'), submitInput({ toAgencyId: 'pnc-masisi' }));

      const ids = async (name: string) => (await referralsOf(name, jointCaseId)).map((r) => r.referralId);
      expect(await ids('police')).toEqual([first.referralId, second.referralId]);
      expect(await ids('coordination')).toEqual([first.referralId, second.referralId]);
      expect(await ids('ngo')).toEqual([first.referralId]);
      expect(await ids('assistance')).toEqual([second.referralId]);
      for (const outsider of ['mining', 'prosecutor', 'policeUvira']) expect(await ids(outsider)).toEqual([]);

      const [seen] = await referralsOf('coordination', jointCaseId);
      expect(seen).toMatchObject({
        jointCaseId,
        fromAgencyId: 'ngo-kivu-hope',
        toAgencyId: 'pnc-masisi',
        status: 'SUBMITTED',
        consent: { active: true },
      });
      // A case nobody referred has no referrals; the case itself is the coordination body's to know.
      expect(await referralsOf('coordination', randomUUID())).toEqual([]);

      // The same decision answers a single referral: the coordination body reads it, an outsider does not.
      const read = async (name: string) =>
        as(name).request<{ referral: Referral }>(REFERRAL, { id: second.referralId });
      expect((await read('coordination')).data?.referral.referralId).toBe(second.referralId);
      expect((await read('mining')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      expect((await read('ngo')).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });
  });

  describe('lists as connections', () => {
    /** Five referrals from one NGO to one police station, at sites in both provinces, one answered. */
    const sent: Record<string, Referral> = {};
    beforeAll(async () => {
      const plan: [string, string, string, number][] = [
        ['a', 'NK-MAS-014', 'ROUTINE', 30],
        ['b', 'NK-RUT-002', 'URGENT', 20],
        ['c', 'SK-MWE-003', 'URGENT', 10],
        ['d', 'SK-KAL-001', 'IMMEDIATE', 5],
        ['e', 'NK-MAS-015', 'ROUTINE', 0.0005],
      ];
      for (const [name, code, urgency, hours] of plan) {
        const { referralId } = await submit(
          as('otherNgo'),
          submitInput({
            toAgencyId: 'pnc-uvira',
            site: { code },
            urgency,
            dueBy: new Date(Date.now() + hours * HOUR).toISOString(),
          }),
        );
        sent[name] = { referralId } as Referral;
      }
      // b is answered; e falls overdue (due within two seconds, left unanswered).
      await as('policeUvira').ok(ACCEPT, { input: { commandId: randomUUID(), referralId: sent['b']?.referralId } });
      await sleep(2000);
    });
    const id = (name: string) => sent[name]?.referralId;

    it('pages the incoming queue in its order, pending first, then by urgency and due time', async () => {
      const order = [id('d'), id('c'), id('e'), id('a'), id('b')];
      const whole = await incomingPage('policeUvira');
      expect(whole.nodes.map((n) => n.referralId)).toEqual(order);
      expect(whole.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });

      const paged = await allPages((after) => incomingPage('policeUvira', { first: 2, ...(after ? { after } : {}) }));
      expect(paged.map((r) => r.referralId)).toEqual(order);
      const firstPage = await incomingPage('policeUvira', { first: 2 });
      expect(firstPage.pageInfo).toMatchObject({ hasNextPage: true, startCursor: firstPage.edges[0]?.cursor });

      // The sender sees the same five, newest first, page by page.
      const outgoing = await allPages((after) => outgoingPage('otherNgo', { first: 2, ...(after ? { after } : {}) }));
      expect(outgoing.map((r) => r.referralId)).toEqual([id('e'), id('d'), id('c'), id('b'), id('a')]);
      // Nobody else has them in a list.
      expect((await incomingPage('police', { first: 200 })).nodes.map((n) => n.referralId)).not.toContain(id('a'));
      expect((await outgoingPage('coordination')).nodes).toEqual([]);
    });

    it('filters by status, overdue, site, province and territory, and pages within a filter', async () => {
      const ids = async (filter: Record<string, unknown>) =>
        (await incomingPage('policeUvira', filter)).nodes.map((n) => n.referralId);
      expect(await ids({ status: 'ACCEPTED' })).toEqual([id('b')]);
      expect(await ids({ overdue: true })).toEqual([id('e')]);
      expect(await ids({ overdue: false })).toEqual([id('d'), id('c'), id('a'), id('b')]);
      expect(await ids({ siteCode: 'SK-MWE-003' })).toEqual([id('c')]);
      expect(await ids({ province: 'SK' })).toEqual([id('d'), id('c')]);
      expect(await ids({ province: 'NK' })).toEqual([id('e'), id('a'), id('b')]);
      expect(await ids({ territory: 'MAS' })).toEqual([id('e'), id('a')]);
      expect(await ids({ province: 'NK', territory: 'RUT', status: 'ACCEPTED' })).toEqual([id('b')]);
      expect(await ids({ province: 'SK', status: 'ACCEPTED' })).toEqual([]);

      const paged = await allPages((after) =>
        incomingPage('policeUvira', { province: 'NK', first: 1, ...(after ? { after } : {}) }),
      );
      expect(paged.map((r) => r.referralId)).toEqual([id('e'), id('a'), id('b')]);
      const sentNk = await allPages((after) =>
        outgoingPage('otherNgo', { territory: 'MAS', first: 1, ...(after ? { after } : {}) }),
      );
      expect(sentNk.map((r) => r.referralId)).toEqual([id('e'), id('a')]);
    });

    it('answers a bad cursor or filter as the client error it is, naming the field', async () => {
      const problem = async (query: string, filter: Record<string, unknown>) => {
        const result = await as('policeUvira').request(query, { filter });
        expect(result.data).toBeFalsy();
        return result.errors?.[0]?.extensions;
      };
      const afterProblem = { code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'after' })] };
      expect(await problem(INCOMING_PAGE, { after: 'not-a-cursor' })).toMatchObject(afterProblem);
      // A cursor of another list does not fit this one's order.
      const outgoing = await outgoingPage('otherNgo', { first: 1 });
      expect(await problem(INCOMING_PAGE, { after: outgoing.pageInfo.endCursor })).toMatchObject(afterProblem);
      const forged = Buffer.from(JSON.stringify(['x', 1, 'not a time', 'id'])).toString('base64url');
      expect(await problem(INCOMING_PAGE, { after: forged })).toMatchObject(afterProblem);

      expect(await problem(INCOMING_PAGE, { province: 'XX' })).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [expect.objectContaining({ field: 'province' })],
      });
      expect(await problem(OUTGOING_PAGE, { territory: 'mas', siteCode: 'NK-MAS-14' })).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: expect.arrayContaining([
          expect.objectContaining({ field: 'territory' }),
          expect.objectContaining({ field: 'siteCode' }),
        ]),
      });
      expect(await problem(INCOMING_PAGE, { first: 0 })).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [expect.objectContaining({ field: 'first' })],
      });
      expect(await problem(INCOMING_PAGE, { first: 201 })).toMatchObject({ code: 'BAD_USER_INPUT' });
    });
  });

  describe('referralReceived', () => {
    /** A graphql-ws subscriber, as a client of the API connects: the token in the connection parameters. */
    function subscriber(token: string | undefined, after?: string | null) {
      const items: Referral[] = [];
      const errors: unknown[] = [];
      let completed = false;
      let connected!: () => void;
      const ready = new Promise<void>((resolve) => {
        connected = resolve;
      });
      const client: Client = createClient({
        url: platform.wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: token ? { authorization: `Bearer ${token}` } : {},
        retryAttempts: 0,
        lazy: false,
        on: {
          connected: () => {
            connected();
          },
        },
      });
      client.subscribe<{ referralReceived: Referral }>(
        { query: RECEIVED, variables: after ? { after } : {} },
        {
          next: (result) => {
            if (result.errors) errors.push(...result.errors);
            if (result.data) items.push(result.data.referralReceived);
          },
          error: (error) => errors.push(error),
          complete: () => {
            completed = true;
          },
        },
      );
      return {
        items,
        errors,
        ready,
        isCompleted: () => completed,
        async until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
          const deadline = Date.now() + timeoutMs;
          while (!check()) {
            if (Date.now() > deadline) throw new Error(`timed out; got ${JSON.stringify({ items, errors })}`);
            await sleep(25);
          }
        },
        close: () => client.dispose(),
      };
    }
    const toFizi = (summary: string) =>
      submit(as('ngo'), submitInput({ toAgencyId: 'pnc-fizi', site: { code: 'SK-FIZ-001' }, summary }));

    it('delivers new referrals live, and on reconnecting after the last one seen, exactly those missed', async () => {
      const earlier = await toFizi('Sent before anyone listened.');

      // Without a cursor: from now on only.
      const live = subscriber(await tokenOf('policeFizi'));
      await live.ready;
      await sleep(300);
      const first = await toFizi('Children carrying ore at night.');
      await submit(as('ngo'), submitInput({ toAgencyId: 'pnc-masisi', summary: 'For another station.' }));
      await live.until(() => live.items.length >= 1);
      expect(live.items).toEqual([
        expect.objectContaining({
          referralId: first.referralId,
          toAgencyId: 'pnc-fizi',
          summary: 'Children carrying ore at night.',
          status: 'SUBMITTED',
        }),
      ]);
      expect(live.items.map((r) => r.referralId)).not.toContain(earlier.referralId);
      const cursor = live.items[0]?.feedCursor;
      expect(cursor).toEqual(expect.any(String));
      await live.close();

      // Two more while disconnected, and one for another agency.
      const missed = [await toFizi('Missed one.'), await toFizi('Missed two.')];
      await submit(as('ngo'), submitInput({ toAgencyId: 'pnc-masisi', summary: 'Not for Fizi.' }));

      const resumed = subscriber(await tokenOf('policeFizi'), cursor);
      await resumed.until(() => resumed.items.length >= 2);
      await sleep(500);
      expect(resumed.items.map((r) => r.referralId)).toEqual(missed.map((m) => m.referralId));
      expect(resumed.items.map((r) => r.summary)).toEqual(['Missed one.', 'Missed two.']);
      expect(resumed.errors).toEqual([]);

      // And then it is live again, each referral once.
      const next = await toFizi('After the reconnection.');
      await resumed.until(() => resumed.items.length >= 3);
      await sleep(300);
      expect(resumed.items.map((r) => r.referralId)).toEqual([...missed.map((m) => m.referralId), next.referralId]);
      // The feed cursor orders referrals as they arrived; a list shows it too.
      const listed = (await incomingPage('policeFizi', { first: 200 })).edges.find(
        (e) => e.node.referralId === next.referralId,
      );
      expect(listed?.node.feedCursor).toBe(resumed.items[2]?.feedCursor);
      await resumed.close();
    });

    it('refuses a bad cursor and a caller without a token', async () => {
      const bad = subscriber(await tokenOf('policeFizi'), 'not-a-cursor');
      await bad.until(() => bad.errors.length > 0);
      expect(bad.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'after' }] } });
      expect(bad.items).toEqual([]);
      await bad.close();

      const anonymous = subscriber(undefined);
      await anonymous.until(() => anonymous.errors.length > 0);
      expect(anonymous.errors[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
      await anonymous.close();
    });
  });
});
