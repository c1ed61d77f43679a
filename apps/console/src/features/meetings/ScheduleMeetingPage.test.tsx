import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOutbox } from '../../api/outbox';
import { mockGraphql, renderConsole, type GraphqlCall } from '../../test/render';
import { freshDevice } from '../referrals/fixtures';
import { APLT, directoryAnswer } from './fixtures';
import { ScheduleMeetingPage } from './ScheduleMeetingPage';

let stop: () => void = () => undefined;
beforeEach(() => {
  freshDevice();
  stop = startOutbox();
});
afterEach(() => stop());

const scheduled = (calls: readonly GraphqlCall[]) =>
  calls
    .filter((c) => c.operationName === 'ConsoleScheduleMeeting')
    .map((c) => c.variables['input'] as Record<string, unknown>);

function answer(command: (call: GraphqlCall) => unknown) {
  return mockGraphql((call) => (call.operationName === 'ConsoleMeetingAgencies' ? directoryAnswer() : command(call)));
}

const acknowledged = (call: GraphqlCall) => ({
  data: {
    scheduleMeeting: {
      meetingId: (call.variables['input'] as { meetingId: string }).meetingId,
      revision: 1,
      status: 'SCHEDULED',
      replayed: false,
    },
  },
});

describe('scheduling a meeting', { timeout: 20_000 }, () => {
  it('sends the participants chosen by name, the time read in Kivu time, and opens the meeting', async () => {
    const { calls } = answer(acknowledged);
    const user = userEvent.setup();
    renderConsole(<ScheduleMeetingPage params={{}} />, { language: 'fr', session: APLT });

    await user.type(screen.getByLabelText('Intitulé'), 'Réunion mensuelle Masisi');
    await user.click(screen.getByRole('radio', { name: 'Nord-Kivu' }));
    fireEvent.input(screen.getByLabelText('Date et heure'), { target: { value: '2026-12-10T09:00' } });
    await user.type(screen.getByLabelText('Site minier (facultatif)'), 'nk-mas-014');
    const participants = screen.getByRole('group', { name: 'Agences participantes' });
    // By name, with their type; the convening body itself is not offered.
    await user.click(await within(participants).findByRole('checkbox', { name: 'PNC Masisi (Police)' }));
    await user.click(within(participants).getByRole('checkbox', { name: 'Kivu Hope (Premier intervenant)' }));
    expect(within(participants).queryByRole('checkbox', { name: /APLT Nord-Kivu/ })).toBeNull();
    expect(within(participants).queryByText(/pnc-pmh-masisi/)).toBeNull();
    await user.click(screen.getByRole('radio', { name: 'swahili' }));
    await user.click(screen.getByRole('button', { name: 'Programmer la réunion' }));

    await waitFor(() => expect(scheduled(calls)).toHaveLength(1));
    const [input] = scheduled(calls);
    expect(input).toMatchObject({
      title: 'Réunion mensuelle Masisi',
      province: 'NK',
      scheduledFor: '2026-12-10T07:00:00.000Z',
      siteCode: 'NK-MAS-014',
      participantAgencyIds: ['pnc-pmh-masisi', 'ngo-kivu-hope'],
      language: 'SW',
    });
    expect(typeof input?.['commandId']).toBe('string');
    await waitFor(() => expect(location.pathname).toBe(`/meetings/${String(input?.['meetingId'])}`));
  });

  it('checks what is obvious before sending, and says it beside each field', async () => {
    const { calls } = answer(acknowledged);
    const user = userEvent.setup();
    renderConsole(<ScheduleMeetingPage params={{}} />, { language: 'en', session: APLT });
    await user.click(await screen.findByRole('checkbox', { name: 'Ushindi (Assistance provider)' }));
    await user.click(screen.getByRole('radio', { name: 'South Kivu' }));
    await user.type(screen.getByLabelText('Mine site (optional)'), 'NK-MAS-014');
    await user.click(screen.getByRole('button', { name: 'Schedule the meeting' }));

    const summary = await screen.findByRole('alert');
    await waitFor(() => expect(document.activeElement).toBe(summary));
    expect(summary.textContent).toContain('3 things to correct');
    const site = screen.getByLabelText('Mine site (optional)');
    expect(site.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(site.getAttribute('aria-describedby')?.split(' ').at(-1) ?? '')?.textContent).toBe(
      "This site is not in the meeting's province.",
    );
    expect(scheduled(calls)).toHaveLength(0);
  });

  it('puts the platform’s refusal beside the field it names', async () => {
    answer(() => ({
      errors: [
        {
          message: 'Invalid input',
          extensions: {
            code: 'BAD_USER_INPUT',
            fields: [{ field: 'input.scheduledFor', reason: 'must be at most 30 days in the past' }],
          },
        },
      ],
    }));
    const user = userEvent.setup();
    renderConsole(<ScheduleMeetingPage params={{}} />, { language: 'en', session: APLT });
    await user.type(screen.getByLabelText('Title'), 'Old meeting');
    await user.click(screen.getByRole('radio', { name: 'North Kivu' }));
    fireEvent.input(screen.getByLabelText('Date and time'), { target: { value: '2026-01-10T09:00' } });
    await user.click(await screen.findByRole('checkbox', { name: 'PNC Masisi (Police)' }));
    await user.click(screen.getByRole('button', { name: 'Schedule the meeting' }));

    const when = screen.getByLabelText('Date and time');
    await waitFor(() => expect(when.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(when.getAttribute('aria-describedby')?.split(' ').at(-1) ?? '')?.textContent).toBe(
      'Refused by the platform (must be at most 30 days in the past).',
    );
    const summary = screen.getByRole('alert');
    await waitFor(() => expect(document.activeElement).toBe(summary));
  });
});
