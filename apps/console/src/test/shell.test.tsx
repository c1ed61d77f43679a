import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CasesPage } from '../features/case/CasesPage';
import { mockGraphql, renderConsole } from './render';

describe('the shell', () => {
  it('lists the cases in French, with the stage translated and dates in Kivu time', async () => {
    mockGraphql(() => ({
      data: {
        jointCases: {
          nodes: [
            {
              jointCaseId: 'c1',
              stage: 'UNDER_INVESTIGATION',
              siteCode: 'NK-MAS-014',
              province: 'NK',
              territory: 'Masisi',
              openedAt: '2026-11-27T08:40:00Z',
              lastActivityAt: '2026-11-27T22:30:00Z',
              missedDeadlines: 1,
              agencyIds: ['ngo-kivu-hope'],
            },
          ],
          pageInfo: { hasNextPage: false, endCursor: null },
        },
      },
    }));
    renderConsole(<CasesPage params={{}} />, { language: 'fr' });
    expect(await screen.findByText('En enquête')).toBeTruthy();
    // 22:30 UTC is 00:30 the next day in the Kivus (UTC+2).
    expect(screen.getByText(/28 nov\. 2026.*00:30/)).toBeTruthy();
    expect(screen.getByRole('link', { name: /Dossier ouvert le 27 nov\. 2026/ }).getAttribute('href')).toBe(
      '/cases/c1',
    );
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
