import { screen } from '@testing-library/react';
import { type UserEvent } from '@testing-library/user-event';
import { IDBFactory } from 'fake-indexeddb';
import { vi } from 'vitest';
import { resetDatabaseConnection } from '../../api/db';
import { closeOutbox } from '../../api/outbox';
import { testSession, type GraphqlCall } from '../../test/render';
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
    reference: 'NK-2026-00042-R1',
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
    fromAgency: { name: 'Kivu Hope' },
    toAgencyId: 'pnc-pmh-masisi',
    toAgencyType: 'POLICE',
    toAgency: { name: 'Police des mines de Masisi' },
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

/** The directory's agencies (fictional), as `agencies` answers them: active ones, by name. */
export const DIRECTORY = [
  { agencyId: 'ngo-kivu-hope', name: 'Kivu Hope', agencyType: 'FIRST_RESPONDER', province: 'NORTH_KIVU' },
  { agencyId: 'pnc-pmh-masisi', name: 'Police des mines de Masisi', agencyType: 'POLICE', province: 'NORTH_KIVU' },
  { agencyId: 'pnc-uvs-bukavu', name: 'Police de protection de Bukavu', agencyType: 'POLICE', province: 'SOUTH_KIVU' },
  { agencyId: 'ngo-ushindi', name: 'Ushindi', agencyType: 'ASSISTANCE_PROVIDER', province: 'NORTH_KIVU' },
].map((a) => ({ ...a, status: 'ACTIVE' }));

/** The answer to the form's `ConsoleAgencies` query: the directory's agencies of the type asked for. */
export function directoryAnswer(call: GraphqlCall): unknown {
  const filter = call.variables['filter'] as { agencyType?: string } | undefined;
  return {
    data: {
      agencies: DIRECTORY.filter((a) => !filter?.agencyType || a.agencyType === filter.agencyType).sort((a, b) =>
        a.name.localeCompare(b.name),
      ),
    },
  };
}

/** Picks the receiving agency as a person does, in French: its type, then its name in the list. */
export async function pickReceivingAgency(user: UserEvent, type: string, agency: string): Promise<void> {
  await user.selectOptions(screen.getByRole('combobox', { name: "Type d'agence" }), type);
  const option = await screen.findByRole('option', { name: agency });
  await user.selectOptions(screen.getByRole('combobox', { name: 'Agence' }), option);
}

/**
 * Fills the submit form as the NGO's field worker would, in French: an adult at NK-MAS-014, debt
 * bondage, their own consent to the police for an investigation, the police unit of Masisi.
 */
export async function fillReferralForm(user: UserEvent): Promise<void> {
  await pickReceivingAgency(user, 'Police', 'Police des mines de Masisi (Nord-Kivu)');
  // Pasted rather than typed key by key: the same change events, in a fraction of the time.
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
