import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOutbox } from '../../api/outbox';
import { mockGraphql, renderConsole, type GraphqlCall } from '../../test/render';
import { freshDevice, POLICE } from '../referrals/fixtures';
import { investigationApi, investigation, JOINT_CASE_ID, REFERRAL_ID } from './fixtures';
import { OpenInvestigationPage } from './OpenInvestigationPage';

const opened = (calls: readonly GraphqlCall[]) =>
  calls
    .filter((c) => c.operationName === 'ConsoleOpenInvestigation')
    .map((c) => c.variables['input'] as Record<string, unknown>);

const noInvestigations = { data: { investigations: { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } } } };

let stop: () => void = () => undefined;
beforeEach(() => {
  freshDevice();
  history.replaceState(null, '', `/investigations/new?referral=${REFERRAL_ID}`);
  stop = startOutbox();
});
afterEach(() => stop());

describe('opening an investigation from an accepted referral', { timeout: 30_000 }, () => {
  it('sends it in the referral’s case, at its site, led by the officer, and opens its page', async () => {
    const api = investigationApi(() => investigation());
    const { calls } = mockGraphql((call) => {
      if (call.operationName === 'ConsoleInvestigationsList') return noInvestigations;
      if (call.operationName === 'ConsoleOpenInvestigation') {
        const input = call.variables['input'] as { investigationId: string };
        return {
          data: {
            openInvestigation: {
              investigationId: input.investigationId,
              jointCaseId: JOINT_CASE_ID,
              status: 'OPEN',
              revision: 1,
              replayed: false,
            },
          },
        };
      }
      return api(call);
    });
    const user = userEvent.setup();
    renderConsole(<OpenInvestigationPage params={{}} />, { language: 'fr', session: POLICE });
    expect(await screen.findByRole('link', { name: 'NK-2026-00042-R1' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: "Officier (OPJ) qui dirige l'enquête" })).toHaveProperty(
      'value',
      'officer-1',
    );
    expect(screen.getByRole('textbox', { name: 'Code du site minier' })).toHaveProperty('value', 'NK-MAS-014');
    const offences = screen.getByRole('group', { name: 'Infractions suspectées' });
    await user.click(within(offences).getByRole('checkbox', { name: 'Traite des personnes' }));
    await user.click(screen.getByRole('button', { name: "Ouvrir l'enquête" }));

    await waitFor(() => expect(opened(calls)).toHaveLength(1));
    const [sent] = opened(calls);
    expect(sent).toMatchObject({
      jointCaseId: JOINT_CASE_ID,
      referralId: REFERRAL_ID,
      siteCode: 'NK-MAS-014',
      leadOfficerId: 'officer-1',
      offences: ['FORCED_LABOUR', 'TRAFFICKING_IN_PERSONS'],
    });
    await waitFor(() => expect(location.pathname).toBe(`/investigations/${String(sent?.['investigationId'])}`));
  });

  it('asks for at least one offence, beside the field, and sends nothing without one', async () => {
    const api = investigationApi(() => investigation());
    const { calls } = mockGraphql((call) =>
      call.operationName === 'ConsoleInvestigationsList' ? noInvestigations : api(call),
    );
    const user = userEvent.setup();
    renderConsole(<OpenInvestigationPage params={{}} />, { language: 'fr', session: POLICE });
    const offences = await screen.findByRole('group', { name: 'Infractions suspectées' });
    await user.click(within(offences).getByRole('checkbox', { name: 'Travail forcé' }));
    await user.click(screen.getByRole('button', { name: "Ouvrir l'enquête" }));
    expect(document.getElementById('open-offences-error')?.textContent).toBe(
      'Cochez au moins une infraction suspectée.',
    );
    await waitFor(() => expect(document.activeElement?.id).toBe('open-problems'));
    expect(opened(calls)).toEqual([]);
  });

  it('points to the investigation already opened for the referral', async () => {
    const api = investigationApi(() => investigation());
    mockGraphql((call) =>
      call.operationName === 'ConsoleInvestigationsList'
        ? {
            data: {
              investigations: {
                nodes: [{ ...investigation(), evidenceCount: 1, suspectCount: 1, arrestCount: 1, caseFileCount: 1 }],
                pageInfo: { hasNextPage: false, endCursor: null },
              },
            },
          }
        : api(call),
    );
    renderConsole(<OpenInvestigationPage params={{}} />, { language: 'fr', session: POLICE });
    const link = await screen.findByRole('link', { name: 'NK-2026-00042-E1' });
    expect(link.getAttribute('href')).toBe(`/investigations/${investigation().investigationId}`);
  });
});
