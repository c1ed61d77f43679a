import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outboxEntries, retryNow, startOutbox } from '../../api/outbox';
import { mockGraphql, renderConsole, type GraphqlCall } from '../../test/render';
import { freshDevice, fillReferralForm } from './fixtures';
import { SubmitReferralPage } from './SubmitReferralPage';

const submitted = (calls: readonly GraphqlCall[]) =>
  calls
    .filter((c) => c.operationName === 'ConsoleSubmitReferral')
    .map((c) => c.variables['input'] as { commandId: string; referralId: string; dueBy: string });

const accepted = (input: { referralId: string }) => ({
  data: {
    submitReferral: {
      referralId: input.referralId,
      jointCaseId: 'j1',
      status: 'SUBMITTED',
      revision: 1,
      replayed: false,
    },
  },
});

let stop: () => void = () => undefined;
beforeEach(() => {
  freshDevice();
  stop = startOutbox();
});
afterEach(() => stop());

function renderPage() {
  return renderConsole(<SubmitReferralPage params={{}} />, { language: 'fr' });
}

// Component tests share two cores with the rest of the suite: room for a slow run.
describe('submitting a referral', { timeout: 20_000 }, () => {
  it('keeps it on the device while offline and sends it once when the link is back, with the same commandId', async () => {
    let online = false;
    const { calls } = mockGraphql((call) => {
      if (!online) throw new Error('offline');
      return accepted(call.variables['input'] as { referralId: string });
    });
    const user = userEvent.setup();
    renderPage();
    await fillReferralForm(user);
    await user.click(screen.getByRole('button', { name: 'Envoyer le signalement' }));

    expect(
      await screen.findByText(
        'En attente : le signalement est gardé sur cet appareil et sera envoyé au retour de la connexion.',
      ),
    ).toBeTruthy();
    expect(outboxEntries()).toHaveLength(1);
    const [tried] = submitted(calls);
    expect(tried).toMatchObject({
      toAgencyId: 'pnc-pmh-masisi',
      toAgencyType: 'POLICE',
      site: { code: 'NK-MAS-014' },
      subject: { isChild: false },
      indicators: ['DEBT_BONDAGE'],
      consent: { givenBy: 'SELF', agencyTypes: ['POLICE'], purposes: ['INVESTIGATION'] },
      urgency: 'URGENT',
    });
    // Due in three days by default for an urgent referral, sent as an ISO instant.
    expect(Date.parse(tried?.dueBy ?? '') - Date.now()).toBeGreaterThan(71 * 3600_000);

    online = true;
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    await waitFor(() => expect(location.pathname).toBe(`/referrals/${tried?.referralId ?? ''}`));
    const sends = submitted(calls);
    expect(sends).toHaveLength(2);
    expect(new Set(sends.map((s) => s.commandId))).toEqual(new Set([tried?.commandId]));
    expect(location.search).toBe('?screening=offer');
    expect(outboxEntries()).toEqual([]);
  });

  it('finds its queued command again after a reload, and sends that one, not a second', async () => {
    let online = false;
    const { calls } = mockGraphql((call) => {
      if (!online) throw new Error('offline');
      return accepted(call.variables['input'] as { referralId: string });
    });
    const user = userEvent.setup();
    const first = renderPage();
    await fillReferralForm(user);
    await user.click(screen.getByRole('button', { name: 'Envoyer le signalement' }));
    await screen.findByTestId('command-status');
    first.unmount();
    cleanup();

    // The page is loaded again, still offline: it shows the same command waiting.
    renderPage();
    expect(await screen.findByTestId('command-status')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Envoyer le signalement' })).toBeNull();
    online = true;
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    const [tried] = submitted(calls);
    await waitFor(() => expect(location.pathname).toBe(`/referrals/${tried?.referralId ?? ''}`));
    expect(new Set(submitted(calls).map((s) => s.commandId)).size).toBe(1);
  });

  it('says so, and offers a fresh form, when the queued referral was sent while the person was elsewhere', async () => {
    let online = false;
    const { calls } = mockGraphql((call) => {
      if (!online) throw new Error('offline');
      return accepted(call.variables['input'] as { referralId: string });
    });
    const user = userEvent.setup();
    const first = renderPage();
    await fillReferralForm(user);
    await user.click(screen.getByRole('button', { name: 'Envoyer le signalement' }));
    await screen.findByTestId('command-status');
    first.unmount();

    online = true;
    await act(() => retryNow());
    await waitFor(() => expect(outboxEntries()).toEqual([]));

    renderPage();
    const [sent] = submitted(calls);
    expect(await screen.findByText(/^Votre signalement précédent a été envoyé\./)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Voir ce signalement' }).getAttribute('href')).toBe(
      `/referrals/${sent?.referralId ?? ''}`,
    );
    expect(screen.getByRole('button', { name: 'Envoyer le signalement' })).toBeTruthy();
    expect(location.pathname).toBe('/');
  });

  it('sends one command when submit is pressed twice before the page could answer', async () => {
    const { calls } = mockGraphql((call) => accepted(call.variables['input'] as { referralId: string }));
    const user = userEvent.setup();
    renderPage();
    await fillReferralForm(user);
    const button = screen.getByRole('button', { name: 'Envoyer le signalement' });
    act(() => {
      fireEvent.click(button);
      fireEvent.click(button);
    });
    await waitFor(() => expect(location.pathname).toMatch(/^\/referrals\/[0-9a-f-]{36}$/));
    const sends = submitted(calls);
    expect(sends).toHaveLength(1);
    expect(location.pathname).toBe(`/referrals/${sends[0]?.referralId ?? ''}`);
  });

  it('puts a refusal next to its field, in French, moves the focus to the summary, and changes nothing', async () => {
    const { calls } = mockGraphql(() => ({
      errors: [
        {
          message: 'Invalid input: toAgencyId: must be an agency id; dueBy: must be in the future',
          extensions: {
            code: 'BAD_USER_INPUT',
            fields: [
              { field: 'input.toAgencyId', reason: 'must be an agency id (lower-case letters, digits, dot, dash)' },
              { field: 'input.dueBy', reason: 'must be in the future' },
            ],
          },
        },
      ],
    }));
    const user = userEvent.setup();
    renderPage();
    await fillReferralForm(user);
    await user.click(screen.getByRole('button', { name: 'Envoyer le signalement' }));

    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain('2 points à corriger');
    await waitFor(() => expect(document.activeElement).toBe(summary));

    const agency = screen.getByRole('combobox', { name: "Identifiant de l'agence" });
    expect(agency.getAttribute('aria-invalid')).toBe('true');
    const agencyError = document.getElementById(agency.getAttribute('aria-describedby')?.split(' ').at(-1) ?? '');
    expect(agencyError?.textContent).toBe(
      "Un identifiant d'agence : lettres minuscules, chiffres, point ou tiret (par exemple pnc-pmh-masisi).",
    );
    const due = screen.getByLabelText('Réponse attendue avant le (heure du Kivu)');
    expect(due.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(due.getAttribute('aria-describedby')?.split(' ').at(-1) ?? '')?.textContent).toBe(
      "L'échéance doit être dans le futur.",
    );
    // The summary's link moves to the field.
    await user.click(
      screen.getByRole('link', {
        name: "Réponse attendue avant le (heure du Kivu) : L'échéance doit être dans le futur.",
      }),
    );
    expect(document.activeElement).toBe(due);

    // Nothing was written, nothing waits, and what the person typed is still there.
    expect(submitted(calls)).toHaveLength(1);
    await waitFor(() => expect(outboxEntries()).toEqual([]));
    expect(location.pathname).toBe('/');
    expect((agency as HTMLInputElement).value).toBe('pnc-pmh-masisi');

    // Corrected and sent again, it is a new command.
    await user.click(screen.getByRole('button', { name: 'Envoyer le signalement' }));
    await waitFor(() => expect(submitted(calls)).toHaveLength(2));
    const [first, second] = submitted(calls);
    expect(second?.commandId).not.toBe(first?.commandId);
  });

  it('checks the rules first: nothing is sent until the form is complete', async () => {
    const { calls } = mockGraphql(() => ({ data: {} }));
    const user = userEvent.setup();
    renderPage();
    await user.type(screen.getByRole('combobox', { name: "Identifiant de l'agence" }), 'pnc-pmh-masisi');
    await user.click(screen.getByRole('button', { name: 'Envoyer le signalement' }));
    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain(
      'Cochez au moins un indicateur de travail forcé ou un signe de travail des enfants.',
    );
    // An adult goes to the police with their own consent only.
    expect(summary.textContent).toContain('Pour la police, il faut le consentement de la personne elle-même');
    const indicators = screen.getByRole('group', { name: 'Indicateurs de travail forcé (OIT)' });
    expect(indicators.getAttribute('aria-describedby')).toContain('referral-indicators-error');
    expect(calls).toEqual([]);
    expect(outboxEntries()).toEqual([]);
  });
});
