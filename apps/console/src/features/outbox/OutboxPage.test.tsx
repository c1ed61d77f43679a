import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configureClient, type Document } from '../../api/client';
import { flush, newCommandId, openOutboxFor, outboxEntries, startOutbox, submitCommand } from '../../api/outbox';
import { AcceptReferralMutation, DeclineReferralMutation } from '../referrals/operations';
import { conflictError, freshDevice, POLICE, referral } from '../referrals/fixtures';
import { mockGraphql, renderConsole, type GraphqlCall } from '../../test/render';
import { ownerOf } from '../../session/session';
import { OutboxPage } from './OutboxPage';

type Vars = { input: Record<string, unknown> & { commandId: string } };
const REFERRAL = referral();

function decline(reason: string) {
  return {
    document: DeclineReferralMutation as Document<unknown, Vars>,
    mutation: 'declineReferral',
    label: 'outbox.action.declineReferral',
    subject: { kind: 'referral', id: REFERRAL.referralId },
    variables: { input: { commandId: newCommandId(), referralId: REFERRAL.referralId, expectedRevision: 1, reason } },
  };
}

const declines = (calls: readonly GraphqlCall[]) => calls.filter((c) => c.operationName === 'ConsoleDeclineReferral');

let stop: () => void = () => undefined;
beforeEach(async () => {
  freshDevice();
  stop = startOutbox();
  // Signed in as the police officer, as the console's session would have it before this page opens.
  configureClient({ token: () => POLICE.token, unauthenticated: () => undefined });
  await openOutboxFor(ownerOf(POLICE));
});
afterEach(() => stop());

// Component tests share two cores with the rest of the suite: room for a slow run.
describe('the outbox page', { timeout: 20_000 }, () => {
  it('shows a conflict beside the current state; an action that no longer applies can only be discarded', async () => {
    // Another officer accepted the referral while this phone was offline with its decline.
    const accepted = referral({
      status: 'ACCEPTED',
      revision: 2,
      answeredAt: '2026-12-05T10:15:00Z',
      updatedAt: '2026-12-05T10:15:00Z',
      statusReason: 'Une équipe part jeudi.',
    });
    const { calls } = mockGraphql((call) =>
      call.operationName === 'ConsoleDeclineReferral' ? conflictError(1, 2) : { data: { referral: accepted } },
    );
    await submitCommand(decline('Hors de notre ressort'));
    await flush();
    expect(outboxEntries().map((e) => e.state)).toEqual(['conflict']);

    const user = userEvent.setup();
    renderConsole(<OutboxPage params={{}} />, { language: 'fr', session: POLICE });
    const conflict = await screen.findByTestId('conflict');
    expect(within(conflict).getByText('Conflit : Refuser le signalement')).toBeTruthy();
    // What the person tried, beside what is there now: who answered, when, and what they wrote.
    expect(within(conflict).getByText('Hors de notre ressort')).toBeTruthy();
    expect(await within(conflict).findByTestId('conflict-current-status')).toBeTruthy();
    expect(within(conflict).getByTestId('conflict-current-status').textContent).toBe('Accepté');
    expect(within(conflict).getByText(/^Police des mines de Masisi, le 5 déc\. 2026.*12:15/)).toBeTruthy();
    expect(within(conflict).getByText('Une équipe part jeudi.')).toBeTruthy();
    expect(
      within(conflict).getByText("Votre action ne s'applique plus : le signalement est maintenant « Accepté »."),
    ).toBeTruthy();
    expect(within(conflict).queryByRole('button', { name: "L'appliquer à la version actuelle" })).toBeNull();

    // The link comes back: still nothing is resent.
    act(() => {
      window.dispatchEvent(new Event('online'));
    });
    await act(() => flush());
    expect(declines(calls)).toHaveLength(1);

    await user.click(within(conflict).getByRole('button', { name: 'Abandonner mon action' }));
    await waitFor(() => expect(screen.queryByTestId('conflict')).toBeNull());
    expect(outboxEntries()).toEqual([]);
    expect(screen.getByText("Rien n'attend sur cet appareil.")).toBeTruthy();
    expect(declines(calls)).toHaveLength(1);
  });

  it('lists what waits with its attempts and next try, and a refusal as a sentence until dismissed', async () => {
    let online = false;
    mockGraphql((call) => {
      if (call.operationName === 'ConsoleAcceptReferral') {
        if (!online) throw new Error('offline');
        return {
          data: {
            acceptReferral: { referralId: REFERRAL.referralId, status: 'ACCEPTED', revision: 2, replayed: false },
          },
        };
      }
      return {
        errors: [
          {
            message: 'Referral was revoked',
            extensions: { code: 'RULE_VIOLATION', rule: 'referral_revoked' },
          },
        ],
      };
    });
    await submitCommand(decline('Hors de notre ressort'));
    await flush();
    await submitCommand({
      document: AcceptReferralMutation,
      mutation: 'acceptReferral',
      label: 'outbox.action.acceptReferral',
      subject: { kind: 'referral', id: 'other' },
      variables: { input: { commandId: newCommandId(), referralId: 'other', expectedRevision: 1 } },
    });
    await flush();

    const user = userEvent.setup();
    renderConsole(<OutboxPage params={{}} />, { language: 'fr', session: POLICE });
    const pending = await screen.findByTestId('pending');
    expect(within(pending).getByText(/Accepter le signalement/)).toBeTruthy();
    expect(pending.querySelectorAll('td')[2]?.textContent).toBe('1');
    expect(pending.querySelectorAll('td')[3]?.textContent).toMatch(/^dans \d+ (seconde|minute)/);
    expect(within(pending).getByRole('link', { name: 'Voir le signalement' }).getAttribute('href')).toBe(
      '/referrals/other',
    );

    const refused = screen.getByTestId('refused');
    expect(within(refused).getByText('Refusé : Refuser le signalement')).toBeTruthy();
    expect(within(refused).getByRole('alert').textContent).not.toContain('Referral was revoked');
    await user.click(within(refused).getByRole('button', { name: "J'ai compris, retirer" }));
    await waitFor(() => expect(screen.queryByTestId('refused')).toBeNull());

    online = true;
    await user.click(screen.getByRole('button', { name: 'Réessayer maintenant' }));
    await waitFor(() => expect(screen.queryByTestId('pending')).toBeNull());
    expect(outboxEntries()).toEqual([]);
  });
});
