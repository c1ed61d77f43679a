import { describe, expect, it } from '@jest/globals';
import { type ProsecutionEvent, prosecutionStreamId } from '@pamoja/prosecutions/domain';
import { ProjectionSpecification, type ProjectionEvent } from '@pamoja/testing';
import { prosecutionsProjection } from './prosecutions.projection.js';
import { SqlProsecutionReadModel } from './sql-prosecution-read-model.js';

const CASE = 'c0a80000-0000-4000-8000-0000000000f1';
const PARQUET = 'parquet-goma';
const PROSECUTOR = {
  userId: 'magistrate-1',
  agencyId: PARQUET,
  agencyType: 'prosecutor',
  roles: ['prosecutor'],
} as const;

/** A prosecution event as the decider decides it, on its stream, in the joint case. */
const recorded = (event: ProsecutionEvent): ProjectionEvent => ({
  ...event,
  streamId: prosecutionStreamId(event.data.prosecutionId),
  actor: PROSECUTOR,
  jointCaseId: CASE,
});

const received = (prosecutionId = 'p1'): ProjectionEvent =>
  recorded({
    type: 'CaseFileReceived',
    schemaVersion: 1,
    data: {
      prosecutionId,
      jointCaseId: CASE,
      caseFileId: `file-${prosecutionId}`,
      investigationId: 'v1',
      fromPoliceAgencyId: 'pnc-masisi',
      officeAgencyId: PARQUET,
      receivedAt: '2026-04-01T08:00:00.000Z',
      suspects: [{ suspectId: 's1', role: 'recruiter' }],
    },
  });

const charged = recorded({
  type: 'ChargesFiled',
  schemaVersion: 1,
  data: {
    prosecutionId: 'p1',
    chargeId: 'ch1',
    suspectId: 's1',
    offence: 'forced_labour',
    legalBasis: 'Code pénal, art. 174j',
    filedAt: '2026-04-02T08:00:00.000Z',
  },
});

const scheduled = (hearingId: string, scheduledFor: string): ProjectionEvent =>
  recorded({
    type: 'HearingScheduled',
    schemaVersion: 1,
    data: {
      prosecutionId: 'p1',
      hearingId,
      court: 'Tribunal de grande instance de Goma',
      scheduledFor,
      purpose: 'trial',
      scheduledAt: '2026-04-03T08:00:00.000Z',
    },
  });

const held = (hearingId: string): ProjectionEvent =>
  recorded({
    type: 'HearingHeld',
    schemaVersion: 1,
    data: { prosecutionId: 'p1', hearingId, heldAt: '2026-05-10T10:00:00.000Z', outcome: 'adjourned' },
  });

const convicted = recorded({
  type: 'VerdictRendered',
  schemaVersion: 1,
  data: { prosecutionId: 'p1', chargeId: 'ch1', verdict: 'convicted', renderedAt: '2026-06-01T08:00:00.000Z' },
});

const closed = recorded({
  type: 'ProsecutionClosed',
  schemaVersion: 1,
  data: { prosecutionId: 'p1', reason: 'withdrawn', note: null, closedAt: '2026-05-01T08:00:00.000Z' },
});

const window = { until: new Date('2026-12-31T00:00:00.000Z'), limit: 10 };

describe('the prosecutions projection', () => {
  const spec = ProjectionSpecification.for(prosecutionsProjection, {
    readModel: (db) => new SqlProsecutionReadModel(db),
  });

  it("lists a received case file in the office's prosecutions, awaiting charges", () =>
    spec
      .given()
      .when(received())
      .then(async (prosecutions) => {
        expect(await prosecutions.list(PARQUET, { limit: 10 })).toMatchObject([
          { prosecutionId: 'p1', jointCaseId: CASE, status: 'case_file_received', chargeCount: 0 },
        ]);
        expect(await prosecutions.list('parquet-bukavu', { limit: 10 })).toEqual([]);
      }));

  it('shows a scheduled hearing among the upcoming ones until it is held', () =>
    spec
      .given(
        received(),
        charged,
        scheduled('h1', '2026-05-10T08:00:00.000Z'),
        scheduled('h2', '2026-06-20T08:00:00.000Z'),
      )
      .when(held('h1'))
      .then(async (prosecutions) => {
        const upcoming = await prosecutions.upcomingHearings(PARQUET, window);
        expect(upcoming.map((h) => h.hearingId)).toEqual(['h2']);
        expect(await prosecutions.byId('p1')).toMatchObject({
          status: 'in_trial',
          hearingCount: 2,
          hearingsHeldCount: 1,
          hearings: [
            { hearingId: 'h1', heldAt: new Date('2026-05-10T10:00:00.000Z'), outcome: 'adjourned' },
            { hearingId: 'h2', heldAt: null, outcome: null },
          ],
        });
      }));

  it('lists upcoming hearings soonest first, within the window asked for, after those awaiting an outcome', () =>
    spec
      .given(received(), charged)
      .when(
        scheduled('h-late', '2027-02-01T08:00:00.000Z'),
        scheduled('h2', '2026-06-20T08:00:00.000Z'),
        scheduled('h1', '2026-05-10T08:00:00.000Z'),
        scheduled('h-past', '2026-04-10T08:00:00.000Z'),
      )
      .then(async (prosecutions) => {
        const upcoming = await prosecutions.upcomingHearings(PARQUET, window);
        // A hearing whose date passed with nothing recorded does not drop out: it comes first, until the office
        // records it held, moved or cancelled.
        expect(upcoming.map((h) => [h.hearingId, h.jointCaseId])).toEqual([
          ['h-past', CASE],
          ['h1', CASE],
          ['h2', CASE],
        ]);
      }));

  it('drops the hearings of a closed prosecution from the agenda', () =>
    spec
      .given(received(), charged, scheduled('h1', '2026-05-10T08:00:00.000Z'))
      .when(closed)
      .then(async (prosecutions) => {
        expect(await prosecutions.upcomingHearings(PARQUET, window)).toEqual([]);
        expect(await prosecutions.byId('p1')).toMatchObject({
          status: 'closed',
          closeReason: 'withdrawn',
          closedAt: new Date('2026-05-01T08:00:00.000Z'),
        });
      }));

  it('shows a rescheduled hearing at its new date, and drops a cancelled one from the agenda', () =>
    spec
      .given(
        received(),
        charged,
        scheduled('h1', '2026-05-10T08:00:00.000Z'),
        scheduled('h2', '2026-05-12T08:00:00.000Z'),
      )
      .when(
        recorded({
          type: 'HearingRescheduled',
          schemaVersion: 1,
          data: {
            prosecutionId: 'p1',
            hearingId: 'h1',
            scheduledFor: '2026-06-15T08:00:00.000Z',
            previousScheduledFor: '2026-05-10T08:00:00.000Z',
            court: 'Tribunal de paix de Masisi',
            reason: 'The court did not sit',
            rescheduledAt: '2026-05-09T08:00:00.000Z',
          },
        }),
        recorded({
          type: 'HearingCancelled',
          schemaVersion: 1,
          data: {
            prosecutionId: 'p1',
            hearingId: 'h2',
            scheduledFor: '2026-05-12T08:00:00.000Z',
            reason: 'Joined to h1',
            cancelledAt: '2026-05-09T09:00:00.000Z',
          },
        }),
      )
      .then(async (prosecutions) => {
        expect(await prosecutions.upcomingHearings(PARQUET, window)).toMatchObject([
          {
            hearingId: 'h1',
            scheduledFor: new Date('2026-06-15T08:00:00.000Z'),
            court: 'Tribunal de paix de Masisi',
            rescheduleCount: 1,
          },
        ]);
        expect((await prosecutions.byId('p1'))?.hearings).toMatchObject([
          { hearingId: 'h2', cancelledAt: new Date('2026-05-09T09:00:00.000Z'), cancelReason: 'Joined to h1' },
          { hearingId: 'h1' },
        ]);
      }));

  it('keeps a past hearing whose outcome is overdue on the agenda until it is recorded held', async () => {
    const overdue = recorded({
      type: 'HearingOutcomeOverdue',
      schemaVersion: 1,
      data: {
        prosecutionId: 'p1',
        hearingId: 'h1',
        scheduledFor: '2026-04-10T08:00:00.000Z',
        overdueAt: '2026-04-12T08:00:00.000Z',
      },
    });
    await spec
      .given(received(), charged, scheduled('h1', '2026-04-10T08:00:00.000Z'))
      .when(overdue)
      .then(async (prosecutions) => {
        // The window starts after the hearing's date: only the overdue outcome keeps it there.
        expect(await prosecutions.upcomingHearings(PARQUET, window)).toMatchObject([
          { hearingId: 'h1', outcomeOverdueAt: new Date('2026-04-12T08:00:00.000Z') },
        ]);
      });
    await spec
      .given(received(), charged, scheduled('h1', '2026-04-10T08:00:00.000Z'), overdue)
      .when(held('h1'))
      .then(async (prosecutions) => {
        expect(await prosecutions.upcomingHearings(PARQUET, window)).toEqual([]);
      });
  });

  it('folds the verdict, the sentence, a restitution and an appeal with its outcome into the prosecution', () =>
    spec
      .given(received(), charged, scheduled('h1', '2026-05-10T08:00:00.000Z'), held('h1'))
      .when(
        convicted,
        recorded({
          type: 'SentenceImposed',
          schemaVersion: 1,
          data: {
            prosecutionId: 'p1',
            chargeId: 'ch1',
            imprisonmentMonths: 60,
            fine: { amount: 2500, currency: 'USD' },
            otherMeasures: null,
            imposedAt: '2026-06-01T09:00:00.000Z',
          },
        }),
        recorded({
          type: 'RestitutionOrdered',
          schemaVersion: 1,
          data: {
            prosecutionId: 'p1',
            restitutionId: 'rs1',
            victimRef: 'victim-a1',
            amount: 1200.5,
            currency: 'USD',
            note: null,
            orderedAt: '2026-06-01T09:30:00.000Z',
          },
        }),
        recorded({
          type: 'AppealFiled',
          schemaVersion: 1,
          data: {
            prosecutionId: 'p1',
            appealId: 'ap1',
            chargeId: 'ch1',
            by: 'defence',
            filedAt: '2026-06-05T08:00:00.000Z',
          },
        }),
        recorded({
          type: 'AppealDecided',
          schemaVersion: 1,
          data: {
            prosecutionId: 'p1',
            appealId: 'ap1',
            chargeId: 'ch1',
            outcome: 'upheld',
            decidedAt: '2026-09-01T08:00:00.000Z',
            note: null,
          },
        }),
      )
      .then(async (prosecutions) => {
        expect(await prosecutions.byId('p1')).toMatchObject({
          status: 'adjudicated',
          verdictCount: 1,
          convictionCount: 1,
          charges: [
            {
              chargeId: 'ch1',
              verdict: 'convicted',
              sentence: { imprisonmentMonths: 60, fineAmount: 2500, fineCurrency: 'USD', otherMeasures: null },
            },
          ],
          restitutions: [{ restitutionId: 'rs1', victimRef: 'victim-a1', amount: 1200.5, currency: 'USD' }],
          appeals: [
            {
              appealId: 'ap1',
              chargeId: 'ch1',
              by: 'defence',
              outcome: 'upheld',
              decidedAt: new Date('2026-09-01T08:00:00.000Z'),
            },
          ],
        });
      }));

  it('follows a hearing moved, left without an outcome and moved again to its last date, with another prosecution in between', () => {
    const moved = (prosecutionId: string, hearingId: string, from: string, to: string): ProjectionEvent =>
      recorded({
        type: 'HearingRescheduled',
        schemaVersion: 1,
        data: {
          prosecutionId,
          hearingId,
          scheduledFor: to,
          previousScheduledFor: from,
          court: `Tribunal de paix (${to.slice(0, 10)})`,
          reason: 'Renvoi',
          rescheduledAt: from,
        },
      });
    const overdue = (prosecutionId: string, hearingId: string, scheduledFor: string, overdueAt: string) =>
      recorded({
        type: 'HearingOutcomeOverdue',
        schemaVersion: 1,
        data: { prosecutionId, hearingId, scheduledFor, overdueAt },
      });
    const scheduledIn = (prosecutionId: string, hearingId: string, scheduledFor: string) =>
      recorded({
        type: 'HearingScheduled',
        schemaVersion: 1,
        data: {
          prosecutionId,
          hearingId,
          court: 'Tribunal de grande instance de Goma',
          scheduledFor,
          purpose: 'trial',
          scheduledAt: '2026-04-03T08:00:00.000Z',
        },
      });
    // One page holds every move of each hearing: the rows must be those of the moves one after another.
    return spec
      .given(received('p1'), received('p2'))
      .when(
        scheduledIn('p1', 'h1', '2026-04-10T08:00:00.000Z'),
        scheduledIn('p2', 'h2', '2026-04-11T08:00:00.000Z'),
        overdue('p1', 'h1', '2026-04-10T08:00:00.000Z', '2026-04-12T08:00:00.000Z'),
        moved('p1', 'h1', '2026-04-10T08:00:00.000Z', '2026-04-20T08:00:00.000Z'),
        moved('p2', 'h2', '2026-04-11T08:00:00.000Z', '2026-05-11T08:00:00.000Z'),
        overdue('p1', 'h1', '2026-04-20T08:00:00.000Z', '2026-04-22T08:00:00.000Z'),
        moved('p1', 'h1', '2026-04-20T08:00:00.000Z', '2026-06-01T08:00:00.000Z'),
        overdue('p1', 'h1', '2026-06-01T08:00:00.000Z', '2026-06-03T08:00:00.000Z'),
      )
      .then(async (prosecutions) => {
        expect((await prosecutions.byId('p1'))?.hearings).toMatchObject([
          {
            hearingId: 'h1',
            scheduledFor: new Date('2026-06-01T08:00:00.000Z'),
            court: 'Tribunal de paix (2026-06-01)',
            rescheduleCount: 2,
            outcomeOverdueAt: new Date('2026-06-03T08:00:00.000Z'),
          },
        ]);
        expect((await prosecutions.byId('p2'))?.hearings).toMatchObject([
          { hearingId: 'h2', scheduledFor: new Date('2026-05-11T08:00:00.000Z'), rescheduleCount: 1 },
        ]);
        expect(await prosecutions.byId('p1')).toMatchObject({ status: 'case_file_received', hearingCount: 1 });
      });
  });

  it("applies an event naming another prosecution's hearing where the log has it, before that hearing existed", () =>
    // Decided commands never name another prosecution's hearing; the read model still follows the log as it is.
    spec
      .given(received('p1'), received('p2'))
      .when(
        recorded({
          type: 'ChargesFiled',
          schemaVersion: 1,
          data: {
            prosecutionId: 'p2',
            chargeId: 'ch2',
            suspectId: 's1',
            offence: 'forced_labour',
            legalBasis: 'Code pénal, art. 174j',
            filedAt: '2026-04-02T08:00:00.000Z',
          },
        }),
        recorded({
          type: 'HearingHeld',
          schemaVersion: 1,
          data: { prosecutionId: 'p2', hearingId: 'h1', heldAt: '2026-04-05T10:00:00.000Z', outcome: 'heard' },
        }),
        scheduled('h1', '2026-05-10T08:00:00.000Z'),
      )
      .then(async (prosecutions) => {
        // Held before it was scheduled: nothing to mark, so the hearing is still to be held.
        expect((await prosecutions.upcomingHearings(PARQUET, window)).map((h) => h.hearingId)).toEqual(['h1']);
        expect(await prosecutions.byId('p2')).toMatchObject({ status: 'charged', hearingsHeldCount: 1 });
      }));

  it('lists every prosecution of a joint case, and none of another case', () =>
    spec
      .given(received('p2'))
      .when(received('p1'))
      .then(async (prosecutions) => {
        const ofCase = await prosecutions.ofJointCase(CASE);
        // Received the same instant: ties are listed by prosecution id.
        expect(ofCase.map((p) => p.prosecutionId)).toEqual(['p1', 'p2']);
        expect(await prosecutions.ofJointCase('another-case')).toEqual([]);
      }));
});
