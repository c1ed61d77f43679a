import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { database } from '../../api/db';
import { outboxEntries, startOutbox } from '../../api/outbox';
import { mockGraphql, renderConsole, type GraphqlCall } from '../../test/render';
import { freshDevice } from '../referrals/fixtures';
import { JOINT_CASE_ID, REFERRAL_ID, USHINDI } from './fixtures';
import { RegisterVictimPage } from './RegisterVictimPage';

const inputsOf = (calls: readonly GraphqlCall[], operation: string) =>
  calls.filter((c) => c.operationName === operation).map((c) => c.variables['input'] as Record<string, unknown>);

const PERSON_ID = '9c0d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f';

const accepted = {
  data: {
    incomingReferrals: {
      nodes: [
        {
          referralId: REFERRAL_ID,
          reference: 'NK-2026-00042-R1',
          jointCaseId: JOINT_CASE_ID,
          subjectPersonId: PERSON_ID,
          subjectIsChild: true,
          siteCode: 'NK-MAS-014',
          submittedAt: '2026-11-19T08:00:00Z',
          fromAgencyId: 'ngo-kivu-hope',
          fromAgency: { name: 'Kivu Hope' },
        },
      ],
    },
  },
};

let stop: () => void = () => undefined;
beforeEach(() => {
  freshDevice();
  stop = startOutbox();
});
afterEach(() => stop());

const noCases = { data: { assistanceCases: { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } } } };

function answer(register: (call: GraphqlCall) => unknown) {
  return mockGraphql((call) =>
    call.operationName === 'ConsoleRegisterVictim'
      ? register(call)
      : call.operationName === 'ConsoleAssistanceCases'
        ? noCases
        : accepted,
  );
}

describe('taking a victim into assistance', { timeout: 20_000 }, () => {
  it('registers the person from the accepted referral, with their personal data, and opens the case', async () => {
    history.replaceState(null, '', `/assistance/new?referral=${REFERRAL_ID}`);
    const { calls } = answer((call) => {
      const input = call.variables['input'] as { assistanceId: string };
      return {
        data: {
          registerVictim: {
            assistanceId: input.assistanceId,
            jointCaseId: JOINT_CASE_ID,
            status: 'REGISTERED',
            revision: 1,
            replayed: false,
          },
        },
      };
    });
    const user = userEvent.setup();
    renderConsole(<RegisterVictimPage params={{}} />, { language: 'fr', session: USHINDI });

    const referral = await screen.findByRole('combobox', { name: 'Signalement qui a amené la personne' });
    await waitFor(() =>
      expect((referral as HTMLSelectElement).selectedOptions[0]?.textContent).toBe(
        'NK-2026-00042-R1 — de Kivu Hope, NK-MAS-014, 19 nov. 2026',
      ),
    );
    expect(screen.getByText(/Le signalement indique que la personne est un enfant/)).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: 'Enfant de 15 à 17 ans' }));
    // A child never decides alone: the child is not offered as the one who agrees.
    expect(screen.queryByRole('radio', { name: 'La personne elle-même' })).toBeNull();
    await user.click(screen.getByRole('radio', { name: 'Féminin' }));
    await user.type(screen.getByRole('textbox', { name: 'Nationalité (facultatif)' }), 'cd');
    await user.click(screen.getByRole('checkbox', { name: 'Travail des enfants' }));
    await user.click(screen.getByRole('radio', { name: 'Un tuteur' }));
    await user.click(
      screen.getByRole('switch', { name: 'La personne accepte que notre agence garde ses données personnelles' }),
    );
    await user.type(screen.getByRole('textbox', { name: 'Nom complet' }), 'Amani Fictive');
    await user.type(screen.getByRole('textbox', { name: 'Numéro de téléphone' }), '+243 990 000 000');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));

    await waitFor(() => expect(inputsOf(calls, 'ConsoleRegisterVictim')).toHaveLength(1));
    const [sent] = inputsOf(calls, 'ConsoleRegisterVictim');
    expect(sent).toEqual({
      commandId: expect.any(String) as unknown,
      assistanceId: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
      jointCaseId: JOINT_CASE_ID,
      personId: PERSON_ID,
      ageGroup: 'CHILD_15_17',
      sex: 'FEMALE',
      nationality: 'CD',
      formsOfExploitation: ['CHILD_LABOUR'],
      consentGivenBy: 'GUARDIAN',
      agreementToManagePersonalData: true,
      personal: { fullName: 'Amani Fictive', dateOfBirth: null, phone: '+243 990 000 000', currentLocation: null },
    });
    await waitFor(() => expect(location.pathname).toBe(`/assistance/${String(sent?.['assistanceId'])}`));
    // Acknowledged: the command, with the name in it, is no longer on the device.
    await waitFor(() => expect(outboxEntries()).toEqual([]));
    const db = await database();
    expect(JSON.stringify(await db.getAll('outbox'))).not.toContain('Amani Fictive');
  });

  it('checks the form first and sends nothing while something is missing', async () => {
    history.replaceState(null, '', '/assistance/new');
    const { calls } = answer(() => ({ data: null }));
    const user = userEvent.setup();
    renderConsole(<RegisterVictimPage params={{}} />, { language: 'fr', session: USHINDI });
    await screen.findByRole('option', { name: /NK-2026-00042-R1/ });
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));

    const summary = await screen.findByRole('alert', { name: /points à corriger/ });
    await waitFor(() => expect(document.activeElement).toBe(summary));
    const referral = screen.getByRole('combobox', { name: 'Signalement qui a amené la personne' });
    expect(referral.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('register-referral-error')?.textContent).toBe(
      'Choisissez le signalement qui a amené la personne.',
    );
    expect(inputsOf(calls, 'ConsoleRegisterVictim')).toEqual([]);
    expect(outboxEntries()).toEqual([]);
  });

  it("shows the platform's rule beside the field it is about", async () => {
    history.replaceState(null, '', `/assistance/new?referral=${REFERRAL_ID}`);
    answer(() => ({
      errors: [
        {
          message: 'An adult victim decides for themselves',
          extensions: { code: 'RULE_VIOLATION', rule: 'adult_consents_for_self' },
        },
      ],
    }));
    const user = userEvent.setup();
    renderConsole(<RegisterVictimPage params={{}} />, { language: 'fr', session: USHINDI });
    await screen.findByRole('option', { name: /NK-2026-00042-R1/ });
    await user.click(screen.getByRole('radio', { name: 'Âge inconnu' }));
    await user.click(screen.getByRole('radio', { name: 'Non précisé' }));
    await user.click(screen.getByRole('checkbox', { name: 'Travail forcé' }));
    await user.click(screen.getByRole('radio', { name: 'Un tuteur' }));
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));

    const group = await screen.findByRole('group', { name: "Qui a accepté l'assistance" });
    await waitFor(() => expect(document.getElementById('register-consentGivenBy-error')).toBeTruthy());
    expect(group.getAttribute('aria-describedby')).toContain('register-consentGivenBy-error');
    expect(document.getElementById('register-consentGivenBy-error')?.textContent).toBe(
      'Une victime adulte décide pour elle-même : enregistrez le consentement comme donné par la personne.',
    );
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('alert', { name: 'Un point à corriger' })),
    );
  });
});
