import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { subscribe } from '../../api/live';
import { type Language } from '../../i18n/catalogue';
import { mockGraphql, renderConsole, testSession, type GraphqlCall } from '../../test/render';
import { CasePage } from './CasePage';
import type { JointCaseData, TimelineEntry } from './documents';
import { caseOf, entryOf, pageOf, redactedEntryOf } from './fixtures';

vi.mock('../../api/live', () => ({ subscribe: vi.fn(() => () => undefined) }));

const coordinator = testSession({
  userId: 'aplt-nk-user',
  agencyId: 'aplt-nk',
  agencyType: 'coordination_body',
  roles: ['coordinator'],
});
const ngo = testSession();

/** The live feed as the page opened it: its variables (read again on each reconnect) and its handlers. */
function liveFeed() {
  const calls = vi.mocked(subscribe).mock.calls;
  const last = calls.at(-1);
  if (!last) throw new Error('the page did not subscribe');
  const [, variables, handlers] = last as unknown as [
    unknown,
    () => { jointCaseId: string; after?: string | null },
    { next(data: { caseTimelineEntryAdded: TimelineEntry }): void },
  ];
  return { variables, send: (entry: TimelineEntry) => act(() => handlers.next({ caseTimelineEntryAdded: entry })) };
}

function answerCase(jointCase: JointCaseData, more: (call: GraphqlCall) => unknown = () => undefined) {
  return mockGraphql((call) => {
    if (call.operationName === 'ConsoleCase') return { data: { case: jointCase } };
    return more(call);
  });
}

let caseNumber = 0;
/** A case id of its own per test: the device's copies of answers are kept by id. */
function renderCase(jointCase: JointCaseData, options: { language?: Language; session?: typeof ngo } = {}) {
  caseNumber += 1;
  const id = `case-${String(caseNumber)}`;
  return renderConsole(<CasePage params={{ id }} />, { language: options.language ?? 'fr', session: options.session });
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

beforeEach(() => {
  vi.mocked(subscribe).mockClear();
});

describe('the case page', () => {
  it('shows the stage, the site, the dates in Kivu time and every part, in French', async () => {
    answerCase(caseOf());
    renderCase(caseOf(), { session: coordinator });
    expect(await screen.findByRole('heading', { level: 1, name: 'NK-2026-00042 · Dossier NK-MAS-014' })).toBeTruthy();
    expect(screen.getByText('En enquête')).toBeTruthy();
    expect(screen.getByText('NK-MAS-014 — Bibatama-Sud (statut : jaune)')).toBeTruthy();
    expect(screen.getByText('Nord-Kivu / Masisi')).toBeTruthy();
    // 22:30 UTC is 00:30 the next day in the Kivus (UTC+2), in a time element with the instant.
    const lastActivity = screen.getByText(/28 nov\. 2026.*00:30/);
    expect(lastActivity.tagName).toBe('TIME');
    expect(lastActivity.getAttribute('dateTime')).toBe('2026-11-27T22:30:00.000Z');

    const referrals = screen.getByRole('list', { name: 'Renvois' });
    // Agencies by the directory's names; their ids stay in the title.
    const route = within(referrals).getByText('Kivu Hope (Premier intervenant) → Police des mines de Masisi (Police)');
    expect(route.getAttribute('title')).toBe('ngo-kivu-hope → pnc-pmh-masisi');
    expect(within(referrals).getByText('Accepté')).toBeTruthy();
    expect(within(referrals).getByText("Note d'acceptation")).toBeTruthy();
    expect(within(referrals).getByText('Une équipe part jeudi.')).toBeTruthy();
    // The case counts two referrals; one of them is not the caller's to read.
    expect(screen.getByText("1 renvoi n'est pas partagé avec votre agence.")).toBeTruthy();

    const investigations = screen.getByRole('list', { name: 'Enquêtes' });
    expect(within(investigations).getByText('Enquête menée par Police des mines de Masisi')).toBeTruthy();
    expect(within(investigations).getByText('travail forcé, traite des personnes')).toBeTruthy();
    expect(screen.getByText('Aucune poursuite.')).toBeTruthy();
    const assistance = screen.getByRole('list', { name: 'Assistance' });
    expect(within(assistance).getByText('Détails non partagés avec votre agence.')).toBeTruthy();

    // Headings in order: the page, each part, then the timeline.
    const headings = screen.getAllByRole('heading').map((h) => `${h.tagName}:${h.textContent}`);
    expect(headings).toEqual([
      'H1:NK-2026-00042 · Dossier NK-MAS-014',
      'H2:Renvois',
      'H2:Enquêtes',
      'H2:Poursuites',
      'H2:Assistance',
      'H2:Chronologie',
    ]);
    expect(document.body.textContent).not.toMatch(UUID);
  });

  it('tells an agency that does not receive investigations and prosecutions that they are not shared', async () => {
    answerCase(caseOf({ investigations: [], investigationIds: [], prosecutions: [], prosecutionIds: [] }));
    renderCase(caseOf(), { session: ngo });
    expect(await screen.findByText('Les enquêtes ne sont pas partagées avec votre agence.')).toBeTruthy();
    expect(screen.getByText('Les poursuites ne sont pas partagées avec votre agence.')).toBeTruthy();
    expect(screen.queryByText('Aucune enquête.')).toBeNull();
  });

  it.each<[Language, string, RegExp]>([
    ['fr', 'Chronologie', /^Acte d'enquête : contenu non partagé avec votre agence$/],
    ['en', 'Timeline', /^Investigative step: details not shared with your agency$/],
    ['sw', 'Mfuatano wa matukio', /^Hatua ya uchunguzi: maelezo hayajashirikiwa na shirika lako$/],
  ])(
    'in %s, a redacted entry reads as not shared with the agency, never as an empty row',
    async (language, heading, sentence) => {
      answerCase(caseOf());
      renderCase(caseOf(), { language, session: coordinator });
      expect(await screen.findByRole('heading', { level: 2, name: heading })).toBeTruthy();
      const timeline = screen.getAllByRole('list').at(-1) as HTMLElement;
      const redacted = within(timeline).getAllByRole('listitem')[1] as HTMLElement;
      expect(within(redacted).getByText(sentence)).toBeTruthy();
      // It still says when and which agency: only what is withheld.
      expect(redacted.querySelector('time')?.getAttribute('dateTime')).toBe(entryOf(2).occurredAt);
      expect(redacted.textContent).toContain('Police des mines de Masisi');
      expect(within(redacted).getByTitle('pnc-pmh-masisi')).toBeTruthy();
      for (const item of within(timeline).getAllByRole('listitem')) expect(item.textContent.trim()).not.toBe('');
    },
  );

  it('also reads an entry as not shared when the API gives neither what happened nor a sentence', async () => {
    const unflagged = entryOf(3, { eventType: null, summary: null, redacted: false, category: null });
    answerCase(caseOf({ timeline: pageOf([unflagged]) }));
    renderCase(caseOf(), { language: 'en', session: coordinator });
    expect(await screen.findByText('Activity: details not shared with your agency')).toBeTruthy();
  });

  it("translates the entry's type and keeps the platform's sentence beside it when it says more", async () => {
    const accepted = entryOf(3, { eventType: 'ReferralAccepted', summary: 'Referral accepted' });
    const unknown = entryOf(4, { eventType: 'SomethingNew', summary: 'Something new happened' });
    answerCase(caseOf({ timeline: pageOf([entryOf(1), accepted, unknown]) }));
    renderCase(caseOf(), { session: coordinator });
    expect(await screen.findByText('Renvoi soumis')).toBeTruthy();
    const detail = screen.getByText('Referral submitted to police (urgent)');
    expect(detail.getAttribute('lang')).toBe('en');
    expect(screen.getByText('Renvoi accepté')).toBeTruthy();
    // Nothing more to say than the translation: the English sentence is not repeated.
    expect(screen.queryByText('Referral accepted')).toBeNull();
    // A type the catalogue does not know yet reads as the platform's sentence, marked as English.
    expect(screen.getByText('Something new happened').getAttribute('lang')).toBe('en');
  });

  it("in English, reads the platform's sentence", async () => {
    answerCase(caseOf());
    renderCase(caseOf(), { language: 'en', session: coordinator });
    expect(await screen.findByText('Referral submitted to police (urgent)')).toBeTruthy();
    expect(screen.queryByText('Referral submitted')).toBeNull();
  });

  it('receives live entries after the last position, once each even when sent twice, and says so politely', async () => {
    const { calls } = answerCase(caseOf());
    renderCase(caseOf(), { language: 'en', session: coordinator });
    await screen.findByRole('heading', { level: 2, name: 'Timeline' });
    expect(screen.getByTestId('live-indicator').textContent).toBe('Live');
    // The feed starts in an effect, which may run just after the page shows.
    await waitFor(() => expect(subscribe).toHaveBeenCalled());
    const feed = liveFeed();
    expect(feed.variables()).toMatchObject({ after: 'p002' });

    const accepted = entryOf(5, {
      agencyId: 'pnc-pmh-masisi',
      agencyType: 'police',
      eventType: 'ReferralAccepted',
      summary: 'Referral accepted',
    });
    feed.send(accepted);
    feed.send(accepted);
    const timeline = screen.getByRole('list', { name: "The case's timeline, oldest entry first" });
    expect(within(timeline).getAllByText('Referral accepted')).toHaveLength(1);
    expect(within(timeline).getAllByRole('listitem').at(-1)?.textContent).toContain('Referral accepted');
    const announcer = screen.getByTestId('timeline-announcer');
    expect(announcer.getAttribute('aria-live')).toBe('polite');
    expect(announcer.textContent).toBe('1 new entry on the timeline');
    // A reconnect resumes after what the page now holds.
    expect(feed.variables()).toMatchObject({ after: 'p005' });

    feed.send(entryOf(6, { eventType: 'InvestigationOpened', summary: 'Investigation opened for forced labour' }));
    expect(announcer.textContent).toBe('2 new entries on the timeline');
    // The case is read again once the entries stop coming (its stage and parts may have moved).
    await waitFor(() => expect(calls.filter((c) => c.operationName === 'ConsoleCase')).toHaveLength(2), {
      timeout: 3000,
    });
    expect(within(timeline).getAllByText('Referral accepted')).toHaveLength(1);
  });

  it('reads the timeline on page by page, then goes live from the last entry', async () => {
    const second = [
      entryOf(3, { eventType: 'ReferralAccepted', summary: 'Referral accepted' }),
      redactedEntryOf(4, 'prosecution'),
    ];
    const { calls } = answerCase(caseOf({ timeline: pageOf([entryOf(1), redactedEntryOf(2)], true) }), (call) =>
      call.operationName === 'ConsoleCaseTimeline'
        ? { data: { case: { jointCaseId: 'x', timeline: pageOf(second) } } }
        : undefined,
    );
    renderCase(caseOf(), { session: coordinator });
    const more = await screen.findByRole('button', { name: 'Afficher la suite de la chronologie' });
    expect(subscribe).not.toHaveBeenCalled();
    expect(screen.getByTestId('live-indicator').textContent).toBe(
      "Le direct reprend une fois la chronologie affichée jusqu'au bout",
    );
    fireEvent.click(more);
    expect(await screen.findByText('Renvoi accepté')).toBeTruthy();
    expect(calls.find((c) => c.operationName === 'ConsoleCaseTimeline')?.variables).toMatchObject({ after: 'p002' });
    const timeline = screen.getByRole('list', { name: /^Chronologie du dossier/ });
    expect(
      within(timeline)
        .getAllByRole('listitem')
        .map((li) => li.dataset['position']),
    ).toEqual(['p001', 'p002', 'p003', 'p004']);
    // The first entry read takes the focus (once it is drawn), so the reader goes on from there.
    await waitFor(() => expect(document.activeElement?.getAttribute('data-position')).toBe('p003'));
    expect(screen.queryByRole('button', { name: 'Afficher la suite de la chronologie' })).toBeNull();
    await waitFor(() => expect(subscribe).toHaveBeenCalledTimes(1));
    expect(liveFeed().variables()).toMatchObject({ after: 'p004' });
  });

  it('keeps the last answer readable offline, with the offline banner', async () => {
    let online = true;
    mockGraphql(() => {
      if (!online) throw new Error('offline');
      return { data: { case: caseOf() } };
    });
    caseNumber += 1;
    const first = renderConsole(<CasePage params={{ id: 'kept-offline' }} />, { language: 'fr', session: coordinator });
    expect(await screen.findByText('En enquête')).toBeTruthy();
    first.unmount();
    online = false;
    renderConsole(<CasePage params={{ id: 'kept-offline' }} />, { language: 'fr', session: coordinator });
    expect(await screen.findByText(/Hors ligne : affiché tel qu'au/)).toBeTruthy();
    expect(screen.getByText('En enquête')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Chronologie' })).toBeTruthy();
  });

  it('says a case it may not see is not found or not shared, once it has asked again for a few seconds', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const { calls } = mockGraphql(() => ({
        errors: [{ message: 'Joint case x was not found', extensions: { code: 'NOT_FOUND' } }],
      }));
      renderCase(caseOf(), { session: ngo });
      const notFound = "Ce dossier n'existe pas ou n'est pas partagé avec votre agence.";
      // At first it may be a case on its way to this agency's view: looking, not "does not exist".
      await act(() => vi.advanceTimersByTimeAsync(1000));
      expect(screen.getByRole('status').textContent).toContain('Recherche du dossier');
      expect(screen.queryByText(notFound)).toBeNull();
      await act(() => vi.advanceTimersByTimeAsync(8000));
      expect(screen.getByText(notFound)).toBeTruthy();
      expect(screen.queryByText(/Recherche du dossier/)).toBeNull();
      expect(screen.getByRole('heading', { level: 1, name: 'Dossier' })).toBeTruthy();
      // Asked again with growing waits (0.25, 0.5, 1, 2, 2, 2 s), then no more.
      const asked = calls.filter((c) => c.operationName === 'ConsoleCase').length;
      expect(asked).toBeGreaterThanOrEqual(5);
      expect(asked).toBeLessThanOrEqual(8);
      await act(() => vi.advanceTimersByTimeAsync(10_000));
      expect(calls.filter((c) => c.operationName === 'ConsoleCase')).toHaveLength(asked);
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows a case that reaches its agency a moment after it was opened, with no "not found" on the way', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const jointCase = caseOf();
      let asked = 0;
      mockGraphql((call) => {
        if (call.operationName !== 'ConsoleCase') return undefined;
        asked++;
        // Not in this agency's view for the first two asks (the shared log has not brought it yet).
        return asked <= 2
          ? { errors: [{ message: 'Joint case x was not found', extensions: { code: 'NOT_FOUND' } }] }
          : { data: { case: jointCase } };
      });
      renderCase(jointCase, { session: ngo });
      await act(() => vi.advanceTimersByTimeAsync(2000));
      expect(asked).toBe(3);
      expect(screen.getByRole('heading', { name: 'Chronologie' })).toBeTruthy();
      expect(screen.queryByText(/n'existe pas/)).toBeNull();
      expect(screen.queryByRole('status')).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});
