import { useEffect, useState, type SyntheticEvent } from 'react';
import { apiErrorOf, type ApiError } from '../../api/errors';
import { navigate, searchParam } from '../../app/router';
import { loadSignInOffer, type SignInOffer } from '../../auth/config';
import { ErrorNotice } from '../../components/feedback';
import { useT } from '../../i18n/i18n';
import { sessionOfToken, useSession } from '../../session/session';
import { AGENCY_TYPES, DEV_AGENCIES } from './agencies';
import { ProviderSignIn } from './ProviderSignIn';

/** The console's page to show once signed in: the `next` it was opened with, if it is one of the console's. */
export function nextPage(): string {
  const next = searchParam('next');
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/';
}

/**
 * The sign-in the platform offers (`GET /auth/config`): the organisation's account at its identity
 * provider, or the development sign-in (an agency, its type and a role, through the development issuer:
 * a laptop's and a demo's, and it says so).
 */
export function SignInPage() {
  const t = useT();
  const { signIn } = useSession();
  const [mode, setMode] = useState<'loading' | 'ready' | 'unreachable'>('loading');
  const [offer, setOffer] = useState<SignInOffer>({ development: false, oidc: undefined });
  const [agencyId, setAgencyId] = useState(DEV_AGENCIES[0]?.agencyId ?? '');
  const [agencyType, setAgencyType] = useState(DEV_AGENCIES[0]?.agencyType ?? 'first_responder');
  const [role, setRole] = useState(DEV_AGENCIES[0]?.roles[0] ?? '');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    loadSignInOffer().then(
      (answer) => {
        setOffer(answer);
        setMode('ready');
      },
      () => setMode('unreachable'),
    );
  }, []);

  const pickAgency = (id: string) => {
    setAgencyId(id);
    const known = DEV_AGENCIES.find((a) => a.agencyId === id);
    if (known) {
      setAgencyType(known.agencyType);
      setRole(known.roles[0] ?? '');
    }
  };

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const response = await fetch('/auth/dev-token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ agencyId: agencyId.trim(), agencyType, roles: [role.trim()] }),
      });
      const body = (await response.json()) as {
        token?: string;
        errors?: { message?: unknown; extensions?: Record<string, unknown> }[];
      };
      const session = body.token ? sessionOfToken(body.token, true) : undefined;
      if (!session) {
        setError(apiErrorOf(body.errors?.[0] ?? { message: 'no token' }));
        return;
      }
      signIn(session);
      navigate(nextPage(), { replace: true });
    } catch {
      setMode('unreachable');
    } finally {
      setBusy(false);
    }
  };

  const roles = DEV_AGENCIES.find((a) => a.agencyType === agencyType)?.roles ?? [];
  return (
    <section className="sign-in">
      <h1 tabIndex={-1}>{t('signIn.title')}</h1>
      {mode === 'unreachable' ? <p role="alert">{t('signIn.unreachable')}</p> : null}
      {mode === 'ready' && offer.oidc ? <ProviderSignIn settings={offer.oidc} next={nextPage()} /> : null}
      {mode === 'ready' && !offer.oidc && !offer.development ? <p>{t('signIn.identityProvider')}</p> : null}
      {mode === 'ready' && offer.development ? (
        <form onSubmit={(event) => void submit(event)} aria-describedby="dev-warning">
          <p id="dev-warning" className="banner banner-development" role="note">
            {t('signIn.developmentOnly')}
          </p>
          <label>
            {t('signIn.agency')}
            <input
              name="agencyId"
              list="dev-agencies"
              value={agencyId}
              onChange={(event) => pickAgency(event.target.value)}
              required
              autoComplete="organization"
            />
            <datalist id="dev-agencies">
              {DEV_AGENCIES.map((a) => (
                <option key={a.agencyId} value={a.agencyId}>
                  {t(`agencyType.${a.agencyType}`)}
                </option>
              ))}
            </datalist>
          </label>
          <label>
            {t('signIn.agencyType')}
            <select name="agencyType" value={agencyType} onChange={(event) => setAgencyType(event.target.value)}>
              {AGENCY_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(`agencyType.${type}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('signIn.role')}
            <input
              name="role"
              list="dev-roles"
              value={role}
              onChange={(event) => setRole(event.target.value)}
              required
            />
            <datalist id="dev-roles">
              {roles.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </datalist>
          </label>
          <ErrorNotice error={error} />
          <button type="submit" aria-busy={busy} disabled={busy}>
            {t('signIn.submit')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
