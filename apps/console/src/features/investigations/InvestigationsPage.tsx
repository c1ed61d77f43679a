import { useState } from 'react';
import { useQuery } from '../../api/hooks';
import type { PageProps } from '../../app/page';
import { Link } from '../../app/router';
import { ErrorNotice, Loading, OfflineBanner } from '../../components/feedback';
import { useKivuTime, useT } from '../../i18n/i18n';
import { InvestigationsListQuery } from './operations';
import './investigations.css';

const PAGE_SIZE = 50;

/**
 * `/investigations`: the police agency's investigations, open first, then the most recently active (the
 * API's order), each row to its page; a page at a time, so the list reads on a poor connection.
 */
export function InvestigationsPage(_props: PageProps) {
  const t = useT();
  const time = useKivuTime();
  // The cursors of the pages read so far: going back needs no new request shape.
  const [cursors, setCursors] = useState<readonly string[]>([]);
  const after = cursors.at(-1);
  const { data, error, loading, offlineAsOf } = useQuery(InvestigationsListQuery, {
    filter: { first: PAGE_SIZE, ...(after ? { after } : {}) },
  });
  const connection = data?.investigations;
  const rows = connection?.nodes ?? [];
  const openCount = rows.filter((i) => i.status === 'OPEN').length;

  return (
    <section>
      <h1 tabIndex={-1}>{t('investigations.list.title')}</h1>
      <p>{t('investigations.list.intro')}</p>
      <OfflineBanner asOf={offlineAsOf} />
      {connection ? (
        rows.length === 0 ? (
          <p>{t('investigations.list.none')}</p>
        ) : (
          <div className="overflow-auto">
            <table className="investigation-list">
              <caption>{t('investigations.list.caption', { open: openCount, count: rows.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('investigations.list.column.investigation')}</th>
                  <th scope="col">{t('investigations.list.column.status')}</th>
                  <th scope="col">{t('investigations.list.column.offences')}</th>
                  <th scope="col">{t('investigations.list.column.progress')}</th>
                  <th scope="col">{t('investigations.list.column.lastActivity')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((i) => (
                  <tr key={i.investigationId} data-testid="investigation-row">
                    <th scope="row">
                      <Link href={`/investigations/${encodeURIComponent(i.investigationId)}`}>
                        {i.reference ??
                          t('investigations.list.unnamed', {
                            date: time.date(i.openedAt),
                            site: i.siteCode ?? t('common.none'),
                          })}
                      </Link>
                      <br />
                      <small>
                        {i.siteCode ?? t('investigations.list.noSite')}
                        {' · '}
                        {t('investigations.list.opened', { date: time.date(i.openedAt) })}
                      </small>
                    </th>
                    <td>
                      {t(`investigations.status.${i.status}`)}
                      {i.closureReason ? (
                        <>
                          <br />
                          <small>{t(`investigations.closureReason.${i.closureReason}`)}</small>
                        </>
                      ) : null}
                    </td>
                    <td>
                      {i.offences.length > 0
                        ? i.offences.map((o) => t(`investigations.offence.${o}`)).join(', ')
                        : t('common.none')}
                    </td>
                    <td>
                      {t('investigations.list.progress', {
                        evidence: i.evidenceCount,
                        suspects: i.suspectCount,
                        arrests: i.arrestCount,
                        caseFiles: i.caseFileCount,
                      })}
                    </td>
                    <td>
                      <time dateTime={i.lastActivityAt}>{time.dateTime(i.lastActivityAt)}</time>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : loading ? (
        <Loading />
      ) : error ? (
        <ErrorNotice error={error} />
      ) : offlineAsOf ? (
        <p>{t('investigations.list.notReadOffline')}</p>
      ) : null}
      <div className="actions-row">
        {cursors.length > 0 ? (
          <button type="button" className="secondary" onClick={() => setCursors((c) => c.slice(0, -1))}>
            {t('investigations.list.previous')}
          </button>
        ) : null}
        {connection?.pageInfo.hasNextPage && connection.pageInfo.endCursor ? (
          <button
            type="button"
            className="secondary"
            onClick={() => {
              const next = connection.pageInfo.endCursor;
              if (next) setCursors((c) => [...c, next]);
            }}
          >
            {t('investigations.list.next')}
          </button>
        ) : null}
      </div>
    </section>
  );
}
