import { useEffect } from 'react';
import { navigate } from '../../app/router';
import { completeSignIn } from '../../auth/oidc';
import { SignInError, type SignInFailure } from '../../auth/provider';
import { keepProviderSignIn, sessionOfProviderToken } from '../../auth/signed-in';
import { useT } from '../../i18n/i18n';
import { useSession, type Session } from '../../session/session';

/**
 * One completion per answer of the provider: the code can be exchanged once, and React may run an effect
 * twice in development.
 */
let completing: { url: string; outcome: Promise<{ session: Session; next: string }> } | undefined;

async function complete(url: string): Promise<{ session: Session; next: string }> {
  const { settings, tokens, next, endSession } = await completeSignIn(new URL(url));
  const session = sessionOfProviderToken(tokens.accessToken, tokens.idToken);
  if (!session) throw new NoAgencyError();
  keepProviderSignIn({ settings, tokens, endSession });
  return { session, next };
}

class NoAgencyError extends Error {}

/**
 * Where the identity provider sends the person back (`/auth/callback`): the sign-in is finished here, then
 * the page the person was going to. A failed sign-in goes back to the sign-in page, which says why.
 */
export function CallbackPage() {
  const t = useT();
  const { signIn } = useSession();
  useEffect(() => {
    const url = location.href;
    if (completing?.url !== url) completing = { url, outcome: complete(url) };
    let current = true;
    completing.outcome.then(
      ({ session, next }) => {
        if (!current) return;
        signIn(session);
        navigate(next, { replace: true });
      },
      (error: unknown) => {
        if (!current) return;
        const failed: SignInFailure | 'noAgency' =
          error instanceof NoAgencyError ? 'noAgency' : error instanceof SignInError ? error.reason : 'refused';
        navigate(`/sign-in?failed=${failed}`, { replace: true });
      },
    );
    return () => {
      current = false;
    };
  }, [signIn]);
  return (
    <section className="sign-in">
      <h1 tabIndex={-1}>{t('signIn.title')}</h1>
      <p aria-busy="true">{t('auth.callback.working')}</p>
    </section>
  );
}
