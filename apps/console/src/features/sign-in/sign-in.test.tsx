import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { leaveFor } from '../../auth/navigation';
import { forgetDiscovery } from '../../auth/oidc';
import { forgetProviderSignIn, keepProviderSignIn, providerSignIn } from '../../auth/signed-in';
import {
  accessToken,
  digestsInPageRealm,
  idToken,
  ISSUER,
  mockProvider,
  pendingSignIn,
  SETTINGS,
} from '../../auth/testing';
import { I18nProvider } from '../../i18n/i18n';
import { SessionProvider, useSession } from '../../session/session';
import { renderConsole } from '../../test/render';
import { CallbackPage } from './CallbackPage';
import { SignInPage } from './SignInPage';

vi.mock('../../auth/navigation', () => ({ leaveFor: vi.fn() }));

const OIDC = { signIn: 'oidc', oidc: SETTINGS };
const DEVELOPMENT = { signIn: 'development', development: { agencyTypes: ['police'] }, agencyTypes: ['police'] };
const PROVIDER_BUTTON = { name: "Sign in with your organisation's account" };

/** Who the console thinks is signed in, as the header would show it. */
function SignedIn() {
  const { session } = useSession();
  return <output aria-label="signed in">{session ? `${session.agencyId} ${session.token}` : 'nobody'}</output>;
}

function renderSignedOut(ui: React.ReactElement) {
  return render(
    <I18nProvider language="en">
      <SessionProvider>
        {ui}
        <SignedIn />
      </SessionProvider>
    </I18nProvider>,
  );
}

beforeEach(() => {
  digestsInPageRealm();
  forgetDiscovery();
  forgetProviderSignIn();
  sessionStorage.clear();
  localStorage.clear();
  vi.mocked(leaveFor).mockClear();
  history.replaceState(null, '', '/sign-in');
});

describe('the sign-in page', { timeout: 20_000 }, () => {
  it("offers the organisation's account, and no development sign-in, when the platform has a provider", async () => {
    mockProvider({ config: OIDC });
    history.replaceState(null, '', '/sign-in?next=%2Fcases');
    renderConsole(<SignInPage />);
    await userEvent.click(await screen.findByRole('button', PROVIDER_BUTTON));
    await waitFor(() => expect(leaveFor).toHaveBeenCalledTimes(1));
    const url = vi.mocked(leaveFor).mock.calls[0]?.[0];
    expect(url?.href.startsWith(`${ISSUER}/protocol/openid-connect/auth?`)).toBe(true);
    expect(url?.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url?.searchParams.get('ui_locales')).toBe('en');
    expect(pendingSignIn().next).toBe('/cases');
    expect(screen.queryByRole('combobox', { name: 'Agency' })).toBeNull();
  });

  it('shows the development sign-in only, when the platform says development', async () => {
    mockProvider({ config: DEVELOPMENT });
    renderConsole(<SignInPage />);
    await screen.findByRole('combobox', { name: 'Agency' });
    expect(screen.queryByRole('button', PROVIDER_BUTTON)).toBeNull();
  });

  it('says so when the provider cannot be reached, and lets the person try again', async () => {
    mockProvider({ config: OIDC, unreachable: true });
    renderConsole(<SignInPage />);
    await userEvent.click(await screen.findByRole('button', PROVIDER_BUTTON));
    expect((await screen.findByRole('alert')).textContent).toBe(
      "Your organisation's sign-in service cannot be reached. Check the connection and try again.",
    );
    expect(screen.getByRole('button', PROVIDER_BUTTON)).toHaveProperty('disabled', false);
    expect(leaveFor).not.toHaveBeenCalled();
  });

  it('says why the last sign-in failed, in the language chosen', async () => {
    mockProvider({ config: OIDC });
    history.replaceState(null, '', '/sign-in?failed=cancelled');
    renderConsole(<SignInPage />, { language: 'fr' });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'La connexion a été annulée. Connectez-vous de nouveau pour utiliser la console.',
    );
  });
});

describe('the return from the identity provider (/auth/callback)', { timeout: 20_000 }, () => {
  it('signs the person in with the agency of the token, keeps the tokens in this tab only, and goes on', async () => {
    let nonce = '';
    mockProvider({
      token: () => ({
        access_token: accessToken(),
        token_type: 'Bearer',
        expires_in: 300,
        refresh_token: 'refresh-1',
        id_token: idToken(nonce),
      }),
    });
    const { beginSignIn } = await import('../../auth/oidc');
    await beginSignIn(SETTINGS, '/cases');
    ({ nonce } = pendingSignIn());
    history.replaceState(null, '', `/auth/callback?code=c&state=${pendingSignIn().state}&iss=${ISSUER}`);
    renderSignedOut(<CallbackPage />);
    await waitFor(() => expect(location.pathname).toBe('/cases'));
    expect(screen.getByRole('status', { name: 'signed in' }).textContent).toMatch(/^pnc-pmh-masisi ey/);
    expect(providerSignIn()?.tokens.refreshToken).toBe('refresh-1');
    expect(sessionStorage.getItem('pamoja.oidc.session')).toContain('refresh-1');
    expect(localStorage.length).toBe(0);
  });

  it('refuses an answer with a state this tab did not send, and says so on the sign-in page', async () => {
    const { calls } = mockProvider({
      config: OIDC,
      token: () => ({ access_token: accessToken(), token_type: 'Bearer' }),
    });
    const { beginSignIn } = await import('../../auth/oidc');
    await beginSignIn(SETTINGS, '/cases');
    history.replaceState(null, '', `/auth/callback?code=c&state=forged&iss=${ISSUER}`);
    renderSignedOut(<CallbackPage />);
    await waitFor(() => expect(location.pathname + location.search).toBe('/sign-in?failed=state'));
    expect(screen.getByRole('status', { name: 'signed in' }).textContent).toBe('nobody');
    expect(calls.some((c) => c.url.pathname.endsWith('/token'))).toBe(false);
    renderConsole(<SignInPage />);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'This sign-in could not be checked: it was not started from this page, or it was already used. Sign in again.',
    );
  });
});

describe("the provider's session", { timeout: 20_000 }, () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is renewed silently before the access token expires', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const first = accessToken();
    const second = accessToken({ jti: 'renewed' });
    const { calls } = mockProvider({
      token: () => ({ access_token: second, token_type: 'Bearer', expires_in: 300, refresh_token: 'refresh-2' }),
    });
    keepProviderSignIn({
      settings: SETTINGS,
      tokens: { accessToken: first, refreshToken: 'refresh-1', idToken: undefined, expiresAt: Date.now() + 300_000 },
      endSession: undefined,
    });
    renderSignedOut(<p>{'home'}</p>);
    const signedIn = screen.getByRole('status', { name: 'signed in' });
    expect(signedIn.textContent).toBe(`pnc-pmh-masisi ${first}`);
    await act(() => vi.advanceTimersByTimeAsync(200_000));
    expect(calls.some((c) => c.url.pathname.endsWith('/token'))).toBe(false);
    await act(() => vi.advanceTimersByTimeAsync(45_000));
    await waitFor(() => expect(signedIn.textContent).toBe(`pnc-pmh-masisi ${second}`));
    const refresh = calls.find((c) => c.url.pathname.endsWith('/token'));
    expect(refresh?.body?.get('refresh_token')).toBe('refresh-1');
    expect(providerSignIn()?.tokens.refreshToken).toBe('refresh-2');
  });

  it('signs out at the provider too', async () => {
    keepProviderSignIn({
      settings: SETTINGS,
      tokens: {
        accessToken: accessToken(),
        refreshToken: 'r',
        idToken: 'the-id-token',
        expiresAt: Date.now() + 300_000,
      },
      endSession: `${ISSUER}/protocol/openid-connect/logout`,
    });
    function SignOut() {
      const { signOut } = useSession();
      return (
        <button type="button" onClick={signOut}>
          {'out'}
        </button>
      );
    }
    renderSignedOut(<SignOut />);
    await userEvent.click(screen.getByRole('button', { name: 'out' }));
    expect(screen.getByRole('status', { name: 'signed in' }).textContent).toBe('nobody');
    expect(sessionStorage.getItem('pamoja.oidc.session')).toBeNull();
    const url = vi.mocked(leaveFor).mock.calls[0]?.[0];
    expect(`${url?.origin ?? ''}${url?.pathname ?? ''}`).toBe(`${ISSUER}/protocol/openid-connect/logout`);
    expect(url?.searchParams.get('id_token_hint')).toBe('the-id-token');
  });
});
