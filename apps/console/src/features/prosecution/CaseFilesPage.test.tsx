import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOutbox } from '../../api/outbox';
import { mockGraphql, renderConsole } from '../../test/render';
import { CaseFilesPage } from './CaseFilesPage';
import { caseFile, descriptionOf, freshDevice, inputsOf, PROSECUTOR, SUSPECT_ID } from './fixtures';

let stop: () => void = () => undefined;
beforeEach(() => {
  freshDevice();
  stop = startOutbox();
});
afterEach(() => stop());

const page = <T,>(nodes: T[]) => ({ nodes, pageInfo: { hasNextPage: false, endCursor: null } });

describe('the case files received', { timeout: 20_000 }, () => {
  it('flags an overdue one and acknowledges it with the suspects as the investigation records them', async () => {
    const { calls } = mockGraphql((call) => {
      if (call.operationName === 'ConsoleProsecutionIncomingCaseFiles') {
        return { data: { incomingCaseFiles: page([caseFile()]) } };
      }
      if (call.operationName === 'ConsoleProsecutionCaseFileSuspects') {
        return {
          data: {
            investigation: {
              investigationId: caseFile().investigationId,
              reference: 'NK-2026-00042-I1',
              suspects: [{ suspectId: SUSPECT_ID, role: 'RECRUITER', alias: null }],
            },
          },
        };
      }
      if (call.operationName === 'ConsoleReceiveCaseFile') {
        return {
          data: {
            receiveCaseFile: {
              prosecutionId: 'p-new',
              jointCaseId: caseFile().jointCaseId,
              status: 'CASE_FILE_RECEIVED',
              revision: 1,
              replayed: false,
            },
          },
        };
      }
      throw new Error(`unexpected ${String(call.operationName)}`);
    });
    const user = userEvent.setup();
    renderConsole(<CaseFilesPage params={{}} />, { language: 'fr', session: PROSECUTOR });

    const table = await screen.findByRole('table', { name: /Un dossier, l'échéance la plus proche d'abord/ });
    const row = within(table).getAllByRole('row')[1] as HTMLElement;
    expect(within(row).getByRole('link', { name: 'NK-2026-00042-F1' }).getAttribute('href')).toBe(
      `/cases/${caseFile().jointCaseId}`,
    );
    expect(within(row).getByText('Police des mines de Masisi')).toBeTruthy();
    expect(within(row).getByText('en retard', { exact: false })).toBeTruthy();
    expect(within(row).getByText("Délai d'accusé de réception dépassé")).toBeTruthy();

    await user.click(within(row).getByRole('button', { name: 'Accuser réception de NK-2026-00042-F1' }));
    const role = await screen.findByRole('textbox', { name: `Rôle du suspect ${SUSPECT_ID.slice(0, 8)}` });
    expect((role as HTMLInputElement).value).toBe('recruiter');
    await user.click(screen.getByRole('button', { name: 'Accuser réception' }));

    await waitFor(() =>
      expect(inputsOf(calls, 'ConsoleReceiveCaseFile')).toEqual([
        {
          commandId: expect.any(String) as string,
          caseFileId: caseFile().caseFileId,
          jointCaseId: caseFile().jointCaseId,
          investigationId: caseFile().investigationId,
          fromPoliceAgencyId: 'pnc-pmh-masisi',
          suspects: [{ suspectId: SUSPECT_ID, role: 'recruiter' }],
        },
      ]),
    );
    const done = await screen.findByTestId('case-file-received');
    await waitFor(() => expect(document.activeElement).toBe(done));
    expect(within(done).getByRole('link', { name: 'Ouvrir la poursuite' }).getAttribute('href')).toBe(
      '/prosecutions/p-new',
    );
  });

  it('asks for a role the investigation could not give, beside its field, and sends nothing without it', async () => {
    const { calls } = mockGraphql((call) => {
      if (call.operationName === 'ConsoleProsecutionIncomingCaseFiles') {
        return {
          data: { incomingCaseFiles: page([caseFile({ overdue: false, status: 'AWAITING_ACKNOWLEDGEMENT' })]) },
        };
      }
      // Not a party to the case yet: the investigation is not the office's to read.
      return { errors: [{ message: 'Forbidden', extensions: { code: 'FORBIDDEN' } }] };
    });
    const user = userEvent.setup();
    renderConsole(<CaseFilesPage params={{}} />, { language: 'en', session: PROSECUTOR });
    await user.click(await screen.findByRole('button', { name: 'Acknowledge NK-2026-00042-F1' }));
    const role = await screen.findByRole('textbox', { name: `Role of suspect ${SUSPECT_ID.slice(0, 8)}` });
    expect((role as HTMLInputElement).value).toBe('');
    await user.click(screen.getByRole('button', { name: 'Acknowledge receipt' }));
    expect(role.getAttribute('aria-invalid')).toBe('true');
    expect(descriptionOf(role)).toContain('This field is required.');
    await waitFor(() => expect(document.activeElement?.getAttribute('role')).toBe('alert'));
    expect(inputsOf(calls, 'ConsoleReceiveCaseFile')).toEqual([]);
  });
});
