import { Suspense, useEffect } from 'react';
import { startOutbox } from '../api/outbox';
import { I18nProvider, useT } from '../i18n/i18n';
import { SessionProvider, useSession } from '../session/session';
import { ROUTES } from './routes';
import { Layout } from './Layout';
import { match, navigate, usePath } from './router';

function Pages() {
  const path = usePath();
  const { session } = useSession();
  const t = useT();
  // The sign-in page, and the identity provider's return to the console (its answer is in the query).
  const signingIn = path.startsWith('/sign-in') || path.startsWith('/auth/callback');
  useEffect(() => {
    if (!session && !signingIn) navigate(`/sign-in?next=${encodeURIComponent(path)}`, { replace: true });
  }, [session, signingIn, path]);
  useEffect(() => startOutbox(), []);
  if (!session && !signingIn) return null;
  for (const route of ROUTES) {
    const params = match(route.path, path);
    if (params) {
      const Page = route.page;
      return (
        <Suspense fallback={<p aria-busy="true">{t('common.loading')}</p>}>
          <Page params={params} />
        </Suspense>
      );
    }
  }
  return (
    <section>
      <h1 tabIndex={-1}>{t('notFound.title')}</h1>
    </section>
  );
}

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <Layout>
          <Pages />
        </Layout>
      </SessionProvider>
    </I18nProvider>
  );
}
