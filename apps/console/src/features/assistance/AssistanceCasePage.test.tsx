import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { database } from '../../api/db';
import { outboxEntries, startOutbox } from '../../api/outbox';
import { mockGraphql, renderConsole, type GraphqlCall } from '../../test/render';
import { freshDevice } from '../referrals/fixtures';
import { AssistanceCasePage } from './AssistanceCasePage';
import {
  ASSISTANCE_ID,
  assistanceCase,
  badInput,
  commandAnswer,
  CONSENT_ID,
  IDENTITY,
  JOINT_CASE_ID,
  personalAnswer,
  REFERRAL_ID,
  USHINDI,
} from './fixtures';

const inputsOf = (calls: readonly GraphqlCall[], operation: string) =>
  calls.filter((c) => c.operationName === operation).map((c) => c.variables['input'] as Record<string, unknown>);

let stop: () => void = () => undefined;
beforeEach(() => {
  freshDevice();
  stop = startOutbox();
});
afterEach(() => stop());

function renderPage() {
  return renderConsole(<AssistanceCasePage params={{ id: ASSISTANCE_ID }} />, { language: 'fr', session: USHINDI });
}

// Component tests share two cores with the rest of the suite: room for a slow run.
describe('an assistance case', { timeout: 20_000 }, () => {
  it('flags a protection review that is overdue, and links to its joint case', async () => {
    mockGraphql(() => ({ data: { assistanceCase: assistanceCase() } }));
    renderPage();
    expect(
      await screen.findByRole('heading', { level: 1, name: "Dossier d'assistance NK-2026-00042-A1" }),
    ).toBeTruthy();
    expect(screen.getByTestId('review-due').textContent).toBe('Une mesure de protection est à réexaminer.');
    const overdue = screen.getByTestId('measure-review-due');
    expect(within(overdue).getByRole('rowheader').textContent).toBe('Maison sûre');
    expect(within(overdue).getByText('en retard', { exact: false })).toBeTruthy();
    // Only the safe house is overdue; the identity protection is reviewed later.
    expect(screen.getAllByTestId('measure-review-due')).toHaveLength(1);
    expect(screen.getByRole('link', { name: 'NK-2026-00042' }).getAttribute('href')).toBe(`/cases/${JOINT_CASE_ID}`);
    expect(screen.getByTestId('assistance-status').textContent).toBe('En assistance · version 4');
  });

  it('reads the personal data only when asked, and keeps none of it on the device', async () => {
    const { calls } = mockGraphql((call) =>
      call.operationName === 'ConsoleAssistancePersonal'
        ? personalAnswer()
        : { data: { assistanceCase: assistanceCase() } },
    );
    const user = userEvent.setup();
    renderPage();
    await screen.findByTestId('assistance-status');
    expect(calls.filter((c) => c.operationName === 'ConsoleAssistancePersonal')).toHaveLength(0);
    expect(screen.queryByText(IDENTITY.fullName)).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Afficher les données personnelles' }));
    expect(await screen.findByText(IDENTITY.fullName)).toBeTruthy();
    expect(screen.getByText(IDENTITY.phone)).toBeTruthy();
    // What the page kept for offline reading holds the case, never the person's name, phone or whereabouts.
    const db = await database();
    const kept = JSON.stringify(await db.getAll('snapshots'));
    expect(kept).toContain(ASSISTANCE_ID);
    for (const value of Object.values(IDENTITY)) expect(kept).not.toContain(value);

    await user.click(screen.getByRole('button', { name: 'Masquer les données personnelles' }));
    expect(screen.queryByText(IDENTITY.fullName)).toBeNull();
  });

  it('withdraws a consent, saying first what stops being shared', async () => {
    const { calls } = mockGraphql((call) =>
      call.operationName === 'ConsoleAssistanceWithdrawConsent'
        ? commandAnswer('withdrawConsent', 4)
        : { data: { assistanceCase: assistanceCase() } },
    );
    const user = userEvent.setup();
    renderPage();
    const form = (await screen.findByRole('heading', { name: 'Retirer ce consentement' })).closest('form');
    if (!form) throw new Error('no withdrawal form');
    expect(
      within(form).getByText(
        "À partir de maintenant, ce consentement ne donne plus accès au dossier de cette personne à : Prestataire d'assistance, Police, pour l'assistance, une enquête de police. Ce qui a déjà été lu ne peut pas être repris.",
      ),
    ).toBeTruthy();
    expect(screen.getByTestId('consent-now').textContent).toBe(
      "Partagé maintenant avec : Prestataire d'assistance, Police, pour l'assistance, une enquête de police.",
    );
    await user.type(within(form).getByRole('textbox', { name: 'Motif (facultatif)' }), 'La tutrice le demande');
    await user.click(within(form).getByRole('button', { name: 'Retirer le consentement' }));
    await waitFor(() =>
      expect(inputsOf(calls, 'ConsoleAssistanceWithdrawConsent')).toEqual([
        expect.objectContaining({
          referralId: REFERRAL_ID,
          consentId: CONSENT_ID,
          expectedRevision: 3,
          reason: 'La tutrice le demande',
        }),
      ]),
    );
    expect(await screen.findByTestId('assistance-result')).toBeTruthy();
    expect(screen.getByTestId('assistance-result').textContent).toBe('Retirer un consentement : enregistré.');
  });

  it('erases the personal data only after the reference is typed in the confirmation', async () => {
    const { calls } = mockGraphql((call) =>
      call.operationName === 'ConsoleErasePersonalData'
        ? commandAnswer('erasePersonalData')
        : { data: { assistanceCase: assistanceCase() } },
    );
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole('radio', { name: 'La personne (ou la loi) le demande' }));
    await user.click(screen.getByRole('button', { name: 'Effacer les données personnelles…' }));

    const dialog = screen.getByRole('dialog', { name: 'Effacer les données personnelles de cette personne ?' });
    expect(within(dialog).getByText(/C'est irréversible/)).toBeTruthy();
    expect(within(dialog).getByText(/Son nom, sa date de naissance, son numéro de téléphone/)).toBeTruthy();
    const confirm = within(dialog).getByRole('button', { name: 'Effacer définitivement' });
    expect(confirm).toHaveProperty('disabled', true);
    const typed = within(dialog).getByRole('textbox', {
      name: 'Pour confirmer, tapez la référence du dossier : NK-2026-00042-A1',
    });
    await user.type(typed, 'NK-2026-00042');
    expect(confirm).toHaveProperty('disabled', true);
    await user.click(confirm);
    // Nothing is sent, nor queued, before the deliberate step.
    expect(inputsOf(calls, 'ConsoleErasePersonalData')).toEqual([]);
    expect(outboxEntries()).toEqual([]);

    await user.type(typed, '-A1');
    expect(confirm).toHaveProperty('disabled', false);
    await user.click(confirm);
    await waitFor(() =>
      expect(inputsOf(calls, 'ConsoleErasePersonalData')).toEqual([
        expect.objectContaining({ assistanceId: ASSISTANCE_ID, expectedRevision: 4, reason: 'LEGAL_REQUEST' }),
      ]),
    );
  });

  it("shows the platform's refusal beside the field it names, the summary taking the focus", async () => {
    const { calls } = mockGraphql((call) =>
      call.operationName === 'ConsoleApplyProtectionMeasure'
        ? badInput('input.description', 'must not contain control characters')
        : { data: { assistanceCase: assistanceCase() } },
    );
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByText('Appliquer une mesure de protection', { selector: 'summary' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Mesure' }), 'Autre mesure');
    const description = screen.getByRole('textbox', { name: 'Description' });
    await user.type(description, 'Accompagnement aux audiences');
    await user.click(screen.getByRole('radio', { name: 'Un tuteur' }));
    await user.click(screen.getByRole('button', { name: 'Appliquer la mesure' }));

    await waitFor(() => expect(description.getAttribute('aria-invalid')).toBe('true'));
    const error = document.getElementById(description.getAttribute('aria-describedby')?.split(' ').at(-1) ?? '');
    expect(error?.textContent).toBe('Ce texte contient des caractères invisibles de contrôle : retirez-les.');
    const summary = screen.getByRole('alert', { name: 'Un point à corriger' });
    await waitFor(() => expect(document.activeElement).toBe(summary));
    expect(inputsOf(calls, 'ConsoleApplyProtectionMeasure')).toEqual([
      expect.objectContaining({
        assistanceId: ASSISTANCE_ID,
        expectedRevision: 4,
        measure: 'OTHER',
        description: 'Accompagnement aux audiences',
        consentGivenBy: 'GUARDIAN',
      }),
    ]);
  });

  it('shows a CONFLICT plainly, never resends it by itself, and applies it to the current version when asked', async () => {
    let current = assistanceCase();
    let assessAnswer: unknown = {
      errors: [
        {
          message: 'Assistance has changed',
          extensions: { code: 'CONFLICT', entity: 'Assistance', expectedRevision: 4, currentRevision: 5 },
        },
      ],
    };
    const { calls } = mockGraphql((call) => {
      if (call.operationName === 'ConsoleAssessNeeds') return assessAnswer;
      return { data: { assistanceCase: current } };
    });
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByText('Évaluer les besoins', { selector: 'summary' }));
    // Meanwhile a colleague recorded a service: the case is at version 5.
    current = assistanceCase({ revision: 5, updatedAt: '2026-12-02T08:00:00Z' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Soins médicaux' }), 'Haute');
    await user.click(screen.getByRole('button', { name: "Enregistrer l'évaluation" }));

    const conflict = await screen.findByTestId('conflict');
    expect(within(conflict).getByRole('heading', { name: 'Conflit : Évaluer les besoins' })).toBeTruthy();
    await waitFor(() =>
      expect(
        within(conflict).getByText(/Vous regardiez la version 4 ; le dossier est maintenant à la version 5/),
      ).toBeTruthy(),
    );
    expect(outboxEntries().map((e) => e.state)).toEqual(['conflict']);
    expect(inputsOf(calls, 'ConsoleAssessNeeds')).toHaveLength(1);

    assessAnswer = commandAnswer('assessNeeds', 6);
    await user.click(within(conflict).getByRole('button', { name: "L'appliquer à la version actuelle" }));
    await waitFor(() => expect(inputsOf(calls, 'ConsoleAssessNeeds')).toHaveLength(2));
    const [first, again] = inputsOf(calls, 'ConsoleAssessNeeds');
    expect(again).toMatchObject({ assistanceId: ASSISTANCE_ID, expectedRevision: 5 });
    expect(again?.['needs']).toEqual(first?.['needs']);
    expect(again?.['commandId']).not.toBe(first?.['commandId']);
    await waitFor(() => expect(screen.queryByTestId('conflict')).toBeNull());
  });

  it('records a service given by a partner chosen by its name in the directory', async () => {
    const { calls } = mockGraphql((call) => {
      if (call.operationName === 'ConsoleProvideService') return commandAnswer('provideService');
      if (call.operationName === 'ConsoleAssistanceAgencies') {
        return {
          data: {
            agencies: [
              { agencyId: 'hgr-masisi', name: 'Hôpital général de Masisi', agencyType: 'ASSISTANCE_PROVIDER' },
              { agencyId: 'ngo-ushindi', name: 'Ushindi', agencyType: 'ASSISTANCE_PROVIDER' },
            ],
          },
        };
      }
      return { data: { assistanceCase: assistanceCase() } };
    });
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByText('Enregistrer un service', { selector: 'summary' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Service' }), 'Soins médicaux');
    await screen.findByRole('option', { name: 'Hôpital général de Masisi' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Rendu par' }), 'Hôpital général de Masisi');
    await user.click(screen.getByRole('button', { name: 'Enregistrer le service' }));
    await waitFor(() =>
      expect(inputsOf(calls, 'ConsoleProvideService')).toEqual([
        expect.objectContaining({
          assistanceId: ASSISTANCE_ID,
          expectedRevision: 4,
          kind: 'MEDICAL',
          providerAgencyId: 'hgr-masisi',
        }),
      ]),
    );
  });
});
