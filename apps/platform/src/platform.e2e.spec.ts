import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { ProjectionRunner, SqlEventStore } from '@pamoja/event-store';
import { openDatabase } from '@pamoja/platform/store';
import { REFERRAL_PROJECTIONS } from '@pamoja/referrals/api';
import { formatKivuTime } from '@pamoja/contracts';
import {
  ACCEPT,
  ADULT_POLICE_CONSENT,
  ASSESS_SCREENING,
  COMPLETE,
  DECLINE,
  incoming,
  outgoing,
  RECORD_CONSENT,
  REFERRAL,
  REVOKE,
  submit,
  SUBMIT,
  submitAndAcceptHandoff,
  submitInput,
  WITHDRAW_CONSENT,
  type CommandPayload,
  type GraphqlTestClient,
  type ReferralViewResult,
  useTestPlatform,
} from '@pamoja/testing';
import { EmbeddedPlatformModule } from './app.module.js';

describe('embedded platform through its GraphQL API', () => {
  const platform = useTestPlatform({
    root: (config) => EmbeddedPlatformModule.forRoot(config),
    serviceName: 'pamoja-e2e',
  });
  const anonymous = platform.anonymous;
  const NGO = { agencyId: 'ngo-kivu-hope', agencyType: 'first_responder', roles: ['field_worker'] } as const;
  const ngo = platform.as(NGO);
  const police = platform.as({ agencyId: 'pnc-masisi', agencyType: 'police', roles: ['investigator'] });
  const otherPolice = platform.as({ agencyId: 'pnc-walikale', agencyType: 'police', roles: ['investigator'] });
  const coordinationBody = platform.as({
    userId: 'aplt-user',
    agencyId: 'aplt-nord-kivu',
    agencyType: 'coordination_body',
    roles: ['coordinator'],
  });
  const miningAuthority = platform.as({
    userId: 'saemape-user',
    agencyId: 'saemape-goma',
    agencyType: 'mining_authority',
    roles: ['inspector'],
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

  it('refuses integrators the case API: they get the integration feed only', async () => {
    const integrator = platform.as({
      userId: 'itsci-1',
      agencyId: 'itsci-like',
      agencyType: 'integrator',
      roles: ['feed'],
    });
    const read = await integrator.request(`{ jointCases { nodes { jointCaseId } } }`);
    expect(read.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const write = await integrator.request(SUBMIT, { input: submitInput() });
    expect(write.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
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
    const { referralId, revision } = await submit(ngo, submitInput());
    await police.ok(ACCEPT, { input: { commandId: randomUUID(), referralId, expectedRevision: revision } });
    const stale = await ngo.request(REVOKE, {
      input: { commandId: randomUUID(), referralId, expectedRevision: revision, reason: 'sent to the wrong unit' },
    });
    expect(stale.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      currentRevision: revision + 1,
      expectedRevision: revision,
    });
    const view = await ngo.ok<{ referral: { status: string; revision: number } }>(REFERRAL, { id: referralId });
    expect(view.referral).toMatchObject({ status: 'ACCEPTED', revision: revision + 1 });
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
    // Another police unit gets the answer an unknown id gets: a refusal must not confirm the referral exists.
    expect(wrongAgency.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND' });

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
    // Submitted with consent (revisions 0 and 1), accepted (2), completed (3).
    expect(done.completeReferral).toMatchObject({ status: 'COMPLETED', revision: 3 });

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

  it('refers a person not known to be a child to the police only with their own consent', async () => {
    const before = await outgoing(ngo);
    for (const input of [
      submitInput({ subject: { isChild: null }, consent: null }),
      submitInput({ subject: { isChild: false }, consent: { ...ADULT_POLICE_CONSENT, givenBy: 'GUARDIAN' } }),
      submitInput({ subject: {}, consent: { ...ADULT_POLICE_CONSENT, purposes: ['ASSISTANCE'] } }),
    ]) {
      const refused = await ngo.request(SUBMIT, { input });
      expect(refused.errors?.[0]?.extensions).toMatchObject({
        code: 'RULE_VIOLATION',
        rule: 'adult_consent_required_for_police',
      });
    }
    expect(await outgoing(ngo)).toEqual(before);

    const invalid = await ngo.request(SUBMIT, {
      input: submitInput({
        consent: { givenBy: 'SELF', agencyTypes: [], purposes: ['INVESTIGATION', 'INVESTIGATION'] },
      }),
    });
    expect(invalid.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const fields = (invalid.errors?.[0]?.extensions?.['fields'] as { field: string }[]).map((f) => f.field).sort();
    expect(fields).toEqual(['consent.agencyTypes', 'consent.purposes']);

    // A child goes to the police on child-protection grounds, without the child's consent.
    const child = await submit(ngo, submitInput({ subject: { isChild: true }, consent: null }));
    expect(child).toMatchObject({ status: 'SUBMITTED', revision: 0 });
    const view = await police.ok<{ referral: ReferralViewResult }>(REFERRAL, { id: child.referralId });
    expect(view.referral).toMatchObject({
      subjectIsChild: true,
      childProtectionBasis: true,
      consent: { active: false, agencyTypes: [], purposes: [], withdrawn: false, records: [] },
    });
  });

  it('tells a joint case the referral opened from one it joined, and shows the due time in Kivu time', async () => {
    const opened = await submit(ngo, submitInput());
    const joined = await submit(ngo, submitInput({ jointCaseId: opened.jointCaseId }));
    expect(joined.jointCaseId).toBe(opened.jointCaseId);
    const sent = await outgoing(ngo);
    const openedView = sent.find((r) => r.referralId === opened.referralId);
    expect(openedView).toMatchObject({ jointCase: 'OPENED' });
    expect(sent.find((r) => r.referralId === joined.referralId)).toMatchObject({ jointCase: 'JOINED' });
    expect(openedView?.dueByLocal).toBe(formatKivuTime(openedView?.dueBy ?? ''));
    expect(openedView?.dueByLocal).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} CAT$/);
  });

  it('screens a referral for trafficking: for a child the means element is not required', async () => {
    const { referralId } = await submit(ngo, submitInput({ subject: { isChild: true }, consent: null }));
    const screen = (client: GraphqlTestClient, input: Record<string, unknown>) =>
      client.request<{ assessTraffickingScreening: CommandPayload }>(ASSESS_SCREENING, {
        input: { commandId: randomUUID(), referralId, ...input },
      });

    const child = await screen(police, {
      acts: ['RECRUITMENT', 'TRANSPORT'],
      means: [],
      purposes: ['CHILD_LABOUR_WORST_FORMS'],
      personIsChild: true,
    });
    expect(child.errors).toBeUndefined();
    expect(child.data?.assessTraffickingScreening).toMatchObject({ status: 'SUBMITTED', revision: 1 });
    let view = (await police.ok<{ referral: ReferralViewResult }>(REFERRAL, { id: referralId })).referral;
    expect(view.screening).toMatchObject({
      result: 'INDICATES_TRAFFICKING',
      meansRequired: false,
      acts: ['RECRUITMENT', 'TRANSPORT'],
      means: [],
      purposes: ['CHILD_LABOUR_WORST_FORMS'],
      personIsChild: true,
      byAgencyId: 'pnc-masisi',
    });
    expect(view.screening?.explanation).toMatch(/means element is not required.*art\. 3\(c\)/);

    // The sending agency re-assesses: the latest screening is the one shown.
    await ngo.ok(ASSESS_SCREENING, {
      input: {
        commandId: randomUUID(),
        referralId,
        acts: ['RECRUITMENT'],
        means: [],
        purposes: ['FORCED_LABOUR'],
        personIsChild: false,
      },
    });
    view = (await ngo.ok<{ referral: ReferralViewResult }>(REFERRAL, { id: referralId })).referral;
    expect(view.screening).toMatchObject({
      result: 'DOES_NOT_INDICATE_TRAFFICKING',
      meansRequired: true,
      byAgencyId: 'ngo-kivu-hope',
    });
    expect(view.screening?.explanation).toContain('no means identified');

    const outsider = await screen(otherPolice, { acts: [], means: [], purposes: [], personIsChild: false });
    expect(outsider.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND' });
    const repeated = await screen(police, {
      acts: ['RECRUITMENT', 'RECRUITMENT'],
      means: [],
      purposes: [],
      personIsChild: true,
    });
    expect(repeated.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'acts' }] });
  });

  it('records and withdraws consent; the police cannot accept once consent to an investigation is withdrawn', async () => {
    const { referralId } = await submit(ngo, submitInput());
    const read = async () => (await police.ok<{ referral: ReferralViewResult }>(REFERRAL, { id: referralId })).referral;
    const policeConsentId = (await read()).consent.records[0]?.consentId;
    expect(policeConsentId).toEqual(expect.any(String));

    const prosecutorConsent = {
      commandId: randomUUID(),
      referralId,
      consentId: randomUUID(),
      givenBy: 'SELF',
      agencyTypes: ['PROSECUTOR'],
      purposes: ['PROSECUTION'],
    };
    // The person's consent is kept by the agency that met them: the receiver of the referral may not
    // record it for them, and nothing is written.
    const byReceiver = await police.request(RECORD_CONSENT, {
      input: { ...prosecutorConsent, commandId: randomUUID(), consentId: randomUUID() },
    });
    expect(byReceiver.errors?.[0]?.extensions).toMatchObject({
      code: 'RULE_VIOLATION',
      rule: 'only_consent_keeper',
    });
    expect((await read()).revision).toBe(1);
    const recorded = await ngo.ok<{ recordConsent: CommandPayload }>(RECORD_CONSENT, { input: prosecutorConsent });
    expect(recorded.recordConsent).toMatchObject({ revision: 2, replayed: false });
    const retried = await ngo.ok<{ recordConsent: CommandPayload }>(RECORD_CONSENT, { input: prosecutorConsent });
    expect(retried.recordConsent).toMatchObject({ revision: 2, replayed: true });

    const withdrawn = await ngo.ok<{ withdrawConsent: CommandPayload }>(WITHDRAW_CONSENT, {
      input: { commandId: randomUUID(), referralId, consentId: policeConsentId, reason: 'She fears reprisals' },
    });
    expect(withdrawn.withdrawConsent).toMatchObject({ status: 'SUBMITTED', revision: 3 });
    const view = await read();
    expect(view.consent).toMatchObject({
      active: true,
      agencyTypes: ['PROSECUTOR'],
      purposes: ['PROSECUTION'],
      withdrawn: true,
    });
    expect(view.consent.records.map((r) => [r.consentId, r.withdrawnAt !== null])).toEqual([
      [policeConsentId, true],
      [prosecutorConsent.consentId, false],
    ]);

    const accept = await police.request(ACCEPT, { input: { commandId: randomUUID(), referralId } });
    expect(accept.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'consent_withdrawn' });
    const again = await ngo.request(WITHDRAW_CONSENT, {
      input: { commandId: randomUUID(), referralId, consentId: policeConsentId },
    });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'consent_already_withdrawn' });
    const unknown = await ngo.request(WITHDRAW_CONSENT, {
      input: { commandId: randomUUID(), referralId, consentId: randomUUID() },
    });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'consent_unknown' });
    const outsider = await otherPolice.request(WITHDRAW_CONSENT, {
      input: { commandId: randomUUID(), referralId, consentId: prosecutorConsent.consentId },
    });
    expect(outsider.errors?.[0]?.extensions).toEqual({ code: 'NOT_FOUND' });
    // Nor may the receiver, a party, withdraw what the person agreed to.
    const receiver = await police.request(WITHDRAW_CONSENT, {
      input: { commandId: randomUUID(), referralId, consentId: prosecutorConsent.consentId },
    });
    expect(receiver.errors?.[0]?.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'only_consent_keeper' });
    const kept = (await read()).consent.records.find((r) => r.consentId === prosecutorConsent.consentId);
    expect(kept?.withdrawnAt).toBeNull();
    expect((await read()).status).toBe('SUBMITTED');
  });

  it('flags an unanswered referral as overdue once its due time passes', async () => {
    const { referralId } = await submit(ngo, submitInput({ dueBy: new Date(Date.now() + 1500).toISOString() }));
    expect((await incoming(police, { overdue: true })).map((r) => r.referralId)).not.toContain(referralId);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const overdue = await incoming(police, { overdue: true });
    expect(overdue.find((r) => r.referralId === referralId)).toMatchObject({ overdue: true, status: 'SUBMITTED' });

    // The platform records the miss once, by itself, and escalates it to the coordination body.
    const deadline = Date.now() + 15_000;
    let missed = false;
    while (!missed && Date.now() < deadline) {
      const view = await police.ok<{ referral: { deadlineMissed: boolean; revision: number } }>(REFERRAL, {
        id: referralId,
      });
      missed = view.referral.deadlineMissed;
      if (!missed) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(missed).toBe(true);
    // The escalation is the coordination body's to chase (the access policy gives nobody else the list).
    const coordination = coordinationBody;
    const { escalations } = await coordination.ok<{
      escalations: { nodes: { subjectId: string; kind: string; agencyId: string; resolvedAt: string | null }[] };
    }>(`{ escalations { nodes { subjectId kind agencyId resolvedAt } } }`);
    expect(escalations.nodes.filter((e) => e.subjectId === referralId)).toEqual([
      { subjectId: referralId, kind: 'ReferralDeadlineMissed', agencyId: 'pnc-masisi', resolvedAt: null },
    ]);

    // A late answer is still taken, and resolves the escalation.
    await police.ok(ACCEPT, { input: { commandId: randomUUID(), referralId } });
    const after = await coordination.ok<{
      escalations: { nodes: { subjectId: string; resolvedAt: string | null }[] };
    }>(`{ escalations(filter: { openOnly: false }) { nodes { subjectId resolvedAt } } }`);
    expect(after.escalations.nodes.find((e) => e.subjectId === referralId)?.resolvedAt).not.toBeNull();
  });

  it('shows each agency its part of a joint case in one query: the referrals and the investigations', async () => {
    const referral = await submit(ngo, submitInput());
    const jointCaseId = referral.jointCaseId ?? '';
    await police.ok(ACCEPT, { input: { commandId: randomUUID(), referralId: referral.referralId } });
    const opened = await police.ok<{ openInvestigation: { investigationId: string } }>(
      `mutation($input: OpenInvestigationInput!) { openInvestigation(input: $input) { investigationId } }`,
      {
        input: {
          commandId: randomUUID(),
          jointCaseId,
          referralId: referral.referralId,
          siteCode: 'NK-MAS-014',
          offences: ['FORCED_LABOUR'],
          leadOfficerId: 'opj-kasongo',
        },
      },
    );
    const { investigationId } = opened.openInvestigation;
    const parts = 'jointCaseId referrals { referralId status } investigations { investigationId leadAgencyId }';
    const viewOf = async (client: GraphqlTestClient) => {
      const data = await client.ok<{
        jointCase: {
          jointCaseId: string;
          referrals: { referralId: string }[];
          investigations: { investigationId: string }[];
        };
      }>(`query($id: ID!) { jointCase(jointCaseId: $id) { ${parts} } }`, { id: jointCaseId });
      return {
        referrals: data.jointCase.referrals.map((r) => r.referralId),
        investigations: data.jointCase.investigations.map((i) => i.investigationId),
      };
    };
    const coordination = coordinationBody;
    const mining = miningAuthority;
    const notFound = async (client: GraphqlTestClient) =>
      (await client.request(`query($id: ID!) { jointCase(jointCaseId: $id) { jointCaseId } }`, { id: jointCaseId }))
        .errors?.[0]?.extensions?.code;
    // Agencies nobody brought into the case learn nothing of it, not even that it exists.
    expect(await notFound(otherPolice)).toBe('NOT_FOUND');
    expect(await notFound(mining)).toBe('NOT_FOUND');
    // The coordination body admits the police station of the territory the suspects moved to.
    await coordination.ok(`mutation($input: AdmitCasePartyInput!) { admitCaseParty(input: $input) { decisionId } }`, {
      input: {
        commandId: randomUUID(),
        jointCaseId,
        agencyId: 'pnc-walikale',
        agencyType: 'POLICE',
        reason: 'JURISDICTION',
        note: 'The recruiters moved to Walikale territory.',
      },
    });
    const both = { referrals: [referral.referralId], investigations: [investigationId] };
    expect(await viewOf(coordination)).toEqual(both);
    expect(await viewOf(police)).toEqual(both);
    // The NGO sent the referral but is no party to the investigation (outside the justice chain); the
    // admitted police station is the reverse.
    expect(await viewOf(ngo)).toEqual({ referrals: [referral.referralId], investigations: [] });
    expect(await viewOf(otherPolice)).toEqual({ referrals: [], investigations: [investigationId] });
    expect(await notFound(mining)).toBe('NOT_FOUND');
    // The same parts through case(id).
    const viaCase = await coordination.ok<{ case: { referrals: { status: string }[] } }>(
      `query($id: ID!) { case(id: $id) { ${parts} } }`,
      { id: jointCaseId },
    );
    expect(viaCase.case.referrals).toEqual([{ referralId: referral.referralId, status: 'ACCEPTED' }]);
  });

  it('answers malformed queries and unknown enum values as errors of the client, not internal ones', async () => {
    const unknownField = await police.request(`{ incomingReferrals { noSuchField } }`);
    expect(unknownField.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const unknownType = await police.request(`query($x: NoSuchType) { incomingReferrals { nodes { referralId } } }`, {
      x: 1,
    });
    expect(unknownType.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const unknownEnum = await ngo.request(SUBMIT, { input: submitInput({ urgency: 'WHENEVER' }) });
    expect(unknownEnum.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const parse = await police.request(`{ incomingReferrals { `);
    expect(parse.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('treats ids as case-insensitive, as UUIDs are', async () => {
    const { referralId } = await submit(ngo, submitInput());
    const shouted = await police.ok<{ referral: { referralId: string } }>(REFERRAL, { id: referralId.toUpperCase() });
    expect(shouted.referral.referralId).toBe(referralId);
  });

  it('reports its health', async () => {
    const response = await fetch(`${platform.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
  });

  it('keeps everything across a restart, and a rebuilt read model equals the live one', async () => {
    // One more referral sent with the caller's own correlation id, to follow it into the log.
    const correlationId = randomUUID();
    const input = submitInput();
    const response = await fetch(platform.graphqlUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await platform.tokenFor(NGO)}`,
        'x-correlation-id': correlationId,
      },
      body: JSON.stringify({ query: SUBMIT, variables: { input } }),
    });
    expect(response.headers.get('x-correlation-id')).toBe(correlationId);
    const { data } = (await response.json()) as { data: { submitReferral: CommandPayload } };
    const before = await outgoing(ngo, { first: 200 });
    const queueBefore = await incoming(police, { first: 200 });
    expect(before.length).toBeGreaterThan(5);
    await platform.shutdown();

    // Rebuild from position 0 while the platform is down, as the command-line tool does.
    const db = await openDatabase(platform.config);
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

    await platform.start();
    const after = await outgoing(ngo, { first: 200 });
    expect(after).toEqual(
      before.map((r) => ({ ...r, overdue: after.find((a) => a.referralId === r.referralId)?.overdue })),
    );
    expect((await incoming(police, { first: 200 })).map((r) => r.referralId).sort()).toEqual(
      queueBefore.map((r) => r.referralId).sort(),
    );
  });
});
