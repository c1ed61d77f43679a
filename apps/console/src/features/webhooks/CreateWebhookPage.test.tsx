import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { database } from '../../api/db';
import { acknowledgementOf, startOutbox } from '../../api/outbox';
import { mockGraphql, renderConsole, type GraphqlCall } from '../../test/render';
import { freshDevice } from '../referrals/fixtures';
import { CreateWebhookPage } from './CreateWebhookPage';
import { ENDPOINT_ID, EVENT_TYPES, INTEGRATOR, SECRET } from './fixtures';

const creates = (calls: readonly GraphqlCall[]) =>
  calls.filter((c) => c.operationName === 'ConsoleCreateWebhookEndpoint');

/** Everything this device keeps: the outbox and the kept query answers in IndexedDB, and both web storages. */
async function keptOnDevice(): Promise<string> {
  const db = await database();
  return JSON.stringify({
    outbox: await db.getAll('outbox'),
    snapshots: await db.getAll('snapshots'),
    session: Object.entries(sessionStorage),
    local: Object.entries(localStorage),
  });
}

function answer(create: (call: GraphqlCall) => unknown) {
  return mockGraphql((call) => {
    if (call.operationName === 'ConsoleWebhookEventTypes') return { data: { webhookEventTypes: EVENT_TYPES } };
    if (call.operationName === 'ConsoleCreateWebhookEndpoint') return create(call);
    return { data: {} };
  });
}

let stop: () => void = () => undefined;
beforeEach(() => {
  freshDevice();
  stop = startOutbox();
});
afterEach(() => stop());

describe('creating a webhook endpoint', { timeout: 20_000 }, () => {
  it('offers the event types grouped by context with their description, and sends what was chosen', async () => {
    const { calls } = answer(() => ({
      data: {
        createWebhookEndpoint: {
          endpointId: ENDPOINT_ID,
          status: 'ENABLED',
          revision: 1,
          replayed: false,
          secret: SECRET,
        },
      },
    }));
    const user = userEvent.setup();
    renderConsole(<CreateWebhookPage params={{}} />, { session: INTEGRATOR });
    const referrals = await screen.findByRole('group', { name: 'Referrals' });
    const submitted = within(referrals).getByRole('checkbox', { name: 'pamoja.referrals.ReferralSubmitted.v1' });
    expect(submitted.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(submitted.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'A referral was sent to another agency',
    );
    expect(
      within(screen.getByRole('group', { name: 'Mine sites' })).getByRole('checkbox', {
        name: 'pamoja.sites.MineSiteStatusChanged.v1',
      }),
    ).toBeTruthy();

    await user.type(screen.getByRole('textbox', { name: 'URL' }), ' https://hooks.example.org/pamoja ');
    await user.type(screen.getByRole('textbox', { name: 'Description' }), 'Due diligence');
    await user.click(submitted);
    await user.click(screen.getByRole('checkbox', { name: 'North Kivu' }));
    await user.type(screen.getByRole('textbox', { name: 'Mine sites' }), 'nk-mas-014, NK-RUB-002');
    await user.click(screen.getByRole('button', { name: 'Create the endpoint' }));

    await waitFor(() => expect(creates(calls)).toHaveLength(1));
    expect(creates(calls)[0]?.variables).toEqual({
      input: {
        commandId: expect.any(String) as string,
        url: 'https://hooks.example.org/pamoja',
        description: 'Due diligence',
        eventTypes: ['pamoja.referrals.ReferralSubmitted.v1'],
        provinces: ['NORTH_KIVU'],
        siteCodes: ['NK-MAS-014', 'NK-RUB-002'],
      },
    });
  });

  it('shows the signing secret once, with a copy button and the warning, and keeps it nowhere on the device', async () => {
    const { calls } = answer(() => ({
      data: {
        createWebhookEndpoint: {
          endpointId: ENDPOINT_ID,
          status: 'ENABLED',
          revision: 1,
          replayed: false,
          secret: SECRET,
        },
      },
    }));
    const user = userEvent.setup();
    const view = renderConsole(<CreateWebhookPage params={{}} />, { session: INTEGRATOR });
    await user.type(screen.getByRole('textbox', { name: 'URL' }), 'https://hooks.example.org/pamoja');
    await user.click(await screen.findByRole('checkbox', { name: 'pamoja.referrals.ReferralAccepted.v1' }));
    await user.click(screen.getByRole('button', { name: 'Create the endpoint' }));

    const box = await screen.findByTestId('webhook-secret');
    expect(within(box).getByRole('heading', { name: 'Endpoint created: its signing secret' })).toBeTruthy();
    expect(within(box).getByRole<HTMLInputElement>('textbox', { name: 'Signing secret' }).value).toBe(SECRET);
    expect(box.textContent).toContain('Copy this secret now and keep it safe: it will not be shown again.');
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Endpoint created: its signing secret'));

    await user.click(within(box).getByRole('button', { name: 'Copy the secret' }));
    expect(await navigator.clipboard.readText()).toBe(SECRET);
    expect(within(box).getByRole('status').textContent).toBe('Copied.');

    // Only in this page's memory: not in IndexedDB (outbox, kept answers), not in web storage, not among the
    // outbox's remembered answers.
    const commandId = (creates(calls)[0]?.variables['input'] as { commandId: string }).commandId;
    expect(acknowledgementOf(commandId)).toBeUndefined();
    const kept = await keptOnDevice();
    expect(kept).not.toContain('whsec_');
    expect(kept).not.toContain(commandId); // the command left the outbox once answered

    // Leaving the page forgets it: the page opened again shows the form, never the secret.
    view.unmount();
    renderConsole(<CreateWebhookPage params={{}} />, { session: INTEGRATOR });
    await screen.findByRole('button', { name: 'Create the endpoint' });
    expect(screen.queryByTestId('webhook-secret')).toBeNull();
    expect(document.body.textContent).not.toContain(SECRET);
  });

  it('says in words why the platform refused the address or an event type, beside the field, and shows no secret', async () => {
    answer(() => ({
      errors: [
        {
          message: 'Bad input',
          extensions: {
            code: 'BAD_USER_INPUT',
            fields: [
              { field: 'input.url', reason: 'must not be a private, loopback, link-local or reserved address' },
              {
                field: 'input.eventTypes',
                reason: 'pamoja.referrals.Nothing.v1 is not an integration event type (see webhookEventTypes)',
              },
            ],
          },
        },
      ],
    }));
    const user = userEvent.setup();
    renderConsole(<CreateWebhookPage params={{}} />, { session: INTEGRATOR });
    const url = screen.getByRole('textbox', { name: 'URL' });
    await user.type(url, 'http://10.0.0.5/hook');
    await user.click(await screen.findByRole('checkbox', { name: 'pamoja.referrals.ReferralAccepted.v1' }));
    await user.click(screen.getByRole('button', { name: 'Create the endpoint' }));

    await waitFor(() => expect(url.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(url.getAttribute('aria-describedby')?.split(' ').at(-1) ?? '')?.textContent).toBe(
      'This address is private, loopback, link-local or reserved: the platform does not send there (unless its operator allows it).',
    );
    expect(document.getElementById('create-webhook-eventTypes-error')?.textContent).toBe(
      'pamoja.referrals.Nothing.v1 is not an event type the platform sends: choose from the list.',
    );
    await waitFor(() => expect(document.activeElement?.classList.contains('error-summary')).toBe(true));
    expect(screen.queryByTestId('webhook-secret')).toBeNull();
    // The refused command left the device: the form shows why, the outbox need not.
    await waitFor(async () => expect(await (await database()).getAll('outbox')).toEqual([]));
  });

  it('checks the form before sending: an address, at least one event type, site codes as the registry writes them', async () => {
    const { calls } = answer(() => ({ data: {} }));
    const user = userEvent.setup();
    renderConsole(<CreateWebhookPage params={{}} />, { session: INTEGRATOR, language: 'fr' });
    await user.type(screen.getByRole('textbox', { name: 'URL' }), 'ftp://hooks.example.org/x');
    await user.type(screen.getByRole('textbox', { name: 'Sites miniers' }), 'NK-MAS-014 masisi');
    await user.click(screen.getByRole('button', { name: 'Créer le point de réception' }));
    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain('Saisissez une adresse http ou https absolue');
    expect(summary.textContent).toContain('Choisissez au moins un type d’événement.');
    expect(summary.textContent).toContain('Ce ne sont pas des codes de site comme NK-MAS-014 : MASISI.');
    expect(creates(calls)).toEqual([]);
  });
});
