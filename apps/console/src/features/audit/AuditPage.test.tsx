import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ConsoleAuditEntriesQuery } from '../../gql/graphql';
import { mockGraphql, renderConsole, testSession, type GraphqlCall } from '../../test/render';
import { freshDevice } from '../referrals/fixtures';
import { AuditPage } from './AuditPage';

type Entry = ConsoleAuditEntriesQuery['auditEntries']['nodes'][number];

const AUDITOR = testSession({
  userId: 'auditor-1',
  agencyId: 'aplt-nk',
  agencyType: 'coordination_body',
  roles: ['auditor'],
});

const CASE_ID = '6f7e2d0a-1c3b-4e5f-8a9b-0c1d2e3f4a5b';

function entry(n: number, overrides: Partial<Entry> = {}): Entry {
  return {
    id: `entry-${String(n)}`,
    at: '2026-12-03T07:15:00Z',
    action: 'PERSONAL_DATA_READ',
    operation: 'Suspect.name',
    outcome: 'succeeded',
    purpose: 'Preparing the case file',
    subjects: ['suspect:9c0d1e2f'],
    userId: 'officer-1',
    agencyId: 'pnc-pmh-masisi',
    agencyType: 'police',
    agency: { name: 'Police des mines de Masisi' },
    roles: ['investigator'],
    jointCaseId: CASE_ID,
    ...overrides,
  };
}

const page = (nodes: readonly Entry[], endCursor: string | null) => ({
  nodes,
  pageInfo: { hasNextPage: endCursor !== null, endCursor },
});

const auditCalls = (calls: readonly GraphqlCall[]) => calls.filter((c) => c.operationName === 'ConsoleAuditEntries');

function answer(entries: (call: GraphqlCall) => unknown) {
  return mockGraphql((call) => {
    if (call.operationName === 'ConsoleAuditAgencies') {
      return {
        data: {
          agencies: [
            { agencyId: 'pnc-pmh-masisi', name: 'Police des mines de Masisi', agencyType: 'POLICE' },
            { agencyId: 'ngo-kivu-hope', name: 'Kivu Hope', agencyType: 'FIRST_RESPONDER' },
          ],
        },
      };
    }
    if (call.operationName === 'ConsoleAuditCaseByReference') {
      return call.variables['reference'] === 'NK-2026-00042'
        ? { data: { caseByReference: { jointCaseId: CASE_ID } } }
        : { errors: [{ message: 'JointCase not found', extensions: { code: 'NOT_FOUND' } }] };
    }
    return entries(call);
  });
}

beforeEach(() => freshDevice());

describe('the audit trail', { timeout: 20_000 }, () => {
  it('says that reading it is audited, and shows each entry: when, who, what, outcome, purpose, subjects', async () => {
    answer(() => ({ data: { auditEntries: page([entry(1, { outcome: 'denied', purpose: null })], null) } }));
    renderConsole(<AuditPage params={{}} />, { session: AUDITOR });
    expect(screen.getByRole('note').textContent).toContain('Reading the trail is itself audited');
    const row = await screen.findByTestId('audit-entry');
    expect(within(row).getByRole('rowheader').textContent).toBe('Dec 3, 2026, 9:15 AM');
    expect(row.textContent).toContain('officer-1');
    expect(within(row).getByTitle('pnc-pmh-masisi').textContent).toBe('Police des mines de Masisi');
    expect(row.textContent).toContain('Investigator');
    expect(row.textContent).toContain('Personal data read');
    expect(row.textContent).toContain('Suspect.name');
    expect(row.textContent).toContain('Denied by the access policy');
    expect(row.textContent).toContain('No purpose stated');
    expect(row.textContent).toContain('suspect:9c0d1e2f');
  });

  it('sends the filter as the auditor set it: a case by its reference, the days in Kivu time, then the next page', async () => {
    const { calls } = answer((call) => {
      const filter = call.variables['filter'] as Record<string, unknown>;
      return filter['after'] === 'cursor-1'
        ? { data: { auditEntries: page([entry(2)], null) } }
        : { data: { auditEntries: page([entry(1)], 'cursor-1') } };
    });
    const user = userEvent.setup();
    renderConsole(<AuditPage params={{}} />, { session: AUDITOR });
    await screen.findByTestId('audit-entry');
    await user.type(screen.getByRole('textbox', { name: 'Person or record' }), 'suspect:9c0d1e2f');
    await user.type(screen.getByRole('textbox', { name: 'Case' }), 'NK-2026-00042');
    await user.type(screen.getByRole('textbox', { name: 'User' }), 'officer-1');
    const agency = screen.getByRole('combobox', { name: 'Agency' });
    await waitFor(() =>
      expect(within(agency).getByRole('option', { name: 'Police des mines de Masisi' })).toBeTruthy(),
    );
    await user.selectOptions(agency, 'Police des mines de Masisi');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Kind of action' }), 'Personal data read');
    await user.type(screen.getByLabelText('From (day)'), '2026-12-01');
    await user.type(screen.getByLabelText('To (day, included)'), '2026-12-05');
    await user.click(screen.getByRole('button', { name: 'Search the trail' }));

    await waitFor(() => expect(auditCalls(calls)).toHaveLength(2));
    expect(auditCalls(calls)[1]?.variables).toEqual({
      filter: {
        first: 50,
        subject: 'suspect:9c0d1e2f',
        jointCaseId: CASE_ID,
        userId: 'officer-1',
        agencyId: 'pnc-pmh-masisi',
        action: 'PERSONAL_DATA_READ',
        // Kivu midnight is 22:00 UTC the day before; the last day counts whole.
        from: '2026-11-30T22:00:00.000Z',
        to: '2026-12-05T22:00:00.000Z',
      },
    });

    await user.click(await screen.findByRole('button', { name: 'Older entries' }));
    await waitFor(() => expect(auditCalls(calls)).toHaveLength(3));
    expect(auditCalls(calls)[2]?.variables).toEqual({
      filter: expect.objectContaining({ first: 50, jointCaseId: CASE_ID, after: 'cursor-1' }) as unknown,
    });
    await waitFor(() => expect(screen.getAllByTestId('audit-entry')).toHaveLength(2));
  });

  it('says beside the case field when no case has that reference, and sends nothing', async () => {
    const { calls } = answer(() => ({ data: { auditEntries: page([], null) } }));
    const user = userEvent.setup();
    renderConsole(<AuditPage params={{}} />, { session: AUDITOR });
    await screen.findByText('No entry matches this filter.');
    const field = screen.getByRole('textbox', { name: 'Case' });
    await user.type(field, 'NK-2026-99999');
    await user.click(screen.getByRole('button', { name: 'Search the trail' }));
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(field.getAttribute('aria-describedby')?.split(' ').at(-1) ?? '')?.textContent).toBe(
      'No case your agency can see has the reference NK-2026-99999: enter the case’s identifier instead.',
    );
    await waitFor(() => expect(document.activeElement?.classList.contains('error-summary')).toBe(true));
    expect(auditCalls(calls)).toHaveLength(1);
  });
});
