import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockGraphql, renderConsole } from '../../test/render';
import { CasesPage } from './CasesPage';

function caseRow(n: number, overrides: Record<string, unknown> = {}) {
  return {
    jointCaseId: `c${String(n)}`,
    stage: 'UNDER_INVESTIGATION',
    siteCode: 'NK-MAS-014',
    province: 'NK',
    territory: 'MAS',
    openedAt: '2026-11-27T08:40:00Z',
    lastActivityAt: '2026-11-27T22:30:00Z',
    missedDeadlines: 1,
    agencyIds: ['ngo-kivu-hope'],
    ...overrides,
  };
}

describe('the cases list', () => {
  it('lists the cases in French, with the stage translated and dates in Kivu time', async () => {
    mockGraphql(() => ({
      data: { jointCases: { nodes: [caseRow(1)], pageInfo: { hasNextPage: false, endCursor: null } } },
    }));
    renderConsole(<CasesPage params={{}} />, { language: 'fr' });
    expect(await screen.findByText('En enquête')).toBeTruthy();
    // 22:30 UTC is 00:30 the next day in the Kivus (UTC+2).
    const lastActivity = screen.getByText(/28 nov\. 2026.*00:30/);
    expect(lastActivity.closest('time')?.getAttribute('dateTime')).toBe('2026-11-27T22:30:00Z');
    expect(screen.getByRole('link', { name: /Dossier ouvert le 27 nov\. 2026/ }).getAttribute('href')).toBe(
      '/cases/c1',
    );
    expect(screen.getByRole('table', { name: 'Dossiers' })).toBeTruthy();
  });

  it('reads on page by page, each case once', async () => {
    const { calls } = mockGraphql((call) => {
      const filter = call.variables['filter'] as { after?: string };
      return filter.after
        ? {
            data: {
              jointCases: { nodes: [caseRow(2), caseRow(3)], pageInfo: { hasNextPage: false, endCursor: 'k3' } },
            },
          }
        : {
            data: { jointCases: { nodes: [caseRow(1), caseRow(2)], pageInfo: { hasNextPage: true, endCursor: 'k2' } } },
          };
    });
    renderConsole(<CasesPage params={{}} />, { language: 'en' });
    fireEvent.click(await screen.findByRole('button', { name: 'Show more cases' }));
    const hrefs = () =>
      within(screen.getByRole('table'))
        .getAllByRole('link')
        .map((a) => a.getAttribute('href'));
    await waitFor(() => expect(hrefs()).toEqual(['/cases/c1', '/cases/c2', '/cases/c3']));
    expect(calls.at(-1)?.variables).toMatchObject({ filter: { first: 50, after: 'k2' } });
    expect(screen.queryByRole('button', { name: 'Show more cases' })).toBeNull();
  });

  it('keeps the last answer readable offline, saying as of when', async () => {
    let online = true;
    mockGraphql(() => {
      if (!online) throw new Error('offline');
      return { data: { jointCases: { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } } } };
    });
    const first = renderConsole(<CasesPage params={{}} />);
    expect(await screen.findByText('No case yet.')).toBeTruthy();
    first.unmount();
    online = false;
    renderConsole(<CasesPage params={{}} />);
    expect(await screen.findByText(/Offline: shown as of/)).toBeTruthy();
    expect(screen.getByText('No case yet.')).toBeTruthy();
  });
});
