import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { type AgencyType } from '@pamoja/contracts';
import { ACCEPT, SUBMIT, useTestPlatform, type GraphqlErrorBody } from '@pamoja/testing';
import { EmbeddedPlatformModule } from './app.module.js';

/*
 * The audit log through the embedded app's API: agencies act (each stating a purpose), one is refused,
 * the police read a suspect's identity; an auditor then reads the log by case, by person, by user and
 * by period and finds exactly those entries, with purpose and outcome, and none of the free text or
 * personal data the commands carried. Every person and agency here is fictional.
 */

interface Agency {
  readonly agencyId: string;
  readonly agencyType: AgencyType;
  readonly role: string;
  readonly userId: string;
}

const NGO: Agency = {
  agencyId: 'ngo-kivu-hope',
  agencyType: 'first_responder',
  role: 'field_worker',
  userId: 'ngo-worker-7',
};
const POLICE: Agency = { agencyId: 'pmh-goma', agencyType: 'police', role: 'investigator', userId: 'opj-goma-12' };
const SAEMAPE: Agency = {
  agencyId: 'saemape-nk',
  agencyType: 'mining_authority',
  role: 'inspector',
  userId: 'inspector-3',
};
const COORDINATOR: Agency = {
  agencyId: 'aplt-nk',
  agencyType: 'coordination_body',
  role: 'coordinator',
  userId: 'coordinator-1',
};
const AUDITOR: Agency = { agencyId: 'aplt-nk', agencyType: 'coordination_body', role: 'auditor', userId: 'auditor-1' };

// What the commands carry that an audit entry must never hold.
const SUMMARY = 'Diggers at pit 9 say the team leader Fictif Kabila keeps their voter cards';
const NOTE = 'OPJ Fictif Mushagalusa goes on Thursday';
const SUSPECT_NAME = 'Kizito Fictif Mirindi';
const SUSPECT_ALIAS = 'Chef Kanyoni';
const SUSPECT_DESCRIPTION = 'Recruits diggers at the Goma bus station';

const OPEN_INVESTIGATION = `mutation($input: OpenInvestigationInput!) {
  openInvestigation(input: $input) { investigationId jointCaseId status } }`;
const IDENTIFY_SUSPECT = `mutation($input: IdentifySuspectInput!) {
  identifySuspect(input: $input) { investigationId suspectId } }`;
const INVESTIGATION = `query($id: ID!) { investigation(investigationId: $id) {
  investigationId suspects { suspectId name dateOfBirth } } }`;
const AUDIT_ENTRIES = `query($filter: AuditEntryFilter) { auditEntries(filter: $filter) {
  edges { cursor node { id at userId agencyId agencyType roles action operation outcome jointCaseId subjects
    ids { name value } purpose correlationId chainPosition hash } }
  pageInfo { hasNextPage endCursor } } }`;

interface AuditEntryResult {
  id: string;
  at: string;
  userId: string;
  agencyId: string;
  agencyType: string;
  roles: string[];
  action: 'COMMAND' | 'PERSONAL_DATA_READ' | 'QUERY';
  operation: string;
  outcome: string;
  jointCaseId: string | null;
  subjects: string[];
  ids: { name: string; value: string }[];
  purpose: string | null;
  correlationId: string;
  chainPosition: string;
  hash: string;
}

interface AuditPage {
  auditEntries: {
    edges: { cursor: string; node: AuditEntryResult }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

interface Answer<T> {
  readonly status: number;
  readonly data: T | null | undefined;
  readonly errors: readonly GraphqlErrorBody[] | undefined;
}

describe('the audit log (embedded app)', () => {
  const platform = useTestPlatform({
    root: (config) => EmbeddedPlatformModule.forRoot(config),
    serviceName: 'pamoja-audit-e2e',
    // The police unit is sent the case before it first acts.
    agencies: [POLICE],
  });
  const tokenOf = (agency: Agency): Promise<string> => platform.tokenFor({ ...agency, roles: [agency.role] });

  /** A request as any client sends it, with a stated purpose in `x-pamoja-purpose` when given. */
  const call = async <T>(
    agency: Agency,
    query: string,
    variables: Record<string, unknown>,
    purpose?: string,
  ): Promise<Answer<T>> => {
    const response = await fetch(platform.graphqlUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await tokenOf(agency)}`,
        ...(purpose !== undefined ? { 'x-pamoja-purpose': purpose } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T | null; errors?: GraphqlErrorBody[] };
    return { status: response.status, data: body.data, errors: body.errors };
  };
  const ok = async <T>(agency: Agency, query: string, variables: Record<string, unknown>, purpose?: string) => {
    const answer = await call<T>(agency, query, variables, purpose);
    if (answer.errors?.length || !answer.data) throw new Error(`request failed: ${JSON.stringify(answer.errors)}`);
    return answer.data;
  };
  const audit = async (filter: Record<string, unknown>): Promise<AuditEntryResult[]> =>
    (await ok<AuditPage>(AUDITOR, AUDIT_ENTRIES, { filter }, 'Quarterly review of case handling')).auditEntries.edges
      // The auditor's own reads are audited too; the checks below look at what the agencies did.
      .map((edge) => edge.node)
      .filter((entry) => entry.operation !== 'auditEntries');

  let referralId: string;
  let jointCaseId: string;
  let investigationId: string;
  let suspectId: string;
  let afterSubmission: Date;

  beforeAll(async () => {
    const submitted = await ok<{ submitReferral: { referralId: string; jointCaseId: string } }>(
      NGO,
      SUBMIT,
      {
        input: {
          commandId: randomUUID(),
          subject: { isChild: false },
          consent: { givenBy: 'SELF', agencyTypes: ['POLICE'], purposes: ['INVESTIGATION'] },
          site: { code: 'NK-MAS-014' },
          indicators: ['DEBT_BONDAGE', 'RETENTION_OF_IDENTITY_DOCUMENTS'],
          urgency: 'URGENT',
          toAgencyId: POLICE.agencyId,
          toAgencyType: 'POLICE',
          dueBy: new Date(Date.now() + 3 * 24 * 3600e3).toISOString(),
          summary: SUMMARY,
        },
      },
      'Referral after a site visit',
    );
    ({ referralId, jointCaseId } = submitted.submitReferral);
    await new Promise((resolve) => setTimeout(resolve, 50));
    afterSubmission = new Date();
    await new Promise((resolve) => setTimeout(resolve, 50));

    await ok(
      POLICE,
      ACCEPT,
      { input: { commandId: randomUUID(), referralId, note: NOTE } },
      'Taking the case for investigation',
    );
    const opened = await ok<{ openInvestigation: { investigationId: string } }>(
      POLICE,
      OPEN_INVESTIGATION,
      {
        input: {
          commandId: randomUUID(),
          jointCaseId,
          referralId,
          siteCode: 'NK-MAS-014',
          offences: ['FORCED_LABOUR'],
          leadOfficerId: 'opj-goma-12',
        },
      },
      'Investigation of forced labour',
    );
    investigationId = opened.openInvestigation.investigationId;
    const suspect = await ok<{ identifySuspect: { suspectId: string } }>(
      POLICE,
      IDENTIFY_SUSPECT,
      {
        input: {
          commandId: randomUUID(),
          investigationId,
          role: 'RECRUITER',
          alias: SUSPECT_ALIAS,
          description: SUSPECT_DESCRIPTION,
          personal: { name: SUSPECT_NAME, dateOfBirth: '1979-03-14' },
        },
      },
      'Investigation of forced labour',
    );
    suspectId = suspect.identifySuspect.suspectId;
  });

  it('records every command by case, with who, purpose and outcome, newest first', async () => {
    const entries = await audit({ jointCaseId });
    expect(
      entries.map(({ operation, userId, agencyId, agencyType, roles, action, outcome, purpose }) => ({
        operation,
        userId,
        agencyId,
        agencyType,
        roles,
        action,
        outcome,
        purpose,
      })),
    ).toEqual(
      [
        ['identifySuspect', 'Investigation of forced labour'],
        ['openInvestigation', 'Investigation of forced labour'],
        ['acceptReferral', 'Taking the case for investigation'],
        ['submitReferral', 'Referral after a site visit'],
      ].map(([operation, purpose]) => ({
        operation,
        ...(operation === 'submitReferral'
          ? { userId: NGO.userId, agencyId: NGO.agencyId, agencyType: 'first_responder', roles: ['field_worker'] }
          : { userId: POLICE.userId, agencyId: POLICE.agencyId, agencyType: 'police', roles: ['investigator'] }),
        action: 'COMMAND',
        outcome: 'succeeded',
        purpose,
      })),
    );
    const [identified, opened, , submitted] = entries;
    expect(identified?.subjects).toEqual(
      expect.arrayContaining([`investigation:${investigationId}`, `suspect:${suspectId}`]),
    );
    expect(opened?.subjects).toEqual(
      expect.arrayContaining([`referral:${referralId}`, `investigation:${investigationId}`]),
    );
    expect(submitted?.subjects).toEqual([`referral:${referralId}`]);
    expect(submitted?.ids).toEqual(
      expect.arrayContaining([
        { name: 'referralId', value: referralId },
        { name: 'jointCaseId', value: jointCaseId },
      ]),
    );
    expect(entries.every((e) => UUID.test(e.correlationId))).toBe(true);
  });

  it('finds what was done to a person or a record, by subject', async () => {
    const referral = await audit({ subject: `referral:${referralId}` });
    expect(referral.map((e) => [e.operation, e.userId])).toEqual([
      ['openInvestigation', POLICE.userId],
      ['acceptReferral', POLICE.userId],
      ['submitReferral', NGO.userId],
    ]);
    expect(referral[1]).toMatchObject({ purpose: 'Taking the case for investigation', outcome: 'succeeded' });
  });

  it('records reads of a suspect’s identity, with the stated purpose, and finds them by person', async () => {
    const read = await ok<{ investigation: { suspects: { suspectId: string; name: string | null }[] } }>(
      POLICE,
      INVESTIGATION,
      { id: investigationId },
      'Preparing the arrest warrant',
    );
    expect(read.investigation.suspects).toEqual([expect.objectContaining({ suspectId, name: SUSPECT_NAME })]);
    const person = await audit({ subject: `suspect:${suspectId}` });
    expect(person.map((e) => [e.action, e.operation, e.userId, e.purpose])).toEqual([
      ['PERSONAL_DATA_READ', 'InvestigationSuspect.dateOfBirth', POLICE.userId, 'Preparing the arrest warrant'],
      ['PERSONAL_DATA_READ', 'InvestigationSuspect.name', POLICE.userId, 'Preparing the arrest warrant'],
      ['COMMAND', 'identifySuspect', POLICE.userId, 'Investigation of forced labour'],
    ]);
  });

  it('records a refused command as refused, with the code the caller got', async () => {
    const refused = await call(
      SAEMAPE,
      OPEN_INVESTIGATION,
      {
        input: {
          commandId: randomUUID(),
          jointCaseId,
          offences: ['FORCED_LABOUR'],
          leadOfficerId: 'inspector-3',
        },
      },
      'Checking the site',
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byPolicy = refused.errors?.[0]?.extensions?.['reason'] === 'access_policy';
    const entries = await audit({ userId: SAEMAPE.userId });
    expect(entries).toEqual([
      expect.objectContaining({
        operation: 'openInvestigation',
        agencyId: SAEMAPE.agencyId,
        agencyType: 'mining_authority',
        action: 'COMMAND',
        outcome: byPolicy ? 'denied' : 'FORBIDDEN',
        purpose: 'Checking the site',
      }),
    ]);
  });

  it('finds a user’s commands, and a period’s', async () => {
    const police = await audit({ userId: POLICE.userId, action: 'COMMAND' });
    expect(police.map((e) => e.operation)).toEqual(['identifySuspect', 'openInvestigation', 'acceptReferral']);
    const before = await audit({ to: afterSubmission.toISOString() });
    expect(before.map((e) => [e.operation, e.userId])).toEqual([['submitReferral', NGO.userId]]);
    const since = await audit({ from: afterSubmission.toISOString(), agencyId: POLICE.agencyId, action: 'COMMAND' });
    expect(since.map((e) => e.operation)).toEqual(['identifySuspect', 'openInvestigation', 'acceptReferral']);
  });

  it('pages newest first', async () => {
    const first = await ok<AuditPage>(AUDITOR, AUDIT_ENTRIES, { filter: { userId: POLICE.userId, first: 2 } });
    expect(first.auditEntries.pageInfo.hasNextPage).toBe(true);
    const next = await ok<AuditPage>(AUDITOR, AUDIT_ENTRIES, {
      filter: { userId: POLICE.userId, first: 50, after: first.auditEntries.pageInfo.endCursor },
    });
    const all = await ok<AuditPage>(AUDITOR, AUDIT_ENTRIES, { filter: { userId: POLICE.userId } });
    expect([...first.auditEntries.edges, ...next.auditEntries.edges].map((e) => e.node.id)).toEqual(
      all.auditEntries.edges.map((e) => e.node.id),
    );
    const ids = all.auditEntries.edges.map((e) => Number(e.node.id));
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('never holds the free text or personal data the commands carried', async () => {
    const everything = JSON.stringify(
      (await ok<AuditPage>(AUDITOR, AUDIT_ENTRIES, { filter: { first: 200 } })).auditEntries,
    );
    expect(everything).toContain(referralId);
    for (const secret of [
      SUMMARY,
      'Fictif Kabila',
      NOTE,
      SUSPECT_NAME,
      SUSPECT_ALIAS,
      SUSPECT_DESCRIPTION,
      '1979-03-14',
    ]) {
      expect(everything).not.toContain(secret);
    }
  });

  it('is read by auditors only, and their reads are audited too', async () => {
    for (const agency of [COORDINATOR, POLICE, NGO]) {
      const refused = await call<AuditPage>(agency, AUDIT_ENTRIES, {});
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(refused.data?.auditEntries ?? null).toBeNull();
    }
    const reads = await ok<AuditPage>(AUDITOR, AUDIT_ENTRIES, { filter: { operation: 'auditEntries' } });
    expect(reads.auditEntries.edges.length).toBeGreaterThan(0);
    expect(reads.auditEntries.edges.map((e) => e.node.userId)).toContain(AUDITOR.userId);
    expect(reads.auditEntries.edges.find((e) => e.node.userId === AUDITOR.userId)?.node).toMatchObject({
      action: 'QUERY',
      outcome: 'succeeded',
    });
    const coordinator = await ok<AuditPage>(AUDITOR, AUDIT_ENTRIES, {
      filter: { userId: COORDINATOR.userId, operation: 'auditEntries' },
    });
    expect(coordinator.auditEntries.edges.map((e) => e.node.outcome)).toEqual([
      expect.stringMatching(/^(denied|FORBIDDEN)$/),
    ]);
  });

  it('refuses a stated purpose that is too long or not printable, and does nothing', async () => {
    for (const purpose of ['x'.repeat(201), 'column one\tcolumn two']) {
      const commandId = randomUUID();
      const refused = await call(
        NGO,
        SUBMIT,
        {
          input: {
            commandId,
            subject: { isChild: true },
            site: { code: 'NK-MAS-014' },
            indicators: ['DEBT_BONDAGE'],
            urgency: 'URGENT',
            toAgencyId: POLICE.agencyId,
            toAgencyType: 'POLICE',
            dueBy: new Date(Date.now() + 3 * 24 * 3600e3).toISOString(),
            summary: 'A child seen carrying ore sacks.',
          },
        },
        purpose,
      );
      expect(refused.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: [expect.objectContaining({ field: 'x-pamoja-purpose' })],
      });
    }
    const ngo = await audit({ userId: NGO.userId, operation: 'submitReferral' });
    expect(ngo.map((e) => e.outcome)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'succeeded']);
    expect(ngo.map((e) => e.purpose)).toEqual([null, null, 'Referral after a site visit']);
    // Nothing was recorded for the refused submissions: the NGO's list still holds its one referral.
    const outgoing = await ok<{ outgoingReferrals: { nodes: { referralId: string }[] } }>(
      NGO,
      'query { outgoingReferrals { nodes { referralId } } }',
      {},
    );
    expect(outgoing.outgoingReferrals.nodes.map((r) => r.referralId)).toEqual([referralId]);
  });

  it('keeps the entries chained: positions follow one another and every hash is its own', async () => {
    const all = (await ok<AuditPage>(AUDITOR, AUDIT_ENTRIES, { filter: { first: 200 } })).auditEntries.edges.map(
      (e) => e.node,
    );
    const positions = all.map((e) => Number(e.chainPosition)).sort((a, b) => a - b);
    expect(positions).toEqual(positions.map((_, i) => i + 1));
    expect(new Set(all.map((e) => e.hash)).size).toBe(all.length);
    expect(all.every((e) => /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
  });
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
