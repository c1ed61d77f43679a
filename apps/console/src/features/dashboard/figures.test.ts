import { describe, expect, it } from 'vitest';
import { choiceOfSearch, countsInOrder, filterOf, overdueShown, searchOfChoice, STAGES } from './figures';

describe('the dashboard filter', () => {
  it('sends whole days in Kivu time: from midnight starting the first, to midnight ending the last', () => {
    expect(filterOf({ province: 'SOUTH_KIVU', from: '2026-01-01', to: '2026-12-31' })).toEqual({
      province: 'SOUTH_KIVU',
      from: '2025-12-31T22:00:00Z',
      to: '2026-12-31T22:00:00Z',
    });
    expect(filterOf({ province: '', from: '', to: '' })).toEqual({});
  });

  it('reads the address it keeps, dropping what is not a province or a day of the calendar', () => {
    const choice = { province: 'NORTH_KIVU', from: '2026-11-01', to: '2026-11-30' } as const;
    expect(choiceOfSearch(searchOfChoice(choice))).toEqual(choice);
    expect(choiceOfSearch('?province=ITURI&from=2026-02-31&to=2026-13-01')).toEqual({
      province: '',
      from: '',
      to: '',
    });
    // A period that ends before it starts keeps its start only.
    expect(choiceOfSearch('?from=2026-11-30&to=2026-11-01')).toEqual({ province: '', from: '2026-11-30', to: '' });
  });

  it('lists every stage in order, zero where the API has no row', () => {
    expect(countsInOrder(STAGES, [{ key: 'ADJUDICATED', count: 2 }])).toEqual([
      { key: 'IDENTIFIED', count: 0 },
      { key: 'UNDER_INVESTIGATION', count: 0 },
      { key: 'IN_PROSECUTION', count: 0 },
      { key: 'ADJUDICATED', count: 2 },
    ]);
  });

  it("keeps an agency's own overdue handoffs, the coordination body's every agency's", () => {
    const rows = [
      { agencyId: 'a', agency: { name: 'Zeta' }, overdue: 2 },
      { agencyId: 'b', agency: { name: 'Alpha' }, overdue: 2 },
      { agencyId: 'c', agency: null, overdue: 0 },
    ];
    expect(overdueShown(rows, { agencyId: 'a', coordination: false }).map((r) => r.agencyId)).toEqual(['a']);
    expect(overdueShown(rows, { agencyId: 'x', coordination: true }).map((r) => r.agencyId)).toEqual(['b', 'a']);
  });
});
