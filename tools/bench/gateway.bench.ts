/**
 * The joint view through the gateway: p50/p99 of the joint case query for a case with 500 timeline entries,
 * through the gateway and directly against the coordination subgraph, in the same run.
 *
 *   npm run bench:gateway
 *   BENCH_ENTRIES=500           timeline entries of the case (a referral, its answer, an investigation, evidence)
 *   BENCH_REQUESTS=300          timed requests of each kind, after BENCH_WARMUP=30 of each
 *   BENCH_BASE_PORT=4900        server mode's base port for the run (the gateway there, the services above it)
 *   BENCH_STRICT=1              exit 1 when a target is missed
 *   DATABASE_URL, KAFKA_BROKERS where PostgreSQL (any database: the bench creates its own) and Kafka are
 *
 * Runs the whole server mode (`tools/server-mode.mjs`: six agency services, the relay and the gateway, from
 * dist/) on a database and topics of its own, and removes them at the end, also on failure. Writes its section
 * of docs/benchmarks.md (see bench-report.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { newId } from '@pamoja/contracts';
import { issueDevToken, loadOrCreateDevIssuer } from '@pamoja/platform/auth';
import {
  formatMs,
  formatRatio,
  loadRow,
  machineRows,
  percentile,
  renderConsoleReport,
  workspaceRoot,
  writeReportSection,
  type BenchReport,
  type Table,
  type Target,
} from './bench-report.js';
import { startServerMode, stopAndRemoveServerMode } from './server-mode-process.js';

const ADMIN_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092')
  .split(',')
  .map((b) => b.trim())
  .filter((b) => b !== '');
const ENTRIES = Math.max(4, Number(process.env.BENCH_ENTRIES ?? '500'));
const REQUESTS = Math.max(10, Number(process.env.BENCH_REQUESTS ?? '300'));
const WARMUP = Math.max(0, Number(process.env.BENCH_WARMUP ?? '30'));
const BASE_PORT = Number(process.env.BENCH_BASE_PORT ?? '4900');
const P99_TARGET_MS = 100;
const RATIO_TARGET = 1.5;
/** server-mode.mjs: the gateway on BASE, coordination on BASE+6. */
const GATEWAY_URL = `http://127.0.0.1:${BASE_PORT}/graphql`;
const COORDINATION_URL = `http://127.0.0.1:${BASE_PORT + 6}/graphql`;

const TIMELINE = `timeline(first: ${ENTRIES}) {
      edges { cursor node { occurredAt agencyId agencyType roles eventType summary redacted } }
      pageInfo { hasNextPage endCursor } }`;
const COORDINATION_FIELDS = `jointCaseId stage assistanceStage siteCode province territory missedDeadlines openedAt lastActivityAt
    ${TIMELINE}`;
/** What a coordination meeting asks: the case with every agency's part. */
const JOINT_QUERY = `query JointCase($id: ID!) { case(id: $id) { ${COORDINATION_FIELDS}
    referrals { referralId status fromAgencyId toAgencyId submittedAt }
    investigations { investigationId status }
    site { code name status } } }`;
/** The coordination body's own part only: the same query a client could send to its subgraph. */
const COORDINATION_QUERY = `query JointCase($id: ID!) { case(id: $id) { ${COORDINATION_FIELDS} } }`;

interface GraphqlResponse<T> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function post<T>(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphqlResponse<T>;
  if (body.errors?.length || !body.data) {
    throw new Error(`${url}: ${JSON.stringify(body.errors ?? body)}`);
  }
  return body.data;
}

async function mutate(
  url: string,
  token: string,
  name: string,
  inputType: string,
  fields: string,
  input: Record<string, unknown>,
) {
  return post<Record<string, Record<string, unknown>>>(
    url,
    token,
    `mutation($input: ${inputType}!) { ${name}(input: $input) { ${fields} } }`,
    { input: { commandId: newId(), ...input } },
  );
}

/** Times `requests` sequential queries of each kind, alternating kinds request by request. */
async function measure(
  kinds: readonly { name: string; url: string; query: string }[],
  token: string,
  jointCaseId: string,
): Promise<Map<string, number[]>> {
  const samples = new Map(kinds.map((k) => [k.name, [] as number[]]));
  for (let i = 0; i < WARMUP + REQUESTS; i += 1) {
    for (const kind of kinds) {
      const started = performance.now();
      const data = await post<{ case: { timeline: { edges: unknown[] } } }>(kind.url, token, kind.query, {
        id: jointCaseId,
      });
      const ms = performance.now() - started;
      if (data.case.timeline.edges.length !== ENTRIES) {
        throw new Error(`${kind.name}: ${data.case.timeline.edges.length} timeline entries, expected ${ENTRIES}`);
      }
      if (i >= WARMUP) samples.get(kind.name)?.push(ms);
    }
  }
  return samples;
}

async function main(): Promise<number> {
  const date = new Date();
  // Before anything of ours runs: the load the machine was under.
  const load = loadRow();
  const suffix = randomBytes(4).toString('hex');
  const database = `pamoja_bench_gateway_${suffix}`;
  const prefix = `bench-gw-${suffix}`;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'pamoja-bench-gateway-'));
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${database}"`);
  const databaseUrl = new URL(ADMIN_DATABASE_URL);
  databaseUrl.pathname = `/${database}`;
  const { child, up } = startServerMode({
    databaseUrl: databaseUrl.toString(),
    brokers: BROKERS,
    topicPrefix: prefix,
    basePort: BASE_PORT,
    dataDir,
    env: { PAMOJA_RATE_LIMIT_PER_MINUTE: '0' },
  });
  try {
    await up;
    const keys = await loadOrCreateDevIssuer(dataDir);
    const token = (agencyId: string, agencyType: string, role: string) =>
      issueDevToken(keys, { userId: `${agencyId}-bench`, agencyId, agencyType: agencyType as never, roles: [role] });
    const ngo = await token('ngo-kivu-hope', 'first_responder', 'field_worker');
    const police = await token('pnc-masisi', 'police', 'investigator');
    const coordination = await token('aplt-nk', 'coordination_body', 'coordinator');

    // The case: a referral, its acceptance, an investigation, then evidence until the timeline holds ENTRIES.
    process.stdout.write(`building a joint case with ${ENTRIES} timeline entries through the gateway...\n`);
    const submitted = await mutate(
      GATEWAY_URL,
      ngo,
      'submitReferral',
      'SubmitReferralInput',
      'referralId jointCaseId',
      {
        subject: { isChild: null },
        consent: {
          givenBy: 'SELF',
          agencyTypes: ['POLICE', 'ASSISTANCE_PROVIDER'],
          purposes: ['ASSISTANCE', 'INVESTIGATION'],
        },
        site: { code: 'NK-MAS-014' },
        indicators: ['DEBT_BONDAGE', 'RETENTION_OF_IDENTITY_DOCUMENTS'],
        childLabourFlags: [],
        urgency: 'URGENT',
        toAgencyId: 'pnc-masisi',
        toAgencyType: 'POLICE',
        dueBy: new Date(Date.now() + 48 * 3600_000).toISOString(),
        summary: 'Diggers at pit 3 say the team leader keeps their voter cards until their debt is paid.',
      },
    );
    const { referralId, jointCaseId } = submitted['submitReferral'] as { referralId: string; jointCaseId: string };
    await mutate(GATEWAY_URL, police, 'acceptReferral', 'AcceptReferralInput', 'referralId', { referralId });
    const investigationId = newId();
    await mutate(GATEWAY_URL, police, 'openInvestigation', 'OpenInvestigationInput', 'investigationId', {
      investigationId,
      jointCaseId,
      referralId,
      siteCode: 'NK-MAS-014',
      offences: ['TRAFFICKING_IN_PERSONS'],
      leadOfficerId: 'opj-bench',
    });
    // The entries so far (the submission, its consent, the acceptance, the investigation), then evidence.
    const seededEntries = async (): Promise<number> => {
      try {
        const data = await post<{ case: { timeline: { edges: unknown[]; pageInfo: { hasNextPage: boolean } } } }>(
          COORDINATION_URL,
          coordination,
          COORDINATION_QUERY,
          { id: jointCaseId },
        );
        return data.case.timeline.edges.length + (data.case.timeline.pageInfo.hasNextPage ? 1 : 0);
      } catch {
        return 0;
      }
    };
    let waitedFor = 0;
    while ((await seededEntries()) < 4 && waitedFor < 30_000) {
      await sleep(200);
      waitedFor += 200;
    }
    const evidence = ENTRIES - (await seededEntries());
    for (let i = 0; i < evidence; i += 1) {
      await mutate(GATEWAY_URL, police, 'recordEvidence', 'RecordEvidenceInput', 'investigationId', {
        investigationId,
        evidenceId: newId(),
        description: `Photograph ${i + 1} of the pit-3 debt board`,
        kind: 'PHOTO',
        sha256: createHash('sha256').update(`bench/${i}`).digest('hex'),
        collectedAt: new Date(Date.now() - 60_000).toISOString(),
        collectedBy: 'opj-bench',
      });
    }
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const data = await post<{ case: { timeline: { edges: unknown[]; pageInfo: { hasNextPage: boolean } } } }>(
        COORDINATION_URL,
        coordination,
        COORDINATION_QUERY,
        { id: jointCaseId },
      ).catch(() => undefined);
      if (data && data.case.timeline.edges.length === ENTRIES && !data.case.timeline.pageInfo.hasNextPage) break;
      await sleep(250);
    }

    process.stdout.write(`measuring ${REQUESTS} requests of each kind after ${WARMUP} warm-up requests...\n`);
    const kinds = [
      { name: 'joint case, every agency’s part, through the gateway', url: GATEWAY_URL, query: JOINT_QUERY },
      { name: 'coordination part, through the gateway', url: GATEWAY_URL, query: COORDINATION_QUERY },
      {
        name: 'coordination part, directly against the coordination subgraph',
        url: COORDINATION_URL,
        query: COORDINATION_QUERY,
      },
    ];
    const samples = await measure(kinds, coordination, jointCaseId);
    const stats = kinds.map((k) => {
      const s = samples.get(k.name) ?? [];
      return {
        name: k.name,
        p50: percentile(s, 50),
        p99: percentile(s, 99),
        mean: s.reduce((a, b) => a + b, 0) / s.length,
      };
    });
    const [joint, viaGateway, direct] = stats as [(typeof stats)[0], (typeof stats)[0], (typeof stats)[0]];
    const ratio = viaGateway.p99 / direct.p99;
    const table: Table = {
      title: `Joint case query, ${ENTRIES} timeline entries, ${REQUESTS} sequential requests each`,
      columns: ['query', 'p50', 'p99', 'mean'],
      rows: stats.map((s) => [s.name, formatMs(s.p50), formatMs(s.p99), formatMs(s.mean)]),
    };
    const targets: Target[] = [
      {
        description: `p99 through the gateway < ${P99_TARGET_MS} ms (every agency's part)`,
        actual: formatMs(joint.p99),
        met: joint.p99 < P99_TARGET_MS,
      },
      {
        description: `gateway ≤ ${RATIO_TARGET}× direct (p99, the same coordination query)`,
        actual: formatRatio(ratio),
        met: ratio <= RATIO_TARGET,
      },
    ];
    const report: BenchReport = {
      id: 'gateway',
      title: 'The joint view through the gateway (bench:gateway)',
      command: 'npm run bench:gateway',
      date,
      environment: [...machineRows(), load],
      method: [
        `The whole server mode runs from \`dist/\` (\`tools/server-mode.mjs\`: six agency services, the relay and the ` +
          'gateway, each its own process) on a fresh PostgreSQL database and topics of its own. One joint case is built ' +
          `through the gateway until its timeline holds ${ENTRIES} entries (a referral with its consent, its acceptance, an ` +
          'investigation, then evidence), each entry having come to the coordination service over Kafka. Then, as the ' +
          `coordination body, ${WARMUP} warm-up and ${REQUESTS} timed requests of each kind are sent one after the other, ` +
          'alternating kinds request by request so that all share the machine alike: the whole joint case (the ' +
          'coordination part with the full timeline, plus the referrals, the investigations and the site, each from its ' +
          'own service) through the gateway; the coordination part alone through the gateway; and the same coordination ' +
          'query directly against the coordination service. Latency is measured at the client, from request to parsed ' +
          'response, over keep-alive connections.',
      ],
      tables: [table],
      targets,
      notes: [
        'The gateway adds its own planning, the forwarding of the token to each subgraph, and one hop per subgraph that ' +
          'owns a requested field; the ratio compares the same coordination-only query with and without it.',
      ],
    };
    process.stdout.write(`${renderConsoleReport(report)}\n`);
    const file = await writeReportSection(report);
    process.stdout.write(`wrote ${path.relative(workspaceRoot(), file)}\n`);
    return process.env.BENCH_STRICT === '1' && targets.some((t) => !t.met) ? 1 : 0;
  } finally {
    await stopAndRemoveServerMode(child, {
      brokers: BROKERS,
      topicPrefix: prefix,
      dataDir,
      clientId: 'bench-gateway-cleanup',
      admin,
      database,
    });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `bench:gateway failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
