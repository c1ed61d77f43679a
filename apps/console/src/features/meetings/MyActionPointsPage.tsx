import { useState } from 'react';
import { useQuery } from '../../api/hooks';
import type { PageProps } from '../../app/page';
import { Link } from '../../app/router';
import { DueTime, ErrorNotice, Loading, OfflineBanner } from '../../components/feedback';
import { useT } from '../../i18n/i18n';
import { CompleteButton } from './MeetingRecords';
import { MyActionPointsQuery } from './operations';
import './meetings.css';

/** `/action-points`: what meetings asked of the caller's agency, soonest due first. */
export function MyActionPointsPage(_props: PageProps) {
  const t = useT();
  const [openOnly, setOpenOnly] = useState(true);
  const { data, error, loading, offlineAsOf, refresh } = useQuery(MyActionPointsQuery, {
    filter: { openOnly, first: 200 },
  });
  const points = data?.myActionPoints.nodes ?? [];
  return (
    <section className="meetings-page">
      <h1 tabIndex={-1}>{t('meetings.myActionPoints.title')}</h1>
      <label>
        <input type="checkbox" role="switch" checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)} />
        {t('meetings.myActionPoints.openOnly')}
      </label>
      <OfflineBanner asOf={offlineAsOf} />
      <ErrorNotice error={error} />
      {loading && !data ? <Loading /> : null}
      {data ? (
        <table>
          <caption>{t('meetings.myActionPoints.caption', { count: points.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('meetings.column.actionPoint')}</th>
              <th scope="col">{t('meetings.column.dueBy')}</th>
              <th scope="col">{t('meetings.column.status')}</th>
              <th scope="col">{t('meetings.column.links')}</th>
            </tr>
          </thead>
          <tbody>
            {points.length === 0 ? (
              <tr>
                <td colSpan={4}>{t('meetings.myActionPoints.none')}</td>
              </tr>
            ) : (
              points.map((p) => (
                <tr key={p.actionPointId}>
                  <th scope="row">{p.description}</th>
                  <td>
                    <DueTime dueBy={p.dueBy} overdue={p.overdue} />
                  </td>
                  <td>
                    {t(`meetings.actionPointStatus.${p.status}`)}
                    {p.status === 'OPEN' ? (
                      <>
                        {' '}
                        <CompleteButton point={p} onRecorded={refresh} />
                      </>
                    ) : null}
                  </td>
                  <td>
                    <Link href={`/meetings/${encodeURIComponent(p.meetingId)}`}>{t('meetings.openMeeting')}</Link>
                    {p.jointCaseId ? (
                      <>
                        {' · '}
                        <Link href={`/cases/${encodeURIComponent(p.jointCaseId)}`}>
                          {p.caseReference
                            ? t('meetings.openCaseRef', { reference: p.caseReference })
                            : t('meetings.openCase')}
                        </Link>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
