import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { mockGraphql, renderConsole } from '../../test/render';
import { liveStub, page, referral, sessionOf, stubSubscribe } from './fixtures';
import { QueuePage } from './QueuePage';

// Role queries over a page of twenty rows are slow in jsdom when the whole suite runs at once.
vi.setConfig({ testTimeout: 20_000 });

const live = vi.hoisted(() => ({ stub: undefined as ReturnType<typeof liveStub> | undefined }));
vi.mock('../../api/live', () => ({
  subscribe: (...args: Parameters<ReturnType<typeof stubSubscribe>>) => {
    live.stub ??= { next: new Map(), variables: new Map() };
    return stubSubscribe(live.stub)(...args);
  },
}));

const police = () => sessionOf('pnc-pmh-masisi', 'police', ['investigator']);

/** Twenty referrals a page, each named by its own day of the month. */
function referrals(month: string, from: number, count: number) {
  return Array.from({ length: count }, (_, i) =>
    referral({
      referralId: `r-${month}-${from + i}`,
      submittedAt: `2026-${month}-${String(from + i).padStart(2, '0')}T08:00:00Z`,
    }),
  );
}

describe('a whole queue', () => {
  it('"Load more" asks for the next page with the cursor of the page before, and the keyboard reads on', async () => {
    live.stub = liveStub();
    const { calls } = mockGraphql((call) => {
      const filter = call.variables.filter as Record<string, unknown>;
      if (filter.after === undefined)
        return { data: { incomingReferrals: page(referrals('10', 1, 20), { endCursor: 'cursor-1' }) } };
      if (filter.after === 'cursor-1') return { data: { incomingReferrals: page(referrals('11', 1, 3)) } };
      throw new Error(`unexpected cursor ${JSON.stringify(filter.after)}`);
    });
    renderConsole(<QueuePage params={{ queue: 'incoming-referrals' }} />, { language: 'en', session: police() });

    expect(screen.getByRole('heading', { level: 1, name: 'Referrals received' })).toBeTruthy();
    expect(await screen.findByRole('link', { name: 'Referral of Oct 1, 2026, NK-MAS-014' })).toBeTruthy();
    expect(screen.getByText('At least 20 in the queue.')).toBeTruthy();
    expect(calls[0]?.variables).toEqual({ filter: { first: 20 } });

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    const next = await screen.findByRole('link', { name: 'Referral of Nov 1, 2026, NK-MAS-014' });
    expect(calls.map((c) => c.variables)).toContainEqual({ filter: { first: 20, after: 'cursor-1' } });
    const table = screen.getByRole('table', { name: 'Referrals received' });
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 23);
    // The first new row has the focus: Tab goes on to its link.
    await waitFor(() => expect(document.activeElement?.contains(next)).toBe(true));
    // The last page: no more to load.
    expect(await screen.findByText('23 in the queue.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('reads every loaded page again when a referral arrives live', async () => {
    live.stub = liveStub();
    let fresh = false;
    const { calls } = mockGraphql((call) => {
      const filter = call.variables.filter as Record<string, unknown>;
      if (filter.after === undefined) {
        const first = fresh ? [referral({ referralId: 'r-new', submittedAt: '2026-12-02T08:00:00Z' })] : [];
        return {
          data: {
            incomingReferrals: page([...first, ...referrals('10', 1, fresh ? 19 : 20)], {
              endCursor: fresh ? 'cursor-19' : 'cursor-20',
            }),
          },
        };
      }
      // Read on from the end of the first page as it stands: the row it pushed down is not skipped.
      if (filter.after === 'cursor-19') return { data: { incomingReferrals: page(referrals('10', 20, 2)) } };
      return { data: { incomingReferrals: page(referrals('10', 21, 1)) } };
    });
    renderConsole(<QueuePage params={{ queue: 'incoming-referrals' }} />, { language: 'en', session: police() });
    fireEvent.click(await screen.findByRole('button', { name: 'Load more' }));
    await screen.findByRole('link', { name: 'Referral of Oct 21, 2026, NK-MAS-014' });
    fresh = true;
    act(() =>
      live.stub?.next.get('ConsoleQueueReferralReceived')?.({
        referralReceived: {
          referralId: 'r-new',
          feedCursor: 'feed-1',
          submittedAt: '2026-12-02T08:00:00Z',
          siteCode: 'NK-MAS-014',
        },
      }),
    );
    expect(await screen.findByRole('link', { name: 'Referral of Dec 2, 2026, NK-MAS-014' })).toBeTruthy();
    await waitFor(() =>
      expect(calls.map((c) => c.variables)).toContainEqual({ filter: { first: 20, after: 'cursor-19' } }),
    );
    const table = screen.getByRole('table', { name: 'Referrals received' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(1 + 22));
    expect(within(table).getAllByRole('link', { name: 'Referral of Oct 20, 2026, NK-MAS-014' })).toHaveLength(1);
  });

  it('a queue that is not the agency’s is not found', () => {
    const { calls } = mockGraphql(() => ({ data: {} }));
    renderConsole(<QueuePage params={{ queue: 'escalations' }} />, { language: 'fr', session: police() });
    expect(screen.getByRole('heading', { level: 1, name: 'Page introuvable' })).toBeTruthy();
    expect(screen.getByText("Cette file n'existe pas, ou pas pour votre agence.")).toBeTruthy();
    expect(calls).toHaveLength(0);
  });

  it('sites of one status, their open incidents and the yellow ones’ remediation deadline', async () => {
    mockGraphql((call) => {
      expect(call.variables.filter).toMatchObject({ status: 'YELLOW' });
      return {
        data: {
          mineSites: page([
            {
              siteId: 's-1',
              code: 'NK-MAS-014',
              name: 'Bibatama',
              status: 'YELLOW',
              openIncidentCount: 2,
              highestOpenIncidentLevel: 1,
              remediationDeadline: '2026-11-30T10:00:00Z',
              remediationOverdue: true,
              statusChangedAt: '2026-10-01T10:00:00Z',
            },
          ]),
        },
      };
    });
    renderConsole(<QueuePage params={{ queue: 'sites-yellow' }} />, {
      language: 'fr',
      session: sessionOf('saemape-nk', 'mining_authority', ['inspector']),
    });
    const table = await screen.findByRole('table', { name: 'Sites en jaune' });
    const row = within(table).getAllByRole('row')[1] as HTMLElement;
    expect(within(row).getByRole('rowheader').textContent).toContain('NK-MAS-014');
    expect(within(row).getByText('Bibatama')).toBeTruthy();
    expect(within(row).getByText('Niveau 1')).toBeTruthy();
    expect(within(row).getByText(/30 nov\. 2026.*12:00/)).toBeTruthy();
    expect(within(row).getByText('en retard', { exact: false })).toBeTruthy();
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Site', 'Incidents ouverts', 'Niveau le plus grave', 'Délai de mise en conformité']);
  });
});
