import { Fragment } from 'react';
import { useQuery } from '../../api/hooks';
import type { PageProps } from '../../app/page';
import { Link } from '../../app/router';
import { AgencyName } from '../../components/agency';
import { ErrorNotice, Loading, OfflineBanner } from '../../components/feedback';
import { useKivuTime, useT } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { MeetingsQuery, type MeetingSummary } from './operations';
import './meetings.css';

/** `/meetings`: the meetings the caller may read, those to come first, then those held. */
export function MeetingsPage(_props: PageProps) {
  const t = useT();
  const { session } = useSession();
  const upcoming = useQuery(MeetingsQuery, { filter: { upcoming: true, first: 100 } });
  const all = useQuery(MeetingsQuery, { filter: { upcoming: false, first: 100 } });
  // Held: every meeting that is not one of those to come (the platform judges "to come").
  const upcomingIds = new Set((upcoming.data?.meetings.nodes ?? []).map((m) => m.meetingId));
  const past = (all.data?.meetings.nodes ?? []).filter((m) => !upcomingIds.has(m.meetingId));
  return (
    <section className="meetings-page">
      <h1 tabIndex={-1}>{t('meetings.title')}</h1>
      {session?.agencyType === 'coordination_body' ? (
        <p>
          <Link href="/meetings/new" role="button">
            {t('meetings.new.link')}
          </Link>
        </p>
      ) : null}
      <OfflineBanner asOf={upcoming.offlineAsOf ?? all.offlineAsOf} />
      <ErrorNotice error={upcoming.error ?? all.error} />
      {upcoming.loading && !upcoming.data ? <Loading /> : null}
      {upcoming.data ? <MeetingTable caption={t('meetings.upcoming')} meetings={upcoming.data.meetings.nodes} /> : null}
      {all.data ? <MeetingTable caption={t('meetings.past')} meetings={past} /> : null}
    </section>
  );
}

function MeetingTable({ caption, meetings }: { caption: string; meetings: readonly MeetingSummary[] }) {
  const t = useT();
  const time = useKivuTime();
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('meetings.column.when')}</th>
          <th scope="col">{t('meetings.column.title')}</th>
          <th scope="col">{t('meetings.column.place')}</th>
          <th scope="col">{t('meetings.column.participants')}</th>
          <th scope="col">{t('meetings.field.language')}</th>
          <th scope="col">{t('meetings.column.status')}</th>
        </tr>
      </thead>
      <tbody>
        {meetings.length === 0 ? (
          <tr>
            <td colSpan={6}>{t('meetings.none')}</td>
          </tr>
        ) : (
          meetings.map((m) => (
            <tr key={m.meetingId}>
              <td>
                <time dateTime={m.scheduledFor}>{time.dateTime(m.scheduledFor)}</time>
              </td>
              <th scope="row">
                <Link href={`/meetings/${encodeURIComponent(m.meetingId)}`}>{m.title}</Link>
              </th>
              <td>
                {m.siteCode
                  ? t('meetings.placeWithSite', { province: t(`meetings.province.${m.province}`), site: m.siteCode })
                  : t(`meetings.province.${m.province}`)}
              </td>
              <td>
                {m.participantAgencyIds.map((id, n) => (
                  <Fragment key={id}>
                    {n > 0 ? ', ' : null}
                    <AgencyName id={id} agency={m.participantAgencies?.find((a) => a.agencyId === id)} />
                  </Fragment>
                ))}
              </td>
              <td>{t(`meetings.language.${m.language}`)}</td>
              <td>{t(`meetings.status.${m.status}`)}</td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
}
