import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outboxEntries, retryNow, startOutbox } from '../../api/outbox';
import { mockGraphql, renderConsole, type GraphqlCall } from '../../test/render';
import { directoryAnswer, freshDevice, fillReferralForm, pickReceivingAgency, referral } from './fixtures';
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
    // The directory's list is read while the link is up; it drops before the referral is sent.
    let online = true;
    const { calls } = mockGraphql((call) => {
      if (!online) throw new Error('offline');
      if (call.operationName === 'ConsoleAgencies') return directoryAnswer(call);
      return accepted(call.variables['input'] as { referralId: string });
    });
    const user = userEvent.setup();
    renderPage();
    await fillReferralForm(user);
    online = false;
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
    // The directory's list is read while the link is up; it drops before the referral is sent.
    let online = true;
    const { calls } = mockGraphql((call) => {
      if (!online) throw new Error('offline');
      if (call.operationName === 'ConsoleAgencies') return directoryAnswer(call);
      return accepted(call.variables['input'] as { referralId: string });
    });
    const user = userEvent.setup();
    const first = renderPage();
    await fillReferralForm(user);
    online = false;
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
    // The directory's list is read while the link is up; it drops before the referral is sent.
    let online = true;
    const { calls } = mockGraphql((call) => {
      if (!online) throw new Error('offline');
      if (call.operationName === 'ConsoleAgencies') return directoryAnswer(call);
      return accepted(call.variables['input'] as { referralId: string });
    });
    const user = userEvent.setup();
    const first = renderPage();
    await fillReferralForm(user);
    online = false;
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
    const { calls } = mockGraphql((call) =>
      call.operationName === 'ConsoleAgencies'
        ? directoryAnswer(call)
        : accepted(call.variables['input'] as { referralId: string }),
    );
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
    const { calls } = mockGraphql((call) =>
      call.operationName === 'ConsoleAgencies' ? directoryAnswer(call) : refusal,
    );
    const refusal = {
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
    };
    const user = userEvent.setup();
    renderPage();
    await fillReferralForm(user);
    await user.click(screen.getByRole('button', { name: 'Envoyer le signalement' }));

    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain('2 points à corriger');
    await waitFor(() => expect(document.activeElement).toBe(summary));

    const agency = screen.getByRole('combobox', { name: 'Agence' });
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
    expect((agency as HTMLSelectElement).value).toBe('pnc-pmh-masisi');

    // Corrected and sent again, it is a new command.
    await user.click(screen.getByRole('button', { name: 'Envoyer le signalement' }));
    await waitFor(() => expect(submitted(calls)).toHaveLength(2));
    const [first, second] = submitted(calls);
    expect(second?.commandId).not.toBe(first?.commandId);
  });

  it('checks the rules first: nothing is sent until the form is complete', async () => {
    const { calls } = mockGraphql((call) => (call.operationName === 'ConsoleAgencies' ? directoryAnswer(call) : {}));
    const user = userEvent.setup();
    renderPage();
    await pickReceivingAgency(user, 'Police', 'Police des mines de Masisi (Nord-Kivu)');
    await user.click(screen.getByRole('button', { name: 'Envoyer le signalement' }));
    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain(
      'Cochez au moins un indicateur de travail forcé ou un signe de travail des enfants.',
    );
    // An adult goes to the police with their own consent only.
    expect(summary.textContent).toContain('Pour la police, il faut le consentement de la personne elle-même');
    const indicators = screen.getByRole('group', { name: 'Indicateurs de travail forcé (OIT)' });
    expect(indicators.getAttribute('aria-describedby')).toContain('referral-indicators-error');
    expect(submitted(calls)).toEqual([]);
    expect(outboxEntries()).toEqual([]);
  });
});

describe('referring a known person on', { timeout: 20_000 }, () => {
  it('sends the case and the person of the referral it starts from, with what is known of them', async () => {
    const origin = referral({ status: 'ACCEPTED', subjectPersonId: '9d3c2b1a-0f9e-4d8c-8b7a-6f5e4d3c2b1a' });
    history.pushState(null, '', `/referrals/new?from=${origin.referralId}`);
    const { calls } = mockGraphql((call) => {
      if (call.operationName === 'ConsoleReferral') return { data: { referral: origin } };
      if (call.operationName === 'ConsoleAgencies') return directoryAnswer(call);
      return accepted(call.variables['input'] as { referralId: string });
    });
    const user = userEvent.setup();
    renderPage();
    expect((await screen.findByTestId('referral-forwarding')).textContent).toContain(
      "Vous orientez la personne de l'orientation NK-2026-00042-R1",
    );
    // What is known of the person is taken from the referral: the site, whether a child, the indicators.
    await waitFor(() =>
      expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Code du site' }).value).toBe(origin.siteCode ?? ''),
    );
    await pickReceivingAgency(user, 'Police', 'Police des mines de Masisi (Nord-Kivu)');
    const consentGiven = screen.getByRole('group', { name: 'Un consentement a-t-il été donné ?' });
    await user.click(consentGiven.querySelector('input[value="yes"]') as HTMLElement);
    await user.click(screen.getByRole('radio', { name: 'La personne elle-même' }));
    await user.click(screen.getByRole('checkbox', { name: 'Enquête' }));
    await user.click(screen.getByRole('textbox', { name: 'Ce qui a été observé' }));
    await user.paste('Orientée de nouveau pour une enquête.');
    await user.click(screen.getByRole('button', { name: 'Envoyer le signalement' }));

    await waitFor(() => expect(submitted(calls)).toHaveLength(1));
    expect(submitted(calls)[0]).toMatchObject({
      jointCaseId: origin.jointCaseId,
      subject: { isChild: origin.subjectIsChild, personId: origin.subjectPersonId },
      indicators: origin.indicators,
      site: { code: origin.siteCode },
    });
  });
});

describe('the receiving agency', { timeout: 20_000 }, () => {
  const optionsOf = (name: string) =>
    Array.from(screen.getByRole<HTMLSelectElement>('combobox', { name }).options).map((o) => o.textContent);

  it("offers the directory's agencies of the chosen type by name, and sends the chosen one's id", async () => {
    const { calls } = mockGraphql((call) =>
      call.operationName === 'ConsoleAgencies'
        ? directoryAnswer(call)
        : accepted(call.variables['input'] as { referralId: string }),
    );
    const user = userEvent.setup();
    renderPage();
    expect(optionsOf('Agence')).toEqual(['Choisir…']);
    expect(screen.getByText("Choisissez d'abord le type d'agence", { exact: false })).toBeTruthy();

    await user.selectOptions(screen.getByRole('combobox', { name: "Type d'agence" }), "Prestataire d'assistance");
    await screen.findByRole('option', { name: 'Ushindi (Nord-Kivu)' });
    expect(optionsOf('Agence')).toEqual(['Choisir…', 'Ushindi (Nord-Kivu)']);

    // Another type, another list; the sender's own agency is never offered.
    await user.selectOptions(screen.getByRole('combobox', { name: "Type d'agence" }), 'Premier intervenant');
    expect(await screen.findByText("L'annuaire n'a aucune agence active de ce type.")).toBeTruthy();
    expect(optionsOf('Agence')).toEqual(['Choisir…']);

    await fillReferralForm(user);
    expect(optionsOf('Agence')).toEqual([
      'Choisir…',
      'Police de protection de Bukavu (Sud-Kivu)',
      'Police des mines de Masisi (Nord-Kivu)',
    ]);
    expect(calls.filter((c) => c.operationName === 'ConsoleAgencies').map((c) => c.variables['filter'])).toEqual([
      { agencyType: 'ASSISTANCE_PROVIDER' },
      { agencyType: 'FIRST_RESPONDER' },
      { agencyType: 'POLICE' },
    ]);

    await user.click(screen.getByRole('button', { name: 'Envoyer le signalement' }));
    await waitFor(() => expect(submitted(calls)).toHaveLength(1));
    expect(submitted(calls)[0]).toMatchObject({ toAgencyId: 'pnc-pmh-masisi', toAgencyType: 'POLICE' });
  });

  it('offline, offers the list this device read last, and says when it was read', async () => {
    let online = true;
    mockGraphql((call) => {
      if (!online) throw new Error('offline');
      return directoryAnswer(call);
    });
    const user = userEvent.setup();
    const first = renderPage();
    await pickReceivingAgency(user, 'Police', 'Police des mines de Masisi (Nord-Kivu)');
    first.unmount();
    cleanup();

    online = false;
    renderPage();
    await pickReceivingAgency(user, 'Police', 'Police de protection de Bukavu (Sud-Kivu)');
    expect(screen.getByRole<HTMLSelectElement>('combobox', { name: 'Agence' }).value).toBe('pnc-uvs-bukavu');
    expect(await screen.findByText(/Hors ligne : la liste lue le/)).toBeTruthy();

    // A type whose list was never read here: the page says the list will come with the connection.
    await user.selectOptions(screen.getByRole('combobox', { name: "Type d'agence" }), 'Parquet');
    expect(
      await screen.findByText(
        "L'annuaire des agences n'a pas encore été lu sur cet appareil : la liste s'affichera au retour de la connexion.",
      ),
    ).toBeTruthy();
    expect(optionsOf('Agence')).toEqual(['Choisir…']);
  });
});
