import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Module, type DynamicModule } from '@nestjs/common';
import { type AgencyType } from '@pamoja/contracts';
import { ProjectionRunner, SqlEventStore } from '@pamoja/event-store';
import {
  CASE_FILE_DEADLINE_WATCHER,
  RecordCaseFileAcknowledgedCommand,
  RecordCaseFileDeadlineMissedCommand,
  type InvestigationCommandResult,
} from '@pamoja/investigations/application';
import {
  CommandSender,
  issueDevToken,
  loadConfig,
  loadOrCreateDevIssuer,
  openDatabase,
  PlatformModule,
  Projections,
  startService,
  type PlatformConfig,
  type StartedService,
} from '@pamoja/platform';
import { GraphqlTestClient } from '@pamoja/testing';
import { INVESTIGATION_PROJECTIONS, InvestigationsModule } from './investigations.module.js';

@Module({})
class InvestigationsTestModule {
  static forRoot(config: PlatformConfig): DynamicModule {
    return { module: InvestigationsTestModule, imports: [PlatformModule.forRoot(config), InvestigationsModule] };
  }
}

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
const LIST = `query List($filter: InvestigationListFilter) { investigations(filter: $filter) { ${SUMMARY} } }`;
const ONE = `query One($id: ID!) { investigation(investigationId: $id) { ${SUMMARY}
  evidence { evidenceId kind sha256 custodian { agencyId officerId }
    custodyChain { from { agencyId officerId } to { agencyId officerId } reason } }
  suspects { suspectId role alias name dateOfBirth }
  arrests { suspectId location legalBasis }
  caseFiles { ${CASE_FILE} } } }`;
const OVERDUE = `query Overdue { overdueCaseFileTransmissions { ${CASE_FILE} } }`;

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

describe('investigations through the GraphQL API', () => {
  let dataDir: string;
  let config: PlatformConfig;
  let service: StartedService;
  let police: GraphqlTestClient;
  let prosecutor: GraphqlTestClient;
  let ngo: GraphqlTestClient;

  async function start(): Promise<void> {
    service = await startService(InvestigationsTestModule.forRoot(config), config, { handleSignals: false });
    const anonymous = new GraphqlTestClient(`${service.url}/graphql`);
    police = anonymous.as(tokens['police']);
    prosecutor = anonymous.as(tokens['prosecutor']);
    ngo = anonymous.as(tokens['ngo']);
  }
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pamoja-investigations-e2e-'));
    config = loadConfig(
      { PAMOJA_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' },
      { mode: 'embedded', serviceName: 'investigations-e2e' },
    );
    const keys = await loadOrCreateDevIssuer(dataDir);
    const token = (agencyId: string, agencyType: AgencyType) =>
      issueDevToken(keys, { userId: `${agencyId}-user`, agencyId, agencyType, roles: [] });
    tokens['police'] = await token(POLICE, 'police');
    tokens['prosecutor'] = await token(OFFICE, 'prosecutor');
    tokens['ngo'] = await token('ngo-kivu-hope', 'first_responder');
    await start();
  });

  afterAll(async () => {
    await service.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const one = async (client: GraphqlTestClient, id: string) =>
    (await client.ok<{ investigation: Investigation }>(ONE, { id })).investigation;
  const overdue = async (client: GraphqlTestClient) =>
    (await client.ok<{ overdueCaseFileTransmissions: CaseFile[] }>(OVERDUE)).overdueCaseFileTransmissions;
  const send = (command: RecordCaseFileDeadlineMissedCommand | RecordCaseFileAcknowledgedCommand) =>
    service.app.get(CommandSender).send<InvestigationCommandResult>(command);

  it('walks an investigation from opening to an acknowledged case file', async () => {
    const jointCaseId = randomUUID();
    const openInput = {
      commandId: randomUUID(),
      jointCaseId,
      referralId: 'ref-0001',
      siteCode: 'NK-MAS-014',
      offences: ['FORCED_LABOUR', 'CHILD_LABOUR'],
      leadOfficerId: 'opj-kasongo',
    };

    // Only the police open investigations.
    const byNgo = await ngo.request(OPEN, { input: { ...openInput, commandId: randomUUID() } });
    expect(byNgo.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'only_police' });

    const opened = (await police.ok<{ openInvestigation: Payload }>(OPEN, { input: openInput })).openInvestigation;
    expect(opened).toMatchObject({ jointCaseId, status: 'OPEN', revision: 0, replayed: false });
    const id = opened.investigationId;
    // A retried command answers as the first time and opens nothing twice.
    const retried = (await police.ok<{ openInvestigation: Payload }>(OPEN, { input: openInput })).openInvestigation;
    expect(retried).toEqual({ ...opened, replayed: true });
    const mine = (await police.ok<{ investigations: Investigation[] }>(LIST)).investigations;
    expect(mine.filter((i) => i.investigationId === id)).toEqual([
      expect.objectContaining({ status: 'OPEN', evidenceCount: 0, suspectCount: 0, leadAgencyId: POLICE }),
    ]);
    expect((await ngo.ok<{ investigations: Investigation[] }>(LIST)).investigations).toEqual([]);

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
        suspectIds: ['sus-x'],
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
        suspectId: 'sus-x',
        arrestedAt: new Date().toISOString(),
        location: 'Goma',
        legalBasis: 'Warrant 13/2025',
      },
    });
    expect(unknownArrest.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'suspect_unknown' });

    // Personal data: police and prosecutors see it, other agencies get null.
    expect((await one(police, id)).suspects).toEqual([
      { suspectId, role: 'EXPLOITER', alias: 'Chef Bosco', name: 'Bosco Fictif', dateOfBirth: '1980-05-17' },
    ]);
    expect((await one(prosecutor, id)).suspects[0]).toMatchObject({ name: 'Bosco Fictif', dateOfBirth: '1980-05-17' });
    expect((await one(ngo, id)).suspects).toEqual([
      { suspectId, role: 'EXPLOITER', alias: 'Chef Bosco', name: null, dateOfBirth: null },
    ]);

    // Transmit with a due time about to pass, then close the investigation on it.
    const dueBy = new Date(Date.now() + 1500);
    const transmitted = (
      await police.ok<{ transmitCaseFile: Payload }>(TRANSMIT, {
        input: { ...transmitInput, commandId: randomUUID(), suspectIds: [suspectId], dueBy: dueBy.toISOString() },
      })
    ).transmitCaseFile;
    const caseFileId = transmitted.caseFileId ?? '';
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
    expect(await overdue(ngo)).toEqual([]);

    // The platform's watcher escalates the miss once; a second request records nothing.
    await service.app.get(Projections).checkDeadlines();
    const again = await send(
      new RecordCaseFileDeadlineMissedCommand(id, caseFileId, {
        commandId: randomUUID(),
        actor: CASE_FILE_DEADLINE_WATCHER,
        correlationId: randomUUID(),
        now: new Date(),
      }),
    );
    expect(again.position).toBeUndefined();
    const escalated = await one(police, id);
    expect(escalated.caseFiles[0]).toMatchObject({
      status: 'DEADLINE_MISSED',
      overdue: true,
      escalatedTo: 'coordination_body',
    });
    expect(escalated.revision).toBe(again.revision);

    // The office acknowledges late: the handoff is no longer overdue.
    const context = { actor: CASE_FILE_DEADLINE_WATCHER, correlationId: randomUUID(), now: new Date() };
    await expect(
      send(
        new RecordCaseFileAcknowledgedCommand(id, caseFileId, context.now, 'parquet-bukavu', {
          ...context,
          commandId: randomUUID(),
        }),
      ),
    ).rejects.toMatchObject({ code: 'RULE_VIOLATION', rule: 'only_receiving_office' });
    await send(
      new RecordCaseFileAcknowledgedCommand(id, caseFileId, context.now, OFFICE, {
        ...context,
        commandId: randomUUID(),
      }),
    );
    expect((await one(police, id)).caseFiles[0]).toMatchObject({
      status: 'ACKNOWLEDGED',
      overdue: false,
      acknowledgedByAgencyId: OFFICE,
    });
    expect(await overdue(police)).toEqual([]);
  });

  it('rebuilds its read model from the log to what it showed live', async () => {
    const before = (await police.ok<{ investigations: Investigation[] }>(LIST)).investigations;
    const details = await Promise.all(before.map((i) => one(police, i.investigationId)));
    expect(details.length).toBeGreaterThan(0);
    await service.stop();

    const db = await openDatabase(config);
    const store = await SqlEventStore.open(db);
    const runner = new ProjectionRunner(store, db, [...INVESTIGATION_PROJECTIONS]);
    expect(await runner.rebuild('investigations.case_work')).toBeGreaterThanOrEqual(9);
    await store.close();
    await db.close();

    await start();
    expect((await police.ok<{ investigations: Investigation[] }>(LIST)).investigations).toEqual(before);
    expect(await Promise.all(before.map((i) => one(police, i.investigationId)))).toEqual(details);
  });
});
