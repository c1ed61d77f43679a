import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { mockGraphql, renderConsole } from '../../test/render';
import { escalation, hearing, liveStub, page, referral, sessionOf, stubSubscribe } from './fixtures';
import { HomePage } from './HomePage';

// Role queries over a page of twenty rows are slow in jsdom when the whole suite runs at once.
vi.setConfig({ testTimeout: 20_000 });

const live = vi.hoisted(() => ({ stub: undefined as ReturnType<typeof liveStub> | undefined }));
vi.mock('../../api/live', () => ({
  subscribe: (...args: Parameters<ReturnType<typeof stubSubscribe>>) => {
    live.stub ??= { next: new Map(), variables: new Map() };
    return stubSubscribe(live.stub)(...args);
  },
}));

const empty = { data: {} };

/** The table of the section headed `heading`. */
function tableOf(heading: string): HTMLElement {
  return screen.getByRole('table', { name: heading });
}

describe('the home page', () => {
  it('police: incoming referrals in French, pending and overdue first, due in Kivu time, each linked', async () => {
    const { calls } = mockGraphql((call) => {
      if (call.operationName === 'ConsoleQueueIncomingReferrals') {
        const filter = call.variables.filter as Record<string, unknown>;
        if (filter.overdue) return { data: { incomingReferrals: page([]) } };
        return {
          data: {
            incomingReferrals: page([
              referral({ reference: 'NK-2026-00042-R1', overdue: true, urgency: 'IMMEDIATE', subjectIsChild: true }),
              referral({
                referralId: 'r-2',
                jointCaseId: null,
                siteCode: null,
                submittedAt: '2026-11-28T09:00:00Z',
                dueBy: '2026-12-01T09:00:00Z',
                urgency: 'URGENT',
              }),
              referral({
                referralId: 'r-3',
                siteCode: 'NK-WAL-207',
                status: 'ACCEPTED',
                answeredAt: '2026-11-26T10:00:00Z',
                submittedAt: '2026-11-25T10:00:00Z',
              }),
            ]),
          },
        };
      }
      if (call.operationName === 'ConsoleQueueInvestigations') return { data: { investigations: page([]) } };
      if (call.operationName === 'ConsoleQueueOverdueCaseFiles')
        return { data: { overdueCaseFileTransmissions: page([]) } };
      if (call.operationName === 'ConsoleAgencyName')
        return { data: { agency: { agencyId: 'pnc-pmh-masisi', name: 'Police des mines de Masisi' } } };
      return empty;
    });
    renderConsole(<HomePage params={{}} />, {
      language: 'fr',
      session: sessionOf('pnc-pmh-masisi', 'police', ['investigator']),
    });

    expect(screen.getByRole('heading', { level: 1, name: 'Mon travail' })).toBeTruthy();
    // Who is working: the agency's name in the directory.
    expect((await screen.findByText('Police des mines de Masisi · Police')).getAttribute('title')).toBe(
      'pnc-pmh-masisi',
    );
    expect(screen.getByRole('heading', { level: 2, name: 'Signalements reçus' })).toBeTruthy();
    const link = await screen.findByRole('link', { name: 'Signalement du 27 nov. 2026, NK-MAS-014' });
    expect(link.getAttribute('href')).toBe('/referrals/r-1');
    const table = tableOf('Signalements reçus');
    const rows = within(table).getAllByRole('row');
    // The header row, then the referrals in the API's order: the overdue one first.
    const first = rows[1] as HTMLElement;
    expect(within(first).getByText('en retard', { exact: false })).toBeTruthy();
    // 22:30 UTC is 00:30 the next day in the Kivus (UTC+2).
    expect(within(first).getByText(/28 nov\. 2026.*00:30/)).toBeTruthy();
    expect(within(first).getByText('Immédiate')).toBeTruthy();
    expect(within(first).getByText('Enfant')).toBeTruthy();
    // The sending agency by its name in the directory, its id in the title.
    const from = within(first).getByText('De : Kivu Hope', { exact: false });
    expect(from.getAttribute('title')).toBe('ngo-kivu-hope');
    expect(first.textContent).not.toContain('ngo-kivu-hope');
    expect(within(first).getByText('En attente de réponse')).toBeTruthy();
    // Its reference, as people say and write it.
    expect(within(first).getByText('NK-2026-00042-R1')).toBeTruthy();
    expect(
      within(first)
        .getByRole('link', { name: 'Dossier : Signalement du 27 nov. 2026, NK-MAS-014' })
        .getAttribute('href'),
    ).toBe('/cases/case-1');
    // A referral with no site and no case yet: named by its date alone, no case link.
    const second = rows[2] as HTMLElement;
    expect(within(second).getByRole('link', { name: 'Signalement du 28 nov. 2026' })).toBeTruthy();
    expect(within(second).getAllByRole('link')).toHaveLength(1);
    expect(within(second).queryByText(/NK-2026-/)).toBeNull();
    expect(within(second).queryByText('en retard', { exact: false })).toBeNull();
    // An answered referral says when, not when it was due.
    expect(within(rows[3] as HTMLElement).getByText('Répondu le 26 nov. 2026')).toBeTruthy();
    expect(within(rows[3] as HTMLElement).getByText('Accepté')).toBeTruthy();

    expect(screen.getByText('3 dans la file, dont 1 en retard.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Toute la file : Signalements reçus' }).getAttribute('href')).toBe(
      '/queues/incoming-referrals',
    );
    // The police's other queues, each its section.
    expect(screen.getByRole('heading', { level: 2, name: 'Mes enquêtes' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Signalements reçus en retard' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Accusés de réception en retard' })).toBeTruthy();
    const escalated = calls.find(
      (c) =>
        c.operationName === 'ConsoleQueueIncomingReferrals' &&
        (c.variables.filter as Record<string, unknown>).overdue === true,
    );
    expect(escalated).toBeTruthy();
  });

  it('police: a referral received live is announced and the queue read again', async () => {
    live.stub = liveStub();
    let answers = 0;
    const { calls } = mockGraphql((call) => {
      if (call.operationName === 'ConsoleQueueIncomingReferrals') {
        const filter = call.variables.filter as Record<string, unknown>;
        if (filter.overdue) return { data: { incomingReferrals: page([]) } };
        answers += 1;
        return {
          data: {
            incomingReferrals: page(
              answers === 1 ? [] : [referral({ referralId: 'r-9', submittedAt: '2026-11-29T07:00:00Z' })],
            ),
          },
        };
      }
      if (call.operationName === 'ConsoleQueueInvestigations') return { data: { investigations: page([]) } };
      return { data: { overdueCaseFileTransmissions: page([]) } };
    });
    renderConsole(<HomePage params={{}} />, {
      language: 'fr',
      session: sessionOf('pnc-pmh-masisi', 'police', ['investigator']),
    });
    const section = screen.getByRole('region', { name: 'Signalements reçus' });
    expect(await within(section).findByText("Rien à traiter pour l'instant.")).toBeTruthy();
    const push = live.stub.next.get('ConsoleQueueReferralReceived');
    expect(push).toBeTruthy();
    act(() =>
      push?.({
        referralReceived: {
          referralId: 'r-9',
          feedCursor: 'feed-9',
          submittedAt: '2026-11-29T07:00:00Z',
          siteCode: 'NK-MAS-014',
        },
      }),
    );
    expect(await screen.findByRole('link', { name: 'Signalement du 29 nov. 2026, NK-MAS-014' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain(
      'Nouveau signalement reçu : Signalement du 29 nov. 2026, NK-MAS-014.',
    );
    // The same referral again (a re-subscription replays it): not read again.
    const before = calls.length;
    act(() =>
      push?.({
        referralReceived: {
          referralId: 'r-9',
          feedCursor: 'feed-9',
          submittedAt: '2026-11-29T07:00:00Z',
          siteCode: 'NK-MAS-014',
        },
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls.length).toBe(before);
  });

  it('prosecutor: upcoming hearings with a past hearing whose outcome is not recorded on top, flagged', async () => {
    mockGraphql((call) => {
      if (call.operationName === 'ConsoleQueueUpcomingHearings')
        return {
          data: {
            upcomingHearings: page([
              hearing(),
              hearing({
                hearingId: 'h-past',
                jointCaseId: 'case-past',
                scheduledFor: '2026-11-20T08:00:00Z',
                outcomeOverdueAt: '2026-11-22T08:00:00Z',
                court: 'Tribunal de paix de Masisi',
              }),
            ]),
          },
        };
      if (call.operationName === 'ConsoleQueueIncomingCaseFiles')
        return {
          data: {
            incomingCaseFiles: page([
              {
                caseFileId: 'cf-1',
                jointCaseId: 'case-1',
                fromAgencyId: 'pnc-pmh-masisi',
                fromAgency: { name: 'Police des mines de Masisi' },
                toProsecutorOfficeId: 'parquet-goma',
                transmittedAt: '2026-11-25T10:00:00Z',
                dueBy: '2026-11-27T10:00:00Z',
                overdue: true,
                status: 'DEADLINE_MISSED',
                acknowledgedAt: null,
              },
            ]),
          },
        };
      return { data: { overdueCaseFileTransmissions: page([]) } };
    });
    renderConsole(<HomePage params={{}} />, {
      language: 'fr',
      session: sessionOf('parquet-goma', 'prosecutor', ['prosecutor']),
    });
    expect(await screen.findByRole('link', { name: 'Audience du 20 nov. 2026, 10:00' })).toBeTruthy();
    const rows = within(tableOf('Audiences à venir')).getAllByRole('row');
    const top = rows[1] as HTMLElement;
    expect(within(top).getByRole('link', { name: 'Audience du 20 nov. 2026, 10:00' }).getAttribute('href')).toBe(
      '/prosecutions/p-1#hearing-h-past',
    );
    expect(within(top).getByText('Date passée : issue à enregistrer')).toBeTruthy();
    expect(within(top).getByText('Tribunal de paix de Masisi')).toBeTruthy();
    expect(within(rows[2] as HTMLElement).queryByText('Date passée : issue à enregistrer')).toBeNull();
    expect(screen.getByText('2 dans la file, dont 1 en retard.')).toBeTruthy();
    // Incoming case files: due, and whether acknowledged.
    const caseFile = within(tableOf('Dossiers reçus de la police')).getAllByRole('row')[1] as HTMLElement;
    expect(within(caseFile).getByRole('link', { name: 'Transmis le 25 nov. 2026' }).getAttribute('href')).toBe(
      '/case-files',
    );
    expect(within(caseFile).getByText("Délai d'accusé de réception dépassé")).toBeTruthy();
    expect(within(caseFile).getByText('en retard', { exact: false })).toBeTruthy();
  });

  it('coordination body: open escalations, linked to the referral and its case; a new miss reads them again', async () => {
    live.stub = liveStub();
    let reads = 0;
    mockGraphql((call) => {
      if (call.operationName === 'ConsoleQueueEscalations') {
        reads += 1;
        expect(call.variables.filter).toMatchObject({ openOnly: true, first: 20 });
        return {
          data: {
            escalations: page([
              escalation(),
              escalation({
                escalationId: 'e-2',
                kind: 'CaseFileAcknowledgementDeadlineMissed',
                agencyId: 'parquet-goma',
                agency: null,
                jointCaseId: 'case-2',
                subjectId: 'cf-2',
                dueBy: '2026-11-26T08:00:00Z',
              }),
              ...(reads > 1
                ? [
                    escalation({
                      escalationId: 'e-3',
                      subjectId: 'r-3',
                      agencyId: 'ngo-ushindi',
                      agency: { name: 'Ushindi' },
                    }),
                  ]
                : []),
            ]),
          },
        };
      }
      if (call.operationName === 'ConsoleQueueOverdueCases') return { data: { jointCases: page([]) } };
      return { data: { mineSites: page([]) } };
    });
    renderConsole(<HomePage params={{}} />, {
      language: 'en',
      session: sessionOf('aplt-nk', 'coordination_body', ['coordinator']),
    });
    expect(screen.getByRole('heading', { level: 2, name: 'Escalations: missed deadlines' })).toBeTruthy();
    const toReferral = await screen.findByRole('link', { name: 'Referral unanswered, due Nov 28, 2026' });
    expect(toReferral.getAttribute('href')).toBe('/referrals/r-1');
    const rows = within(tableOf('Escalations: missed deadlines')).getAllByRole('row');
    const first = rows[1] as HTMLElement;
    expect(within(first).getByText('Police des mines de Masisi').getAttribute('title')).toBe('pnc-pmh-masisi');
    expect(within(first).getByText('overdue', { exact: false })).toBeTruthy();
    expect(
      within(first).getByRole('link', { name: 'Case: Referral unanswered, due Nov 28, 2026' }).getAttribute('href'),
    ).toBe('/cases/case-1');
    const second = rows[2] as HTMLElement;
    expect(
      within(second).getByRole('link', { name: 'Case file not acknowledged, due Nov 26, 2026' }).getAttribute('href'),
    ).toBe('/cases/case-2');
    expect(within(second).getByText('parquet-goma')).toBeTruthy();
    // Its other sections.
    expect(screen.getByRole('heading', { level: 2, name: 'Cases with a missed deadline' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Sites in red' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Sites in yellow' })).toBeTruthy();

    act(() =>
      live.stub?.next.get('ConsoleQueueDeadlineMissed')?.({
        deadlineMissed: { escalationId: 'e-3', position: 'pos-3', kind: 'ReferralDeadlineMissed' },
      }),
    );
    await waitFor(() => expect(within(tableOf('Escalations: missed deadlines')).getAllByRole('row')).toHaveLength(4));
    expect(screen.getByRole('status').textContent).toContain('A deadline was just missed.');
  });

  it('an integrator: no case queue, the way to its webhooks, and no queue asked of the API', () => {
    const { calls } = mockGraphql(() => empty);
    renderConsole(<HomePage params={{}} />, {
      language: 'fr',
      session: sessionOf('itsci-feed', 'integrator', ['feed']),
    });
    expect(screen.getByRole('link', { name: 'Gérer vos webhooks' }).getAttribute('href')).toBe('/webhooks');
    expect(screen.queryByText("La console n'a encore rien pour ce type d'agence.")).toBeNull();
    expect(screen.queryAllByRole('table')).toHaveLength(0);
    // Only the agency's name in the directory, for the line saying who is signed in.
    expect(calls.map((c) => c.operationName)).toEqual(['ConsoleAgencyName']);
  });

  it('first responder: a prominent "New referral", and what was sent with its status', async () => {
    mockGraphql((call) => {
      const filter = call.variables.filter as Record<string, unknown>;
      return {
        data: {
          outgoingReferrals: page(
            filter.overdue
              ? []
              : [referral({ status: 'DECLINED', answeredAt: '2026-11-27T12:00:00Z' }), referral({ referralId: 'r-2' })],
          ),
        },
      };
    });
    renderConsole(<HomePage params={{}} />, {
      language: 'sw',
      session: sessionOf('ngo-kivu-hope', 'first_responder', ['field_worker']),
    });
    expect(screen.getByRole('link', { name: 'Rufaa mpya' }).getAttribute('href')).toBe('/referrals/new');
    expect(await screen.findByText('Imekataliwa')).toBeTruthy();
    const rows = within(tableOf('Rufaa zilizotumwa')).getAllByRole('row');
    expect(within(rows[1] as HTMLElement).getByText('Kwa: Police des mines de Masisi', { exact: false })).toBeTruthy();
    expect(within(rows[2] as HTMLElement).getByText('Inasubiri jibu')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: 'Rufaa zangu ambazo hazijajibiwa' })).toBeTruthy();
  });

  it('keeps the last answer of each queue readable offline, saying as of when', async () => {
    let online = true;
    const session = sessionOf('ngo-ushindi', 'assistance_provider', ['case_worker']);
    mockGraphql((call) => {
      if (!online) throw new Error('offline');
      if (call.operationName === 'ConsoleQueueAssistanceReviews')
        return {
          data: {
            assistanceCases: page([
              {
                assistanceId: 'a-1',
                jointCaseId: 'case-1',
                registeredAt: '2026-11-20T08:00:00Z',
                status: 'IN_ASSISTANCE',
                isChild: true,
                protectionMeasures: [
                  { measureId: 'm-1', measure: 'SAFE_HOUSE', reviewBy: '2026-11-27T08:00:00Z', reviewDue: true },
                ],
              },
            ]),
          },
        };
      return { data: { incomingReferrals: page([referral()]) } };
    });
    const first = renderConsole(<HomePage params={{}} />, { language: 'en', session });
    // Due for review, and among the open cases.
    expect(await screen.findAllByRole('link', { name: 'Assistance since Nov 20, 2026' })).toHaveLength(2);
    await screen.findAllByRole('link', { name: 'Referral of Nov 27, 2026, NK-MAS-014' });
    // Let the answers be kept on the device.
    await new Promise((resolve) => setTimeout(resolve, 50));
    first.unmount();
    online = false;
    renderConsole(<HomePage params={{}} />, { language: 'en', session });
    expect(await screen.findByText(/Offline: shown as of/)).toBeTruthy();
    await waitFor(() => expect(screen.getAllByRole('link', { name: 'Assistance since Nov 20, 2026' })).toHaveLength(2));
    const review = within(tableOf('Protection measures due for review')).getAllByRole('row')[1] as HTMLElement;
    expect(within(review).getByText('Safe house')).toBeTruthy();
    expect(within(review).getByText('overdue', { exact: false })).toBeTruthy();
  });
});
