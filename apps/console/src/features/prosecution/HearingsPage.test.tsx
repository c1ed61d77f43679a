import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { mockGraphql, renderConsole } from '../../test/render';
import { freshDevice, PROSECUTOR } from './fixtures';
import { HearingsPage } from './HearingsPage';

const hearing = (overrides: Record<string, unknown>) => ({
  hearingId: 'h-1',
  prosecutionId: 'p-1',
  jointCaseId: 'case-1',
  reference: 'NK-2026-00042-P1',
  court: 'Tribunal de grande instance de Goma',
  purpose: 'Audience de jugement',
  scheduledFor: '2026-12-10T22:30:00Z',
  heldAt: null,
  outcome: null,
  cancelledAt: null,
  cancelReason: null,
  outcomeOverdueAt: null,
  rescheduleCount: 0,
  ...overrides,
});

const dayCell = (table: HTMLElement, day: string) => table.querySelector(`td[data-day="${day}"]`) as HTMLElement;

beforeEach(() => {
  freshDevice();
  mockGraphql((call) => {
    if (call.operationName !== 'ConsoleProsecutionUpcomingHearings') throw new Error('unexpected');
    return {
      data: {
        upcomingHearings: {
          nodes: [
            hearing({}),
            hearing({
              hearingId: 'h-2',
              prosecutionId: 'p-2',
              reference: 'SK-2027-00003-P1',
              scheduledFor: '2027-01-05T08:00:00Z',
            }),
          ],
          pageInfo: { hasNextPage: false, endCursor: null },
        },
      },
    };
  });
});

describe('the hearings calendar', { timeout: 20_000 }, () => {
  it('puts a hearing in the cell of its day in Kivu time, and moves by month with the keyboard', async () => {
    history.replaceState(null, '', '/hearings?month=2026-12');
    const user = userEvent.setup();
    renderConsole(<HearingsPage params={{}} />, { language: 'fr', session: PROSECUTOR });

    expect(await screen.findByRole('heading', { level: 2, name: 'décembre 2026' })).toBeTruthy();
    const december = screen.getByRole('table', { name: /Audiences de décembre 2026/ });
    expect(
      within(december)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.', 'dim.']);
    // 22:30 UTC on the 10th is half past midnight on the 11th in the Kivus.
    const link = await within(december).findByRole('link', { name: /NK-2026-00042-P1/ });
    expect(dayCell(december, '2026-12-11').contains(link)).toBe(true);
    expect(link.textContent).toBe('00:30 NK-2026-00042-P1');
    expect(link.getAttribute('href')).toBe('/prosecutions/p-1#hearing-h-1');
    expect(within(dayCell(december, '2026-12-10')).queryByRole('link')).toBeNull();
    expect(screen.getByText('Une audience ce mois-ci.')).toBeTruthy();

    // The month buttons come first in the tab order: next month by keyboard.
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Mois précédent' }));
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Mois suivant' }));
    await user.keyboard('{Enter}');
    const january = await screen.findByRole('table', { name: /Audiences de janvier 2027/ });
    const next = within(january).getByRole('link', { name: /SK-2027-00003-P1/ });
    expect(dayCell(january, '2027-01-05').contains(next)).toBe(true);
    expect(next.textContent).toBe('10:00 SK-2027-00003-P1');
    expect(within(january).queryByRole('link', { name: /NK-2026-00042-P1/ })).toBeNull();
    expect(location.search).toBe('?month=2027-01');

    await user.click(screen.getByRole('button', { name: 'Mois précédent' }));
    await user.click(screen.getByRole('button', { name: 'Mois précédent' }));
    const november = await screen.findByRole('table', { name: /Audiences de novembre 2026/ });
    expect(within(november).queryAllByRole('link')).toEqual([]);
    expect(screen.getByText('Aucune audience ce mois-ci.')).toBeTruthy();
  });

  it('shows the month as a list when asked (as on a small screen)', async () => {
    history.replaceState(null, '', '/hearings?month=2026-12');
    const user = userEvent.setup();
    renderConsole(<HearingsPage params={{}} />, { language: 'en', session: PROSECUTOR });
    await screen.findByRole('table', { name: /Hearings in December 2026/ });
    await user.click(screen.getByRole('radio', { name: 'List' }));
    await waitFor(() => expect(screen.queryByRole('table')).toBeNull());
    const day = screen.getByRole('heading', { level: 3, name: 'Friday, December 11, 2026' });
    const item = day.closest('li') as HTMLElement;
    expect(within(item).getByRole('link').textContent).toBe('12:30 AM NK-2026-00042-P1');
  });
});
