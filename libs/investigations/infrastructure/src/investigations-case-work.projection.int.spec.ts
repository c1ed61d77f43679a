import { expect } from '@jest/globals';
import { type Actor, type RecordedEvent } from '@pamoja/contracts';
import { type InvestigationEvent, investigationStreamId } from '@pamoja/investigations/domain';
import { pageSweepOnPostgres, type ProjectionEvent, recordEvents } from '@pamoja/testing';
import { investigationsCaseWorkProjection } from './investigations-case-work.projection.js';

const CASE = 'c0a80000-0000-4000-8000-0000000000b2';
const POLICE: Actor = { userId: 'officer-1', agencyId: 'pnc-masisi', agencyType: 'police', roles: ['officer'] };
const PARQUET = 'parquet-goma';

const recorded = (event: InvestigationEvent): ProjectionEvent => ({
  ...event,
  streamId: investigationStreamId(event.data.investigationId),
  actor: POLICE,
  jointCaseId: CASE,
});

const at = (day: number, hour = 8): string =>
  `2026-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;

const opened = (investigationId: string, day: number): ProjectionEvent =>
  recorded({
    type: 'InvestigationOpened',
    schemaVersion: 1,
    data: {
      investigationId,
      jointCaseId: CASE,
      referralId: null,
      siteCode: 'NK-MAS-014',
      offences: ['forced_labour', 'child_labour'],
      leadAgencyId: POLICE.agencyId,
      leadAgencyType: 'police',
      leadOfficerId: POLICE.userId,
      openedAt: at(day),
    },
  });
const evidence = (investigationId: string, evidenceId: string, day: number): ProjectionEvent =>
  recorded({
    type: 'EvidenceRecorded',
    schemaVersion: 1,
    data: {
      investigationId,
      evidenceId,
      description: `Item ${evidenceId}`,
      kind: 'document',
      sha256: 'c'.repeat(64),
      collectedAt: at(day),
      collectedBy: POLICE.userId,
      custodian: { agencyId: POLICE.agencyId, officerId: POLICE.userId },
    },
  });
const handedOver = (investigationId: string, evidenceId: string, to: string, day: number): ProjectionEvent =>
  recorded({
    type: 'EvidenceCustodyTransferred',
    schemaVersion: 1,
    data: {
      investigationId,
      evidenceId,
      from: { agencyId: POLICE.agencyId, officerId: POLICE.userId },
      to: { agencyId: to, officerId: `${to}-clerk` },
      at: at(day),
      reason: `To ${to}`,
    },
  });
const identified = (investigationId: string, suspectId: string, day: number, named: boolean): ProjectionEvent =>
  recorded({
    type: 'SuspectIdentified',
    schemaVersion: 1,
    data: {
      investigationId,
      suspectId,
      role: 'recruiter',
      alias: null,
      description: null,
      personal: named ? { name: 'Jean Fictif', dateOfBirth: null } : null,
      identifiedAt: at(day),
    },
  });
const arrested = (investigationId: string, suspectId: string, day: number): ProjectionEvent =>
  recorded({
    type: 'ArrestMade',
    schemaVersion: 1,
    data: { investigationId, suspectId, arrestedAt: at(day), location: 'Masisi', legalBasis: 'warrant 12/2026' },
  });
const transmitted = (investigationId: string, caseFileId: string, day: number): ProjectionEvent =>
  recorded({
    type: 'CaseFileTransmitted',
    schemaVersion: 1,
    data: {
      investigationId,
      caseFileId,
      fromAgencyId: POLICE.agencyId,
      toProsecutorOfficeId: PARQUET,
      toAgencyType: 'prosecutor',
      transmittedAt: at(day),
      dueBy: at(day + 3),
      summary: `Case file ${caseFileId}`,
      evidenceIds: ['e1', 'e2'],
      suspectIds: ['s1'],
    },
  });
const missed = (investigationId: string, caseFileId: string, day: number): ProjectionEvent =>
  recorded({
    type: 'CaseFileAcknowledgementDeadlineMissed',
    schemaVersion: 1,
    data: { investigationId, caseFileId, dueBy: at(day), recordedAt: at(day, 9), escalatedTo: 'coordination_body' },
  });
const acknowledged = (investigationId: string, caseFileId: string, day: number): ProjectionEvent =>
  recorded({
    type: 'CaseFileAcknowledgementRecorded',
    schemaVersion: 1,
    data: { investigationId, caseFileId, acknowledgedAt: at(day), byAgencyId: PARQUET },
  });
const erased = (investigationId: string, suspectId: string, day: number): ProjectionEvent =>
  recorded({
    type: 'SuspectPersonalDataErased',
    schemaVersion: 1,
    data: {
      investigationId,
      jointCaseId: CASE,
      suspectId,
      subjectId: `suspect-${investigationId}-${suspectId}`,
      reason: 'legal_request',
      erasedAt: at(day),
      byAgencyId: POLICE.agencyId,
    },
  });
const closed = (investigationId: string, day: number): ProjectionEvent =>
  recorded({
    type: 'InvestigationClosed',
    schemaVersion: 1,
    data: { investigationId, reason: 'transmitted_to_prosecutor', note: 'Handed over', closedAt: at(day) },
  });

/** Every kind of event, three investigations interleaved, several events of one kind and investigation in a row. */
const LOG: RecordedEvent[] = recordEvents([
  opened('v1', 1),
  opened('v2', 1),
  evidence('v1', 'e1', 2),
  evidence('v1', 'e2', 2),
  evidence('v2', 'e1', 2),
  handedOver('v1', 'e1', PARQUET, 3),
  handedOver('v1', 'e1', 'lab-goma', 4),
  identified('v1', 's1', 4, true),
  identified('v1', 's2', 4, false),
  identified('v2', 's1', 4, true),
  opened('v3', 5),
  arrested('v1', 's1', 5),
  arrested('v1', 's2', 5),
  handedOver('v2', 'e1', PARQUET, 5),
  handedOver('v1', 'e1', PARQUET, 6),
  transmitted('v1', 'f1', 6),
  transmitted('v1', 'f2', 6),
  transmitted('v2', 'f1', 7),
  missed('v1', 'f1', 9),
  acknowledged('v1', 'f2', 9),
  acknowledged('v1', 'f1', 10),
  missed('v2', 'f1', 10),
  erased('v1', 's1', 11),
  erased('v2', 's1', 11),
  closed('v1', 12),
  // Never applied: its investigation is not open in the read model.
  evidence('v9', 'e1', 12),
  closed('v2', 13),
]);

// A page at a time leaves the rows of one event at a time (ADR 0036), on PostgreSQL.
pageSweepOnPostgres(investigationsCaseWorkProjection, {
  log: LOG,
  tables: ['investigations', 'evidence', 'evidence_custody', 'suspects', 'arrests', 'case_files'],
  orderBy: '1, 2, 3',
  live: (rows) => {
    expect(rows['investigations']).toHaveLength(3);
    expect(rows['evidence_custody']).toHaveLength(7);
    expect(rows['case_files']).toHaveLength(3);
  },
});
