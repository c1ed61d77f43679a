import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { type AgencyType } from '@pamoja/contracts';
import { EVENT_STORE, ProjectionRunner, type EventStore } from '@pamoja/event-store';
import { CASE_FILE_DEADLINE_WATCHER, investigationCommands } from '@pamoja/investigations/application';
import { type SentInvestigationCommand } from '@pamoja/investigations/domain';
import { type CommandEndpointFor } from '@pamoja/platform/context';
import { openProtectedEventStore } from '@pamoja/platform/privacy';
import { openDatabase, Projections } from '@pamoja/platform/store';
import { admitToCase, useTestPlatform, type GraphqlTestClient } from '@pamoja/testing';
import { INVESTIGATION_PROJECTIONS, InvestigationsModule } from './investigations.module.js';

const PAYLOAD = 'investigationId jointCaseId status revision replayed evidenceId suspectId caseFileId';
const OPEN = `mutation Open($input: OpenInvestigationInput!) { openInvestigation(input: $input) { ${PAYLOAD} } }`;
const EVIDENCE = `mutation Evidence($input: RecordEvidenceInput!) { recordEvidence(input: $input) { ${PAYLOAD} } }`;
const TRANSFER = `mutation Transfer($input: RecordEvidenceCustodyTransferInput!) {
  recordEvidenceCustodyTransfer(input: $input) { ${PAYLOAD} } }`;
const SUSPECT = `mutation Suspect($input: IdentifySuspectInput!) { identifySuspect(input: $input) { ${PAYLOAD} } }`;
const ARREST = `mutation Arrest($input: RecordArrestInput!) { recordArrest(input: $input) { ${PAYLOAD} } }`;
const TRANSMIT = `mutation Transmit($input: TransmitCaseFileInput!) { transmitCaseFile(input: $input) { ${PAYLOAD} } }`;
const CLOSE = `mutation Close($input: CloseInvestigationInput!) { closeInvestigation(input: $input) { ${PAYLOAD} } }`;
const SUMMARY = `investigationId jointCaseId referralId siteCode offences leadAgencyId leadOfficerId status closureReason
  evidenceCount suspectCount arrestCount caseFileCount lastActivityAt revision`;
const CASE_FILE = `investigationId jointCaseId caseFileId fromAgencyId toProsecutorOfficeId dueBy dueByLocal evidenceIds
  suspectIds status overdue acknowledgedAt acknowledgedByAgencyId deadlineMissedAt escalatedTo`;
const LIST = `query List($filter: InvestigationListFilter) { investigations(filter: $filter) { nodes { ${SUMMARY} } } }`;
const ONE = `query One($id: ID!) { investigation(investigationId: $id) { ${SUMMARY}
  evidence { evidenceId kind sha256 custodian { agencyId officerId }
    custodyChain { from { agencyId officerId } to { agencyId officerId } reason } }
  suspects { suspectId role alias name dateOfBirth }
  arrests { suspectId location legalBasis }
  caseFiles { ${CASE_FILE} } } }`;
const OVERDUE = `query Overdue { overdueCaseFileTransmissions { nodes { ${CASE_FILE} } } }`;

interface Payload {
  investigationId: string;
  jointCaseId: string;
  status: string;
  revision: number;
  replayed: boolean;
  evidenceId: string | null;
  suspectId: string | null;
  caseFileId: string | null;
}
interface CaseFile {
  caseFileId: string;
  status: string;
  overdue: boolean;
  dueByLocal: string;
  escalatedTo: string | null;
  acknowledgedByAgencyId: string | null;
}
interface Investigation {
  investigationId: string;
  status: string;
  evidenceCount: number;
  suspectCount: number;
  arrestCount: number;
  caseFileCount: number;
  revision: number;
  evidence: { evidenceId: string; custodian: { officerId: string }; custodyChain: { reason: string | null }[] }[];
  suspects: { suspectId: string; alias: string | null; name: string | null; dateOfBirth: string | null }[];
  arrests: { suspectId: string }[];
  caseFiles: CaseFile[];
}

const HASH = 'c0ffee'.padEnd(64, '0');
const POLICE = 'pmh-masisi';
const OFFICE = 'parquet-goma';
const OTHER_AGENCIES: Record<string, AgencyType> = {
  'pnc-walikale': 'police',
  'pnc-kalehe': 'police',
  'parquet-uvira': 'prosecutor',
  'aplt-nord-kivu': 'coordination_body',
  'saemape-goma': 'mining_authority',
  'ong-ushindi': 'assistance_provider',
};
/** The joint case as the gateway asks a subgraph for its part: by its key. */
const JOINT_CASE_INVESTIGATIONS = `query J($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on JointCase { jointCaseId investigations { ${SUMMARY} } } } }`;
const PAGE_INFO = 'pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';
const LIST_PAGE = `query L($filter: InvestigationListFilter) { investigations(filter: $filter) {
  edges { cursor node { investigationId siteCode status } } ${PAGE_INFO} } }`;
const INCOMING_CASE_FILES_PAGE = `query C($filter: CaseFileListFilter) { incomingCaseFiles(filter: $filter) {
  edges { cursor node { caseFileId status overdue dueBy } } ${PAGE_INFO} } }`;
const OVERDUE_PAGE = `query O($filter: CaseFileListFilter) { overdueCaseFileTransmissions(filter: $filter) {
  edges { cursor node { caseFileId status overdue } } ${PAGE_INFO} } }`;

interface Page<N> {
  edges: { cursor: string; node: N }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}
/** Every page of a list, following endCursor. */
async function allPages<N>(read: (after: string | undefined) => Promise<Page<N>>): Promise<N[]> {
  const seen: N[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await read(after);
    seen.push(...page.edges.map((e) => e.node));
    expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
    if (!page.pageInfo.hasNextPage) return seen;
    after = page.pageInfo.endCursor ?? undefined;
  }
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('investigations through the GraphQL API', () => {
  const platform = useTestPlatform({
    modules: [InvestigationsModule],
    // Evidence goes to a forensic unit that never acts in this spec.
    agencies: [{ agencyId: 'pnc-forensics-goma', agencyType: 'police' }],
    subgraph: true,
    serviceName: 'investigations-e2e',
  });
  const token = (agencyId: string, agencyType: AgencyType) => platform.as({ agencyId, agencyType, roles: [] });
  const police = token(POLICE, 'police');
  const prosecutor = token(OFFICE, 'prosecutor');
  const ngo = token('ngo-kivu-hope', 'first_responder');
  const clients: Record<string, GraphqlTestClient> = {};
  for (const [agencyId, agencyType] of Object.entries(OTHER_AGENCIES)) clients[agencyId] = token(agencyId, agencyType);
  const as = (agencyId: string): GraphqlTestClient => {
    const client = clients[agencyId];
    if (!client) throw new Error(`no client for ${agencyId}`);
    return client;
  };

  const one = async (client: GraphqlTestClient, id: string) =>
    (await client.ok<{ investigation: Investigation }>(ONE, { id })).investigation;
  const overdue = async (client: GraphqlTestClient) =>
    (await client.ok<{ overdueCaseFileTransmissions: { nodes: CaseFile[] } }>(OVERDUE)).overdueCaseFileTransmissions
      .nodes;
  const list = async (client: GraphqlTestClient, filter: Record<string, unknown> = {}) =>
    (await client.ok<{ investigations: { nodes: Investigation[] } }>(LIST, { filter })).investigations.nodes;
  /** A command the platform sends on its own (the deadline watcher, the case-file receipt), as it sends it. */
  const send = (command: SentInvestigationCommand, commandId = randomUUID()) =>
    platform.app
      .get<CommandEndpointFor<typeof investigationCommands>>(investigationCommands.token)
      .execute(command, { commandId, actor: command.metadata.actor, correlationId: randomUUID() });

  it('walks an investigation from opening to an acknowledged case file', async () => {
    const jointCaseId = randomUUID();
    const openInput = {
      commandId: randomUUID(),
      jointCaseId,
      referralId: randomUUID(),
      siteCode: 'NK-MAS-014',
      offences: ['FORCED_LABOUR', 'CHILD_LABOUR'],
      leadOfficerId: 'opj-kasongo',
    };

    // Only the police open investigations: the access policy refuses anyone else before the domain is asked.
    const byNgo = await ngo.request(OPEN, { input: { ...openInput, commandId: randomUUID() } });
    expect(byNgo.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', reason: 'access_policy' });

    const opened = (await police.ok<{ openInvestigation: Payload }>(OPEN, { input: openInput })).openInvestigation;
    expect(opened).toMatchObject({ jointCaseId, status: 'OPEN', revision: 0, replayed: false });
    const id = opened.investigationId;
    // A retried command answers as the first time and opens nothing twice.
    const retried = (await police.ok<{ openInvestigation: Payload }>(OPEN, { input: openInput })).openInvestigation;
    expect(retried).toEqual({ ...opened, replayed: true });
    const mine = await list(police);
    expect(mine.filter((i) => i.investigationId === id)).toEqual([
      expect.objectContaining({ status: 'OPEN', evidenceCount: 0, suspectCount: 0, leadAgencyId: POLICE }),
    ]);
    // Other agency types may not list or read investigations at all (the access policy).
    expect((await ngo.request(LIST, { filter: {} })).errors?.[0]?.extensions).toEqual({
      code: 'FORBIDDEN',
      reason: 'access_policy',
    });

    // Evidence, with invalid input named field by field first.
    const invalid = await police.request(EVIDENCE, {
      input: {
        commandId: 'not-a-uuid',
        investigationId: id,
        description: '',
        kind: 'DOCUMENT',
        sha256: HASH.toUpperCase(),
        collectedAt: new Date().toISOString(),
      },
    });
    expect(invalid.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (invalid.errors?.[0]?.extensions?.['fields'] as { field: string }[]).map((f) => f.field).sort();
    expect(fields).toEqual(['commandId', 'description', 'sha256']);
    const evidence = (
      await police.ok<{ recordEvidence: Payload }>(EVIDENCE, {
        input: {
          commandId: randomUUID(),
          investigationId: id,
          description: 'Debt ledger kept by the pit boss',
          kind: 'DOCUMENT',
          sha256: HASH,
          collectedAt: new Date(Date.now() - 3_600_000).toISOString(),
        },
      })
    ).recordEvidence;
    expect(evidence).toMatchObject({ revision: 1, evidenceId: expect.any(String) });
    const evidenceId = evidence.evidenceId ?? '';

    // Custody: stale revision is a conflict, a giver who does not hold the item breaks the chain.
    const transferInput = {
      investigationId: id,
      evidenceId,
      from: { agencyId: POLICE, officerId: `${POLICE}-user` },
      to: { agencyId: 'pnc-forensics-goma', officerId: 'tech-7' },
      at: new Date().toISOString(),
      reason: 'Handwriting analysis',
    };
    const stale = await police.request(TRANSFER, {
      input: { ...transferInput, commandId: randomUUID(), expectedRevision: 0 },
    });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', expectedRevision: 0, currentRevision: 1 });
    const broken = await police.request(TRANSFER, {
      input: { ...transferInput, commandId: randomUUID(), from: { agencyId: POLICE, officerId: 'someone-else' } },
    });
    expect(broken.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'custody_chain_broken' });
    await police.ok(TRANSFER, { input: { ...transferInput, commandId: randomUUID(), expectedRevision: 1 } });
    const withChain = await one(police, id);
    expect(withChain.evidence).toEqual([
      expect.objectContaining({
        evidenceId,
        custodian: { agencyId: 'pnc-forensics-goma', officerId: 'tech-7' },
        custodyChain: [
          { from: null, to: { agencyId: POLICE, officerId: `${POLICE}-user` }, reason: null },
          {
            from: { agencyId: POLICE, officerId: `${POLICE}-user` },
            to: { agencyId: 'pnc-forensics-goma', officerId: 'tech-7' },
            reason: 'Handwriting analysis',
          },
        ],
      }),
    ]);

    // No case file without a suspect.
    const transmitInput = {
      investigationId: id,
      toProsecutorOfficeId: OFFICE,
      summary: 'Debt bondage of diggers at pit 3; ledger enclosed.',
      evidenceIds: [evidenceId],
    };
    const early = await police.request(TRANSMIT, {
      input: {
        ...transmitInput,
        commandId: randomUUID(),
        suspectIds: [randomUUID()],
        dueBy: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'no_suspect_identified' });

    const suspect = (
      await police.ok<{ identifySuspect: Payload }>(SUSPECT, {
        input: {
          commandId: randomUUID(),
          investigationId: id,
          role: 'EXPLOITER',
          alias: 'Chef Bosco',
          personal: { name: 'Bosco Fictif', dateOfBirth: '1980-05-17' },
        },
      })
    ).identifySuspect;
    const suspectId = suspect.suspectId ?? '';
    await police.ok(ARREST, {
      input: {
        commandId: randomUUID(),
        investigationId: id,
        suspectId,
        arrestedAt: new Date().toISOString(),
        location: 'Rubaya market',
        legalBasis: 'Warrant 12/2025',
      },
    });
    const unknownArrest = await police.request(ARREST, {
      input: {
        commandId: randomUUID(),
        investigationId: id,
        suspectId: randomUUID(),
        arrestedAt: new Date().toISOString(),
        location: 'Goma',
        legalBasis: 'Warrant 13/2025',
      },
    });
    expect(unknownArrest.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'suspect_unknown' });

    // Personal data: the police and prosecutors of the case see it; other agencies may not read the
    // investigation at all. No case file has reached the Parquet yet: it is no party, and finds nothing.
    expect((await one(police, id)).suspects).toEqual([
      { suspectId, role: 'EXPLOITER', alias: 'Chef Bosco', name: 'Bosco Fictif', dateOfBirth: '1980-05-17' },
    ]);
    expect((await prosecutor.request(ONE, { id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const readByNgo = await ngo.request(ONE, { id });
    expect(readByNgo.data ?? null).toBeNull();
    expect(readByNgo.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', reason: 'access_policy' });

    // Transmit with a due time about to pass, then close the investigation on it.
    const dueBy = new Date(Date.now() + 1500);
    const transmitted = (
      await police.ok<{ transmitCaseFile: Payload }>(TRANSMIT, {
        input: { ...transmitInput, commandId: randomUUID(), suspectIds: [suspectId], dueBy: dueBy.toISOString() },
      })
    ).transmitCaseFile;
    const caseFileId = transmitted.caseFileId ?? '';
    // The case file made the Parquet a party: it reads the investigation, the suspect's identity included.
    expect((await one(prosecutor, id)).suspects[0]).toMatchObject({ name: 'Bosco Fictif', dateOfBirth: '1980-05-17' });
    expect((await one(police, id)).caseFiles).toEqual([
      expect.objectContaining({
        caseFileId,
        status: 'AWAITING_ACKNOWLEDGEMENT',
        overdue: false,
        suspectIds: [suspectId],
      }),
    ]);
    const closed = (
      await police.ok<{ closeInvestigation: Payload }>(CLOSE, {
        input: { commandId: randomUUID(), investigationId: id, reason: 'TRANSMITTED_TO_PROSECUTOR' },
      })
    ).closeInvestigation;
    expect(closed.status).toBe('CLOSED');
    const afterClose = await police.request(EVIDENCE, {
      input: {
        commandId: randomUUID(),
        investigationId: id,
        description: 'Late photo',
        kind: 'PHOTO',
        sha256: HASH,
        collectedAt: new Date().toISOString(),
      },
    });
    expect(afterClose.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'investigation_closed' });
    expect(await one(police, id)).toMatchObject({
      status: 'CLOSED',
      closureReason: 'TRANSMITTED_TO_PROSECUTOR',
      evidenceCount: 1,
      suspectCount: 1,
      arrestCount: 1,
      caseFileCount: 1,
    });

    // Past due and unacknowledged: overdue for both sides of the handoff.
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const late = await overdue(police);
    expect(late).toEqual([expect.objectContaining({ caseFileId, overdue: true, toProsecutorOfficeId: OFFICE })]);
    expect(late[0]?.dueByLocal).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} CAT$/);
    expect((await overdue(prosecutor)).map((c) => c.caseFileId)).toEqual([caseFileId]);
    expect((await ngo.request(OVERDUE)).errors?.[0]?.extensions).toEqual({
      code: 'FORBIDDEN',
      reason: 'access_policy',
    });

    // The platform's watcher escalates the miss once; a second request records nothing.
    await platform.app.get(Projections).checkDeadlines();
    const again = await send({
      type: 'RecordCaseFileDeadlineMissed',
      data: { investigationId: id, caseFileId },
      metadata: { actor: CASE_FILE_DEADLINE_WATCHER, now: new Date() },
    });
    expect(again.position).toBeUndefined();
    const escalated = await one(police, id);
    expect(escalated.caseFiles[0]).toMatchObject({
      status: 'DEADLINE_MISSED',
      overdue: true,
      escalatedTo: 'coordination_body',
    });
    expect(escalated.revision).toBe(again.revision);

    // The office acknowledges late: the handoff is no longer overdue.
    const now = new Date();
    const acknowledgedBy = (byAgencyId: string): SentInvestigationCommand => ({
      type: 'RecordCaseFileAcknowledged',
      data: { investigationId: id, caseFileId, acknowledgedAt: now, byAgencyId },
      metadata: { actor: CASE_FILE_DEADLINE_WATCHER, now },
    });
    await expect(send(acknowledgedBy('parquet-bukavu'))).rejects.toMatchObject({
      code: 'RULE_VIOLATION',
      rule: 'only_receiving_office',
    });
    await send(acknowledgedBy(OFFICE));
    expect((await one(police, id)).caseFiles[0]).toMatchObject({
      status: 'ACKNOWLEDGED',
      overdue: false,
      acknowledgedByAgencyId: OFFICE,
    });
    expect(await overdue(police)).toEqual([]);
  });

  /** Opens an investigation as the given police agency; returns its id. */
  const openAs = async (agencyId: string, input: Record<string, unknown>): Promise<string> =>
    (
      await as(agencyId).ok<{ openInvestigation: Payload }>(OPEN, {
        input: {
          commandId: randomUUID(),
          jointCaseId: randomUUID(),
          offences: ['FORCED_LABOUR'],
          leadOfficerId: 'opj-1',
          ...input,
        },
      })
    ).openInvestigation.investigationId;
  const identifyAs = async (agencyId: string, investigationId: string): Promise<string> =>
    (
      await as(agencyId).ok<{ identifySuspect: Payload }>(SUSPECT, {
        input: {
          commandId: randomUUID(),
          investigationId,
          role: 'RECRUITER',
          alias: 'Le Grand',
          personal: { name: 'Jean Fictif', dateOfBirth: '1975-01-02' },
        },
      })
    ).identifySuspect.suspectId ?? '';

  describe('the joint case', () => {
    async function investigationsOf(client: GraphqlTestClient, jointCaseId: string): Promise<Investigation[]> {
      const data = await client.ok<{ _entities: { jointCaseId: string; investigations: Investigation[] }[] }>(
        JOINT_CASE_INVESTIGATIONS,
        { reps: [{ __typename: 'JointCase', jointCaseId }] },
      );
      expect(data._entities).toHaveLength(1);
      expect(data._entities[0]?.jointCaseId).toBe(jointCaseId);
      return data._entities[0]?.investigations ?? [];
    }

    it("shows the case's investigations, from every police agency of the case, to its police and prosecutors and the coordination body only", async () => {
      const jointCaseId = randomUUID();
      const first = await openAs('pnc-walikale', { jointCaseId, siteCode: 'NK-WAL-002' });
      await identifyAs('pnc-walikale', first);
      // Kalehe may not join the case by naming it; once the coordination body admits it (and the Parquet
      // de Goma), it opens an investigation of its own in the case.
      const refused = await as('pnc-kalehe').request(OPEN, {
        input: { commandId: randomUUID(), jointCaseId, offences: ['CHILD_LABOUR'], leadOfficerId: 'opj-1' },
      });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'not_a_party' });
      const store = platform.get<EventStore>(EVENT_STORE);
      await admitToCase(store, { jointCaseId, agencyId: 'pnc-kalehe', agencyType: 'police' });
      await admitToCase(store, { jointCaseId, agencyId: OFFICE, agencyType: 'prosecutor' });
      const second = await openAs('pnc-kalehe', { jointCaseId, siteCode: 'SK-FIZ-001', offences: ['CHILD_LABOUR'] });
      await openAs('pnc-kalehe', { siteCode: 'SK-FIZ-001' });

      for (const reader of [as('pnc-walikale'), as('pnc-kalehe'), prosecutor, as('aplt-nord-kivu')]) {
        const seen = await investigationsOf(reader, jointCaseId);
        expect(seen.map((i) => i.investigationId)).toEqual([first, second]);
        expect(seen[0]).toMatchObject({
          jointCaseId,
          leadAgencyId: 'pnc-walikale',
          siteCode: 'NK-WAL-002',
          status: 'OPEN',
          suspectCount: 1,
        });
        expect(seen[1]).toMatchObject({ leadAgencyId: 'pnc-kalehe', offences: ['CHILD_LABOUR'], suspectCount: 0 });
      }
      // Nothing to agencies outside the justice chain, nor to a police station or prosecutor's office
      // that is no party to the case.
      for (const reader of [ngo, as('saemape-goma'), as('ong-ushindi'), police, as('parquet-uvira')]) {
        expect(await investigationsOf(reader, jointCaseId)).toEqual([]);
      }
      expect(await investigationsOf(as('aplt-nord-kivu'), randomUUID())).toEqual([]);

      // A summary only: suspects (and their personal data) are not part of the joint view.
      const suspects = await as('pnc-walikale').request(
        `query J($reps: [_Any!]!) { _entities(representations: $reps) {
          ... on JointCase { investigations { suspects { name } } } } }`,
        { reps: [{ __typename: 'JointCase', jointCaseId }] },
      );
      expect(suspects.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    });
  });

  describe('lists as connections', () => {
    const ids: Record<string, string> = {};
    const id = (name: string) => ids[name];
    beforeAll(async () => {
      for (const [name, siteCode] of [
        ['m1', 'NK-MAS-001'],
        ['k2', 'SK-KAL-002'],
        ['k3', 'SK-KAL-003'],
        ['r4', 'NK-RUT-004'],
        ['none', null],
      ] as const) {
        ids[name] = await openAs('pnc-kalehe', {
          siteCode,
          offences: name === 'k2' ? ['CHILD_LABOUR'] : ['FORCED_LABOUR'],
        });
      }
      await as('pnc-kalehe').ok(CLOSE, {
        input: { commandId: randomUUID(), investigationId: id('r4'), reason: 'INSUFFICIENT_EVIDENCE' },
      });
    });
    const page = async (filter: Record<string, unknown>) =>
      (await as('pnc-kalehe').ok<{ investigations: Page<{ investigationId: string }> }>(LIST_PAGE, { filter }))
        .investigations;
    const listed = async (filter: Record<string, unknown>) =>
      (await page({ first: 200, ...filter })).edges.map((e) => e.node.investigationId);

    it('pages the investigations list, open first and most recently active, and filters it', async () => {
      const mine = await listed({});
      const order = [id('none'), id('k3'), id('k2'), id('m1')];
      // The agency's other investigations (opened earlier) follow; the closed one comes last.
      expect(mine.filter((i) => Object.values(ids).includes(i))).toEqual([...order, id('r4')]);
      expect(mine.at(-1)).toBe(id('r4'));
      const paged = await allPages((after) => page({ first: 2, ...(after ? { after } : {}) }));
      expect(paged.map((i) => i.investigationId)).toEqual(mine);

      expect(await listed({ province: 'SK', territory: 'KAL', offence: 'CHILD_LABOUR' })).toEqual([id('k2')]);
      expect(await listed({ siteCode: 'NK-MAS-001' })).toEqual([id('m1')]);
      expect(await listed({ territory: 'RUT' })).toEqual([id('r4')]);
      expect(await listed({ status: 'CLOSED' })).toEqual([id('r4')]);
      expect(await listed({ province: 'NK', status: 'OPEN' })).toEqual([id('m1')]);
      const nk = await allPages((after) => page({ province: 'NK', first: 1, ...(after ? { after } : {}) }));
      expect(nk.map((i) => i.investigationId)).toEqual([id('m1'), id('r4')]);
    });

    it('pages the case-file queues by due time, with status and overdue filters', async () => {
      const due = (ms: number) => new Date(Date.now() + ms).toISOString();
      const files: Record<string, string> = {};
      for (const [name, investigation, dueBy] of [
        ['later', 'm1', due(3 * 3600_000)],
        ['soon', 'k2', due(1500)],
        ['next', 'k3', due(3600_000)],
        ['then', 'k3', due(2 * 3600_000)],
      ] as const) {
        const investigationId = id(investigation) ?? '';
        const suspectId = await identifyAs('pnc-kalehe', investigationId);
        const sent = await as('pnc-kalehe').ok<{ transmitCaseFile: Payload }>(TRANSMIT, {
          input: {
            commandId: randomUUID(),
            investigationId,
            toProsecutorOfficeId: 'parquet-uvira',
            summary: `Case file ${name}`,
            evidenceIds: [],
            suspectIds: [suspectId],
            dueBy,
          },
        });
        files[name] = sent.transmitCaseFile.caseFileId ?? '';
      }
      const queue = async (filter: Record<string, unknown>) =>
        (
          await as('parquet-uvira').ok<{ incomingCaseFiles: Page<{ caseFileId: string; status: string }> }>(
            INCOMING_CASE_FILES_PAGE,
            { filter },
          )
        ).incomingCaseFiles;
      const inOrder = [files['soon'], files['next'], files['then'], files['later']];
      const paged = await allPages((after) => queue({ first: 3, ...(after ? { after } : {}) }));
      expect(paged.map((c) => c.caseFileId)).toEqual(inOrder);

      await sleep(1600);
      await platform.app.get(Projections).checkDeadlines();
      const ids = async (filter: Record<string, unknown>) =>
        (await queue({ first: 200, ...filter })).edges.map((e) => e.node.caseFileId);
      expect(await ids({ overdue: true })).toEqual([files['soon']]);
      expect(await ids({ overdue: false })).toEqual(inOrder.slice(1));
      expect(await ids({ status: 'DEADLINE_MISSED' })).toEqual([files['soon']]);
      expect(await ids({ status: 'AWAITING_ACKNOWLEDGEMENT', first: 1 })).toEqual([files['next']]);
      expect(await ids({ status: 'ACKNOWLEDGED' })).toEqual([]);
      // Both sides of the handoff see it overdue; nobody else does.
      for (const agencyId of ['pnc-kalehe', 'parquet-uvira']) {
        const overdue = await as(agencyId).ok<{ overdueCaseFileTransmissions: Page<{ caseFileId: string }> }>(
          OVERDUE_PAGE,
          { filter: { first: 1 } },
        );
        expect(overdue.overdueCaseFileTransmissions.edges.map((e) => e.node.caseFileId)).toEqual([files['soon']]);
        expect(overdue.overdueCaseFileTransmissions.pageInfo.hasNextPage).toBe(false);
      }
      // Without a status, the queue is what still awaits acknowledgement, late ones included.
      expect((await queue({})).edges).toHaveLength(4);
    });

    it('answers a bad cursor or filter as the client error it is, naming the field', async () => {
      const problem = async (client: GraphqlTestClient, query: string, filter: Record<string, unknown>) => {
        const result = await client.request(query, { filter });
        expect(result.data).toBeFalsy();
        return result.errors?.[0]?.extensions;
      };
      const afterProblem = { code: 'BAD_USER_INPUT', fields: [expect.objectContaining({ field: 'after' })] };
      const kalehe = as('pnc-kalehe');
      expect(await problem(kalehe, LIST_PAGE, { after: 'garbage' })).toMatchObject(afterProblem);
      // A cursor of the case-file list does not fit the investigations list, nor the other way round.
      const caseFiles = await as('parquet-uvira').ok<{ incomingCaseFiles: Page<unknown> }>(INCOMING_CASE_FILES_PAGE, {
        filter: { first: 1 },
      });
      expect(await problem(kalehe, LIST_PAGE, { after: caseFiles.incomingCaseFiles.pageInfo.endCursor })).toMatchObject(
        afterProblem,
      );
      const investigations = await page({ first: 1 });
      expect(
        await problem(as('parquet-uvira'), INCOMING_CASE_FILES_PAGE, { after: investigations.pageInfo.endCursor }),
      ).toMatchObject(afterProblem);
      expect(await problem(kalehe, LIST_PAGE, { province: 'XX' })).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [expect.objectContaining({ field: 'province' })],
      });
      expect(await problem(kalehe, LIST_PAGE, { territory: 'kal' })).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [expect.objectContaining({ field: 'territory' })],
      });
      expect(await problem(kalehe, OVERDUE_PAGE, { first: 0 })).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [expect.objectContaining({ field: 'first' })],
      });
    });
  });

  it('rebuilds its read model from the log to what it showed live', async () => {
    const before = await list(police);
    const details = await Promise.all(before.map((i) => one(police, i.investigationId)));
    expect(details.length).toBeGreaterThan(0);
    await platform.shutdown();

    const db = await openDatabase(platform.config);
    // Through the personal-data protection, as the platform and the projections tool read the log.
    const store = await openProtectedEventStore(db, platform.config);
    const runner = new ProjectionRunner(store, db, [...INVESTIGATION_PROJECTIONS]);
    expect(await runner.rebuild('investigations.case_work')).toBeGreaterThanOrEqual(9);
    await store.close();
    await db.close();

    await platform.start();
    expect(await list(police)).toEqual(before);
    expect(await Promise.all(before.map((i) => one(police, i.investigationId)))).toEqual(details);
  });
});
