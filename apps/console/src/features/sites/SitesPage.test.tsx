import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { mockGraphql, renderConsole } from '../../test/render';
import { freshDevice } from '../referrals/fixtures';
import { connection, MINING_AUTHORITY, registrySite } from './fixtures';
import { SitesPage } from './SitesPage';

const RED = registrySite();
const GREEN = registrySite({
  siteId: '0c1d2e3f-4a5b-4c6d-8e7f-8a9b0c1d2e3f',
  code: 'SK-FIZ-001',
  name: 'Misisi',
  province: 'SOUTH_KIVU',
  territory: 'FIZI',
  minerals: ['GOLD'],
  latitude: -4.312,
  longitude: 28.934,
  status: 'GREEN',
  openIncidentCount: 0,
  highestOpenIncidentLevel: null,
});
const YELLOW = registrySite({
  siteId: '1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a',
  code: 'NK-WAL-002',
  name: 'Bisie',
  territory: 'WALIKALE',
  latitude: -1.114,
  longitude: 27.924,
  status: 'YELLOW',
  openIncidentCount: 0,
  highestOpenIncidentLevel: null,
  remediationDeadline: '2026-11-30T08:00:00Z',
  remediationOverdue: true,
});

beforeEach(() => freshDevice());

describe('the registry of sites', { timeout: 20_000 }, () => {
  it('lists the sites in a table, each status in words, the overdue remediation flagged', async () => {
    mockGraphql(() => ({ data: { mineSites: connection([RED, YELLOW, GREEN]) } }));
    renderConsole(<SitesPage params={{}} />, { session: MINING_AUTHORITY });
    const table = await screen.findByRole('table', { name: 'The same sites as on the map' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    const red = rows[0] as HTMLElement;
    expect(within(red).getByRole('rowheader').textContent).toBe('NK-MAS-014');
    expect(within(red).getByRole('link', { name: 'NK-MAS-014' }).getAttribute('href')).toBe('/sites/NK-MAS-014');
    expect(within(red).getByText('Red: suspended')).toBeTruthy();
    expect(red.textContent).toContain('Masisi, North Kivu');
    expect(red.textContent).toContain('Coltan (tantalum), Cassiterite (tin)');
    expect(red.textContent).toContain('(most serious: level 1)');
    const yellow = rows[1] as HTMLElement;
    expect(within(yellow).getByText('Yellow: remediation')).toBeTruthy();
    expect(within(yellow).getByText('overdue')).toBeTruthy();
    expect(within(rows[2] as HTMLElement).getByText('Green: may trade')).toBeTruthy();
  });

  it('puts a RED site on the map as a marker labelled with its code and its status in words, reached by Tab', async () => {
    mockGraphql(() => ({ data: { mineSites: connection([RED, GREEN]) } }));
    const user = userEvent.setup();
    renderConsole(<SitesPage params={{}} />, { session: MINING_AUTHORITY });
    const map = await screen.findByRole('group', { name: 'Map of the sites' });
    const marker = within(map).getByRole('link', { name: 'NK-MAS-014 (Rubaya B), status Red: suspended' });
    expect(marker.getAttribute('href')).toBe('/sites/NK-MAS-014');
    expect(marker.getAttribute('data-status')).toBe('RED');
    // The code is written beside the marker, and the shape is the status's own (a square for RED).
    expect(marker.textContent).toContain('NK-MAS-014');
    expect(marker.querySelector('rect.site-marker-red')).not.toBeNull();
    expect(within(map).getByRole('link', { name: 'SK-FIZ-001 (Misisi), status Green: may trade' })).toBeTruthy();

    // By keyboard alone: Tab goes through the page's controls to the marker.
    let reached = false;
    for (let i = 0; i < 12 && !reached; i++) {
      await user.tab();
      reached = document.activeElement === marker;
    }
    expect(reached).toBe(true);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(location.pathname).toBe('/sites/NK-MAS-014'));
  });

  it('asks the registry again for one status and one province', async () => {
    const { calls } = mockGraphql(() => ({ data: { mineSites: connection([RED]) } }));
    const user = userEvent.setup();
    renderConsole(<SitesPage params={{}} />, { session: MINING_AUTHORITY });
    await screen.findByRole('table');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Red: suspended');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Province' }), 'North Kivu');
    await waitFor(() =>
      expect(calls.filter((c) => c.operationName === 'ConsoleSitesRegistry').at(-1)?.variables).toEqual({
        filter: { first: 200, status: 'RED', province: 'NORTH_KIVU' },
      }),
    );
  });

  it('reads in French', async () => {
    mockGraphql(() => ({ data: { mineSites: connection([RED]) } }));
    renderConsole(<SitesPage params={{}} />, { session: MINING_AUTHORITY, language: 'fr' });
    expect(await screen.findByRole('link', { name: 'NK-MAS-014 (Rubaya B), statut Rouge : suspendu' })).toBeTruthy();
  });
});
