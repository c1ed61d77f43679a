import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PostgresDatabase } from '@pamoja/event-store';
import { loadConfig } from '@pamoja/platform/config';
import { issueDevToken, loadOrCreateDevIssuer } from '@pamoja/platform/auth';
import { SqlAuditLog } from '@pamoja/platform/audit';
import { startService, type StartedService } from '@pamoja/platform/runtime';
import { ACCEPT, createTemporaryDatabase, GraphqlTestClient, submit, submitInput } from '@pamoja/testing';
import { AgencyServiceModule } from './service.module.js';

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
  let database: { url: string; drop: () => Promise<void> };
  let keyDir: string;
  let referrals: StartedService | undefined;
  let coordination: StartedService | undefined;
  let ngo: GraphqlTestClient;
  let police: GraphqlTestClient;
  let auditorToken: string;
  let referralsUrl: string;
  let coordinationUrl: string;

  beforeAll(async () => {
    database = await createTemporaryDatabase('pamoja_audit_it');
    keyDir = await mkdtemp(join(tmpdir(), 'pamoja-audit-keys-'));
    const configOf = (service: string) =>
      loadConfig(
        {
          DATABASE_URL: database.url,
          PORT: '0',
          LOG_LEVEL: 'silent',
          PAMOJA_DATA_DIR: keyDir,
          KAFKA_BROKERS: process.env['KAFKA_BROKERS'] ?? '127.0.0.1:39092',
          KAFKA_TOPIC_PREFIX: `audit-it-${randomUUID().slice(0, 8)}`,
        },
        { mode: 'server', serviceName: `pamoja-${service}-audit-it` },
      );
    // The development issuer's key first: services starting together would each create one.
    const keys = await loadOrCreateDevIssuer(keyDir);
    // Both migrate the audit schema at once: the migrations' lock lets one do it.
    [referrals, coordination] = await Promise.all([
      startService(AgencyServiceModule.forRoot(configOf('referrals'), 'referrals'), configOf('referrals'), {
        handleSignals: false,
      }),
      startService(AgencyServiceModule.forRoot(configOf('coordination'), 'coordination'), configOf('coordination'), {
        handleSignals: false,
      }),
    ]);
    referralsUrl = `${referrals.url}/graphql`;
    coordinationUrl = `${coordination.url}/graphql`;
    const client = new GraphqlTestClient(referralsUrl);
    ngo = client.as(
      await issueDevToken(keys, {
        userId: 'fr-1',
        agencyId: 'ngo-kivu-hope',
        agencyType: 'first_responder',
        roles: ['field_worker'],
      }),
    );
    police = client.as(
      await issueDevToken(keys, {
        userId: 'opj-1',
        agencyId: 'pnc-masisi',
        agencyType: 'police',
        roles: ['investigator'],
      }),
    );
    auditorToken = await issueDevToken(keys, {
      userId: 'auditor-1',
      agencyId: 'aplt-nk',
      agencyType: 'coordination_body',
      roles: ['auditor'],
    });
  });

  afterAll(async () => {
    await Promise.all([referrals?.stop(), coordination?.stop()]);
    await database.drop();
    await rm(keyDir, { recursive: true, force: true });
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

    const db = new PostgresDatabase({ connectionString: database.url, applicationName: 'audit-it-verify' });
    try {
      expect((await (await SqlAuditLog.open(db)).verifyChain()).firstBroken).toBeNull();
    } finally {
      await db.close();
    }
  });

  it('is served by the coordination service only', async () => {
    const fromReferrals = await new GraphqlTestClient(referralsUrl, auditorToken).request(AUDIT);
    expect(fromReferrals.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
