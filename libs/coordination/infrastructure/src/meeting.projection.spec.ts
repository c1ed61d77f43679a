import { describe, expect, it } from '@jest/globals';
import { type Actor } from '@pamoja/contracts';
import { type MeetingEvent, meetingStreamId } from '@pamoja/coordination/domain';
import { ProjectionSpecification, type ProjectionEvent } from '@pamoja/testing';
import { meetingProjection } from './meeting.projection.js';
import { SqlMeetingReadModel } from './sql-meeting-read-model.js';

const COORDINATION: Actor = {
  userId: 'coordinator-1',
  agencyId: 'cpc-nord-kivu',
  agencyType: 'coordination_body',
  roles: ['coordinator'],
};
const POLICE = { agencyId: 'pnc-masisi', agencyType: 'police' } as const;
const PARQUET = { agencyId: 'parquet-goma', agencyType: 'prosecutor' } as const;
const NOW = new Date('2026-03-12T08:00:00.000Z');

/** A meeting event as the decider decides it, on the meeting's stream. */
const recorded = (event: MeetingEvent): ProjectionEvent => ({
  ...event,
  streamId: meetingStreamId(event.data.meetingId),
  actor: COORDINATION,
});

const scheduled = (meetingId: string, scheduledFor: string, participantAgencyIds = [POLICE.agencyId]) =>
  recorded({
    type: 'MeetingScheduled',
    schemaVersion: 2,
    data: {
      meetingId,
      title: 'Masisi case review',
      province: 'NK',
      siteCode: 'NK-MAS-014',
      scheduledFor,
      participantAgencyTypes: [],
      participantAgencyIds,
      language: 'fr',
      scheduledAt: '2026-03-01T08:00:00.000Z',
      byAgencyId: COORDINATION.agencyId,
    },
  });

const actionPoint = (actionPointId: string, dueBy: string) =>
  recorded({
    type: 'ActionPointRecorded',
    schemaVersion: 1,
    data: {
      meetingId: 'm1',
      actionPointId,
      description: 'Transmit the case file',
      ownerAgencyId: PARQUET.agencyId,
      ownerAgencyType: PARQUET.agencyType,
      dueBy,
      jointCaseId: 'case-1',
      recordedAt: '2026-03-10T10:00:00.000Z',
      byAgencyId: COORDINATION.agencyId,
    },
  });

const asPolice = { agencyId: POLICE.agencyId, agencyType: POLICE.agencyType };
const asParquet = { agencyId: PARQUET.agencyId, agencyType: PARQUET.agencyType };
const asOutsider = { agencyId: 'ngo-elsewhere', agencyType: 'first_responder' };

describe('the meetings projection', () => {
  const spec = ProjectionSpecification.for(meetingProjection, { readModel: (db) => new SqlMeetingReadModel(db) });

  it('shows a scheduled meeting to its participants and the coordination body, and to no one else', () =>
    spec
      .given()
      .when(scheduled('m1', '2026-03-10T08:00:00.000Z'))
      .then(async (meetings) => {
        expect(await meetings.meeting('m1', asPolice)).toMatchObject({
          meetingId: 'm1',
          status: 'scheduled',
          siteCode: 'NK-MAS-014',
          scheduledFor: new Date('2026-03-10T08:00:00.000Z'),
        });
        expect(
          await meetings.meeting('m1', { agencyId: 'cpc-sud-kivu', agencyType: 'coordination_body' }),
        ).toBeDefined();
        expect(await meetings.meeting('m1', asOutsider)).toBeUndefined();
      }));

  it('lists upcoming meetings soonest first, and past ones latest first', () =>
    spec
      .given(scheduled('past', '2026-03-05T08:00:00.000Z'), scheduled('later', '2026-03-30T08:00:00.000Z'))
      .when(scheduled('sooner', '2026-03-20T08:00:00.000Z'))
      .then(async (meetings) => {
        const upcoming = await meetings.meetings({ upcoming: true, now: NOW, limit: 10, after: null }, asPolice);
        expect(upcoming.map((m) => m.meetingId)).toEqual(['sooner', 'later']);
        const all = await meetings.meetings({ upcoming: false, now: NOW, limit: 10, after: null }, asPolice);
        expect(all.map((m) => m.meetingId)).toEqual(['later', 'sooner', 'past']);
      }));

  it('gives an action point to its owner, who then reads the meeting, until it is completed', async () => {
    await spec
      .given(scheduled('m1', '2026-03-10T08:00:00.000Z'))
      .when(actionPoint('ap1', '2026-03-11T08:00:00.000Z'), actionPoint('ap2', '2026-03-20T08:00:00.000Z'))
      .then(async (meetings) => {
        const mine = await meetings.myActionPoints({
          ownerAgencyId: PARQUET.agencyId,
          openOnly: true,
          dueBefore: null,
          now: NOW,
          limit: 10,
          after: null,
        });
        expect(mine.map((p) => [p.actionPointId, p.status, p.overdue])).toEqual([
          ['ap1', 'open', true],
          ['ap2', 'open', false],
        ]);
        expect(await meetings.meeting('m1', asParquet)).toBeDefined();
      });
    await spec
      .given(scheduled('m1', '2026-03-10T08:00:00.000Z'), actionPoint('ap1', '2026-03-11T08:00:00.000Z'))
      .when(
        recorded({
          type: 'ActionPointCompleted',
          schemaVersion: 1,
          data: {
            meetingId: 'm1',
            actionPointId: 'ap1',
            completedAt: '2026-03-11T07:00:00.000Z',
            byAgencyId: PARQUET.agencyId,
          },
        }),
      )
      .then(async (meetings) => {
        const open = { ownerAgencyId: PARQUET.agencyId, dueBefore: null, now: NOW, limit: 10, after: null };
        expect(await meetings.myActionPoints({ ...open, openOnly: true })).toEqual([]);
        expect(await meetings.actionPoints('m1', NOW)).toMatchObject([
          { actionPointId: 'ap1', status: 'completed', overdue: false, completedByAgencyId: PARQUET.agencyId },
        ]);
      });
  });

  it('keeps the decisions in the order recorded and the latest minutes, and closes the meeting', () =>
    spec
      .given(scheduled('m1', '2026-03-10T08:00:00.000Z'))
      .when(
        recorded({
          type: 'DecisionRecorded',
          schemaVersion: 1,
          data: {
            meetingId: 'm1',
            decisionId: 'd2',
            text: 'Ushindi takes the two children in.',
            jointCaseId: 'case-1',
            recordedAt: '2026-03-10T09:00:00.000Z',
            byAgencyId: COORDINATION.agencyId,
          },
        }),
        recorded({
          type: 'DecisionRecorded',
          schemaVersion: 1,
          data: {
            meetingId: 'm1',
            decisionId: 'd1',
            text: 'The police visit the site this week.',
            jointCaseId: null,
            recordedAt: '2026-03-10T09:10:00.000Z',
            byAgencyId: COORDINATION.agencyId,
          },
        }),
        recorded({
          type: 'MinutesRecorded',
          schemaVersion: 1,
          data: {
            meetingId: 'm1',
            text: 'Draft',
            recordedAt: '2026-03-10T10:00:00.000Z',
            byAgencyId: COORDINATION.agencyId,
          },
        }),
        recorded({
          type: 'MinutesRecorded',
          schemaVersion: 1,
          data: {
            meetingId: 'm1',
            text: 'Final minutes',
            recordedAt: '2026-03-10T11:00:00.000Z',
            byAgencyId: COORDINATION.agencyId,
          },
        }),
        recorded({
          type: 'MeetingClosed',
          schemaVersion: 1,
          data: { meetingId: 'm1', closedAt: '2026-03-10T12:00:00.000Z', byAgencyId: COORDINATION.agencyId },
        }),
      )
      .then(async (meetings) => {
        expect((await meetings.decisions('m1')).map((d) => d.decisionId)).toEqual(['d2', 'd1']);
        expect(await meetings.minutes('m1')).toMatchObject({ text: 'Final minutes' });
        expect(await meetings.meeting('m1', asPolice)).toMatchObject({
          status: 'closed',
          closedAt: new Date('2026-03-10T12:00:00.000Z'),
        });
      }));
});
