import { useState } from 'react';
import { useQuery } from '../../api/hooks';
import type { PageProps } from '../../app/page';
import { Link } from '../../app/router';
import { ErrorNotice, Loading, OfflineBanner } from '../../components/feedback';
import { graphql } from '../../gql';
import { useKivuTime, useT } from '../../i18n/i18n';

const JointCasesQuery = graphql(`
  query ConsoleJointCases($filter: JointCaseFilter) {
    jointCases(filter: $filter) {
      nodes {
        jointCaseId
        stage
        siteCode
        province
        territory
        openedAt
        lastActivityAt
        missedDeadlines
        agencyIds
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** The joint cases the agency is party to (the coordination body: every case), most recent first. */
export function CasesPage(_props: PageProps) {
  const t = useT();
  const time = useKivuTime();
  const [overdueOnly, setOverdueOnly] = useState(false);
  const { data, error, loading, offlineAsOf } = useQuery(JointCasesQuery, {
    filter: { first: 50, ...(overdueOnly ? { overdue: true } : {}) },
  });
  return (
    <section>
      <h1 tabIndex={-1}>{t('cases.title')}</h1>
      <OfflineBanner asOf={offlineAsOf} />
      <ErrorNotice error={error} />
      <label>
        <input type="checkbox" role="switch" checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)} />
        {t('cases.overdueOnly')}
      </label>
      {loading && !data ? <Loading /> : null}
      {data ? (
        data.jointCases.nodes.length === 0 ? (
          <p>{t('cases.none')}</p>
        ) : (
          <div className="overflow-auto">
            <table>
              <caption className="visually-hidden">{t('cases.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('cases.column.case')}</th>
                  <th scope="col">{t('cases.column.stage')}</th>
                  <th scope="col">{t('cases.column.site')}</th>
                  <th scope="col">{t('cases.column.lastActivity')}</th>
                  <th scope="col">{t('cases.column.missedDeadlines')}</th>
                </tr>
              </thead>
              <tbody>
                {data.jointCases.nodes.map((c) => (
                  <tr key={c.jointCaseId}>
                    <td>
                      <Link href={`/cases/${c.jointCaseId}`}>
                        {t('cases.openedOn', { date: time.date(c.openedAt) })}
                      </Link>
                    </td>
                    <td>{t(`stage.${c.stage}`)}</td>
                    <td>{c.siteCode ?? t('common.none')}</td>
                    <td>{time.dateTime(c.lastActivityAt)}</td>
                    <td className={c.missedDeadlines > 0 ? 'flag-overdue' : undefined}>{c.missedDeadlines}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : null}
    </section>
  );
}
