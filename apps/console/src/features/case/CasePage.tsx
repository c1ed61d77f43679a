import type { PageProps } from '../../app/page';
import { useT } from '../../i18n/i18n';

/** Placeholder: built in this issue. */
export function CasePage(_props: PageProps) {
  const t = useT();
  return (
    <section>
      <h1 tabIndex={-1}>{t('notFound.title')}</h1>
    </section>
  );
}
