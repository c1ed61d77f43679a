import { IDBFactory } from 'fake-indexeddb';
import { vi } from 'vitest';
import { resetDatabaseConnection } from '../../api/db';
import { closeOutbox } from '../../api/outbox';
import { testSession, type GraphqlCall } from '../../test/render';
import { type CaseFileData } from './CaseFilesPage';
import { type ProsecutionData } from './ProsecutionForms';

/** For component tests of the prosecutor's office's pages: fictional agencies, cases and people only. */

/** A device with nothing on it: a fresh IndexedDB, no outbox open, no command in flight in this tab. */
export function freshDevice(): void {
  closeOutbox();
  vi.stubGlobal('indexedDB', new IDBFactory());
  resetDatabaseConnection();
  sessionStorage.clear();
  history.replaceState(null, '', '/');
}

export const PROSECUTOR = testSession({
  userId: 'substitut-1',
  agencyId: 'parquet-goma',
  agencyType: 'prosecutor',
  roles: ['prosecutor'],
});

export const SUSPECT_ID = '5e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b';
export const JOINT_CASE_ID = '6f7e2d0a-1c3b-4e5f-8a9b-0c1d2e3f4a5b';

export function caseFile(overrides: Partial<CaseFileData> = {}): CaseFileData {
  return {
    caseFileId: 'c0f1e2d3-0000-4000-8000-000000000001',
    reference: 'NK-2026-00042-F1',
    jointCaseId: JOINT_CASE_ID,
    investigationId: 'e1e2e3e4-0000-4000-8000-000000000002',
    fromAgencyId: 'pnc-pmh-masisi',
    fromAgency: { name: 'Police des mines de Masisi' },
    toProsecutorOfficeId: 'parquet-goma',
    transmittedAt: '2026-11-25T08:00:00Z',
    dueBy: '2026-11-27T08:00:00Z',
    overdue: true,
    status: 'DEADLINE_MISSED',
    acknowledgedAt: null,
    deadlineMissedAt: '2026-11-27T08:00:00Z',
    summary: "Le chef d'équipe retenait les cartes d'électeur des creuseurs.",
    suspectIds: [SUSPECT_ID],
    evidenceIds: ['ev-1', 'ev-2'],
    ...overrides,
  };
}

export function prosecution(overrides: Partial<ProsecutionData> = {}): ProsecutionData {
  return {
    prosecutionId: 'a1b2c3d4-0000-4000-8000-000000000003',
    reference: 'NK-2026-00042-P1',
    revision: 7,
    status: 'ADJUDICATED',
    caseFileId: 'c0f1e2d3-0000-4000-8000-000000000001',
    investigationId: 'e1e2e3e4-0000-4000-8000-000000000002',
    jointCaseId: JOINT_CASE_ID,
    jointCase: { jointCaseId: JOINT_CASE_ID, reference: 'NK-2026-00042', siteCode: 'NK-MAS-014', stage: 'ADJUDICATED' },
    officeAgencyId: 'parquet-goma',
    officeAgency: { name: 'Parquet de Goma' },
    fromPoliceAgencyId: 'pnc-pmh-masisi',
    fromPoliceAgency: { name: 'Police des mines de Masisi' },
    receivedAt: '2026-11-26T09:00:00Z',
    updatedAt: '2026-12-04T10:00:00Z',
    closedAt: null,
    closeReason: null,
    closeNote: null,
    suspects: [{ suspectId: SUSPECT_ID, role: 'recruiter' }],
    charges: [
      {
        chargeId: 'ch-1',
        suspectId: SUSPECT_ID,
        offence: 'TRAFFICKING_IN_PERSONS',
        legalBasis: 'Code pénal, art. 174j',
        filedAt: '2026-11-27T09:00:00Z',
        verdict: 'CONVICTED',
        verdictRenderedAt: '2026-12-03T10:00:00Z',
        sentence: {
          imprisonmentMonths: 60,
          fineAmount: 500000,
          fineCurrency: 'CDF',
          otherMeasures: null,
          imposedAt: '2026-12-03T10:00:00Z',
        },
      },
    ],
    hearings: [
      {
        hearingId: 'h-1',
        prosecutionId: 'a1b2c3d4-0000-4000-8000-000000000003',
        jointCaseId: JOINT_CASE_ID,
        reference: 'NK-2026-00042-P1',
        court: 'Tribunal de grande instance de Goma',
        purpose: 'Audience de jugement',
        scheduledFor: '2026-12-03T07:00:00Z',
        heldAt: '2026-12-03T07:30:00Z',
        outcome: 'Jugement rendu',
        cancelledAt: null,
        cancelReason: null,
        outcomeOverdueAt: null,
        rescheduleCount: 1,
      },
    ],
    restitutions: [
      {
        restitutionId: 'r-1',
        victimRef: 'V-2026-017',
        amount: 1200,
        currency: 'USD',
        note: null,
        orderedAt: '2026-12-03T10:00:00Z',
      },
    ],
    appeals: [
      {
        appealId: 'ap-1',
        chargeId: 'ch-1',
        by: 'DEFENCE',
        filedAt: '2026-12-04T10:00:00Z',
        outcome: null,
        decidedAt: null,
      },
    ],
    ...overrides,
  };
}

/** The command inputs sent for one operation, in order. */
export const inputsOf = (calls: readonly GraphqlCall[], operation: string) =>
  calls.filter((c) => c.operationName === operation).map((c) => c.variables['input'] as Record<string, unknown>);

export function badInput(field: string, reason: string) {
  return {
    errors: [
      {
        message: 'Invalid input',
        extensions: { code: 'BAD_USER_INPUT', fields: [{ field, reason }] },
      },
    ],
  };
}

/** What a control's aria-describedby points at, as a screen reader reads it (hint and error). */
export function descriptionOf(control: Element): string {
  return (control.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
}
