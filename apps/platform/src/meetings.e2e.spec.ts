import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { formatKivuTime, type AgencyType } from '@pamoja/contracts';
import { ACCEPT, DECLINE, submit, submitInput, useTestPlatform, type GraphqlTestClient } from '@pamoja/testing';
import { EmbeddedPlatformModule } from './app.module.js';

/*
 * Coordination meetings on a real situation in (fictional) Masisi, North Kivu: the other agencies record
 * through their own mutations a suspended (red) site with a level-1 incident, a handoff left overdue and one
 * declined, and a hearing within two weeks; the coordination body schedules a meeting and its agenda is
 * generated from the log. Action points reach their owners' queues, and the next meeting's agenda lists
 * what is still open and only what changed since. Every site, agency and case here is fictional.
 */

interface Agency {
  readonly agencyId: string;
  readonly agencyType: AgencyType;
  readonly role: string;
}
const NGO: Agency = { agencyId: 'ngo-kivu-hope', agencyType: 'first_responder', role: 'field_worker' };
const SAEMAPE: Agency = { agencyId: 'saemape-nk', agencyType: 'mining_authority', role: 'inspector' };
const POLICE: Agency = { agencyId: 'pnc-masisi', agencyType: 'police', role: 'investigator' };
const OTHER_POLICE: Agency = { agencyId: 'pnc-walikale', agencyType: 'police', role: 'investigator' };
const PARQUET: Agency = { agencyId: 'parquet-goma', agencyType: 'prosecutor', role: 'magistrate' };
const USHINDI: Agency = { agencyId: 'ngo-ushindi', agencyType: 'assistance_provider', role: 'case_worker' };
const APLT: Agency = { agencyId: 'aplt-nk', agencyType: 'coordination_body', role: 'coordinator' };

const RED_SITE = 'NK-KAL-021';
const NEW_SITE = 'NK-RUB-003';
const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

const MEETING_PAYLOAD = 'meetingId status itemId revision replayed';
const meetingMutation = (name: string, inputType: string) =>
  `mutation($input: ${inputType}!) { ${name}(input: $input) { ${MEETING_PAYLOAD} } }`;
const SCHEDULE = meetingMutation('scheduleMeeting', 'ScheduleMeetingInput');
const ACTION_POINT = meetingMutation('recordActionPoint', 'RecordActionPointInput');
const COMPLETE = meetingMutation('completeActionPoint', 'CompleteActionPointInput');
const DECISION = meetingMutation('recordDecision', 'RecordDecisionInput');
const MINUTES = meetingMutation('recordMinutes', 'RecordMinutesInput');
const CLOSE = meetingMutation('closeMeeting', 'CloseMeetingInput');
const POINT_FIELDS = `actionPointId meetingId description ownerAgencyId ownerAgencyType dueBy dueByLocal jointCaseId
  status completedAt completedByAgencyId overdue`;
const MEETING = `query($id: ID!) { meeting(meetingId: $id) {
  meetingId title province siteCode scheduledFor scheduledForLocal participantAgencyTypes participantAgencyIds status
  revision actionPoints { ${POINT_FIELDS} } decisions { decisionId text jointCaseId } minutes { text }
  agenda { since previousMeetingId
    overdueHandoffs { referralId jointCaseId siteCode toAgencyId dueBy dueByLocal declinedAt }
    declinedHandoffs { referralId siteCode toAgencyId declinedAt }
    missedDeadlines { kind subjectId siteCode agencyId dueByLocal }
    upcomingHearings { hearingId prosecutionId jointCaseId siteCode court scheduledFor scheduledForLocal }
    siteStatusChanges { siteCode from to changedAtLocal byAgencyId }
    levelOneIncidents { incidentId siteCode jointCaseId open }
    openActionPoints { ${POINT_FIELDS} } } } }`;
const MEETINGS = `query($filter: MeetingListFilter) { meetings(filter: $filter) {
  nodes { meetingId title } pageInfo { hasNextPage endCursor } } }`;
const MY_POINTS = `query($filter: MyActionPointsFilter) { myActionPoints(filter: $filter) {
  edges { cursor node { actionPointId description dueByLocal overdue status } } pageInfo { hasNextPage endCursor } } }`;

interface Payload {
  meetingId: string;
  status: string;
  itemId: string | null;
  revision: number;
  replayed: boolean;
}
interface ActionPoint {
  actionPointId: string;
  ownerAgencyId: string;
  status: string;
  overdue: boolean;
  [field: string]: unknown;
}
interface Agenda {
  since: string;
  previousMeetingId: string | null;
  overdueHandoffs: Record<string, unknown>[];
  declinedHandoffs: Record<string, unknown>[];
  missedDeadlines: Record<string, unknown>[];
  upcomingHearings: Record<string, unknown>[];
  siteStatusChanges: Record<string, unknown>[];
  levelOneIncidents: Record<string, unknown>[];
  openActionPoints: ActionPoint[];
}
interface MeetingView {
  meetingId: string;
  status: string;
  scheduledForLocal: string;
  actionPoints: ActionPoint[];
  decisions: { decisionId: string; text: string; jointCaseId: string | null }[];
  minutes: { text: string } | null;
  agenda: Agenda;
  [field: string]: unknown;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Reads until `done` holds or the time is up; returns the last reading either way, for the assertion. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() >= deadline) return value;
    await sleep(200);
  }
}

describe('coordination meetings: a generated agenda and the action points that follow', () => {
  const platform = useTestPlatform({
    root: (config) => EmbeddedPlatformModule.forRoot(config),
    serviceName: 'pamoja-meetings-e2e',
  });
  const as = (agency: Agency): GraphqlTestClient => platform.as({ ...agency, roles: [agency.role] });
  /** The only payload of a single-mutation response. */
  const mutate = async <T>(agency: Agency, mutation: string, input: Record<string, unknown>): Promise<T> => {
    const data = await as(agency).ok<Record<string, T>>(mutation, { input: { commandId: randomUUID(), ...input } });
    const [payload] = Object.values(data);
    if (payload === undefined) throw new Error('the mutation returned no payload');
    return payload;
  };
  const refusal = async (agency: Agency, mutation: string, input: Record<string, unknown>) => {
    const result = await as(agency).request(mutation, { input: { commandId: randomUUID(), ...input } });
    return result.errors?.[0]?.extensions;
  };
  const meeting = async (id: string, reader: Agency = APLT) =>
    (await as(reader).ok<{ meeting: MeetingView }>(MEETING, { id })).meeting;

  // What the situation produces.
  let redSiteId = '';
  let incidentId = '';
  let overdueReferralId = '';
  let declinedReferralId = '';
  let hearingCaseId = '';
  let prosecutionId = '';
  let hearingId = '';
  let hearingAt = '';
  let firstMeetingId = '';
  let firstMeetingAt = 0;
  let policePointId = '';
  let policePointDue = 0;
  let saemapePointId = '';

  it('1. the agencies record the situation through their own mutations', async () => {
    // The mining authority suspends a site after a level-1 incident there.
    const site = await mutate<{ siteId: string }>(
      SAEMAPE,
      `mutation($input: RegisterMineSiteInput!) { registerMineSite(input: $input) { siteId } }`,
      {
        code: RED_SITE,
        name: 'Kalimbi Fictif, pit 2',
        province: 'NORTH_KIVU',
        territory: 'MASISI',
        minerals: ['COLTAN'],
        latitude: -1.5,
        longitude: 28.8,
      },
    );
    redSiteId = site.siteId;
    const incident = await mutate<{ incidentId: string }>(
      NGO,
      `mutation($input: ReportSiteIncidentInput!) { reportSiteIncident(input: $input) { incidentId } }`,
      { siteId: redSiteId, source: 'FIELD_AGENT', description: 'Children carrying sacks at the washing point' },
    );
    incidentId = incident.incidentId;
    await mutate(
      SAEMAPE,
      `mutation($input: ClassifySiteIncidentInput!) { classifySiteIncident(input: $input) { level } }`,
      {
        incidentId,
        level: 1,
      },
    );
    await mutate(
      SAEMAPE,
      `mutation($input: ChangeMineSiteStatusInput!) { changeMineSiteStatus(input: $input) { status } }`,
      {
        siteId: redSiteId,
        to: 'RED',
        reason: 'Worst forms of child labour observed (level-1 incident)',
      },
    );

    // Two handoffs to the police at the site: one left unanswered past its due time, one declined.
    const site1 = { code: RED_SITE };
    overdueReferralId = (
      await submit(as(NGO), submitInput({ site: site1, dueBy: new Date(Date.now() + 1500).toISOString() }))
    ).referralId;
    declinedReferralId = (await submit(as(NGO), submitInput({ site: site1 }))).referralId;
    await as(POLICE).ok(DECLINE, {
      input: { commandId: randomUUID(), referralId: declinedReferralId, reason: 'Outside our territory' },
    });
    // A handoff in South Kivu, also overdue: not for a North Kivu meeting.
    await submit(
      as(NGO),
      submitInput({ site: { code: 'SK-SHA-001' }, dueBy: new Date(Date.now() + 1500).toISOString() }),
    );

    // A case that reached court: referral, investigation, case file, prosecution, a hearing in two days.
    const referred = await submit(as(NGO), submitInput({ site: site1 }));
    hearingCaseId = referred.jointCaseId ?? '';
    await as(POLICE).ok(ACCEPT, { input: { commandId: randomUUID(), referralId: referred.referralId } });
    const inv = 'investigationId suspectId caseFileId';
    const { investigationId } = await mutate<{ investigationId: string }>(
      POLICE,
      `mutation($input: OpenInvestigationInput!) { openInvestigation(input: $input) { ${inv} } }`,
      {
        jointCaseId: hearingCaseId,
        referralId: referred.referralId,
        siteCode: RED_SITE,
        offences: ['FORCED_LABOUR'],
        leadOfficerId: 'opj-masisi-0412',
      },
    );
    const { suspectId } = await mutate<{ suspectId: string }>(
      POLICE,
      `mutation($input: IdentifySuspectInput!) { identifySuspect(input: $input) { ${inv} } }`,
      { investigationId, role: 'RECRUITER', alias: 'Chef Fictif' },
    );
    const { caseFileId } = await mutate<{ caseFileId: string }>(
      POLICE,
      `mutation($input: TransmitCaseFileInput!) { transmitCaseFile(input: $input) { ${inv} } }`,
      {
        investigationId,
        toProsecutorOfficeId: PARQUET.agencyId,
        dueBy: new Date(Date.now() + 7 * DAY_MS).toISOString(),
        summary: 'Recruitment of diggers by deception',
        evidenceIds: [],
        suspectIds: [suspectId],
      },
    );
    const pro = 'prosecutionId itemId';
    prosecutionId = (
      await mutate<{ prosecutionId: string }>(
        PARQUET,
        `mutation($input: ReceiveCaseFileInput!) { receiveCaseFile(input: $input) { ${pro} } }`,
        {
          jointCaseId: hearingCaseId,
          caseFileId,
          investigationId,
          fromPoliceAgencyId: POLICE.agencyId,
          suspects: [{ suspectId, role: 'recruiter' }],
        },
      )
    ).prosecutionId;
    hearingAt = new Date(Date.now() + 2 * DAY_MS).toISOString();
    hearingId =
      (
        await mutate<{ itemId: string | null }>(
          PARQUET,
          `mutation($input: ScheduleHearingInput!) { scheduleHearing(input: $input) { ${pro} } }`,
          { prosecutionId, court: 'Tribunal de paix fictif de Masisi', scheduledFor: hearingAt, purpose: 'Audience' },
        )
      ).itemId ?? '';
    expect(hearingId).not.toBe('');

    // The first handoff's due time passes unanswered.
    await sleep(1600);
  });

  it('2. the coordination body schedules a meeting; only it may', async () => {
    const input = {
      title: 'Réunion de coordination Nord-Kivu (fictive)',
      province: 'NK',
      scheduledFor: new Date(Date.now() + 1000).toISOString(),
      participantAgencyTypes: ['POLICE', 'PROSECUTOR', 'MINING_AUTHORITY'],
      participantAgencyIds: [NGO.agencyId],
    };
    // The access policy refuses anyone but the coordination body before the domain is asked.
    expect(await refusal(POLICE, SCHEDULE, input)).toEqual({ code: 'FORBIDDEN', reason: 'access_policy' });
    expect(await refusal(APLT, SCHEDULE, { ...input, siteCode: 'SK-SHA-001' })).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: [{ field: 'siteCode' }],
    });
    const scheduled = await mutate<Payload>(APLT, SCHEDULE, input);
    expect(scheduled).toMatchObject({ status: 'SCHEDULED', revision: 0, replayed: false });
    firstMeetingId = scheduled.meetingId;
    firstMeetingAt = Date.parse(input.scheduledFor);
    expect((await meeting(firstMeetingId)).scheduledForLocal).toBe(formatKivuTime(input.scheduledFor));
  });

  it('3. its agenda lists, item by item, what the agencies recorded in North Kivu', async () => {
    // The deadline watcher escalates the overdue handoff within seconds.
    const view = await eventually(
      () => meeting(firstMeetingId),
      (m) => m.agenda.missedDeadlines.length > 0,
    );
    const { agenda } = view;
    expect(agenda.previousMeetingId).toBeNull();
    expect(Date.parse(agenda.since)).toBe(firstMeetingAt - 30 * DAY_MS);
    expect(agenda.overdueHandoffs).toEqual([
      expect.objectContaining({
        referralId: overdueReferralId,
        siteCode: RED_SITE,
        toAgencyId: POLICE.agencyId,
        declinedAt: null,
      }),
    ]);
    expect(agenda.declinedHandoffs).toEqual([
      expect.objectContaining({ referralId: declinedReferralId, siteCode: RED_SITE, toAgencyId: POLICE.agencyId }),
    ]);
    expect(agenda.missedDeadlines).toEqual([
      expect.objectContaining({
        kind: 'ReferralDeadlineMissed',
        subjectId: overdueReferralId,
        siteCode: RED_SITE,
        agencyId: POLICE.agencyId,
      }),
    ]);
    expect(agenda.upcomingHearings).toEqual([
      {
        hearingId,
        prosecutionId,
        jointCaseId: hearingCaseId,
        siteCode: RED_SITE,
        court: 'Tribunal de paix fictif de Masisi',
        scheduledFor: hearingAt,
        scheduledForLocal: formatKivuTime(hearingAt),
      },
    ]);
    expect(agenda.siteStatusChanges).toEqual([
      expect.objectContaining({ siteCode: RED_SITE, from: 'BLUE', to: 'RED', byAgencyId: SAEMAPE.agencyId }),
    ]);
    expect(agenda.levelOneIncidents).toEqual([{ incidentId, siteCode: RED_SITE, jointCaseId: null, open: true }]);
    expect(agenda.openActionPoints).toEqual([]);
    // No free text of another agency reaches the agenda.
    expect(JSON.stringify(agenda)).not.toMatch(/Outside our territory|Children carrying|Worst forms/);
  });

  it('3b. every agenda item can be said in words: references, site names, what was missed, the language', async () => {
    const WORDS = `query($id: ID!) { meeting(meetingId: $id) { language agenda {
      overdueHandoffs { reference caseReference siteName }
      declinedHandoffs { reference caseReference siteName }
      missedDeadlines { subjectKind subjectReference caseReference siteName }
      upcomingHearings { prosecutionReference caseReference siteName }
      siteStatusChanges { siteName }
      levelOneIncidents { siteName caseReference } } } }`;
    const referenceOf = async (referralId: string) =>
      (
        await as(APLT).ok<{ referral: { reference: string } }>(
          `query($id: ID!) { referral(referralId: $id) { reference } }`,
          { id: referralId },
        )
      ).referral.reference;
    const caseReferenceOf = async (jointCaseId: string) =>
      (
        await as(APLT).ok<{ case: { reference: string } }>(`query($id: ID!) { case(id: $id) { reference } }`, {
          id: jointCaseId,
        })
      ).case.reference;
    type Words = Record<string, Record<string, unknown>[]>;
    const { meeting: view } = await as(APLT).ok<{ meeting: { language: string; agenda: Words } }>(WORDS, {
      id: firstMeetingId,
    });
    // Scheduled without a language: French, the default.
    expect(view.language).toBe('FR');
    const overdueReference = await referenceOf(overdueReferralId);
    expect(overdueReference).toMatch(/^NK-\d{4}-\d{5}-R1$/);
    const overdueCase = overdueReference.replace(/-R1$/, '');
    expect(view.agenda['overdueHandoffs']).toEqual([
      { reference: overdueReference, caseReference: overdueCase, siteName: 'Kalimbi Fictif, pit 2' },
    ]);
    expect(view.agenda['declinedHandoffs']).toEqual([
      {
        reference: await referenceOf(declinedReferralId),
        caseReference: expect.stringMatching(/^NK-\d{4}-\d{5}$/),
        siteName: 'Kalimbi Fictif, pit 2',
      },
    ]);
    expect(view.agenda['missedDeadlines']).toEqual([
      {
        subjectKind: 'REFERRAL',
        subjectReference: overdueReference,
        caseReference: overdueCase,
        siteName: 'Kalimbi Fictif, pit 2',
      },
    ]);
    const hearingCase = await caseReferenceOf(hearingCaseId);
    expect(view.agenda['upcomingHearings']).toEqual([
      { prosecutionReference: `${hearingCase}-P1`, caseReference: hearingCase, siteName: 'Kalimbi Fictif, pit 2' },
    ]);
    expect(view.agenda['siteStatusChanges']).toEqual([{ siteName: 'Kalimbi Fictif, pit 2' }]);
    // An incident reported outside any case has no case to name.
    expect(view.agenda['levelOneIncidents']).toEqual([{ siteName: 'Kalimbi Fictif, pit 2', caseReference: null }]);
  });

  it('4. the meeting records action points and a decision; each owner finds its own in its queue', async () => {
    const policePoint = await mutate<Payload>(APLT, ACTION_POINT, {
      meetingId: firstMeetingId,
      description: 'Answer the overdue referral of pit 2',
      ownerAgencyId: POLICE.agencyId,
      ownerAgencyType: 'POLICE',
      dueBy: new Date(Date.now() + 2000).toISOString(),
      jointCaseId: hearingCaseId,
    });
    policePointId = policePoint.itemId ?? '';
    policePointDue = Date.now() + 2500;
    const saemapePoint = await mutate<Payload>(APLT, ACTION_POINT, {
      meetingId: firstMeetingId,
      description: 'Inspect pit 2 again before any review of its status',
      ownerAgencyId: SAEMAPE.agencyId,
      ownerAgencyType: 'MINING_AUTHORITY',
      dueBy: new Date(Date.now() + 10 * DAY_MS).toISOString(),
    });
    saemapePointId = saemapePoint.itemId ?? '';
    expect(
      await refusal(APLT, ACTION_POINT, {
        meetingId: firstMeetingId,
        description: 'Too late already',
        ownerAgencyId: POLICE.agencyId,
        ownerAgencyType: 'POLICE',
        dueBy: new Date(Date.now() - HOUR_MS).toISOString(),
      }),
    ).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field: 'dueBy', reason: 'must not be in the past' }] });

    const decided = await mutate<Payload>(APLT, DECISION, {
      meetingId: firstMeetingId,
      text: 'The parquet is asked to hear the case at the chambre foraine',
      jointCaseId: hearingCaseId,
    });
    expect(await refusal(POLICE, DECISION, { meetingId: firstMeetingId, text: 'x' })).toEqual({
      code: 'FORBIDDEN',
      reason: 'access_policy',
    });
    await mutate(APLT, MINUTES, { meetingId: firstMeetingId, text: 'Present: police, parquet, SAEMAPE, NGO.' });

    // The owner's queue: its own action points only, as a connection.
    const queue = await as(POLICE).ok<{ myActionPoints: { edges: { cursor: string; node: ActionPoint }[] } }>(
      MY_POINTS,
    );
    expect(queue.myActionPoints.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({ actionPointId: policePointId, status: 'OPEN', overdue: false }),
    ]);
    const other = await as(OTHER_POLICE).ok<{ myActionPoints: { edges: unknown[] } }>(MY_POINTS);
    expect(other.myActionPoints.edges).toEqual([]);
    // Only the owner (or the coordination body) completes an action point.
    expect(await refusal(POLICE, COMPLETE, { meetingId: firstMeetingId, actionPointId: saemapePointId })).toMatchObject(
      {
        code: 'RULE_VIOLATION',
        rule: 'only_owner_or_coordination_body',
      },
    );

    // The participants read the meeting; an agency that is neither participant nor owner does not.
    const seen = await meeting(firstMeetingId, SAEMAPE);
    expect(seen.actionPoints.map((p) => [p.actionPointId, p.ownerAgencyId])).toEqual([
      [policePointId, POLICE.agencyId],
      [saemapePointId, SAEMAPE.agencyId],
    ]);
    expect(seen.decisions).toEqual([
      {
        decisionId: decided.itemId,
        text: 'The parquet is asked to hear the case at the chambre foraine',
        jointCaseId: hearingCaseId,
      },
    ]);
    expect(seen.minutes).toEqual({ text: 'Present: police, parquet, SAEMAPE, NGO.' });
    expect((await meeting(firstMeetingId, OTHER_POLICE)).meetingId).toBe(firstMeetingId); // police take part
    const outsider = await as(USHINDI).request(MEETING, { id: firstMeetingId });
    expect(outsider.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const listed = await as(APLT).ok<{ meetings: { nodes: { meetingId: string }[] } }>(MEETINGS, {
      filter: { province: 'NK', upcoming: false, first: 1 },
    });
    expect(listed.meetings.nodes.map((m) => m.meetingId)).toEqual([firstMeetingId]);

    // Closed: nothing more is recorded, but action points are still followed up.
    await mutate(APLT, CLOSE, { meetingId: firstMeetingId });
    expect(await refusal(APLT, DECISION, { meetingId: firstMeetingId, text: 'One more thing' })).toMatchObject({
      code: 'RULE_VIOLATION',
      rule: 'meeting_closed',
    });
    const done = await mutate<Payload>(SAEMAPE, COMPLETE, { meetingId: firstMeetingId, actionPointId: saemapePointId });
    expect(done).toMatchObject({ status: 'CLOSED', itemId: saemapePointId });
  });

  it('5. the next meeting lists the action point still open, and only what changed since the first', async () => {
    // The first meeting takes place; afterwards the police answer late and a new site is verified.
    await sleep(Math.max(0, Math.max(firstMeetingAt, policePointDue) - Date.now() + 500));
    await as(POLICE).ok(ACCEPT, { input: { commandId: randomUUID(), referralId: overdueReferralId } });
    const newSite = await mutate<{ siteId: string }>(
      SAEMAPE,
      `mutation($input: RegisterMineSiteInput!) { registerMineSite(input: $input) { siteId } }`,
      {
        code: NEW_SITE,
        name: 'Rubaya Fictif',
        province: 'NORTH_KIVU',
        territory: 'MASISI',
        minerals: ['COLTAN'],
        latitude: -1.55,
        longitude: 28.9,
      },
    );
    await mutate(
      SAEMAPE,
      `mutation($input: ChangeMineSiteStatusInput!) { changeMineSiteStatus(input: $input) { status } }`,
      {
        siteId: newSite.siteId,
        to: 'GREEN',
      },
    );

    const second = await mutate<Payload>(APLT, SCHEDULE, {
      title: 'Réunion de suivi Nord-Kivu (fictive)',
      province: 'NK',
      scheduledFor: new Date(Date.now() + 3 * DAY_MS).toISOString(),
      participantAgencyTypes: ['POLICE', 'MINING_AUTHORITY'],
      language: 'SW',
    });
    expect(
      (
        await as(APLT).ok<{ meeting: { language: string } }>(
          `query($id: ID!) { meeting(meetingId: $id) { language } }`,
          {
            id: second.meetingId,
          },
        )
      ).meeting.language,
    ).toBe('SW');
    const { agenda } = await eventually(
      () => meeting(second.meetingId),
      (m) => m.agenda.missedDeadlines.length === 0,
    );
    expect(agenda.previousMeetingId).toBe(firstMeetingId);
    expect(Date.parse(agenda.since)).toBe(firstMeetingAt);
    // Answered late: neither overdue nor escalated any more. The decline and the red site were on the first.
    expect(agenda.overdueHandoffs).toEqual([]);
    expect(agenda.missedDeadlines).toEqual([]);
    expect(agenda.declinedHandoffs).toEqual([]);
    expect(agenda.levelOneIncidents).toEqual([]);
    expect(agenda.siteStatusChanges).toEqual([
      expect.objectContaining({ siteCode: NEW_SITE, from: 'BLUE', to: 'GREEN', byAgencyId: SAEMAPE.agencyId }),
    ]);
    // The hearing falls before this meeting, so it is not in the two weeks that follow it.
    expect(agenda.upcomingHearings).toEqual([]);
    // The police's action point is still open, and now past due; SAEMAPE's was completed.
    expect(agenda.openActionPoints).toEqual([
      expect.objectContaining({
        actionPointId: policePointId,
        meetingId: firstMeetingId,
        ownerAgencyId: POLICE.agencyId,
        status: 'OPEN',
        overdue: true,
      }),
    ]);

    // The police report it done: it leaves their queue and the next agenda.
    await mutate(POLICE, COMPLETE, { meetingId: firstMeetingId, actionPointId: policePointId });
    const queue = await as(POLICE).ok<{ myActionPoints: { edges: unknown[] } }>(MY_POINTS);
    expect(queue.myActionPoints.edges).toEqual([]);
    expect((await meeting(second.meetingId)).agenda.openActionPoints).toEqual([]);
    const upcoming = await as(APLT).ok<{ meetings: { nodes: { meetingId: string }[] } }>(MEETINGS, {
      filter: { province: 'NK', upcoming: true },
    });
    expect(upcoming.meetings.nodes.map((m) => m.meetingId)).toEqual([second.meetingId]);
  });
});
