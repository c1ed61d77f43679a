import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { database } from '../../api/db';
import { startOutbox } from '../../api/outbox';
import { mockGraphql, renderConsole, type GraphqlCall } from '../../test/render';
import { freshDevice } from '../referrals/fixtures';
import { endpoint, ENDPOINT_ID, INTEGRATOR, message, SECRET, type Endpoint } from './fixtures';
import { WebhookEndpointPage } from './WebhookEndpointPage';

const PARAMS = { endpointId: ENDPOINT_ID };
const named = (calls: readonly GraphqlCall[], name: string) => calls.filter((c) => c.operationName === name);

const LOG = [
  message({
    messageId: 'msg_3',
    eventType: 'pamoja.referrals.ReferralAccepted.v1',
    createdAt: '2026-12-05T09:00:00Z',
    state: 'PENDING',
    attempts: 2,
    nextAttemptAt: '2026-12-05T09:35:00Z',
    deliveredAt: null,
    attemptLog: [
      { attempt: 1, attemptedAt: '2026-12-05T09:00:01Z', statusCode: 503, error: null, durationMs: 12 },
      {
        attempt: 2,
        attemptedAt: '2026-12-05T09:00:06Z',
        statusCode: null,
        error: 'target address 127.0.0.1 is private, loopback, link-local or reserved, and not allowed',
        durationMs: 0,
      },
    ],
  }),
  message({
    messageId: 'msg_2',
    replayOf: 'msg_1',
    state: 'FAILED',
    attempts: 8,
    deliveredAt: null,
    attemptLog: [
      {
        attempt: 8,
        attemptedAt: '2026-12-05T08:00:01Z',
        statusCode: null,
        error: 'no answer within 15000 ms',
        durationMs: 15000,
      },
    ],
  }),
  message({ messageId: 'msg_1' }),
];

function answer(data: () => Endpoint, mutations: (call: GraphqlCall) => unknown = () => ({ data: {} })) {
  return mockGraphql((call) => {
    if (call.operationName === 'ConsoleWebhookEndpoint') return { data: { webhookEndpoint: data() } };
    if (call.operationName === 'ConsoleWebhookEventTypes') return { data: { webhookEventTypes: [] } };
    return mutations(call);
  });
}

let stop: () => void = () => undefined;
beforeEach(() => {
  freshDevice();
  stop = startOutbox();
});
afterEach(() => stop());

describe('an endpoint’s page', { timeout: 20_000 }, () => {
  it('shows the delivery log newest first: state, attempts with each answer or why none came, in words, and the next attempt', async () => {
    answer(() => endpoint({}, LOG));
    renderConsole(<WebhookEndpointPage params={PARAMS} />, { session: INTEGRATOR });
    const rows = await screen.findAllByTestId('webhook-message');
    expect(screen.getByRole('table', { name: '3 messages, newest first' })).toBeTruthy();
    expect(rows.map((r) => within(r).getAllByRole('cell')[1]?.textContent)).toEqual([
      'Waiting',
      'Failed',
      'DeliveredDec 5, 2026, 10:00 AM',
    ]);

    const [first, , third] = rows.map((r) => within(r));
    const pending = first?.getAllByRole('cell') ?? [];
    expect(pending[0]?.textContent).toBe('pamoja.referrals.ReferralAccepted.v1');
    expect([...(pending[2]?.querySelectorAll('li') ?? [])].map((li) => li.textContent)).toEqual([
      'Attempt 1, Dec 5, 2026, 11:00 AM: answered HTTP 503',
      'Attempt 2, Dec 5, 2026, 11:00 AM: not sent: the address 127.0.0.1 is private, loopback, link-local or reserved, and the platform’s operator does not allow it',
    ]);
    expect(pending[3]?.textContent).toBe('Dec 5, 2026, 11:35 AM');

    expect(rows[1]?.textContent).toContain('Sends again msg_1');
    expect(rows[1]?.textContent).toContain('Attempt 8, Dec 5, 2026, 10:00 AM: no answer within 15 seconds');
    expect((third?.getAllByRole('cell') ?? [])[2]?.textContent).toBe('Attempt 1, Dec 5, 2026, 10:00 AM: answered 200');
    expect((third?.getAllByRole('cell') ?? [])[3]?.textContent).toBe('None');
  });

  it('filters the log by state, and sends one message again', async () => {
    const { calls } = answer(
      () => endpoint({}, LOG),
      (call) =>
        call.operationName === 'ConsoleResendWebhookMessage'
          ? { data: { resendWebhookMessage: { endpointId: ENDPOINT_ID, revision: 2 } } }
          : { data: {} },
    );
    const user = userEvent.setup();
    renderConsole(<WebhookEndpointPage params={PARAMS} />, { session: INTEGRATOR });
    await screen.findAllByTestId('webhook-message');
    await user.selectOptions(screen.getByRole('combobox', { name: 'State' }), 'Failed');
    await waitFor(() =>
      expect(named(calls, 'ConsoleWebhookEndpoint').at(-1)?.variables).toEqual({
        endpointId: ENDPOINT_ID,
        filter: { first: 50, state: 'FAILED' },
      }),
    );

    await user.click(
      screen.getByRole('button', { name: 'Send again: pamoja.referrals.ReferralSubmitted.v1 (message msg_1)' }),
    );
    await waitFor(() => expect(named(calls, 'ConsoleResendWebhookMessage')).toHaveLength(1));
    expect(named(calls, 'ConsoleResendWebhookMessage')[0]?.variables).toEqual({
      input: { commandId: expect.any(String) as string, endpointId: ENDPOINT_ID, messageId: 'msg_1' },
    });
    expect(await screen.findByText('Recorded.')).toBeTruthy();
  });

  it('says in words why a disabled endpoint is off, with what the platform saw, and offers to enable it', async () => {
    const { calls } = answer(
      () =>
        endpoint({
          status: 'DISABLED',
          disabledReason: 'FAILING',
          disabledAt: '2026-12-05T08:01:00Z',
          disabledDetail: 'no delivery succeeded since 2026-11-30T08:00:00.000Z; last: HTTP 500',
          failingSince: '2026-11-30T08:00:00Z',
        }),
      () => ({ data: { enableWebhookEndpoint: { endpointId: ENDPOINT_ID, status: 'ENABLED', revision: 3 } } }),
    );
    const user = userEvent.setup();
    renderConsole(<WebhookEndpointPage params={PARAMS} />, { session: INTEGRATOR, language: 'fr' });
    const status = await screen.findByTestId('webhook-status');
    expect(status.textContent).toContain('Désactivé : rien n’est envoyé depuis le 5 déc. 2026, 10:01');
    expect(status.textContent).toContain('Aucun envoi n’a réussi pendant 5 jours');
    expect(status.textContent).toContain(
      'Ce que la plateforme a constaté : no delivery succeeded since 2026-11-30T08:00:00.000Z; last: HTTP 500',
    );
    await user.click(screen.getByRole('button', { name: 'Activer le point de réception' }));
    await waitFor(() => expect(named(calls, 'ConsoleEnableWebhookEndpoint')).toHaveLength(1));
  });

  it('rotates the secret with the grace hours chosen, and shows the new one once without keeping it', async () => {
    let secrets: Endpoint['secrets'] = [{ secretId: 'sec-1', createdAt: '2026-12-01T07:00:00Z', validUntil: null }];
    const { calls } = answer(
      () => endpoint({ secrets }),
      () => {
        secrets = [
          { secretId: 'sec-1', createdAt: '2026-12-01T07:00:00Z', validUntil: '2099-12-07T07:00:00Z' },
          { secretId: 'sec-2', createdAt: '2026-12-06T07:00:00Z', validUntil: null },
        ];
        return { data: { rotateWebhookSecret: { endpointId: ENDPOINT_ID, revision: 2, secret: SECRET } } };
      },
    );
    const user = userEvent.setup();
    renderConsole(<WebhookEndpointPage params={PARAMS} />, { session: INTEGRATOR });
    const grace = await screen.findByRole('textbox', { name: 'Grace period (hours)' });
    await user.clear(grace);
    await user.type(grace, '200');
    await user.click(screen.getByRole('button', { name: 'Make a new secret' }));
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(document.getElementById('rotate-webhook-secret-gracePeriodHours-error')?.textContent).toBe(
      'Enter a whole number of hours from 0 to 168.',
    );
    await waitFor(() => expect(document.activeElement?.classList.contains('error-summary')).toBe(true));
    expect(named(calls, 'ConsoleRotateWebhookSecret')).toEqual([]);

    await user.clear(grace);
    await user.type(grace, '48');
    await user.click(screen.getByRole('button', { name: 'Make a new secret' }));
    const box = await screen.findByTestId('webhook-secret');
    expect(named(calls, 'ConsoleRotateWebhookSecret')[0]?.variables).toEqual({
      input: { commandId: expect.any(String) as string, endpointId: ENDPOINT_ID, gracePeriodHours: 48 },
    });
    expect(within(box).getByRole<HTMLInputElement>('textbox', { name: 'Signing secret' }).value).toBe(SECRET);
    expect(box.textContent).toContain('it will not be shown again');
    await waitFor(() =>
      expect(
        screen.getAllByTestId('webhook-secret-validity').map((r) => within(r).getByRole('cell').textContent),
      ).toEqual(['Previous secret, valid until Dec 7, 2099, 9:00 AM', 'Current secret']),
    );
    const db = await database();
    expect(JSON.stringify([await db.getAll('outbox'), await db.getAll('snapshots')])).not.toContain('whsec_');

    await user.click(within(box).getByRole('button', { name: 'I have saved it' }));
    expect(screen.queryByTestId('webhook-secret')).toBeNull();
    expect(document.body.textContent).not.toContain(SECRET);
  });

  it('deletes only once the host is typed, then goes back to the list', async () => {
    const { calls } = answer(
      () => endpoint(),
      () => ({ data: { deleteWebhookEndpoint: { endpointId: ENDPOINT_ID, status: null, revision: 4 } } }),
    );
    const user = userEvent.setup();
    renderConsole(<WebhookEndpointPage params={PARAMS} />, { session: INTEGRATOR });
    await user.click(await screen.findByText('Delete the endpoint'));
    const confirm = screen.getByRole('textbox', { name: 'To confirm, type the endpoint’s host: hooks.example.org' });
    await user.type(confirm, 'hooks.example');
    await user.click(screen.getByRole('button', { name: 'Delete the endpoint for good' }));
    await waitFor(() => expect(confirm.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById('delete-webhook-confirm-error')?.textContent).toBe(
      'Type hooks.example.org exactly to delete this endpoint.',
    );
    // The summary takes the focus first: typing goes on in the field after that.
    await waitFor(() => expect(document.activeElement?.classList.contains('error-summary')).toBe(true));
    expect(named(calls, 'ConsoleDeleteWebhookEndpoint')).toEqual([]);

    await user.type(confirm, '.org');
    await user.click(screen.getByRole('button', { name: 'Delete the endpoint for good' }));
    await waitFor(() => expect(named(calls, 'ConsoleDeleteWebhookEndpoint')).toHaveLength(1), { timeout: 5000 });
    await waitFor(() => expect(location.pathname).toBe('/webhooks'), { timeout: 5000 });
    expect(named(calls, 'ConsoleDeleteWebhookEndpoint')[0]?.variables).toEqual({
      input: { commandId: expect.any(String) as string, endpointId: ENDPOINT_ID },
    });
  });
});
