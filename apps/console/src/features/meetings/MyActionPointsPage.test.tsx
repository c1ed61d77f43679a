import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOutbox } from '../../api/outbox';
import { mockGraphql, renderConsole } from '../../test/render';
import { freshDevice } from '../referrals/fixtures';
import { CASE_42, MEETING_ID, payload, POLICE } from './fixtures';
import { MyActionPointsPage } from './MyActionPointsPage';

let stop: () => void = () => undefined;
beforeEach(() => {
  freshDevice();
  stop = startOutbox();
});
afterEach(() => stop());

const POINT_ID = '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f';

describe('my agency’s action points', { timeout: 20_000 }, () => {
  it('lists them with their meeting and case, and lets the owner complete one', async () => {
    let status = 'OPEN';
    const { calls } = mockGraphql((call) => {
      if (call.operationName === 'ConsoleMyActionPoints') {
        return {
          data: {
            myActionPoints: {
              nodes: [
                {
                  actionPointId: POINT_ID,
                  meetingId: MEETING_ID,
                  description: 'Répondre à l’orientation NK-2026-00042-R1',
                  dueBy: '2026-12-20T12:00:00Z',
                  overdue: false,
                  status,
                  jointCaseId: CASE_42,
                  caseReference: 'NK-2026-00042',
                  ownerAgencyId: 'pnc-pmh-masisi',
                  ownerAgencyType: 'POLICE',
                  ownerAgency: { name: 'PNC Masisi' },
                  completedAt: null,
                },
              ],
            },
          },
        };
      }
      status = 'COMPLETED';
      return payload('completeActionPoint');
    });
    const user = userEvent.setup();
    renderConsole(<MyActionPointsPage params={{}} />, { language: 'en', session: POLICE });
    const row = await screen.findByRole('row', { name: /Répondre à l’orientation/ });
    expect(within(row).getByRole('link', { name: 'Open case NK-2026-00042' }).getAttribute('href')).toBe(
      `/cases/${CASE_42}`,
    );
    expect(within(row).getByRole('link', { name: 'the meeting' }).getAttribute('href')).toBe(`/meetings/${MEETING_ID}`);

    await user.click(within(row).getByRole('button', { name: /Mark as completed/ }));
    await waitFor(() =>
      expect(calls.find((c) => c.operationName === 'ConsoleCompleteActionPoint')?.variables['input']).toMatchObject({
        meetingId: MEETING_ID,
        actionPointId: POINT_ID,
      }),
    );
    expect(calls.find((c) => c.operationName === 'ConsoleCompleteActionPoint')?.variables['input']).not.toHaveProperty(
      'expectedRevision',
    );
    await waitFor(() => expect(screen.getByRole('row', { name: /Répondre/ }).textContent).toContain('Completed'));
  });
});
