import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOutbox } from '../../api/outbox';
import { mockGraphql, renderConsole } from '../../test/render';
import { descriptionOf, freshDevice, inputsOf, prosecution, PROSECUTOR } from './fixtures';
import { ProsecutionPage } from './ProsecutionPage';

let stop: () => void = () => undefined;
beforeEach(() => {
  freshDevice();
  stop = startOutbox();
});
afterEach(() => stop());

const firstCharge = () => {
  const [charge] = prosecution().charges;
  if (!charge) throw new Error('the fixture has a charge');
  return charge;
};

const charged = () =>
  prosecution({
    status: 'CHARGED',
    charges: [{ ...firstCharge(), verdict: null, verdictRenderedAt: null, sentence: null }],
    hearings: [],
    restitutions: [],
    appeals: [],
  });

describe('the forms of a prosecution', { timeout: 20_000 }, () => {
  it('schedules a hearing entered in Kivu time, sent as the instant, and refuses a date already past', async () => {
    const current = charged();
    const { calls } = mockGraphql((call) =>
      call.operationName === 'ConsoleScheduleHearing'
        ? {
            data: {
              scheduleHearing: {
                prosecutionId: current.prosecutionId,
                itemId: 'h-new',
                status: 'IN_TRIAL',
                revision: 8,
                replayed: false,
              },
            },
          }
        : { data: { prosecution: current } },
    );
    const user = userEvent.setup();
    renderConsole(<ProsecutionPage params={{ id: current.prosecutionId }} />, { language: 'fr', session: PROSECUTOR });
    await user.click(await screen.findByText('Fixer une audience', { selector: 'summary' }));
    const form = screen.getByRole('form', { name: 'Fixer une audience' });
    const when = within(form).getByLabelText("Date et heure de l'audience");
    fireEvent.input(when, { target: { value: '2020-01-10T09:00' } });
    await user.type(within(form).getByRole('textbox', { name: 'Juridiction' }), 'Tribunal de grande instance de Goma');
    await user.type(within(form).getByRole('textbox', { name: "Objet de l'audience" }), 'Plaidoiries');
    await user.click(within(form).getByRole('button', { name: "Fixer l'audience" }));
    expect(descriptionOf(when)).toContain('Cette date doit être dans le futur.');
    expect(inputsOf(calls, 'ConsoleScheduleHearing')).toEqual([]);

    fireEvent.input(when, { target: { value: '2099-01-10T09:00' } });
    await user.click(within(form).getByRole('button', { name: "Fixer l'audience" }));
    await waitFor(() =>
      expect(inputsOf(calls, 'ConsoleScheduleHearing')).toEqual([
        expect.objectContaining({
          prosecutionId: current.prosecutionId,
          expectedRevision: 7,
          // 09:00 in the Kivus is 07:00 UTC.
          scheduledFor: '2099-01-10T07:00:00.000Z',
          court: 'Tribunal de grande instance de Goma',
          purpose: 'Plaidoiries',
        }),
      ]),
    );
    expect((await screen.findByTestId('prosecution-result')).textContent).toBe(
      'Fixer une audience : enregistré. Statut : En jugement.',
    );
  });

  it('records a sentence with a fine in a currency, and asks for the currency of a fine', async () => {
    const current = prosecution({
      charges: [{ ...firstCharge(), sentence: null }],
      hearings: [],
      restitutions: [],
      appeals: [],
    });
    const { calls } = mockGraphql((call) =>
      call.operationName === 'ConsoleImposeSentence'
        ? {
            data: {
              imposeSentence: {
                prosecutionId: current.prosecutionId,
                itemId: 'ch-1',
                status: 'ADJUDICATED',
                revision: 8,
                replayed: false,
              },
            },
          }
        : { data: { prosecution: current } },
    );
    const user = userEvent.setup();
    renderConsole(<ProsecutionPage params={{ id: current.prosecutionId }} />, { language: 'sw', session: PROSECUTOR });
    await user.click(await screen.findByText('Rekodi adhabu', { selector: 'summary' }));
    const form = screen.getByRole('form', { name: 'Rekodi adhabu' });
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Shtaka lililoishia kwa hatia' }), 'ch-1');
    const months = within(form).getByRole('spinbutton', { name: 'Kifungo (miezi)' });
    await user.clear(months);
    await user.type(months, '36');
    await user.type(within(form).getByRole('spinbutton', { name: 'Faini: kiasi (si lazima)' }), '250000');
    await user.click(within(form).getByRole('button', { name: 'Rekodi adhabu' }));
    const currency = within(form).getByRole('combobox', { name: 'Faini: sarafu (si lazima)' });
    expect(descriptionOf(currency)).toContain('Chagua sarafu ya faini.');
    expect(inputsOf(calls, 'ConsoleImposeSentence')).toEqual([]);

    await user.selectOptions(currency, 'Faranga za Kongo (CDF)');
    await user.click(within(form).getByRole('button', { name: 'Rekodi adhabu' }));
    await waitFor(() =>
      expect(inputsOf(calls, 'ConsoleImposeSentence')).toEqual([
        expect.objectContaining({
          chargeId: 'ch-1',
          imprisonmentMonths: 36,
          fine: { amount: 250000, currency: 'CDF' },
          expectedRevision: 7,
        }),
      ]),
    );
  });
});
