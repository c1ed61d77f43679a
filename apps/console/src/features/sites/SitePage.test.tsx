import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outboxEntries, startOutbox } from '../../api/outbox';
import { mockGraphql, renderConsole, testSession, type GraphqlCall } from '../../test/render';
import { freshDevice } from '../referrals/fixtures';
import { connection, incident, MINING_AUTHORITY, site } from './fixtures';
import { SitePage } from './SitePage';

const inputsOf = (calls: readonly GraphqlCall[], operation: string) =>
  calls.filter((c) => c.operationName === operation).map((c) => c.variables['input'] as Record<string, unknown>);

let stop: () => void = () => undefined;
beforeEach(() => {
  freshDevice();
  stop = startOutbox();
});
afterEach(() => stop());

/** The site and its incidents as the API gives them; `mutation` answers the commands. */
function answer(mutation: (call: GraphqlCall) => unknown = () => ({})) {
  return mockGraphql((call) => {
    if (call.operationName === 'ConsoleSite') return { data: { mineSite: site() } };
    if (call.operationName === 'ConsoleSiteIncidents') return { data: { siteIncidents: connection([incident()]) } };
    if (call.operationName === 'ConsoleAgencyName') {
      return { data: { agency: { agencyId: 'saemape-nk', name: 'SAEMAPE Nord-Kivu' } } };
    }
    return mutation(call);
  });
}

function renderSite(session = MINING_AUTHORITY) {
  return renderConsole(<SitePage params={{ code: 'NK-MAS-014' }} />, { session });
}

describe('a site', { timeout: 20_000 }, () => {
  it('shows its status with the reason, its history, its incidents and how many cases are linked', async () => {
    answer();
    renderSite();
    expect(await screen.findByRole('heading', { level: 1, name: 'Site NK-MAS-014 · Rubaya B' })).toBeTruthy();
    expect(screen.getByTestId('site-status').textContent).toContain('Green: may trade');
    expect(screen.getByText('Inspection without findings.')).toBeTruthy();
    const history = screen.getByRole('region', { name: 'Status history' });
    expect(within(history).getAllByRole('listitem')).toHaveLength(2);
    expect(within(history).getAllByRole('listitem')[1]?.textContent).toMatch(
      /Blue: not yet verified\s*→\s*Green: may trade · SAEMAPE Nord-Kivu$/,
    );
    expect(screen.getByTestId('site-case-count').textContent).toBe('3 joint cases are linked to this site.');
    expect(screen.getByText('2 linked cases are not shared with your agency.')).toBeTruthy();
    const found = await screen.findByTestId('site-incident');
    expect(found.textContent).toContain('Children seen carrying ore at night.');
    expect(found.textContent).toContain('Not classified yet');
  });

  it('reads the rest of a long history, whose newest entries come last', async () => {
    const first = site();
    const { calls } = mockGraphql((call) => {
      if (call.operationName === 'ConsoleSite') {
        return {
          data: {
            mineSite: { ...first, timeline: { ...first.timeline, pageInfo: { hasNextPage: true, endCursor: 't-1' } } },
          },
        };
      }
      if (call.operationName === 'ConsoleSiteTimeline') {
        const latest = {
          ...first.timeline.nodes[1],
          occurredAt: '2026-12-02T08:00:00Z',
          fromStatus: 'GREEN',
          toStatus: 'RED',
        };
        return {
          data: {
            mineSite: {
              siteId: first.siteId,
              timeline: { nodes: [latest], pageInfo: { hasNextPage: false, endCursor: null } },
            },
          },
        };
      }
      if (call.operationName === 'ConsoleSiteIncidents') return { data: { siteIncidents: connection([]) } };
      return {};
    });
    renderSite();
    const history = await screen.findByRole('region', { name: 'Status history' });
    await waitFor(() => expect(within(history).getAllByRole('listitem')).toHaveLength(3));
    expect(within(history).getAllByRole('listitem')[2]?.textContent).toMatch(/Green: may trade\s*→\s*Red: suspended/);
    expect(calls.find((c) => c.operationName === 'ConsoleSiteTimeline')?.variables).toEqual({
      code: 'NK-MAS-014',
      after: 't-1',
    });
  });

  it('records an inspection on the version shown, in Kivu time', async () => {
    const { calls } = answer((call) =>
      call.operationName === 'ConsoleRecordMineSiteInspection'
        ? {
            data: {
              recordMineSiteInspection: {
                siteId: site().siteId,
                code: 'NK-MAS-014',
                status: 'GREEN',
                revision: 4,
                replayed: false,
              },
            },
          }
        : {},
    );
    const user = userEvent.setup();
    renderSite();
    await user.click(await screen.findByText('Record an inspection', { selector: 'summary' }));
    const form = screen.getByRole('form', { name: 'Record an inspection' });
    const when = within(form).getByLabelText('Inspected on');
    await user.clear(when);
    await user.type(when, '2026-12-01T09:30');
    const team = within(form).getByRole('textbox', { name: 'Inspecting team, as named on its report' });
    await waitFor(() => expect((team as HTMLInputElement).value).toBe('SAEMAPE Nord-Kivu'));
    await user.type(within(form).getByRole('textbox', { name: 'Findings' }), 'Pit 3 flooded; no children seen.');
    await user.type(within(form).getByRole('textbox', { name: 'Indicators observed' }), 'flooding{Enter}no fence');
    await user.click(within(form).getByRole('radio', { name: 'Yellow: remediation' }));
    await user.click(within(form).getByRole('button', { name: 'Record the inspection' }));

    await waitFor(() =>
      expect(inputsOf(calls, 'ConsoleRecordMineSiteInspection')).toEqual([
        {
          commandId: expect.any(String) as string,
          siteId: site().siteId,
          expectedRevision: 3,
          inspectedAt: '2026-12-01T07:30:00.000Z',
          inspectingAgency: 'SAEMAPE Nord-Kivu',
          findings: 'Pit 3 flooded; no children seen.',
          indicatorsObserved: ['flooding', 'no fence'],
          recommendedStatus: 'YELLOW',
        },
      ]),
    );
    expect(await within(form).findByText('Recorded.')).toBeTruthy();
  });

  it('shows the API’s refusal beside the field it names, the summary taking the focus, and keeps nothing', async () => {
    const { calls } = answer((call) =>
      call.operationName === 'ConsoleChangeMineSiteStatus'
        ? {
            errors: [
              {
                message: 'Invalid input: remediationDeadline: must be at most 6 months ahead',
                extensions: {
                  code: 'BAD_USER_INPUT',
                  fields: [{ field: 'input.remediationDeadline', reason: 'must be at most 6 months ahead' }],
                },
              },
            ],
          }
        : {},
    );
    const user = userEvent.setup();
    renderSite();
    await user.click(await screen.findByText('Change the status', { selector: 'summary' }));
    const form = screen.getByRole('form', { name: 'Change the status' });
    await user.click(within(form).getByRole('radio', { name: 'Yellow: remediation' }));
    const deadline = within(form).getByLabelText('Remediation deadline');
    const soon = new Date(Date.now() + 30 * 24 * 3600_000 + 2 * 3600_000).toISOString().slice(0, 16);
    await user.type(deadline, soon);
    await user.click(within(form).getByRole('button', { name: 'Change the status' }));

    await waitFor(() => expect(inputsOf(calls, 'ConsoleChangeMineSiteStatus')).toHaveLength(1));
    const summary = await within(form).findByRole('alert');
    await waitFor(() => expect(document.activeElement).toBe(summary));
    expect(summary.textContent).toContain('Remediation deadline');
    expect(deadline.getAttribute('aria-invalid')).toBe('true');
    const errorId = deadline.getAttribute('aria-describedby')?.split(' ').at(-1) ?? '';
    expect(document.getElementById(errorId)?.textContent).toBe(
      'Refused by the platform (must be at most 6 months ahead).',
    );
    await waitFor(() => expect(outboxEntries()).toEqual([]));
  });

  it('checks the form first: no reason to suspend, nothing is sent', async () => {
    const { calls } = answer();
    const user = userEvent.setup();
    renderSite();
    await user.click(await screen.findByText('Change the status', { selector: 'summary' }));
    const form = screen.getByRole('form', { name: 'Change the status' });
    await user.click(within(form).getByRole('radio', { name: 'Red: suspended' }));
    await user.click(within(form).getByRole('button', { name: 'Change the status' }));
    const reason = within(form).getByRole('textbox', { name: 'Reason (required to suspend)' });
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(reason.getAttribute('aria-describedby')?.split(' ').at(-1) ?? '')?.textContent).toBe(
      'Give the reason: a suspension stops trade, and the site is owed why.',
    );
    expect(inputsOf(calls, 'ConsoleChangeMineSiteStatus')).toEqual([]);
  });

  it('classifies an incident (OECD Annex II level), and says clearly when it changed meanwhile', async () => {
    const { calls } = answer((call) =>
      call.operationName === 'ConsoleClassifySiteIncident'
        ? {
            errors: [
              {
                message: 'SiteIncident has changed: you expected revision 1, it is now at revision 2',
                extensions: { code: 'CONFLICT', entity: 'SiteIncident', expectedRevision: 1, currentRevision: 2 },
              },
            ],
          }
        : {},
    );
    const user = userEvent.setup();
    renderSite(testSession({ agencyId: 'pnc-pmh-masisi', agencyType: 'police', roles: ['investigator'] }));
    const item = await screen.findByTestId('site-incident');
    await user.click(within(item).getByRole('radio', { name: /^Level 1: most serious/ }));
    await user.click(within(item).getByRole('button', { name: 'Classify' }));
    await waitFor(() =>
      expect(inputsOf(calls, 'ConsoleClassifySiteIncident')).toEqual([
        expect.objectContaining({ incidentId: incident().incidentId, expectedRevision: 1, level: 1 }),
      ]),
    );
    const conflict = await within(item).findByTestId('site-conflict');
    expect(conflict.textContent).toContain('Conflict: this changed since you opened it. Your action was not recorded.');
    expect(conflict.textContent).toContain('You acted on version 1; it is now at version 2.');
    // The police grade incidents; the status is not theirs to change.
    expect(screen.getByText('Only the mining authority changes a site’s status.')).toBeTruthy();
  });
});
