import { describe, expect, it } from '@jest/globals';
import { type RecordedEvent } from '@pamoja/contracts';
import {
  DEADLINES_SCHEMA,
  deadlinesProjection,
  dueDeadlines,
  migrate,
  PgliteDatabase,
  type DeadlineRule,
} from '@pamoja/event-store';
import { ProjectionSpecification, type ProjectionEvent } from '../projection-specification.js';

/** A field of the toy events' data ('' when absent). */
const field = (event: RecordedEvent, name: string): string => (event.data as Record<string, string>)[name] ?? '';

/** A handoff must be answered by its due time; an answer or a recorded miss closes it. */
const handoffs: DeadlineRule = {
  kind: 'handoff',
  eventTypes: ['HandoffSent', 'HandoffAnswered', 'HandoffMissed'],
  opened: (e) =>
    e.type === 'HandoffSent'
      ? [
          {
            key: `handoff:${e.streamId}`,
            kind: 'handoff',
            dueAt: field(e, 'dueBy'),
            streamId: e.streamId,
            jointCaseId: e.metadata.jointCaseId,
            agencyId: field(e, 'to'),
          },
        ]
      : [],
  closed: (e) => (e.type === 'HandoffSent' ? [] : [`handoff:${e.streamId}`]),
};

/** A hearing must be recorded as held by its date; moving it closes the old date's deadline and opens the new one. */
const hearings: DeadlineRule = {
  kind: 'hearing',
  eventTypes: ['HearingScheduled', 'HearingMoved', 'HearingHeld'],
  opened: (e) =>
    e.type === 'HearingHeld'
      ? []
      : [
          {
            key: `hearing:${field(e, 'hearingId')}:${field(e, 'on')}`,
            kind: 'hearing',
            dueAt: field(e, 'on'),
            streamId: e.streamId,
            jointCaseId: e.metadata.jointCaseId,
            agencyId: 'parquet-goma',
          },
        ],
  closed: (e) => (e.type === 'HearingScheduled' ? [] : [`hearing:${field(e, 'hearingId')}:${field(e, 'was')}`]),
};

const sent = (handoff: string, dueBy: string): ProjectionEvent => ({
  type: 'HandoffSent',
  data: { dueBy, to: 'pnc-masisi' },
  streamId: `handoff-${handoff}`,
  jointCaseId: 'case-1',
});
const answered = (handoff: string): ProjectionEvent => ({
  type: 'HandoffAnswered',
  data: {},
  streamId: `handoff-${handoff}`,
});
const hearing = (type: string, on: string, was = ''): ProjectionEvent => ({
  type,
  data: { hearingId: 'h1', on, was },
  streamId: 'prosecution-p1',
  jointCaseId: 'case-1',
});

const LATER = new Date('2026-06-01T00:00:00.000Z');

describe('the deadlines projection', () => {
  const spec = ProjectionSpecification.for(deadlinesProjection([handoffs, hearings]));

  it('raises an unanswered handoff once its due time has come, and not before', () =>
    spec
      .given()
      .when(sent('a', '2026-03-03T08:00:00.000Z'))
      .then(async (db, { events }) => {
        expect(await dueDeadlines(db, new Date('2026-03-03T07:59:59.000Z'))).toEqual([]);
        expect(await dueDeadlines(db, new Date('2026-03-03T08:00:00.000Z'))).toEqual([
          {
            key: 'handoff:handoff-a',
            kind: 'handoff',
            dueAt: '2026-03-03T08:00:00.000Z',
            streamId: 'handoff-a',
            jointCaseId: 'case-1',
            agencyId: 'pnc-masisi',
            openedAt: events[0]?.recordedAt,
          },
        ]);
      }));

  it('closes a deadline that is answered; an answer seen twice or a repeated send does not reopen it', () =>
    spec
      .given(sent('a', '2026-03-03T08:00:00.000Z'), sent('b', '2026-03-04T08:00:00.000Z'))
      .when(answered('a'), sent('a', '2026-03-03T08:00:00.000Z'))
      .then(async (db) => {
        expect((await dueDeadlines(db, LATER)).map((d) => d.key)).toEqual(['handoff:handoff-b']);
      }));

  it('lists due deadlines oldest first, of the kinds asked for', () =>
    spec
      .given(sent('late', '2026-03-05T08:00:00.000Z'), hearing('HearingScheduled', '2026-03-04T17:00:00.000Z'))
      .when(sent('early', '2026-03-02T08:00:00.000Z'))
      .then(async (db) => {
        expect((await dueDeadlines(db, LATER)).map((d) => d.key)).toEqual([
          'handoff:handoff-early',
          'hearing:h1:2026-03-04T17:00:00.000Z',
          'handoff:handoff-late',
        ]);
        expect((await dueDeadlines(db, LATER, 100, ['hearing'])).map((d) => d.key)).toEqual([
          'hearing:h1:2026-03-04T17:00:00.000Z',
        ]);
        expect(await dueDeadlines(db, LATER, 1)).toHaveLength(1);
      }));

  it("closes a moved hearing's old date and opens the new one in the same event; held, none is left", async () => {
    await spec
      .given(hearing('HearingScheduled', '2026-03-04T17:00:00.000Z'))
      .when(hearing('HearingMoved', '2026-03-20T17:00:00.000Z', '2026-03-04T17:00:00.000Z'))
      .then(async (db) => {
        expect((await dueDeadlines(db, LATER)).map((d) => d.dueAt)).toEqual(['2026-03-20T17:00:00.000Z']);
      });
    await spec
      .given(
        hearing('HearingScheduled', '2026-03-04T17:00:00.000Z'),
        hearing('HearingMoved', '2026-03-20T17:00:00.000Z', '2026-03-04T17:00:00.000Z'),
      )
      .when(hearing('HearingHeld', '', '2026-03-20T17:00:00.000Z'))
      .then(async (db) => {
        expect(await dueDeadlines(db, LATER)).toEqual([]);
      });
  });
});

describe('the deadlines of several services in one table', () => {
  it("a service's rebuild empties only the deadlines of its own kinds", async () => {
    const db = await PgliteDatabase.open();
    try {
      const referrals = deadlinesProjection([handoffs], 'referrals.deadlines');
      const prosecutions = deadlinesProjection([hearings], 'prosecutions.deadlines');
      await migrate(db, DEADLINES_SCHEMA, referrals.migrations);
      const [handoff, hearingScheduled] = [
        sent('a', '2026-03-03T08:00:00.000Z'),
        hearing('HearingScheduled', '2026-03-04T17:00:00.000Z'),
      ];
      const recorded = (e: ProjectionEvent, position: number): RecordedEvent => ({
        eventId: `e${position}`,
        type: e.type,
        schemaVersion: 1,
        data: e.data,
        streamId: e.streamId,
        streamRevision: 0,
        transactionId: position,
        globalPosition: position,
        recordedAt: new Date('2026-03-01T08:00:00.000Z'),
        metadata: {
          actor: { userId: 'u1', agencyId: 'a1', agencyType: 'police', roles: [] },
          correlationId: 'c',
          causationId: null,
          jointCaseId: 'case-1',
          occurredAt: '2026-03-01T08:00:00.000Z',
        },
      });
      await db.transaction(async (tx) => {
        await referrals.apply(tx, recorded(handoff, 1));
        await prosecutions.apply(tx, recorded(hearingScheduled, 2));
        await referrals.reset(tx);
      });
      expect((await dueDeadlines(db, LATER)).map((d) => d.kind)).toEqual(['hearing']);
    } finally {
      await db.close();
    }
  });
});
