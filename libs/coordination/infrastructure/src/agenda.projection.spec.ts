import { type SuspendedAgency } from '@pamoja/coordination/application';
import { describe, expect, it } from '@jest/globals';
import { type Actor, DEADLINE_WATCHER_ACTOR, type DomainEvent } from '@pamoja/contracts';
import { meetingStreamId, type MeetingScheduled } from '@pamoja/coordination/domain';
import {
  prosecutionStreamId,
  type HearingCancelled,
  type HearingHeld,
  type HearingRescheduled,
  type HearingScheduled,
} from '@pamoja/prosecutions/domain';
import {
  referralStreamId,
  type ReferralAccepted,
  type ReferralDeadlineMissed,
  type ReferralDeclined,
  type ReferralSubmitted,
} from '@pamoja/referrals/domain';
import {
  mineSiteStreamId,
  siteIncidentStreamId,
  type MineSiteRegistered,
  type MineSiteStatusChanged,
  type SiteIncidentClassified,
  type SiteIncidentReported,
} from '@pamoja/sites/domain';
import { ProjectionSpecification, sharedFromLog, type ProjectionEvent } from '@pamoja/testing';
import { agendaProjection } from './agenda.projection.js';
import { jointCaseProjection } from './joint-case.projection.js';
import { meetingProjection } from './meeting.projection.js';
import { SqlMeetingReadModel } from './sql-meeting-read-model.js';

const CASE = 'c0a80000-0000-4000-8000-0000000000d1';
const SITE = { siteId: 'site-nk-mas-014', code: 'NK-MAS-014' };
const NGO: Actor = {
  userId: 'fw-1',
  agencyId: 'ngo-kivu-hope',
  agencyType: 'first_responder',
  roles: ['field_worker'],
};
const POLICE: Actor = { userId: 'officer-1', agencyId: 'pnc-masisi', agencyType: 'police', roles: ['officer'] };
const PARQUET: Actor = { userId: 'mag-1', agencyId: 'parquet-goma', agencyType: 'prosecutor', roles: ['prosecutor'] };
const SAEMAPE: Actor = {
  userId: 'insp-1',
  agencyId: 'saemape-goma',
  agencyType: 'mining_authority',
  roles: ['inspector'],
};
const COORDINATION: Actor = {
  userId: 'coordinator-1',
  agencyId: 'cpc-nord-kivu',
  agencyType: 'coordination_body',
  roles: ['coordinator'],
};
/** The agenda is read just before the meeting. */
const NOW = new Date('2026-03-15T08:00:00.000Z');

/** An event as its context's log records it. */
const logged = (event: DomainEvent, streamId: string, actor: Actor, jointCaseId: string | null): ProjectionEvent => ({
  ...event,
  streamId,
  actor,
  jointCaseId,
});

const meeting = (siteCode: string | null): ProjectionEvent =>
  logged(
    {
      type: 'MeetingScheduled',
      schemaVersion: 2,
      data: {
        meetingId: 'm1',
        title: 'Masisi monthly review',
        province: 'NK',
        siteCode,
        scheduledFor: '2026-03-20T08:00:00.000Z',
        participantAgencyTypes: ['police', 'prosecutor'],
        participantAgencyIds: [],
        language: 'fr',
        scheduledAt: '2026-03-01T08:00:00.000Z',
        byAgencyId: COORDINATION.agencyId,
      },
    } satisfies MeetingScheduled,
    meetingStreamId('m1'),
    COORDINATION,
    null,
  );

const submitted = (referralId: string, siteCode: string, dueBy = '2026-03-05T08:00:00.000Z'): ProjectionEvent =>
  logged(
    {
      type: 'ReferralSubmitted',
      schemaVersion: 2,
      data: {
        referralId,
        jointCaseId: CASE,
        jointCase: 'opened',
        subject: { isChild: false, personId: null },
        childProtectionBasis: false,
        site: { code: siteCode, description: null },
        indicators: ['debt_bondage'],
        childLabourFlags: [],
        urgency: 'urgent',
        fromAgencyId: NGO.agencyId,
        fromAgencyType: 'first_responder',
        toAgencyId: POLICE.agencyId,
        toAgencyType: 'police',
        submittedAt: '2026-03-03T08:00:00.000Z',
        dueBy,
        summary: 'Diggers held for a debt.',
      },
    } satisfies ReferralSubmitted,
    referralStreamId(referralId),
    NGO,
    CASE,
  );

const accepted = (referralId: string): ProjectionEvent =>
  logged(
    {
      type: 'ReferralAccepted',
      schemaVersion: 1,
      data: { referralId, byAgencyId: POLICE.agencyId, acceptedAt: '2026-03-04T08:00:00.000Z', note: null },
    } satisfies ReferralAccepted,
    referralStreamId(referralId),
    POLICE,
    CASE,
  );

const declined = (referralId: string): ProjectionEvent =>
  logged(
    {
      type: 'ReferralDeclined',
      schemaVersion: 1,
      data: { referralId, byAgencyId: POLICE.agencyId, declinedAt: '2026-03-06T08:00:00.000Z', reason: 'No team.' },
    } satisfies ReferralDeclined,
    referralStreamId(referralId),
    POLICE,
    CASE,
  );

const hearing = (hearingId: string, scheduledFor: string): ProjectionEvent =>
  logged(
    {
      type: 'HearingScheduled',
      schemaVersion: 1,
      data: {
        prosecutionId: 'p1',
        hearingId,
        court: 'Tribunal de grande instance de Goma',
        scheduledFor,
        purpose: 'trial',
        scheduledAt: '2026-03-07T08:00:00.000Z',
      },
    } satisfies HearingScheduled,
    prosecutionStreamId('p1'),
    PARQUET,
    CASE,
  );

const registered = logged(
  {
    type: 'MineSiteRegistered',
    schemaVersion: 1,
    data: {
      siteId: SITE.siteId,
      code: SITE.code,
      name: 'Rubaya pit 14',
      province: 'north_kivu',
      territory: 'masisi',
      minerals: ['coltan'],
      latitude: -1.55,
      longitude: 28.88,
      status: 'blue',
      registeredAt: '2026-01-10T08:00:00.000Z',
      byAgencyId: SAEMAPE.agencyId,
    },
  } satisfies MineSiteRegistered,
  mineSiteStreamId(SITE.siteId),
  SAEMAPE,
  null,
);

const agendaOf = async (meetings: SqlMeetingReadModel, suspended: readonly SuspendedAgency[] = []) => {
  const view = await meetings.meeting('m1', { agencyId: COORDINATION.agencyId, agencyType: 'coordination_body' });
  if (!view) throw new Error('the meeting is not in the read model');
  return meetings.agenda(view, NOW, suspended);
};

describe('the agenda projection', () => {
  // The agenda reads the meetings and the joint case's escalations too; both are fed the same log.
  const spec = ProjectionSpecification.for(sharedFromLog(agendaProjection), {
    alongside: [meetingProjection, sharedFromLog(jointCaseProjection)],
    readModel: (db) => new SqlMeetingReadModel(db),
  });

  it("puts the site's unanswered handoffs past their due time on the agenda, and the declined ones", () =>
    spec
      .given(meeting(SITE.code), submitted('r-late', SITE.code), submitted('r-answered', SITE.code))
      .when(
        accepted('r-answered'),
        submitted('r-declined', SITE.code, '2026-03-30T08:00:00.000Z'),
        declined('r-declined'),
        submitted('r-not-due', SITE.code, '2026-03-30T08:00:00.000Z'),
        submitted('r-elsewhere', 'NK-WAL-001'),
      )
      .then(async (meetings) => {
        const agenda = await agendaOf(meetings);
        expect(agenda.overdueHandoffs.map((h) => [h.referralId, h.siteCode, h.toAgencyId])).toEqual([
          ['r-late', SITE.code, POLICE.agencyId],
        ]);
        expect(agenda.declinedHandoffs).toMatchObject([
          { referralId: 'r-declined', declinedAt: new Date('2026-03-06T08:00:00.000Z') },
        ]);
      }));

  it('puts the handoffs still open with a suspended agency on the agenda, whatever their due time', () =>
    spec
      .given(meeting(SITE.code), submitted('r-open', SITE.code, '2026-03-30T08:00:00.000Z'))
      .when(
        submitted('r-accepted', SITE.code),
        accepted('r-accepted'),
        submitted('r-declined', SITE.code),
        declined('r-declined'),
        submitted('r-elsewhere', 'NK-WAL-001'),
      )
      .then(async (meetings) => {
        const suspended = [
          { agencyId: POLICE.agencyId, suspendedAt: new Date('2026-03-01T08:00:00.000Z'), reason: 'audit' },
        ];
        const agenda = await agendaOf(meetings, suspended);
        // Accepted and not completed is still open with the suspended police; the declined one is closed.
        expect(agenda.suspendedAgencyHandoffs.map((h) => [h.referralId, h.suspendedAgencyId])).toEqual([
          ['r-accepted', POLICE.agencyId],
          ['r-open', POLICE.agencyId],
        ]);
        expect((await agendaOf(meetings)).suspendedAgencyHandoffs).toEqual([]);
      }));

  it('lists the missed deadlines still unanswered', () =>
    spec
      .given(meeting(SITE.code), submitted('r-late', SITE.code))
      .when(
        logged(
          {
            type: 'ReferralDeadlineMissed',
            schemaVersion: 1,
            data: {
              referralId: 'r-late',
              dueBy: '2026-03-05T08:00:00.000Z',
              missedAt: '2026-03-05T08:00:05.000Z',
              toAgencyId: POLICE.agencyId,
              escalatedTo: 'coordination_body',
            },
          } satisfies ReferralDeadlineMissed,
          referralStreamId('r-late'),
          DEADLINE_WATCHER_ACTOR,
          CASE,
        ),
      )
      .then(async (meetings) => {
        expect((await agendaOf(meetings)).missedDeadlines).toMatchObject([
          { subjectId: 'r-late', jointCaseId: CASE, siteCode: SITE.code },
        ]);
      }));

  it("lists the hearings of the site's cases in the two weeks after the meeting, unless already held", () =>
    spec
      .given(meeting(SITE.code), submitted('r1', SITE.code))
      .when(
        hearing('h-soon', '2026-03-25T08:00:00.000Z'),
        hearing('h-held', '2026-03-26T08:00:00.000Z'),
        logged(
          {
            type: 'HearingHeld',
            schemaVersion: 1,
            data: { prosecutionId: 'p1', hearingId: 'h-held', heldAt: '2026-03-26T09:00:00.000Z', outcome: 'heard' },
          } satisfies HearingHeld,
          prosecutionStreamId('p1'),
          PARQUET,
          CASE,
        ),
        hearing('h-far', '2026-05-01T08:00:00.000Z'),
      )
      .then(async (meetings) => {
        expect((await agendaOf(meetings)).upcomingHearings).toMatchObject([
          { hearingId: 'h-soon', prosecutionId: 'p1', jointCaseId: CASE, siteCode: SITE.code },
        ]);
      }));

  it('follows a hearing moved into or out of the two weeks, and drops a cancelled one', () =>
    spec
      .given(meeting(SITE.code), submitted('r1', SITE.code))
      .when(
        hearing('h-moved-in', '2026-05-01T08:00:00.000Z'),
        hearing('h-moved-out', '2026-03-24T08:00:00.000Z'),
        hearing('h-cancelled', '2026-03-25T08:00:00.000Z'),
        logged(
          {
            type: 'HearingRescheduled',
            schemaVersion: 1,
            data: {
              prosecutionId: 'p1',
              hearingId: 'h-moved-in',
              scheduledFor: '2026-03-27T08:00:00.000Z',
              previousScheduledFor: '2026-05-01T08:00:00.000Z',
              court: 'Tribunal de paix de Masisi',
              reason: 'Audience avancée',
              rescheduledAt: '2026-03-10T08:00:00.000Z',
            },
          } satisfies HearingRescheduled,
          prosecutionStreamId('p1'),
          PARQUET,
          CASE,
        ),
        logged(
          {
            type: 'HearingRescheduled',
            schemaVersion: 1,
            data: {
              prosecutionId: 'p1',
              hearingId: 'h-moved-out',
              scheduledFor: '2026-06-01T08:00:00.000Z',
              previousScheduledFor: '2026-03-24T08:00:00.000Z',
              court: 'Tribunal de grande instance de Goma',
              reason: 'Renvoi',
              rescheduledAt: '2026-03-10T08:00:00.000Z',
            },
          } satisfies HearingRescheduled,
          prosecutionStreamId('p1'),
          PARQUET,
          CASE,
        ),
        logged(
          {
            type: 'HearingCancelled',
            schemaVersion: 1,
            data: {
              prosecutionId: 'p1',
              hearingId: 'h-cancelled',
              scheduledFor: '2026-03-25T08:00:00.000Z',
              reason: 'Jonction',
              cancelledAt: '2026-03-10T08:00:00.000Z',
            },
          } satisfies HearingCancelled,
          prosecutionStreamId('p1'),
          PARQUET,
          CASE,
        ),
      )
      .then(async (meetings) => {
        expect((await agendaOf(meetings)).upcomingHearings).toMatchObject([
          { hearingId: 'h-moved-in', court: 'Tribunal de paix de Masisi', siteCode: SITE.code },
        ]);
      }));

  it('follows a hearing moved several times in a row to its last date and court', () => {
    const moved = (hearingId: string, from: string, to: string, court: string): ProjectionEvent =>
      logged(
        {
          type: 'HearingRescheduled',
          schemaVersion: 1,
          data: {
            prosecutionId: 'p1',
            hearingId,
            scheduledFor: to,
            previousScheduledFor: from,
            court,
            reason: 'Renvoi',
            rescheduledAt: '2026-03-10T08:00:00.000Z',
          },
        } satisfies HearingRescheduled,
        prosecutionStreamId('p1'),
        PARQUET,
        CASE,
      );
    // Each hearing's moves in one page: only the last one counts, whatever came before it.
    return spec
      .given(meeting(SITE.code), submitted('r1', SITE.code))
      .when(
        hearing('h-back-in', '2026-03-25T08:00:00.000Z'),
        hearing('h-out-again', '2026-05-01T08:00:00.000Z'),
        moved('h-back-in', '2026-03-25T08:00:00.000Z', '2026-05-02T08:00:00.000Z', 'Tribunal de paix de Goma'),
        moved('h-out-again', '2026-05-01T08:00:00.000Z', '2026-03-26T08:00:00.000Z', 'Tribunal de paix de Goma'),
        moved('h-back-in', '2026-05-02T08:00:00.000Z', '2026-03-27T08:00:00.000Z', 'Tribunal de paix de Masisi'),
        moved('h-out-again', '2026-03-26T08:00:00.000Z', '2026-05-03T08:00:00.000Z', 'Tribunal de paix de Masisi'),
      )
      .then(async (meetings) => {
        expect((await agendaOf(meetings)).upcomingHearings).toMatchObject([
          {
            hearingId: 'h-back-in',
            scheduledFor: new Date('2026-03-27T08:00:00.000Z'),
            court: 'Tribunal de paix de Masisi',
          },
        ]);
      });
  });

  it("lists the site's status changes and its level-1 incidents since the previous meeting", () =>
    spec
      .given(meeting(null), registered)
      .when(
        logged(
          {
            type: 'MineSiteStatusChanged',
            schemaVersion: 1,
            data: {
              siteId: SITE.siteId,
              from: 'blue',
              to: 'red',
              reason: 'Children found at the pit',
              remediationDeadline: null,
              changedAt: '2026-03-08T08:00:00.000Z',
              byAgencyId: SAEMAPE.agencyId,
            },
          } satisfies MineSiteStatusChanged,
          mineSiteStreamId(SITE.siteId),
          SAEMAPE,
          null,
        ),
        logged(
          {
            type: 'SiteIncidentReported',
            schemaVersion: 1,
            data: {
              incidentId: 'i1',
              siteId: SITE.siteId,
              jointCaseId: CASE,
              source: 'sms',
              description: 'Armed men at the pit',
              reportedAt: '2026-03-09T06:00:00.000Z',
              byAgencyId: SAEMAPE.agencyId,
            },
          } satisfies SiteIncidentReported,
          siteIncidentStreamId('i1'),
          SAEMAPE,
          CASE,
        ),
        logged(
          {
            type: 'SiteIncidentClassified',
            schemaVersion: 2,
            data: {
              incidentId: 'i1',
              level: 1,
              previousLevel: null,
              category: null,
              classifiedAt: '2026-03-09T08:00:00.000Z',
              byAgencyId: SAEMAPE.agencyId,
            },
          } satisfies SiteIncidentClassified,
          siteIncidentStreamId('i1'),
          SAEMAPE,
          CASE,
        ),
      )
      .then(async (meetings) => {
        const agenda = await agendaOf(meetings);
        expect(agenda.siteStatusChanges).toMatchObject([{ siteCode: SITE.code, from: 'blue', to: 'red' }]);
        expect(agenda.levelOneIncidents).toMatchObject([{ incidentId: 'i1', siteCode: SITE.code, status: 'open' }]);
      }));
});
