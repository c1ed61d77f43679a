import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { navFor } from '../../app/routes';
import { mockGraphql, renderConsole, testSession } from '../../test/render';
import { freshDevice } from '../referrals/fixtures';
import { AssistanceCasesPage } from './AssistanceCasesPage';
import { USHINDI } from './fixtures';

beforeEach(() => freshDevice());

const row = (id: string, overrides: Record<string, unknown>) => ({
  assistanceId: id,
  reference: `NK-2026-000${id}-A1`,
  jointCaseId: `case-${id}`,
  registeredAt: '2026-11-01T08:00:00Z',
  status: 'IN_ASSISTANCE',
  isChild: false,
  ageGroup: 'ADULT',
  needsOutstanding: [],
  protectionMeasures: [],
  ...overrides,
});

describe('the assistance cases', { timeout: 20_000 }, () => {
  it('lists open cases first, children first, and flags a review that is due', async () => {
    const { calls } = mockGraphql(() => ({
      data: {
        assistanceCases: {
          // Out of order on purpose: the page keeps the API's documented order whatever it is handed.
          nodes: [
            row('11', { status: 'CLOSED', isChild: true, ageGroup: 'CHILD_UNDER_15' }),
            row('12', { registeredAt: '2026-10-01T08:00:00Z' }),
            row('13', {
              isChild: true,
              ageGroup: 'CHILD_15_17',
              registeredAt: '2026-11-15T08:00:00Z',
              needsOutstanding: ['EDUCATION'],
              protectionMeasures: [
                { measureId: 'm-1', measure: 'SAFE_HOUSE', reviewBy: '2026-12-01T08:00:00Z', reviewDue: true },
              ],
            }),
          ],
          pageInfo: { hasNextPage: false, endCursor: null },
        },
      },
    }));
    const user = userEvent.setup();
    renderConsole(<AssistanceCasesPage params={{}} />, { language: 'fr', session: USHINDI });
    const table = await screen.findByRole('table', { name: /3 dossiers d'assistance/ });
    const names = within(table)
      .getAllByRole('rowheader')
      .map((h) => h.textContent);
    expect(names).toEqual(['NK-2026-00013-A1', 'NK-2026-00012-A1', 'NK-2026-00011-A1']);
    const child = within(table).getAllByRole('row')[1] as HTMLElement;
    expect(within(child).getByText('Enfant de 15 à 17 ans')).toBeTruthy();
    expect(within(child).getByText('en retard', { exact: false })).toBeTruthy();
    expect(within(child).getByText('Éducation')).toBeTruthy();
    expect(within(child).getByRole('link').getAttribute('href')).toBe('/assistance/13');
    expect(screen.getByTestId('overdue-count').textContent).toBe('1 dossier a une mesure de protection à réexaminer.');
    expect(calls[0]?.variables).toEqual({ filter: { first: 100, openOnly: true } });

    await user.click(
      screen.getByRole('switch', { name: 'Seulement les dossiers dont une protection est à réexaminer' }),
    );
    await waitFor(() =>
      expect(calls.at(-1)?.variables).toEqual({ filter: { first: 100, openOnly: true, reviewDue: true } }),
    );
  });

  it('is in the menu of assistance providers only', () => {
    expect(navFor(USHINDI).map((item) => item.href)).toContain('/assistance');
    expect(navFor(testSession({ agencyType: 'police', roles: ['investigator'] })).map((i) => i.href)).not.toContain(
      '/assistance',
    );
  });
});
