import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { navFor } from '../../app/routes';
import { mockGraphql, renderConsole } from '../../test/render';
import { freshDevice } from '../referrals/fixtures';
import { INTEGRATOR, listed } from './fixtures';
import { WebhooksPage } from './WebhooksPage';

beforeEach(() => freshDevice());

describe('the webhooks list', { timeout: 20_000 }, () => {
  it('is in the menu of integrators only', () => {
    const has = (agencyType: string) =>
      navFor({ agencyType, roles: ['integrator'] }).some((item) => item.href === '/webhooks');
    expect(has('integrator')).toBe(true);
    for (const other of ['police', 'first_responder', 'prosecutor', 'coordination_body', 'mining_authority']) {
      expect(has(other)).toBe(false);
    }
  });

  it('shows each endpoint: what it receives, its filter, and why a disabled one is off, in words', async () => {
    mockGraphql(() => ({
      data: {
        webhookEndpoints: [
          listed(),
          listed({
            endpointId: 'e-gone',
            url: 'https://old.example.org/hook',
            description: null,
            provinces: ['SOUTH_KIVU'],
            siteCodes: ['SK-FIZ-001'],
            status: 'DISABLED',
            disabledReason: 'GONE',
            disabledDetail: 'answered HTTP 410',
            lastSuccessAt: null,
          }),
          listed({
            endpointId: 'e-failing',
            url: 'https://down.example.org/hook',
            status: 'DISABLED',
            disabledReason: 'FAILING',
            disabledDetail: 'no delivery succeeded since 2026-11-30T08:00:00.000Z; last: HTTP 500',
            failingSince: '2026-11-30T08:00:00Z',
          }),
          listed({
            endpointId: 'e-owner',
            url: 'https://paused.example.org/hook',
            status: 'DISABLED',
            disabledReason: 'BY_OWNER',
            pausedUntil: '2026-12-06T10:00:00Z',
          }),
        ],
      },
    }));
    renderConsole(<WebhooksPage params={{}} />, { session: INTEGRATOR });
    const rows = await screen.findAllByTestId('webhook-endpoint');
    expect(screen.getByRole('table', { name: 'Your 4 endpoints' })).toBeTruthy();
    const [ok, gone, failing, byOwner] = rows.map((r) => within(r));

    expect(ok?.getByRole('link', { name: 'https://hooks.example.org/pamoja' }).getAttribute('href')).toBe(
      '/webhooks/0b5c7a36-0f52-4f1e-9d3a-6a1d2c3b4e5f',
    );
    expect(rows[0]?.textContent).toContain('Due diligence');
    expect(rows[0]?.textContent).toContain('pamoja.referrals.ReferralSubmitted.v1');
    expect(rows[0]?.textContent).toContain('Every province and every site');
    expect(rows[0]?.textContent).toContain('Enabled: deliveries go');
    expect(rows[0]?.textContent).toContain('Not failing');
    expect(rows[0]?.textContent).toContain('Dec 5, 2026, 10:30 AM'); // last success, in Kivu time

    expect(gone?.getAllByRole('cell')[1]?.textContent).toBe('Only in South KivuOnly at the sites SK-FIZ-001');
    expect(rows[1]?.textContent).toContain('Disabled: nothing is sent');
    expect(rows[1]?.textContent).toContain('Your endpoint answered 410 Gone (it says it no longer exists)');
    expect(rows[1]?.textContent).toContain('What the platform saw: answered HTTP 410');
    expect(rows[1]?.textContent).toContain('Never yet');

    expect(failing?.getAllByRole('cell')[2]?.textContent).toContain('No delivery succeeded for 5 days');
    expect(rows[2]?.textContent).toContain('last: HTTP 500');
    expect(rows[2]?.textContent).toContain('Nov 30, 2026, 10:00 AM'); // failing since

    expect(rows[3]?.textContent).toContain('You turned it off.');
    expect(byOwner?.getAllByRole('cell')[5]?.textContent).toBe('Dec 6, 2026, 12:00 PM'); // paused until
  });

  it('says when there is none yet, in French by default', async () => {
    mockGraphql(() => ({ data: { webhookEndpoints: [] } }));
    renderConsole(<WebhooksPage params={{}} />, { session: INTEGRATOR, language: 'fr' });
    expect(
      await screen.findByText('Vous n’avez encore aucun point de réception. Créez-en un pour recevoir des événements.'),
    ).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Nouveau point de réception' }).getAttribute('href')).toBe('/webhooks/new');
  });
});
