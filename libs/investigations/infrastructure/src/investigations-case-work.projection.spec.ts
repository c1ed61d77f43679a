import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { type Actor } from '@pamoja/contracts';
import { type InvestigationEvent, investigationStreamId } from '@pamoja/investigations/domain';
import { ProjectionSpecification, type ProjectionEvent } from '@pamoja/testing';
import {
  CHECKPOINT_MIGRATIONS,
  CHECKPOINT_SCHEMA,
  migrate,
  PgliteDatabase,
  readCheckpoint,
  writeCheckpoint,
} from '@pamoja/event-store';
import { INVESTIGATIONS_READ_SCHEMA, investigationsCaseWorkProjection } from './investigations-case-work.projection.js';
import { SqlInvestigationReadModel } from './sql-investigation-read-model.js';

/*
 * An installation whose read model held suspects' name, date of birth, alias and description in clear
 * (migrations 1-2) moves to the layout that holds none: the tables are emptied (new files, so the old rows'
 * bytes go with the old files), the columns dropped, and the checkpoint removed so the log is replayed.
 */
describe('investigations read model migration 3: no personal data in clear', () => {
  let db: PgliteDatabase;
  const s = INVESTIGATIONS_READ_SCHEMA;

  beforeEach(async () => {
    db = await PgliteDatabase.open();
    await migrate(db, CHECKPOINT_SCHEMA, CHECKPOINT_MIGRATIONS);
  });
  afterEach(async () => {
    await db.close();
  });

  it("drops the suspects' plaintext columns, empties the read model and makes the runner replay the log", async () => {
    await migrate(
      db,
      s,
      investigationsCaseWorkProjection.migrations.filter((m) => m.version <= 2),
    );
    await db.query(
      `INSERT INTO ${s}.suspects (investigation_id, suspect_id, role, alias, personal_name, identified_at)
       VALUES ('i-1', 's-1', 'exploiter', 'Le Faucon', 'Mwami Fictif', now())`,
    );
    await db.transaction((tx) =>
      writeCheckpoint(tx, 'investigations.case_work', { transactionId: 5, globalPosition: 9 }),
    );

    expect((await migrate(db, s, investigationsCaseWorkProjection.migrations))[0]).toBe(3);

    const columns = await db.query<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'suspects'
       ORDER BY ordinal_position`,
      [s],
    );
    expect(columns.map((c) => c.column_name)).toEqual([
      'investigation_id',
      'suspect_id',
      'role',
      'identified_at',
      'identified_event_id',
    ]);
    expect(await db.query(`SELECT * FROM ${s}.suspects`)).toEqual([]);
    expect(await readCheckpoint(db, 'investigations.case_work')).toEqual({ transactionId: 0, globalPosition: 0 });
  });
});

const CASE = 'c0a80000-0000-4000-8000-0000000000b1';
const POLICE: Actor = { userId: 'officer-1', agencyId: 'pnc-masisi', agencyType: 'police', roles: ['officer'] };
const PARQUET = 'parquet-goma';

/** An investigation event as the decider decides it, on its stream, in the joint case. */
const recorded = (event: InvestigationEvent, occurredAt?: string): ProjectionEvent => ({
  ...event,
  streamId: investigationStreamId(event.data.investigationId),
  actor: POLICE,
  jointCaseId: CASE,
  ...(occurredAt === undefined ? {} : { occurredAt }),
});

const opened = (investigationId = 'v1'): ProjectionEvent =>
  recorded(
    {
      type: 'InvestigationOpened',
      schemaVersion: 1,
      data: {
        investigationId,
        jointCaseId: CASE,
        referralId: 'r1',
        siteCode: 'NK-MAS-014',
        offences: ['forced_labour'],
        leadAgencyId: POLICE.agencyId,
        leadAgencyType: 'police',
        leadOfficerId: POLICE.userId,
        openedAt: '2026-03-02T08:00:00.000Z',
      },
    },
    '2026-03-02T08:00:00.000Z',
  );

const evidence = recorded(
  {
    type: 'EvidenceRecorded',
    schemaVersion: 1,
    data: {
      investigationId: 'v1',
      evidenceId: 'e1',
      description: 'Debt ledger kept at the pit',
      kind: 'document',
      sha256: 'a'.repeat(64),
      collectedAt: '2026-03-03T08:00:00.000Z',
      collectedBy: POLICE.userId,
      custodian: { agencyId: POLICE.agencyId, officerId: POLICE.userId },
    },
  },
  '2026-03-03T08:00:00.000Z',
);

const transferred = recorded(
  {
    type: 'EvidenceCustodyTransferred',
    schemaVersion: 1,
    data: {
      investigationId: 'v1',
      evidenceId: 'e1',
      from: { agencyId: POLICE.agencyId, officerId: POLICE.userId },
      to: { agencyId: PARQUET, officerId: 'clerk-1' },
      at: '2026-03-04T08:00:00.000Z',
      reason: 'Handed to the court registry',
    },
  },
  '2026-03-04T08:00:00.000Z',
);

const identified = recorded(
  {
    type: 'SuspectIdentified',
    schemaVersion: 1,
    data: {
      investigationId: 'v1',
      suspectId: 's1',
      role: 'recruiter',
      alias: 'Le Patron',
      description: null,
      personal: { name: 'Jean Mukendi', dateOfBirth: '1980-01-01' },
      identifiedAt: '2026-03-03T10:00:00.000Z',
    },
  },
  '2026-03-03T10:00:00.000Z',
);

const transmitted = recorded(
  {
    type: 'CaseFileTransmitted',
    schemaVersion: 1,
    data: {
      investigationId: 'v1',
      caseFileId: 'f1',
      fromAgencyId: POLICE.agencyId,
      toProsecutorOfficeId: PARQUET,
      toAgencyType: 'prosecutor',
      transmittedAt: '2026-03-05T08:00:00.000Z',
      dueBy: '2026-03-08T08:00:00.000Z',
      summary: 'Recruiter identified; ledger seized.',
      evidenceIds: ['e1'],
      suspectIds: ['s1'],
    },
  },
  '2026-03-05T08:00:00.000Z',
);

const BEFORE_DUE = new Date('2026-03-06T08:00:00.000Z');
const AFTER_DUE = new Date('2026-03-09T08:00:00.000Z');

describe('the investigations case-work projection', () => {
  const spec = ProjectionSpecification.for(investigationsCaseWorkProjection, {
    // Suspects' identity is read back from the log, as the protected store gives it.
    readModel: (db, events) =>
      new SqlInvestigationReadModel(db, {
        findEvent: (eventId) => Promise.resolve(events.find((e) => e.eventId === eventId)),
      }),
  });

  it("lists an opened investigation in its lead agency's case work", () =>
    spec
      .given()
      .when(opened())
      .then(async (investigations) => {
        expect(await investigations.forAgency(POLICE.agencyId, { first: 10 })).toMatchObject([
          { investigationId: 'v1', jointCaseId: CASE, status: 'open', siteCode: 'NK-MAS-014', evidenceCount: 0 },
        ]);
        expect(await investigations.forAgency('pnc-walikale', { first: 10 })).toEqual([]);
        expect((await investigations.byJointCase(CASE)).map((i) => i.investigationId)).toEqual(['v1']);
      }));

  it('keeps the custody chain of each piece of evidence, and who holds it now', () =>
    spec
      .given(opened(), evidence)
      .when(transferred)
      .then(async (investigations) => {
        const view = await investigations.byId('v1', BEFORE_DUE);
        expect(view).toMatchObject({
          evidenceCount: 1,
          lastActivityAt: new Date('2026-03-04T08:00:00.000Z'),
          evidence: [
            {
              evidenceId: 'e1',
              custodian: { agencyId: PARQUET, officerId: 'clerk-1' },
              custodyChain: [
                { from: null, to: { agencyId: POLICE.agencyId, officerId: POLICE.userId } },
                {
                  from: { agencyId: POLICE.agencyId, officerId: POLICE.userId },
                  to: { agencyId: PARQUET, officerId: 'clerk-1' },
                  reason: 'Handed to the court registry',
                },
              ],
            },
          ],
        });
      }));

  it("reads a suspect's identity from the log, and none once the suspect's personal data is erased", async () => {
    await spec
      .given(opened())
      .when(identified)
      .then(async (investigations) => {
        expect((await investigations.byId('v1', BEFORE_DUE))?.suspects).toEqual([
          {
            suspectId: 's1',
            role: 'recruiter',
            alias: 'Le Patron',
            description: null,
            name: 'Jean Mukendi',
            dateOfBirth: '1980-01-01',
            identifiedAt: new Date('2026-03-03T10:00:00.000Z'),
          },
        ]);
      });
    await spec
      .given(opened(), identified)
      .when(
        recorded({
          type: 'SuspectPersonalDataErased',
          schemaVersion: 1,
          data: {
            investigationId: 'v1',
            jointCaseId: CASE,
            suspectId: 's1',
            subjectId: 'suspect-v1-s1',
            reason: 'legal_request',
            erasedAt: '2026-04-01T08:00:00.000Z',
            byAgencyId: POLICE.agencyId,
          },
        }),
      )
      .then(async (investigations) => {
        expect((await investigations.byId('v1', BEFORE_DUE))?.suspects).toMatchObject([
          { suspectId: 's1', role: 'recruiter', alias: null, name: null, dateOfBirth: null },
        ]);
      });
  });

  it('shows a transmitted case file to the prosecutor until acknowledged, and as overdue after its due time', () =>
    spec
      .given(opened(), evidence, identified)
      .when(transmitted)
      .then(async (investigations) => {
        const incoming = await investigations.incomingCaseFiles(PARQUET, { first: 10, now: BEFORE_DUE });
        expect(incoming).toMatchObject([
          { caseFileId: 'f1', jointCaseId: CASE, status: 'awaiting_acknowledgement', overdue: false },
        ]);
        const overdue = await investigations.overdueCaseFiles(POLICE.agencyId, { first: 10, now: AFTER_DUE });
        expect(overdue.map((f) => f.caseFileId)).toEqual(['f1']);
      }));

  it('records a missed acknowledgement deadline, and an acknowledgement takes the case file off both lists', async () => {
    const missed = recorded({
      type: 'CaseFileAcknowledgementDeadlineMissed',
      schemaVersion: 1,
      data: {
        investigationId: 'v1',
        caseFileId: 'f1',
        dueBy: '2026-03-08T08:00:00.000Z',
        recordedAt: '2026-03-08T08:00:05.000Z',
        escalatedTo: 'coordination_body',
      },
    });
    await spec
      .given(opened(), transmitted)
      .when(missed)
      .then(async (investigations) => {
        expect(await investigations.incomingCaseFiles(PARQUET, { first: 10, now: AFTER_DUE })).toMatchObject([
          { caseFileId: 'f1', status: 'deadline_missed', escalatedTo: 'coordination_body', overdue: true },
        ]);
      });
    await spec
      .given(opened(), transmitted, missed)
      .when(
        recorded({
          type: 'CaseFileAcknowledgementRecorded',
          schemaVersion: 1,
          data: {
            investigationId: 'v1',
            caseFileId: 'f1',
            acknowledgedAt: '2026-03-10T08:00:00.000Z',
            byAgencyId: PARQUET,
          },
        }),
      )
      .then(async (investigations) => {
        expect(await investigations.incomingCaseFiles(PARQUET, { first: 10, now: AFTER_DUE })).toEqual([]);
        expect(await investigations.overdueCaseFiles(POLICE.agencyId, { first: 10, now: AFTER_DUE })).toEqual([]);
      });
  });

  it('lists a closed investigation after the open ones, with its closure', () =>
    spec
      .given(opened('v1'), opened('v2'))
      .when(
        recorded({
          type: 'InvestigationClosed',
          schemaVersion: 1,
          data: {
            investigationId: 'v1',
            reason: 'insufficient_evidence',
            note: null,
            closedAt: '2026-03-20T08:00:00.000Z',
          },
        }),
      )
      .then(async (investigations) => {
        const listed = await investigations.forAgency(POLICE.agencyId, { first: 10 });
        expect(listed.map((i) => [i.investigationId, i.status])).toEqual([
          ['v2', 'open'],
          ['v1', 'closed'],
        ]);
        expect(listed[1]).toMatchObject({ closureReason: 'insufficient_evidence' });
      }));

  /** Evidence recorded on an investigation, held by the police officer. */
  const recordedEvidence = (investigationId: string, evidenceId: string, at: string): ProjectionEvent =>
    recorded(
      {
        type: 'EvidenceRecorded',
        schemaVersion: 1,
        data: {
          investigationId,
          evidenceId,
          description: `Item ${evidenceId}`,
          kind: 'document',
          sha256: 'b'.repeat(64),
          collectedAt: at,
          collectedBy: POLICE.userId,
          custodian: { agencyId: POLICE.agencyId, officerId: POLICE.userId },
        },
      },
      at,
    );
  const handedOver = (investigationId: string, from: string, to: string, at: string): ProjectionEvent =>
    recorded(
      {
        type: 'EvidenceCustodyTransferred',
        schemaVersion: 1,
        data: {
          investigationId,
          evidenceId: 'e1',
          from: { agencyId: from, officerId: `${from}-clerk` },
          to: { agencyId: to, officerId: `${to}-clerk` },
          at,
          reason: `To ${to}`,
        },
      },
      at,
    );

  // A rebuild applies these as one page: each investigation's events in log order, several of one kind.
  it('follows several hand-overs of one piece of evidence in order, across interleaved investigations', () =>
    spec
      .given(opened('v1'), opened('v2'))
      .when(
        recordedEvidence('v1', 'e1', '2026-03-03T08:00:00.000Z'),
        recordedEvidence('v2', 'e1', '2026-03-03T09:00:00.000Z'),
        recordedEvidence('v1', 'e2', '2026-03-03T10:00:00.000Z'),
        handedOver('v1', POLICE.agencyId, PARQUET, '2026-03-04T08:00:00.000Z'),
        handedOver('v2', POLICE.agencyId, 'lab-goma', '2026-03-04T09:00:00.000Z'),
        handedOver('v1', PARQUET, 'lab-goma', '2026-03-05T08:00:00.000Z'),
        handedOver('v1', 'lab-goma', PARQUET, '2026-03-06T08:00:00.000Z'),
      )
      .then(async (investigations) => {
        const v1 = await investigations.byId('v1', BEFORE_DUE);
        expect(v1).toMatchObject({ evidenceCount: 2, lastActivityAt: new Date('2026-03-06T08:00:00.000Z') });
        const e1 = v1?.evidence.find((e) => e.evidenceId === 'e1');
        expect(e1?.custodian).toEqual({ agencyId: PARQUET, officerId: `${PARQUET}-clerk` });
        expect(e1?.custodyChain.map((link) => link.to.agencyId)).toEqual([
          POLICE.agencyId,
          PARQUET,
          'lab-goma',
          PARQUET,
        ]);
        const v2 = await investigations.byId('v2', BEFORE_DUE);
        expect(v2).toMatchObject({ evidenceCount: 1, lastActivityAt: new Date('2026-03-04T09:00:00.000Z') });
        expect(v2?.evidence[0]?.custodian).toEqual({ agencyId: 'lab-goma', officerId: 'lab-goma-clerk' });
        expect(v2?.evidence[0]?.custodyChain.map((link) => link.reason)).toEqual([null, 'To lab-goma']);
      }));
});
