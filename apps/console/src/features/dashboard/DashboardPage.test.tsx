import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { mockGraphql, renderConsole } from '../../test/render';
import { DashboardPage } from './DashboardPage';
import { feature } from './feature';
import { COORDINATION, dashboardAnswer, handoffs, POLICE } from './fixtures';

/** A table's rows as its cells read: `[['Median', '5.5 h'], …]`. */
function rowsOf(name: string): string[][] {
  const table = screen.getByRole('table', { name });
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));
}

afterEach(() => history.replaceState(null, '', '/'));

// Component tests share two cores with the rest of the suite: room for a slow run.
describe('the dashboard', { timeout: 20_000 }, () => {
  it('shows each chart with a table of the same figures beside it', async () => {
    mockGraphql(dashboardAnswer());
    renderConsole(<DashboardPage params={{}} />, { language: 'en', session: POLICE });

    await screen.findByRole('table', { name: 'Handoff times, from submit to accept' });
    expect(rowsOf('Handoff times, from submit to accept')).toEqual([
      ['Median', '5.5 h'],
      ['90th percentile', '30 h'],
    ]);
    // Every stage, in the order a case moves, one the API has no row for at zero; the total below.
    await screen.findByRole('table', { name: 'Joint cases by stage' });
    expect(rowsOf('Joint cases by stage')).toEqual([
      ['Identified', '12'],
      ['Under investigation', '7'],
      ['In prosecution', '0'],
      ['Adjudicated', '2'],
      ['Total', '21'],
    ]);
    await screen.findByRole('table', { name: 'Mine sites by status' });
    expect(rowsOf('Mine sites by status')).toEqual([
      ['Blue: not yet verified', '9'],
      ['Green: may trade', '18'],
      ['Yellow: remediation', '4'],
      ['Red: suspended', '1'],
      ['Total', '32'],
    ]);
    expect(rowsOf('Handoffs submitted in the period')).toEqual([
      ['Submitted', '40'],
      ['Accepted', '31'],
      ['Declined', '3'],
      ['Awaiting an answer', '6'],
      ['Overdue now', '5'],
    ]);

    // The charts say the same: each bar's label and value written beside it, not by colour alone.
    const barsOf = (chart: string) =>
      [...screen.getByRole('img', { name: new RegExp(`^Bar chart: ${chart}\\.`) }).querySelectorAll('[data-bar]')].map(
        (bar) => [...bar.querySelectorAll('text')].map((text) => text.textContent),
      );
    expect(barsOf('Handoff times, from submit to accept')).toEqual([
      ['Median', '5.5 h'],
      ['90th percentile', '30 h'],
    ]);
    expect(barsOf('Mine sites by status')).toEqual([
      ['Blue: not yet verified', '9'],
      ['Green: may trade', '18'],
      ['Yellow: remediation', '4'],
      ['Red: suspended', '1'],
    ]);
    expect(screen.getByRole('heading', { level: 1, name: /^Dashboard: PNC – Police de protection/ })).toBeTruthy();
  });

  it('shows an agency its own overdue handoffs, by its name', async () => {
    mockGraphql(dashboardAnswer());
    renderConsole(<DashboardPage params={{}} />, { language: 'en', session: POLICE });
    const name = 'Overdue handoffs: PNC – Police de protection des mineurs, Masisi';
    await screen.findByRole('table', { name });
    expect(rowsOf(name)).toEqual([['PNC – Police de protection des mineurs, Masisi', '3']]);
    expect(screen.queryByText('Parquet de grande instance de Goma')).toBeNull();
  });

  it("shows the coordination body every agency's overdue handoffs, most overdue first", async () => {
    mockGraphql(dashboardAnswer());
    renderConsole(<DashboardPage params={{}} />, { language: 'en', session: COORDINATION });
    expect(await screen.findByRole('heading', { level: 1, name: 'Coordination dashboard' })).toBeTruthy();
    await screen.findByRole('table', { name: 'Overdue handoffs by agency' });
    // An agency the directory does not know reads as its id; one with nothing overdue is left out; ties by name.
    expect(rowsOf('Overdue handoffs by agency')).toEqual([
      ['PNC – Police de protection des mineurs, Masisi', '3'],
      ['ngo-gone', '1'],
      ['Parquet de grande instance de Goma', '1'],
    ]);
    const table = screen.getByRole('table', { name: 'Overdue handoffs by agency' });
    expect(within(table).getByText('Parquet de grande instance de Goma').getAttribute('title')).toBe('parquet-goma');
  });

  it('says so when nothing was accepted in the period, and when nothing is overdue', async () => {
    mockGraphql(
      dashboardAnswer({
        handoffs: () =>
          handoffs({ accepted: 0, acceptHoursMedian: null, acceptHoursP90: null, overdue: 0, overdueByAgency: [] }),
      }),
    );
    renderConsole(<DashboardPage params={{}} />, { language: 'en', session: POLICE });
    expect(await screen.findByText('No handoff was accepted in this period: no time to show.')).toBeTruthy();
    expect(screen.getByText('No overdue handoff.')).toBeTruthy();
    expect(screen.queryByRole('table', { name: 'Handoff times, from submit to accept' })).toBeNull();
  });

  it('sends the province and the period chosen to every query, days read in Kivu time', async () => {
    const user = userEvent.setup();
    const { calls } = mockGraphql(dashboardAnswer());
    renderConsole(<DashboardPage params={{}} />, { language: 'en', session: POLICE });
    await screen.findByRole('table', { name: 'Joint cases by stage' });
    expect(calls.find((c) => c.operationName === 'ConsoleDashboardCaseStages')?.variables).toEqual({ filter: {} });

    await user.selectOptions(screen.getByLabelText('Province'), 'North Kivu');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    const operations = ['ConsoleDashboardCaseStages', 'ConsoleDashboardHandoffs', 'ConsoleDashboardSites'];
    await waitFor(() => {
      for (const operation of operations) {
        expect(calls.filter((c) => c.operationName === operation).at(-1)?.variables).toEqual({
          filter: { province: 'NORTH_KIVU' },
        });
      }
    });
    expect(screen.getByTestId('dashboard-scope').textContent).toBe('Province: North Kivu · Period: all time');
    expect(location.search).toBe('?province=NORTH_KIVU');

    await user.type(screen.getByLabelText('From'), '2026-11-01');
    await user.type(screen.getByLabelText('To'), '2026-11-30');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    await waitFor(() => {
      for (const operation of operations.slice(0, 2)) {
        // From midnight starting 1 November to midnight ending 30 November, in the Kivus (UTC+2).
        expect(calls.filter((c) => c.operationName === operation).at(-1)?.variables).toEqual({
          filter: { province: 'NORTH_KIVU', from: '2026-10-31T22:00:00Z', to: '2026-11-30T22:00:00Z' },
        });
      }
    });
    // A site's status is as it stands now: the period does not apply to it, and is not sent.
    expect(calls.filter((c) => c.operationName === 'ConsoleDashboardSites').map((c) => c.variables)).toEqual([
      { filter: {} },
      { filter: { province: 'NORTH_KIVU' } },
    ]);
  });

  it('refuses a period that ends before it starts, beside the end date, without asking', async () => {
    const user = userEvent.setup();
    const { calls } = mockGraphql(dashboardAnswer());
    renderConsole(<DashboardPage params={{}} />, { language: 'en', session: POLICE });
    await screen.findByRole('table', { name: 'Joint cases by stage' });
    const sent = calls.length;
    await user.type(screen.getByLabelText('From'), '2026-11-30');
    await user.type(screen.getByLabelText('To'), '2026-11-01');
    await user.click(screen.getByRole('button', { name: 'Show' }));
    const to = screen.getByLabelText('To');
    expect(to.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('dashboard-to-error')?.textContent).toBe(
      'The end date is before the start date: choose a later end date.',
    );
    expect(to.getAttribute('aria-describedby')).toContain('dashboard-to-error');
    expect(document.activeElement).toBe(to);
    expect(calls.length).toBe(sent);
  });

  it('opens with the filter kept in the address', async () => {
    history.replaceState(null, '', '/dashboard?province=SOUTH_KIVU&from=2026-11-01');
    const { calls } = mockGraphql(dashboardAnswer());
    renderConsole(<DashboardPage params={{}} />, { language: 'fr', session: POLICE });
    await screen.findByRole('table', { name: 'Dossiers conjoints par étape' });
    expect(calls.find((c) => c.operationName === 'ConsoleDashboardCaseStages')?.variables).toEqual({
      filter: { province: 'SOUTH_KIVU', from: '2026-10-31T22:00:00Z' },
    });
    expect(screen.getByTestId('dashboard-scope').textContent).toBe(
      'Province : Sud-Kivu · Période : depuis le 1 nov. 2026',
    );
    expect(rowsOf('Délai entre l’envoi et l’acceptation des transferts')).toEqual([
      ['Médiane', '5,5 h'],
      ['90e centile', '30 h'],
    ]);
  });

  it('reads in Swahili', async () => {
    mockGraphql(dashboardAnswer());
    renderConsole(<DashboardPage params={{}} />, { language: 'sw', session: COORDINATION });
    expect(await screen.findByRole('heading', { level: 1, name: 'Dashibodi ya uratibu' })).toBeTruthy();
    await screen.findByRole('table', { name: 'Muda kati ya kutuma na kukubali uhamisho' });
    expect(rowsOf('Muda kati ya kutuma na kukubali uhamisho')).toEqual([
      ['Kiwango cha kati', 'saa 5.5'],
      ['Asilimia ya 90', 'saa 30'],
    ]);
    await screen.findByRole('table', { name: 'Maeneo ya migodi kwa hali' });
    expect(rowsOf('Maeneo ya migodi kwa hali')[1]).toEqual(['Kijani: biashara inaruhusiwa', '18']);
    expect(screen.getByRole('heading', { level: 2, name: 'Uhamisho uliochelewa, kwa taasisi' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Onyesha' })).toBeTruthy();
    expect(screen.getByLabelText('Mkoa')).toBeTruthy();
  });

  it('is in the menu of every agency but an integrator', () => {
    // As the menu reads it: a link shows to the agency types it names.
    const has = (agencyType: string) =>
      feature.nav.some((item) => item.href === '/dashboard' && item.agencyTypes?.includes(agencyType));
    for (const agencyType of [
      'first_responder',
      'police',
      'prosecutor',
      'assistance_provider',
      'mining_authority',
      'coordination_body',
    ]) {
      expect(has(agencyType), agencyType).toBe(true);
    }
    expect(has('integrator')).toBe(false);
    expect(feature.routes.map((r) => r.path)).toEqual(['/dashboard']);
  });
});
