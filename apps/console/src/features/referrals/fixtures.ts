import { screen } from '@testing-library/react';
import { type UserEvent } from '@testing-library/user-event';
import { IDBFactory } from 'fake-indexeddb';
import { vi } from 'vitest';
import { resetDatabaseConnection } from '../../api/db';
import { closeOutbox } from '../../api/outbox';
import { testSession } from '../../test/render';
import { type ReferralData } from './referralRules';

/** For component tests of the referral pages and the outbox: fictional agencies and referrals only. */

/** A device with nothing on it: a fresh IndexedDB, no outbox open, no command in flight in this tab. */
export function freshDevice(): void {
  closeOutbox();
  vi.stubGlobal('indexedDB', new IDBFactory());
  resetDatabaseConnection();
  sessionStorage.clear();
  history.replaceState(null, '', '/');
}

export const POLICE = testSession({
  userId: 'officer-1',
  agencyId: 'pnc-pmh-masisi',
  agencyType: 'police',
  roles: ['investigator'],
});

export function referral(overrides: Partial<ReferralData> = {}): ReferralData {
  return {
    referralId: '0b9f7c1e-5a44-4d0e-9a57-3f1f2b7c9d10',
    jointCaseId: '6f7e2d0a-1c3b-4e5f-8a9b-0c1d2e3f4a5b',
    status: 'SUBMITTED',
    revision: 1,
    urgency: 'URGENT',
    dueBy: '2026-12-20T08:00:00Z',
    overdue: false,
    deadlineMissed: false,
    submittedAt: '2026-12-05T08:00:00Z',
    answeredAt: null,
    closedAt: null,
    updatedAt: '2026-12-05T08:00:00Z',
    statusReason: null,
    fromAgencyId: 'ngo-kivu-hope',
    fromAgencyType: 'FIRST_RESPONDER',
    toAgencyId: 'pnc-pmh-masisi',
    toAgencyType: 'POLICE',
    siteCode: 'NK-MAS-014',
    siteDescription: null,
    subjectIsChild: false,
    subjectPersonId: '9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f',
    childProtectionBasis: false,
    indicators: ['DEBT_BONDAGE', 'RETENTION_OF_IDENTITY_DOCUMENTS'],
    childLabourFlags: [],
    summary: 'Diggers at the pit say the team leader keeps their voter cards until their debt is repaid.',
    consent: {
      active: true,
      withdrawn: false,
      agencyTypes: ['POLICE'],
      purposes: ['ASSISTANCE', 'INVESTIGATION'],
      records: [
        {
          consentId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
          givenBy: 'SELF',
          agencyTypes: ['POLICE'],
          purposes: ['ASSISTANCE', 'INVESTIGATION'],
          recordedAt: '2026-12-05T08:00:00Z',
          withdrawnAt: null,
        },
      ],
    },
    screening: null,
    ...overrides,
  };
}

export function conflictError(expectedRevision: number, currentRevision: number) {
  return {
    errors: [
      {
        message: `Referral has changed: you expected revision ${String(expectedRevision)}, it is now at revision ${String(currentRevision)}`,
        extensions: { code: 'CONFLICT', entity: 'Referral', id: 'r', expectedRevision, currentRevision },
      },
    ],
  };
}

/**
 * Fills the submit form as the NGO's field worker would, in French: an adult at NK-MAS-014, debt
 * bondage, their own consent to the police for an investigation, the police unit of Masisi.
 */
export async function fillReferralForm(user: UserEvent): Promise<void> {
  // Pasted rather than typed key by key: the same change events, in a fraction of the time.
  await user.click(screen.getByRole('combobox', { name: "Identifiant de l'agence" }));
  await user.paste('pnc-pmh-masisi');
  await user.click(screen.getByRole('textbox', { name: 'Code du site' }));
  await user.paste('NK-MAS-014');
  await user.click(screen.getByRole('radio', { name: 'Non, un adulte' }));
  await user.click(screen.getByRole('checkbox', { name: 'Servitude pour dettes' }));
  const consentGiven = screen.getByRole('group', { name: 'Un consentement a-t-il été donné ?' });
  await user.click(consentGiven.querySelector('input[value="yes"]') as HTMLElement);
  await user.click(screen.getByRole('radio', { name: 'La personne elle-même' }));
  await user.click(screen.getByRole('checkbox', { name: 'Enquête' }));
  await user.click(screen.getByRole('textbox', { name: 'Ce qui a été observé' }));
  await user.paste("Le chef d'équipe garde les cartes d'électeur des creuseurs jusqu'au remboursement de leur dette.");
}
