import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { type Actor } from '@pamoja/contracts';
import { issueDevToken } from '@pamoja/platform/auth';
import { GraphqlClient, type GraphqlErrorBody } from '@pamoja/platform/graphql';
import { Feed, submitInput, useTestPlatform } from '@pamoja/testing';
import { EmbeddedPlatformModule } from './app.module.js';

/**
 * The agency directory as the coordination body keeps it and as an outsider tries to get around it: a
 * token of an agency that is not in it, a type the token claims, a referral to a typo, a suspended agency
 * over HTTP and over WebSocket. Fictional agencies only.
 */

const COORDINATOR: Actor = {
  userId: 'cb-1',
  agencyId: 'aplt-nk',
  agencyType: 'coordination_body',
  roles: ['coordinator'],
};
const SECRETARIAT: Actor = { ...COORDINATOR, userId: 'cb-2', roles: ['secretariat'] };
const FIELD: Actor = {
  userId: 'fr-1',
  agencyId: 'ngo-kivu-hope',
  agencyType: 'first_responder',
  roles: ['field_worker'],
};

const AGENCY = `agencyId name agencyType province territory parentAgencyId contact { email phone } status
  suspendedAt suspensionReason`;
const REGISTER = `mutation($input: RegisterAgencyInput!) { registerAgency(input: $input) { agency { ${AGENCY} } replayed } }`;
const SUSPEND = `mutation($input: SuspendAgencyInput!) { suspendAgency(input: $input) { agency { ${AGENCY} } } }`;
const REINSTATE = `mutation($input: ReinstateAgencyInput!) { reinstateAgency(input: $input) { agency { status } } }`;
const AGENCIES = `query($filter: AgencyFilterInput) { agencies(filter: $filter) { agencyId name agencyType status } }`;
const SUBMIT = `mutation($input: SubmitReferralInput!) { submitReferral(input: $input) { referralId jointCaseId } }`;
const REFERRAL = `query($id: ID!) { referral(referralId: $id) { toAgencyId toAgency { name agencyType province }
  fromAgency { name } } }`;
const OUTGOING = `{ outgoingReferrals(filter: { first: 100 }) { nodes { referralId } } }`;
const SCHEDULE = `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { meetingId } }`;
const AGENDA = `query($id: ID!) { meeting(meetingId: $id) { agenda {
  suspendedAgencyHandoffs { referralId suspendedAgencyId toAgencyId toAgency { name status } } } } }`;

interface AgencyView {
  agencyId: string;
  name: string;
  agencyType: string;
  province: string | null;
  territory: string | null;
  parentAgencyId: string | null;
  contact: { email: string | null; phone: string | null };
  status: string;
  suspendedAt: string | null;
  suspensionReason: string | null;
}

describe('the agency directory', () => {
  const platform = useTestPlatform(
    {
      root: (config) => EmbeddedPlatformModule.forRoot(config),
      serviceName: 'pamoja-directory-e2e',
      env: { PAMOJA_RATE_LIMIT_PER_MINUTE: '0' },
    },
    180_000,
  );
  const as = (actor: Actor) => platform.as(actor);
  /** A token the development issuer signs without registering anything: what an outsider would forge. */
  const rawToken = (actor: Actor) => issueDevToken(platform.keys, actor, { audience: platform.config.auth.audience });
  const withToken = async (actor: Actor) => new GraphqlClient(platform.graphqlUrl, await rawToken(actor));
  const register = (input: Record<string, unknown>) =>
    as(COORDINATOR).ok<{ registerAgency: { agency: AgencyView; replayed: boolean } }>(REGISTER, {
      input: { commandId: randomUUID(), ...input },
    });
  const firstError = async (actor: Actor, query: string, variables: Record<string, unknown>) =>
    (await as(actor).request(query, variables)).errors?.[0]?.extensions;

  it('is registered by the coordination body: the new agency can sign in and be sent a case at once', async () => {
    const { registerAgency } = await register({
      agencyId: 'pnc-walikale',
      agencyType: 'POLICE',
      name: '  PNC – Commissariat de Walikale ',
      province: 'NORTH_KIVU',
      territory: 'walikale',
      parentAgencyId: 'pnc-nk',
      contact: { email: 'walikale@pnc.example', phone: '+243 970 000 222' },
    });
    expect(registerAgency.agency).toEqual({
      agencyId: 'pnc-walikale',
      name: 'PNC – Commissariat de Walikale',
      agencyType: 'POLICE',
      province: 'NORTH_KIVU',
      territory: 'walikale',
      parentAgencyId: 'pnc-nk',
      contact: { email: 'walikale@pnc.example', phone: '+243 970 000 222' },
      status: 'ACTIVE',
      suspendedAt: null,
      suspensionReason: null,
    });
    const walikale: Actor = { userId: 'w-1', agencyId: 'pnc-walikale', agencyType: 'police', roles: ['investigator'] };
    const client = await withToken(walikale);
    expect((await client.request('{ incomingReferrals { nodes { referralId } } }')).errors).toBeUndefined();

    const { submitReferral } = await as(FIELD).ok<{ submitReferral: { referralId: string } }>(SUBMIT, {
      input: submitInput({ toAgencyId: 'pnc-walikale', toAgencyType: 'POLICE' }),
    });
    const { referral } = await as(FIELD).ok<{ referral: unknown }>(REFERRAL, { id: submitReferral.referralId });
    expect(referral).toEqual({
      toAgencyId: 'pnc-walikale',
      toAgency: { name: 'PNC – Commissariat de Walikale', agencyType: 'POLICE', province: 'NORTH_KIVU' },
      fromAgency: { name: 'Kivu Hope – équipe mobile de Masisi' },
    });
    const { agencies } = await as(FIELD).ok<{ agencies: { agencyId: string }[] }>(AGENCIES, {
      filter: { agencyType: 'POLICE', province: 'NORTH_KIVU' },
    });
    expect(agencies.map((a) => a.agencyId)).toEqual(expect.arrayContaining(['pnc-walikale', 'pnc-masisi']));
    expect(agencies.map((a) => a.agencyId)).not.toContain('pnc-fizi');
  });

  it('refuses bad input naming every field, and anyone but a coordinator', async () => {
    const input = {
      commandId: randomUUID(),
      agencyId: 'ngo-new',
      agencyType: 'ASSISTANCE_PROVIDER',
      name: ' ',
      province: 'SOUTH_KIVU',
      territory: 'masisi',
      parentAgencyId: 'ngo-nowhere',
    };
    const refused = await firstError(COORDINATOR, REGISTER, { input });
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT' });
    // Every field at once: the input's own problems and the directory's.
    expect(refused?.['fields']).toEqual(
      expect.arrayContaining([
        { field: 'name', reason: 'is required' },
        { field: 'territory', reason: 'is not a territory of south_kivu' },
        { field: 'parentAgencyId', reason: 'ngo-nowhere is not an agency in the directory' },
      ]),
    );
    expect(refused?.['fields']).toHaveLength(3);
    const noParent = await firstError(COORDINATOR, REGISTER, { input: { ...input, name: 'New', territory: 'uvira' } });
    expect(noParent).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'parentAgencyId', reason: 'ngo-nowhere is not an agency in the directory' }],
    });
    const valid = { ...input, name: 'New', territory: 'uvira', parentAgencyId: null };
    expect(await firstError(SECRETARIAT, REGISTER, { input: valid })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await firstError(FIELD, REGISTER, { input: valid })).toMatchObject({ code: 'FORBIDDEN' });
    expect(await firstError(COORDINATOR, REGISTER, { input: { ...valid, agencyId: 'pnc-masisi' } })).toMatchObject({
      code: 'RULE_VIOLATION',
      rule: 'agency_already_registered',
    });
    const { agencies } = await as(FIELD).ok<{ agencies: { agencyId: string }[] }>(AGENCIES, {});
    expect(agencies.map((a) => a.agencyId)).not.toContain('ngo-new');
  });

  it('refuses a token of an agency it does not know, over HTTP and WebSocket', async () => {
    const stranger: Actor = {
      userId: 'x-1',
      agencyId: 'ngo-forged',
      agencyType: 'coordination_body',
      roles: ['coordinator'],
    };
    const { errors } = await (await withToken(stranger)).request(AGENCIES, {});
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(errors?.[0]?.message).toContain('ngo-forged is not in the agency directory');
    const overWs = await viaWebSocket(await rawToken(stranger), AGENCIES);
    expect(overWs[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('takes the agency type from the directory, not from the token', async () => {
    // A first responder's token that claims to be the coordination body, with a coordinator's role.
    const claimsMore: Actor = { ...FIELD, userId: 'fr-2', agencyType: 'coordination_body', roles: ['coordinator'] };
    const client = await withToken(claimsMore);
    const { errors } = await client.request(REGISTER, {
      input: { commandId: randomUUID(), agencyId: 'ngo-sneaky', agencyType: 'POLICE', name: 'Sneaky' },
    });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    const { errors: escalations } = await client.request('{ escalations { nodes { escalationId } } }');
    expect(escalations?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses a referral to an agency that is not in it, or not of the stated type, or from an unregistered site', async () => {
    const attempts: [Record<string, unknown>, { field: string; reason: string }][] = [
      [{ toAgencyId: 'pnc-masisii' }, { field: 'toAgencyId', reason: 'pnc-masisii is not an agency in the directory' }],
      [
        { toAgencyId: 'ngo-ushindi', toAgencyType: 'POLICE' },
        {
          field: 'toAgencyId',
          reason: 'Ushindi – maison d’accueil (ngo-ushindi) is an assistance provider, not a police unit',
        },
      ],
      [
        { site: { code: 'NK-MAS-999' } },
        {
          field: 'site.code',
          reason: 'NK-MAS-999 is not a registered mine site; give no code and describe the location instead',
        },
      ],
    ];
    const sent = async () =>
      (await as(FIELD).ok<{ outgoingReferrals: { nodes: unknown[] } }>(OUTGOING, {})).outgoingReferrals.nodes.length;
    const before = await sent();
    for (const [overrides, problem] of attempts) {
      const input = submitInput(overrides);
      expect(await firstError(FIELD, SUBMIT, { input })).toEqual({ code: 'BAD_USER_INPUT', fields: [problem] });
    }
    expect(await sent()).toBe(before);
    // An unregistered place, described in words, is accepted.
    const described = submitInput({ site: { description: 'A new pit two hours north of Rubaya, no code yet' } });
    expect((await as(FIELD).request(SUBMIT, { input: described })).errors).toBeUndefined();
  });

  it('suspends an agency: its tokens stop at once, nothing can be sent to it, its open handoffs go on the agenda', async () => {
    await register({
      agencyId: 'ngo-suspended',
      agencyType: 'ASSISTANCE_PROVIDER',
      name: 'Suspended NGO',
      province: 'NORTH_KIVU',
    });
    const member: Actor = {
      userId: 's-1',
      agencyId: 'ngo-suspended',
      agencyType: 'assistance_provider',
      roles: ['case_worker'],
    };
    const memberToken = await rawToken(member);
    const open = await as(FIELD).ok<{ submitReferral: { referralId: string } }>(SUBMIT, {
      input: submitInput({ toAgencyId: 'ngo-suspended', toAgencyType: 'ASSISTANCE_PROVIDER' }),
    });
    const { scheduleMeeting } = await as(COORDINATOR).ok<{ scheduleMeeting: { meetingId: string } }>(SCHEDULE, {
      input: {
        commandId: randomUUID(),
        title: 'Réunion mensuelle',
        province: 'NK',
        scheduledFor: new Date(Date.now() + 3600_000).toISOString(),
        participantAgencyTypes: ['POLICE', 'ASSISTANCE_PROVIDER'],
        participantAgencyIds: ['ngo-suspended'],
      },
    });

    // The NGO, party to the case by the referral, follows its timeline live over WebSocket.
    const { referral: openReferral } = await as(FIELD).ok<{ referral: { jointCaseId: string } }>(
      `query($id: ID!) { referral(referralId: $id) { jointCaseId } }`,
      { id: open.submitReferral.referralId },
    );
    const socket = createClient({
      url: platform.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${memberToken}` },
      retryAttempts: 0,
      lazy: true,
    });
    platform.onStop(() => socket.dispose());
    const closed = new Promise<{ code: number; reason: string }>((resolve) => {
      socket.on('closed', (event) => {
        const { code, reason } = event as { code: number; reason: string };
        resolve({ code, reason });
      });
    });
    // From the last entry it has read, so that nothing added meanwhile is missed.
    const { case: read } = await new GraphqlClient(platform.graphqlUrl, memberToken).ok<{
      case: { timeline: { nodes: { position: string }[] } };
    }>(`query($id: ID!) { case(id: $id) { timeline { nodes { position } } } }`, { id: openReferral.jointCaseId });
    const timeline = new Feed<{ eventType: string | null }>(
      socket,
      `subscription($id: ID!, $after: String) { caseTimelineEntryAdded(jointCaseId: $id, after: $after) { eventType } }`,
      { id: openReferral.jointCaseId, after: read.timeline.nodes.at(-1)?.position ?? null },
      'caseTimelineEntryAdded',
    );
    // A new entry of the case reaches it: the subscription runs.
    await as(FIELD).ok(SUBMIT, {
      input: submitInput({ jointCaseId: openReferral.jointCaseId, subject: { isChild: false } }),
    });
    expect((await timeline.take(1)).map((e) => e.eventType)).toContain('ReferralSubmitted');

    const { suspendAgency } = await as(COORDINATOR).ok<{ suspendAgency: { agency: AgencyView } }>(SUSPEND, {
      input: { commandId: randomUUID(), agencyId: 'ngo-suspended', reason: 'Audit of its shelter pending' },
    });
    expect(suspendAgency.agency).toMatchObject({
      status: 'SUSPENDED',
      suspensionReason: 'Audit of its shelter pending',
    });

    const http = await new GraphqlClient(platform.graphqlUrl, memberToken).request(AGENCIES, {});
    expect(http.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(http.errors?.[0]?.message).toContain('is suspended');
    expect((await viaWebSocket(memberToken, AGENCIES))[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
    // Its running subscription ends with the next entry of the case, before the entry leaves.
    const before = timeline.seen().length;
    await as(FIELD).ok(SUBMIT, {
      input: submitInput({ jointCaseId: openReferral.jointCaseId, subject: { isChild: false } }),
    });
    expect(await closed).toMatchObject({ code: 4403, reason: expect.stringContaining('is suspended') as unknown });
    expect(timeline.seen().filter((e) => e.eventType === 'ReferralSubmitted').length).toBeLessThanOrEqual(
      timeline
        .seen()
        .slice(0, before)
        .filter((e) => e.eventType === 'ReferralSubmitted').length,
    );

    expect(
      await firstError(FIELD, SUBMIT, {
        input: submitInput({ toAgencyId: 'ngo-suspended', toAgencyType: 'ASSISTANCE_PROVIDER' }),
      }),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'toAgencyId', reason: 'Suspended NGO (ngo-suspended) is suspended' }],
    });

    const { meeting } = await as(COORDINATOR).ok<{
      meeting: { agenda: { suspendedAgencyHandoffs: { referralId: string; suspendedAgencyId: string }[] } };
    }>(AGENDA, { id: scheduleMeeting.meetingId });
    expect(meeting.agenda.suspendedAgencyHandoffs).toEqual([
      {
        referralId: open.submitReferral.referralId,
        suspendedAgencyId: 'ngo-suspended',
        toAgencyId: 'ngo-suspended',
        toAgency: { name: 'Suspended NGO', status: 'SUSPENDED' },
      },
    ]);

    await as(COORDINATOR).ok(REINSTATE, { input: { commandId: randomUUID(), agencyId: 'ngo-suspended' } });
    const back = await new GraphqlClient(platform.graphqlUrl, memberToken).request(AGENCIES, {});
    expect(back.errors).toBeUndefined();
    // The coordination body cannot lock itself out.
    expect(
      await firstError(COORDINATOR, SUSPEND, { input: { commandId: randomUUID(), agencyId: 'aplt-nk', reason: 'x' } }),
    ).toMatchObject({ code: 'RULE_VIOLATION', rule: 'cannot_suspend_own_agency' });
  });

  /** One operation over graphql-ws with this token: its errors (the connection's refusal included). */
  async function viaWebSocket(token: string, query: string): Promise<readonly GraphqlErrorBody[]> {
    const socket = createClient({
      url: platform.wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
      lazy: true,
    });
    try {
      return await new Promise<readonly GraphqlErrorBody[]>((resolve) => {
        let errors: readonly GraphqlErrorBody[] = [];
        socket.subscribe(
          { query },
          {
            next: (result) => {
              errors = result.errors ?? [];
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
    } finally {
      await socket.dispose();
    }
  }
});
