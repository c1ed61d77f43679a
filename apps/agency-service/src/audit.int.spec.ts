import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { PostgresDatabase } from '@pamoja/event-store';
import { SqlAuditLog } from '@pamoja/platform/audit';
import { ACCEPT, submit, submitInput, useTestDeployment, type GraphqlTestClient } from '@pamoja/testing';
import { AgencyServiceModule, type AgencyServiceName } from './service.module.js';

/*
 * Server mode: two agency services on one PostgreSQL database write the one audit log; only the
 * coordination service serves the auditors' query, and it sees what the referrals service recorded.
 */

const AUDIT = `query($filter: AuditEntryFilter) { auditEntries(filter: $filter) {
  nodes { operation userId agencyId outcome purpose jointCaseId subjects } } }`;

interface AuditNodes {
  auditEntries: {
    nodes: {
      operation: string;
      userId: string;
      agencyId: string;
      outcome: string;
      purpose: string | null;
      jointCaseId: string | null;
      subjects: string[];
    }[];
  };
}

describe('the audit log in server mode', () => {
  const deployment = useTestDeployment<AgencyServiceName>({
    root: (config, name) => AgencyServiceModule.forRoot(config, name),
    serviceName: (name) => `pamoja-${name}-audit-it`,
    env: () =>
      Promise.resolve({
        KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092',
        KAFKA_TOPIC_PREFIX: `audit-it-${randomUUID().slice(0, 8)}`,
      }),
  });
  let ngo: GraphqlTestClient;
  let police: GraphqlTestClient;
  let auditor: GraphqlTestClient;
  let auditorToken: string;
  let coordinationUrl: string;

  beforeAll(async () => {
    // The development issuer's key first: services starting together would each create one.
    auditorToken = await deployment.tokenFor({
      userId: 'auditor-1',
      agencyId: 'aplt-nk',
      agencyType: 'coordination_body',
      roles: ['auditor'],
    });
    // Both migrate the audit schema at once: the migrations' lock lets one do it.
    const [referrals, coordination] = await Promise.all([
      deployment.start('referrals'),
      deployment.start('coordination'),
    ]);
    coordinationUrl = coordination.graphqlUrl;
    ngo = referrals.as({
      userId: 'fr-1',
      agencyId: 'ngo-kivu-hope',
      agencyType: 'first_responder',
      roles: ['field_worker'],
    });
    police = referrals.as({ userId: 'opj-1', agencyId: 'pnc-masisi', agencyType: 'police', roles: ['investigator'] });
    auditor = referrals.anonymous.as(auditorToken);
  });

  it('the coordination service shows what the referrals service audited, chained across writers', async () => {
    const { referralId, jointCaseId } = await submit(ngo, submitInput());
    // Concurrent answers: one wins, the others are refused; every attempt is audited.
    await Promise.all(
      Array.from({ length: 4 }, () =>
        police.request(ACCEPT, { input: { commandId: randomUUID(), referralId, expectedRevision: 1 } }),
      ),
    );
    const response = await fetch(coordinationUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${auditorToken}`,
        'x-pamoja-purpose': 'Annual review',
      },
      body: JSON.stringify({ query: AUDIT, variables: { filter: { subject: `referral:${referralId}` } } }),
    });
    const body = (await response.json()) as { data?: AuditNodes; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    const nodes = body.data?.auditEntries.nodes ?? [];
    expect(nodes.map((n) => n.operation)).toEqual([
      'acceptReferral',
      'acceptReferral',
      'acceptReferral',
      'acceptReferral',
      'submitReferral',
    ]);
    expect(nodes.filter((n) => n.outcome === 'succeeded').map((n) => n.operation)).toEqual([
      'acceptReferral',
      'submitReferral',
    ]);
    expect(nodes.at(-1)).toMatchObject({ userId: 'fr-1', agencyId: 'ngo-kivu-hope', jointCaseId });

    const db = new PostgresDatabase({ connectionString: deployment.databaseUrl, applicationName: 'audit-it-verify' });
    try {
      expect((await (await SqlAuditLog.open(db)).verifyChain()).firstBroken).toBeNull();
    } finally {
      await db.close();
    }
  });

  it('is served by the coordination service only', async () => {
    const fromReferrals = await auditor.request(AUDIT);
    expect(fromReferrals.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
