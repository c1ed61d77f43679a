import { useState } from 'react';
import { leaveFor } from '../../auth/navigation';
import { SignInError, type OidcSettings, type SignInFailure } from '../../auth/provider';
import { useLanguage, useT } from '../../i18n/i18n';
import { searchParam } from '../../app/router';

/** A failed sign-in as a sentence: what happened and what to do. */
export function useSignInFailureText(): (reason: SignInFailure) => string {
  const t = useT();
  return (reason) => {
    switch (reason) {
      case 'unreachable':
        return t('auth.error.unreachable');
      case 'cancelled':
        return t('auth.error.cancelled');
      case 'state':
        return t('auth.error.state');
      case 'refused':
        return t('auth.error.refused');
      case 'expired':
        return t('auth.error.expired');
    }
  };
}

const FAILURES: readonly SignInFailure[] = ['unreachable', 'cancelled', 'state', 'refused', 'expired'];

/** Why the last sign-in failed, when the sign-in page was opened after one (`?failed=`). */
export function failureOfPage(): SignInFailure | 'noAgency' | undefined {
  const failed = searchParam('failed');
  if (failed === 'noAgency') return failed;
  return FAILURES.find((f) => f === failed);
}

/**
 * "Sign in with your organisation's account": to the identity provider's sign-in page (Authorization Code
 * with PKCE), which sends the person back to the console.
 */
export function ProviderSignIn({ settings, next }: { settings: OidcSettings; next: string }) {
  const t = useT();
  const failureText = useSignInFailureText();
  const { language } = useLanguage();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<SignInFailure | 'noAgency' | undefined>(failureOfPage);

  const start = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      // The provider's library comes when someone signs in with it, not with the console's first load.
      const { beginSignIn } = await import('../../auth/oidc');
      leaveFor(await beginSignIn(settings, next, language));
    } catch (error) {
      setFailure(error instanceof SignInError ? error.reason : 'unreachable');
      setBusy(false);
    }
  };

  return (
    <div>
      {failure ? (
        <p role="alert" className="banner banner-error">
          {failure === 'noAgency' ? t('auth.error.noAgency') : failureText(failure)}
        </p>
      ) : null}
      <button type="button" aria-busy={busy} disabled={busy} onClick={() => void start()}>
        {t('auth.oidc.submit')}
      </button>
    </div>
  );
}
