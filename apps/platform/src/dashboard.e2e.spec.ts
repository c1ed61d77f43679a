import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { type AgencyType } from '@pamoja/contracts';
import { CLOCK, type Clock } from '@pamoja/platform/config';
import {
  ACCEPT,
  DECLINE,
  submit,
  submitInput,
  TEST_SITES,
  useTestPlatform,
  type GraphqlTestClient,
} from '@pamoja/testing';
import { EmbeddedPlatformModule } from './app.module.js';

/*
 * The dashboards' figures, on handoffs whose times the test sets: a clock the platform reads (commands and
 * queries alike) is moved forward between a submission and its acceptance, so the median and the 90th
 * percentile are known to the tenth of an hour. Each agency counts only what it sent or received, or the
 * cases it is party to; the coordination body counts everything. Every agency and site here is fictional.
 */

interface Agency {
  readonly agencyId: string;
  readonly agencyType: AgencyType;
  readonly role: string;
}
const NGO: Agency = { agencyId: 'ngo-kivu-hope', agencyType: 'first_responder', role: 'field_worker' };
const POLICE: Agency = { agencyId: 'pnc-masisi', agencyType: 'police', role: 'investigator' };
const OTHER_POLICE: Agency = { agencyId: 'pnc-walikale', agencyType: 'police', role: 'investigator' };
const FIZI_POLICE: Agency = { agencyId: 'pnc-fizi', agencyType: 'police', role: 'investigator' };
const SAEMAPE: Agency = { agencyId: 'saemape-nk', agencyType: 'mining_authority', role: 'inspector' };
const APLT: Agency = { agencyId: 'aplt-nk', agencyType: 'coordination_body', role: 'coordinator' };
const INTEGRATOR: Agency = { agencyId: 'traceability-demo', agencyType: 'integrator', role: 'integrator' };

const HOUR_MS = 3600_000;

/** A clock the test moves: the platform reads it for every command's time and every "now" of a query. */
class MovableClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(hours: number): void {
    this.offsetMs += hours * HOUR_MS;
  }
}

const STATISTICS = `query($filter: DashboardFilter) { handoffStatistics(filter: $filter) {
  submitted accepted declined open overdue acceptHoursMedian acceptHoursP90
  overdueByAgency { agencyId agency { name } overdue } } }`;
const STAGES = `query($filter: DashboardFilter) { caseStageCounts(filter: $filter) { stage count } }`;
const SITES = `query($filter: DashboardFilter) { mineSiteStatusCounts(filter: $filter) { status count } }`;

interface Statistics {
  submitted: number;
  accepted: number;
  declined: number;
  open: number;
  overdue: number;
  acceptHoursMedian: number | null;
  acceptHoursP90: number | null;
  overdueByAgency: { agencyId: string; agency: { name: string } | null; overdue: number }[];
}

describe('dashboards: cases by stage, handoff times and sites by status, each agency its own', () => {
  const clock = new MovableClock();
  const platform = useTestPlatform({
    root: (config) => EmbeddedPlatformModule.forRoot(config),
    serviceName: 'pamoja-dashboard-e2e',
    overrides: () => [{ provide: CLOCK, useValue: clock }],
  });
  const as = (agency: Agency): GraphqlTestClient => platform.as({ ...agency, roles: [agency.role] });
  const statistics = async (agency: Agency, filter?: Record<string, unknown>) =>
    (await as(agency).ok<{ handoffStatistics: Statistics }>(STATISTICS, { filter })).handoffStatistics;
  const stages = async (agency: Agency, filter?: Record<string, unknown>) =>
    Object.fromEntries(
      (
        await as(agency).ok<{ caseStageCounts: { stage: string; count: number }[] }>(STAGES, { filter })
      ).caseStageCounts.map((row) => [row.stage, row.count]),
    );
  const dueIn = (hours: number) => new Date(clock.now().getTime() + hours * HOUR_MS).toISOString();
  const accept = (referralId: string) => as(POLICE).ok(ACCEPT, { input: { commandId: randomUUID(), referralId } });

  let periodStart = '';

  it('counts the handoffs and how long acceptance took, to the tenth of an hour', async () => {
    periodStart = clock.now().toISOString();
    // Four North Kivu handoffs to the Masisi police, accepted after 1, 2 and 10 hours, and one declined.
    const accepted: string[] = [];
    for (const hours of [1, 2, 10]) {
      const { referralId } = await submit(as(NGO), submitInput({ dueBy: dueIn(48) }));
      clock.advance(hours);
      await accept(referralId);
      accepted.push(referralId);
    }
    const declined = (await submit(as(NGO), submitInput({ dueBy: dueIn(48) }))).referralId;
    await as(POLICE).ok(DECLINE, { input: { commandId: randomUUID(), referralId: declined, reason: 'Not ours' } });
    // One left unanswered past its due time, and one in South Kivu to another police unit, not yet due.
    await submit(as(NGO), submitInput({ dueBy: dueIn(1) }));
    await submit(
      as(NGO),
      submitInput({ site: { code: 'SK-FIZ-001' }, toAgencyId: FIZI_POLICE.agencyId, dueBy: dueIn(48) }),
    );
    clock.advance(2);

    const police = await statistics(POLICE);
    // Median of 1, 2 and 10 hours is 2; the 90th percentile (linear, as PostgreSQL's percentile_cont) 8.4.
    expect(police).toEqual({
      submitted: 5,
      accepted: 3,
      declined: 1,
      open: 1,
      overdue: 1,
      acceptHoursMedian: 2,
      acceptHoursP90: 8.4,
      overdueByAgency: [{ agencyId: POLICE.agencyId, agency: { name: expect.any(String) }, overdue: 1 }],
    });
    // The sender counts what it sent: the Fizi handoff too.
    expect(await statistics(NGO)).toMatchObject({ submitted: 6, open: 2, overdue: 1 });
    // A police unit that neither sent nor received any counts none.
    expect(await statistics(OTHER_POLICE)).toEqual({
      submitted: 0,
      accepted: 0,
      declined: 0,
      open: 0,
      overdue: 0,
      acceptHoursMedian: null,
      acceptHoursP90: null,
      overdueByAgency: [],
    });
  });

  it('filters by province and period; the coordination body counts every agency’s', async () => {
    expect(await statistics(APLT, { province: 'SOUTH_KIVU' })).toMatchObject({ submitted: 1, open: 1, overdue: 0 });
    expect(await statistics(APLT, { province: 'NORTH_KIVU' })).toMatchObject({ submitted: 5, overdue: 1 });
    // Before the first submission: nothing.
    expect(await statistics(APLT, { to: periodStart })).toMatchObject({ submitted: 0 });
    expect(await statistics(APLT, { from: periodStart })).toMatchObject({ submitted: 6, accepted: 3 });
  });

  it('counts the cases by stage, every stage listed, each agency only the cases it is party to', async () => {
    // Every referral above opened its own case; none went further than identification.
    expect(await stages(APLT)).toEqual({ IDENTIFIED: 6, UNDER_INVESTIGATION: 0, IN_PROSECUTION: 0, ADJUDICATED: 0 });
    expect(await stages(APLT, { province: 'SOUTH_KIVU' })).toMatchObject({ IDENTIFIED: 1 });
    // The police are party to the cases of the referrals they were sent, but not to the one they declined.
    expect((await stages(POLICE))['IDENTIFIED']).toBe(4);
    expect(await stages(OTHER_POLICE)).toEqual({
      IDENTIFIED: 0,
      UNDER_INVESTIGATION: 0,
      IN_PROSECUTION: 0,
      ADJUDICATED: 0,
    });
  });

  it('counts the registered sites by their status now, for everyone but integrators', async () => {
    const northKivu = TEST_SITES.filter((site) => site.code.startsWith('NK-')).length;
    const read = async (agency: Agency, filter?: Record<string, unknown>) =>
      Object.fromEntries(
        (
          await as(agency).ok<{ mineSiteStatusCounts: { status: string; count: number }[] }>(SITES, { filter })
        ).mineSiteStatusCounts.map((row) => [row.status, row.count]),
      );
    const site = await as(SAEMAPE).ok<{ mineSite: { siteId: string } }>(
      `query { mineSite(code: "NK-MAS-014") { siteId } }`,
    );
    await as(SAEMAPE).ok(
      `mutation($input: ChangeMineSiteStatusInput!) { changeMineSiteStatus(input: $input) { status } }`,
      { input: { commandId: randomUUID(), siteId: site.mineSite.siteId, to: 'RED', reason: 'Children at the pits' } },
    );
    expect(await read(NGO, { province: 'NORTH_KIVU' })).toEqual({
      BLUE: northKivu - 1,
      GREEN: 0,
      YELLOW: 0,
      RED: 1,
    });
    const refused = await as(INTEGRATOR).request(SITES, {});
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('names the field of a bad filter, and answers nothing else', async () => {
    const answer = await as(APLT).request(STATISTICS, { filter: { from: 'last week' } });
    expect(answer.data).toBeFalsy();
    expect(answer.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(answer.errors)).toContain('from');
  });
});
