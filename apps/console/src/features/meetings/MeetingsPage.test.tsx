import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOutbox } from '../../api/outbox';
import { mockGraphql, renderConsole } from '../../test/render';
import { freshDevice } from '../referrals/fixtures';
import { APLT, MEETING_ID, POLICE } from './fixtures';
import { MeetingsPage } from './MeetingsPage';

let stop: () => void = () => undefined;
beforeEach(() => {
  freshDevice();
  stop = startOutbox();
});
afterEach(() => stop());

const PAST_ID = '3e4f5a6b-7c8d-4e9f-8a0b-1c2d3e4f5a6b';
const summary = (meetingId: string, title: string, scheduledFor: string, status: string) => ({
  meetingId,
  title,
  language: 'FR',
  province: 'NK',
  siteCode: meetingId === MEETING_ID ? 'NK-MAS-014' : null,
  scheduledFor,
  status,
  participantAgencyIds: ['pnc-pmh-masisi', 'ngo-kivu-hope'],
  participantAgencies: [
    { agencyId: 'pnc-pmh-masisi', name: 'PNC Masisi' },
    { agencyId: 'ngo-kivu-hope', name: 'Kivu Hope' },
  ],
});

function answer() {
  const upcoming = summary(MEETING_ID, 'Réunion mensuelle Masisi', '2026-12-10T07:00:00Z', 'SCHEDULED');
  const past = summary(PAST_ID, 'Réunion de novembre', '2026-11-10T07:00:00Z', 'CLOSED');
  return mockGraphql((call) => {
    const filter = call.variables['filter'] as { upcoming: boolean };
    return { data: { meetings: { nodes: filter.upcoming ? [upcoming] : [upcoming, past] } } };
  });
}

describe('the meetings list', { timeout: 20_000 }, () => {
  it('shows the meetings to come and those held, participants by name', async () => {
    answer();
    renderConsole(<MeetingsPage params={{}} />, { language: 'fr', session: APLT });
    const upcoming = await screen.findByRole('table', { name: 'Réunions à venir' });
    const row = within(upcoming).getByRole('row', { name: /Réunion mensuelle Masisi/ });
    expect(row.textContent).toContain('Nord-Kivu, site NK-MAS-014');
    expect(row.textContent).toContain('PNC Masisi, Kivu Hope');
    expect(row.textContent).not.toContain('pnc-pmh-masisi');
    expect(within(row).getByRole('link', { name: 'Réunion mensuelle Masisi' }).getAttribute('href')).toBe(
      `/meetings/${MEETING_ID}`,
    );
    const past = await screen.findByRole('table', { name: 'Réunions passées' });
    expect(within(past).getAllByRole('row')).toHaveLength(2);
    expect(within(past).getByRole('row', { name: /Réunion de novembre/ }).textContent).toContain('Clôturée');
    expect(screen.getByRole('button', { name: 'Programmer une réunion' })).toBeTruthy();
  });

  it('offers scheduling to the coordination body only', async () => {
    answer();
    renderConsole(<MeetingsPage params={{}} />, { language: 'fr', session: POLICE });
    await screen.findByRole('table', { name: 'Réunions à venir' });
    expect(screen.queryByRole('button', { name: 'Programmer une réunion' })).toBeNull();
  });
});
