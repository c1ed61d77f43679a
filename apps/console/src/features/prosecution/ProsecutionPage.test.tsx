import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOutbox } from '../../api/outbox';
import { mockGraphql, renderConsole } from '../../test/render';
import { badInput, descriptionOf, freshDevice, inputsOf, prosecution, PROSECUTOR, SUSPECT_ID } from './fixtures';
import { ProsecutionPage } from './ProsecutionPage';

let stop: () => void = () => undefined;
beforeEach(() => {
  freshDevice();
  stop = startOutbox();
});
afterEach(() => stop());

function renderPage(language: 'fr' | 'en' | 'sw' = 'fr') {
  return renderConsole(<ProsecutionPage params={{ id: prosecution().prosecutionId }} />, {
    language,
    session: PROSECUTOR,
  });
}

describe('a prosecution', { timeout: 20_000 }, () => {
  it('shows its case by reference, status, charges, verdict, sentence, hearings, restitution and appeals', async () => {
    mockGraphql(() => ({ data: { prosecution: prosecution() } }));
    renderPage();
    expect(await screen.findByRole('heading', { level: 1, name: 'Poursuite NK-2026-00042-P1' })).toBeTruthy();
    expect(screen.getByTestId('prosecution-status').textContent).toBe('Jugé · version 7');
    expect(screen.getByRole('link', { name: 'NK-2026-00042' }).getAttribute('href')).toBe(
      `/cases/${prosecution().jointCaseId}`,
    );
    expect(screen.getByText('Police des mines de Masisi')).toBeTruthy();

    const charges = screen.getByRole('table', { name: /Une charge, avec jugement et peine/ });
    const charge = within(charges).getAllByRole('row')[1] as HTMLElement;
    expect(within(charge).getByRole('rowheader').textContent).toContain('Traite des personnes');
    expect(within(charge).getByText(`Suspect (recruiter) · ${SUSPECT_ID.slice(0, 8)}`)).toBeTruthy();
    expect(within(charge).getByText('Condamné')).toBeTruthy();
    expect(charge.textContent).toMatch(/60 mois d'emprisonnement · amende de 500\s000 Francs congolais \(CDF\)/);

    const hearings = screen.getByRole('table', { name: /Une audience, par date/ });
    const hearing = within(hearings).getAllByRole('row')[1] as HTMLElement;
    // 07:00 UTC is 09:00 in the Kivus.
    expect(within(hearing).getByRole('rowheader').textContent).toMatch(/3 déc\. 2026,? 09:00/);
    expect(hearing.textContent).toContain('Renvoyée une fois');
    expect(hearing.textContent).toContain('Jugement rendu');

    // The same hearings on a calendar, opened at the month of the next one (here the last one held).
    const calendar = screen.getByRole('table', { name: /Audiences de décembre 2026/ });
    const cell = calendar.querySelector('td[data-day="2026-12-03"]') as HTMLElement;
    expect(within(cell).getByRole('link').textContent).toBe('09:00 NK-2026-00042-P1');
    expect(within(cell).getByText('Tenue')).toBeTruthy();

    const restitution = screen.getByRole('table', { name: 'Une réparation ordonnée' });
    expect(within(restitution).getByRole('rowheader').textContent).toBe('V-2026-017');
    expect(restitution.textContent).toMatch(/1\s200 Dollars américains \(USD\)/);

    const appeals = screen.getByRole('table', { name: 'Un appel' });
    expect(within(appeals).getByText('La défense')).toBeTruthy();
    expect(within(appeals).getByText('En attente de la décision')).toBeTruthy();

    // Adjudicated with a convicted charge already sentenced: no verdict or sentence to record; the rest is offered.
    expect(screen.queryByText('Enregistrer un jugement')).toBeNull();
    expect(screen.queryByText('Enregistrer une peine')).toBeNull();
    expect(screen.getByText("Enregistrer la décision d'appel", { selector: 'summary' })).toBeTruthy();
    expect(screen.getByText('Enregistrer une réparation ordonnée', { selector: 'summary' })).toBeTruthy();
  });

  it('shows the API refusal of a charge beside the field it names, with the summary on top taking the focus', async () => {
    const current = prosecution({
      status: 'CASE_FILE_RECEIVED',
      charges: [],
      hearings: [],
      restitutions: [],
      appeals: [],
    });
    const { calls } = mockGraphql((call) =>
      call.operationName === 'ConsoleFileCharges'
        ? badInput('input.legalBasis', 'must be at most 500 characters')
        : { data: { prosecution: current } },
    );
    const user = userEvent.setup();
    renderPage('en');
    await user.click(await screen.findByText('File a charge', { selector: 'summary' }));
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Suspect' }),
      `Suspect (recruiter) · ${SUSPECT_ID.slice(0, 8)}`,
    );
    await user.selectOptions(screen.getByRole('combobox', { name: 'Offence' }), 'Forced labour');
    const legalBasis = screen.getByRole('textbox', { name: 'Legal basis' });
    await user.type(legalBasis, 'Code pénal, art. 174j');
    await user.click(screen.getByRole('button', { name: 'File the charge' }));

    await waitFor(() => expect(legalBasis.getAttribute('aria-invalid')).toBe('true'));
    expect(descriptionOf(legalBasis)).toContain('At most 500 characters.');
    const summary = screen.getByRole('alert', { name: 'One thing to correct' });
    expect(within(summary).getByRole('link', { name: 'Legal basis: At most 500 characters.' })).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(summary));
    expect(inputsOf(calls, 'ConsoleFileCharges')).toEqual([
      expect.objectContaining({
        prosecutionId: current.prosecutionId,
        expectedRevision: 7,
        suspectId: SUSPECT_ID,
        offence: 'FORCED_LABOUR',
        legalBasis: 'Code pénal, art. 174j',
      }),
    ]);
  });

  it('shows a CONFLICT clearly and sends nothing again by itself', async () => {
    const current = prosecution({
      status: 'CASE_FILE_RECEIVED',
      charges: [],
      hearings: [],
      restitutions: [],
      appeals: [],
    });
    const { calls } = mockGraphql((call) =>
      call.operationName === 'ConsoleCloseProsecution'
        ? {
            errors: [
              {
                message: 'Prosecution has changed',
                extensions: { code: 'CONFLICT', entity: 'Prosecution', expectedRevision: 7, currentRevision: 8 },
              },
            ],
          }
        : { data: { prosecution: current } },
    );
    const user = userEvent.setup();
    renderPage('en');
    await user.click(await screen.findByText('Close the prosecution', { selector: 'summary' }));
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Reason for closing' }),
      'Transferred to another office',
    );
    await user.click(screen.getByRole('button', { name: 'Close the prosecution' }));
    const conflict = await screen.findByTestId('prosecution-conflict');
    expect(within(conflict).getByRole('heading', { name: 'Conflict: Close the prosecution' })).toBeTruthy();
    expect(conflict.textContent).toContain('You had seen version 7');
    expect(within(conflict).getByRole('button', { name: 'Apply it to the current version' })).toBeTruthy();
    expect(inputsOf(calls, 'ConsoleCloseProsecution')).toHaveLength(1);
  });
});
