import { type ReactNode } from 'react';
import { useOnline, useOutbox } from '../api/hooks';
import { forgetPersonalCommands, personalCommandsWaiting } from '../api/outbox';
import { useAgencyName } from '../components/agency';
import { LANGUAGES, type Language } from '../i18n/catalogue';
import { useLanguage, useT } from '../i18n/i18n';
import { useSession } from '../session/session';
import { Link } from './router';
import { navFor } from './routes';

function LanguageSwitch() {
  const t = useT();
  const { language, setLanguage } = useLanguage();
  return (
    <label className="language-switch">
      <span className="visually-hidden">{t('language.label')}</span>
      <select
        value={language}
        onChange={(event) => setLanguage(event.target.value as Language)}
        data-testid="language-switch"
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`language.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Every page: who is signed in, the language, the link state and what waits to be sent. */
export function Layout({ children }: { children: ReactNode }) {
  const t = useT();
  const { session, signOut } = useSession();
  const ownAgency = useAgencyName(session?.agencyId);
  const online = useOnline();
  const outbox = useOutbox();
  const waiting = outbox.filter((e) => e.state === 'pending').length;
  const needsYou = outbox.length - waiting;
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      {session?.development ? (
        <p className="banner banner-development" role="note">
          {t('signIn.developmentBanner')}
        </p>
      ) : null}
      <header className="container">
        <nav aria-label={t('nav.label')}>
          <ul>
            <li>
              <Link href="/" className="brand">
                <strong>{t('app.name')}</strong>
              </Link>
            </li>
          </ul>
          <ul>
            {session ? (
              <>
                <li>
                  <Link href="/">{t('nav.queues')}</Link>
                </li>
                <li>
                  <Link href="/cases">{t('nav.cases')}</Link>
                </li>
                {navFor(session).map((item) => (
                  <li key={item.href}>
                    <Link href={item.href}>{t(item.label)}</Link>
                  </li>
                ))}
                <li>
                  <Link href="/outbox" data-testid="outbox-link">
                    {t('nav.outbox', { waiting, needsYou })}
                  </Link>
                </li>
              </>
            ) : null}
            <li>
              <LanguageSwitch />
            </li>
            {session ? (
              <li>
                <details className="dropdown">
                  <summary title={session.agencyId}>
                    {t('nav.signedInAs', { agency: ownAgency, role: session.roles.join(', ') })}
                  </summary>
                  <ul>
                    <li>
                      <button
                        type="button"
                        className="secondary"
                        onClick={() => {
                          // Personal data waiting to be sent does not stay on a device nobody is signed in to.
                          const personal = personalCommandsWaiting();
                          // Nothing to erase: signed out at once, in the click (the provider's sign-out page
                          // opens as the click's own navigation).
                          if (personal === 0) {
                            signOut();
                            return;
                          }
                          if (!window.confirm(t('nav.signOutDropsPersonal', { count: personal }))) return;
                          void forgetPersonalCommands().finally(signOut);
                        }}
                      >
                        {t('nav.signOut')}
                      </button>
                    </li>
                  </ul>
                </details>
              </li>
            ) : null}
          </ul>
        </nav>
        {!online ? (
          <p role="status" className="banner banner-offline" data-testid="offline-banner">
            {t('offline.now', { waiting })}
          </p>
        ) : null}
      </header>
      <main id="main" className="container">
        {children}
      </main>
    </>
  );
}
