import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOutbox } from '../../api/outbox';
import { mockGraphql, renderConsole } from '../../test/render';
import { freshDevice, POLICE } from '../referrals/fixtures';
import { InvestigationsPage } from './InvestigationsPage';

const row = (id: string, overrides: Record<string, unknown> = {}) => ({
  investigationId: id,
  reference: null,
  jointCaseId: '6f7e2d0a-1c3b-4e5f-8a9b-0c1d2e3f4a5b',
  referralId: null,
  siteCode: 'NK-MAS-014',
  status: 'OPEN',
  offences: ['FORCED_LABOUR'],
  openedAt: '2026-12-01T08:00:00Z',
  lastActivityAt: '2026-12-04T10:00:00Z',
  closedAt: null,
  closureReason: null,
  leadOfficerId: 'opj-kahindo',
  evidenceCount: 2,
  suspectCount: 1,
  arrestCount: 0,
  caseFileCount: 0,
  ...overrides,
});

let stop: () => void = () => undefined;
beforeEach(() => {
  freshDevice();
  stop = startOutbox();
});
afterEach(() => stop());

describe('the investigations list', { timeout: 20_000 }, () => {
  it('lists the agency’s investigations, open first, each linking to its page, in French', async () => {
    const { calls } = mockGraphql(() => ({
      data: {
        investigations: {
          nodes: [
            row('11111111-1111-4111-8111-111111111111', { reference: 'NK-2026-00042-E1' }),
            row('22222222-2222-4222-8222-222222222222', {
              reference: 'NK-2026-00017-E1',
              status: 'CLOSED',
              closedAt: '2026-11-20T08:00:00Z',
              closureReason: 'TRANSMITTED_TO_PROSECUTOR',
              caseFileCount: 1,
            }),
          ],
          pageInfo: { hasNextPage: false, endCursor: null },
        },
      },
    }));
    renderConsole(<InvestigationsPage params={{}} />, { language: 'fr', session: POLICE });
    expect(await screen.findByRole('heading', { level: 1, name: 'Enquêtes de votre agence' })).toBeTruthy();
    const table = await screen.findByRole('table', { name: '2 enquêtes, dont 1 en cours' });
    const rows = within(table).getAllByTestId('investigation-row');
    expect(rows.map((r) => within(r).getByRole('link').textContent)).toEqual(['NK-2026-00042-E1', 'NK-2026-00017-E1']);
    expect(
      within(rows[0] as HTMLElement)
        .getByRole('link')
        .getAttribute('href'),
    ).toBe('/investigations/11111111-1111-4111-8111-111111111111');
    expect(within(rows[0] as HTMLElement).getByText('En cours')).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByText('Clôturée')).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByText('Dossier transmis au parquet')).toBeTruthy();
    expect(within(rows[0] as HTMLElement).getByText('Travail forcé')).toBeTruthy();
    expect(within(rows[0] as HTMLElement).getByText(/2 preuves, 1 suspect, 0 arrestation/)).toBeTruthy();
    expect(calls[0]?.operationName).toBe('ConsoleInvestigationsList');
  });

  it('reads the next page by its cursor, and says when there is none', async () => {
    const { calls } = mockGraphql((call) => {
      const filter = call.variables['filter'] as { after?: string };
      return {
        data: {
          investigations: filter.after
            ? {
                nodes: [row('33333333-3333-4333-8333-333333333333', { reference: 'NK-2026-00003-E1' })],
                pageInfo: { hasNextPage: false, endCursor: 'c2' },
              }
            : {
                nodes: [row('11111111-1111-4111-8111-111111111111', { reference: 'NK-2026-00042-E1' })],
                pageInfo: { hasNextPage: true, endCursor: 'c1' },
              },
        },
      };
    });
    const user = userEvent.setup();
    renderConsole(<InvestigationsPage params={{}} />, { language: 'fr', session: POLICE });
    await user.click(await screen.findByRole('button', { name: 'Page suivante' }));
    expect(await screen.findByRole('link', { name: 'NK-2026-00003-E1' })).toBeTruthy();
    expect(calls.at(-1)?.variables['filter']).toEqual({ first: 50, after: 'c1' });
    expect(screen.queryByRole('button', { name: 'Page suivante' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Page précédente' })).toBeTruthy();
  });

  it('says so when the agency has none', async () => {
    mockGraphql(() => ({ data: { investigations: { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } } } }));
    renderConsole(<InvestigationsPage params={{}} />, { language: 'fr', session: POLICE });
    expect(await screen.findByText("Votre agence n'a aucune enquête pour le moment.")).toBeTruthy();
  });
});
