import { describe, expect, it } from '@jest/globals';
import { incoming, outgoing, useTestPlatform, type GraphqlTestClient, type ReferralViewResult } from '@pamoja/testing';
import { EmbeddedPlatformModule } from './app.module.js';
import {
  runSeed,
  SEED_AGENCIES,
  seedUserId,
  type SeedAgency,
  type SeedAgencyName,
  type SeedSummary,
} from './seed/seed.js';

const DAY_MS = 24 * 3600_000;

const SITES = `query Sites($filter: MineSiteListFilter) { mineSites(filter: $filter) { nodes {
  siteId code name province territory status statusReason remediationDeadline openIncidentCount
  highestOpenIncidentLevel lastInspection { recommendedStatus inspectedAt } } } }`;
const INCIDENTS = `query Incidents($siteId: ID!) { siteIncidents(siteId: $siteId) { nodes {
  incidentId jointCaseId level status source } } }`;
const JOINT_CASE = `query Case($id: ID!) { case(id: $id) {
  jointCaseId stage assistanceStage siteCode referralIds investigationIds prosecutionIds assistanceIds incidentIds
  agencyIds missedDeadlines timeline(first: 500) { nodes { eventId eventType redacted category agencyId occurredAt } } } }`;
const ESCALATIONS = `query Escalations($filter: EscalationFilter) { escalations(filter: $filter) { nodes {
  escalationId jointCaseId kind subjectId agencyId dueBy missedAt resolvedAt } } }`;
const INVESTIGATION = `query Investigation($id: ID!) { investigation(investigationId: $id) {
  status closureReason referralId siteCode offences
  evidence { evidenceId sha256 collectedAt custodian { agencyId officerId } custodyChain { at reason } }
  suspects { suspectId role alias name } arrests { suspectId arrestedAt }
  caseFiles { caseFileId status toProsecutorOfficeId dueBy acknowledgedByAgencyId } } }`;
const PROSECUTION = `query Prosecution($id: ID!) { prosecution(prosecutionId: $id) {
  status officeAgencyId fromPoliceAgencyId
  charges { chargeId offence verdict verdictRenderedAt sentence { imprisonmentMonths fineAmount fineCurrency } }
  hearings { hearingId court scheduledFor heldAt outcome }
  restitutions { victimRef amount currency } } }`;
const ASSISTANCE = `query Assistance($id: ID!) { assistanceCase(id: $id) {
  assistanceId jointCaseId status ageGroup needsOutstanding
  services { kind } protectionMeasures { measure reviewBy reviewDue } identity { fullName } } }`;

interface Site {
  siteId: string;
  code: string;
  status: string;
  statusReason: string | null;
  remediationDeadline: string | null;
  openIncidentCount: number;
  highestOpenIncidentLevel: number | null;
}
interface JointCase {
  stage: string;
  assistanceStage: string;
  referralIds: string[];
  investigationIds: string[];
  prosecutionIds: string[];
  assistanceIds: string[];
  missedDeadlines: number;
  timeline: { eventId: string; eventType: string | null; redacted: boolean; category: string | null }[];
}
interface Escalation {
  subjectId: string;
  kind: string;
  agencyId: string | null;
  resolvedAt: string | null;
}

describe('the demo seed', () => {
  let first: SeedSummary;
  const firstLog: string[] = [];
  const platform = useTestPlatform(
    {
      root: (config) => EmbeddedPlatformModule.forRoot(config),
      serviceName: 'pamoja-seed-e2e',
      // The seed's own sites only: the registry is what the seed made.
      registeredSites: [],
      beforeStart: async (config) => {
        first = await runSeed(config, (line) => firstLog.push(line));
      },
    },
    60_000,
  );
  const as = {} as Record<SeedAgencyName, GraphqlTestClient>;
  for (const [name, agency] of Object.entries(SEED_AGENCIES) as [SeedAgencyName, SeedAgency][]) {
    as[name] = platform.as({
      userId: seedUserId(agency),
      agencyId: agency.agencyId,
      agencyType: agency.agencyType,
      roles: [agency.role],
    });
  }

  const sites = async (filter: Record<string, unknown> = {}) =>
    (await as.coordination.ok<{ mineSites: { nodes: Site[] } }>(SITES, { filter })).mineSites.nodes;
  const jointCase = async (id: string, viewer: SeedAgencyName = 'coordination'): Promise<JointCase> => {
    const found = (
      await as[viewer].ok<{ case: Omit<JointCase, 'timeline'> & { timeline: { nodes: JointCase['timeline'] } } }>(
        JOINT_CASE,
        { id },
      )
    ).case;
    return { ...found, timeline: found.timeline.nodes };
  };
  const escalations = async (openOnly: boolean) =>
    (await as.coordination.ok<{ escalations: { nodes: Escalation[] } }>(ESCALATIONS, { filter: { openOnly } }))
      .escalations.nodes;
  const byStatus = (referrals: ReferralViewResult[]) =>
    referrals.reduce<Record<string, number>>(
      (counts, r) => ({ ...counts, [r.status]: (counts[r.status] ?? 0) + 1 }),
      {},
    );

  /** Everything a demo user would look at, to compare before and after a second run. */
  async function snapshot(): Promise<Record<string, unknown>> {
    const { fullCase, missedDeadline } = first;
    return {
      sites: await sites(),
      outgoing: await outgoing(as.firstResponder, { first: 200 }),
      policeQueue: await incoming(as.police, { first: 200 }),
      assistanceQueue: await incoming(as.assistance, { first: 200 }),
      fullCase: await jointCase(fullCase.jointCaseId),
      missedCase: await jointCase(missedDeadline.jointCaseId),
      escalations: await escalations(false),
      investigation: await as.police.ok(INVESTIGATION, { id: fullCase.investigationId }),
      prosecution: await as.prosecutor.ok(PROSECUTION, { id: fullCase.prosecutionId }),
      assistance: await as.assistance.ok(ASSISTANCE, { id: fullCase.assistanceId }),
    };
  }

  it('logs one line per step and sums up what it loaded', () => {
    expect(first.commands).toEqual({ sent: first.commands.written, written: first.commands.written, replayed: 0 });
    expect(first.commands.written).toBeGreaterThan(40);
    expect(firstLog.filter((line) => line.startsWith('written'))).toHaveLength(first.commands.written);
    expect(first.counts).toMatchObject({
      sites: 3,
      siteIncidents: 1,
      caseParties: 1,
      referrals: 8,
      investigations: 1,
      prosecutions: 1,
      assistanceCases: 1,
      escalations: 1,
    });
  });

  it('shows one site per status: Masisi in remediation, Walikale suspended with an open level-1 incident, Kalehe green', async () => {
    const yellow = await sites({ status: 'YELLOW' });
    const red = await sites({ status: 'RED' });
    const green = await sites({ status: 'GREEN' });
    const blue = await sites({ status: 'BLUE' });
    expect(yellow).toEqual([
      expect.objectContaining({
        code: 'NK-MAS-101',
        remediationDeadline: new Date(new Date(first.anchor).getTime() + 90 * DAY_MS).toISOString(),
      }),
    ]);
    expect(red).toEqual([
      expect.objectContaining({ code: 'NK-WAL-207', openIncidentCount: 1, highestOpenIncidentLevel: 1 }),
    ]);
    expect(red[0]?.statusReason).toMatch(/armed group/i);
    expect(green.map((s) => s.code)).toEqual(['SK-KAL-033']);
    expect(blue).toEqual([]);

    const {
      siteIncidents: { nodes: siteIncidents },
    } = await as.miningAuthority.ok<{
      siteIncidents: { nodes: { level: number; status: string; jointCaseId: string | null }[] };
    }>(INCIDENTS, { siteId: red[0]?.siteId });
    expect(siteIncidents).toEqual([expect.objectContaining({ level: 1, status: 'OPEN' })]);
    // The coordination body admitted the mining authority to the case the incident is handled in.
    expect(siteIncidents[0]?.jointCaseId).toEqual(expect.any(String));
    // The police declined that case's referral: no longer party, they see the incident but not its case.
    const {
      siteIncidents: { nodes: seenByPolice },
    } = await as.police.ok<{ siteIncidents: { nodes: { jointCaseId: string | null }[] } }>(INCIDENTS, {
      siteId: red[0]?.siteId,
    });
    expect(seenByPolice).toEqual([expect.objectContaining({ jointCaseId: null })]);
  });

  it('shows referrals at every stage, a child referred to assistance, and the unanswered one overdue', async () => {
    const sent = await outgoing(as.firstResponder, { first: 200 });
    expect(byStatus(sent)).toEqual({ SUBMITTED: 2, DECLINED: 1, REVOKED: 1, ACCEPTED: 3, COMPLETED: 1 });
    expect(sent.find((r) => r.status === 'DECLINED')?.statusReason).toMatch(/Walikale/);
    expect(sent.find((r) => r.status === 'REVOKED')?.statusReason).toMatch(/twice/);
    expect(sent.filter((r) => r.subjectIsChild === true)).toEqual([
      expect.objectContaining({ toAgencyId: 'ngo-ushindi', status: 'ACCEPTED', childProtectionBasis: false }),
    ]);

    const pending = await incoming(as.police, { status: 'SUBMITTED' });
    expect(pending).toHaveLength(2);
    expect(pending.find((r) => r.referralId === first.missedDeadline.referralId)).toMatchObject({
      overdue: true,
      deadlineMissed: true,
    });
    expect(pending.find((r) => r.referralId !== first.missedDeadline.referralId)).toMatchObject({
      overdue: false,
      deadlineMissed: false,
    });
    expect(byStatus(await incoming(as.assistance))).toEqual({ ACCEPTED: 2 });
  });

  it('takes the full case to a conviction, with the victim in assistance', async () => {
    const { fullCase } = first;
    const joint = await jointCase(fullCase.jointCaseId);
    expect(joint).toMatchObject({
      stage: 'ADJUDICATED',
      assistanceStage: 'IN_ASSISTANCE',
      investigationIds: [fullCase.investigationId],
      prosecutionIds: [fullCase.prosecutionId],
      assistanceIds: [fullCase.assistanceId],
      missedDeadlines: 0,
    });
    expect(joint.referralIds).toHaveLength(2);
    expect(joint.referralIds).toContain(fullCase.referralId);
    // The police and the prosecutor, parties of the justice chain, follow every step in full.
    const investigative = ['EvidenceCustodyTransferred', 'HearingHeld', 'SentenceImposed', 'RestitutionOrdered'];
    for (const viewer of ['police', 'prosecutor'] as const) {
      const seen = (await jointCase(fullCase.jointCaseId, viewer)).timeline;
      expect(seen.map((e) => e.eventType)).toEqual(
        expect.arrayContaining(['ReferralCompleted', 'CaseFileAcknowledgementRecorded', ...investigative]),
      );
      expect(seen.map((e) => e.eventType)).not.toContain('ProtectionMeasureApplied');
    }
    // The coordination body sees the handoffs in full, and only THAT an investigative or prosecution step
    // was taken: notices without their type.
    const types = joint.timeline.map((e) => e.eventType);
    expect(types).toEqual(expect.arrayContaining(['ReferralCompleted', 'CaseFileAcknowledgementRecorded']));
    for (const type of investigative) expect(types).not.toContain(type);
    const notices = joint.timeline.filter((e) => e.redacted);
    expect(notices.every((e) => e.eventType === null)).toBe(true);
    expect(new Set(notices.map((e) => e.category))).toEqual(
      new Set(['investigation', 'prosecution', 'assistance', 'protection']),
    );
    // Withheld from every other agency, the coordination body included: only THAT the assisting agency did
    // something of the category protection shows, redacted.
    expect(types).not.toContain('ProtectionMeasureApplied');
    expect(notices.filter((e) => e.category === 'protection')).toHaveLength(1);

    const { investigation } = await as.police.ok<{
      investigation: {
        status: string;
        evidence: { sha256: string; custodian: { agencyId: string }; custodyChain: unknown[] }[];
        suspects: { role: string; name: string | null }[];
        arrests: unknown[];
        caseFiles: { status: string }[];
      };
    }>(INVESTIGATION, { id: fullCase.investigationId });
    expect(investigation).toMatchObject({ status: 'CLOSED', caseFiles: [{ status: 'ACKNOWLEDGED' }] });
    expect(investigation.evidence[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(investigation.evidence[0]?.custodian.agencyId).toBe('parquet-goma');
    expect(investigation.evidence[0]?.custodyChain).toHaveLength(2);
    expect(investigation.suspects).toEqual([expect.objectContaining({ role: 'RECRUITER', name: expect.any(String) })]);
    expect(investigation.arrests).toHaveLength(1);

    const { prosecution } = await as.prosecutor.ok<{
      prosecution: {
        status: string;
        charges: { verdict: string; sentence: { imprisonmentMonths: number } | null }[];
        hearings: { scheduledFor: string; heldAt: string | null }[];
        restitutions: { victimRef: string }[];
      };
    }>(PROSECUTION, { id: fullCase.prosecutionId });
    expect(prosecution.status).toBe('ADJUDICATED');
    expect(prosecution.charges).toEqual([
      expect.objectContaining({ verdict: 'CONVICTED', sentence: expect.objectContaining({ imprisonmentMonths: 120 }) }),
    ]);
    const [hearing] = prosecution.hearings;
    expect(Date.parse(hearing?.heldAt ?? '')).toBeGreaterThanOrEqual(Date.parse(hearing?.scheduledFor ?? ''));
    expect(prosecution.restitutions).toEqual([
      expect.objectContaining({ victimRef: `assistance:${fullCase.assistanceId}` }),
    ]);

    type AssistanceView = { assistanceCase: { status: string; identity: { fullName: string } | null } };
    const assisted = await as.assistance.ok<AssistanceView>(ASSISTANCE, { id: fullCase.assistanceId });
    expect(assisted.assistanceCase).toMatchObject({
      status: 'IN_ASSISTANCE',
      identity: { fullName: expect.any(String) },
    });
    const seenByPolice = await as.police.ok<AssistanceView>(ASSISTANCE, { id: fullCase.assistanceId });
    expect(seenByPolice.assistanceCase.identity).toBeNull();
  });

  it('escalates the one missed deadline to the coordination body', async () => {
    expect(await escalations(true)).toEqual([
      expect.objectContaining({
        subjectId: first.missedDeadline.referralId,
        kind: 'ReferralDeadlineMissed',
        agencyId: 'pnc-pmh-masisi',
        resolvedAt: null,
      }),
    ]);
    expect((await jointCase(first.missedDeadline.jointCaseId)).missedDeadlines).toBe(1);
  });

  it('changes nothing when run again: every command is replayed', async () => {
    const before = await snapshot();
    await platform.shutdown();

    const log: string[] = [];
    const again = await runSeed(platform.config, (line) => log.push(line));
    expect(again.commands).toEqual({ sent: first.commands.sent, written: 0, replayed: first.commands.sent });
    expect(log.filter((line) => line.startsWith('written'))).toEqual([]);
    expect(again).toMatchObject({
      counts: first.counts,
      anchor: first.anchor,
      fullCase: first.fullCase,
      missedDeadline: first.missedDeadline,
    });

    await platform.start();
    const after = await snapshot();
    expect((after['outgoing'] as unknown[]).length).toBe((before['outgoing'] as unknown[]).length);
    expect((after['fullCase'] as JointCase).timeline.length).toBe((before['fullCase'] as JointCase).timeline.length);
    expect(after).toEqual(before);
  });
});
