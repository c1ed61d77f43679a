import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ProjectionRunner, SqlEventStore } from '@pamoja/event-store';
import {
  issueDevToken,
  loadConfig,
  loadOrCreateDevIssuer,
  openDatabase,
  startService,
  type PlatformConfig,
  type StartedService,
} from '@pamoja/platform';
import { REFERRAL_PROJECTIONS } from '@pamoja/referrals/api';
import {
  ACCEPT,
  COMPLETE,
  DECLINE,
  GraphqlTestClient,
  incoming,
  outgoing,
  REFERRAL,
  REVOKE,
  submit,
  SUBMIT,
  submitAndAcceptHandoff,
  submitInput,
  type CommandPayload,
} from '@pamoja/testing';
import { EmbeddedPlatformModule } from './app.module.js';

describe('embedded platform through its GraphQL API', () => {
  let dataDir: string;
  let config: PlatformConfig;
  let service: StartedService;
  let anonymous: GraphqlTestClient;
  let ngo: GraphqlTestClient;
  let police: GraphqlTestClient;
  let otherPolice: GraphqlTestClient;
  const tokens: Record<string, string> = {};

  async function start(): Promise<void> {
    service = await startService(EmbeddedPlatformModule.forRoot(config), config, { handleSignals: false });
    anonymous = new GraphqlTestClient(`${service.url}/graphql`);
    ngo = anonymous.as(tokens['ngo']);
    police = anonymous.as(tokens['police']);
    otherPolice = anonymous.as(tokens['otherPolice']);
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pamoja-e2e-'));
    config = loadConfig(
      { PAMOJA_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' },
      {
        mode: 'embedded',
        serviceName: 'pamoja-e2e',
      },
    );
    const keys = await loadOrCreateDevIssuer(dataDir);
    const token = (agencyId: string, agencyType: 'first_responder' | 'police', role: string) =>
      issueDevToken(keys, { userId: `${agencyId}-user`, agencyId, agencyType, roles: [role] });
    tokens['ngo'] = await token('ngo-kivu-hope', 'first_responder', 'field_worker');
    tokens['police'] = await token('pnc-masisi', 'police', 'investigator');
    tokens['otherPolice'] = await token('pnc-walikale', 'police', 'investigator');
    await start();
  });

  afterAll(async () => {
    await service.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses requests without a valid token', async () => {
    const missing = await anonymous.request(SUBMIT, { input: submitInput() });
    expect(missing.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await anonymous
      .as('eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl')
      .request(SUBMIT, { input: submitInput() });
    expect(forged.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await outgoing(ngo)).toEqual([]);
  });

  it('hands a referral off from a first responder to the police', async () => {
    await submitAndAcceptHandoff(ngo, police);
  });

  it('answers a retried command with the first result and stores nothing twice', async () => {
    const input = submitInput();
    const first = await submit(ngo, input);
    const retry = await submit(ngo, input);
    expect(retry).toEqual({ ...first, replayed: true });
    const sent = await outgoing(ngo);
    expect(sent.filter((r) => r.referralId === first.referralId)).toHaveLength(1);

    const reused = await ngo.request(SUBMIT, { input: { ...input, summary: 'a different report' } });
    expect(reused.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'commandId', reason: expect.stringContaining('different command') }],
    });
  });

  it('refuses invalid input naming each field, and changes nothing', async () => {
    const before = await outgoing(ngo);
    const result = await ngo.request(SUBMIT, {
      input: submitInput({ commandId: 'not-a-uuid', site: { code: 'Masisi pit 3' }, summary: '', toAgencyId: 'X' }),
    });
    const error = result.errors?.[0];
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (error?.extensions?.['fields'] as { field: string }[]).map((f) => f.field).sort();
    expect(fields).toEqual(['commandId', 'site.code', 'summary', 'toAgencyId']);
    expect(JSON.stringify(result.errors)).not.toMatch(/stacktrace|at .*\.js:\d+/);

    const past = await ngo.request(SUBMIT, { input: submitInput({ dueBy: '2020-01-01T00:00:00Z' }) });
    expect(past.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'dueBy' }] });
    expect(await outgoing(ngo)).toEqual(before);
  });

  it('refuses to act on stale data with a conflict that shows the current revision', async () => {
    const { referralId } = await submit(ngo, submitInput());
    await police.ok(ACCEPT, { input: { commandId: randomUUID(), referralId, expectedRevision: 0 } });
    const stale = await ngo.request(REVOKE, {
      input: { commandId: randomUUID(), referralId, expectedRevision: 0, reason: 'sent to the wrong unit' },
    });
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', currentRevision: 1, expectedRevision: 0 });
    const view = await ngo.ok<{ referral: { status: string; revision: number } }>(REFERRAL, { id: referralId });
    expect(view.referral).toMatchObject({ status: 'ACCEPTED', revision: 1 });
  });

  it('enforces the handoff rules of the domain', async () => {
    const revoked = await submit(ngo, submitInput());
    await ngo.ok(REVOKE, { input: { commandId: randomUUID(), referralId: revoked.referralId, reason: 'duplicate' } });
    const acceptRevoked = await police.request(ACCEPT, {
      input: { commandId: randomUUID(), referralId: revoked.referralId },
    });
    expect(acceptRevoked.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'referral_revoked' });

    const notMine = await submit(ngo, submitInput());
    const wrongAgency = await otherPolice.request(ACCEPT, {
      input: { commandId: randomUUID(), referralId: notMine.referralId },
    });
    expect(wrongAgency.errors?.[0]?.extensions).toMatchObject({
      code: 'RULE_VIOLATION',
      rule: 'only_receiving_agency',
    });

    const unknown = await police.request(ACCEPT, { input: { commandId: randomUUID(), referralId: randomUUID() } });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const unknownRead = await police.request(REFERRAL, { id: randomUUID() });
    expect(unknownRead.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // A referral is visible to its two agencies only; to a third it does not exist.
    const thirdParty = await otherPolice.request(REFERRAL, { id: notMine.referralId });
    expect(thirdParty.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const party = await police.ok<{ referral: { status: string } }>(REFERRAL, { id: notMine.referralId });
    expect(party.referral.status).toBe('SUBMITTED');
  });

  it('follows a referral to its end: declined with a reason, or accepted and completed', async () => {
    const declined = await submit(ngo, submitInput());
    await police.ok(DECLINE, {
      input: { commandId: randomUUID(), referralId: declined.referralId, reason: 'Outside our territory: Walikale' },
    });
    const completed = await submit(ngo, submitInput());
    await police.ok(ACCEPT, { input: { commandId: randomUUID(), referralId: completed.referralId } });
    const done = await police.ok<{ completeReferral: CommandPayload }>(COMPLETE, {
      input: { commandId: randomUUID(), referralId: completed.referralId, outcome: 'Investigation opened' },
    });
    expect(done.completeReferral).toMatchObject({ status: 'COMPLETED', revision: 2 });

    const sent = await outgoing(ngo);
    expect(sent.find((r) => r.referralId === declined.referralId)).toMatchObject({
      status: 'DECLINED',
      statusReason: 'Outside our territory: Walikale',
    });
    expect(sent.find((r) => r.referralId === completed.referralId)).toMatchObject({
      status: 'COMPLETED',
      statusReason: 'Investigation opened',
    });
    const declinedOnly = await incoming(police, { status: 'DECLINED' });
    expect(declinedOnly.map((r) => r.referralId)).toEqual([declined.referralId]);
  });

  it('flags an unanswered referral as overdue once its due time passes', async () => {
    const { referralId } = await submit(ngo, submitInput({ dueBy: new Date(Date.now() + 1500).toISOString() }));
    expect((await incoming(police, { overdueOnly: true })).map((r) => r.referralId)).not.toContain(referralId);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const overdue = await incoming(police, { overdueOnly: true });
    expect(overdue.find((r) => r.referralId === referralId)).toMatchObject({ overdue: true, status: 'SUBMITTED' });
  });

  it('reports its health', async () => {
    const response = await fetch(`${service.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('keeps everything across a restart, and a rebuilt read model equals the live one', async () => {
    // One more referral sent with the caller's own correlation id, to follow it into the log.
    const correlationId = randomUUID();
    const input = submitInput();
    const response = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${tokens['ngo'] ?? ''}`,
        'x-correlation-id': correlationId,
      },
      body: JSON.stringify({ query: SUBMIT, variables: { input } }),
    });
    expect(response.headers.get('x-correlation-id')).toBe(correlationId);
    const { data } = (await response.json()) as { data: { submitReferral: CommandPayload } };
    const before = await outgoing(ngo, { first: 200 });
    const queueBefore = await incoming(police, { first: 200 });
    expect(before.length).toBeGreaterThan(5);
    await service.stop();

    // Rebuild from position 0 while the platform is down, as the command-line tool does.
    const db = await openDatabase(config);
    const store = await SqlEventStore.open(db);
    const runner = new ProjectionRunner(store, db, [...REFERRAL_PROJECTIONS]);
    const progress: number[] = [];
    const replayed = await runner.rebuild('referrals.handoffs', (p) => progress.push(p.processed));
    expect(replayed).toBeGreaterThanOrEqual(before.length);
    expect(progress.at(-1)).toBe(replayed);
    const [submitted] = await store.readStream(`referral-${data.submitReferral.referralId}`);
    expect(submitted?.metadata).toMatchObject({
      actor: {
        userId: 'ngo-kivu-hope-user',
        agencyId: 'ngo-kivu-hope',
        agencyType: 'first_responder',
        roles: ['field_worker'],
      },
      correlationId,
      causationId: input['commandId'],
      commandId: input['commandId'],
      jointCaseId: data.submitReferral.jointCaseId,
    });
    await store.close();
    await db.close();

    await start();
    const after = await outgoing(ngo, { first: 200 });
    expect(after).toEqual(
      before.map((r) => ({ ...r, overdue: after.find((a) => a.referralId === r.referralId)?.overdue })),
    );
    expect((await incoming(police, { first: 200 })).map((r) => r.referralId).sort()).toEqual(
      queueBefore.map((r) => r.referralId).sort(),
    );
  });
});
