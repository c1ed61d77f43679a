import { useQuery } from '../../api/hooks';
import type { PageProps } from '../../app/page';
import { searchParam } from '../../app/router';
import { ErrorNotice, Loading, OfflineBanner } from '../../components/feedback';
import { useT } from '../../i18n/i18n';
import { HearingsCalendar } from './HearingsCalendar';
import { monthKey, parseMonth } from './kivu';
import { UpcomingHearingsQuery } from './operations';
import './prosecution.css';

/** How far ahead the calendar reads: the API's longest window, as many hearings as it gives at once. */
const HEARINGS_FILTER = { days: 365, first: 200 } as const;

/**
 * `/hearings`: the office's hearings not yet held, on a month calendar in Kivu time (`?month=2026-12`
 * opens that month). Held and cancelled hearings show on each prosecution's own page.
 */
export function HearingsPage(_props: PageProps) {
  const t = useT();
  const { data, error, loading, offlineAsOf } = useQuery(UpcomingHearingsQuery, { filter: HEARINGS_FILTER });
  const initialMonth = parseMonth(searchParam('month'));
  const hearings = data?.upcomingHearings.nodes ?? [];
  return (
    <section>
      <h1 tabIndex={-1}>{t('prosecution.hearings.title')}</h1>
      <p>{t('prosecution.hearings.intro')}</p>
      <OfflineBanner asOf={offlineAsOf} />
      <ErrorNotice error={error} />
      {loading && !data ? <Loading /> : null}
      {data?.upcomingHearings.pageInfo.hasNextPage ? <p>{t('prosecution.hearings.more')}</p> : null}
      <HearingsCalendar
        hearings={hearings}
        {...(initialMonth ? { initialMonth } : {})}
        onMonthChange={(month) => history.replaceState(null, '', `/hearings?month=${monthKey(month)}`)}
      />
    </section>
  );
}
