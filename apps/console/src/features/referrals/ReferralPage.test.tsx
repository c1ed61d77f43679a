import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outboxEntries, retryNow, startOutbox } from '../../api/outbox';
import { mockGraphql, renderConsole, testSession, type GraphqlCall } from '../../test/render';
import { conflictError, freshDevice, POLICE, referral } from './fixtures';
import { ReferralPage } from './ReferralPage';
import { type ReferralData } from './referralRules';

const inputsOf = (calls: readonly GraphqlCall[], operation: string) =>
  calls.filter((c) => c.operationName === operation).map((c) => c.variables['input'] as Record<string, unknown>);

let stop: () => void = () => undefined;
beforeEach(() => {
  freshDevice();
  stop = startOutbox();
});
afterEach(() => stop());

function renderAs(session = POLICE, current = referral()) {
  return renderConsole(<ReferralPage params={{ id: current.referralId }} />, { language: 'fr', session });
}

// Component tests share two cores with the rest of the suite: room for a slow run.
describe('a referral', { timeout: 20_000 }, () => {
  it('shows its status, parties, indicators and consent, in French', async () => {
    mockGraphql(() => ({ data: { referral: referral() } }));
    renderAs();
    expect(await screen.findByRole('heading', { level: 1, name: 'Signalement · NK-MAS-014' })).toBeTruthy();
    expect(screen.getByTestId('referral-status').textContent).toBe('Envoyé, en attente de réponse · version 1');
    expect(screen.getByText('Servitude pour dettes')).toBeTruthy();
    expect(screen.getByText("Rétention des documents d'identité")).toBeTruthy();
    expect(
      screen.getByText(/Donné par La personne elle-même, pour Police ; finalités : Assistance, Enquête/),
    ).toBeTruthy();
    // The receiving police may accept or decline; revoking is the sender's.
    expect(screen.getByRole('button', { name: 'Accepter' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Refuser' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Révoquer' })).toBeNull();
  });

  it('offers the sender to revoke, not to answer', async () => {
    mockGraphql(() => ({ data: { referral: referral() } }));
    renderAs(testSession());
    expect(await screen.findByRole('button', { name: 'Révoquer' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Accepter' })).toBeNull();
  });

  it('links an accepted referral the assistance provider received to taking the person into assistance', async () => {
    const provider = testSession({
      agencyId: 'ngo-ushindi',
      agencyType: 'assistance_provider',
      roles: ['case_worker'],
      userId: 'ngo-ushindi-user',
    });
    const received = referral({
      status: 'ACCEPTED',
      revision: 2,
      toAgencyId: 'ngo-ushindi',
      toAgencyType: 'ASSISTANCE_PROVIDER',
    });
    mockGraphql(() => ({ data: { referral: received } }));
    renderAs(provider, received);
    const link = await screen.findByRole('link', { name: 'Prendre une victime en assistance' });
    expect(link.getAttribute('href')).toBe(`/assistance/new?referral=${received.referralId}`);
    expect(screen.queryByRole('link', { name: 'Ouvrir une enquête' })).toBeNull();
  });

  it('offers no assistance to the police, and nothing to the provider before it accepts', async () => {
    mockGraphql(() => ({ data: { referral: referral({ status: 'ACCEPTED', revision: 2 }) } }));
    renderAs();
    expect(await screen.findByRole('link', { name: 'Ouvrir une enquête' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Prendre une victime en assistance' })).toBeNull();
  });

  it('accepts on the revision shown, with the note', async () => {
    let current: ReferralData = referral();
    const { calls } = mockGraphql((call) => {
      if (call.operationName === 'ConsoleAcceptReferral') {
        current = referral({ status: 'ACCEPTED', revision: 2, statusReason: 'Une équipe part jeudi.' });
        return {
          data: {
            acceptReferral: { referralId: current.referralId, status: 'ACCEPTED', revision: 2, replayed: false },
          },
        };
      }
      return { data: { referral: current } };
    });
    const user = userEvent.setup();
    renderAs();
    await user.type(
      await screen.findByRole('textbox', { name: "Note pour l'agence qui envoie (facultatif)" }),
      'Une équipe part jeudi.',
    );
    await user.click(screen.getByRole('button', { name: 'Accepter' }));
    expect(await screen.findByTestId('referral-result')).toBeTruthy();
    expect(screen.getByTestId('referral-result').textContent).toBe(
      'Accepter le signalement : enregistré. Statut : Accepté.',
    );
    expect(inputsOf(calls, 'ConsoleAcceptReferral')).toEqual([
      expect.objectContaining({
        referralId: referral().referralId,
        expectedRevision: 1,
        note: 'Une équipe part jeudi.',
      }),
    ]);
    await waitFor(() => expect(screen.getByTestId('referral-status').textContent).toBe('Accepté · version 2'));
    // Accepted: completing it is what remains for the police.
    expect(screen.getByRole('button', { name: 'Clôturer' })).toBeTruthy();
  });

  it('requires a reason to decline, beside the field, and sends nothing without one', async () => {
    const { calls } = mockGraphql((call) =>
      call.operationName === 'ConsoleDeclineReferral'
        ? { data: { declineReferral: { referralId: 'r', status: 'DECLINED', revision: 2, replayed: false } } }
        : { data: { referral: referral() } },
    );
    const user = userEvent.setup();
    renderAs();
    await user.click(await screen.findByRole('button', { name: 'Refuser' }));
    const reason = screen.getByRole('textbox', { name: 'Motif du refus (obligatoire)' });
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(reason.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      "Indiquez le motif du refus : l'agence qui envoie doit savoir où en est le dossier.",
    );
    expect(document.activeElement).toBe(reason);
    expect(inputsOf(calls, 'ConsoleDeclineReferral')).toEqual([]);
    expect(outboxEntries()).toEqual([]);

    await user.type(reason, 'Hors de notre ressort');
    await user.click(screen.getByRole('button', { name: 'Refuser' }));
    await waitFor(() =>
      expect(inputsOf(calls, 'ConsoleDeclineReferral')).toEqual([
        expect.objectContaining({ expectedRevision: 1, reason: 'Hors de notre ressort' }),
      ]),
    );
  });

  it('shows a CONFLICT with what changed, never resends it by itself, and applies it to the current version when asked', async () => {
    // Meanwhile the NGO screened the person: the referral is still waiting for the police, at revision 2.
    let current: ReferralData = referral();
    let acceptAnswer: unknown = conflictError(1, 2);
    const { calls } = mockGraphql((call) => {
      if (call.operationName === 'ConsoleAcceptReferral') {
        const answer = acceptAnswer;
        if (!('errors' in (answer as object))) current = referral({ status: 'ACCEPTED', revision: 3 });
        return answer;
      }
      return { data: { referral: current } };
    });
    const user = userEvent.setup();
    renderAs();
    await screen.findByRole('button', { name: 'Accepter' });
    current = referral({
      revision: 2,
      updatedAt: '2026-12-05T09:30:00Z',
      screening: {
        acts: ['RECRUITMENT'],
        means: ['DECEPTION'],
        purposes: ['FORCED_LABOUR'],
        personIsChild: false,
        meansRequired: true,
        result: 'INDICATES_TRAFFICKING',
        assessedAt: '2026-12-05T09:30:00Z',
        byAgencyId: 'ngo-kivu-hope',
        byAgency: { name: 'Kivu Hope' },
      },
    });
    await user.click(screen.getByRole('button', { name: 'Accepter' }));

    const conflict = await screen.findByTestId('conflict');
    expect(within(conflict).getByText('Conflit : Accepter le signalement')).toBeTruthy();
    await waitFor(() =>
      expect(
        within(conflict).getByText(/Vous aviez vu la version 1 ; elle est maintenant à la version 2/),
      ).toBeTruthy(),
    );
    expect(within(conflict).getByRole('heading', { name: "Ce qu'il en est maintenant" })).toBeTruthy();
    expect(within(conflict).getByTestId('conflict-current-status').textContent).toBe('Envoyé, en attente de réponse');
    expect(within(conflict).getByText(/peut encore s'appliquer à la version actuelle \(2\)/)).toBeTruthy();
    // What changed is on the page too: the screening that came in.
    expect(screen.getByTestId('screening-result').textContent).toContain('Le filtrage indique une traite');

    // The link drops and comes back; the outbox is flushed: the conflict is not sent again.
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    await act(() => retryNow());
    expect(inputsOf(calls, 'ConsoleAcceptReferral')).toHaveLength(1);
    expect(outboxEntries().map((e) => e.state)).toEqual(['conflict']);

    acceptAnswer = {
      data: { acceptReferral: { referralId: current.referralId, status: 'ACCEPTED', revision: 3, replayed: false } },
    };
    await user.click(within(conflict).getByRole('button', { name: "L'appliquer à la version actuelle" }));
    await waitFor(() => expect(inputsOf(calls, 'ConsoleAcceptReferral')).toHaveLength(2));
    const [first, again] = inputsOf(calls, 'ConsoleAcceptReferral');
    expect(again).toMatchObject({ referralId: current.referralId, expectedRevision: 2 });
    expect(again?.['commandId']).not.toBe(first?.['commandId']);
    await waitFor(() => expect(screen.queryByTestId('conflict')).toBeNull());
    await waitFor(() => expect(screen.getByTestId('referral-status').textContent).toBe('Accepté · version 3'));
    expect(outboxEntries()).toEqual([]);
  });
});
