import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { type AssistanceEvent, assistanceStreamId } from '@pamoja/assistance/domain';
import { type Actor } from '@pamoja/contracts';
import { ProjectionSpecification, type ProjectionEvent } from '@pamoja/testing';
import {
  CHECKPOINT_MIGRATIONS,
  CHECKPOINT_SCHEMA,
  migrate,
  PgliteDatabase,
  readCheckpoint,
  writeCheckpoint,
} from '@pamoja/event-store';
import { ASSISTANCE_READ_SCHEMA, assistanceCasesProjection } from './assistance-cases.projection.js';
import { SqlAssistanceReadModel } from './sql-assistance-read-model.js';

/*
 * An installation whose read model held victims' identities in clear (migrations 1-3) moves to the layout
 * that holds none: the table with the plaintext is dropped (its files go), every table is emptied and the
 * checkpoint removed, so the runner replays the log into the new layout at the next start.
 */
describe('assistance read model migration 4: no personal data in clear', () => {
  let db: PgliteDatabase;
  const s = ASSISTANCE_READ_SCHEMA;

  beforeEach(async () => {
    db = await PgliteDatabase.open();
    await migrate(db, CHECKPOINT_SCHEMA, CHECKPOINT_MIGRATIONS);
  });
  afterEach(async () => {
    await db.close();
  });

  it('drops the plaintext identity, empties the read model and makes the runner replay the log', async () => {
    const before = assistanceCasesProjection.migrations.filter((m) => m.version <= 3);
    await migrate(db, s, before);
    await db.query(
      `INSERT INTO ${s}.victim_identity (assistance_id, full_name, phone) VALUES ('a-1', 'Neema Fictive', '+243 97 1')`,
    );
    await db.query(
      `INSERT INTO ${s}.assistance_cases (assistance_id, joint_case_id, assisting_agency_id, status, age_group,
         is_child, sex, forms_of_exploitation, agreement_to_manage_personal_data, consent_given_by, registered_at,
         needs, addressed_needs, revision, updated_at)
       VALUES ('a-1', 'j-1', 'ngo', 'registered', 'adult', false, 'female', '{}', true, 'self', now(), '[]', '{}', 0, now())`,
    );
    await db.transaction((tx) => writeCheckpoint(tx, 'assistance.cases', { transactionId: 5, globalPosition: 9 }));
    await db.transaction((tx) => writeCheckpoint(tx, 'another.projection', { transactionId: 5, globalPosition: 9 }));

    expect((await migrate(db, s, assistanceCasesProjection.migrations))[0]).toBe(4);

    const columns = await db.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'victim_identity'
       ORDER BY ordinal_position`,
      [s],
    );
    expect(columns.map((c) => c.column_name)).toEqual(['assistance_id', 'registered_event_id']);
    expect(await db.query(`SELECT * FROM ${s}.victim_identity`)).toEqual([]);
    expect(await db.query(`SELECT * FROM ${s}.assistance_cases`)).toEqual([]);
    expect(await readCheckpoint(db, 'assistance.cases')).toEqual({ transactionId: 0, globalPosition: 0 });
    expect(await readCheckpoint(db, 'another.projection')).toEqual({ transactionId: 5, globalPosition: 9 });
  });

  it('applies on a fresh database, with or without the checkpoint table', async () => {
    const fresh = await PgliteDatabase.open();
    try {
      expect((await migrate(fresh, s, assistanceCasesProjection.migrations)).slice(0, 4)).toEqual([1, 2, 3, 4]);
    } finally {
      await fresh.close();
    }
  });
});

const CASE = 'c0a80000-0000-4000-8000-0000000000c2';
const USHINDI: Actor = {
  userId: 'social-worker-1',
  agencyId: 'ushindi',
  agencyType: 'assistance_provider',
  roles: ['case_worker'],
};
const NOW = new Date('2026-03-20T08:00:00.000Z');

/** An assistance event as the decider decides it, on its stream, in the joint case. */
const recorded = (event: AssistanceEvent, occurredAt?: string): ProjectionEvent => ({
  ...event,
  streamId: assistanceStreamId(event.data.assistanceId),
  actor: USHINDI,
  jointCaseId: CASE,
  ...(occurredAt === undefined ? {} : { occurredAt }),
});

const registered = (
  assistanceId: string,
  isChild = false,
  registeredAt = '2026-03-02T08:00:00.000Z',
): ProjectionEvent =>
  recorded({
    type: 'VictimRegistered',
    schemaVersion: 1,
    data: {
      assistanceId,
      jointCaseId: CASE,
      personId: `person-${assistanceId}`,
      assistingAgencyId: USHINDI.agencyId,
      registeredAt,
      ageGroup: isChild ? 'child_15_17' : 'adult',
      isChild,
      sex: 'female',
      nationality: 'CD',
      formsOfExploitation: ['forced_labour'],
      agreementToManagePersonalData: true,
      consentGivenBy: 'self',
      personal: { fullName: 'Amani Furaha', dateOfBirth: null, phone: null, currentLocation: 'Goma' },
    },
  });

const assessed = recorded({
  type: 'NeedsAssessed',
  schemaVersion: 1,
  data: {
    assistanceId: 'a1',
    byAgencyId: USHINDI.agencyId,
    assessedAt: '2026-03-03T08:00:00.000Z',
    needs: [
      { need: 'medical', priority: 'high' },
      { need: 'shelter', priority: 'urgent' },
      { need: 'protection', priority: 'normal' },
    ],
  },
});

const sheltered = recorded(
  {
    type: 'ServiceProvided',
    schemaVersion: 1,
    data: {
      assistanceId: 'a1',
      serviceId: 'sv1',
      kind: 'shelter',
      providedAt: '2026-03-04T08:00:00.000Z',
      providerAgencyId: USHINDI.agencyId,
      note: null,
    },
  },
  '2026-03-05T08:00:00.000Z',
);

const safeHouse = recorded({
  type: 'ProtectionMeasureApplied',
  schemaVersion: 1,
  data: {
    assistanceId: 'a1',
    measureId: 'm1',
    measure: 'safe_house',
    description: null,
    byAgencyId: USHINDI.agencyId,
    appliedAt: '2026-03-06T08:00:00.000Z',
    reviewBy: '2026-03-13T08:00:00.000Z',
    consentGivenBy: 'self',
  },
});

describe('the assistance cases projection', () => {
  const spec = ProjectionSpecification.for(assistanceCasesProjection, {
    // The victim's identity is read back from the log, as the protected store gives it.
    readModel: (db, events) =>
      new SqlAssistanceReadModel(db, {
        findEvent: (eventId) => Promise.resolve(events.find((e) => e.eventId === eventId)),
      }),
  });

  it("lists a registered victim in the assisting agency's caseload, children first", () =>
    spec
      .given(registered('a1'))
      .when(registered('a2', true, '2026-03-03T08:00:00.000Z'))
      .then(async (assistance) => {
        const cases = await assistance.casesOf(USHINDI.agencyId, { limit: 10, now: NOW });
        expect(cases.map((c) => [c.assistanceId, c.isChild, c.status])).toEqual([
          ['a2', true, 'registered'],
          ['a1', false, 'registered'],
        ]);
        expect(await assistance.casesOf('another-ngo', { limit: 10, now: NOW })).toEqual([]);
      }));

  it('marks the needs met as services are given, most urgent need first, and moves the case into assistance', () =>
    spec
      .given(registered('a1'), assessed)
      .when(sheltered)
      .then(async (assistance) => {
        expect(await assistance.byId('a1', NOW)).toMatchObject({
          status: 'in_assistance',
          needs: [
            { need: 'shelter', priority: 'urgent', met: true },
            { need: 'medical', priority: 'high', met: false },
            { need: 'protection', priority: 'normal', met: false },
          ],
          needsOutstanding: ['medical', 'protection'],
          lastService: { serviceId: 'sv1', kind: 'shelter' },
          // Recorded a day after it was given: the case changed when it was recorded.
          updatedAt: new Date('2026-03-05T08:00:00.000Z'),
        });
      }));

  it('lists the cases whose protection measure is due for review, until the case closes', async () => {
    await spec
      .given(registered('a1'), assessed)
      .when(safeHouse)
      .then(async (assistance) => {
        const due = await assistance.casesOf(USHINDI.agencyId, { limit: 10, now: NOW, reviewDue: true });
        expect(due.map((c) => c.assistanceId)).toEqual(['a1']);
        expect((await assistance.byId('a1', NOW))?.protectionMeasures).toMatchObject([
          { measureId: 'm1', reviewDue: true },
        ]);
      });
    await spec
      .given(registered('a1'), assessed, safeHouse)
      .when(
        recorded({
          type: 'AssistanceClosed',
          schemaVersion: 1,
          data: {
            assistanceId: 'a1',
            byAgencyId: USHINDI.agencyId,
            closedAt: '2026-03-15T08:00:00.000Z',
            reason: 'reintegrated',
            note: null,
          },
        }),
      )
      .then(async (assistance) => {
        expect(await assistance.casesOf(USHINDI.agencyId, { limit: 10, now: NOW, reviewDue: true })).toEqual([]);
        expect(await assistance.casesOf(USHINDI.agencyId, { limit: 10, now: NOW, openOnly: true })).toEqual([]);
        expect(await assistance.byId('a1', NOW)).toMatchObject({ status: 'closed', closeReason: 'reintegrated' });
      });
  });

  /** Needs assessed for a case, in the order given. */
  const needsOf = (
    assistanceId: string,
    assessedAt: string,
    needs: readonly { need: 'medical' | 'shelter' | 'protection'; priority: 'urgent' | 'high' | 'normal' }[],
  ): ProjectionEvent =>
    recorded({
      type: 'NeedsAssessed',
      schemaVersion: 1,
      data: { assistanceId, byAgencyId: USHINDI.agencyId, assessedAt, needs: [...needs] },
    });
  const served = (
    assistanceId: string,
    serviceId: string,
    kind: 'medical' | 'shelter',
    providedAt: string,
  ): ProjectionEvent =>
    recorded(
      {
        type: 'ServiceProvided',
        schemaVersion: 1,
        data: { assistanceId, serviceId, kind, providedAt, providerAgencyId: USHINDI.agencyId, note: null },
      },
      providedAt,
    );

  // A rebuild applies these as one page: each case's events in log order, several of one kind.
  it('follows reassessments and services of one case in order, across interleaved cases', () =>
    spec
      .given(registered('a1'), registered('a2'))
      .when(
        needsOf('a1', '2026-03-03T08:00:00.000Z', [
          { need: 'medical', priority: 'high' },
          { need: 'shelter', priority: 'urgent' },
        ]),
        needsOf('a2', '2026-03-03T09:00:00.000Z', [{ need: 'shelter', priority: 'high' }]),
        served('a1', 'sv1', 'shelter', '2026-03-04T08:00:00.000Z'),
        served('a2', 'sv2', 'shelter', '2026-03-04T09:00:00.000Z'),
        served('a1', 'sv3', 'medical', '2026-03-05T08:00:00.000Z'),
        served('a1', 'sv4', 'shelter', '2026-03-06T08:00:00.000Z'),
        needsOf('a1', '2026-03-07T08:00:00.000Z', [
          { need: 'protection', priority: 'urgent' },
          { need: 'shelter', priority: 'normal' },
          { need: 'medical', priority: 'normal' },
        ]),
      )
      .then(async (assistance, { db, events }) => {
        expect(await assistance.byId('a1', NOW)).toMatchObject({
          status: 'in_assistance',
          needs: [
            { need: 'protection', priority: 'urgent', met: false },
            { need: 'shelter', priority: 'normal', met: true },
            { need: 'medical', priority: 'normal', met: true },
          ],
          needsOutstanding: ['protection'],
          lastService: { serviceId: 'sv4', kind: 'shelter' },
          updatedAt: new Date('2026-03-07T08:00:00.000Z'),
        });
        expect(await assistance.byId('a2', NOW)).toMatchObject({
          status: 'in_assistance',
          needsOutstanding: [],
          lastService: { serviceId: 'sv2', kind: 'shelter' },
          updatedAt: new Date('2026-03-04T09:00:00.000Z'),
        });
        // Each need once, in the order first met.
        const addressed = await db.query<{ assistance_id: string; addressed_needs: string[] }>(
          `SELECT assistance_id, addressed_needs FROM ${ASSISTANCE_READ_SCHEMA}.assistance_cases ORDER BY assistance_id`,
        );
        expect(addressed).toEqual([
          { assistance_id: 'a1', addressed_needs: ['shelter', 'medical'] },
          { assistance_id: 'a2', addressed_needs: ['shelter'] },
        ]);
        // Services delivered again long after (a late retry), as a page or one by one, change no row.
        const rows = () =>
          Promise.all(
            ['assistance_cases', 'services', 'protection_measures', 'victim_identity'].map((table) =>
              db.query(`SELECT * FROM ${ASSISTANCE_READ_SCHEMA}.${table} ORDER BY 1, 2`),
            ),
          );
        const before = await rows();
        const late = events.slice(4, 7).map((e) => e.type);
        expect(late).toEqual(['ServiceProvided', 'ServiceProvided', 'ServiceProvided']);
        const { applyPage } = assistanceCasesProjection;
        if (!applyPage) throw new Error('assistance.cases has no applyPage');
        await db.transaction((tx) => applyPage(tx, events.slice(4, 7)));
        for (const event of events.slice(4, 7))
          await db.transaction((tx) => assistanceCasesProjection.apply(tx, event));
        expect(await rows()).toEqual(before);
      }));

  it("reads the victim's identity from the log, and none once the personal data is erased", async () => {
    await spec
      .given()
      .when(registered('a1'))
      .then(async (assistance) => {
        expect(await assistance.identity('a1')).toEqual({
          assistingAgencyId: USHINDI.agencyId,
          jointCaseId: CASE,
          personId: 'person-a1',
          identity: { fullName: 'Amani Furaha', dateOfBirth: null, phone: null, currentLocation: 'Goma' },
        });
      });
    await spec
      .given(registered('a1'))
      .when(
        recorded({
          type: 'PersonalDataErased',
          schemaVersion: 1,
          data: {
            assistanceId: 'a1',
            jointCaseId: CASE,
            subjectId: 'victim-a1',
            reason: 'legal_request',
            erasedAt: '2026-04-01T08:00:00.000Z',
            byAgencyId: USHINDI.agencyId,
          },
        }),
      )
      .then(async (assistance) => {
        expect(await assistance.identity('a1')).toMatchObject({ personId: 'person-a1', identity: null });
        // The case itself stays: the caseload and the joint case still count it.
        expect((await assistance.ofJointCase(CASE, NOW)).map((c) => c.assistanceId)).toEqual(['a1']);
      });
  });
});
