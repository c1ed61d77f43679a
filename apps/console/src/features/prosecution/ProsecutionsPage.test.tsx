import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { mockGraphql, renderConsole } from '../../test/render';
import { freshDevice, JOINT_CASE_ID, prosecution, PROSECUTOR } from './fixtures';
import { ProsecutionsPage } from './ProsecutionsPage';

beforeEach(() => freshDevice());

describe('the prosecutions of the office', { timeout: 20_000 }, () => {
  it('lists each by its reference, its case by reference, its status and progress', async () => {
    const p = prosecution();
    mockGraphql(() => ({
      data: {
        prosecutions: {
          nodes: [
            {
              prosecutionId: p.prosecutionId,
              reference: p.reference,
              jointCaseId: JOINT_CASE_ID,
              status: 'IN_TRIAL',
              receivedAt: p.receivedAt,
              updatedAt: p.updatedAt,
              fromPoliceAgencyId: p.fromPoliceAgencyId,
              fromPoliceAgency: p.fromPoliceAgency,
              chargeCount: 2,
              hearingCount: 3,
              hearingsHeldCount: 1,
              verdictCount: 0,
              convictionCount: 0,
              closedAt: null,
              closeReason: null,
              jointCase: { jointCaseId: JOINT_CASE_ID, reference: 'NK-2026-00042' },
            },
          ],
          pageInfo: { hasNextPage: false, endCursor: null },
        },
      },
    }));
    renderConsole(<ProsecutionsPage params={{}} />, { language: 'fr', session: PROSECUTOR });
    const table = await screen.findByRole('table', { name: /Une poursuite du parquet/ });
    const row = within(table).getAllByRole('row')[1] as HTMLElement;
    expect(within(row).getByRole('link', { name: 'NK-2026-00042-P1' }).getAttribute('href')).toBe(
      `/prosecutions/${p.prosecutionId}`,
    );
    expect(within(row).getByRole('link', { name: 'NK-2026-00042' }).getAttribute('href')).toBe(
      `/cases/${JOINT_CASE_ID}`,
    );
    expect(within(row).getByText('En jugement')).toBeTruthy();
    expect(within(row).getByText('2 charges, 1 sur 3 audiences tenues, 0 jugement (0 condamnation)')).toBeTruthy();
  });
});
