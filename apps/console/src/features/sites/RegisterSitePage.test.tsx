import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOutbox } from '../../api/outbox';
import { mockGraphql, renderConsole, type GraphqlCall } from '../../test/render';
import { freshDevice } from '../referrals/fixtures';
import { MINING_AUTHORITY } from './fixtures';
import { RegisterSitePage } from './RegisterSitePage';

const inputsOf = (calls: readonly GraphqlCall[]) =>
  calls.filter((c) => c.operationName === 'ConsoleRegisterMineSite').map((c) => c.variables['input']);

let stop: () => void = () => undefined;
beforeEach(() => {
  freshDevice();
  stop = startOutbox();
});
afterEach(() => stop());

describe('registering a site', { timeout: 20_000 }, () => {
  it('checks the code against the province, then sends the site and opens its page', async () => {
    const { calls } = mockGraphql(() => ({
      data: {
        registerMineSite: {
          siteId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
          code: 'NK-RUT-007',
          status: 'BLUE',
          revision: 1,
          replayed: false,
        },
      },
    }));
    const user = userEvent.setup();
    renderConsole(<RegisterSitePage params={{}} />, { session: MINING_AUTHORITY, language: 'fr' });
    await user.type(screen.getByRole('textbox', { name: 'Code du registre' }), 'sk-rut-007');
    await user.type(screen.getByRole('textbox', { name: 'Nom du site' }), 'Bihambwe');
    await user.click(screen.getByRole('radio', { name: 'Nord-Kivu' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Territoire' }), 'Rutshuru');
    await user.click(screen.getByRole('checkbox', { name: 'Or' }));
    await user.type(screen.getByRole('textbox', { name: 'Latitude (degrés décimaux)' }), '-1,18');
    await user.type(screen.getByRole('textbox', { name: 'Longitude (degrés décimaux)' }), '29.45');
    await user.click(screen.getByRole('button', { name: 'Enregistrer le site' }));

    // A North Kivu site's code starts with NK: said beside the code, and nothing is sent.
    const code = screen.getByRole('textbox', { name: 'Code du registre' });
    expect(code.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(code.getAttribute('aria-describedby')?.split(' ').at(-1) ?? '')?.textContent).toBe(
      'Un site de cette province a un code qui commence par NK.',
    );
    await waitFor(() => expect(document.activeElement?.classList.contains('error-summary')).toBe(true));
    expect(inputsOf(calls)).toEqual([]);

    await user.clear(code);
    await user.type(code, 'NK-RUT-007');
    await user.click(screen.getByRole('button', { name: 'Enregistrer le site' }));
    await waitFor(() =>
      expect(inputsOf(calls)).toEqual([
        {
          commandId: expect.any(String) as string,
          code: 'NK-RUT-007',
          name: 'Bihambwe',
          province: 'NORTH_KIVU',
          territory: 'RUTSHURU',
          minerals: ['GOLD'],
          latitude: -1.18,
          longitude: 29.45,
        },
      ]),
    );
    await waitFor(() => expect(location.pathname).toBe('/sites/NK-RUT-007'));
  });
});
