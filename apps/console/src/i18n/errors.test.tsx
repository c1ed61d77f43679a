import { renderHook, screen, within } from '@testing-library/react';
import { type ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { ErrorNotice } from '../components/feedback';
import { renderConsole } from '../test/render';
import { type Language } from './catalogue';
import { useErrorText } from './errors';
import { I18nProvider } from './i18n';

function errorTextIn(language: Language) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <I18nProvider language={language}>{children}</I18nProvider>
  );
  return renderHook(() => useErrorText(), { wrapper }).result.current;
}

const policeWithoutConsent = new ApiError('A person not known to be a child …', 'RULE_VIOLATION', {
  rule: 'adult_consent_required_for_police',
});

describe('useErrorText', () => {
  it("gives a refused rule's own sentence, in French, Swahili and English", () => {
    expect(errorTextIn('fr')(policeWithoutConsent)).toMatch(
      /^Une personne dont on ne sait pas qu'elle est mineure n'est référée à la police qu'avec son propre consentement/,
    );
    expect(errorTextIn('sw')(policeWithoutConsent)).toMatch(/^Mtu asiyejulikana kuwa mtoto .* ridhaa yake mwenyewe/);
    expect(errorTextIn('en')(policeWithoutConsent)).toMatch(
      /^A person not known to be a child is referred to the police only with their own consent/,
    );
  });

  it('says what to do about the rule, not only that it was refused', () => {
    const closed = new ApiError('Investigation v1 is closed', 'RULE_VIOLATION', { rule: 'only_lead_agency' });
    expect(errorTextIn('en')(closed)).toBe(
      'Only the police agency leading this investigation can do this. Contact it if something needs to be recorded.',
    );
    expect(errorTextIn('fr')(closed)).toContain('Contactez-le');
    expect(errorTextIn('sw')(closed)).toContain('Wasiliana nacho');
  });

  it("gives the code's sentence for a rule the catalogue does not know yet", () => {
    const newRule = new ApiError('a rule added since', 'RULE_VIOLATION', { rule: 'rule_added_since' });
    expect(errorTextIn('en')(newRule)).toBe(
      'The case rules do not allow this action at this stage. Check where the case stands now.',
    );
    expect(errorTextIn('fr')(newRule)).toBe(
      'Les règles du dossier ne permettent pas cette action à ce stade. Vérifiez où en est le dossier.',
    );
  });

  it("gives the code's sentence for any other error, in each language", () => {
    const conflict = new ApiError('Referral r1 has changed', 'CONFLICT', { expectedRevision: 1, currentRevision: 2 });
    expect(errorTextIn('fr')(conflict)).toMatch(/^Quelqu'un d'autre a modifié cet élément/);
    expect(errorTextIn('sw')(conflict)).toMatch(/^Mtu mwingine amebadilisha hiki/);
    expect(errorTextIn('en')(conflict)).toMatch(/^Someone else changed this since you opened it/);
    const notFound = new ApiError('Referral r9 was not found', 'NOT_FOUND');
    expect(errorTextIn('en')(notFound)).toMatch(/^Not found: it does not exist, or your agency has no access to it/);
  });

  it('reads an error kept in the outbox, which has no details', () => {
    expect(errorTextIn('en')({ code: 'FORBIDDEN', message: 'the access policy does not let …' })).toMatch(
      /^Your agency or your role is not allowed to do this/,
    );
  });

  it('answers a code it does not know as an unexpected error, never with the API message', () => {
    const text = errorTextIn('en')(new ApiError('stack trace? never', 'SOMETHING_NEW'));
    expect(text).toBe(
      'Something went wrong on the platform. Try again in a moment; if it keeps happening, tell your administrator.',
    );
  });

  it('says how many seconds to wait when the platform is rate-limiting', () => {
    const limited = (seconds?: number) =>
      new ApiError('too many requests', 'RATE_LIMITED', seconds === undefined ? {} : { retryAfterSeconds: seconds });
    expect(errorTextIn('en')(limited(30))).toBe('Too many requests in a short time. Wait 30 seconds, then try again.');
    expect(errorTextIn('en')(limited(1))).toBe('Too many requests in a short time. Wait 1 second, then try again.');
    expect(errorTextIn('en')(limited())).toBe('Too many requests in a short time. Wait a moment, then try again.');
    expect(errorTextIn('fr')(limited(30))).toBe(
      'Trop de demandes en peu de temps. Patientez 30 secondes, puis réessayez.',
    );
    expect(errorTextIn('fr')(limited(1))).toBe(
      'Trop de demandes en peu de temps. Patientez 1 seconde, puis réessayez.',
    );
    expect(errorTextIn('sw')(limited(30))).toBe(
      'Maombi mengi mno kwa muda mfupi. Subiri sekunde 30, kisha ujaribu tena.',
    );
  });

  it('gives the reason of a refusal that has one: not a party, the access policy, too many live views', () => {
    const notAParty = new ApiError('agency x is not a party to joint case c1', 'FORBIDDEN', { reason: 'not_a_party' });
    expect(errorTextIn('en')(notAParty)).toMatch(/^Your agency is not a party to this case\..*open a new case\.$/);
    expect(errorTextIn('fr')(notAParty)).toMatch(/^Votre agence n'est pas partie à ce dossier\./);
    expect(errorTextIn('sw')(notAParty)).toMatch(/^Shirika lako si mhusika wa kesi hii\./);
    const policy = new ApiError('the access policy does not let …', 'FORBIDDEN', { reason: 'access_policy' });
    expect(errorTextIn('en')(policy)).toMatch(/^The access policy does not let your type of agency do this/);
    const live = new ApiError('too many subscriptions', 'RATE_LIMITED', { reason: 'subscriptions_per_user' });
    expect(errorTextIn('en')(live)).toMatch(/^Too many live views are open in your name/);
  });
});

describe('<ErrorNotice>', () => {
  const refused = new ApiError(
    'Invalid input: input.toAgencyId: is required; input.dueBy: must be in the future',
    'BAD_USER_INPUT',
    {
      fields: [
        { field: 'input.toAgencyId', reason: 'is required' },
        { field: 'input.dueBy', reason: 'must be in the future' },
      ],
    },
  );

  it('says what went wrong and lists each refused field, named without the `input.` of the API', () => {
    renderConsole(<ErrorNotice error={refused} />, { language: 'en' });
    const alert = screen.getByRole('alert');
    expect(within(alert).getByText(/^Some information is missing or not valid\./)).toBeTruthy();
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['toAgencyId: is required', 'dueBy: must be in the future']);
  });

  it('does so in French, as French sets a colon apart', () => {
    renderConsole(<ErrorNotice error={refused} />, { language: 'fr' });
    const alert = screen.getByRole('alert');
    expect(within(alert).getByText(/^Des informations manquent ou ne sont pas valides\./)).toBeTruthy();
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['toAgencyId : is required', 'dueBy : must be in the future']);
  });

  it('shows a refused rule as its sentence, with no list when no field is named', () => {
    renderConsole(<ErrorNotice error={policeWithoutConsent} />, { language: 'sw' });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toMatch(/^Mtu asiyejulikana kuwa mtoto/);
    expect(within(alert).queryByRole('list')).toBeNull();
  });

  it('shows nothing without an error', () => {
    const { container } = renderConsole(<ErrorNotice error={undefined} />);
    expect(container.innerHTML).toBe('');
  });
});
