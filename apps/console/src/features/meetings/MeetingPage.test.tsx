import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOutbox } from '../../api/outbox';
import { mockGraphql, renderConsole, type GraphqlCall } from '../../test/render';
import { freshDevice } from '../referrals/fixtures';
import { AGENCY_IDS, APLT, EVENT_NAME, MEETING_ID, meetingAnswers, meetingOf, payload, POLICE, UUID } from './fixtures';
import { MeetingPage } from './MeetingPage';

let stop: () => void = () => undefined;
beforeEach(() => {
  freshDevice();
  stop = startOutbox();
});
afterEach(() => stop());

/** The minutes' text box, by its label in English. */
const MINUTES_LABEL = 'Minutes';
const sent = (calls: readonly GraphqlCall[], operation: string) =>
  calls.filter((c) => c.operationName === operation).map((c) => c.variables['input'] as Record<string, unknown>);

function renderMeeting(options: Parameters<typeof renderConsole>[1] = {}) {
  return renderConsole(<MeetingPage params={{ id: MEETING_ID }} />, options);
}

/** The text a person reads, piece by piece (not the attributes: a link's address, an agency's id in a title). */
function readableText(element: Element): string {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const pieces: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) pieces.push(node.textContent ?? '');
  return pieces.join(' ');
}

function assertReadable(text: string) {
  expect(text).not.toMatch(UUID);
  expect(text).not.toMatch(EVENT_NAME);
  for (const id of AGENCY_IDS) expect(text).not.toContain(id);
}

describe('the meeting page', { timeout: 20_000 }, () => {
  it('reads every agenda item as a sentence with names and references, never an id or an event name', async () => {
    mockGraphql(meetingAnswers(() => meetingOf()));
    renderMeeting({ language: 'fr', session: POLICE });
    await screen.findByRole('heading', { level: 1, name: 'Réunion mensuelle Masisi' });

    const overdue = screen.getByTestId('agenda-overdueHandoffs');
    expect(overdue.textContent).toContain(
      'Orientation NK-2026-00042-R1 de Kivu Hope vers PNC Masisi, en retard depuis le 3 déc. 2026 (échéance 14:00), site Bibatama (NK-MAS-014)',
    );
    expect(within(overdue).getByRole('link', { name: 'Ouvrir le dossier NK-2026-00042' }).getAttribute('href')).toBe(
      '/cases/6f7e2d0a-1c3b-4e5f-8a9b-0c1d2e3f4a5b',
    );
    expect(screen.getByTestId('agenda-declinedHandoffs').textContent).toContain(
      'Orientation NK-2026-00043-R2 de Kivu Hope vers Ushindi, refusée le 2 déc. 2026',
    );
    const missed = screen.getByTestId('agenda-missedDeadlines').textContent;
    expect(missed).toContain(
      'Délai dépassé : PNC Masisi n’a pas répondu à l’orientation NK-2026-00042-R1 attendue pour le 3 déc. 2026, 14:00',
    );
    expect(missed).toContain(
      'Délai dépassé : l’agence concernée n’a pas accusé réception du dossier de procédure de l’affaire NK-2026-00043',
    );
    // Changed by the platform itself: said in words. Only changes to red or yellow are on the agenda.
    const sites = screen.getByTestId('agenda-siteStatusChanges').textContent;
    expect(sites).toContain(
      'Le site Bibatama (NK-MAS-014) est passé du vert au rouge le 1 déc. 2026, par la plateforme',
    );
    expect(sites).not.toContain('NK-WAL-003');
    expect(screen.getByTestId('agenda-levelOneIncidents').textContent).toContain(
      'Incident de niveau 1 au site Bibatama (NK-MAS-014), dossier NK-2026-00042, signalé le 1 déc. 2026, toujours ouvert',
    );
    expect(screen.getByTestId('agenda-upcomingHearings').textContent).toContain(
      'Audience des poursuites NK-2026-00042-P1 devant Tribunal de grande instance de Goma le 15 déc. 2026 à 09:00',
    );
    expect(screen.getByTestId('agenda-suspendedAgencyHandoffs').textContent).toContain(
      'Orientation NK-2026-00044-R1 de Kivu Hope vers Ushindi, toujours ouverte chez Ushindi, agence suspendue',
    );
    // The open action points of earlier meetings: their own section, by owner's name.
    const carried = screen.getByRole('region', { name: 'Actions encore ouvertes des réunions précédentes' });
    expect(within(carried).getByRole('rowheader').textContent).toBe('Former les agents de la PNC à l’orientation');
    expect(within(carried).getByText('PNC Masisi')).toBeTruthy();

    assertReadable(readableText(document.body));
  });

  it('prints the minutes in the meeting’s language while the console is in another', async () => {
    mockGraphql(
      meetingAnswers(() =>
        meetingOf({
          language: 'FR',
          minutes: {
            text: 'La séance est ouverte à 9 h.',
            recordedAt: '2026-12-10T09:00:00Z',
            recordedByAgencyId: 'aplt-nk',
            recordedByAgency: { name: 'APLT Nord-Kivu' },
          },
        }),
      ),
    );
    renderMeeting({ language: 'en', session: APLT });
    await screen.findByRole('heading', { level: 1, name: 'Réunion mensuelle Masisi' });
    // The console speaks English…
    expect(screen.getByRole('button', { name: 'Walk through the agenda' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Print / save as PDF' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Minutes as printed (in French)' })).toBeTruthy();

    // …the minutes, French.
    const minutes = screen.getByTestId('minutes-document');
    expect(minutes.closest('[lang]')?.getAttribute('lang')).toBe('fr');
    const text = minutes.textContent;
    expect(text).toContain('Procès-verbal de la réunion de coordination');
    expect(text).toContain('Réunion mensuelle Masisi');
    expect(text).toContain('10 déc. 2026, 09:00');
    expect(text).toContain('Nord-Kivu');
    expect(text).toContain('PNC Masisi, Kivu Hope');
    expect(text).toContain('Points de l’ordre du jour examinés');
    expect(text).toContain(
      'Orientation NK-2026-00042-R1 de Kivu Hope vers PNC Masisi, en retard depuis le 3 déc. 2026',
    );
    expect(text).toContain('La PNC Masisi répond à l’orientation avant vendredi. (dossier NK-2026-00042)');
    expect(within(minutes).getByRole('row', { name: /Envoyer une équipe au site NK-MAS-014/ }).textContent).toContain(
      'SAEMAPE Nord-Kivu',
    );
    expect(text).toContain('20 déc. 2026, 14:00');
    expect(text).toContain('La séance est ouverte à 9 h.');
    expect(text).not.toContain('Referral');
    expect(text).not.toContain('Minutes');
    assertReadable(readableText(minutes));
    expect(document.documentElement.lang).toBe('en');
  });

  it('prints a meeting held in Swahili in Swahili, from a console in French', async () => {
    mockGraphql(meetingAnswers(() => meetingOf({ language: 'SW' })));
    renderMeeting({ language: 'fr', session: POLICE });
    await screen.findByRole('heading', { level: 1, name: 'Réunion mensuelle Masisi' });
    expect(screen.getByRole('heading', { name: 'Procès-verbal tel qu’imprimé (en swahili)' })).toBeTruthy();
    const minutes = screen.getByTestId('minutes-document');
    expect(minutes.closest('[lang]')?.getAttribute('lang')).toBe('sw');
    expect(minutes.textContent).toContain('Kumbukumbu za mkutano wa uratibu');
    expect(minutes.textContent).toContain(
      'Rufaa NK-2026-00042-R1 kutoka Kivu Hope kwenda PNC Masisi, imechelewa tangu',
    );
    expect(minutes.textContent).not.toContain('Orientation');
  });

  it('records an action point with its owner chosen by name and its due date in Kivu time', async () => {
    let revision = 3;
    const { calls } = mockGraphql(
      meetingAnswers(
        () => meetingOf({ revision }),
        (call) => {
          if (call.operationName !== 'ConsoleRecordActionPoint') return { data: {} };
          revision = 4;
          return payload('recordActionPoint', 4);
        },
      ),
    );
    const user = userEvent.setup();
    renderMeeting({ language: 'en', session: APLT });
    await screen.findByRole('heading', { level: 1, name: 'Réunion mensuelle Masisi' });
    const form = screen.getByRole('form', { name: 'Record an action point' });

    // Nothing filled: the form says what is missing, beside each field, and sends nothing.
    await user.click(within(form).getByRole('button', { name: 'Record the action point' }));
    const summary = await within(form).findByRole('alert');
    await waitFor(() => expect(document.activeElement).toBe(summary));
    expect(summary.textContent).toContain('3 things to correct');
    expect(sent(calls, 'ConsoleRecordActionPoint')).toHaveLength(0);

    await user.type(within(form).getByLabelText('What is to be done'), 'Accompagner la victime à Goma');
    const owner = within(form).getByRole('combobox', { name: 'Owner agency' });
    await waitFor(() => expect(within(owner).getByRole('option', { name: 'PNC Masisi (Police)' })).toBeTruthy());
    await user.selectOptions(owner, 'PNC Masisi (Police)');
    fireEvent.input(within(form).getByLabelText('Due by'), { target: { value: '2027-01-15T14:00' } });
    await user.selectOptions(
      within(form).getByRole('combobox', { name: 'About the case (optional)' }),
      'NK-2026-00042',
    );
    await user.click(within(form).getByRole('button', { name: 'Record the action point' }));

    await waitFor(() => expect(sent(calls, 'ConsoleRecordActionPoint')).toHaveLength(1));
    // An addition to the meeting: recorded whatever else was recorded since the page was read.
    expect(sent(calls, 'ConsoleRecordActionPoint')[0]).not.toHaveProperty('expectedRevision');
    expect(sent(calls, 'ConsoleRecordActionPoint')[0]).toMatchObject({
      meetingId: MEETING_ID,
      description: 'Accompagner la victime à Goma',
      ownerAgencyId: 'pnc-pmh-masisi',
      ownerAgencyType: 'POLICE',
      dueBy: '2027-01-15T12:00:00.000Z',
      jointCaseId: '6f7e2d0a-1c3b-4e5f-8a9b-0c1d2e3f4a5b',
    });
    // Acknowledged: the meeting is read again, and the form is empty for the next one.
    await waitFor(() => expect(calls.filter((c) => c.operationName === 'ConsoleMeeting').length).toBeGreaterThan(1));
    expect(within(form).getByLabelText<HTMLTextAreaElement>('What is to be done').value).toBe('');
  });

  it('shows the platform’s refusal beside the field it names', async () => {
    mockGraphql(
      meetingAnswers(
        () => meetingOf(),
        () => ({
          errors: [
            {
              message: 'Invalid input',
              extensions: {
                code: 'BAD_USER_INPUT',
                fields: [{ field: 'input.dueBy', reason: 'must not be in the past' }],
              },
            },
          ],
        }),
      ),
    );
    const user = userEvent.setup();
    renderMeeting({ language: 'en', session: APLT });
    await screen.findByRole('heading', { level: 1, name: 'Réunion mensuelle Masisi' });
    const form = screen.getByRole('form', { name: 'Record an action point' });
    await user.type(within(form).getByLabelText('What is to be done'), 'Rendre visite au site');
    const owner = within(form).getByRole('combobox', { name: 'Owner agency' });
    await waitFor(() =>
      expect(within(owner).getByRole('option', { name: 'Kivu Hope (First responder)' })).toBeTruthy(),
    );
    await user.selectOptions(owner, 'Kivu Hope (First responder)');
    fireEvent.input(within(form).getByLabelText('Due by'), { target: { value: '2027-01-15T14:00' } });
    await user.click(within(form).getByRole('button', { name: 'Record the action point' }));

    const due = within(form).getByLabelText('Due by');
    await waitFor(() => expect(due.getAttribute('aria-invalid')).toBe('true'));
    const error = document.getElementById(due.getAttribute('aria-describedby')?.split(' ').at(-1) ?? '');
    expect(error?.textContent).toBe('Refused by the platform (must not be in the past).');
  });

  it("gives a declined handoff's reason where the policy lets the reader read the referral, and none otherwise", async () => {
    const declined = '4d5e6f7a-8b9c-4d0e-9f1a-2b3c4d5e6f7a';
    const { calls } = mockGraphql(
      meetingAnswers(
        () => meetingOf(),
        (call) =>
          call.operationName === 'ConsoleMeetingDeclineReason' && call.variables['referralId'] === declined
            ? {
                data: {
                  referral: {
                    referralId: declined,
                    status: 'DECLINED',
                    statusReason: 'Hors de notre ressort territorial',
                  },
                },
              }
            : { errors: [{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }] },
      ),
    );
    renderMeeting({ language: 'fr', session: APLT });
    await waitFor(() =>
      expect(screen.getByTestId('agenda-declinedHandoffs').textContent).toContain(
        'refusée le 2 déc. 2026, site Bibatama (NK-MAS-014) : « Hors de notre ressort territorial »',
      ),
    );
    expect(calls.filter((c) => c.operationName === 'ConsoleMeetingDeclineReason')).toHaveLength(1);
  });

  it('says clearly when the meeting changed since it was read (CONFLICT), and writes nothing', async () => {
    mockGraphql(
      meetingAnswers(
        () => meetingOf(),
        () => ({
          errors: [
            {
              message: 'Conflict',
              extensions: { code: 'CONFLICT', expectedRevision: 3, currentRevision: 5 },
            },
          ],
        }),
      ),
    );
    const user = userEvent.setup();
    renderMeeting({ language: 'en', session: APLT });
    await screen.findByRole('heading', { level: 1, name: 'Réunion mensuelle Masisi' });
    // The minutes replace the last version: recorded on the version read, or not at all.
    await user.type(screen.getByRole('textbox', { name: MINUTES_LABEL }), 'Réorienter vers Ushindi');
    await user.click(screen.getByRole('button', { name: 'Record the minutes' }));
    const conflict = await screen.findByTestId('meeting-conflict');
    expect(conflict.textContent).toContain('The meeting changed since you opened it.');
    expect(within(conflict).getByRole('button', { name: 'Record it on the current version' })).toBeTruthy();
    expect(within(conflict).getByRole('button', { name: 'Drop mine' })).toBeTruthy();
  });

  it('offers no recording to a participant, only reading', async () => {
    mockGraphql(meetingAnswers(() => meetingOf()));
    renderMeeting({ language: 'en', session: POLICE });
    await screen.findByRole('heading', { level: 1, name: 'Réunion mensuelle Masisi' });
    expect(screen.queryByRole('form', { name: 'Record a decision' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Close the meeting' })).toBeNull();
  });
});

describe('walking through the agenda', { timeout: 20_000 }, () => {
  it('shows one item at a time with its place, next and previous by keyboard', async () => {
    mockGraphql(meetingAnswers(() => meetingOf()));
    const user = userEvent.setup();
    renderMeeting({ language: 'en', session: APLT });
    await user.click(await screen.findByRole('button', { name: 'Walk through the agenda' }));

    const counter = screen.getByTestId('walk-counter');
    // 1 overdue, 1 declined, 2 missed, 1 suspended, 1 site (to red), 1 incident, 1 hearing, 1 carried point.
    expect(counter.textContent).toBe('1 / 9');
    expect(screen.getByTestId('walk-text').textContent).toBe(
      'Referral NK-2026-00042-R1 from Kivu Hope to PNC Masisi, overdue since Dec 3, 2026 (due 2:00 PM), site Bibatama (NK-MAS-014)',
    );
    expect(screen.getByRole('link', { name: 'Open case NK-2026-00042' }).getAttribute('href')).toBe(
      '/cases/6f7e2d0a-1c3b-4e5f-8a9b-0c1d2e3f4a5b',
    );

    await user.keyboard('{ArrowRight}');
    expect(counter.textContent).toBe('2 / 9');
    expect(screen.getByTestId('walk-text').textContent).toContain(
      'Referral NK-2026-00043-R2 from Kivu Hope to Ushindi, declined',
    );
    await user.keyboard('{PageDown}');
    expect(screen.getByTestId('walk-counter').textContent).toBe('3 / 9');
    await user.keyboard('{ArrowLeft}');
    expect(screen.getByTestId('walk-counter').textContent).toBe('2 / 9');
    await user.keyboard('{End}');
    expect(screen.getByTestId('walk-counter').textContent).toBe('9 / 9');
    expect(screen.getByTestId('walk-text').textContent).toContain(
      'Action point for PNC Masisi: “Former les agents de la PNC à l’orientation”',
    );
    // Not beyond the last.
    await user.keyboard('{ArrowRight}');
    expect(screen.getByTestId('walk-counter').textContent).toBe('9 / 9');
    await user.keyboard('{Home}');
    expect(screen.getByTestId('walk-counter').textContent).toBe('1 / 9');
    assertReadable(screen.getByTestId('walk-text').textContent);

    // Escape leaves the walk-through: the agenda is back.
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('walk-counter')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Agenda' })).toBeTruthy();
  });

  it('hears a key pressed the moment it opens, and Escape gives the focus back to its button at once', async () => {
    mockGraphql(meetingAnswers(() => meetingOf()));
    renderMeeting({ language: 'en', session: APLT });
    const start = await screen.findByRole('button', { name: 'Walk through the agenda' });
    /** The renders a click or a key asks for are done; nothing that waits for a painted frame has run yet. */
    const rendered = () => new Promise<void>((resolve) => queueMicrotask(resolve));

    // The DOM's own click and key, outside any test helper that would also run what waits for the next frame.
    start.click();
    await rendered();
    expect(screen.getByTestId('walk-counter').textContent).toBe('1 / 9');
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await rendered();
    expect(screen.getByTestId('walk-counter').textContent).toBe('2 / 9');

    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await rendered();
    expect(screen.queryByTestId('walk-counter')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Walk through the agenda' }));
  });
});
