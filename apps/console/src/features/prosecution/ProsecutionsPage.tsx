import { useState } from 'react';
import { useQuery } from '../../api/hooks';
import type { PageProps } from '../../app/page';
import { Link } from '../../app/router';
import { AgencyName } from '../../components/agency';
import { ErrorNotice, Loading, OfflineBanner } from '../../components/feedback';
import type { ProsecutionStatus } from '../../gql/graphql';
import { useKivuTime, useT } from '../../i18n/i18n';
import { ProsecutionsQuery } from './operations';
import { PROSECUTION_STATUSES } from './vocabulary';
import './prosecution.css';

/** `/prosecutions`: the office's prosecutions, most recently received first, by status when asked. */
export function ProsecutionsPage(_props: PageProps) {
  const t = useT();
  const time = useKivuTime();
  const [status, setStatus] = useState<ProsecutionStatus | ''>('');
  const { data, error, loading, offlineAsOf } = useQuery(ProsecutionsQuery, {
    filter: { first: 100, ...(status ? { status } : {}) },
  });
  const rows = data?.prosecutions.nodes ?? [];
  return (
    <section>
      <h1 tabIndex={-1}>{t('prosecution.list.title')}</h1>
      <OfflineBanner asOf={offlineAsOf} />
      <label htmlFor="prosecution-status-filter">{t('prosecution.list.filter')}</label>
      <select
        id="prosecution-status-filter"
        value={status}
        onChange={(e) => setStatus(e.target.value as ProsecutionStatus | '')}
      >
        <option value="">{t('prosecution.list.filter.all')}</option>
        {PROSECUTION_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`prosecution.status.${s}`)}
          </option>
        ))}
      </select>
      <ErrorNotice error={error} />
      {loading && !data ? (
        <Loading />
      ) : data && rows.length === 0 ? (
        <p>{t('prosecution.list.none')}</p>
      ) : rows.length > 0 ? (
        <div className="table-scroll">
          <table>
            <caption>{t('prosecution.list.caption', { count: rows.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('prosecution.column.prosecution')}</th>
                <th scope="col">{t('prosecution.column.case')}</th>
                <th scope="col">{t('prosecution.column.police')}</th>
                <th scope="col">{t('prosecution.column.status')}</th>
                <th scope="col">{t('prosecution.column.progress')}</th>
                <th scope="col">{t('prosecution.column.received')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.prosecutionId}>
                  <th scope="row">
                    <Link href={`/prosecutions/${encodeURIComponent(p.prosecutionId)}`}>
                      {p.reference ?? t('prosecution.noReference', { date: time.date(p.receivedAt) })}
                    </Link>
                  </th>
                  <td>
                    <Link href={`/cases/${encodeURIComponent(p.jointCaseId)}`}>
                      {p.jointCase.reference ?? t('prosecution.case.noReference')}
                    </Link>
                  </td>
                  <td>
                    <AgencyName id={p.fromPoliceAgencyId} agency={p.fromPoliceAgency} />
                  </td>
                  <td>
                    {t(`prosecution.status.${p.status}`)}
                    {p.closeReason ? ` (${t(`prosecution.closeReason.${p.closeReason}`)})` : null}
                  </td>
                  <td>
                    {t('prosecution.progress', {
                      charges: p.chargeCount,
                      held: p.hearingsHeldCount,
                      hearings: p.hearingCount,
                      verdicts: p.verdictCount,
                      convictions: p.convictionCount,
                    })}
                  </td>
                  <td>
                    <time dateTime={p.receivedAt}>{time.date(p.receivedAt)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {data?.prosecutions.pageInfo.hasNextPage ? <p>{t('prosecution.list.more')}</p> : null}
    </section>
  );
}
